"""The course's plots. Each function takes a DataFrame and returns a Chart: a matplotlib Figure
with its alt text, shown in notebooks and widgets as an <img> that screen readers can describe.

Figures are built with the object API (no pyplot), so no global state or GUI backend is involved.
Labels from learner data go through `plain()` so matplotlib shows them as typed (a `$` would
otherwise start mathtext)."""

from __future__ import annotations

import base64
import html
import io

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

GAVE = "#1f77b4"
RECEIVED = "#c45508"  # dark orange: 4.5:1 contrast on white for the legend swatch


def plain(text) -> str:
    return str(text).replace("$", r"\$")


class Chart:
    def __init__(self, figure: Figure, alt: str):
        self.figure = figure
        self.alt = alt

    def png(self, dpi: int = 90) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        return buffer.getvalue()

    def html(self) -> str:
        data = base64.b64encode(self.png()).decode("ascii")
        alt = html.escape(self.alt, quote=True)
        return f"<img src='data:image/png;base64,{data}' alt='{alt}' style='max-width:100%'>"

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return self.alt


def giving_receiving(flow: pd.DataFrame, title: str = "Giving and receiving per month") -> Chart:
    """Bars per month: what you gave above the line, what you received below it."""
    fig = Figure(figsize=(8, 3.2), layout="constrained")
    ax = fig.subplots()
    if flow.empty:
        ax.text(0.5, 0.5, "No exchanges logged yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return Chart(fig, "Chart of giving and receiving per month: no exchanges logged yet.")
    x = range(len(flow))
    ax.bar(x, flow["gave"], color=GAVE, label="I gave")
    ax.bar(x, -flow["received"], color=RECEIVED, label="I received")
    ax.axhline(0, color="black", linewidth=0.8)
    step = max(1, len(flow) // 8)
    ax.set_xticks(list(x)[::step], [str(p) for p in flow.index[::step]])
    top = int(max(flow["gave"].max(), flow["received"].max(), 1))
    ax.set_ylim(-top - 1, top + 1)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(int(v))}"))
    ax.set_ylabel("exchanges")
    ax.set_title(plain(title))
    ax.legend(loc="upper left", frameon=False, ncols=2)
    busiest = flow.sum(axis=1).idxmax()
    alt = (
        f"Bar chart of exchanges per month from {flow.index[0]} to {flow.index[-1]}: "
        f"{int(flow['gave'].sum())} given (bars above the line) and {int(flow['received'].sum())} "
        f"received (bars below). The busiest month was {busiest}."
    )
    return Chart(fig, alt)
