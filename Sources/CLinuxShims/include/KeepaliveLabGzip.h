// Reading gzip files through zlib (the system's libz; Debian: zlib1g-dev),
// for the Traffic module's access-log import. The handle is opaque so that
// Swift never needs zlib's own types.
#ifndef KEEPALIVE_LAB_GZIP_H
#define KEEPALIVE_LAB_GZIP_H

#include <stddef.h>

/// Opens `path` for reading: gzip data (any number of concatenated members,
/// as logrotate and `cat a.gz b.gz` make) is inflated, other bytes pass
/// through unchanged (zlib's transparent mode). NULL if it cannot be opened;
/// errno says why.
void *keepalive_lab_gzip_open(const char *path);
/// Up to `capacity` decompressed bytes into `buffer`; 0 at the end, -1 on
/// an error (`keepalive_lab_gzip_error` says which).
long keepalive_lab_gzip_read(void *file, void *buffer, unsigned capacity);
/// zlib's message for the last error (corrupt or truncated data, ...).
const char *keepalive_lab_gzip_error(void *file);
/// 1 if the input ended in the middle of a gzip stream (a cut-off file), after a read returned 0.
int keepalive_lab_gzip_is_truncated(void *file);
/// 1 if the file's first bytes are gzip's magic number (1f 8b).
int keepalive_lab_gzip_is_compressed(void *file);
void keepalive_lab_gzip_close(void *file);

#endif
