"""Loading of the pattern/taxonomy data files under ``docgen/data``."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_yaml(name: str) -> Any:
    """Parse ``docgen/data/<name>`` (cached; the files are read-only package data)."""
    text = resources.files("docgen").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def compiled(name: str, key: str) -> re.Pattern[str]:
    """A regex stored under ``key`` in a data file, compiled once."""
    value = load_yaml(name)[key]
    if isinstance(value, list):
        value = "|".join(f"(?:{v})" for v in value)
    return re.compile(value)


def parse_patterns() -> dict[str, Any]:
    return load_yaml("parse_patterns.yaml")
