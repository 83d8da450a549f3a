"""Expand ZIP archives (nested folders, ZIPs inside ZIPs) into the files they hold, safely.

Everything happens in memory: members are never written to disk and member names are only
ever used as display strings, so "zip slip" is impossible by construction.  Limits come from
:class:`docgen.config.Limits`:

* before anything is decompressed, the central directory is checked (number of entries,
  declared sizes, compression ratios per member and overall);
* while decompressing, output is produced in bounded chunks and reading stops as soon as it
  exceeds the declared size or a limit, because headers can lie;
* a member that fails (encrypted, damaged, too big) becomes one rejected item; the rest of
  the archive is still delivered.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from docgen.config import MB, Limits
from docgen.errors import Rejected

__all__ = [
    "SourceItem",
    "expand",
    "is_junk",
    "member_name",
    "check_declared",
    "read_member",
    "Budget",
    "RATIO_CHECK_MIN_BYTES",
]

# Ratio limits only apply to members (and archives) at least this big once uncompressed: a
# 40 KB file of blanks compressing 200:1 is no threat, and rejecting it would be a false alarm.
RATIO_CHECK_MIN_BYTES = 1 * MB
_CHUNK = 256 * 1024
_FLAG_ENCRYPTED = 0x1
_FLAG_UTF8 = 0x800
_LOCAL_HEADER = b"PK\x03\x04"
_CENTRAL_HEADER = b"PK\x01\x02"
_JUNK_NAMES = {".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db"}
_CONTROL_RE = re.compile("[\x00-\x1f\x7f]")


@dataclass
class SourceItem:
    """One input document: either ``data`` to read, or the ``rejection`` explaining why not.

    ``name`` is for display only (``"年度案件.zip/一审/判决1.txt"``); ``size`` is the byte size of
    the data (or the declared/stat size of a rejected file).
    """

    name: str
    data: bytes | None
    rejection: Rejected | None
    size: int


@dataclass
class Budget:
    """Uncompressed bytes that may still be produced (shared by nested archives)."""

    remaining: int

    def take(self, n: int) -> None:
        self.remaining -= n


def is_junk(path: str) -> bool:
    """Operating-system litter and hidden files: ``__MACOSX/``, ``.DS_Store``, ``~$`` locks …"""
    parts = [p for p in path.replace("\\", "/").split("/") if p]
    if not parts:
        return True
    if any(p == "__MACOSX" or (p.startswith(".") and p not in (".", "..")) for p in parts):
        return True
    base = parts[-1]
    return base.lower() in _JUNK_NAMES or base.startswith("~$")


def member_name(info: zipfile.ZipInfo) -> str:
    """The real name of a member.

    Names without the UTF-8 flag (bit 0x800) were decoded by :mod:`zipfile` as cp437; Chinese
    Windows stores them in GBK, macOS in UTF-8.  Re-encode to the original bytes and try UTF-8
    (strict, so GBK bytes practically never pass), then GB18030; else keep the cp437 text.
    """
    if info.flag_bits & _FLAG_UTF8:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:  # already decoded by zipfile (e.g. a Unicode path extra field)
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _display(name: str) -> str:
    parts = [p for p in name.replace("\\", "/").split("/") if p and p != "."]
    return _CONTROL_RE.sub("?", "/".join(parts))


def _ratio_exceeded(size: int, compressed: int, limits: Limits) -> bool:
    if size < RATIO_CHECK_MIN_BYTES:
        return False
    return compressed <= 0 or size / compressed > limits.max_zip_ratio


def check_declared(
    infos: Iterable[zipfile.ZipInfo], limits: Limits, *, data_len: int = 0, what: str = "压缩包"
) -> None:
    """Refuse an archive from its central directory alone, before decompressing anything.

    Raises ``zip_too_many`` or ``zip_bomb``.
    """
    infos = list(infos)
    if len(infos) > limits.max_zip_entries:
        raise Rejected("zip_too_many", f"{what}含{len(infos)}个条目，上限{limits.max_zip_entries}")
    total = compressed = 0
    for info in infos:
        name = _display(member_name(info))
        if info.file_size > limits.max_member_bytes:
            raise Rejected(
                "zip_bomb",
                f"“{name}”声明解压后{info.file_size}字节，超过单个文件{limits.max_member_bytes}字节上限",
            )
        if _ratio_exceeded(info.file_size, info.compress_size, limits):
            raise Rejected("zip_bomb", f"“{name}”压缩比超过{limits.max_zip_ratio}倍")
        total += info.file_size
        compressed += info.compress_size
    if total > limits.max_zip_total_bytes:
        raise Rejected("zip_bomb", f"{what}声明解压后共{total}字节，超过{limits.max_zip_total_bytes}字节上限")
    if _ratio_exceeded(total, compressed or data_len, limits):
        raise Rejected("zip_bomb", f"{what}整体压缩比超过{limits.max_zip_ratio}倍")


def _too_big(info: zipfile.ZipInfo, cap: int) -> Rejected:
    if cap >= info.file_size:
        return Rejected(
            "zip_bomb", f"“{_display(member_name(info))}”实际解压数据超过文件头声明的{info.file_size}字节"
        )
    return Rejected("zip_bomb", f"“{_display(member_name(info))}”解压数据超过上限")


def _inflate(raw: memoryview, info: zipfile.ZipInfo, cap: int) -> bytes:
    """Raw-deflate ``raw``, never holding more than ``cap + 1`` output bytes."""
    name = _display(member_name(info))
    inflater = zlib.decompressobj(-15)
    out = bytearray()
    pos = 0
    while True:
        if inflater.unconsumed_tail:
            chunk: bytes | memoryview = inflater.unconsumed_tail
        elif pos < len(raw):
            chunk = raw[pos : pos + _CHUNK]
            pos += _CHUNK
        else:
            break
        try:
            piece = inflater.decompress(chunk, cap + 1 - len(out))
        except zlib.error as err:
            raise Rejected("bad_zip", f"“{name}”数据损坏") from err
        out += piece
        if len(out) > cap:
            raise _too_big(info, cap)
        if inflater.eof:
            break
        if not piece and len(inflater.unconsumed_tail) == len(chunk):
            raise Rejected("bad_zip", f"“{name}”数据损坏")  # no progress
    if not inflater.eof:
        raise Rejected("bad_zip", f"“{name}”数据不完整")
    return bytes(out)


def _read_via_zipfile(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    out = bytearray()
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(min(_CHUNK, cap + 1 - len(out)))
            if not chunk:
                break
            out += chunk
            if len(out) > cap:
                raise _too_big(info, cap)
    return bytes(out)


def read_member(
    data: bytes,
    info: zipfile.ZipInfo,
    limits: Limits,
    budget: Budget,
    *,
    zf: zipfile.ZipFile | None = None,
) -> bytes:
    """Decompress one member of the archive held in ``data``, enforcing limits on actual output.

    Stored and deflated members (all that Windows, macOS and Office write) are decoded here
    from the raw bytes; other methods (bzip2, LZMA) go through ``zf`` with the same cap.
    Raises ``zip_encrypted``, ``zip_bomb`` (output exceeds the declared size, the member limit
    or the remaining budget) or ``bad_zip`` (damaged data, CRC mismatch, unknown method).
    """
    name = _display(member_name(info))
    if info.flag_bits & _FLAG_ENCRYPTED:
        raise Rejected("zip_encrypted", name)
    cap = max(0, min(info.file_size, limits.max_member_bytes, budget.remaining))
    try:
        if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            off = info.header_offset
            if off < 0 or data[off : off + 4] != _LOCAL_HEADER or off + 30 > len(data):
                raise Rejected("bad_zip", f"“{name}”的文件头损坏")
            name_len, extra_len = struct.unpack_from("<HH", data, off + 26)
            start = off + 30 + name_len + extra_len
            end = start + info.compress_size
            if end > len(data):
                raise Rejected("bad_zip", f"“{name}”数据被截断")
            raw = memoryview(data)[start:end]
            if info.compress_type == zipfile.ZIP_STORED:
                if len(raw) > cap:
                    raise _too_big(info, cap)
                content = bytes(raw)
            else:
                content = _inflate(raw, info, cap)
        elif zf is not None:
            content = _read_via_zipfile(zf, info, cap)
        else:
            raise Rejected("bad_zip", f"“{name}”使用了不支持的压缩方法")
    except Rejected:
        raise
    except NotImplementedError as err:
        raise Rejected("bad_zip", f"“{name}”使用了不支持的压缩方法") from err
    except Exception as err:  # zlib/bz2/lzma errors, zipfile.BadZipFile (CRC) …
        raise Rejected("bad_zip", f"“{name}”数据损坏（{type(err).__name__}）") from err
    if len(content) != info.file_size:
        raise Rejected("bad_zip", f"“{name}”实际大小与文件头不符")
    if zlib.crc32(content) != info.CRC:
        raise Rejected("bad_zip", f"“{name}”CRC校验失败")
    budget.take(len(content))
    return content


def expand(name: str, data: bytes, limits: Limits, depth: int = 0) -> Iterator[SourceItem]:
    """Yield the documents in ``data``: itself if it is not a ZIP, else its members (recursively).

    ``depth`` is how many ZIPs already enclose ``data``; a ZIP at depth ``max_zip_depth`` is
    refused as ``zip_nested`` (the default 3 allows ZIP inside ZIP inside ZIP).
    """
    yield from _expand(name, data, limits, depth, Budget(limits.max_zip_total_bytes))


def _expand(name: str, data: bytes, limits: Limits, depth: int, budget: Budget) -> Iterator[SourceItem]:
    from docgen.ingest.readers import detect_format

    try:
        fmt = detect_format(data, name)
    except Rejected as rej:
        yield SourceItem(name, None, rej, len(data))
        return
    except Exception:  # pragma: no cover - detection never raises anything else
        fmt = "txt"  # let extract_text decide and report
    if fmt != "zip":
        yield SourceItem(name, data, None, len(data))
        return
    if depth >= limits.max_zip_depth:
        yield SourceItem(name, None, Rejected("zip_nested", f"超过{limits.max_zip_depth}层"), len(data))
        return
    if len(data) > limits.max_file_bytes:
        yield SourceItem(name, None, Rejected("too_large", f"上限{limits.max_file_bytes}字节"), len(data))
        return
    yield from _expand_zip(name, data, limits, depth, budget)


def _count_entries(data: bytes) -> int:
    """Central-directory headers, counted without parsing them (an upper bound).

    Spares us building a million ZipInfo objects for a hostile archive.  Only the central
    directory named by the end record is searched, so the directories of ZIPs stored
    uncompressed inside this one are not counted.
    """
    eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if eocd >= 0 and eocd + 22 <= len(data):
        cd_size = struct.unpack_from("<I", data, eocd + 12)[0]
        if cd_size <= eocd:  # not ZIP64 (0xFFFFFFFF) and plausible
            return data.count(_CENTRAL_HEADER, eocd - cd_size, eocd)
    return data.count(_CENTRAL_HEADER)


def _expand_zip(name: str, data: bytes, limits: Limits, depth: int, budget: Budget) -> Iterator[SourceItem]:
    if _count_entries(data) > limits.max_zip_entries:
        yield SourceItem(name, None, Rejected("zip_too_many", f"上限{limits.max_zip_entries}"), len(data))
        return
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception as err:  # BadZipFile, LargeZipFile, struct/Value/OSError on garbage
        yield SourceItem(name, None, Rejected("bad_zip", f"无法读取目录（{type(err).__name__}）"), len(data))
        return
    with zf:
        try:
            check_declared(infos, limits, data_len=len(data))
        except Rejected as rej:
            yield SourceItem(name, None, rej, len(data))
            return
        produced = 0
        for info in infos:
            inner = member_name(info)
            if info.is_dir() or inner.endswith(("/", "\\")) or is_junk(inner):
                continue
            display = f"{name}/{_display(inner)}"
            produced += 1
            try:
                content = read_member(data, info, limits, budget, zf=zf)
            except Rejected as rej:
                yield SourceItem(display, None, rej, info.file_size)
                continue
            except Exception as err:  # pragma: no cover - read_member converts what it knows
                yield SourceItem(display, None, Rejected("bad_zip", type(err).__name__), info.file_size)
                continue
            yield from _expand(display, content, limits, depth + 1, budget)
        if produced == 0:
            yield SourceItem(name, None, Rejected("empty", "压缩包内没有文件"), len(data))
