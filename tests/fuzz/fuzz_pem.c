/* libFuzzer harness: the streaming PEM decoder (src/x509/pem.c). The input
 * is decoded twice, whole with a large output buffer and in input-chosen
 * chunks with a tiny one; both runs must give the same labels, bytes,
 * events and verdict, and never write past the output buffer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mote/pem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t mix(uint32_t h, uint32_t v)
{
    return (h ^ v) * 0x01000193u;
}

static uint32_t run(const uint8_t *data, size_t size, size_t step, size_t cap, int *verdict)
{
    mote_pem p;
    uint8_t out[80];
    size_t at = 0, got, i;
    uint32_t h = 0x811C9DC5u;
    int r = 0;
    mote_pem_init(&p);
    do {
        size_t n = step && step < size - at ? step : size - at;
        mote_pem_input(&p, data + at, n);
        while ((r = mote_pem_next(&p, out, cap, &got)) > 0) {
            if (got > cap) abort();
            if (r == MOTE_PEM_DATA) {
                for (i = 0; i < got; i++)
                    h = mix(h, out[i]);
            } else {
                h = mix(h, 0x100u + (uint32_t)r);
                if (r == MOTE_PEM_BEGIN) {
                    if (strlen(p.label) != p.label_len || p.label_len > MOTE_PEM_LABEL_MAX) abort();
                    for (i = 0; i < p.label_len; i++)
                        h = mix(h, (uint8_t)p.label[i]);
                }
            }
        }
        at += n;
    } while (r == 0 && at < size);
    *verdict = r < 0 ? r * 1000 - (int)p.line : mote_pem_finish(&p);
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int v1, v2;
    size_t step = size ? (size_t)(data[0] % 5) + 1 : 1;
    uint32_t h1 = run(data, size, 0, 80, &v1);
    uint32_t h2 = run(data, size, step, (size_t)(size ? data[size - 1] % 3 + 1 : 1), &v2);
    if (h1 != h2 || v1 != v2) abort();
    return 0;
}
