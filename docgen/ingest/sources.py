"""Walk the files and folders a user named and yield the documents in them.

Sizes are checked with ``stat`` before a byte is read; only regular files are opened (a FIFO
or device would block or never end); ZIPs are expanded in memory by
:func:`docgen.ingest.archive.expand`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from docgen.config import Limits
from docgen.errors import Rejected
from docgen.ingest.archive import SourceItem, expand, is_junk

__all__ = ["iter_paths"]


def _rejected(name: str, code: str, detail: str | None, size: int = 0) -> SourceItem:
    return SourceItem(name, None, Rejected(code, detail), size)


def _read_file(path: Path, display: str, limits: Limits) -> Iterator[SourceItem]:
    try:
        st = path.stat()
    except FileNotFoundError:
        yield _rejected(display, "unreadable", "文件不存在")
        return
    except OSError as err:
        yield _rejected(display, "unreadable", err.strerror or type(err).__name__)
        return
    if not stat.S_ISREG(st.st_mode):
        yield _rejected(display, "unreadable", "不是普通文件")
        return
    if st.st_size > limits.max_file_bytes:
        yield _rejected(
            display, "too_large", f"{st.st_size}字节，上限{limits.max_file_bytes}字节", st.st_size
        )
        return
    if st.st_size == 0:
        yield _rejected(display, "empty", None)
        return
    try:
        with path.open("rb") as fh:
            data = fh.read(limits.max_file_bytes + 1)  # the file may have grown since stat
    except OSError as err:
        yield _rejected(display, "unreadable", err.strerror or type(err).__name__, st.st_size)
        return
    if len(data) > limits.max_file_bytes:
        yield _rejected(display, "too_large", f"上限{limits.max_file_bytes}字节", len(data))
        return
    yield from expand(display, data, limits)


def _walk(directory: Path, display: str, limits: Limits) -> Iterator[SourceItem]:
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as err:
        yield _rejected(display, "unreadable", f"无法打开文件夹（{err.strerror or type(err).__name__}）")
        return
    for entry in entries:
        if is_junk(entry.name):
            continue
        child_display = os.path.join(display, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            if not is_dir and entry.is_symlink() and entry.is_dir():
                continue  # a symlinked folder: never followed (loops, escaping the tree)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(Path(entry.path), child_display, limits)
        else:
            yield from _read_file(Path(entry.path), child_display, limits)


def iter_paths(paths: list[Path], limits: Limits) -> Iterator[SourceItem]:
    """Yield one :class:`SourceItem` per document in ``paths`` (files, folders, ZIPs).

    Folders are walked recursively in name order, skipping hidden files and OS litter and not
    following symlinked folders.  Display names start with the path as the user gave it.
    Rejects: ``unreadable`` (missing, not a regular file, permission), ``too_large`` (by
    ``stat``, before reading), ``empty``, plus everything :func:`archive.expand` rejects.
    """
    for raw in paths:
        path = Path(raw)
        display = str(raw)
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, display, limits)
        else:
            yield from _read_file(path, display, limits)
