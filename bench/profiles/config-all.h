/* Profile all (bench/profiles): every feature on, and run.sh keeps every
 * public function of the library (-Wl,-u for each), as if an application
 * called all of them. */
#define MOTE_ENABLE_SHA512          1
#define MOTE_ENABLE_SHA1            0
#define MOTE_ENABLE_CBC             0
#define MOTE_ENABLE_TLS12_RSA_KEX   0
#define MOTE_ENABLE_TLS12_PRF       1
#define MOTE_ENABLE_AES             1
#define MOTE_ENABLE_GCM             1
#define MOTE_ENABLE_CCM             1
#define MOTE_ENABLE_CHACHAPOLY      1
#define MOTE_ENABLE_X25519          1
#define MOTE_ENABLE_ED25519         1
#define MOTE_ENABLE_P256            1
#define MOTE_ENABLE_P384            1
#define MOTE_ENABLE_ECDSA_SIGN      1
#define MOTE_ENABLE_RSA             1
#define MOTE_ENABLE_RSA_SIGN        1
#define MOTE_ENABLE_FFDHE           1
#define MOTE_ENABLE_X509            1
#define MOTE_ENABLE_TLS_RESUMPTION  1
#define MOTE_ENABLE_TLS_PSK         1
#define MOTE_ENABLE_TLS_CLIENT_AUTH 1
