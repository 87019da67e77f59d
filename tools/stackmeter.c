/* Stack high-water meter: run a function on a painted private stack
 * (makecontext/swapcontext) and find the deepest byte it overwrote. */
#if !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700
#endif
#if !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS on glibc */
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "stackmeter.h"

/* Paint: a 4-byte pattern unlikely to be written by real code. */
static const unsigned char paint[4] = {0xA5, 0x5C, 0xC3, 0x3A};

/* The function to run; makecontext passes only ints, so they go through
 * these (hence one measurement at a time). */
static void (*volatile meter_fn)(void *);
static void *volatile meter_arg;
static ucontext_t meter_caller, meter_callee;

static void meter_trampoline(void)
{
    meter_fn(meter_arg);
}

static void meter_nothing(void *arg)
{
    (void)arg;
}

/* The private stack, with an inaccessible guard page below it where the
 * system allows (a function that overruns the stack then faults at once
 * instead of silently corrupting the heap). */
#if defined(MAP_ANONYMOUS)
static unsigned char *stack_alloc(size_t n)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t g = page > 0 ? (size_t)page : 4096;
    unsigned char *p =
        mmap(NULL, n + g, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    if (mprotect(p, g, PROT_NONE) != 0) {
        munmap(p, n + g);
        return NULL;
    }
    return p + g;
}

static void stack_free(unsigned char *stack, size_t n)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t g = page > 0 ? (size_t)page : 4096;
    munmap(stack - g, n + g);
}
#else
static unsigned char *stack_alloc(size_t n)
{
    return malloc(n);
}

static void stack_free(unsigned char *stack, size_t n)
{
    (void)n;
    free(stack);
}
#endif

/* Raw depth: bytes of the private stack touched while running fn, including
 * the trampoline and the context-start frames. 0 on failure. */
static size_t meter_raw(void (*fn)(void *), void *arg)
{
    size_t i, n = MOTE_STACKMETER_SIZE;
    unsigned char *stack = stack_alloc(n);
    if (stack == NULL) return 0;
    for (i = 0; i < n; i++)
        stack[i] = paint[i & 3];
    if (getcontext(&meter_callee) != 0) {
        stack_free(stack, n);
        return 0;
    }
    meter_callee.uc_stack.ss_sp = stack;
    meter_callee.uc_stack.ss_size = n;
    meter_callee.uc_link = &meter_caller;
    meter_fn = fn;
    meter_arg = arg;
    makecontext(&meter_callee, meter_trampoline, 0);
    if (swapcontext(&meter_caller, &meter_callee) != 0) {
        stack_free(stack, n);
        return 0;
    }
    /* The stack grows down from stack + n: the first byte (from the bottom)
     * that lost its paint marks the high-water. */
    for (i = 0; i < n && stack[i] == paint[i & 3]; i++) {
    }
    stack_free(stack, n);
    return n - i;
}

size_t mote_stack_measure(void (*fn)(void *), void *arg)
{
    static size_t baseline; /* the meter's own use, measured once */
    size_t raw;
    if (baseline == 0) {
        baseline = meter_raw(meter_nothing, NULL);
        if (baseline == 0) return (size_t)-1;
    }
    raw = meter_raw(fn, arg);
    if (raw == 0 || raw >= MOTE_STACKMETER_SIZE) return (size_t)-1;
    return raw > baseline ? raw - baseline : 0;
}
