"""Content-addressed store for original files: ``root/ab/cd/<sha256>``.

A blob's name is the SHA-256 of its bytes, so storing the same content twice is a no-op
and an existing blob is never rewritten.  Writes go to a temporary file in the target
directory, are fsynced, then renamed into place with :func:`os.replace`, so a reader (or
a crash) never sees a partial blob.  Leftover ``.tmp-*`` files from a crash are ignored
and can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

__all__ = ["BlobCorruptError", "BlobStore"]

_SHA256 = re.compile(r"[0-9a-f]{64}")


class BlobCorruptError(OSError):
    """A stored blob no longer matches its hash (disk error or manual tampering)."""


class BlobStore:
    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"BlobStore({str(self.root)!r})"

    # -- addressing ------------------------------------------------------------------------
    @staticmethod
    def _check(sha256: str) -> str:
        if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a lowercase SHA-256 hex digest: {sha256!r}")
        return sha256

    def path(self, sha256: str) -> Path:
        h = self._check(sha256)
        return self.root / h[:2] / h[2:4] / h

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    # -- reading & writing -----------------------------------------------------------------
    def put(self, data: bytes) -> str:
        """Store ``data`` (if not already stored) and return its SHA-256 hex digest."""
        sha = hashlib.sha256(data).hexdigest()
        final = self.path(sha)
        if final.is_file():
            return sha
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o444)  # blobs are immutable
            # A concurrent writer of the same content may have won the race; replacing its
            # file with identical bytes is harmless, so no lock is needed.
            os.replace(tmp, final)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise
        _fsync_dir(final.parent)
        return sha

    def get(self, sha256: str, *, verify: bool = True) -> bytes:
        """The blob's bytes; ``FileNotFoundError`` if absent, :class:`BlobCorruptError` if
        ``verify`` and the content no longer matches the hash."""
        data = self.path(sha256).read_bytes()
        if verify and hashlib.sha256(data).hexdigest() != sha256:
            raise BlobCorruptError(f"blob {sha256} is corrupt (content hash differs)")
        return data


def _fsync_dir(path: Path) -> None:
    """Make the rename durable (POSIX); silently skipped where directories can't be opened."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
