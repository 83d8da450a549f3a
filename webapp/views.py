"""Template helpers: Beijing time, yes/no/unknown, percentages, display names, charts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from flask import Flask, request, url_for
from markupsafe import Markup

from webapp import charts

BEIJING = timezone(timedelta(hours=8), "北京时间")


def bjtime(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if value is None:
        return "—"
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(BEIJING).strftime(fmt)


def yesno(value: bool | None, yes: str = "是", no: str = "否", unknown: str = "不明") -> str:
    return unknown if value is None else (yes if value else no)


def size(n: int | None) -> str:
    if n is None:
        return "—"
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def pct(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def modify_query(**changes: Any) -> str:
    """The current URL with some query parameters changed (None removes one)."""
    args = request.args.to_dict(flat=True)
    for k, v in changes.items():
        if v is None or v == "":
            args.pop(k, None)
        else:
            args[k] = v
    return url_for(request.endpoint or "main.index", **(request.view_args or {}), **args)


# -- chart inputs from docgen.stats results --------------------------------------------------------


def zip_with(a: Any, b: Any) -> list[tuple[Any, Any]]:
    return list(zip(a, b, strict=False))


def mix_items(rows: Any) -> list[tuple[str, int, str]]:
    return [(r.label, r.count, f"{r.count}件（{r.share.percent()}）") for r in rows]


def agency_loss_items(agencies: Any) -> list[tuple[str, float, str]]:
    return [(a.agency, a.loss_rate.value or 0.0, f"{a.loss_rate.percent()}（{a.lost}/{a.decided}）")
            for a in agencies if a.decided]


def defect_items(defects: Any) -> list[tuple[str, int]]:
    return [(d.name, d.cases) for d in defects]


def change_items(changes: Any) -> list[tuple[str, Any, Any]]:
    return [(c.label, c.current or 0, c.previous or 0) for c in changes]


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(bjtime=bjtime, yesno=yesno, size=size, pct=pct, zip_with=zip_with,
                                 mix_items=mix_items, agency_loss_items=agency_loss_items,
                                 defect_items=defect_items, change_items=change_items)
    app.jinja_env.globals.update(modify_query=modify_query, hbar=charts.hbar, vbar_pairs=charts.vbar_pairs,
                                 Markup=Markup)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
