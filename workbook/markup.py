"""Learner text inside HTML: every value escaped, so a name like <script> is shown, never run.
Used by the tools and by the tables lessons display."""

from __future__ import annotations

import functools
import html
from collections.abc import Callable

import pandas as pd


def esc(value) -> str:
    """Text for an HTML widget: every character shown as itself."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


def html_table(frame: pd.DataFrame, columns: dict[str, str], *, caption: str, empty: str) -> str:
    """An escaped HTML table of `frame` with `columns` (column -> heading) and a caption. Numbers
    are right-aligned, text left-aligned; no index column."""
    if frame.empty:
        return f"<p>{esc(empty)}</p>"
    numeric = {c for c in columns if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])}

    def cell(tag: str, column: str, text) -> str:
        kind = " class='workbook-number'" if column in numeric else ""
        scope = " scope='col'" if tag == "th" else ""
        return f"<{tag}{kind}{scope}>{esc(text)}</{tag}>"

    head = "".join(cell("th", c, h) for c, h in columns.items())
    body = "".join(
        "<tr>" + "".join(cell("td", c, row[c]) for c in columns) + "</tr>" for row in frame[list(columns)].to_dict("records")
    )
    caption_html = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f"<table class='workbook-table'>{caption_html}"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


class Table(pd.DataFrame):
    """A table for reading in a notebook: shown without pandas' row numbers, text left-aligned,
    every value escaped. Still a DataFrame for anyone who wants to analyse it further."""

    @property
    def _constructor(self):
        return Table

    def _repr_html_(self) -> str:
        return html_table(self, {str(c): str(c) for c in self.columns}, caption="", empty="(no rows)")

    def __repr__(self) -> str:
        return self.to_string(index=False) if not self.empty else "(no rows)"


def as_table(method: Callable[..., pd.DataFrame]) -> Callable[..., Table]:
    """For a tool's `table()`-like methods: their result reads as a `Table`."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs) -> Table:
        return Table(method(*args, **kwargs))

    return wrapper
