/* libFuzzer harness: the streaming DER reader (src/x509/der_stream.c).
 * The input is parsed twice, whole and in chunks whose sizes come from the
 * input itself; both runs must give the same events, the same verdict and
 * the same error offset (a chunking-dependent result is a bug). Primitive
 * OCTET and BIT STRINGs are descended into, NULLs skipped, so every reader
 * path is exercised. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "x509/der_stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A running digest of the events (a chunking-independent summary). */
static uint32_t mix(uint32_t h, uint32_t v)
{
    return (h ^ v) * 0x01000193u;
}

static uint32_t run(const uint8_t *data, size_t size, unsigned step, uint32_t *pos, int *verdict)
{
    mote_derst d;
    mote_derst_ev ev;
    uint32_t h = 0x811C9DC5u;
    size_t at = 0;
    int r = 0;
    mote_derst_init(&d);
    while (at <= size) {
        size_t n = step ? step : size;
        if (n > size - at) n = size - at;
        mote_derst_input(&d, data + at, n);
        while ((r = mote_derst_next(&d, &ev)) > 0) {
            if (r == MOTE_DERST_START) {
                h = mix(mix(mix(mix(h, 1), ev.tag), ev.len), ev.off);
                h = mix(mix(h, ev.depth), ev.hdr_len);
                if (ev.tag == 0x04 && (ev.len & 1)) {
                    if (mote_derst_descend(&d)) break;
                } else if (ev.tag == 0x03 && (ev.len & 1)) {
                    if (mote_derst_descend_bits(&d)) break;
                } else if (ev.tag == 0x05) {
                    mote_derst_skip(&d);
                }
            } else if (r == MOTE_DERST_DATA) {
                uint32_t i;
                if (ev.len == 0 || ev.p < data || ev.p + ev.len > data + size) abort();
                for (i = 0; i < ev.len; i++)
                    h = mix(h, ev.p[i]);
            } else {
                h = mix(mix(h, 3), ev.depth);
            }
        }
        if (r < 0) break;
        at += n;
        if (n == 0) break;
    }
    *pos = d.pos;
    *verdict = r < 0 ? r : mote_derst_idle(&d);
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint32_t p1, p2, h1, h2;
    int v1, v2;
    unsigned step = size ? (unsigned)(data[0] % 7) + 1 : 1;
    h1 = run(data, size, 0, &p1, &v1);
    h2 = run(data, size, step, &p2, &v2);
    if (v1 != v2 || p1 != p2) abort();
    /* events before an error may differ only in how DATA was cut: the
     * digest covers bytes, not cuts, so it must match too */
    if (h1 != h2) abort();
    return 0;
}
