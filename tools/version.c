/* `mote version`: version and the features compiled in. */
#include <stdio.h>

#include "mote/mote.h"
#include "tools.h"

int mote_cmd_version(int argc, char **argv)
{
    (void)argc, (void)argv;
    printf("mote %s\n", MOTE_VERSION_STRING);
    printf("features: sha256%s%s%s%s%s%s%s%s%s%s%s%s\n", MOTE_ENABLE_SHA512 ? " sha384 sha512" : "",
           MOTE_ENABLE_TLS12_PRF ? " tls12-prf" : "", MOTE_ENABLE_AES ? " aes" : "",
           MOTE_ENABLE_GCM ? " gcm" : "", MOTE_ENABLE_CCM ? " ccm" : "",
           MOTE_ENABLE_CHACHAPOLY ? " chacha20-poly1305" : "", MOTE_ENABLE_X25519 ? " x25519" : "",
           MOTE_ENABLE_ED25519 ? " ed25519" : "", MOTE_ENABLE_P256 ? " p256" : "",
           MOTE_ENABLE_P384 ? " p384" : "", MOTE_ENABLE_RSA ? " rsa" : "",
           MOTE_ENABLE_FFDHE ? " ffdhe2048" : "");
    printf(
        "tls: client%s%s%s%s%s\n", MOTE_ENABLE_TLS12 ? " tls12" : "",
        MOTE_ENABLE_TLS_RESUMPTION ? " tls-resumption" : "", MOTE_ENABLE_TLS_PSK ? " tls-psk" : "",
        MOTE_ENABLE_TLS_CLIENT_AUTH ? " tls-client-auth" : "", MOTE_ENABLE_SERVER ? " server" : "");
    printf("multiplier backend: %s\n", MOTE_MUL16 ? "16x16->32" : "32x32->64");
    return 0;
}
