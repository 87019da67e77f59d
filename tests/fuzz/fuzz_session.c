/* libFuzzer harness: mote_tls_session_load on arbitrary bytes (a session
 * read back from flash or RTC memory may be anything). No input may crash
 * it; what it accepts must save again, and that saving must load and save
 * to the same bytes (the format has one encoding per session). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mote/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mote_tls_session s, t;
    static uint8_t a[MOTE_SESSION_SAVE_MAX], b[MOTE_SESSION_SAVE_MAX];
    size_t na = 0, nb = 0;
    if (mote_tls_session_load(&s, data, size) != MOTE_OK) return 0;
    if (mote_tls_session_save(&s, a, sizeof a, &na) != MOTE_OK) __builtin_trap();
    if (mote_tls_session_load(&t, a, na) != MOTE_OK) __builtin_trap();
    if (mote_tls_session_save(&t, b, sizeof b, &nb) != MOTE_OK) __builtin_trap();
    if (na != nb || memcmp(a, b, na) != 0) __builtin_trap();
    mote_tls_session_wipe(&s);
    mote_tls_session_wipe(&t);
    return 0;
}
