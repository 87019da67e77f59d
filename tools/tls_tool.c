/* Shared pieces of the TLS subcommands (see tls_tool.h). */
#define _POSIX_C_SOURCE 200809L /* poll, strtok_r */
#include "tls_tool.h"

#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <time.h>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mote/io_posix.h"
#include "mote/pem.h"
#include "stackmeter.h"
#include "tools_anchors.h"

void mote_tool_session_defaults(mote_tool_session *s)
{
    memset(s, 0, sizeof *s);
    s->in_size = 16384 + 5 + 256;
    s->out_size = 16384 + 5 + 256;
    s->cfg.now = (int64_t)time(NULL);
    s->close_on_eof = 1;
}

/* A suite's IANA name (mote_tls_suite_name), also in mbedTLS's spelling:
 * '-' for '_', any case. */
static int iana_eq(const char *tok, const char *name)
{
    for (; *tok && *name; tok++, name++) {
        char a = *tok == '-' ? '_' : (char)toupper((unsigned char)*tok);
        if (a != *name) return 0;
    }
    return *tok == *name;
}

static int parse_list(const char *list, uint16_t *out, size_t max, int groups)
{
    static const struct {
        const char *name;
        uint16_t id;
    } g[] = {{"x25519", MOTE_GROUP_X25519},       {"p256", MOTE_GROUP_SECP256R1},
             {"secp256r1", MOTE_GROUP_SECP256R1}, {"p384", MOTE_GROUP_SECP384R1},
             {"secp384r1", MOTE_GROUP_SECP384R1}, {"ffdhe2048", MOTE_GROUP_FFDHE2048}},
      su[] = {{"aes128gcm", MOTE_TLS_AES_128_GCM_SHA256},
              {"aes256gcm", MOTE_TLS_AES_256_GCM_SHA384},
              {"chacha20", MOTE_TLS_CHACHA20_POLY1305_SHA256},
              {"aes128ccm", MOTE_TLS_AES_128_CCM_SHA256},
              /* TLS 1.2 */
              {"ecdhe-ecdsa-aes128gcm", MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256},
              {"ecdhe-ecdsa-aes256gcm", MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384},
              {"ecdhe-ecdsa-chacha20", MOTE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256},
              {"ecdhe-rsa-aes128gcm", MOTE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256},
              {"ecdhe-rsa-aes256gcm", MOTE_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384},
              {"ecdhe-rsa-chacha20", MOTE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256},
              {"dhe-rsa-aes128gcm", MOTE_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256},
              {"dhe-rsa-aes256gcm", MOTE_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384},
              /* TLS 1.2, opt-in legacy suites, in OpenSSL's spelling (the
               * IANA and mbedTLS spellings are matched through
               * mote_tls_suite_name) */
              {"ECDHE-ECDSA-AES128-SHA", MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA},
              {"ECDHE-ECDSA-AES256-SHA", MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA},
              {"ECDHE-RSA-AES128-SHA", MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA},
              {"ECDHE-RSA-AES256-SHA", MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA},
              {"ECDHE-ECDSA-AES128-SHA256", MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256},
              {"ECDHE-ECDSA-AES256-SHA384", MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384},
              {"ECDHE-RSA-AES128-SHA256", MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256},
              {"ECDHE-RSA-AES256-SHA384", MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384},
              {"AES128-SHA", MOTE_TLS_RSA_WITH_AES_128_CBC_SHA},
              {"AES256-SHA", MOTE_TLS_RSA_WITH_AES_256_CBC_SHA},
              {"AES128-SHA256", MOTE_TLS_RSA_WITH_AES_128_CBC_SHA256},
              {"AES256-SHA256", MOTE_TLS_RSA_WITH_AES_256_CBC_SHA256},
              {"AES128-GCM-SHA256", MOTE_TLS_RSA_WITH_AES_128_GCM_SHA256},
              {"AES256-GCM-SHA384", MOTE_TLS_RSA_WITH_AES_256_GCM_SHA384}};
    size_t n = 0;
    char buf[256], *tok, *save = NULL;
    if (strlen(list) >= sizeof buf) return -1;
    strcpy(buf, list);
    for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        size_t i, count = groups ? sizeof g / sizeof *g : sizeof su / sizeof *su;
        int found = 0;
        for (i = 0; i < count; i++) {
            const char *name = groups ? g[i].name : su[i].name;
            if ((strcmp(tok, name) == 0 ||
                 (!groups && iana_eq(tok, mote_tls_suite_name(su[i].id)))) &&
                n + 1 < max && !found) {
                out[n++] = groups ? g[i].id : su[i].id;
                found = 1;
            }
        }
        if (!found) {
            fprintf(stderr, "mote: unknown %s '%s'\n", groups ? "group" : "cipher", tok);
            return -1;
        }
    }
    out[n] = 0;
    return 0;
}

int mote_tool_parse_option(mote_tool_session *s, int argc, char **argv, int i)
{
    const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(o, "--insecure") == 0) return s->cfg.flags |= MOTE_TLS_NO_VERIFY, 1;
    if (strcmp(o, "--no-time-check") == 0) return s->cfg.flags |= MOTE_TLS_NO_TIME_CHECK, 1;
    if (strcmp(o, "--no-mfl") == 0) return s->cfg.flags |= MOTE_TLS_NO_MFL, 1;
    if (strcmp(o, "--stats") == 0) return s->stats = 1, 1;
    if (strcmp(o, "--key-update") == 0) return s->key_update = 1, 1;
    if (strcmp(o, "--allow-no-ems") == 0) return s->cfg.flags |= MOTE_TLS_ALLOW_NO_EMS, 1;
    if (strcmp(o, "--psk-ke") == 0) return s->cfg.flags |= MOTE_TLS_PSK_KE, 1;
    if (strcmp(o, "--tls1.2") == 0 || strcmp(o, "--tls1.3") == 0) {
        s->cfg.min_version = s->cfg.max_version = o[7] == '2' ? MOTE_TLS12 : MOTE_TLS13;
        return 1;
    }
    if (strcmp(o, "--ca") && strcmp(o, "--host") && strcmp(o, "--cert") && strcmp(o, "--key") &&
        strcmp(o, "--alpn") && strcmp(o, "--groups") && strcmp(o, "--ciphers") &&
        strcmp(o, "--in-buf") && strcmp(o, "--out-buf") && strcmp(o, "--session-in") &&
        strcmp(o, "--session-out") && strcmp(o, "--psk-identity") && strcmp(o, "--psk-key") &&
        strcmp(o, "--early-data"))
        return 0;
    if (!v) {
        fprintf(stderr, "mote: %s needs a value\n", o);
        return -1;
    }
    if (strcmp(o, "--ca") == 0) s->ca_file = v;
    if (strcmp(o, "--cert") == 0) s->cert_file = v;
    if (strcmp(o, "--key") == 0) s->key_file = v;
    if (strcmp(o, "--host") == 0) s->sni = v;
    if (strcmp(o, "--in-buf") == 0) s->in_size = (size_t)strtoul(v, NULL, 0);
    if (strcmp(o, "--session-in") == 0) s->session_in = v, s->use_session = 1;
    if (strcmp(o, "--session-out") == 0) s->session_out = v, s->use_session = 1;
    if (strcmp(o, "--early-data") == 0) {
        s->cfg.early_data = (const uint8_t *)v;
        s->cfg.early_data_len = strlen(v);
    }
    if (strcmp(o, "--psk-identity") == 0) {
        s->cfg.psk_identity = (const uint8_t *)v;
        s->cfg.psk_identity_len = strlen(v);
    }
    if (strcmp(o, "--psk-key") == 0) {
        size_t n = strlen(v), j;
        for (j = 0; j < n; j++)
            if (!strchr("0123456789abcdefABCDEF", v[j])) break;
        if (n == 0 || n % 2 || j < n || n / 2 > sizeof s->psk_key) {
            fprintf(stderr, "mote: --psk-key takes 1 to %zu bytes in hex\n", sizeof s->psk_key);
            return -1;
        }
        for (j = 0; j < n / 2; j++) {
            char b[3] = {v[2 * j], v[2 * j + 1], 0};
            s->psk_key[j] = (uint8_t)strtoul(b, NULL, 16);
        }
        s->cfg.psk_key = s->psk_key;
        s->cfg.psk_key_len = n / 2;
    }
    if (strcmp(o, "--out-buf") == 0) s->out_size = (size_t)strtoul(v, NULL, 0);
    if (strcmp(o, "--groups") == 0) {
        if (parse_list(v, s->groups, 8, 1)) return -1;
        s->cfg.groups = s->groups;
    }
    if (strcmp(o, "--ciphers") == 0) {
        if (parse_list(v, s->suites, sizeof s->suites / sizeof *s->suites, 0)) return -1;
        s->cfg.cipher_suites = s->suites;
    }
    if (strcmp(o, "--alpn") == 0) {
        char *tok, *save = NULL;
        size_t n = 0;
        if (strlen(v) >= sizeof s->alpn_store) return -1;
        strcpy(s->alpn_store, v);
        for (tok = strtok_r(s->alpn_store, ",", &save); tok && n < 7;
             tok = strtok_r(NULL, ",", &save))
            s->alpn_list[n++] = tok;
        s->alpn_list[n] = NULL;
        s->cfg.alpn = s->alpn_list;
    }
    return 2;
}

int mote_tool_split_target(mote_tool_session *s, const char *t)
{
    const char *colon;
    size_t hl;
    if (t[0] == '[') { /* [v6]:port */
        const char *end = strchr(t, ']');
        if (!end || end[1] != ':') goto bad;
        hl = (size_t)(end - t - 1);
        if (hl >= sizeof s->host) goto bad;
        memcpy(s->host, t + 1, hl);
        s->host[hl] = 0;
        colon = end + 1;
    } else {
        colon = strrchr(t, ':');
        if (!colon) goto bad;
        hl = (size_t)(colon - t);
        if (hl >= sizeof s->host) goto bad;
        memcpy(s->host, t, hl);
        s->host[hl] = 0;
    }
    if (strlen(colon + 1) == 0 || strlen(colon + 1) >= sizeof s->port) goto bad;
    strcpy(s->port, colon + 1);
    return 0;
bad:
    fprintf(stderr, "mote: target must be HOST:PORT or [IPV6]:PORT, not '%s'\n", t);
    return -1;
}

int mote_tool_connect(mote_tool_session *s)
{
    int fd = mote_posix_connect(s->host, s->port, 10000);
    if (fd < 0) fprintf(stderr, "mote: connect %s:%s: %s\n", s->host, s->port, mote_strerror(fd));
    return fd;
}

/* Engine calls run on a painted stack so --stats can report the deepest. */
struct call {
    mote_tool_session *s;
    int fd;
    void *buf;
    size_t len;
    long rc;
    int op;
};

static void run_call(void *arg)
{
    struct call *k = arg;
    switch (k->op) {
    case 0:
        k->rc = mote_posix_handshake(&k->s->conn, k->fd);
        break;
    case 1:
        k->rc = mote_posix_read(&k->s->conn, k->fd, k->buf, k->len);
        break;
    case 2:
        k->rc = mote_posix_write(&k->s->conn, k->fd, k->buf, k->len);
        break;
    case 3:
        k->rc = mote_posix_close(&k->s->conn, k->fd);
        break;
    case 5:
        k->rc = mote_posix_pump(&k->s->conn, k->fd);
        break;
    default:
        k->rc = mote_tls_key_update(&k->s->conn, 1);
        break;
    }
}

static uint64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
}

static long measured(mote_tool_session *s, int op, int fd, void *buf, size_t len)
{
    struct call k;
    size_t used;
    s->cfg.now_ms = now_ms(); /* ticket ages; the receipt time of a ticket */
    k.s = s, k.fd = fd, k.buf = buf, k.len = len, k.rc = 0, k.op = op;
    if (!s->stats) {
        run_call(&k);
        return k.rc;
    }
    used = mote_stack_measure(run_call, &k);
    if (used != (size_t)-1 && used > s->stack_peak) s->stack_peak = used;
    return k.rc;
}

static void tool_wipe(void *p, size_t n)
{
    volatile uint8_t *v = p;
    while (n--)
        *v++ = 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) buf[n] = 0, *len = (size_t)n;
    return buf;
}

/* --cert/--key: the chain (PEM certificates, leaf first) and its key. */
static int load_client_cert(mote_tool_session *s)
{
    size_t len, used = 0, n = 0, cap = 65536;
    char *text;
    uint8_t work[4096];
    int rc;
    if (!s->cert_file && !s->key_file) return MOTE_OK;
    if (!s->cert_file || !s->key_file) {
        fprintf(stderr, "mote: --cert and --key go together\n");
        return MOTE_ERR_BAD_INPUT;
    }
    text = slurp(s->cert_file, &len);
    s->cert_store = malloc(cap);
    if (!text || !s->cert_store) {
        fprintf(stderr, "mote: cannot read %s\n", s->cert_file);
        free(text);
        return MOTE_ERR_BAD_INPUT;
    }
    while (n < 8) {
        long got = mote_pem_decode(text, len, "CERTIFICATE", (unsigned)n, s->cert_store + used,
                                   cap - used);
        if (got <= 0) break;
        s->certs[n] = s->cert_store + used;
        s->cert_lens[n++] = (size_t)got;
        used += (size_t)got;
    }
    free(text);
    if (n == 0) {
        fprintf(stderr, "mote: no certificate in %s\n", s->cert_file);
        return MOTE_ERR_BAD_INPUT;
    }
    text = slurp(s->key_file, &len);
    if (!text) {
        fprintf(stderr, "mote: cannot read %s\n", s->key_file);
        return MOTE_ERR_BAD_INPUT;
    }
    rc = mote_x509_privkey_from_pem(&s->key, text, len, work, sizeof work);
    free(text);
    if (rc) {
        fprintf(stderr, "mote: private key %s: %s\n", s->key_file, mote_strerror(rc));
        return rc;
    }
    s->cfg.client_certs = s->certs;
    s->cfg.client_cert_lens = s->cert_lens;
    s->cfg.n_client_certs = n;
    s->cfg.client_key = &s->key;
    return MOTE_OK;
}

int mote_tool_handshake(mote_tool_session *s, int fd)
{
    int rc;
    if (!s->in) s->in = malloc(s->in_size);
    if (!s->out) s->out = malloc(s->out_size);
    if (!s->in || !s->out) return MOTE_ERR_BAD_INPUT;
    if (s->use_session) s->cfg.session = &s->sess;
    s->cfg.now_ms = now_ms();
    rc = mote_drbg_init(&s->rng, NULL, NULL, (const uint8_t *)"mote tool", 9);
    if (rc) {
        fprintf(stderr, "mote: random generator: %s\n", mote_strerror(rc));
        return rc;
    }
    s->cfg.rng = &s->rng;
    s->cfg.server_name = s->sni ? s->sni : s->host;
    if (!(s->cfg.flags & MOTE_TLS_NO_VERIFY) && !s->anchors) {
        rc = mote_tool_load_anchors(s->ca_file ? s->ca_file : "/etc/ssl/certs/ca-certificates.crt",
                                    &s->anchors, &s->cfg.anchors, &s->cfg.n_anchors);
        if (rc) return rc;
    }
    if (!s->cfg.client_key) {
        rc = load_client_cert(s);
        if (rc) return rc;
    }
    rc = mote_tls_client_init(&s->conn, &s->cfg, s->in, s->in_size, s->out, s->out_size);
    if (rc == MOTE_OK) rc = (int)measured(s, 0, fd, NULL, 0);
    if (rc == MOTE_OK && s->key_update) {
        rc = (int)measured(s, 4, fd, NULL, 0);
        if (rc == MOTE_OK) fprintf(stderr, "key update: sent (peer asked to update too)\n");
    }
    if (rc != MOTE_OK) {
        int sent = 0, alert = mote_tls_alert(&s->conn, &sent);
        fprintf(stderr, "handshake failed: %s", mote_strerror(rc));
        if (alert >= 0) fprintf(stderr, " (alert %d %s)", alert, sent ? "sent" : "received");
        fprintf(stderr, "\n");
    }
    return rc;
}

long mote_tool_read(mote_tool_session *s, int fd, void *buf, size_t len)
{
    return measured(s, 1, fd, buf, len);
}

long mote_tool_write(mote_tool_session *s, int fd, const void *buf, size_t len)
{
    return measured(s, 2, fd, (void *)buf, len);
}

int mote_tool_pump(mote_tool_session *s, int fd)
{
    int rc = (int)measured(s, 5, fd, NULL, 0);
    /* what that produced (an alert, a KeyUpdate answer) goes out now, not
     * with the next piece of input */
    while (rc == MOTE_OK && (mote_tls_status(&s->conn) & MOTE_TLS_SEND))
        rc = (int)measured(s, 5, fd, NULL, 0);
    return rc;
}

void mote_tool_close(mote_tool_session *s, int fd)
{
    (void)measured(s, 3, fd, NULL, 0);
}

void mote_tool_print_session(const mote_tool_session *s, FILE *f)
{
    const mote_tls_conn *c = &s->conn;
    const char *alpn = mote_tls_alpn(c);
    fprintf(f, "version: TLS %s\n", mote_tls_version(c) == MOTE_TLS13 ? "1.3" : "1.2");
    fprintf(f, "cipher: %s\n", mote_tls_suite_name(mote_tls_cipher_suite(c)));
    if (strstr(mote_tls_suite_name(mote_tls_cipher_suite(c)), "_CBC_"))
        fprintf(f, "encrypt_then_mac: %s\n", mote_tls_encrypt_then_mac(c) ? "yes" : "no");
    fprintf(f, "group: %s\n", mote_tls_group_name(mote_tls_group(c)));
    fprintf(f, "signature: %s\n", mote_tls_sig_name(mote_tls_signature_scheme(c)));
    fprintf(f, "alpn: %s\n", alpn ? alpn : "(none)");
    {
        /* the largest plaintext record that fits our input buffer */
        size_t over = mote_tls_version(c) == MOTE_TLS13 ? 5 + 16 + 1 : 5 + 8 + 16;
        fprintf(f, "record limit: we accept %zu, peer accepts %zu\n",
                s->in_size - over < 16384 ? s->in_size - over : (size_t)16384,
                mote_tls_max_fragment(c));
    }
    if (mote_tls_resumed(c))
        fprintf(f, "verification: by the %s (no certificate in a resumed handshake)\n",
                s->cfg.psk_key ? "external PSK" : "session, from its full handshake");
    else if (s->cfg.flags & MOTE_TLS_NO_VERIFY)
        fprintf(f, "verification: SKIPPED (--insecure)\n");
    else
        fprintf(f, "verification: OK (chain to one of %zu trust anchors, host name %s)\n",
                s->cfg.n_anchors, s->cfg.server_name);
}

void mote_tool_load_session(mote_tool_session *s)
{
    size_t len = 0;
    char *bytes;
    int rc;
    if (!s->session_in) return;
#if !MOTE_ENABLE_TLS_RESUMPTION
    (void)bytes, (void)len, (void)rc;
    fprintf(stderr, "session: resumption is not compiled in (MOTE_ENABLE_TLS_RESUMPTION)\n");
#else
    bytes = slurp(s->session_in, &len);
    if (!bytes) {
        fprintf(stderr, "session: cannot read %s: full handshake\n", s->session_in);
        return;
    }
    rc = mote_tls_session_load(&s->sess, (const uint8_t *)bytes, len);
    tool_wipe(bytes, len);
    free(bytes);
    if (rc)
        fprintf(stderr, "session: %s unusable (%s): full handshake\n", s->session_in,
                mote_strerror(rc));
#endif
}

int mote_tool_save_session(mote_tool_session *s)
{
    static uint8_t buf[MOTE_SESSION_SAVE_MAX];
    size_t len;
    FILE *f;
    int rc;
    if (!s->session_out) return 0;
#if !MOTE_ENABLE_TLS_RESUMPTION
    (void)buf, (void)len, (void)f, (void)rc;
    fprintf(stderr, "session: resumption is not compiled in (MOTE_ENABLE_TLS_RESUMPTION)\n");
    return -1;
#else
    rc = mote_tls_session_save(&s->sess, buf, sizeof buf, &len);
    if (rc) {
        fprintf(stderr, "session: none to save (the server sent no ticket)\n");
        return -1;
    }
    f = fopen(s->session_out, "wb");
    if (!f || fwrite(buf, 1, len, f) != len) {
        fprintf(stderr, "session: cannot write %s\n", s->session_out);
        if (f) fclose(f);
        return -1;
    }
    fclose(f);
    tool_wipe(buf, len);
    fprintf(stderr, "session: saved to %s (%zu bytes)\n", s->session_out, len);
    return 0;
#endif
}

void mote_tool_reset(mote_tool_session *s)
{
    mote_tls_wipe(&s->conn);
    s->stack_peak = 0;
}

void mote_tool_print_stats(const mote_tool_session *s, FILE *f)
{
    if (!s->stats) return;
    fprintf(f, "ram: ctx=%zu in=%zu out=%zu stack=%zu total=%zu\n", sizeof(mote_tls_conn),
            s->in_size, s->out_size, s->stack_peak,
            sizeof(mote_tls_conn) + s->in_size + s->out_size + s->stack_peak);
}

void mote_tool_free(mote_tool_session *s)
{
    mote_tls_wipe(&s->conn);
    tool_wipe(&s->sess, sizeof s->sess);
    tool_wipe(s->psk_key, sizeof s->psk_key);
    mote_x509_privkey_wipe(&s->key);
    free(s->cert_store);
    free(s->in);
    free(s->out);
    mote_tool_free_anchors(s->anchors);
}

/* ---- the server side (tools/server.c) ---- */

int mote_tool_server_setup(mote_tool_session *s)
{
    int rc;
    s->in = malloc(s->in_size);
    s->out = malloc(s->out_size);
    if (!s->in || !s->out) return MOTE_ERR_BAD_INPUT;
    rc = mote_drbg_init(&s->rng, NULL, NULL, (const uint8_t *)"mote server", 11);
    if (rc) {
        fprintf(stderr, "mote: random generator: %s\n", mote_strerror(rc));
        return rc;
    }
    s->cfg.rng = &s->rng;
    if (s->ca_file) {
        rc = mote_tool_load_anchors(s->ca_file, &s->anchors, &s->cfg.anchors, &s->cfg.n_anchors);
        if (rc) return rc;
    }
    if (!s->cert_file && !s->key_file && s->cfg.psk_lookup) return MOTE_OK; /* PSK only */
    if (!s->cert_file || !s->key_file) {
        fprintf(stderr, "mote server: --cert and --key are required (or --psk)\n");
        return MOTE_ERR_BAD_INPUT;
    }
    return load_client_cert(s); /* our chain: the same loader, the same fields */
}

int mote_tool_server_handshake(mote_tool_session *s, int fd)
{
#if MOTE_ENABLE_SERVER
    int rc = mote_tls_server_init(&s->conn, &s->cfg, s->in, s->in_size, s->out, s->out_size);
#else
    int rc = MOTE_ERR_UNSUPPORTED; /* built with MOTE_ENABLE_SERVER=0 */
#endif
    if (rc == MOTE_OK) rc = (int)measured(s, 0, fd, NULL, 0);
    if (rc == MOTE_OK && s->key_update) rc = (int)measured(s, 4, fd, NULL, 0);
    return rc;
}

void mote_tool_close_failed(int fd)
{
    char buf[512];
    int i;
    (void)shutdown(fd, SHUT_WR);
    for (i = 0; i < 50; i++) { /* until EOF, an error or 0.5 s */
        struct pollfd p;
        p.fd = fd, p.events = POLLIN, p.revents = 0;
        if (poll(&p, 1, 10) < 0) break;
        if (p.revents && read(fd, buf, sizeof buf) <= 0) break;
    }
    close(fd);
}
