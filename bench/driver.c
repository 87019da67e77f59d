/* mote benchmarks: the main program linked with each bench/bench_*.c.
 *
 *   bench_<group> --time  [filter]   native: cross-check, then MB/s (ops/s)
 *   bench_<group> --ipb   [filter]   under valgrind --tool=callgrind
 *                                    --collect-atstart=no: one stats dump per
 *                                    measurement (bench/report.py reads them)
 *   bench_<group> --stack [filter]   peak stack of each call (tools/stackmeter)
 *   bench_<group> --list             the case names
 *
 * filter: run only the cases whose name contains it. Environment:
 * MOTE_BENCH_TIME (seconds per native measurement, default 0.2),
 * MOTE_BENCH_MBEDTLS_AESNI=1 (let mbedTLS use AES-NI/PCLMUL; by default it is
 * kept on its portable software code, see mbedtls_aesni_has_support below),
 * MOTE_BENCH_SKIP (implementations not to run, e.g. "mbedtls": printed as
 * n/a; bench/run.sh's second bench_pk run, which only pairs mote's MUL16
 * build with BearSSL's 15-bit code).
 * See bench/bench.h for the case-table protocol. */
#define _GNU_SOURCE

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/aesni.h>
#include <valgrind/callgrind.h>

#include "bench.h"
#include "stackmeter.h"

static const char *const impl_name[BENCH_NIMPL] = {"mote", "bearssl", "mbedtls"};
static const size_t sizes[] = {16, 1024, 16384};
#define NSIZES (sizeof sizes / sizeof sizes[0])
/* Bytes per callgrind measurement (instruction counts are exact: this only
 * averages away per-call overheads). */
#define IPB_BYTES 65536u

/* ---- mbedTLS AES-NI switch --------------------------------------------
 * mbedTLS 2.28 picks AES-NI and PCLMUL at run time by calling
 * mbedtls_aesni_has_support(), and has no API to turn that off. libmbedcrypto
 * calls it through its PLT, so this definition in the executable takes its
 * place: answering 0 keeps mbedTLS on its default portable software AES and
 * GHASH, the code it runs on every CPU without AES instructions (a
 * microcontroller). The number of queries shows the switch took effect. */
static unsigned long aesni_queries;
static int (*aesni_real)(unsigned int);
static int aesni_mode = -1; /* -1: not decided yet, 0: answer 0, 1: ask the real one */

static int real_aesni_has_support(unsigned int what)
{
    if (aesni_real == NULL) {
        void *sym = dlsym(RTLD_NEXT, "mbedtls_aesni_has_support");
        if (sym == NULL) return 0;
        memcpy(&aesni_real, &sym, sizeof aesni_real);
    }
    return aesni_real(what);
}

static int aesni_enabled(void)
{
    const char *e = getenv("MOTE_BENCH_MBEDTLS_AESNI");
    return e != NULL && strcmp(e, "1") == 0;
}

/* Called for every AES block: as cheap as the real one once decided. */
int mbedtls_aesni_has_support(unsigned int what)
{
    aesni_queries++;
    if (aesni_mode < 0) aesni_mode = aesni_enabled();
    return aesni_mode ? real_aesni_has_support(what) : 0;
}

/* ---- helpers ----------------------------------------------------------- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void *xmalloc(size_t n)
{
    void *p = NULL;
    if (posix_memalign(&p, 64, n) != 0 || p == NULL) {
        fprintf(stderr, "bench: out of memory\n");
        exit(1);
    }
    memset(p, 0, n);
    return p;
}

static bench_io io;
static uint8_t *in_buf;

/* Fixed pseudo-random inputs (xorshift), the same for every implementation. */
static void init_io(void)
{
    uint32_t x = 0x2545F491u;
    size_t i;
    in_buf = xmalloc(BENCH_MAX_LEN + BENCH_SLACK);
    for (i = 0; i < BENCH_MAX_LEN + BENCH_SLACK; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        in_buf[i] = (uint8_t)(x >> 24);
    }
    io.in = in_buf;
    io.out = xmalloc(BENCH_MAX_LEN + BENCH_SLACK);
    io.aux = xmalloc(BENCH_MAX_LEN + BENCH_SLACK);
    io.ctx = xmalloc(BENCH_CTX_SIZE);
    for (i = 0; i < sizeof io.key; i++)
        io.key[i] = (uint8_t)(0x80 + i);
    for (i = 0; i < sizeof io.key2; i++)
        io.key2[i] = (uint8_t)(0x40 + 3 * i);
    for (i = 0; i < sizeof io.nonce; i++)
        io.nonce[i] = (uint8_t)(0xC0 + i);
    for (i = 0; i < sizeof io.aad; i++)
        io.aad[i] = (uint8_t)(0x17 * i);
}

static void reset_out(size_t len)
{
    io.len = len;
    memset(io.out, 0, BENCH_MAX_LEN + BENCH_SLACK);
    memcpy(io.out, io.in, len);
    io.res_len = 0;
    io.ok = -1;
}

static void do_setup(const bench_impl *im)
{
    memset(io.ctx, 0, BENCH_CTX_SIZE);
    if (im->setup) im->setup(&io);
}

static void do_teardown(const bench_impl *im)
{
    if (im->teardown) im->teardown(&io);
}

static size_t ncase_sizes(const bench_case *c)
{
    return (c->flags & BENCH_PER_OP) ? 1 : NSIZES;
}

static size_t case_size(const bench_case *c, size_t k)
{
    return (c->flags & BENCH_PER_OP) ? 0 : sizes[k];
}

static void size_label(const bench_case *c, size_t k, char *buf, size_t n)
{
    if (c->flags & BENCH_PER_OP)
        snprintf(buf, n, "op");
    else
        snprintf(buf, n, "%zu", sizes[k]);
}

static int selected(const bench_case *c, const char *filter)
{
    return filter == NULL || strstr(c->name, filter) != NULL;
}

/* The op of implementation m, or NULL when it has none or MOTE_BENCH_SKIP
 * names it. */
static bench_fn impl_op(const bench_case *c, int m)
{
    const char *skip = getenv("MOTE_BENCH_SKIP");
    if (skip != NULL && strstr(skip, impl_name[m]) != NULL) return NULL;
    return c->impl[m].op;
}

static void run_loop(const bench_impl *im, unsigned long iters)
{
    unsigned long i;
    for (i = 0; i < iters; i++)
        im->op(&io);
}

static void op_nothing(bench_io *p)
{
    (void)p;
}

/* ---- --ipb: one callgrind dump per measurement ------------------------- */

static void cg_measure(const bench_impl *im, unsigned long iters, const char *label)
{
    CALLGRIND_ZERO_STATS;
    CALLGRIND_TOGGLE_COLLECT;
    run_loop(im, iters);
    CALLGRIND_TOGGLE_COLLECT;
    CALLGRIND_DUMP_STATS_AT(label);
}

static void mode_ipb(const char *filter)
{
    const bench_case *c;
    const bench_impl null_impl = {NULL, op_nothing, NULL};
    char label[200], sz[16];
    size_t k;
    int m;

    /* Loop overhead: a fixed part and a per-iteration part, subtracted by
     * report.py. */
    cg_measure(&null_impl, 1, "null 1");
    cg_measure(&null_impl, 4097, "null 4097");
    for (c = bench_cases; c->name != NULL; c++) {
        if (!selected(c, filter)) continue;
        for (m = 0; m < BENCH_NIMPL; m++) {
            const bench_impl *im = &c->impl[m];
            if (impl_op(c, m) == NULL) continue;
            if (im->setup) {
                /* A first setup + teardown keeps one-time work (mbedTLS
                 * builds its AES tables on first use) out of the count. */
                do_setup(im);
                im->op(&io);
                do_teardown(im);
                memset(io.ctx, 0, BENCH_CTX_SIZE);
                if (c->flags & BENCH_KEYED) {
                    const bench_impl s = {NULL, im->setup, NULL};
                    snprintf(label, sizeof label, "setup %s %s", c->name, impl_name[m]);
                    cg_measure(&s, 1, label);
                } else {
                    im->setup(&io);
                }
            }
            for (k = 0; k < ncase_sizes(c); k++) {
                size_t len = case_size(c, k);
                unsigned long iters = len ? IPB_BYTES / len : 1;
                reset_out(len);
                if (c->prepare) c->prepare(&io);
                im->op(&io); /* first call: lazy initialisations stay out */
                size_label(c, k, sz, sizeof sz);
                snprintf(label, sizeof label, "ipb %s %s %s %lu", c->name, sz, impl_name[m], iters);
                cg_measure(im, iters, label);
            }
            do_teardown(im);
        }
    }
}

/* ---- --time: cross-check, then native speed ---------------------------- */

static double seconds_per_measurement(void)
{
    const char *e = getenv("MOTE_BENCH_TIME");
    double t = e ? atof(e) : 0.2;
    return t > 0 ? t : 0.2;
}

/* Rate (units per second) of the fastest of several rounds of at least ~1/10
 * of the time budget each, run until the budget is spent (and at least 5
 * rounds): other processes can only slow a round down, so the fastest one is
 * the least disturbed. */
static double time_op(const bench_impl *im, double units_per_iter)
{
    double budget = seconds_per_measurement(), t0, t, spent, best;
    unsigned long batch = 1;
    unsigned n = 1;

    run_loop(im, 1); /* warm up */
    for (;;) {       /* grow the batch to about budget/10 */
        t0 = now();
        run_loop(im, batch);
        t = now() - t0;
        if (t >= budget / 10 || batch >= (1ul << 40)) break;
        batch = t > 0 ? (unsigned long)((double)batch * (budget / 10) / t * 1.2) + 1 : batch * 8;
    }
    best = t;
    spent = t;
    while ((spent < budget || n < 5) && n < 1000) {
        t0 = now();
        run_loop(im, batch);
        t = now() - t0;
        spent += t;
        n++;
        if (t < best) best = t;
    }
    return best > 0 ? (double)batch * units_per_iter / best : 0;
}

typedef struct {
    int have;
    int ok;
    size_t res_len;
    uint8_t *res;
} result;

static int check_case(const bench_case *c, size_t k, result r[BENCH_NIMPL])
{
    int ref = -1, m, bad = 0;
    char sz[16], line[256];
    size_t pos;
    /* Reference: BearSSL, else mbedTLS, else mote. */
    for (m = 0; m < BENCH_NIMPL; m++)
        if (r[m].have && r[m].res_len == BENCH_NO_CHECK) r[m].have = 2;
    if (r[BENCH_BEARSSL].have == 1)
        ref = BENCH_BEARSSL;
    else if (r[BENCH_MBEDTLS].have == 1)
        ref = BENCH_MBEDTLS;
    else if (r[BENCH_MOTE].have == 1)
        ref = BENCH_MOTE;
    if (ref < 0) return 0;
    size_label(c, k, sz, sizeof sz);
    pos = (size_t)snprintf(line, sizeof line, "check: %s %s", c->name, sz);
    for (m = 0; m < BENCH_NIMPL; m++) {
        const char *v = r[m].have == 2 ? "skip" : "n/a";
        if (r[m].have == 1) {
            int same = r[m].ok == r[ref].ok && r[m].res_len == r[ref].res_len &&
                       memcmp(r[m].res, r[ref].res, r[m].res_len) == 0;
            if (r[m].ok == 0) same = 0; /* a verification that fails is a failure */
            v = same ? "ok" : "MISMATCH";
            if (!same) bad = 1;
        }
        pos += (size_t)snprintf(line + pos, sizeof line - pos, " %s=%s", impl_name[m], v);
    }
    if (bad) printf("%s\n", line);
    return bad;
}

static void mode_time(const char *filter)
{
    const bench_case *c;
    result r[NSIZES][BENCH_NIMPL];
    char sz[16];
    size_t k;
    int m, checks = 0, bad = 0;

    for (k = 0; k < NSIZES; k++)
        for (m = 0; m < BENCH_NIMPL; m++)
            r[k][m].res = xmalloc(BENCH_MAX_LEN + BENCH_SLACK);
    for (c = bench_cases; c->name != NULL; c++) {
        if (!selected(c, filter)) continue;
        for (m = 0; m < BENCH_NIMPL; m++) {
            const bench_impl *im = &c->impl[m];
            for (k = 0; k < NSIZES; k++)
                r[k][m].have = 0;
            if (impl_op(c, m) == NULL) continue;
            do_setup(im);
            for (k = 0; k < ncase_sizes(c); k++) {
                size_t len = case_size(c, k);
                double rate;
                reset_out(len);
                if (c->prepare) c->prepare(&io);
                im->op(&io);
                r[k][m].have = 1;
                r[k][m].ok = io.ok;
                r[k][m].res_len = io.res_len;
                if (io.res_len != BENCH_NO_CHECK) memcpy(r[k][m].res, io.out, io.res_len);
                rate = time_op(im, len ? (double)len / 1e6 : 1.0);
                size_label(c, k, sz, sizeof sz);
                printf("rate: %s %s %s %.3f\n", c->name, sz, impl_name[m], rate);
                fflush(stdout);
            }
            do_teardown(im);
        }
        for (k = 0; k < ncase_sizes(c); k++) {
            checks++;
            bad += check_case(c, k, r[k]);
        }
    }
    printf("check: %d comparisons, %d mismatches\n", checks, bad);
    printf("note: mbedtls-aesni cpu=%d enabled=%d queries=%lu\n",
           real_aesni_has_support(MBEDTLS_AESNI_AES), aesni_enabled(), aesni_queries);
}

/* ---- --stack ------------------------------------------------------------ */

static void stack_call(void *arg)
{
    bench_fn f = *(bench_fn *)arg;
    f(&io);
}

static size_t stack_of(bench_fn f)
{
    return mote_stack_measure(stack_call, &f);
}

static void mode_stack(const char *filter)
{
    const bench_case *c;
    int m;
    for (c = bench_cases; c->name != NULL; c++) {
        char line[256];
        size_t pos;
        if (!selected(c, filter)) continue;
        pos = (size_t)snprintf(line, sizeof line, "stack: %s", c->name);
        for (m = 0; m < BENCH_NIMPL; m++) {
            const bench_impl *im = &c->impl[m];
            size_t s = 0, t;
            if (impl_op(c, m) == NULL) {
                pos += (size_t)snprintf(line + pos, sizeof line - pos, " %s=n/a", impl_name[m]);
                continue;
            }
            /* Peak of key setup and of one operation on 1 KiB, after one
             * unmeasured run of both (one-time initialisations stay out). */
            do_setup(im);
            reset_out((c->flags & BENCH_PER_OP) ? 0 : 1024);
            if (c->prepare) c->prepare(&io);
            im->op(&io);
            do_teardown(im);
            memset(io.ctx, 0, BENCH_CTX_SIZE);
            if (im->setup) s = stack_of(im->setup);
            reset_out((c->flags & BENCH_PER_OP) ? 0 : 1024);
            if (c->prepare) c->prepare(&io);
            t = stack_of(im->op);
            do_teardown(im);
            if (s == (size_t)-1 || t == (size_t)-1)
                pos += (size_t)snprintf(line + pos, sizeof line - pos, " %s=?", impl_name[m]);
            else
                pos += (size_t)snprintf(line + pos, sizeof line - pos, " %s=%zu", impl_name[m],
                                        s > t ? s : t);
        }
        printf("%s\n", line);
    }
}

int main(int argc, char **argv)
{
    const char *filter = argc > 2 ? argv[2] : NULL;
    init_io();
    if (argc >= 2 && strcmp(argv[1], "--time") == 0) {
        mode_time(filter);
    } else if (argc >= 2 && strcmp(argv[1], "--ipb") == 0) {
        mode_ipb(filter);
    } else if (argc >= 2 && strcmp(argv[1], "--stack") == 0) {
        mode_stack(filter);
    } else if (argc >= 2 && strcmp(argv[1], "--list") == 0) {
        const bench_case *c;
        for (c = bench_cases; c->name != NULL; c++)
            printf("%s %s\n", c->name, (c->flags & BENCH_PER_OP) ? "per-op" : "per-byte");
    } else {
        fprintf(stderr, "usage: %s --time|--ipb|--stack|--list [filter]\n", argv[0]);
        return 2;
    }
    return 0;
}
