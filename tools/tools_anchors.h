/* Loading trust anchors for the tools (PEM bundle -> mote's anchors). */
#ifndef MOTE_TOOLS_ANCHORS_H
#define MOTE_TOOLS_ANCHORS_H

#include <stddef.h>

struct mote_x509_anchor;

/* Load every certificate of a PEM file as a trust anchor. *store receives
 * tool-owned memory (free with mote_tool_free_anchors). Returns 0 or an
 * error (printed). */
int mote_tool_load_anchors(const char *path, void **store, const struct mote_x509_anchor **anchors,
                           size_t *n);
void mote_tool_free_anchors(void *store);

#endif
