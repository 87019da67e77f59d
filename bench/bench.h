/* mote benchmarks: the case-table protocol shared by every bench/bench_*.c.
 *
 * Each bench/bench_<group>.c defines `const bench_case bench_cases[]`, ended
 * by an entry whose name is NULL, and bench/run.sh links it with
 * bench/driver.c (the main program) into build/bench/bench_<group>. A case
 * is one primitive; for each implementation (mote, BearSSL, mbedTLS) it gives
 * up to three functions:
 *
 *   setup(io)     key setup into io->ctx (not part of the measured operation;
 *                 its instruction count is reported on its own `setup:` line
 *                 when the case has BENCH_KEYED)
 *   op(io)        the measured operation on io->len bytes (per-byte cases) or
 *                 one operation (BENCH_PER_OP cases, e.g. a signature)
 *   teardown(io)  release what setup took (mbedTLS frees); may be NULL
 *
 * An op that the implementation lacks is NULL: the driver prints n/a. mote
 * symbols are detected at build time: run.sh defines HAVE_<symbol>=1 for
 * every `HAVE_mote_...` token found in the bench sources whose symbol libmote.a
 * defines, so a case file wraps its mote functions in `#if HAVE_mote_x` and
 * keeps building while the primitive is not written yet.
 *
 * Results are cross-checked: before measuring, the driver runs every op once
 * per size from the same inputs and compares io->out[0 .. io->res_len) (and
 * io->ok) across implementations; a disagreement prints a `check:` line. */
#ifndef MOTE_BENCH_H
#define MOTE_BENCH_H

#include <stddef.h>
#include <stdint.h>

enum { BENCH_MOTE, BENCH_BEARSSL, BENCH_MBEDTLS, BENCH_NIMPL };

#define BENCH_MAX_LEN  16384       /* largest message */
#define BENCH_SLACK    256         /* out/aux have BENCH_MAX_LEN + BENCH_SLACK bytes */
#define BENCH_CTX_SIZE (64 * 1024) /* io->ctx bytes, 16-aligned */

typedef struct bench_io {
    size_t len;        /* message bytes for this op (0 for BENCH_PER_OP cases) */
    const uint8_t *in; /* BENCH_MAX_LEN fixed pseudo-random bytes: the message */
    /* Working buffer. Before the cross-check run the driver copies in[0..len)
     * here; ciphers encrypt it in place (and go on re-encrypting it while
     * measured: the cost is the same). Results (digest, tag after the
     * ciphertext, ...) are written here and res_len set. */
    uint8_t *out;
    uint8_t *aux;   /* scratch of the same size, e.g. ciphertext for open */
    size_t res_len; /* bytes of out that are the result (cross-check), or
                       BENCH_NO_CHECK: not comparable with the others */
    int ok;         /* verification verdict for open/verify ops (1 = ok) */
    uint8_t key[32], key2[32], nonce[16], aad[13], tag[16];
    void *ctx; /* BENCH_CTX_SIZE bytes of per-implementation state */
} bench_io;

#define BENCH_NO_CHECK ((size_t)-1)

typedef void (*bench_fn)(bench_io *io);

typedef struct bench_impl {
    bench_fn setup, op, teardown;
} bench_impl;

/* Case flags. */
#define BENCH_PER_BYTE 0u /* measured at 16 B, 1 KiB, 16 KiB: instructions/byte, MB/s */
#define BENCH_PER_OP   1u /* one operation: instructions/op, ops/s */
#define BENCH_KEYED    2u /* report setup's instruction count on a `setup:` line */

typedef struct bench_case {
    const char *name; /* primitive, e.g. "aes-128-gcm-seal" (no spaces) */
    unsigned flags;
    /* prepare(io): run before the cross-check at each size, outside any
     * measurement and after setup (e.g. produce the ciphertext and tag that
     * an open op authenticates into io->aux / io->tag). May be NULL. */
    bench_fn prepare;
    bench_impl impl[BENCH_NIMPL];
} bench_case;

extern const bench_case bench_cases[];

#endif
