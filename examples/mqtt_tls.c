/* mqtt_tls: MQTT 3.1.1 over TLS 1.3 with a client certificate (mutual TLS),
 * the setup AWS IoT Core and most brokers expect from a device.
 *
 * It connects, subscribes to its own topic, publishes one message there and
 * waits for the broker to deliver it back: a complete round trip through
 * the broker. Only the public API of mote is used; no heap allocation.
 *
 * Build (from the repository root, after `make`):
 *
 *     cc -Iinclude examples/mqtt_tls.c build/libmote.a -o mqtt_tls
 *
 * Run:
 *
 *     ./mqtt_tls HOST PORT CA.pem [CERT.pem KEY.pem [TOPIC]]
 *
 *   CA.pem    the root(s) the broker's certificate chains to
 *   CERT.pem  this device's certificate, then any intermediates (PEM)
 *   KEY.pem   its private key (PEM: PKCS#8, SEC1 "EC PRIVATE KEY" or PKCS#1;
 *             ECDSA P-256/P-384, Ed25519 or RSA)
 *   TOPIC     default "mote/example/<client id>"
 *
 * Without CERT.pem and KEY.pem the handshake carries no client certificate:
 * a broker that requires one refuses the connection.
 *
 * For AWS IoT Core: HOST is your account's "xxxxxxxx-ats.iot.REGION.
 * amazonaws.com", PORT 8883, CA.pem AmazonRootCA1.pem, CERT.pem/KEY.pem
 * the thing's certificate and key; the policy attached to the certificate
 * must allow iot:Connect (for the client id), iot:Subscribe, iot:Publish and
 * iot:Receive (for the topic).
 *
 * Prints "published: ..." and "received: ..." and exits 0 when the message
 * came back unchanged; 1 on any failure (the reason on stderr). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "mote/io_posix.h"
#include "mote/pem.h"
#include "mote/rng.h"
#include "mote/tls.h"
#include "mote/x509.h"

/* ---- memory: everything the connection uses, known at link time ----
 *
 * MQTT messages are small, so this example runs TLS with 1 KiB records:
 * both buffers are 5 (header) + 1024 + 24 (tag, content type) = 1053
 * bytes, and mote asks the broker for 1 KiB records (max_fragment_length
 * and record_size_limit). mosquitto and other OpenSSL-based brokers honour
 * max_fragment_length. A broker that honours neither sends a bigger record
 * and the handshake fails with "record_overflow": then make IN_SIZE
 * 16384 + 5 + 256, which takes any record. OUT_SIZE can stay small: our
 * own certificate chain is sent in as many records as it needs. */
#define IN_SIZE  1053
#define OUT_SIZE 1053

static uint8_t in_buf[IN_SIZE];
static uint8_t out_buf[OUT_SIZE];
static mote_tls_conn conn;
static mote_tls_config config;
static mote_drbg_ctx rng;

/* Trust anchors for the broker's certificate. */
#define MAX_ANCHORS 16
static mote_x509_trust_anchor anchors[MAX_ANCHORS];
static uint8_t anchor_keys[MAX_ANCHORS * 520];

/* Our certificate chain (DER, leaf first) and private key. On a device
 * these usually live in flash or a secure element's slot; here they are
 * read from PEM files. The key is secret: it is wiped before exit. */
#define MAX_CERTS 4
static uint8_t cert_der[8192];
static const uint8_t *certs[MAX_CERTS];
static size_t cert_lens[MAX_CERTS];
static mote_x509_privkey key;

static char file_buf[64 * 1024]; /* one PEM file at a time */

static int fd = -1;

/* ---- reading PEM files ---- */

static long read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    if (!f) {
        fprintf(stderr, "mqtt_tls: cannot open %s\n", path);
        return -1;
    }
    n = fread(file_buf, 1, sizeof file_buf - 1, f);
    fclose(f);
    file_buf[n] = 0;
    return (long)n;
}

static int load_anchors(const char *path)
{
    size_t count = 0;
    long len = read_file(path);
    int rc;
    if (len < 0) return -1;
    rc = mote_x509_ta_load(anchors, MAX_ANCHORS, &count, NULL, anchor_keys, sizeof anchor_keys,
                           (const uint8_t *)file_buf, (size_t)len);
    if (rc != MOTE_OK || count == 0) {
        fprintf(stderr, "mqtt_tls: no trust anchors in %s\n", path);
        return -1;
    }
    config.anchors = anchors;
    config.n_anchors = count;
    return 0;
}

static int load_client_cert(const char *cert_path, const char *key_path)
{
    size_t used = 0, n;
    uint8_t work[2560]; /* the key's DER while it is decoded (RSA-4096 fits) */
    long len = read_file(cert_path);
    int rc;
    if (len < 0) return -1;
    /* Every CERTIFICATE object of the file, in order: leaf, intermediates. */
    for (n = 0; n < MAX_CERTS; n++) {
        long der_len = mote_pem_decode(file_buf, (size_t)len, "CERTIFICATE", (unsigned)n,
                                       cert_der + used, sizeof cert_der - used);
        if (der_len <= 0) break;
        certs[n] = cert_der + used;
        cert_lens[n] = (size_t)der_len;
        used += (size_t)der_len;
    }
    if (n == 0) {
        fprintf(stderr, "mqtt_tls: no certificate in %s\n", cert_path);
        return -1;
    }
    len = read_file(key_path);
    if (len < 0) return -1;
    rc = mote_x509_privkey_from_pem(&key, file_buf, (size_t)len, work, sizeof work);
    memset(file_buf, 0, (size_t)len); /* the key's PEM text is secret too */
    if (rc != MOTE_OK) {
        fprintf(stderr, "mqtt_tls: private key %s: %s\n", key_path, mote_strerror(rc));
        return -1;
    }
    /* The engine sends the chain when the broker asks for a certificate
     * (CertificateRequest) and signs the handshake with the key. */
    config.client_certs = certs;
    config.client_cert_lens = cert_lens;
    config.n_client_certs = n;
    config.client_key = &key;
    return 0;
}

/* ---- MQTT 3.1.1 packets (OASIS standard, section 3) ---- */

#define CONNECT    0x10
#define CONNACK    0x20
#define PUBLISH    0x30
#define PUBACK     0x40
#define SUBSCRIBE  0x82 /* the flags of SUBSCRIBE are 0010 */
#define SUBACK     0x90
#define DISCONNECT 0xE0
#define MAX_PACKET 1024

static size_t put_u16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
    return 2;
}

static size_t put_str(uint8_t *p, const char *s)
{
    size_t n = strlen(s);
    put_u16(p, (unsigned)n);
    memcpy(p + 2, s, n);
    return 2 + n;
}

/* One packet: fixed header (type, remaining length as a base-128 varint),
 * then the body, in one TLS record. */
static int send_packet(uint8_t type, const uint8_t *body, size_t len)
{
    uint8_t pkt[5 + MAX_PACKET];
    size_t n = 0, rem = len;
    long rc;
    if (len > MAX_PACKET) return -1;
    pkt[n++] = type;
    do {
        pkt[n] = (uint8_t)(rem & 0x7f);
        rem >>= 7;
        if (rem) pkt[n] |= 0x80;
        n++;
    } while (rem);
    memcpy(pkt + n, body, len);
    rc = mote_posix_write(&conn, fd, pkt, n + len);
    if (rc < 0) {
        fprintf(stderr, "mqtt_tls: send: %s\n", mote_strerror((int)rc));
        /* A broker that rejects our certificate does so after the handshake
         * completed on our side (TLS 1.3): its alert may be waiting. */
        if (mote_posix_read(&conn, fd, pkt, 1) == MOTE_ERR_TLS_PEER_ALERT)
            fprintf(stderr, "mqtt_tls: the broker sent alert %d\n", mote_tls_alert(&conn, NULL));
        else if (rc == MOTE_ERR_IO) /* its alert was lost with the TCP reset */
            fprintf(stderr, "mqtt_tls: the broker closed the connection (did it reject our "
                            "client certificate, or want one?)\n");
        return -1;
    }
    return 0;
}

/* Exactly n bytes of application data from the TLS connection. */
static int read_exact(uint8_t *p, size_t n)
{
    while (n > 0) {
        long got = mote_posix_read(&conn, fd, p, n);
        if (got <= 0) {
            if (got == 0)
                fprintf(stderr, "mqtt_tls: the broker closed the connection\n");
            else if (got == MOTE_WANT_READ)
                fprintf(stderr, "mqtt_tls: timed out waiting for the broker\n");
            else
                fprintf(stderr, "mqtt_tls: receive: %s\n", mote_strerror((int)got));
            if (got == MOTE_ERR_TLS_PEER_ALERT) /* e.g. 116: certificate_required */
                fprintf(stderr, "mqtt_tls: the broker sent alert %d\n",
                        mote_tls_alert(&conn, NULL));
            return -1;
        }
        p += got;
        n -= (size_t)got;
    }
    return 0;
}

/* The next packet: its first byte in *type, its body in body[0..*len). */
static int read_packet(uint8_t *type, uint8_t *body, size_t *len)
{
    uint8_t b;
    size_t rem = 0, shift = 0;
    if (read_exact(type, 1)) return -1;
    do {
        if (shift > 21 || read_exact(&b, 1)) return -1;
        rem |= (size_t)(b & 0x7f) << shift;
        shift += 7;
    } while (b & 0x80);
    if (rem > MAX_PACKET) {
        fprintf(stderr, "mqtt_tls: packet of %lu bytes is too big\n", (unsigned long)rem);
        return -1;
    }
    *len = rem;
    return read_exact(body, rem);
}

static int fail(const char *what)
{
    fprintf(stderr, "mqtt_tls: %s\n", what);
    return -1;
}

static int mqtt_session(const char *client_id, const char *topic, const char *message)
{
    uint8_t body[MAX_PACKET], type;
    size_t n = 0, len;
    int got_puback = 0, got_echo = 0;

    /* CONNECT: protocol "MQTT" level 4 (3.1.1), clean session, keep-alive
     * 60 s, our client id. No user name or password: with mutual TLS the
     * broker knows who we are from the certificate. */
    n += put_str(body + n, "MQTT");
    body[n++] = 4;
    body[n++] = 0x02;
    n += put_u16(body + n, 60);
    n += put_str(body + n, client_id);
    if (send_packet(CONNECT, body, n)) return -1;
    if (read_packet(&type, body, &len)) return -1;
    if (type != CONNACK || len != 2) return fail("expected CONNACK");
    if (body[1] != 0) {
        static const char *const why[] = {"",
                                          "unacceptable protocol version",
                                          "client id rejected",
                                          "server unavailable",
                                          "bad user name or password",
                                          "not authorized"};
        fprintf(stderr, "mqtt_tls: connection refused: %s\n",
                body[1] < 6 ? why[body[1]] : "unknown reason");
        return -1;
    }
    printf("connected as %s\n", client_id);

    /* SUBSCRIBE (packet id 1) to our topic at QoS 1, then SUBACK. */
    n = put_u16(body, 1);
    n += put_str(body + n, topic);
    body[n++] = 1;
    if (send_packet(SUBSCRIBE, body, n)) return -1;
    if (read_packet(&type, body, &len)) return -1;
    if (type != SUBACK || len != 3 || body[0] != 0 || body[1] != 1)
        return fail("expected SUBACK for packet 1");
    if (body[2] == 0x80) return fail("subscription refused");
    printf("subscribed to %s\n", topic);

    /* PUBLISH (QoS 1, packet id 2) to the same topic. */
    n = put_str(body, topic);
    n += put_u16(body + n, 2);
    memcpy(body + n, message, strlen(message));
    n += strlen(message);
    if (send_packet(PUBLISH | 0x02, body, n)) return -1;
    printf("published: %s\n", message);

    /* Now the broker acknowledges our PUBLISH (PUBACK) and delivers it
     * back to us as a subscriber (PUBLISH), in either order. */
    while (!got_puback || !got_echo) {
        if (read_packet(&type, body, &len)) return -1;
        if ((type & 0xF0) == PUBACK) {
            if (len == 2 && body[0] == 0 && body[1] == 2) got_puback = 1;
        } else if ((type & 0xF0) == PUBLISH) {
            unsigned qos = (type >> 1) & 3;
            size_t tlen = len >= 2 ? (size_t)body[0] << 8 | body[1] : 0, off = 2 + tlen;
            if (len < 2 || off + (qos ? 2 : 0) > len) return fail("malformed PUBLISH");
            if (qos == 1) { /* acknowledge it */
                uint8_t ack[2];
                ack[0] = body[off], ack[1] = body[off + 1];
                if (send_packet(PUBACK, ack, 2)) return -1;
            }
            off += qos ? 2 : 0;
            if (tlen == strlen(topic) && memcmp(body + 2, topic, tlen) == 0) {
                printf("received: %.*s\n", (int)(len - off), (const char *)body + off);
                if (len - off != strlen(message) || memcmp(body + off, message, len - off) != 0)
                    return fail("the message came back changed");
                got_echo = 1;
            }
        } /* anything else (PINGRESP, ...) is ignored */
    }

    /* DISCONNECT: a clean end of the MQTT session. */
    return send_packet(DISCONNECT, body, 0);
}

int main(int argc, char **argv)
{
    const char *host, *port;
    char client_id[32], topic[128], message[64];
    uint8_t nonce[8];
    struct timeval tv;
    int rc, result = 1;

    if (argc != 4 && argc != 6 && argc != 7) {
        fprintf(stderr, "usage: mqtt_tls HOST PORT CA.pem [CERT.pem KEY.pem [TOPIC]]\n");
        return 2;
    }
    host = argv[1], port = argv[2];
    rc = mote_drbg_init(&rng, NULL, NULL, (const uint8_t *)"mqtt_tls", 8);
    if (rc != MOTE_OK) {
        fprintf(stderr, "mqtt_tls: no entropy: %s\n", mote_strerror(rc));
        return 1;
    }
    if (load_anchors(argv[3])) return 1;
    if (argc >= 6 && load_client_cert(argv[4], argv[5])) goto out;

    /* A random client id and message, so that the echo is really ours. */
    if (mote_drbg_generate(&rng, nonce, sizeof nonce) != MOTE_OK) goto out;
    snprintf(client_id, sizeof client_id, "mote-%02x%02x%02x%02x", nonce[0], nonce[1], nonce[2],
             nonce[3]);
    snprintf(message, sizeof message, "hello from mote %02x%02x%02x%02x", nonce[4], nonce[5],
             nonce[6], nonce[7]);
    if (argc == 7)
        snprintf(topic, sizeof topic, "%s", argv[6]);
    else
        snprintf(topic, sizeof topic, "mote/example/%s", client_id);

    /* TLS configuration: SNI and certificate check against HOST, the time
     * for validity dates (a device sets its clock by SNTP first). */
    config.server_name = host;
    config.now = (int64_t)time(NULL);
    config.rng = &rng;
    rc = mote_tls_client_init(&conn, &config, in_buf, sizeof in_buf, out_buf, sizeof out_buf);
    if (rc != MOTE_OK) {
        fprintf(stderr, "mqtt_tls: %s\n", mote_strerror(rc));
        goto out;
    }

    fd = mote_posix_connect(host, port, 10000);
    if (fd < 0) {
        fprintf(stderr, "mqtt_tls: connect to %s:%s: %s\n", host, port, mote_strerror(fd));
        goto out;
    }
    /* Never wait forever for the broker: a receive timeout on the socket
     * makes the adapter return MOTE_WANT_READ instead of blocking. */
    tv.tv_sec = 10, tv.tv_usec = 0;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

    rc = mote_posix_handshake(&conn, fd);
    if (rc != MOTE_OK) {
        int sent = 0, alert = mote_tls_alert(&conn, &sent);
        fprintf(stderr, "mqtt_tls: TLS handshake failed: %s", mote_strerror(rc));
        if (alert >= 0) fprintf(stderr, " (alert %d %s)", alert, sent ? "sent" : "received");
        fprintf(stderr, "\n");
        if (rc == MOTE_ERR_TLS_RECORD_OVERFLOW)
            fprintf(stderr, "mqtt_tls: the broker ignores the record size limit: raise IN_SIZE\n");
        goto out;
    }
    printf("TLS 1.3 %s, %s; broker certificate verified for %s; client certificate %s\n",
           mote_tls_suite_name(mote_tls_cipher_suite(&conn)),
           mote_tls_group_name(mote_tls_group(&conn)), host,
           config.n_client_certs ? "configured" : "none");

    if (mqtt_session(client_id, topic, message) == 0) {
        printf("round trip ok\n");
        result = 0;
    }
    mote_posix_close(&conn, fd); /* close_notify */

out:
    if (fd >= 0) close(fd);
    mote_tls_wipe(&conn);
    mote_x509_privkey_wipe(&key);
    mote_drbg_wipe(&rng);
    return result;
}
