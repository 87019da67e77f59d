/* Streaming PEM: objects, labels and bytes come out the same for every
 * chunking and output-buffer size; bad base64, padding, markers, RFC 1421
 * headers and truncation are refused. */
#include <stdio.h>
#include <string.h>

#include "mote/pem.h"
#include "test.h"

/* Decode text in chunks of `chunk` bytes (0 = whole) with an output buffer
 * of `cap` bytes; the log lists "B<label>", "D<hex bytes>" merged per object,
 * "E" and the final status. */
static char evlog[16384];

static void add(const char *s)
{
    if (strlen(evlog) + strlen(s) < sizeof evlog) strcat(evlog, s);
}

static int run(const char *text, size_t chunk, size_t cap)
{
    mote_pem p;
    size_t len = strlen(text), at = 0, got, i;
    uint8_t out[64];
    char tmp[64];
    int r;
    evlog[0] = 0;
    mote_pem_init(&p);
    while (at < len || len == 0) {
        size_t n = chunk && chunk < len - at ? chunk : len - at;
        mote_pem_input(&p, (const uint8_t *)text + at, n);
        while ((r = mote_pem_next(&p, out, cap, &got)) != MOTE_PEM_NEED) {
            if (r < 0) {
                sprintf(tmp, "!%d@%u", r, (unsigned)p.line);
                add(tmp);
                return r;
            }
            if (r == MOTE_PEM_BEGIN) {
                add("B");
                add(p.label);
                add(" ");
            } else if (r == MOTE_PEM_END) {
                add("E ");
            } else {
                CHECK(got >= 1 && got <= cap);
                for (i = 0; i < got; i++) {
                    sprintf(tmp, "%02x", out[i]);
                    add(tmp);
                }
            }
        }
        at += n;
        if (len == 0) break;
    }
    r = mote_pem_finish(&p);
    if (r) {
        sprintf(tmp, "!%d", r);
        add(tmp);
    }
    return r;
}

/* run with every chunk size and several output sizes; all logs must agree */
static int check(const char *text, const char *expect)
{
    static char ref[16384];
    size_t chunk, caps[] = {1, 2, 3, 7, 64};
    unsigned c;
    int r0 = run(text, 0, 64), ok = 1;
    strcpy(ref, evlog);
    for (chunk = 1; chunk <= strlen(text) && chunk < 80; chunk++)
        for (c = 0; c < sizeof caps / sizeof caps[0]; c++) {
            int r = run(text, chunk, caps[c]);
            /* the error line number may only depend on the text */
            if (r != r0 || strcmp(ref, evlog) != 0) {
                if (ok)
                    fprintf(stderr, "chunk %u cap %u: %s vs %s\n", (unsigned)chunk,
                            (unsigned)caps[c], evlog, ref);
                ok = 0;
            }
        }
    CHECK(ok);
    if (expect && strcmp(ref, expect) != 0) {
        fprintf(stderr, "got    %s\nwanted %s\n", ref, expect);
        CHECK(0);
    }
    return r0;
}

int main(void)
{
    /* three quanta lengths, text around and between, CRLF, odd line breaks */
    check("-----BEGIN A-----\nTWFu\n-----END A-----\n", "BA 4d616eE ");
    check("-----BEGIN A-----\nTWE=\n-----END A-----\n", "BA 4d61E ");
    check("-----BEGIN A-----\nTQ==\n-----END A-----", "BA 4dE ");
    check("comment line\nsubject=CN = x\n\n-----BEGIN CERTIFICATE-----\r\n"
          "AAEC\r\nAwQF\r\n-----END CERTIFICATE-----\r\nmore text -----BEGIN no\n"
          "-----BEGIN X509 CRL-----\n  Bg c I\t\n\n-----END X509 CRL-----\ntrailer",
          "BCERTIFICATE 000102030405E BX509 CRL 060708E ");
    /* an empty object, and one long line */
    check("-----BEGIN E-----\n-----END E-----\n", "BE E ");
    {
        static char text[4096];
        static char expect[4096];
        size_t i;
        strcpy(text, "-----BEGIN LONG-----\n");
        strcpy(expect, "BLONG ");
        for (i = 0; i < 300; i++) {
            strcat(text, "////");
            strcat(expect, "ffffff");
        }
        strcat(text, "\n-----END LONG-----\n");
        strcat(expect, "E ");
        check(text, expect);
    }
    /* the convenience decoder picks objects by label and index */
    {
        const char *t = "x\n-----BEGIN A-----\nTWFu\n-----END A-----\n"
                        "-----BEGIN B-----\nTWE=\n-----END B-----\n"
                        "-----BEGIN A-----\nTQ==\n-----END A-----\n";
        uint8_t out[8];
        CHECK_EQ_INT(mote_pem_decode(t, strlen(t), "A", 0, out, sizeof out), 3);
        CHECK_HEX(out, 3, "4d616e");
        CHECK_EQ_INT(mote_pem_decode(t, strlen(t), "A", 1, out, sizeof out), 1);
        CHECK_HEX(out, 1, "4d");
        CHECK_EQ_INT(mote_pem_decode(t, strlen(t), NULL, 1, out, sizeof out), 2);
        CHECK_HEX(out, 2, "4d61");
        CHECK_EQ_INT(mote_pem_decode(t, strlen(t), "A", 2, out, sizeof out), MOTE_ERR_BAD_INPUT);
        CHECK_EQ_INT(mote_pem_decode(t, strlen(t), "A", 0, out, 2), MOTE_ERR_BAD_INPUT);
        CHECK_EQ_INT(mote_pem_decode(t, strlen(t), "C", 0, out, 8), MOTE_ERR_BAD_INPUT);
    }

    /* refused */
    CHECK_EQ_INT(check("-----BEGIN A-----\nTWF=\n-----END A-----\n", NULL),
                 MOTE_ERR_ENCODING); /* non-zero unused bits */
    CHECK_EQ_INT(check("-----BEGIN A-----\nTR==\n-----END A-----\n", NULL), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(check("-----BEGIN A-----\nTQ=\n-----END A-----\n", NULL),
                 MOTE_ERR_ENCODING); /* half the padding */
    CHECK_EQ_INT(check("-----BEGIN A-----\nTQ\n-----END A-----\n", NULL),
                 MOTE_ERR_ENCODING); /* no padding */
    CHECK_EQ_INT(check("-----BEGIN A-----\nTQ==TQ==\n-----END A-----\n", NULL),
                 MOTE_ERR_ENCODING); /* data after padding */
    CHECK_EQ_INT(check("-----BEGIN A-----\nTWFu=\n-----END A-----\n", NULL),
                 MOTE_ERR_ENCODING); /* padding at a group start */
    CHECK_EQ_INT(check("-----BEGIN A-----\nTWE==\n-----END A-----\n", NULL), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(check("-----BEGIN A-----\nTW!u\n-----END A-----\n", NULL), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(check("-----BEGIN A-----\nTWFu\n-----END B-----\n", NULL),
                 MOTE_ERR_ENCODING); /* label mismatch */
    CHECK_EQ_INT(check("-----BEGIN A-----\nTWFu\n-----END AB-----\n", NULL), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(check("-----BEGIN AB-----\nTWFu\n-----END A-----\n", NULL), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(check("-----BEGIN A-----\nTWFu\n-----END A----\n", NULL), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(check("-----BEGIN A-----junk\nTWFu\n-----END A-----\n", NULL), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(check("-----BEGIN A----\nTWFu\n-----END A-----\n", NULL), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(check("-----BEGIN -----\n-----END -----\n", NULL), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(check("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                       "DEK-Info: AES-128-CBC,00\n\nTWFu\n-----END RSA PRIVATE KEY-----\n",
                       NULL),
                 MOTE_ERR_UNSUPPORTED);
    CHECK_EQ_INT(check("-----BEGIN A-----\nTWFu\n", NULL), MOTE_ERR_ENCODING); /* truncated */
    CHECK_EQ_INT(check("-----BEGIN A-----", NULL), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(check("-----BEGIN 0123456789012345678901234567890123-----\n", NULL),
                 MOTE_ERR_ENCODING); /* label too long */
    /* the error line is reported */
    CHECK_EQ_INT(
        check("a\nb\n-----BEGIN A-----\nTWFu\nTW!u\n-----END A-----\n", "BA 4d616e4d!-8@5"),
        MOTE_ERR_ENCODING);
    /* nothing at all, or only text, is fine */
    CHECK_EQ_INT(check("", ""), 0);
    CHECK_EQ_INT(check("just text\n-----END A-----\n", ""), 0);
    return test_done("pem");
}
