/* mote test helpers (see test.h). */
#include "test.h"

#include <stdlib.h>
#include <string.h>

int test_failures;
int test_checks;

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

long test_unhex(const char *hex, uint8_t *out, size_t max)
{
    size_t n = strlen(hex), i;
    if (n % 2 || n / 2 > max) return -1;
    for (i = 0; i < n / 2; i++) {
        int h = hexval(hex[2 * i]), l = hexval(hex[2 * i + 1]);
        if (h < 0 || l < 0) return -1;
        out[i] = (uint8_t)(h * 16 + l);
    }
    return (long)(n / 2);
}

int test_eq_hex(const uint8_t *buf, size_t len, const char *hex)
{
    uint8_t tmp[4096];
    long n = test_unhex(hex, tmp, sizeof tmp);
    if (n < 0 || (size_t)n != len || memcmp(tmp, buf, len) != 0) {
        test_print_hex("got     ", buf, len);
        fprintf(stderr, "expected %s\n", hex);
        return 0;
    }
    return 1;
}

void test_print_hex(const char *label, const uint8_t *buf, size_t len)
{
    size_t i;
    fprintf(stderr, "%s", label);
    for (i = 0; i < len; i++)
        fprintf(stderr, "%02x", buf[i]);
    fprintf(stderr, "\n");
}

int test_done(const char *name)
{
    printf("%s: %d checks, %d failures\n", name, test_checks, test_failures);
    return test_failures ? 1 : 0;
}

/* ---- vector lines ---- */

const char *tv_get(const char *line, const char *key)
{
    static char val[1 << 16];
    size_t klen = strlen(key);
    const char *p = line;
    while (*p) {
        while (*p == ' ')
            p++;
        if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
            const char *v = p + klen + 1;
            size_t n = strcspn(v, " \n");
            if (n >= sizeof val) return NULL;
            memcpy(val, v, n);
            val[n] = 0;
            return val;
        }
        p += strcspn(p, " \n");
        if (*p == '\n') break;
    }
    return NULL;
}

long tv_hex(const char *line, const char *key, uint8_t *out, size_t max)
{
    const char *v = tv_get(line, key);
    return v ? test_unhex(v, out, max) : -1;
}

long tv_int(const char *line, const char *key, long def)
{
    const char *v = tv_get(line, key);
    return v ? strtol(v, NULL, 10) : def;
}

int tv_has_flag(const char *line, const char *flag)
{
    const char *v = tv_get(line, "flags");
    size_t n = strlen(flag);
    while (v && *v) {
        if (strncmp(v, flag, n) == 0 && (v[n] == ',' || v[n] == 0)) return 1;
        v = strchr(v, ',');
        if (v) v++;
    }
    return 0;
}

void tv_verdict(const char *line, int succeeded, const char *why_if_wrong)
{
    long id = tv_int(line, "tcId", -1);
    const char *res = tv_get(line, "result");
    if (res && strcmp(res, "acceptable") == 0)
        printf("%ld pass %s\n", id, succeeded ? "accepted" : "rejected");
    else if (res && strcmp(res, "valid") == 0)
        printf(succeeded ? "%ld pass\n" : "%ld fail %s\n", id, why_if_wrong);
    else
        printf(succeeded ? "%ld fail %s\n" : "%ld pass\n", id, "invalid input accepted");
}

void tv_skip(const char *line, const char *reason)
{
    printf("%ld skip %s\n", tv_int(line, "tcId", -1), reason);
}

int tv_main(int argc, char **argv, const char *const *files,
            void (*run_one)(const char *file, const char *line))
{
    static char line[1 << 20];
    if (argc == 2 && strcmp(argv[1], "--files") == 0) {
        while (*files)
            printf("%s\n", *files++);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: %s --files | FILE.json < flattened-tests\n", argv[0]);
        return 2;
    }
    while (fgets(line, sizeof line, stdin)) {
        run_one(argv[1], line);
        fflush(stdout);
    }
    return 0;
}
