/* The few C library pieces mote and the peers call, for targets without a
 * C library (lx106 and rv32imc with Debian's cross compilers): plain loops,
 * a bump allocator (mbed TLS and wolfSSL allocate; mote never does) and
 * the character-class table newlib's <ctype.h> macros read. Linked into the
 * whole image, never counted as library bytes. On lx106 the functions the
 * ESP8266 ROM has are the ROM's (esp8266-rom.ld). Cortex-M links
 * newlib-nano instead. Compiled with -fno-builtin
 * -fno-tree-loop-distribute-patterns so the loops stay loops. */
#include <stddef.h>

#define CMP_HEAP_SIZE (64 * 1024)

void *memchr(const void *s, int c, size_t n);
char *strncpy(char *dst, const char *src, size_t n);
void *malloc(size_t n);
void *calloc(size_t n, size_t m);
void *realloc(void *p, size_t n);
void free(void *p);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    for (; n; n--, p++)
        if (*p == (unsigned char)c) return (void *)(size_t)p;
    return NULL;
}

/* Never freed: enough to link, not a real allocator. */
static unsigned char heap[CMP_HEAP_SIZE];
static size_t heap_used;

void *malloc(size_t n)
{
    void *p;
    n = (n + 7) & ~(size_t)7;
    if (n > sizeof heap - heap_used) return NULL;
    p = heap + heap_used;
    heap_used += n;
    return p;
}

void *calloc(size_t n, size_t m)
{
    unsigned char *p;
    size_t i;
    if (m && n > (size_t)-1 / m) return NULL;
    p = malloc(n * m);
    for (i = 0; p && i < n * m; i++)
        p[i] = 0;
    return p;
}

void *realloc(void *p, size_t n)
{
    unsigned char *q = malloc(n);
    size_t i;
    for (i = 0; q && p && i < n; i++) /* may read past the old block: fine here */
        q[i] = ((unsigned char *)p)[i];
    return q;
}

void free(void *p)
{
    (void)p;
}

/* newlib's <ctype.h> classes: upper 01, lower 02, digit 04, space 010,
 * punct 020, control 040, hex digit 0100, blank 0200; entry c + 1. */
#define C_ 040
#define S_ (010 | 040)
#define B_ 0200
#define P_ 020
#define D_ 04
#define U_ 01
#define UX (01 | 0100)
#define L_ 02
#define LX (02 | 0100)
const char _ctype_[1 + 256] = {
    0,         C_,        C_,        C_,        C_,        C_,        C_,        C_,
    C_,        C_,        S_ | B_,   S_,        S_,        S_,        S_,        C_,
    C_, /* 0x00 */
    C_,        C_,        C_,        C_,        C_,        C_,        C_,        C_,
    C_,        C_,        C_,        C_,        C_,        C_,        C_,        C_, /* 0x10 */
    010 | B_,  P_,        P_,        P_,        P_,        P_,        P_,        P_,
    P_,        P_,        P_,        P_,        P_,        P_,        P_,        P_, /* 0x20 */
    D_ | 0100, D_ | 0100, D_ | 0100, D_ | 0100, D_ | 0100, D_ | 0100, D_ | 0100, D_ | 0100,
    D_ | 0100, D_ | 0100, P_,        P_,        P_,        P_,        P_,        P_, /* 0x30 */
    P_,        UX,        UX,        UX,        UX,        UX,        UX,        U_,
    U_,        U_,        U_,        U_,        U_,        U_,        U_,        U_, /* 0x40 */
    U_,        U_,        U_,        U_,        U_,        U_,        U_,        U_,
    U_,        U_,        U_,        P_,        P_,        P_,        P_,        P_, /* 0x50 */
    P_,        LX,        LX,        LX,        LX,        LX,        LX,        L_,
    L_,        L_,        L_,        L_,        L_,        L_,        L_,        L_, /* 0x60 */
    L_,        L_,        L_,        L_,        L_,        L_,        L_,        L_,
    L_,        L_,        L_,        P_,        P_,        P_,        P_,        C_}; /* 0x70 */

#if !defined(__XTENSA__)
char *strncpy(char *dst, const char *src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i]; i++)
        dst[i] = src[i];
    for (; i < n; i++)
        dst[i] = 0;
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s) return memcpy(dst, src, n);
    while (n--)
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (; n; n--, p++, q++)
        if (*p != *q) return *p - *q;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b || !*a) return (unsigned char)*a - (unsigned char)*b;
    }
    return 0;
}
#endif
