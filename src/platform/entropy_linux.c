/* The platform entropy source: getrandom(2) on Linux. Elsewhere (bare-metal
 * Cortex-M, ESP8266, ...) there is none built in: mote_platform_entropy
 * fails and the application passes its own source to mote_drbg_init. */
#if defined(__linux__)
#define _GNU_SOURCE /* syscall() under -std=c99 */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "mote/rng.h"

#if defined(__linux__) && defined(SYS_getrandom)

int mote_platform_entropy(void *arg, uint8_t *buf, size_t len)
{
    (void)arg;
    while (len) {
        /* At most 256 bytes a call: getrandom never returns those short
         * once the pool is ready; longer reads may be interrupted. */
        size_t n = len < 256 ? len : 256;
        long r = syscall(SYS_getrandom, buf, n, 0);
        if (r < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (r == 0) return -1;
        buf += r;
        len -= (size_t)r;
    }
    return 0;
}

#else

int mote_platform_entropy(void *arg, uint8_t *buf, size_t len)
{
    (void)arg;
    (void)buf;
    (void)len;
    return -1;
}

#endif
