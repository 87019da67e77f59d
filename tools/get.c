/* `mote get`: one HTTP/1.1 GET over TLS, the body to stdout.
 *
 *   mote get https://HOST[:PORT]/PATH [--ca FILE] [--host NAME] [-v] [--stats] [options]
 *
 * Sends "GET PATH HTTP/1.1" with Host and "Connection: close", SNI and
 * host-name verification against HOST (or --host NAME, which then also
 * goes in the Host header). The body goes to stdout, de-chunked; its end
 * is found from Transfer-Encoding: chunked, Content-Length, or the close of
 * the connection. With -v the negotiated parameters, the status line and
 * the headers go to stderr. Interim 1xx responses are skipped; redirects
 * are not followed (Location is printed with -v).
 *
 * Exit status: 0 for a complete response with a status below 400, 1 for
 * 4xx/5xx (the body is still written) and for any connection, TLS or HTTP
 * error, 2 for a usage error. A body delimited only by the close of the
 * connection that ends without close_notify may be truncated: it is
 * written, and a warning says so. */
#define _POSIX_C_SOURCE 200809L /* strncasecmp */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "mote/mote.h"
#include "tls_tool.h"
#include "tools.h"

#define GET_USAGE                                                                                  \
    "usage: mote get https://HOST[:PORT]/PATH [options]\n"                                         \
    "  -v, --verbose      print the session, the status line and headers on stderr\n"

/* ---- the URL ---- */

typedef struct {
    char host[256];      /* without brackets */
    char port[8];        /* "443" by default */
    char path[4096];     /* request target: "/..." with the query, no fragment */
    char authority[300]; /* for the Host header: [v6] and :port when not 443 */
} url_parts;

static int url_fail(const char *url, const char *why)
{
    fprintf(stderr, "mote get: %s: %s\n", url, why);
    return -1;
}

static int parse_url(url_parts *u, const char *url)
{
    const char *p = url, *a, *aend, *h, *hend, *port = NULL;
    size_t n, i;
    unsigned long pn = 443;
    if (strncasecmp(p, "https://", 8) != 0) return url_fail(url, "only https:// URLs");
    a = p + 8;
    aend = a + strcspn(a, "/?#");
    if (memchr(a, '@', (size_t)(aend - a))) return url_fail(url, "user information not supported");
    if (*a == '[') { /* [IPv6] */
        h = a + 1;
        hend = memchr(h, ']', (size_t)(aend - h));
        if (!hend) return url_fail(url, "unterminated [");
        if (hend + 1 < aend) {
            if (hend[1] != ':') return url_fail(url, "bad authority");
            port = hend + 2;
        }
    } else {
        h = a;
        hend = memchr(a, ':', (size_t)(aend - a));
        if (hend)
            port = hend + 1;
        else
            hend = aend;
    }
    n = (size_t)(hend - h);
    if (n == 0 || n >= sizeof u->host) return url_fail(url, "bad host");
    memcpy(u->host, h, n);
    u->host[n] = 0;
    if (port) {
        char *end;
        if (port == aend || aend - port > 5) return url_fail(url, "bad port");
        for (i = 0; port + i < aend; i++)
            if (port[i] < '0' || port[i] > '9') return url_fail(url, "bad port");
        pn = strtoul(port, &end, 10);
        if (pn == 0 || pn > 65535) return url_fail(url, "bad port");
    }
    snprintf(u->port, sizeof u->port, "%lu", pn);
    /* Request target: path and query, the fragment stays with the client. */
    n = strcspn(aend, "#");
    if (n + 2 > sizeof u->path) return url_fail(url, "path too long");
    i = 0;
    if (*aend != '/') u->path[i++] = '/';
    memcpy(u->path + i, aend, n);
    u->path[i + n] = 0;
    for (i = 0; u->path[i]; i++)
        if ((unsigned char)u->path[i] <= 0x20 || u->path[i] == 0x7f)
            return url_fail(url, "spaces and control characters must be %-encoded");
    return 0;
}

/* ---- reading the response ---- */

typedef struct {
    mote_tool_session *s;
    int fd;
    size_t pos, len; /* unread bytes: buf[pos..len) */
    int closed;      /* 1: close_notify received, 2: TCP closed without it */
    uint8_t buf[16384];
} reader;

/* More bytes from the connection. Returns how many were added, 0 at the
 * end of the stream, or a negative error (MOTE_ERR_BAD_INPUT: the buffer
 * is full of one unfinished line). */
static long more(reader *r)
{
    long n;
    if (r->closed) return 0;
    if (r->pos == r->len) {
        r->pos = r->len = 0;
    } else if (r->len == sizeof r->buf) {
        if (r->pos == 0) return MOTE_ERR_BAD_INPUT;
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->pos = 0;
    }
    n = mote_tool_read(r->s, r->fd, r->buf + r->len, sizeof r->buf - r->len);
    if (n == 0 || n == MOTE_ERR_TLS_CLOSED_TRUNCATED) {
        r->closed = n == 0 ? 1 : 2;
        return 0;
    }
    if (n < 0) return n;
    r->len += (size_t)n;
    return n;
}

static const char *read_error(long rc)
{
    if (rc == MOTE_ERR_BAD_INPUT) return "header line too long";
    if (rc == 0) return "connection closed in the middle of the response";
    return mote_strerror((int)rc);
}

/* The next line (LF or CRLF ended, terminator removed), NUL-terminated in
 * the buffer: valid until the next read. NULL on error (printed). */
static char *get_line(reader *r)
{
    for (;;) {
        uint8_t *nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
        long rc;
        if (nl) {
            char *line = (char *)r->buf + r->pos;
            size_t n = (size_t)(nl - (r->buf + r->pos));
            r->pos += n + 1;
            if (n > 0 && line[n - 1] == '\r') n--;
            line[n] = 0;
            return line;
        }
        rc = more(r);
        if (rc <= 0) {
            fprintf(stderr, "mote get: %s\n", read_error(rc));
            return NULL;
        }
    }
}

/* Copy len body bytes to stdout (until the end of the stream if
 * until_close). Returns 0 or -1 (printed). */
static int copy_body(reader *r, uint64_t len, int until_close)
{
    while (until_close || len > 0) {
        size_t take = r->len - r->pos;
        if (take == 0) {
            long rc = more(r);
            if (rc < 0 || (rc == 0 && !until_close)) {
                fprintf(stderr, "mote get: %s\n", read_error(rc));
                return -1;
            }
            if (rc == 0) return 0;
            continue;
        }
        if (!until_close && take > len) take = (size_t)len;
        if (fwrite(r->buf + r->pos, 1, take, stdout) != take) {
            fprintf(stderr, "mote get: cannot write the body\n");
            return -1;
        }
        r->pos += take;
        if (!until_close) len -= take;
    }
    return 0;
}

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* Transfer-Encoding: chunked (RFC 9112 section 7.1). */
static int copy_chunked(reader *r)
{
    for (;;) {
        char *line = get_line(r), *p;
        uint64_t size = 0;
        int digits = 0;
        if (!line) return -1;
        for (p = line; hexval(*p) >= 0; p++) {
            if (++digits > 15) break; /* also bounds the value below 2^60 */
            size = size * 16 + (uint64_t)hexval(*p);
        }
        while (*p == ' ' || *p == '\t')
            p++;
        if (digits == 0 || digits > 15 || (*p && *p != ';')) {
            fprintf(stderr, "mote get: bad chunk size line '%.40s'\n", line);
            return -1;
        }
        if (size == 0) break;
        if (copy_body(r, size, 0)) return -1;
        line = get_line(r);
        if (!line) return -1;
        if (*line) {
            fprintf(stderr, "mote get: chunk not followed by CRLF\n");
            return -1;
        }
    }
    for (;;) { /* trailer fields, up to the empty line */
        char *line = get_line(r);
        if (!line) return -1;
        if (!*line) return 0;
    }
}

/* A header value without leading and trailing blanks. */
static char *trim(char *v)
{
    size_t n;
    while (*v == ' ' || *v == '\t')
        v++;
    n = strlen(v);
    while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        v[--n] = 0;
    return v;
}

/* Is the last transfer coding of a Transfer-Encoding value "chunked"? */
static int last_coding_chunked(const char *v)
{
    const char *last = strrchr(v, ',');
    char tmp[16];
    size_t n;
    last = last ? last + 1 : v;
    while (*last == ' ' || *last == '\t')
        last++;
    n = strcspn(last, " \t;");
    if (n >= sizeof tmp) return 0;
    memcpy(tmp, last, n);
    tmp[n] = 0;
    return strcasecmp(tmp, "chunked") == 0;
}

typedef struct {
    int status;
    int chunked, has_te, has_length;
    uint64_t length;
} response;

/* Status line and header fields of one response. Returns 0 or -1. */
static int read_head(reader *r, response *h, int verbose)
{
    char *line = get_line(r), *v;
    memset(h, 0, sizeof *h);
    if (!line) return -1;
    if (verbose) fprintf(stderr, "< %s\n", line);
    if (strncmp(line, "HTTP/1.", 7) != 0 || line[7] < '0' || line[7] > '9' || line[8] != ' ' ||
        line[9] < '1' || line[9] > '5' || line[10] < '0' || line[10] > '9' || line[11] < '0' ||
        line[11] > '9' || (line[12] != 0 && line[12] != ' ')) {
        fprintf(stderr, "mote get: not an HTTP/1.x status line: '%.60s'\n", line);
        return -1;
    }
    h->status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    for (;;) {
        line = get_line(r);
        if (!line) return -1;
        if (!*line) return 0;
        if (verbose) fprintf(stderr, "< %s\n", line);
        v = strchr(line, ':');
        if (!v || v == line || line[0] == ' ' || line[0] == '\t') {
            fprintf(stderr, "mote get: malformed header line '%.60s'\n", line);
            return -1;
        }
        *v++ = 0;
        v = trim(v);
        if (strcasecmp(line, "Transfer-Encoding") == 0) {
            h->has_te = 1;
            h->chunked = last_coding_chunked(v);
        } else if (strcasecmp(line, "Content-Length") == 0) {
            uint64_t n = 0;
            const char *p = v;
            if (!*p) goto bad_length;
            for (; *p; p++) {
                if (*p < '0' || *p > '9' || n > (UINT64_MAX - 9) / 10) goto bad_length;
                n = n * 10 + (uint64_t)(*p - '0');
            }
            if (h->has_length && n != h->length) goto bad_length;
            h->has_length = 1;
            h->length = n;
        }
    }
bad_length:
    fprintf(stderr, "mote get: bad or conflicting Content-Length '%.40s'\n", v);
    return -1;
}

static int get_response(reader *r, int verbose, int *status)
{
    response h;
    for (;;) {
        if (read_head(r, &h, verbose)) return -1;
        if (h.status >= 200) break;
        if (h.status == 101) {
            fprintf(stderr, "mote get: unexpected 101 Switching Protocols\n");
            return -1;
        }
        /* 1xx interim response: the real one follows */
    }
    *status = h.status;
    if (h.status == 204 || h.status == 304) return 0;
    if (h.chunked) return copy_chunked(r);
    if (!h.has_te && h.has_length) return copy_body(r, h.length, 0);
    /* Delimited by the end of the connection. */
    if (copy_body(r, 0, 1)) return -1;
    if (r->closed == 2)
        fprintf(stderr, "mote get: warning: the server closed the connection without "
                        "close_notify; the body may be truncated\n");
    return 0;
}

int mote_cmd_get(int argc, char **argv)
{
    static url_parts u;
    static reader r;
    mote_tool_session s;
    const char *url = NULL;
    char *req;
    size_t req_cap;
    int i, rc, fd, verbose = 0, status = 0;
    long w;

    mote_tool_session_defaults(&s);
    for (i = 1; i < argc; i++) {
        int used = mote_tool_parse_option(&s, argc, argv, i);
        if (used < 0) return 2;
        if (used > 0) {
            i += used - 1;
            continue;
        }
        if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0) {
            verbose = 1;
            continue;
        }
        if (argv[i][0] == '-' || url) {
            fprintf(stderr, "mote get: unexpected argument %s\n%s%s", argv[i], GET_USAGE,
                    MOTE_TOOL_USAGE);
            return 2;
        }
        url = argv[i];
    }
    if (!url) {
        fprintf(stderr, "%s%s", GET_USAGE, MOTE_TOOL_USAGE);
        return 2;
    }
    if (parse_url(&u, url)) return 2;
    strcpy(s.host, u.host);
    strcpy(s.port, u.port);
    {
        const char *name = s.sni ? s.sni : u.host;
        int v6 = strchr(name, ':') != NULL;
        snprintf(u.authority, sizeof u.authority, "%s%s%s%s%s", v6 ? "[" : "", name, v6 ? "]" : "",
                 strcmp(u.port, "443") ? ":" : "", strcmp(u.port, "443") ? u.port : "");
    }
    req_cap = strlen(u.path) + strlen(u.authority) + 128;
    req = malloc(req_cap);
    if (!req) return 1;
    snprintf(req, req_cap,
             "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: mote/%s\r\nAccept: */*\r\n"
             "Connection: close\r\n\r\n",
             u.path, u.authority, MOTE_VERSION_STRING);

    fd = mote_tool_connect(&s);
    if (fd < 0) {
        free(req);
        return 1;
    }
    rc = mote_tool_handshake(&s, fd);
    if (rc != MOTE_OK) {
        free(req);
        close(fd);
        mote_tool_free(&s);
        return 1;
    }
    if (verbose) {
        mote_tool_print_session(&s, stderr);
        fprintf(stderr, "> GET %s HTTP/1.1\n> Host: %s\n", u.path, u.authority);
    }
    w = mote_tool_write(&s, fd, req, strlen(req));
    free(req);
    if (w < 0) {
        fprintf(stderr, "mote get: sending the request: %s\n", mote_strerror((int)w));
        rc = -1;
    } else {
        r.s = &s;
        r.fd = fd;
        r.pos = r.len = 0;
        r.closed = 0;
        rc = get_response(&r, verbose, &status);
    }
    if (fflush(stdout) != 0) rc = -1;
    if (!r.closed) mote_tool_close(&s, fd);
    close(fd);
    mote_tool_print_stats(&s, stderr);
    mote_tool_free(&s);
    if (rc) return 1;
    if (status >= 400) {
        fprintf(stderr, "mote get: HTTP status %d\n", status);
        return 1;
    }
    return 0;
}
