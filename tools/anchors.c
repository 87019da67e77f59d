/* Trust anchors for the tools. */
#include "tools_anchors.h"

#include <stdio.h>
#include <stdlib.h>

#include "mote/error.h"

int mote_tool_load_anchors(const char *path, void **store, const struct mote_x509_anchor **anchors,
                           size_t *n)
{
    (void)store, (void)anchors, (void)n;
    fprintf(stderr,
            "mote: cannot load %s: certificate validation is not built yet (use --insecure)\n",
            path);
    return MOTE_ERR_UNSUPPORTED;
}

void mote_tool_free_anchors(void *store)
{
    free(store);
}
