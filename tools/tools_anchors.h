/* Loading trust anchors for the tools (a PEM bundle -> mote's anchors). */
#ifndef MOTE_TOOLS_ANCHORS_H
#define MOTE_TOOLS_ANCHORS_H

#include <stddef.h>

#include "mote/x509.h"

/* Load every certificate of a PEM (or DER) file as a trust anchor. *store
 * receives tool-owned heap memory (free with mote_tool_free_anchors);
 * *anchors and *n the loaded anchors. Returns 0 or an error (printed). */
int mote_tool_load_anchors(const char *path, void **store, const mote_x509_trust_anchor **anchors,
                           size_t *n);
void mote_tool_free_anchors(void *store);

#endif
