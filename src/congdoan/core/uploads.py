"""Reading uploaded or piped files with a size limit, for every importer."""

import io
from contextlib import contextmanager
from tempfile import SpooledTemporaryFile

SPOOL_IN_MEMORY = 8 * 1024 * 1024
CHUNK = 1024 * 1024


@contextmanager
def limited_binary_stream(source, check_size):
    """A seekable binary stream over the file object `source`.

    `check_size(size)` is called with the size as soon as it is known, or with the running
    total while a non-seekable stream (a pipe, a network upload) is spooled, so an oversized
    file is refused before it is read to the end. It raises to refuse.
    """
    if getattr(source, "seekable", lambda: False)():
        start = source.tell()
        source.seek(0, io.SEEK_END)
        size = source.tell() - start
        source.seek(start)
        check_size(size)
        yield source
        return
    with SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as spool:
        size = 0
        while chunk := source.read(CHUNK):
            if isinstance(chunk, str):
                raise TypeError("an importer needs a binary file object")
            size += len(chunk)
            check_size(size)
            spool.write(chunk)
        spool.seek(0)
        yield spool
