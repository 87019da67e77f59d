/* The streaming DER reader: every chunking of an input gives the same
 * events; malformed lengths, overlong nesting, truncation and bad BIT
 * STRINGs are rejected at the right offset. */
#include <stdio.h>
#include <string.h>

#include "mote/error.h"
#include "test.h"
#include "x509/der_stream.h"

/* A certificate-shaped sample: SEQUENCE { SEQUENCE { [0] { INTEGER 2 },
 * INTEGER, OCTET STRING { SEQUENCE { BOOLEAN, INTEGER } }, BIT STRING {
 * SEQUENCE { INTEGER } } }, long-form OCTET STRING (200 bytes), NULL } */
static uint8_t sample[400];
static size_t sample_len;

static void build_sample(void)
{
    static const uint8_t head[] = {
        0x30, 0x81, 0x00,                               /* outer, length patched below */
        0x30, 0x1B,                                     /* inner */
        0xA0, 0x03, 0x02, 0x01, 0x02,                   /* [0] { INTEGER 2 } */
        0x02, 0x02, 0x00, 0x80,                         /* INTEGER 128 */
        0x04, 0x08, 0x30, 0x06, 0x01, 0x01, 0xFF,       /* OCTET STRING { SEQ { TRUE, */
        0x02, 0x01, 0x05,                               /*   INTEGER 5 } } */
        0x03, 0x06, 0x00, 0x30, 0x03, 0x02, 0x01, 0x07, /* BIT STRING { SEQ { 7 } } */
        0x04, 0x81, 0xC8,                               /* OCTET STRING, 200 bytes */
    };
    size_t i;
    memcpy(sample, head, sizeof head);
    sample_len = sizeof head;
    for (i = 0; i < 200; i++)
        sample[sample_len++] = (uint8_t)i;
    sample[sample_len++] = 0x05; /* NULL */
    sample[sample_len++] = 0x00;
    sample[2] = (uint8_t)(sample_len - 3);
}

/* The event log of one run, as text; DATA events are merged per element so
 * that chunking does not show, but their bytes and offsets are checked. */
static char log_buf[8192];
static size_t log_len;
static uint8_t data_acc[1024];
static uint32_t data_n;

static void logf_(const char *s)
{
    size_t n = strlen(s);
    if (log_len + n < sizeof log_buf) {
        memcpy(log_buf + log_len, s, n + 1);
        log_len += n;
    }
}

static void flush_data(void)
{
    char tmp[64];
    uint32_t i, sum = 0;
    if (!data_n) return;
    for (i = 0; i < data_n; i++)
        sum = sum * 31 + data_acc[i];
    sprintf(tmp, "D%u:%08x ", (unsigned)data_n, (unsigned)sum);
    logf_(tmp);
    data_n = 0;
}

/* descend: the element at this tag is parsed as DER (OCTET STRING 0x04 with
 * length 8 and BIT STRING 0x03), skip: tag 0x05 is skipped. Returns the final
 * status (0 when the whole input was consumed and the reader is idle, else
 * the error) and leaves the log in log_buf; *err_pos gets d.pos. */
static int run(const uint8_t *in, size_t len, const size_t *cuts, size_t ncuts, int descend,
               uint32_t *err_pos)
{
    mote_derst d;
    mote_derst_ev ev;
    size_t at = 0, c = 0;
    char tmp[64];
    log_len = 0;
    log_buf[0] = 0;
    data_n = 0;
    mote_derst_init(&d);
    for (;;) {
        size_t next = c < ncuts ? cuts[c++] : len;
        int r;
        if (next < at) next = at;
        if (next > len) next = len;
        mote_derst_input(&d, in + at, next - at);
        while ((r = mote_derst_next(&d, &ev)) != MOTE_DERST_NEED) {
            if (r < 0) {
                flush_data();
                *err_pos = d.pos;
                return r;
            }
            if (r == MOTE_DERST_START) {
                flush_data();
                sprintf(tmp, "S%02x/%u/%u@%u+%u ", ev.tag, (unsigned)ev.len, ev.depth,
                        (unsigned)ev.off, ev.hdr_len);
                logf_(tmp);
                if (descend && ev.tag == 0x04 && ev.len == 8) {
                    if (mote_derst_descend(&d)) {
                        *err_pos = d.pos;
                        return MOTE_ERR_ENCODING;
                    }
                } else if (descend && ev.tag == 0x03) {
                    if (mote_derst_descend_bits(&d)) {
                        *err_pos = d.pos;
                        return MOTE_ERR_ENCODING;
                    }
                } else if (descend && ev.tag == 0x05) {
                    mote_derst_skip(&d);
                }
            } else if (r == MOTE_DERST_DATA) {
                CHECK(ev.off == data_n);
                CHECK(ev.len > 0);
                if (data_n + ev.len <= sizeof data_acc) memcpy(data_acc + data_n, ev.p, ev.len);
                data_n += ev.len;
            } else {
                flush_data();
                sprintf(tmp, "E%u ", ev.depth);
                logf_(tmp);
            }
        }
        at = next;
        if (at >= len) break;
    }
    flush_data();
    *err_pos = d.pos;
    return mote_derst_idle(&d) ? 0 : 1;
}

static void test_chunkings(int descend)
{
    char ref[8192];
    uint32_t pos;
    size_t a, b, cuts[1024];
    int r;

    r = run(sample, sample_len, 0, 0, descend, &pos);
    CHECK_EQ_INT(r, 0);
    CHECK_EQ_INT(pos, sample_len);
    strcpy(ref, log_buf);

    /* one byte at a time */
    for (a = 0; a < sample_len; a++)
        cuts[a] = a + 1;
    r = run(sample, sample_len, cuts, sample_len, descend, &pos);
    CHECK_EQ_INT(r, 0);
    CHECK(strcmp(ref, log_buf) == 0);

    /* every split into two and three pieces */
    for (a = 0; a <= sample_len; a++) {
        cuts[0] = a;
        r = run(sample, sample_len, cuts, 1, descend, &pos);
        CHECK(r == 0 && strcmp(ref, log_buf) == 0);
        for (b = a; b <= sample_len && b < a + 40; b++) {
            cuts[1] = b;
            r = run(sample, sample_len, cuts, 2, descend, &pos);
            CHECK(r == 0 && strcmp(ref, log_buf) == 0);
        }
    }
    /* pseudo-random chunkings, empty chunks included */
    {
        uint32_t x = 12345;
        int t;
        for (t = 0; t < 300; t++) {
            size_t n = 0, at = 0;
            while (at < sample_len && n < 1024) {
                x = x * 1103515245u + 12345u;
                at += (x >> 16) % 9;
                cuts[n++] = at;
            }
            r = run(sample, sample_len, cuts, n, descend, &pos);
            CHECK(r == 0 && strcmp(ref, log_buf) == 0);
        }
    }
}

static int run_hex(const char *hex, uint32_t *pos, int descend)
{
    static uint8_t buf[600];
    long n = test_unhex(hex, buf, sizeof buf);
    size_t cuts[600], i;
    int r1, r2;
    uint32_t pos2;
    char ref[8192];
    if (n < 0) return 99;
    r1 = run(buf, (size_t)n, 0, 0, descend, pos);
    strcpy(ref, log_buf);
    for (i = 0; i < (size_t)n; i++)
        cuts[i] = i + 1;
    r2 = run(buf, (size_t)n, cuts, (size_t)n, descend, &pos2);
    /* the verdict and the error offset do not depend on the chunking */
    CHECK(r1 == r2 && *pos == pos2 && strcmp(ref, log_buf) == 0);
    return r1;
}

int main(void)
{
    uint32_t pos;
    int r;

    build_sample();
    test_chunkings(0);
    test_chunkings(1);

    /* the exact event sequence of a small input, with descent and skip */
    r = run_hex("3009"
                "040430020500"
                "0301",
                &pos, 1);
    CHECK_EQ_INT(r, 1); /* outer says 9 bytes but only 8 follow: not idle */
    r = run_hex("3007"
                "0403020105"
                "0500"
                "0101ff",
                &pos, 0);
    CHECK_EQ_INT(r, 0);
    CHECK(strcmp(log_buf, "S30/7/0@0+2 S04/3/1@2+2 D3:000007a6 E1 S05/0/1@7+2 E1 E0 "
                          "S01/1/0@9+2 D1:000000ff E0 ") == 0);
    r = run_hex("300c"
                "04083006"
                "0101ff"
                "020105"
                "0500",
                &pos, 1);
    CHECK_EQ_INT(r, 0);
    CHECK(strcmp(log_buf, "S30/12/0@0+2 S04/8/1@2+2 S30/6/2@4+2 S01/1/3@6+2 D1:000000ff E3 "
                          "S02/1/3@9+2 D1:00000005 E3 E2 E1 S05/0/1@12+2 E1 E0 ") == 0);
    /* a zero-length constructed element and an empty primitive */
    r = run_hex("30043000"
                "0400",
                &pos, 0);
    CHECK_EQ_INT(r, 0);
    CHECK(strcmp(log_buf, "S30/4/0@0+2 S30/0/1@2+2 E1 S04/0/1@4+2 E1 E0 ") == 0);
    /* long-form lengths that are right */
    {
        static char hex[1200];
        size_t i;
        strcpy(hex, "04820100");
        for (i = 0; i < 256; i++)
            strcat(hex, "ab");
        r = run_hex(hex, &pos, 0);
        CHECK_EQ_INT(r, 0);
        CHECK(strncmp(log_buf, "S04/256/0@0+4 D256:", 19) == 0);
        strcpy(hex, "0481ff");
        for (i = 0; i < 255; i++)
            strcat(hex, "00");
        CHECK_EQ_INT(run_hex(hex, &pos, 0), 0);
    }

    /* malformed lengths: each fails at the offset of the byte at fault */
    CHECK_EQ_INT(run_hex("0480", &pos, 0), MOTE_ERR_ENCODING); /* indefinite */
    CHECK_EQ_INT(pos, 1);
    CHECK_EQ_INT(run_hex("04850000000001", &pos, 0), MOTE_ERR_ENCODING); /* 5 length bytes */
    CHECK_EQ_INT(pos, 1);
    CHECK_EQ_INT(run_hex("04817f", &pos, 0), MOTE_ERR_ENCODING); /* long form below 128 */
    CHECK_EQ_INT(pos, 2);
    CHECK_EQ_INT(run_hex("0482007f", &pos, 0), MOTE_ERR_ENCODING); /* leading zero */
    CHECK_EQ_INT(pos, 2);
    CHECK_EQ_INT(run_hex("048200ff", &pos, 0), MOTE_ERR_ENCODING); /* leading zero, >= 128 */
    CHECK_EQ_INT(pos, 2);
    CHECK_EQ_INT(run_hex("30030402aabb", &pos, 0), MOTE_ERR_ENCODING); /* child too long */
    CHECK_EQ_INT(pos, 3);
    CHECK_EQ_INT(run_hex("30010400", &pos, 0), MOTE_ERR_ENCODING); /* header crosses the end */
    CHECK_EQ_INT(pos, 3);
    CHECK_EQ_INT(run_hex("30820100", &pos, 0), 1); /* truncated: not idle */
    CHECK_EQ_INT(run_hex("0403aabb", &pos, 0), 1); /* truncated content */
    CHECK_EQ_INT(run_hex("3003020100"
                         "02",
                         &pos, 0),
                 1);                                             /* a partial header */
    CHECK_EQ_INT(run_hex("1f2001", &pos, 0), MOTE_ERR_ENCODING); /* high tag number */
    CHECK_EQ_INT(pos, 0);
    CHECK_EQ_INT(run_hex("3002"
                         "0000",
                         &pos, 0),
                 MOTE_ERR_ENCODING); /* end-of-contents */
    CHECK_EQ_INT(pos, 2);
    CHECK_EQ_INT(run_hex("0484ffffffff", &pos, 0), MOTE_ERR_ENCODING); /* beyond 2^32 */
    CHECK_EQ_INT(run_hex("0484fffffff9", &pos, 0), 1); /* just fits: truncated only */
    /* BIT STRING descent: unused bits must be 0, and a BIT STRING can't be empty
     */
    CHECK_EQ_INT(run_hex("0303013000", &pos, 1), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(pos, 2);
    CHECK_EQ_INT(run_hex("0300", &pos, 1), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(run_hex("0301"
                         "00",
                         &pos, 1),
                 0);
    /* inside a descended OCTET STRING, a child may not run past it */
    CHECK_EQ_INT(run_hex("3010"
                         "04083007020100020100"
                         "0000000000",
                         &pos, 1),
                 MOTE_ERR_ENCODING);
    CHECK_EQ_INT(pos, 5);

    /* nesting: MOTE_DERST_MAX_DEPTH levels are fine, one more is not */
    {
        static uint8_t buf[64];
        size_t i, n = 0;
        mote_derst d;
        mote_derst_ev ev;
        for (i = 0; i < MOTE_DERST_MAX_DEPTH; i++) {
            buf[n++] = 0x30;
            buf[n++] = (uint8_t)(2 * (MOTE_DERST_MAX_DEPTH - 1 - i) + 2);
        }
        buf[n++] = 0x05;
        buf[n++] = 0x00;
        CHECK_EQ_INT(run(buf, n, 0, 0, 0, &pos), 0);
        /* one more level */
        n = 0;
        for (i = 0; i < MOTE_DERST_MAX_DEPTH + 1; i++) {
            buf[n++] = 0x30;
            buf[n++] = (uint8_t)(2 * (MOTE_DERST_MAX_DEPTH - i) + 2);
        }
        buf[n++] = 0x05;
        buf[n++] = 0x00;
        CHECK_EQ_INT(run(buf, n, 0, 0, 0, &pos), MOTE_ERR_ENCODING);
        CHECK_EQ_INT(pos, 2 * MOTE_DERST_MAX_DEPTH + 2); /* refused once the header is read */
        /* the error sticks */
        mote_derst_init(&d);
        mote_derst_input(&d, (const uint8_t *)"\x04\x80", 2);
        CHECK_EQ_INT(mote_derst_next(&d, &ev), MOTE_ERR_ENCODING);
        mote_derst_input(&d, (const uint8_t *)"\x05\x00", 2);
        CHECK_EQ_INT(mote_derst_next(&d, &ev), MOTE_ERR_ENCODING);
    }

    /* mote_derst_header re-creates minimal headers */
    {
        uint8_t h[8];
        CHECK_EQ_INT(mote_derst_header(h, 0x30, 5), 2);
        CHECK_HEX(h, 2, "3005");
        CHECK_EQ_INT(mote_derst_header(h, 0x30, 0x80), 3);
        CHECK_HEX(h, 3, "308180");
        CHECK_EQ_INT(mote_derst_header(h, 0x04, 0x1234), 4);
        CHECK_HEX(h, 4, "04821234");
        CHECK_EQ_INT(mote_derst_header(h, 0x04, 0x01000000), 6);
        CHECK_HEX(h, 6, "048401000000");
    }
    return test_done("der_stream");
}
