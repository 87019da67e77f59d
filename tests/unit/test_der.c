/* The minimal DER reader: accepts strict DER, rejects every malformed length
 * and non-minimal integer. */
#include "crypto/der.h"
#include "test.h"

static int parse_uint(const char *hex, const uint8_t **v, size_t *n)
{
    static uint8_t buf[300];
    long len = test_unhex(hex, buf, sizeof buf);
    mote_der d;
    mote_der_init(&d, buf, (size_t)len);
    if (mote_der_get_uint(&d, v, n)) return -1;
    return mote_der_done(&d);
}

int main(void)
{
    const uint8_t *v;
    size_t n;
    uint8_t buf[300];
    mote_der d, in;
    long len;

    CHECK(parse_uint("020100", &v, &n) == 0 && n == 1 && v[0] == 0);
    CHECK(parse_uint("02020080", &v, &n) == 0 && n == 1 && v[0] == 0x80);
    CHECK(parse_uint("0201ff", &v, &n) == -1);     /* negative */
    CHECK(parse_uint("0202007f", &v, &n) == -1);   /* superfluous zero */
    CHECK(parse_uint("0200", &v, &n) == -1);       /* empty integer */
    CHECK(parse_uint("020300", &v, &n) == -1);     /* runs past the end */
    CHECK(parse_uint("02810101", &v, &n) == -1);   /* long form below 128 */
    CHECK(parse_uint("0280", &v, &n) == -1);       /* indefinite */
    CHECK(parse_uint("0201010000", &v, &n) == -1); /* trailing bytes */
    CHECK(parse_uint("03020101", &v, &n) == -1);   /* wrong tag */
    CHECK(parse_uint("02", &v, &n) == -1);

    /* a long-form length that is right: 130 bytes of content */
    buf[0] = 0x04, buf[1] = 0x81, buf[2] = 130;
    mote_der_init(&d, buf, 133);
    CHECK(mote_der_get(&d, MOTE_DER_OCTET_STRING, &v, &n) == 0 && n == 130 && v == buf + 3);
    buf[1] = 0x82, buf[2] = 0, buf[3] = 130; /* non-minimal: leading zero length byte */
    mote_der_init(&d, buf, 134);
    CHECK(mote_der_get(&d, MOTE_DER_OCTET_STRING, &v, &n) == -1);
    buf[1] = 0x85; /* five length bytes */
    mote_der_init(&d, buf, 134);
    CHECK(mote_der_get(&d, MOTE_DER_OCTET_STRING, &v, &n) == -1);

    /* SEQUENCE { INTEGER 1, INTEGER 2 } and a truncated one */
    len = test_unhex("3006020101020102", buf, sizeof buf);
    mote_der_init(&d, buf, (size_t)len);
    CHECK(mote_der_enter(&d, MOTE_DER_SEQUENCE, &in) == 0);
    CHECK(mote_der_get_uint(&in, &v, &n) == 0 && v[0] == 1);
    CHECK(mote_der_get_uint(&in, &v, &n) == 0 && v[0] == 2);
    CHECK(mote_der_done(&in) == 0 && mote_der_done(&d) == 0);
    mote_der_init(&d, buf, (size_t)len - 1);
    CHECK(mote_der_enter(&d, MOTE_DER_SEQUENCE, &in) == -1);
    return test_done("der");
}
