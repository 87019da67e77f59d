/* The record layer and the four I/O windows of the sans-I/O engine.
 *
 * Input: bytes accumulate in c->in. Once a whole record is there it is
 * decrypted in place and dispatched: handshake bytes to the handshake
 * (src/tls/client13.c), alerts here, application data stays where it is
 * until the application has read it. Then the record is dropped and what
 * followed it moves to the front.
 *
 * Output: one pending run of records in c->out (out_sent..out_len). */
#include <string.h>

#include "crypto/util.h"
#include "mote/tls.h"
#include "tls/internal.h"

#define REC_CCS        20
#define REC_ALERT      21
#define REC_HANDSHAKE  22
#define REC_APPDATA    23
#define MAX_CIPHERTEXT (16384 + 256)

/* the validator must not reach into the write state's header (tls.h) */
typedef char mote_chain_after_wr_head
    [offsetof(mote_tls_conn, w.v.chain) >= offsetof(mote_tls_conn, w.wr.k) ? 1 : -1];

/* ---- errors and alerts ---- */

static uint8_t alert_for(int err)
{
    /* the alert of each MOTE_ERR_TLS_* code from MOTE_ERR_TLS_CLOSED (-100,
     * close_notify) to MOTE_ERR_TLS_CERTIFICATE_REQUIRED (-115) */
    static const uint8_t alerts[16] = {0,  80, 22, 50,  10,  40,  47, 20,
                                       42, 51, 70, 109, 110, 120, 80, 116};
    if (err <= MOTE_ERR_TLS_CLOSED && err >= MOTE_ERR_TLS_CERTIFICATE_REQUIRED)
        return alerts[MOTE_ERR_TLS_CLOSED - err];
    if (err <= MOTE_ERR_X509_FIRST && err >= MOTE_ERR_X509_LAST) return mote_tls_x509_alert(err);
    return 80; /* internal_error */
}

/* Append one record of the given type to the pending output (encrypted when
 * write keys are installed). Returns MOTE_OK or MOTE_ERR_TLS_INTERNAL when
 * the output buffer cannot hold it. */
int mote_tls_send_record(mote_tls_conn *c, uint8_t type, const uint8_t *data, size_t len)
{
    size_t over = mote_tls_cipher_overhead(&c->w.wr);
    int tls13 = c->w.wr.aead && MOTE_TLS_V13(c);
    size_t need = 5 + over + len + (size_t)tls13;
    uint8_t *rec;
    long n;
    if (c->out_sent == c->out_len) c->out_sent = c->out_len = 0;
    if (need > c->out_size - c->out_len) return MOTE_ERR_TLS_INTERNAL;
    rec = c->out + c->out_len;
    rec[0] = tls13 ? REC_APPDATA : type;
    rec[1] = 3;
    /* legacy_record_version: 0x0301 for the first ClientHello only (RFC 8446 5.1) */
    rec[2] = type == 22 && c->state == MOTE_ST_WAIT_SH && !(c->flags & MOTE_F_HRR) ? 1 : 3;
    memmove(rec + 5 + mote_tls_explicit_len(&c->w.wr), data, len);
    if (tls13) rec[5 + len] = type, len++;
    n = mote_tls_cipher_seal(&c->w.wr, rec, len, !tls13);
    if (n < 0) return MOTE_ERR_TLS_INTERNAL;
    c->out_len += (size_t)n;
    return MOTE_OK;
}

int mote_tls_fail(mote_tls_conn *c, int err)
{
    if (c->err) return c->err;
    c->err = err;
    if (err != MOTE_ERR_TLS_PEER_ALERT && err != MOTE_ERR_TLS_CLOSED) {
        uint8_t alert[2] = {2, alert_for(err)};
        c->alert_sent = alert[1];
        mote_tls13_alert_keys(c);
        (void)mote_tls_send_record(c, REC_ALERT, alert, 2);
    }
    c->state = MOTE_ST_CLOSED;
    mote_tls_wipe_secrets(c);
    return err;
}

/* ---- input ---- */

static int on_alert(mote_tls_conn *c, const uint8_t *p, size_t len)
{
    if (len != 2) return MOTE_ERR_TLS_DECODE;
    c->alert_recv = p[1];
    if (p[1] == 0) { /* close_notify: answer it, then we are done */
        (void)mote_tls_close(c);
        c->flags |= MOTE_F_CLOSE_SENT;
        /* a clean end once connected; before that, the peer gave up on the
         * handshake (MOTE_ERR_TLS_PEER_ALERT, alert 0, below) */
        if (c->state == MOTE_ST_CONNECTED) {
            c->err = MOTE_ERR_TLS_CLOSED;
            c->state = MOTE_ST_CLOSED;
            return MOTE_OK;
        }
    } else if (p[1] == 90 || (MOTE_TLS_V12(c) && p[0] == 1 && (p[1] == 100 || p[1] == 112))) {
        /* TLS 1.3: every alert but close_notify and user_canceled is fatal;
         * TLS 1.2 also lets a warning no_renegotiation or unrecognized_name pass */
        return MOTE_OK;
    }
    return MOTE_ERR_TLS_PEER_ALERT; /* (sends no alert) */
}

/* Decrypt the record at in[0..5+len) and dispatch its content. */
static int on_record(mote_tls_conn *c, size_t len)
{
    uint8_t *rec = c->in, *p = rec + 5;
    uint8_t type = rec[0];
    size_t plen = len;
    if (c->rd.aead) {
        if (MOTE_TLS_V13(c) && type == REC_CCS) goto ccs;
        if (MOTE_TLS_V13(c) && type != REC_APPDATA) return MOTE_ERR_TLS_UNEXPECTED_MESSAGE;
        if (mote_tls_cipher_open(&c->rd, rec, len, !MOTE_TLS_V13(c), &p, &plen) != MOTE_OK)
            return MOTE_ERR_TLS_BAD_RECORD_MAC;
        if (MOTE_TLS_V13(c)) { /* strip padding; the last non-zero byte is the type */
            while (plen > 0 && p[plen - 1] == 0)
                plen--;
            if (plen == 0) return MOTE_ERR_TLS_UNEXPECTED_MESSAGE;
            type = p[--plen];
        }
        if (plen > 16384) return MOTE_ERR_TLS_RECORD_OVERFLOW;
    } else if (type == REC_APPDATA) {
        return MOTE_ERR_TLS_UNEXPECTED_MESSAGE;
    }
    switch (type) {
    case REC_HANDSHAKE:
        if (plen == 0) return MOTE_ERR_TLS_UNEXPECTED_MESSAGE;
        c->hs_pos = (size_t)(p - c->in);
        c->hs_end = c->hs_pos + plen;
        return mote_tls_hs_input(c);
    case REC_ALERT:
        return on_alert(c, p, plen);
    case REC_APPDATA:
        if (c->state != MOTE_ST_CONNECTED) return MOTE_ERR_TLS_UNEXPECTED_MESSAGE;
        c->app_off = (size_t)(p - c->in);
        c->app_len = plen;
        return MOTE_OK;
    case REC_CCS:
#if MOTE_ENABLE_TLS12
        /* TLS 1.2: exactly one, before the server's Finished; it switches
         * the read side to the negotiated keys */
        if (MOTE_TLS_V12(c)) return mote_tls12_ccs(c, p, plen);
#endif
    ccs:
        /* TLS 1.3 middlebox compatibility: one unprotected 0x01, during the handshake */
        if (!MOTE_TLS_V13(c) || plen != 1 || p[0] != 1 || c->state == MOTE_ST_CONNECTED)
            return MOTE_ERR_TLS_UNEXPECTED_MESSAGE;
        return MOTE_OK;
    default:
        return MOTE_ERR_TLS_UNEXPECTED_MESSAGE;
    }
}

/* Run the input side as far as it goes without a second public-key
 * operation: finish the current record's handshake bytes, drop consumed
 * records, decrypt the next complete one. */
static int advance(mote_tls_conn *c)
{
    int rc = MOTE_OK;
    if (c->err) return c->err;
    c->pk_ops = 0;
    while (!c->err) {
        size_t len;
        if (c->hs_pos < c->hs_end) { /* handshake bytes left in the current record */
            if (c->pk_ops) return MOTE_OK;
            rc = mote_tls_hs_input(c);
            if (rc) return rc;
            continue;
        }
        if (c->app_len) return MOTE_OK; /* the application reads first */
        if (c->rec_end) {
            memmove(c->in, c->in + c->rec_end, c->in_len - c->rec_end);
            c->in_len -= c->rec_end;
            c->rec_end = 0;
        }
        if (mote_tls_hs_pending(c)) { /* e.g. our Finished waits for output room */
            rc = mote_tls_hs_continue(c);
            if (rc || mote_tls_hs_pending(c)) return rc;
        }
        if (c->pk_ops || c->in_len < 5) return MOTE_OK;
        len = ((size_t)c->in[3] << 8) | c->in[4];
        rc = MOTE_ERR_TLS_DECODE;
        if (c->in[1] != 3) break;
        rc = MOTE_ERR_TLS_RECORD_OVERFLOW;
        if (len > MAX_CIPHERTEXT || 5 + len > c->in_size) break;
        if (c->in_len < 5 + len) return MOTE_OK;
        c->rec_end = 5 + len;
        rc = on_record(c, len);
        if (rc < 0) break; /* fatal (the first error stays) */
        if (rc) return c->err;
    }
    return mote_tls_fail(c, rc); /* (c->err when it is set) */
}

/* ---- the four windows ---- */

unsigned mote_tls_status(const mote_tls_conn *c)
{
    unsigned s = 0;
    if (c->out_sent < c->out_len) s |= MOTE_TLS_SEND;
    if (c->app_len) s |= MOTE_TLS_READ;
    if (c->state == MOTE_ST_CLOSED) return s | MOTE_TLS_CLOSED;
    if (c->pk_ops && (c->hs_pos < c->hs_end || (c->in_len > c->rec_end && c->in_len >= 5) ||
                      /* TLS 1.2: our key exchange comes next (the server's flight
                       * shares the bit) */
                      ((MOTE_ENABLE_TLS12 || MOTE_ENABLE_SERVER) && (c->flags & MOTE_F_KEX12))))
        s |= MOTE_TLS_STEP;
    else if (!c->app_len && c->in_len < c->in_size)
        s |= MOTE_TLS_RECV;
    if (c->state == MOTE_ST_CONNECTED && !(c->flags & MOTE_F_CLOSE_SENT) && !(s & MOTE_TLS_SEND))
        s |= MOTE_TLS_WRITE;
    return s;
}

const uint8_t *mote_tls_send_buf(const mote_tls_conn *c, size_t *len)
{
    *len = c->out_len - c->out_sent;
    return *len ? c->out + c->out_sent : NULL;
}

void mote_tls_send_done(mote_tls_conn *c, size_t n)
{
    if (n > c->out_len - c->out_sent) n = c->out_len - c->out_sent;
    c->out_sent += n;
    if (c->out_sent == c->out_len) {
        c->out_sent = c->out_len = 0;
        if (mote_tls_hs_pending(c) && !c->err) (void)mote_tls_hs_continue(c);
    }
}

uint8_t *mote_tls_recv_buf(mote_tls_conn *c, size_t *len)
{
    if (c->state == MOTE_ST_CLOSED || c->app_len || c->in_len >= c->in_size) {
        *len = 0;
        return NULL;
    }
    *len = c->in_size - c->in_len;
    return c->in + c->in_len;
}

int mote_tls_recv_done(mote_tls_conn *c, size_t n)
{
    if (c->err) return c->err;
    if (n > c->in_size - c->in_len) return MOTE_ERR_BAD_INPUT;
    c->in_len += n;
    return advance(c);
}

int mote_tls_step(mote_tls_conn *c)
{
    return advance(c);
}

const uint8_t *mote_tls_read_buf(const mote_tls_conn *c, size_t *len)
{
    *len = c->app_len;
    return c->app_len ? c->in + c->app_off : NULL;
}

void mote_tls_read_done(mote_tls_conn *c, size_t n)
{
    if (n > c->app_len) n = c->app_len;
    c->app_off += n;
    c->app_len -= n;
    if (c->app_len == 0) (void)advance(c);
}

size_t mote_tls_max_fragment(const mote_tls_conn *c)
{
    size_t room = c->out_size - 5 - mote_tls_cipher_overhead(&c->w.wr) -
                  (MOTE_TLS_V13(c)); /* 1.3: the inner content type */
    size_t lim = c->peer_record_limit ? c->peer_record_limit : 16384;
    return room < lim ? room : lim;
}

uint8_t *mote_tls_write_buf(mote_tls_conn *c, size_t *len)
{
    if (!(mote_tls_status(c) & MOTE_TLS_WRITE)) {
        *len = 0;
        return NULL;
    }
    *len = mote_tls_max_fragment(c);
    return c->out + 5 + mote_tls_explicit_len(&c->w.wr);
}

int mote_tls_write_done(mote_tls_conn *c, size_t n)
{
    size_t room;
    const uint8_t *p;
    if (c->err) return c->err;
    p = mote_tls_write_buf(c, &room);
    if (!p || n > room) return MOTE_ERR_BAD_INPUT;
    /* the plaintext already sits where the record body goes */
    return n ? mote_tls_send_record(c, REC_APPDATA, p, n) : MOTE_OK;
}

int mote_tls_abort(mote_tls_conn *c, int err)
{
    return mote_tls_fail(c, err < 0 ? err : MOTE_ERR_TLS_INTERNAL);
}

int mote_tls_close(mote_tls_conn *c)
{
    uint8_t a[2] = {1, 0};
    int rc;
    if (c->flags & MOTE_F_CLOSE_SENT) return MOTE_OK;
    mote_tls13_alert_keys(c);
    rc = mote_tls_send_record(c, REC_ALERT, a, 2);
    if (rc == MOTE_OK) c->flags |= MOTE_F_CLOSE_SENT;
    return rc;
}

int mote_tls_error(const mote_tls_conn *c)
{
    return c->err;
}

int mote_tls_verify_result(const mote_tls_conn *c)
{
    return c->verify_result;
}

int mote_tls_alert(const mote_tls_conn *c, int *sent)
{
    if (c->alert_recv != 255) {
        if (sent) *sent = 0;
        return c->alert_recv;
    }
    if (sent) *sent = 1;
    return c->alert_sent == 255 ? -1 : c->alert_sent;
}

uint16_t mote_tls_version(const mote_tls_conn *c)
{
    return c->version;
}
uint16_t mote_tls_cipher_suite(const mote_tls_conn *c)
{
    return c->suite;
}
uint16_t mote_tls_group(const mote_tls_conn *c)
{
    return c->group;
}
uint16_t mote_tls_signature_scheme(const mote_tls_conn *c)
{
    return c->sig_scheme;
}
const char *mote_tls_alpn(const mote_tls_conn *c)
{
    return c->alpn_index ? c->cfg->alpn[c->alpn_index - 1] : NULL;
}

void mote_tls_wipe(mote_tls_conn *c)
{
    mote_tls_wipe_secrets(c);
    mote_wipe(&c->th, sizeof c->th);
}
