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
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PIL import Image

GAVE = "#1f77b4"
RECEIVED = "#c45508"  # dark orange: 4.5:1 contrast on white for the legend swatch


def plain(text) -> str:
    return str(text).replace("$", r"\$")


class Chart:
    def __init__(self, figure: Figure, alt: str):
        self.figure = figure
        self.alt = alt

    def png(self, dpi: int = 90) -> bytes:
        """A palette PNG: the charts' few flat colours fit in 256 (an anti-aliased edge moves by a shade
        at most), and it is a third the size of matplotlib's RGBA PNG, which every saved page carries.
        Quantizing adds 10-50 ms to a drawing of 0.1-0.4 s."""
        rendered = io.BytesIO()
        self.figure.savefig(rendered, format="png", dpi=dpi)
        buffer = io.BytesIO()
        Image.open(rendered).convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT).save(buffer, format="png")
        return buffer.getvalue()

    def html(self) -> str:
        data = base64.b64encode(self.png()).decode("ascii")
        alt = html.escape(self.alt, quote=True)
        return f"<img src='data:image/png;base64,{data}' alt='{alt}' style='max-width:100%'>"

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return self.alt


MIN_MONTHS_SHOWN = 6


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
    # A month is a narrow bar however few months there are: the axis spans at least half a year.
    ax.set_xlim(-0.5, max(len(flow), MIN_MONTHS_SHOWN) - 0.5)
    top = int(max(flow["gave"].max(), flow["received"].max(), 1))
    ax.set_ylim(-top - 1, top + 1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, symmetric=True))  # counts: whole numbers only
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


# --- the network map ---------------------------------------------------------------------------

# Okabe & Ito's colour-blind-safe palette, with a marker shape per circle so colour is not the only cue.
CIRCLE_STYLE = {
    "personal": ("#E69F00", "o", "personal"),
    "professional": ("#0072B2", "s", "professional"),
    "both": ("#009E73", "D", "both"),
}
WEAK_LAYER = 150


def network_map(nodes: pd.DataFrame, edges: pd.DataFrame, *, title: str = "Who knows whom", note: str = "") -> Chart:
    """Contacts as markers coloured and shaped by circle, ties as lines. Dormant contacts are
    hollow and their ties dashed; weak ties (the outer layer, or drifting) are drawn faint with a
    dashed outline; ties that link two clusters are darker. Bigger markers are closer layers.

    `nodes`: x, y, name, label ('' to leave unnamed), circle, layer, status, cluster, bridge.
    `edges`: x0, y0, x1, y1, between_clusters, dormant. `note` ends the alt text (e.g. what was left out)."""
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    fig = Figure(figsize=(9, 7), layout="constrained")
    ax = fig.subplots()
    ax.set_axis_off()
    ax.set_title(plain(title))
    if nodes.empty:
        ax.text(0.5, 0.5, "No contacts yet", ha="center", va="center", transform=ax.transAxes)
        return Chart(fig, "Network map: no contacts yet.")
    for kind, width, colour in ((False, 0.6, "#b0b0b0"), (True, 1.3, "#505050")):
        chosen = edges[edges["between_clusters"] == kind]
        for dormant, style in ((False, "-"), (True, (0, (3, 3)))):
            part = chosen[chosen["dormant"] == dormant]
            if not part.empty:
                segments = [((r.x0, r.y0), (r.x1, r.y1)) for r in part.itertuples(index=False)]
                ax.add_collection(LineCollection(segments, colors=colour, linewidths=width, linestyles=style, zorder=1))
    layer = nodes["layer"].astype("Int64")
    size = layer.map({5: 150, 15: 110, 50: 75, 150: 45}, na_action="ignore").astype("Float64").fillna(45).astype(float)
    dormant = nodes["status"] == "dormant"
    weak = ~dormant & ((layer == WEAK_LAYER).fillna(False) | (nodes["status"] == "drifting"))
    for circle, (colour, marker, _label) in CIRCLE_STYLE.items():
        mine = nodes["circle"] == circle
        for chosen, face, alpha, line in (
            (mine & ~dormant & ~weak, colour, 1.0, "solid"),
            (mine & weak, colour, 0.45, "dashed"),
            (mine & dormant, "white", 1.0, "solid"),
        ):
            if chosen.any():
                ax.scatter(
                    nodes.loc[chosen, "x"], nodes.loc[chosen, "y"], s=size[chosen], marker=marker,
                    facecolors=face, edgecolors=colour, linewidths=1.6 if face == "white" else 1.0,
                    linestyles=line, alpha=alpha, zorder=2,
                )
    for row in nodes[nodes["label"] != ""].itertuples(index=False):
        ax.annotate(plain(row.label), (row.x, row.y), xytext=(4, 4), textcoords="offset points", fontsize=8, zorder=3)
    ax.autoscale_view()
    handles = [
        Line2D([], [], marker=marker, linestyle="", color=colour, markersize=8, label=label)
        for colour, marker, label in CIRCLE_STYLE.values()
    ] + [
        Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="black", markersize=8, label="dormant (3+ years)"),
        Line2D([], [], marker="o", linestyle="", color="black", alpha=0.45, markersize=8, label="weak or drifting"),
        Line2D([], [], color="#505050", linewidth=1.3, label="tie between clusters"),
        Line2D([], [], color="#b0b0b0", linewidth=1, linestyle=(0, (3, 3)), label="tie to a dormant contact"),
    ]
    fig.legend(handles=handles, loc="outside right upper", frameon=False, fontsize=8)
    counts = nodes["circle"].value_counts()
    clusters = nodes["cluster"].nunique(dropna=True)
    bridging = nodes[nodes["bridge"].fillna(False).astype(bool)]["name"].tolist()
    dormant_names = nodes.loc[dormant, "name"].tolist()
    alt = (
        f"Network map of {len(nodes)} contacts and {len(edges)} ties between them: "
        f"{int(counts.get('personal', 0))} personal, {int(counts.get('professional', 0))} professional and "
        f"{int(counts.get('both', 0))} both, in {clusters} cluster{'s' if clusters != 1 else ''}. "
        f"{len(bridging)} contact{'s link' if len(bridging) != 1 else ' links'} two or more clusters"
        + (f" ({', '.join(bridging[:5])}{', …' if len(bridging) > 5 else ''})" if bridging else "")
        + f". {len(dormant_names)} dormant"
        + (f" ({', '.join(dormant_names[:5])}{', …' if len(dormant_names) > 5 else ''})" if dormant_names else "")
        + f", {int(weak.sum())} weak or drifting."
        + (f" {note}" if note else "")
    )
    return Chart(fig, alt)


def self_check_scores(table: pd.DataFrame) -> Chart:
    """Bars per chapter: the share of self-check questions answered right."""
    fig = Figure(figsize=(7, 2.6), layout="constrained")
    ax = fig.subplots()
    share = (table["right"] / table["questions"].where(table["questions"] > 0)).fillna(0) * 100
    ax.bar(table["chapter"], share, color="#1f77b4")
    ax.set_ylim(0, 100)
    ax.set_ylabel("% right")
    ax.set_xlabel("chapter")
    ax.set_title("Self-check scores per chapter")
    done = table[table["answered"] > 0]
    if done.empty:
        alt = "Bar chart of self-check scores per chapter: no questions answered yet, so every bar is empty."
    else:
        parts = ", ".join(f"chapter {r.chapter} {r.right} of {r.questions}" for r in done.itertuples(index=False))
        alt = f"Bar chart of self-check scores per chapter, as the share of questions answered right: {parts}; other chapters not yet answered."
    return Chart(fig, alt)


def spread_bars(table: pd.DataFrame, what: str, *, shown: int = 8) -> Chart:
    """Horizontal bars: contacts per group of one view (how you met, where they work...), the
    largest first; groups past `shown` are summed as "all others"."""
    known = table[table["group"] != "(not recorded)"]
    fig = Figure(figsize=(7, 0.35 * min(len(known), shown + 1) + 1.0), layout="constrained")
    ax = fig.subplots()
    if known.empty:
        ax.text(0.5, 0.5, f"No contacts with {what} recorded yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return Chart(fig, f"Chart of contacts by {what}: none recorded yet.")
    head = known.head(shown)
    labels = [plain(group) for group in head["group"]]
    values = [int(v) for v in head["contacts"]]
    rest = int(known["contacts"].iloc[shown:].sum())
    if rest:
        labels.append(f"all others ({len(known) - shown} groups)")
        values.append(rest)
    ax.barh(range(len(values)), values, color=GAVE)
    ax.set_yticks(range(len(values)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("contacts")
    ax.set_title(plain(f"Contacts by {what}"))
    ax.spines[["top", "right"]].set_visible(False)
    listed = "; ".join(f"{label}: {value}" for label, value in zip(labels, values))
    return Chart(fig, f"Bar chart of contacts by {what}, largest first. {listed}.")
