"""The course's plots: each a function from a DataFrame to a matplotlib Figure, plus alt text.

Labels that come from learner data are passed through `plain()` so matplotlib shows them as
typed (a `$` would otherwise start mathtext)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no display needed; notebooks show the figure inline either way
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

GAVE = "#1f77b4"
RECEIVED = "#ff7f0e"


def plain(text: str) -> str:
    return str(text).replace("$", r"\$")


def giving_receiving(flow: pd.DataFrame, title: str = "Giving and receiving per month"):
    """Bars per month: what you gave above the line, what you received below it."""
    fig, ax = plt.subplots(figsize=(8, 3.2), layout="constrained")
    if flow.empty:
        ax.text(0.5, 0.5, "No exchanges logged yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    x = range(len(flow))
    ax.bar(x, flow["gave"], color=GAVE, label="I gave")
    ax.bar(x, -flow["received"], color=RECEIVED, label="I received")
    ax.axhline(0, color="black", linewidth=0.8)
    step = max(1, len(flow) // 8)
    ax.set_xticks(list(x)[::step], [str(p) for p in flow.index[::step]])
    top = int(max(flow["gave"].max(), flow["received"].max(), 1))
    ax.set_ylim(-top - 1, top + 1)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{abs(int(v))}"))
    ax.set_ylabel("exchanges")
    ax.set_title(title)
    ax.legend(loc="upper left", frameon=False, ncols=2)
    return fig


def giving_receiving_alt(flow: pd.DataFrame) -> str:
    if flow.empty:
        return "Chart of giving and receiving per month: no exchanges logged yet."
    busiest = flow.sum(axis=1).idxmax()
    return (
        f"Bar chart of exchanges per month from {flow.index[0]} to {flow.index[-1]}: "
        f"{int(flow['gave'].sum())} given (bars above the line) and {int(flow['received'].sum())} "
        f"received (bars below). The busiest month was {busiest}."
    )


def to_png(fig, dpi: int = 90) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    plt.close(fig)
    return buffer.getvalue()
