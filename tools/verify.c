/* `mote verify`: validate a PEM certificate chain (leaf first) the way the
 * TLS client does: the chain is decoded from PEM and fed to the streaming
 * validator a few bytes at a time (--chunk, default 64), so no certificate
 * is ever whole in memory. Prints "OK" or "FAIL: <reason>" and exits 0 or 1
 * (2 for usage or file errors). --stats adds the validator's state size
 * and the peak stack of the validation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mote/pem.h"
#include "mote/x509.h"
#include "stackmeter.h"
#include "x509_cmds.h"

/* Read a whole file (tool code: malloc is fine here). */
static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f) return NULL;
    for (;;) {
        size_t got;
        if (n == cap) {
            unsigned char *nb = realloc(buf, cap ? cap * 2 : 65536);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
            cap = cap ? cap * 2 : 65536;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    fclose(f);
    *len = n;
    return buf;
}

struct job {
    mote_x509_chain *chain;
    const unsigned char *pem;
    size_t pem_len;
    size_t chunk;
    unsigned char *out; /* chunk bytes: off the measured stack */
    int result;
    int ncerts;
};

/* Decode the PEM chain and stream every CERTIFICATE into the validator. */
static void run(void *arg)
{
    struct job *j = arg;
    mote_x509_chain *c = j->chain;
    mote_pem p;
    unsigned char *out = j->out;
    size_t got, cap = j->chunk;
    int r = 0, in_cert = 0;
    mote_pem_init(&p);
    mote_pem_input(&p, j->pem, j->pem_len);
    while (r == 0) {
        int ev = mote_pem_next(&p, out, cap, &got);
        if (ev == MOTE_PEM_NEED) break;
        if (ev < 0) {
            r = ev;
            break;
        }
        if (ev == MOTE_PEM_BEGIN) {
            in_cert = strcmp(p.label, "CERTIFICATE") == 0;
            if (in_cert) {
                r = mote_x509_chain_begin(c);
                j->ncerts++;
            }
        } else if (ev == MOTE_PEM_DATA && in_cert) {
            r = mote_x509_chain_feed(c, out, got);
        } else if (ev == MOTE_PEM_END && in_cert) {
            r = mote_x509_chain_end(c);
            in_cert = 0;
        }
    }
    if (r == 0) r = mote_pem_finish(&p);
    if (r == 0) r = mote_x509_chain_finish(c);
    j->result = r;
}

static int usage(void)
{
    fprintf(stderr, "usage: mote verify --roots ROOTS.pem [--host NAME|IP] [--time UNIX_SECONDS]\n"
                    "                   [--no-time-check] [--purpose server|client|any]\n"
                    "                   [--chunk N] [--stats] CHAIN.pem\n");
    return 2;
}

int mote_cmd_verify(int argc, char **argv)
{
    const char *roots = NULL, *host = NULL, *chain_path = NULL, *why;
    long long now = (long long)time(NULL);
    int purpose = MOTE_X509_PURPOSE_SERVER, stats = 0, no_time = 0, i, r;
    size_t chunk = 64, roots_len, chain_len, n_tas = 0, skipped = 0, stack = 0;
    unsigned char *roots_buf, *chain_buf, *store;
    mote_x509_trust_anchor *tas;
    mote_x509_chain chain;
    static mote_x509_pubkey leaf_key;
    static uint8_t tbs_buf[2 * 8192];
    struct job job;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--roots") == 0 && i + 1 < argc) {
            roots = argv[++i];
        } else if (strcmp(a, "--host") == 0 && i + 1 < argc) {
            host = argv[++i];
        } else if (strcmp(a, "--time") == 0 && i + 1 < argc) {
            now = strtoll(argv[++i], NULL, 10);
        } else if (strcmp(a, "--no-time-check") == 0) {
            no_time = 1;
        } else if (strcmp(a, "--purpose") == 0 && i + 1 < argc) {
            a = argv[++i];
            if (strcmp(a, "server") == 0)
                purpose = MOTE_X509_PURPOSE_SERVER;
            else if (strcmp(a, "client") == 0)
                purpose = MOTE_X509_PURPOSE_CLIENT;
            else if (strcmp(a, "any") == 0)
                purpose = MOTE_X509_PURPOSE_ANY;
            else
                return usage();
        } else if (strcmp(a, "--chunk") == 0 && i + 1 < argc) {
            chunk = (size_t)strtoul(argv[++i], NULL, 10);
            if (chunk == 0) return usage();
        } else if (strcmp(a, "--stats") == 0) {
            stats = 1;
        } else if (a[0] == '-' || chain_path) {
            return usage();
        } else {
            chain_path = a;
        }
    }
    if (!roots || !chain_path) return usage();
    roots_buf = read_file(roots, &roots_len);
    if (!roots_buf) {
        fprintf(stderr, "mote verify: cannot read %s\n", roots);
        return 2;
    }
    chain_buf = read_file(chain_path, &chain_len);
    if (!chain_buf) {
        fprintf(stderr, "mote verify: cannot read %s\n", chain_path);
        free(roots_buf);
        return 2;
    }
    /* anchors: at most one per 400 bytes of PEM, keys in a store as big as the file */
    tas = malloc((roots_len / 400 + 1) * sizeof *tas);
    store = malloc(roots_len + 1);
    if (!tas || !store) return 2;
    r = mote_x509_ta_load(tas, roots_len / 400 + 1, &n_tas, &skipped, store, roots_len + 1,
                          roots_buf, roots_len);
    if (r) {
        const char *s = mote_x509_strerror(r);
        fprintf(stderr, "mote verify: %s: %s\n", roots, s ? s : mote_strerror(r));
        return 2;
    }

    mote_x509_chain_init(&chain, tas, n_tas, &leaf_key);
    mote_x509_chain_set_tbs_buffer(&chain, tbs_buf,
                                   sizeof tbs_buf); /* Ed25519-signed certificates */
    mote_x509_chain_set_purpose(&chain, purpose);
    if (no_time)
        mote_x509_chain_set_flags(&chain, MOTE_X509_NO_TIME_CHECK);
    else
        mote_x509_chain_set_time(&chain, (int64_t)now);
    if (host && mote_x509_chain_set_host(&chain, host, strlen(host)) != MOTE_OK) {
        fprintf(stderr, "mote verify: not a host name or IP address: %s\n", host);
        return 2;
    }
    memset(&job, 0, sizeof job);
    job.chain = &chain;
    job.pem = chain_buf;
    job.pem_len = chain_len;
    job.chunk = chunk;
    job.out = malloc(chunk);
    if (!job.out) return 2;
    if (stats)
        stack = mote_stack_measure(run, &job);
    else
        run(&job);

    r = job.result;
    if (r == MOTE_OK) {
        printf("OK\n");
    } else {
        why = mote_x509_strerror(r);
        if (!why) why = mote_strerror(r);
        if (r == MOTE_ERR_X509_MALFORMED)
            printf("FAIL: %s (certificate %d, byte offset %lu)\n", why, chain.err_cert,
                   (unsigned long)chain.err_offset);
        else if (r == MOTE_ERR_ENCODING)
            printf("FAIL: malformed encoding (PEM)\n");
        else
            printf("FAIL: %s (certificate %d)\n", why, chain.err_cert);
    }
    if (stats) {
        printf("certificates: %d, trust anchors: %lu (%lu skipped)\n", job.ncerts,
               (unsigned long)n_tas, (unsigned long)skipped);
        printf("validator state: %lu bytes (sizeof mote_x509_chain; RSA keys up to %d bits)\n",
               (unsigned long)sizeof(mote_x509_chain), MOTE_X509_MAX_RSA_BITS);
        if (stack == (size_t)-1)
            printf("peak stack: unknown\n");
        else
            printf("peak stack: %lu bytes (PEM decoding and signature checks included)\n",
                   (unsigned long)stack);
    }
    free(roots_buf);
    free(chain_buf);
    free(tas);
    free(store);
    free(job.out);
    return r == MOTE_OK ? 0 : 1;
}
