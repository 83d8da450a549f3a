"""docgen.ingest.archive (ZIP expansion) and docgen.ingest.sources (files and folders)."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from fixtures_make import (
    JUDGMENT,
    make_docx,
    make_encrypted_zip,
    make_gbk_txt,
    make_lying_zip,
    make_nested_zip,
    make_zip,
    make_zip_bomb,
    make_zip_with_bad_crc_member,
)

from docgen.config import MB, Limits
from docgen.errors import Rejected
from docgen.ingest.archive import Budget, SourceItem, expand, is_junk, read_member
from docgen.ingest.readers import extract_text
from docgen.ingest.sources import iter_paths

LIMITS = Limits()
TEXT = JUDGMENT.encode("utf-8")


def items(name: str, data: bytes, limits: Limits = LIMITS) -> list[SourceItem]:
    got = list(expand(name, data, limits))
    for item in got:
        assert (item.data is None) == (item.rejection is not None)
    return got


def codes(got: list[SourceItem]) -> dict[str, str | None]:
    return {i.name: (i.rejection.code if i.rejection else None) for i in got}


# --------------------------------------------------------------------------------------------
# happy paths
# --------------------------------------------------------------------------------------------


def test_non_zip_is_passed_through() -> None:
    [item] = items("判决.txt", TEXT)
    assert (item.name, item.data, item.rejection, item.size) == ("判决.txt", TEXT, None, len(TEXT))


def test_gbk_member_names_without_utf8_flag() -> None:
    data = make_zip(
        {
            "一审/": b"",
            "一审/行政判决书.txt": make_gbk_txt(),
            "二审/行政裁定书.docx": make_docx(["行政裁定书"]),
            "readme.txt": b"plain ascii",
        }
    )
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert all(not info.flag_bits & 0x800 for info in zf.infolist())  # really Windows-style
        assert "一审/行政判决书.txt" not in zf.namelist()  # zipfile alone shows mojibake
    got = items("年度案件.zip", data)
    assert [i.name for i in got] == [
        "年度案件.zip/一审/行政判决书.txt",
        "年度案件.zip/二审/行政裁定书.docx",
        "年度案件.zip/readme.txt",
    ]
    assert all(i.rejection is None for i in got)
    assert got[0].data == make_gbk_txt()
    # a DOCX inside a ZIP is a document, not another archive
    assert extract_text(got[1].data or b"", got[1].name, LIMITS).text == "行政裁定书"


def test_utf8_flagged_and_macos_style_names() -> None:
    flagged = make_zip({"判决/一审.txt": TEXT}, gbk_names=False)
    mac = make_zip({"判决/一审.txt": TEXT}, name_encoding="utf-8")
    for data in (flagged, mac):
        assert [i.name for i in items("a.zip", data)] == ["a.zip/判决/一审.txt"]


def test_undecodable_name_falls_back_to_cp437() -> None:
    got = items("a.zip", make_zip([(b"\xff\xfe.txt", TEXT)]))
    assert got[0].name == "a.zip/" + b"\xff\xfe.txt".decode("cp437")


def test_junk_and_directories_are_skipped() -> None:
    data = make_zip(
        {
            "判决.txt": TEXT,
            "__MACOSX/._判决.txt": b"\x00\x05\x16\x07",
            "__MACOSX/": b"",
            ".DS_Store": b"\x00\x00\x00\x01Bud1",
            "子目录/Thumbs.db": b"x",
            "desktop.ini": b"[.ShellClassInfo]",
            "~$判决.docx": b"lock",
            "空目录/": b"",
        }
    )
    assert [i.name for i in items("a.zip", data)] == ["a.zip/判决.txt"]
    assert is_junk("a/__MACOSX/b") and is_junk("~$x.docx") and is_junk(".hidden") and not is_junk("判决.txt")


def test_nested_zips_within_depth() -> None:
    got = items("年度案件.zip", make_nested_zip(3))
    assert [(i.name, i.data) for i in got] == [("年度案件.zip/第3层.zip/第2层.zip/判决.txt", TEXT)]


def test_path_traversal_names_are_only_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = make_zip({"../../evil.txt": b"evil", "/abs/x.txt": b"abs", "a\\b.txt": b"win"}, gbk_names=False)
    got = items("a.zip", data)
    assert [i.name for i in got] == ["a.zip/../../evil.txt", "a.zip/abs/x.txt", "a.zip/a/b.txt"]
    assert list(tmp_path.iterdir()) == [] and not (tmp_path.parent.parent / "evil.txt").exists()


def test_other_compression_methods() -> None:
    stored = make_zip({"a.txt": TEXT}, compression=zipfile.ZIP_STORED)
    bz2 = make_zip({"a.txt": TEXT}, compression=zipfile.ZIP_BZIP2)
    lz = make_zip({"a.txt": TEXT}, compression=zipfile.ZIP_LZMA)
    for data in (stored, bz2, lz):
        [item] = items("a.zip", data)
        assert item.data == TEXT


# --------------------------------------------------------------------------------------------
# rejections
# --------------------------------------------------------------------------------------------


def test_zip_bomb_is_refused_before_extracting_and_fast() -> None:
    start = time.monotonic()
    data = make_zip_bomb(200)
    assert len(data) < 1 * MB
    got = items("bomb.zip", data)
    assert codes(got) == {"bomb.zip": "zip_bomb"}  # whole archive, nothing extracted
    assert time.monotonic() - start < 2


def test_ratio_alone_triggers_bomb() -> None:
    data = make_zip({"zeros.txt": bytes(20 * MB)})  # under the 50 MB member limit, ratio ~1000
    assert codes(items("a.zip", data)) == {"a.zip": "zip_bomb"}
    # a small highly compressible file is harmless and not a false alarm
    assert codes(items("b.zip", make_zip({"blank.txt": b" " * 200_000}))) == {"b.zip/blank.txt": None}


def test_declared_limits() -> None:
    data = make_zip({f"{i}.txt": TEXT for i in range(5)})
    assert codes(items("a.zip", data, Limits(max_zip_entries=4))) == {"a.zip": "zip_too_many"}
    assert codes(items("a.zip", data, Limits(max_zip_total_bytes=len(TEXT) * 4))) == {"a.zip": "zip_bomb"}
    assert codes(items("a.zip", data, Limits(max_member_bytes=len(TEXT) - 1))) == {"a.zip": "zip_bomb"}


def test_entry_limit_counts_each_archive_separately() -> None:
    inner = make_zip({f"{i}.txt": TEXT for i in range(4)}, compression=zipfile.ZIP_STORED)
    outer = make_zip({"inner.zip": inner, "x.txt": TEXT}, compression=zipfile.ZIP_STORED)
    assert outer.count(b"PK\x01\x02") == 6  # the stored inner directory is visible in the bytes
    got = codes(items("a.zip", outer, Limits(max_zip_entries=5)))
    assert set(got.values()) == {None} and len(got) == 5
    assert codes(items("a.zip", outer, Limits(max_zip_entries=3))) == {"a.zip/inner.zip": "zip_too_many"} | {
        "a.zip/x.txt": None
    }


def test_lying_header_is_caught_while_reading() -> None:
    data = make_lying_zip(declared=100, actual_mb=8)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.infolist()[0].file_size == 100  # the header passes every declared check
    [item] = items("liar.zip", data)
    assert item.rejection is not None and item.rejection.code == "zip_bomb"
    assert "声明" in item.rejection.message


def test_actual_read_stops_at_the_budget() -> None:
    data = make_zip({"a.txt": TEXT})
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.infolist()[0]
    budget = Budget(remaining=len(TEXT) - 1)
    with pytest.raises(Rejected) as err:
        read_member(data, info, LIMITS, budget)
    assert err.value.code == "zip_bomb"
    budget = Budget(remaining=len(TEXT))
    assert read_member(data, info, LIMITS, budget) == TEXT and budget.remaining == 0


def test_budget_is_shared_by_nested_archives() -> None:
    inner = make_zip({"a.txt": TEXT})
    data = make_zip({"1.zip": inner, "2.zip": inner, "3.zip": inner})
    # room for the three inner ZIPs and two of the three texts inside them
    limits = Limits(max_zip_total_bytes=len(inner) * 3 + len(TEXT) * 2 + len(TEXT) // 2)
    got = codes(items("a.zip", data, limits))
    assert got == {"a.zip/1.zip/a.txt": None, "a.zip/2.zip/a.txt": None, "a.zip/3.zip/a.txt": "zip_bomb"}


def test_too_deep() -> None:
    got = items("a.zip", make_nested_zip(4))
    assert codes(got) == {"a.zip/第4层.zip/第3层.zip/第2层.zip": "zip_nested"}
    got = items("a.zip", make_nested_zip(2), Limits(max_zip_depth=1))
    assert codes(got) == {"a.zip/第2层.zip": "zip_nested"}


def test_encrypted_member() -> None:
    got = items("a.zip", make_encrypted_zip())
    assert codes(got) == {"a.zip/判决.txt": "zip_encrypted"}


def test_bad_member_does_not_stop_the_rest() -> None:
    got = items("a.zip", make_zip_with_bad_crc_member())
    assert codes(got) == {"a.zip/a.txt": "bad_zip", "a.zip/b.txt": None}
    mixed = make_zip({"旧.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "新.txt": TEXT})
    assert codes(items("b.zip", mixed)) == {"b.zip/旧.doc": "unsupported", "b.zip/新.txt": None}


@pytest.mark.parametrize(
    "data",
    [
        make_zip({"a.txt": TEXT})[:40],  # truncated: no central directory
        b"PK\x03\x04" + os.urandom(200),
        b"PK\x05\x06" + bytes(18) + b"\xff\xff",
    ],
)
def test_corrupt_archive(data: bytes) -> None:
    [item] = items("a.zip", data)
    assert item.rejection is not None and item.rejection.code in {"bad_zip", "empty"}


def test_empty_archive() -> None:
    assert codes(items("a.zip", make_zip({"目录/": b""}))) == {"a.zip": "empty"}


def test_top_level_archive_too_big() -> None:
    data = make_zip({"a.txt": TEXT})
    assert codes(items("a.zip", data, Limits(max_file_bytes=len(data) - 1))) == {"a.zip": "too_large"}


# --------------------------------------------------------------------------------------------
# sources.iter_paths
# --------------------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "收件"
    (root / "二审").mkdir(parents=True)
    (root / "一审").mkdir()
    (root / ".git").mkdir()
    (root / "一审" / "b.txt").write_bytes(TEXT)
    (root / "一审" / "a.txt").write_bytes(make_gbk_txt())
    (root / "二审" / "案卷.zip").write_bytes(make_zip({"裁定.txt": TEXT}))
    (root / ".git" / "config").write_bytes(b"x")
    (root / ".hidden.txt").write_bytes(b"x")
    (root / "Thumbs.db").write_bytes(b"x")
    (root / "~$a.docx").write_bytes(b"x")
    (root / "空.txt").write_bytes(b"")
    return root


def test_walk_is_sorted_skips_junk_and_expands_zips(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree.parent)
    got = list(iter_paths([Path("收件")], LIMITS))
    assert codes(got) == {
        "收件/一审/a.txt": None,
        "收件/一审/b.txt": None,
        "收件/二审/案卷.zip/裁定.txt": None,
        "收件/空.txt": "empty",
    }
    assert [i.name for i in got][:2] == ["收件/一审/a.txt", "收件/一审/b.txt"]


def test_absolute_paths_and_single_files(tree: Path) -> None:
    got = list(iter_paths([tree / "一审" / "b.txt", tree / "不存在.txt"], LIMITS))
    assert codes(got) == {str(tree / "一审" / "b.txt"): None, str(tree / "不存在.txt"): "unreadable"}


def test_size_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(60 * MB)  # sparse: costs nothing

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("must not open a file that is too large")

    monkeypatch.setattr(Path, "open", no_reading)
    [item] = list(iter_paths([big], LIMITS))
    assert item.rejection is not None and item.rejection.code == "too_large" and item.size == 60 * MB


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # opening it would block forever
    locked = tmp_path / "locked.txt"
    locked.write_bytes(TEXT)
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)
    got = list(iter_paths([fifo, locked], LIMITS))
    assert codes(got) == {str(fifo): "unreadable", str(locked): "unreadable"}


def test_symlinked_folders_are_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_bytes(TEXT)
    (root / "loop").symlink_to(root, target_is_directory=True)
    assert [i.name for i in iter_paths([root], LIMITS)] == [f"{root}/a.txt"]
