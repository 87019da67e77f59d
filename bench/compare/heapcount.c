/* Peak heap of a client: malloc and friends are replaced (glibc supports
 * replacing them in the program; shared libraries such as libssl then call
 * these too) by thin wrappers over glibc's own allocator that keep the
 * bytes currently allocated and the peak. A block counts as
 * malloc_usable_size() bytes: what the caller asked for rounded up to
 * glibc's granule (at most 24 bytes more), so the figure is never below
 * what the library requested. Linked into the native variant of each
 * client only; heapstub.c stands in for the callgrind variant. */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <stddef.h>

#include "harness.h"

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static size_t cur, peak;

static void *count(void *p)
{
    if (p) {
        cur += malloc_usable_size(p);
        if (cur > peak) peak = cur;
    }
    return p;
}

/* (A block from before the count started, e.g. the dynamic loader's, must
 * not wrap the counter.) */
static void uncount(size_t n)
{
    cur = n < cur ? cur - n : 0;
}

void *malloc(size_t n)
{
    return count(__libc_malloc(n));
}

void *calloc(size_t a, size_t b)
{
    return count(__libc_calloc(a, b));
}

void free(void *p)
{
    if (p) uncount(malloc_usable_size(p));
    __libc_free(p);
}

void *realloc(void *p, size_t n)
{
    size_t old = p ? malloc_usable_size(p) : 0;
    void *q = __libc_realloc(p, n);
    if (q || n == 0) uncount(old); /* the old block is gone */
    return count(q);
}

void *memalign(size_t align, size_t n)
{
    return count(__libc_memalign(align, n));
}

void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    void *p;
    if (align < sizeof(void *) || (align & (align - 1)) != 0) return EINVAL;
    p = memalign(align, n);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}

void *valloc(size_t n)
{
    return memalign(4096, n);
}

void *pvalloc(size_t n)
{
    return memalign(4096, (n + 4095) & ~(size_t)4095);
}

void cmp_heap_reset(void)
{
    peak = cur;
}

size_t cmp_heap_current(void)
{
    return cur;
}

size_t cmp_heap_peak(void)
{
    return peak;
}

int cmp_heap_active(void)
{
    return 1;
}
