/* libFuzzer harness: the in-memory DER reader (src/crypto/der.c) walking an
 * arbitrary tree of TLVs, reading every INTEGER as unsigned. Any input must
 * be handled without reading out of bounds. */
#include <stddef.h>
#include <stdint.h>

#include "crypto/der.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(mote_der *d, int depth)
{
    while (mote_der_done(d) != 0) {
        mote_der inner;
        const uint8_t *v;
        size_t n;
        uint8_t tag = d->p[0];
        if (tag & 0x20) {
            if (depth >= 8 || mote_der_enter(d, tag, &inner)) return;
            walk(&inner, depth + 1);
        } else if (tag == MOTE_DER_INTEGER) {
            mote_der save = *d;
            if (mote_der_get_uint(d, &v, &n)) {
                *d = save;
                if (mote_der_get(d, tag, &v, &n)) return;
            }
        } else if (mote_der_get(d, tag, &v, &n)) {
            return;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mote_der d;
    mote_der_init(&d, data, size);
    walk(&d, 0);
    return 0;
}
