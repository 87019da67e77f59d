/* Trust anchors for the tools: read a PEM bundle (the Debian one has ~140
 * roots) into heap memory the tool owns, then let mote pick out what
 * validation needs (subject name hash, key, CA flag). */
#include "tools_anchors.h"

#include <stdio.h>
#include <stdlib.h>

#include "mote/error.h"

#define MAX_ANCHORS 1024
#define KEY_STORE   (MAX_ANCHORS * 520)

struct anchor_store {
    mote_x509_trust_anchor tas[MAX_ANCHORS];
    uint8_t keys[KEY_STORE];
};

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f) return NULL;
    for (;;) {
        size_t got;
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap = cap ? 2 * cap : 65536);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        if (got == 0) break;
        n += got;
    }
    fclose(f);
    *len = n;
    return buf;
}

int mote_tool_load_anchors(const char *path, void **store, const mote_x509_trust_anchor **anchors,
                           size_t *n)
{
    struct anchor_store *st;
    size_t len, count = 0, skipped = 0;
    uint8_t *data = read_file(path, &len);
    int rc;
    if (!data) {
        fprintf(stderr, "mote: cannot read trust anchors from %s\n", path);
        return MOTE_ERR_BAD_INPUT;
    }
    st = malloc(sizeof *st);
    if (!st) {
        free(data);
        return MOTE_ERR_BAD_INPUT;
    }
    rc = mote_x509_ta_load(st->tas, MAX_ANCHORS, &count, &skipped, st->keys, sizeof st->keys, data,
                           len);
    free(data);
    if (rc != MOTE_OK || count == 0) {
        fprintf(stderr, "mote: no trust anchors loaded from %s: %s\n", path,
                rc ? mote_strerror(rc) : "no usable certificate");
        free(st);
        return rc ? rc : MOTE_ERR_BAD_INPUT;
    }
    *store = st;
    *anchors = st->tas;
    *n = count;
    return MOTE_OK;
}

void mote_tool_free_anchors(void *store)
{
    free(store);
}
