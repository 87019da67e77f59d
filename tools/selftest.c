/* `mote selftest`: known-answer tests of every primitive compiled in,
 * runnable on the target itself. The full vector suites live in tests/. */
#include <stdio.h>
#include <string.h>

#include "mote/mote.h"
#include "tools.h"

struct kat {
    const char *name;
    int (*run)(void); /* 1 = pass */
};

static const struct kat kats[] = {
    {NULL, NULL},
};

int mote_cmd_selftest(int argc, char **argv)
{
    int failed = 0, passed = 0;
    const struct kat *k;
    (void)argc, (void)argv;
    for (k = kats; k->name; k++) {
        int ok = k->run();
        printf("selftest: %-24s %s\n", k->name, ok ? "ok" : "FAIL");
        ok ? passed++ : failed++;
    }
    printf("selftest: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
