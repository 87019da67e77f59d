/* mote: a progress hook for long public-key operations.
 *
 * On a slow MCU one public-key operation can take longer than a watchdog
 * allows (an ESP8266 at 80 MHz: a P-256 verification takes a few hundred
 * milliseconds, an RSA-2048 signature seconds). The *_p variants of the
 * public-key functions take a mote_progress and call fn(arg) at bounded
 * intervals inside the operation, so firmware can feed the watchdog or
 * yield to its scheduler; NULL (or fn NULL) means no calls, and the plain
 * functions are the *_p ones with NULL. The hook must not call back into
 * the operation's objects; it does not see secrets, and whether and when it
 * is called depends only on public sizes (never on key or data values), so
 * it adds no timing channel. docs/ENGINE.md gives the measured worst-case
 * interval for each operation. No global state: the pointer is passed
 * down the call. */
#ifndef MOTE_PROGRESS_H
#define MOTE_PROGRESS_H

/* Called at bounded intervals; arg is mote_progress.arg. */
typedef void (*mote_progress_fn)(void *arg);

typedef struct mote_progress {
    mote_progress_fn fn; /* NULL: no calls */
    void *arg;
} mote_progress;

#endif
