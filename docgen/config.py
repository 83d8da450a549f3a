"""Settings: where data lives and the safety limits of ingestion.

Everything can be overridden from the environment (``DOCGEN_*``) so a court's server
administrator never has to edit code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

MB = 1024 * 1024


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as err:
        raise ValueError(f"环境变量 {name} 必须是整数，当前为 {raw!r}") from err


@dataclass(frozen=True)
class Limits:
    """Ingestion limits. Defaults are safe for one modest intranet server."""

    max_file_bytes: int = 50 * MB  # one uploaded/ingested file (a ZIP counts as one)
    max_member_bytes: int = 50 * MB  # one file inside a ZIP, uncompressed
    max_zip_total_bytes: int = 500 * MB  # everything in a ZIP, uncompressed
    max_zip_ratio: int = 100  # uncompressed / compressed, per member and overall
    max_zip_entries: int = 5000
    max_zip_depth: int = 3  # ZIP inside ZIP inside ZIP
    max_text_chars: int = 2_000_000  # extracted text of one document
    max_pdf_pages: int = 500

    @classmethod
    def from_env(cls) -> Limits:
        d = cls()
        return cls(
            max_file_bytes=_env_int("DOCGEN_MAX_FILE_MB", d.max_file_bytes // MB) * MB,
            max_member_bytes=_env_int("DOCGEN_MAX_MEMBER_MB", d.max_member_bytes // MB) * MB,
            max_zip_total_bytes=_env_int("DOCGEN_MAX_ZIP_TOTAL_MB", d.max_zip_total_bytes // MB) * MB,
            max_zip_ratio=_env_int("DOCGEN_MAX_ZIP_RATIO", d.max_zip_ratio),
            max_zip_entries=_env_int("DOCGEN_MAX_ZIP_ENTRIES", d.max_zip_entries),
            max_zip_depth=_env_int("DOCGEN_MAX_ZIP_DEPTH", d.max_zip_depth),
            max_text_chars=_env_int("DOCGEN_MAX_TEXT_CHARS", d.max_text_chars),
            max_pdf_pages=_env_int("DOCGEN_MAX_PDF_PAGES", d.max_pdf_pages),
        )


@dataclass(frozen=True)
class Settings:
    instance_dir: Path
    database_url: str
    blob_dir: Path
    limits: Limits = field(default_factory=Limits)

    @property
    def models_dir(self) -> Path:
        """Where ``docgen train`` writes new model versions (newest wins over packaged ones)."""
        return self.instance_dir / "models"

    @classmethod
    def load(cls, instance_dir: str | os.PathLike[str] | None = None) -> Settings:
        inst = Path(instance_dir or os.environ.get("DOCGEN_INSTANCE") or Path.cwd() / "instance")
        url = os.environ.get("DOCGEN_DATABASE_URL") or f"sqlite:///{(inst / 'docgen.sqlite3').resolve()}"
        blobs = Path(os.environ.get("DOCGEN_BLOB_DIR") or inst / "originals")
        return cls(instance_dir=inst, database_url=url, blob_dir=blobs, limits=Limits.from_env())
