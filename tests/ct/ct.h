/* Constant-time checks ("ctgrind"): secrets are marked undefined for
 * valgrind memcheck, which then reports every branch or memory index that
 * depends on them. Run the ct_* programs under
 * `valgrind --error-exitcode=42`; tests/run_all.sh does.
 *
 * CT_SECRET(p, n): from here on, the n bytes at p are secret.
 * CT_PUBLIC(p, n): the n bytes at p may be looked at (an output we release,
 *                  e.g. a ciphertext or a tag-check verdict). */
#ifndef MOTE_CT_H
#define MOTE_CT_H

#include <valgrind/memcheck.h>

#define CT_SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define CT_PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

#endif
