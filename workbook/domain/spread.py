"""How varied a network is: how contacts spread over how you met, where they work, their circle and
their layer. Pandas: every function here makes or reads a table."""

from __future__ import annotations

import pandas as pd

from .keep_in_touch import LAYER_NAMES

# People mostly know people like themselves, largely because ties form where people already meet:
# families, neighbourhoods, workplaces, clubs (McPherson, Smith-Lovin & Cook 2001). The workbook
# keeps no age, gender or background, and should not: it can show where your people come from.
SPREAD_VIEWS = {
    "how_met": "how you met",
    "company": "where they work",
    "circle": "personal or professional",
    "layer": "closeness layer",
}
NOT_RECORDED = "(not recorded)"


def spread(contacts: pd.DataFrame, by: str) -> pd.DataFrame:
    """How contacts spread over the values of one column: `group`, `contacts` and `share` (of the
    contacts with that column filled in), largest first, then NOT_RECORDED last. Text is grouped
    ignoring case and spacing, under its most common spelling."""
    if by not in SPREAD_VIEWS:
        raise ValueError(f"{by!r} is not a view; choose one of {', '.join(SPREAD_VIEWS)}.")
    columns = ["group", "contacts", "share"]
    if contacts.empty:
        return pd.DataFrame(columns=columns)
    raw = contacts[by]
    if by == "layer":
        labels = raw.map(lambda layer: LAYER_NAMES.get(int(layer), "") if pd.notna(layer) else "")
    else:
        labels = raw.fillna("").astype(str).map(lambda text: " ".join(text.split()))
    keys = labels.str.casefold()
    spelling = labels[keys != ""].groupby(keys).agg(lambda names: names.value_counts().index[0])
    counts = keys[keys != ""].value_counts()
    recorded = int(counts.sum())
    table = pd.DataFrame(
        {"group": [spelling[k] for k in counts.index], "contacts": counts.to_numpy(), "share": counts.to_numpy() / max(recorded, 1)}
    )
    table = table.sort_values(["contacts", "group"], ascending=[False, True], kind="stable")
    blank = int((keys == "").sum())
    if blank:
        table = pd.concat([table, pd.DataFrame({"group": [NOT_RECORDED], "contacts": [blank], "share": [float("nan")]})])
    return table.reset_index(drop=True)[columns]


def describe_spread(table: pd.DataFrame, by: str) -> str:
    """Plain sentences on one spread: how many groups, how much the largest holds, and how many
    groups it takes to cover half of the contacts with that field filled in."""
    what = SPREAD_VIEWS[by]
    known = table[table["group"] != NOT_RECORDED]
    blank = int(table.loc[table["group"] == NOT_RECORDED, "contacts"].sum())
    if known.empty:
        return f"No contact has {what} filled in yet: add it in the contact book to see this view."
    recorded = int(known["contacts"].sum())
    top = known.iloc[0]
    half = int((known["contacts"].cumsum() < recorded / 2).sum()) + 1
    groups = len(known)
    lines = [
        f"{what.capitalize()}: {groups} different answer{'s' if groups != 1 else ''} across {recorded} "
        f"contact{'s' if recorded != 1 else ''}.",
        f"The most common, \u201c{top['group']}\u201d, covers {int(top['contacts'])} ({top['share']:.0%}); "
        + ("that one alone covers half." if half == 1 else f"it takes the {half} most common to cover half."),
    ]
    if blank:
        lines.append(f"{blank} contact{'s have' if blank != 1 else ' has'} nothing noted for {what}.")
    return " ".join(lines)
