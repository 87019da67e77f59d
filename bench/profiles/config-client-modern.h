/* Profile client-modern (bench/profiles): BearSSL's client profile
 * (bench/profiles/bearssl_app.c: a TLS 1.2 client, ECDHE over X25519 and
 * P-256, ECDSA and RSA verification, AES-128/256-GCM and
 * ChaCha20-Poly1305, SHA-256, X.509 with a trust anchor in flash) plus TLS
 * 1.3: client-tls13's configuration and program with TLS 1.2 on. The
 * like-for-like counterpart of bearssl-client12; client-full adds the rest
 * (bench/profiles/features.sh prices each addition). */
#define MOTE_ENABLE_TLS12_PRF 1
#include "config-client-tls13.h"
