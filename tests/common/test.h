/* mote test helpers: checks, hex, and the vector-line reader.
 *
 * A unit test is a program: it runs its checks and exits 0 only if all
 * passed (test_done() prints the verdict). A vector runner reads flattened
 * Wycheproof tests (one per line, from tests/vectors/run_vectors.py) on
 * stdin and prints one verdict per test. */
#ifndef MOTE_TEST_H
#define MOTE_TEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

extern int test_failures;
extern int test_checks;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        test_checks++;                                                                             \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
            test_failures++;                                                                       \
        }                                                                                          \
    } while (0)

/* CHECK_HEX(buf, len, "00ff..."): the len bytes at buf equal the hex string. */
#define CHECK_HEX(buf, len, hex) CHECK(test_eq_hex((buf), (len), (hex)))
#define CHECK_EQ_INT(a, b)                                                                         \
    do {                                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                                        \
        test_checks++;                                                                             \
        if (a_ != b_) {                                                                            \
            fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, a_, b_); \
            test_failures++;                                                                       \
        }                                                                                          \
    } while (0)

/* test_unhex: decode hex into out (at most max bytes). Returns the byte
 * count, or -1 on bad hex or overflow. */
long test_unhex(const char *hex, uint8_t *out, size_t max);
/* test_eq_hex: 1 if the len bytes at buf are the bytes the hex string spells. */
int test_eq_hex(const uint8_t *buf, size_t len, const char *hex);
void test_print_hex(const char *label, const uint8_t *buf, size_t len);
/* test_done: print "<name>: N checks, N failures" and return the exit code. */
int test_done(const char *name);

/* ---- vector runners ---- */

/* tv_get: the value of key in a flattened test line ("k=v k=v ..."), copied
 * into a static buffer; NULL when the key is absent. Group fields are
 * flattened with dots (publicKey.uncompressed). */
const char *tv_get(const char *line, const char *key);
/* tv_hex: decode the hex value of key into out (max bytes); returns the
 * length, or -1 when absent/bad. */
long tv_hex(const char *line, const char *key, uint8_t *out, size_t max);
/* tv_int: the decimal value of key, or def when absent. */
long tv_int(const char *line, const char *key, long def);
/* tv_has_flag: 1 if the comma-separated "flags" value contains flag. */
int tv_has_flag(const char *line, const char *flag);

/* The verdict protocol, printed by the runner for each test line:
 *   "<tcId> pass [accepted|rejected]"   (the word only for acceptable tests)
 *   "<tcId> fail <why>"
 *   "<tcId> skip <reason>"              (only for parameters mote does not support)
 * tv_verdict() applies the rule: result=valid must succeed, invalid must
 * fail, acceptable may do either (and reports which). */
void tv_verdict(const char *line, int succeeded, const char *why_if_wrong);
void tv_skip(const char *line, const char *reason);

/* tv_main: the runner's main loop. files is a NULL-terminated list of the
 * JSON basenames this runner handles (printed for --files); run_one is
 * called for every test line read from stdin, with the file name given as
 * argv[1]. */
int tv_main(int argc, char **argv, const char *const *files,
            void (*run_one)(const char *file, const char *line));

#endif
