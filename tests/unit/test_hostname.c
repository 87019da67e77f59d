/* Host-name identity checks (RFC 6125 / RFC 9525) and nameConstraints
 * subtrees (RFC 5280), each also fed a byte at a time; IP literals. */
#include <string.h>

#include "mote/x509.h"
#include "test.h"
#include "x509/x509_int.h"

struct pair {
    const char *pattern, *host;
    int match;
};

static const struct pair san[] = {
    /* exact, case-insensitive */
    {"example.com", "example.com", 1},
    {"EXAMPLE.com", "example.COM", 1},
    {"www.example.com", "WWW.Example.Com", 1},
    {"example.com", "example.com.", 1}, /* absolute host name */
    {"example.com", "www.example.com", 0},
    {"www.example.com", "example.com", 0},
    {"example.com", "example.co", 0},
    {"example.co", "example.com", 0},
    {"example.com", "examplf.com", 0},
    {"a", "a", 1},
    {"localhost", "localhost", 1},
    {"under_score.example.com", "under_score.example.com", 1},
    /* wildcards: whole left-most label only (RFC 6125 6.4.3, RFC 9525 6.3) */
    {"*.example.com", "www.example.com", 1},
    {"*.example.com", "WWW.EXAMPLE.COM", 1},
    {"*.Example.Com", "foo.example.com", 1},
    {"*.example.com", "example.com", 0},     /* the wildcard label can't be empty */
    {"*.example.com", ".example.com", 0},    /* nor can a host label */
    {"*.example.com", "a.b.example.com", 0}, /* one label only */
    {"*.example.com", "www.example.org", 0},
    {"*.example.com", "wwwexample.com", 0},
    {"*.com", "example.com", 0},     /* public-suffix-like single label */
    {"*.co.uk", "example.co.uk", 1}, /* two labels: allowed (no PSL) */
    {"*", "example", 0},
    {"*.", "example.", 0},
    {"*.*.example.com", "a.b.example.com", 0},
    {"**.example.com", "www.example.com", 0},
    {"w*.example.com", "www.example.com", 0}, /* partial-label wildcards refused */
    {"*w.example.com", "www.example.com", 0},
    {"ww*w.example.com", "www.example.com", 0},
    {"www.*.com", "www.example.com", 0}, /* not left-most */
    {"www.example.*", "www.example.com", 0},
    {"*.example.com", "*.example.com", 0}, /* a host is never a pattern */
    /* IDNA A-labels are compared as text */
    {"xn--caf-dma.example", "xn--caf-dma.example", 1},
    {"XN--CAF-DMA.example", "xn--caf-dma.example", 1},
    {"*.xn--caf-dma.example", "www.xn--caf-dma.example", 1},
    {"*.example", "xn--caf-dma.example", 0}, /* single label after the wildcard */
    {"xn--*.example.com", "xn--caf-dma.example.com", 0},
    {"caf\xc3\xa9.example", "caf\xc3\xa9.example", 0}, /* U-labels: not valid names */
    /* malformed patterns and hosts */
    {"", "example.com", 0},
    {"example.com", "", 0},
    {"example..com", "example..com", 0},
    {".example.com", ".example.com", 0},
    {"example.com.", "example.com", 0},
    {"exa mple.com", "exa mple.com", 0},
    /* IP literals never match dNSName SANs */
    {"1.2.3.4", "1.2.3.4", 0},
    {"*.2.3.4", "1.2.3.4", 0},
    {"::1", "::1", 0},
};

static const struct pair subtree[] = {
    {"example.com", "example.com", 1},
    {"example.com", "www.example.com", 1},
    {"example.com", "a.b.example.com", 1},
    {"Example.COM", "WWW.example.com", 1},
    {"example.com", "badexample.com", 0},
    {"example.com", "example.com.evil", 0},
    {"example.com", "com", 0},
    {".example.com", "www.example.com", 1},
    {".example.com", "example.com", 0},
    {"", "anything.example", 1},
    {"com", "example.com", 1},
    {"*.example.com", "www.example.com", 0},
    {"example.org", "example.com", 0},
};

/* the same verdict when fed one byte at a time */
static int match_bytewise(const char *pattern, size_t plen, const char *host, uint8_t mode)
{
    mote_x509_nm m;
    size_t i;
    int hl = mote_x509_host_check(host, strlen(host));
    uint8_t ip[16];
    if (hl < 0) return 0;
    if (mode == MOTE_X509_NM_SAN && mote_x509_parse_ip(host, strlen(host), ip) > 0) return 0;
    mote_x509_nm_start(&m, mode, (uint32_t)plen, (size_t)hl);
    for (i = 0; i < plen; i++)
        mote_x509_nm_feed(&m, host, (size_t)hl, (const uint8_t *)pattern + i, 1);
    return mote_x509_nm_done(&m);
}

struct ip {
    const char *text;
    int len;
    const char *hex;
};

static const struct ip ips[] = {
    {"1.2.3.4", 4, "01020304"},
    {"0.0.0.0", 4, "00000000"},
    {"255.255.255.255", 4, "ffffffff"},
    {"192.168.0.10", 4, "c0a8000a"},
    {"256.1.1.1", -1, 0},
    {"1.2.3", -1, 0},
    {"1.2.3.4.5", -1, 0},
    {"01.2.3.4", -1, 0},
    {"1..3.4", -1, 0},
    {"1.2.3.4.", -1, 0},
    {"1.2.3.a", -1, 0},
    {"", -1, 0},
    {"::", 16, "00000000000000000000000000000000"},
    {"::1", 16, "00000000000000000000000000000001"},
    {"1::", 16, "00010000000000000000000000000000"},
    {"2001:db8::1", 16, "20010db8000000000000000000000001"},
    {"2001:DB8:0:0:8:800:200C:417A", 16, "20010db80000000000080800200c417a"},
    {"2001:db8::8:800:200c:417a", 16, "20010db80000000000080800200c417a"},
    {"fe80::1:2", 16, "fe800000000000000000000000010002"},
    {"::ffff:192.0.2.1", 16, "00000000000000000000ffffc0000201"},
    {"1:2:3:4:5:6:7:8", 16, "00010002000300040005000600070008"},
    {"1:2:3:4:5:6:1.2.3.4", 16, "00010002000300040005000601020304"},
    {"1:2:3:4:5:6:7::", 16, "00010002000300040005000600070000"},
    {"::2:3:4:5:6:7:8", 16, "00000002000300040005000600070008"},
    {"1:2:3:4:5:6:7:8:9", -1, 0},
    {"1:2:3:4:5:6:7", -1, 0},
    {"1::2::3", -1, 0},
    {":1::2", -1, 0},
    {"1::2:", -1, 0},
    {"12345::", -1, 0},
    {"1:::2", -1, 0},
    {"g::1", -1, 0},
    {"::1%eth0", -1, 0},
    {"[::1]", -1, 0},
    {"1:2:3:4:5:6:7:1.2.3.4", -1, 0},
    {"::1.2.3", -1, 0},
    {"1:2:3:4:5:6:7:8::", -1, 0},
};

int main(void)
{
    size_t i;
    for (i = 0; i < sizeof san / sizeof san[0]; i++) {
        size_t plen = strlen(san[i].pattern);
        int got;
        got = mote_x509_host_match(san[i].pattern, plen, san[i].host, strlen(san[i].host));
        if (got != san[i].match)
            fprintf(stderr, "san %u: %s vs %s: %d\n", (unsigned)i, san[i].pattern, san[i].host,
                    got);
        CHECK_EQ_INT(got, san[i].match);
        CHECK_EQ_INT(match_bytewise(san[i].pattern, plen, san[i].host, MOTE_X509_NM_SAN),
                     san[i].match);
    }
    for (i = 0; i < sizeof subtree / sizeof subtree[0]; i++) {
        const struct pair *t = &subtree[i];
        int got =
            mote_x509_name_in_subtree(t->host, strlen(t->host), t->pattern, strlen(t->pattern));
        if (got != t->match)
            fprintf(stderr, "subtree %u: %s in %s: %d\n", (unsigned)i, t->host, t->pattern, got);
        CHECK_EQ_INT(got, t->match);
        CHECK_EQ_INT(
            match_bytewise(t->pattern, strlen(t->pattern), t->host, MOTE_X509_NM_CONSTRAINT),
            t->match);
    }
    for (i = 0; i < sizeof ips / sizeof ips[0]; i++) {
        uint8_t ip[16];
        int n = mote_x509_parse_ip(ips[i].text, strlen(ips[i].text), ip);
        if (n != ips[i].len) fprintf(stderr, "ip %s: %d\n", ips[i].text, n);
        CHECK_EQ_INT(n, ips[i].len);
        if (n > 0 && ips[i].hex) CHECK_HEX(ip, (size_t)n, ips[i].hex);
    }
    /* an embedded NUL is a byte like any other: no match */
    CHECK_EQ_INT(mote_x509_host_match("example.com\0evil", 16, "example.com", 11), 0);
    CHECK_EQ_INT(match_bytewise("example.com\0evil", 16, "example.com", MOTE_X509_NM_SAN), 0);
    CHECK_EQ_INT(mote_x509_host_match("example.com", 11, "example.com\0evil", 16), 0);
    /* host validation */
    CHECK_EQ_INT(mote_x509_host_check("example.com.", 12), 11);
    CHECK_EQ_INT(mote_x509_host_check("example.com..", 13), -1);
    CHECK_EQ_INT(mote_x509_host_check(".", 1), -1);
    {
        char longlabel[80];
        memset(longlabel, 'a', 64);
        CHECK_EQ_INT(mote_x509_host_check(longlabel, 63), 63);
        CHECK_EQ_INT(mote_x509_host_check(longlabel, 64), -1);
    }
    return test_done("hostname");
}
