/* wolfSSL 5.5 in portable C (bench/compare/wolfssl_c.sh: Debian's source
 * package and options, no assembly) comparison client: the same client as
 * cl_wolfssl.c, compiled against that build's headers and options. */
#define CL_WOLFSSL_NAME  "wolfssl-c"
#define CL_WOLFSSL_BUILD "portable C: Debian's options without x86-64 assembly (WOLFSSL_NO_ASM)"
#include "cl_wolfssl.c"
