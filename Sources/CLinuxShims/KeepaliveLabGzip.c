// zlib's gz* interface: streaming, constant memory, concatenated members.
#include "KeepaliveLabGzip.h"
#include <zlib.h>

void *keepalive_lab_gzip_open(const char *path) {
    gzFile file = gzopen(path, "rb");
    if (file != NULL) gzbuffer(file, 1 << 16);
    return file;
}

long keepalive_lab_gzip_read(void *file, void *buffer, unsigned capacity) {
    int count = gzread((gzFile)file, buffer, capacity);
    return count < 0 ? -1 : count;
}

const char *keepalive_lab_gzip_error(void *file) {
    int code = 0;
    return gzerror((gzFile)file, &code);
}

int keepalive_lab_gzip_is_truncated(void *file) {
    int code = Z_OK;
    gzerror((gzFile)file, &code);
    return code == Z_BUF_ERROR;
}

int keepalive_lab_gzip_is_compressed(void *file) {
    // gzdirect is 1 for a file read as is (not gzip); it is known once data was read.
    return gzdirect((gzFile)file) == 0;
}

void keepalive_lab_gzip_close(void *file) {
    gzclose((gzFile)file);
}
