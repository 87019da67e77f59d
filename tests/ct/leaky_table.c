/* A deliberately leaky program: proof that the constant-time checker works.
 *
 * tests/run_all.sh runs every tests/ct/leaky_* under
 * `valgrind -q --error-exitcode=42` and passes only if valgrind reports an
 * error (exit 42). Two classic leaks on CT_SECRET data, each of which memcheck
 * must flag on its own:
 *   table   an S-box lookup indexed by a secret byte (textbook table AES):
 *           the address depends on the secret ("Use of uninitialised value"
 *           in an address computation);
 *   branch  an early-exit comparison of a secret tag (memcmp-style): the
 *           branch depends on the secret ("Conditional jump or move depends
 *           on uninitialised value(s)").
 * With no argument both run; `leaky_table table` or `leaky_table branch` runs
 * one (to check each is caught). The results are marked public before they
 * are printed, so only the leaks themselves are reported. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ct.h"

static uint8_t sbox[256];

static void make_sbox(void)
{
    unsigned i;
    uint8_t x = 1;
    for (i = 0; i < 256; i++) {
        sbox[i] = (uint8_t)(x ^ 0x63);
        x = (uint8_t)(x * 3u + 1u);
    }
}

/* Leak 1: memory index depends on the secret. */
static unsigned leaky_lookup(const uint8_t *secret, size_t n)
{
    unsigned acc = 0;
    size_t i;
    for (i = 0; i < n; i++)
        acc += sbox[secret[i]];
    return acc;
}

/* Leak 2: branch (early exit) depends on the secret. */
static int leaky_compare(const uint8_t *secret, const uint8_t *guess, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (secret[i] != guess[i]) return 0;
    return 1;
}

int main(int argc, char **argv)
{
    uint8_t key[16], tag[16], guess[16];
    int do_table = argc < 2 || strcmp(argv[1], "table") == 0;
    int do_branch = argc < 2 || strcmp(argv[1], "branch") == 0;
    unsigned acc = 0;
    int eq = 0;
    size_t i;

    make_sbox();
    for (i = 0; i < 16; i++) {
        key[i] = (uint8_t)(17 * i + 5);
        tag[i] = (uint8_t)(0xA0 + i);
        guess[i] = (uint8_t)(0xA0 + i + (i == 9));
    }
    CT_SECRET(key, sizeof key);
    CT_SECRET(tag, sizeof tag);

    if (do_table) acc = leaky_lookup(key, sizeof key);
    if (do_branch) eq = leaky_compare(tag, guess, sizeof tag);

    CT_PUBLIC(&acc, sizeof acc);
    CT_PUBLIC(&eq, sizeof eq);
    printf("leaky_table: lookup sum %u, tags equal %d (valgrind must report errors)\n", acc, eq);
    return 0;
}
