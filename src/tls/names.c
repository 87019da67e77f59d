/* Printable names of the protocol numbers (for tools and logs).
 *
 * One table of (number, where the name starts) rows over one block of
 * names, searched by a loop: smaller than a switch per list, whose cases
 * each carry a compare and a pointer (issue 8). The block is a struct of
 * char arrays so that offsetof gives each name's place. */
#include <stddef.h>

#include "mote/tls.h"

/* X(number, field, name): the suites, groups and schemes, in this order */
#define SUITES13(X)                                                                                \
    X(MOTE_TLS_AES_128_GCM_SHA256, s1301, "TLS_AES_128_GCM_SHA256")                                \
    X(MOTE_TLS_AES_256_GCM_SHA384, s1302, "TLS_AES_256_GCM_SHA384")                                \
    X(MOTE_TLS_CHACHA20_POLY1305_SHA256, s1303, "TLS_CHACHA20_POLY1305_SHA256")                    \
    X(MOTE_TLS_AES_128_CCM_SHA256, s1304, "TLS_AES_128_CCM_SHA256")                                \
    X(MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, sc02b,                                         \
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")                                                   \
    X(MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, sc02c,                                         \
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")                                                   \
    X(MOTE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, scca9,                                   \
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")                                             \
    X(MOTE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, sc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")  \
    X(MOTE_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, sc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")  \
    X(MOTE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, scca8,                                     \
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")                                               \
    X(MOTE_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, s009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256")      \
    X(MOTE_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, s009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384")

#if MOTE_ENABLE_CBC /* the opt-in legacy suites */
#define SUITES_CBC(X)                                                                              \
    X(MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, sc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA")    \
    X(MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, sc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA")    \
    X(MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, sc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")        \
    X(MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, sc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA")        \
    X(MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, sc023,                                         \
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256")                                                   \
    X(MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, sc024,                                         \
      "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384")                                                   \
    X(MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, sc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256")  \
    X(MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, sc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384")
#else
#define SUITES_CBC(X)
#endif

#if MOTE_ENABLE_CBC && MOTE_ENABLE_TLS12_RSA_KEX
#define SUITES_RSA_CBC(X)                                                                          \
    X(MOTE_TLS_RSA_WITH_AES_128_CBC_SHA, s002f, "TLS_RSA_WITH_AES_128_CBC_SHA")                    \
    X(MOTE_TLS_RSA_WITH_AES_256_CBC_SHA, s0035, "TLS_RSA_WITH_AES_256_CBC_SHA")                    \
    X(MOTE_TLS_RSA_WITH_AES_128_CBC_SHA256, s003c, "TLS_RSA_WITH_AES_128_CBC_SHA256")              \
    X(MOTE_TLS_RSA_WITH_AES_256_CBC_SHA256, s003d, "TLS_RSA_WITH_AES_256_CBC_SHA256")
#else
#define SUITES_RSA_CBC(X)
#endif

#if MOTE_ENABLE_TLS12_RSA_KEX
#define SUITES_RSA(X)                                                                              \
    X(MOTE_TLS_RSA_WITH_AES_128_GCM_SHA256, s009c, "TLS_RSA_WITH_AES_128_GCM_SHA256")              \
    X(MOTE_TLS_RSA_WITH_AES_256_GCM_SHA384, s009d, "TLS_RSA_WITH_AES_256_GCM_SHA384")
#else
#define SUITES_RSA(X)
#endif

#define SUITES(X) SUITES13(X) SUITES_CBC(X) SUITES_RSA_CBC(X) SUITES_RSA(X)

#define GROUPS(X)                                                                                  \
    X(MOTE_GROUP_X25519, g_x25519, "x25519")                                                       \
    X(MOTE_GROUP_SECP256R1, g_p256, "secp256r1")                                                   \
    X(MOTE_GROUP_SECP384R1, g_p384, "secp384r1")                                                   \
    X(MOTE_GROUP_FFDHE2048, g_ffdhe2048, "ffdhe2048")

#define SCHEMES(X)                                                                                 \
    X(MOTE_SIG_RSA_PKCS1_SHA256, x0401, "rsa_pkcs1_sha256")                                        \
    X(MOTE_SIG_RSA_PKCS1_SHA384, x0501, "rsa_pkcs1_sha384")                                        \
    X(MOTE_SIG_RSA_PKCS1_SHA512, x0601, "rsa_pkcs1_sha512")                                        \
    X(MOTE_SIG_ECDSA_SECP256R1_SHA256, x0403, "ecdsa_secp256r1_sha256")                            \
    X(MOTE_SIG_ECDSA_SECP384R1_SHA384, x0503, "ecdsa_secp384r1_sha384")                            \
    X(MOTE_SIG_RSA_PSS_RSAE_SHA256, x0804, "rsa_pss_rsae_sha256")                                  \
    X(MOTE_SIG_RSA_PSS_RSAE_SHA384, x0805, "rsa_pss_rsae_sha384")                                  \
    X(MOTE_SIG_RSA_PSS_RSAE_SHA512, x0806, "rsa_pss_rsae_sha512")                                  \
    X(MOTE_SIG_ED25519, x0807, "ed25519")                                                          \
    X(MOTE_SIG_RSA_PSS_PSS_SHA256, x0809, "rsa_pss_pss_sha256")                                    \
    X(MOTE_SIG_RSA_PSS_PSS_SHA384, x080a, "rsa_pss_pss_sha384")                                    \
    X(MOTE_SIG_RSA_PSS_PSS_SHA512, x080b, "rsa_pss_pss_sha512")

#define FIELD(num, field, name) char field[sizeof name];
#define VALUE(num, field, name) name,
#define ROW(num, field, name)   {num, offsetof(struct name_block, field)},
#define ONE(num, field, name)   +1

static const struct name_block {
    char none[sizeof "(none)"];
    SUITES(FIELD) GROUPS(FIELD) SCHEMES(FIELD)
} block = {"(none)", SUITES(VALUE) GROUPS(VALUE) SCHEMES(VALUE)};

typedef char names_fit_16_bits[sizeof block <= 65535 ? 1 : -1];

static const struct {
    uint16_t num, at; /* the number, its name's offset in block */
} rows[] = {SUITES(ROW) GROUPS(ROW) SCHEMES(ROW)};

#define N_SUITES (0 SUITES(ONE))
#define N_GROUPS (0 GROUPS(ONE))

/* The name of num among rows[from..to) */
static const char *find(unsigned from, unsigned to, uint16_t num)
{
    for (; from < to; from++)
        if (rows[from].num == num) return (const char *)&block + rows[from].at;
    return block.none;
}

const char *mote_tls_suite_name(uint16_t suite)
{
    return find(0, N_SUITES, suite);
}

const char *mote_tls_group_name(uint16_t group)
{
    return find(N_SUITES, N_SUITES + N_GROUPS, group);
}

const char *mote_tls_sig_name(uint16_t scheme)
{
    return find(N_SUITES + N_GROUPS, sizeof rows / sizeof *rows, scheme);
}
