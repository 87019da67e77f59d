/* Wycheproof runner: X25519 (x25519_test.json: public, private, shared).
 *
 * X25519: a test whose shared secret is all zero (a low-order public key)
 * must be refused with MOTE_ERR_ZERO_SECRET; every other one must give
 * exactly the expected secret (an "acceptable" test computed wrongly is a
 * failure, not a rejection). */
#include <stdio.h>
#include <string.h>

#include "mote/x25519.h"
#include "test.h"

static const char *const files[] = {"x25519_test.json", NULL};

static void run_x25519(const char *line) {
  uint8_t pub[32], priv[32], want[32], got[32];
  long tc = tv_int(line, "tcId", -1);
  int rc, i, want_zero = 1;

  if (tv_hex(line, "public", pub, 32) != 32 ||
      tv_hex(line, "private", priv, 32) != 32 ||
      tv_hex(line, "shared", want, 32) != 32) {
    printf("%ld fail malformed test line\n", tc);
    return;
  }
  for (i = 0; i < 32; i++)
    if (want[i])
      want_zero = 0;
  rc = mote_x25519_shared(got, priv, pub);
  if (want_zero) {
    /* must be refused; tv_verdict reports an acceptable test as rejected */
    if (rc != MOTE_ERR_ZERO_SECRET) {
      printf("%ld fail all-zero secret not refused (rc=%d)\n", tc, rc);
      return;
    }
    tv_verdict(line, 0, "all-zero shared secret refused");
    return;
  }
  if (rc != MOTE_OK || memcmp(got, want, 32) != 0) {
    printf("%ld fail wrong shared secret (rc=%d)\n", tc, rc);
    return;
  }
  tv_verdict(line, 1, "");
}

static void run_one(const char *file, const char *line) {
  if (strcmp(file, "x25519_test.json") == 0)
    run_x25519(line);
  else
    tv_skip(line, "file not handled");
}

int main(int argc, char **argv) { return tv_main(argc, argv, files, run_one); }
