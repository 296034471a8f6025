"""How varied a network is: the spread of contacts over how-we-met, workplace, circle and layer,
as the model counts it and as the view shows it."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import workbook
from workbook import charts
from workbook.domain.contacts import Contact
from workbook.domain.spread import NOT_RECORDED, describe_spread, spread


def contacts(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns)


def test_text_is_grouped_ignoring_case_and_spacing_under_its_commonest_spelling():
    frame = contacts(how_met=["Running club", "running  club", "Running club", "work", "", None])
    table = spread(frame, "how_met")
    assert table["group"].tolist() == ["Running club", "work", NOT_RECORDED]
    assert table["contacts"].tolist() == [3, 1, 2]
    assert table["share"].iloc[:2].tolist() == [0.75, 0.25] and math.isnan(table["share"].iloc[2])


def test_layers_are_named_and_blanks_counted():
    table = spread(contacts(layer=[5, 150, 150, None]), "layer")
    assert table.values.tolist()[:2] == [["about 150: wider circle", 2, 2 / 3], ["about 5: closest", 1, 1 / 3]]
    assert table["group"].iloc[-1] == NOT_RECORDED


def test_the_description_says_how_concentrated_it_is():
    table = spread(contacts(company=["Acme"] * 6 + ["Beta", "Gamma", "Delta", ""]), "company")
    text = describe_spread(table, "company")
    assert "4 different answers across 9 contacts" in text
    assert "\u201cAcme\u201d, covers 6 (67%); that one alone covers half" in text
    assert "1 contact has nothing noted for where they work" in text
    spread_out = describe_spread(spread(contacts(company=list("ABCDEF")), "company"), "company")
    assert "it takes the 3 most common to cover half" in spread_out


def test_empty_and_unknown():
    assert "No contact has how you met filled in yet" in describe_spread(spread(contacts(how_met=["", " "]), "how_met"), "how_met")
    assert spread(pd.DataFrame(columns=["how_met"]), "how_met").empty
    with pytest.raises(ValueError, match="choose one of"):
        spread(contacts(age=[30]), "age")


def test_chart_lumps_the_long_tail_and_describes_itself():
    table = spread(contacts(company=[f"Firm {i}" for i in range(12)] + ["Firm 0"]), "company")
    chart = charts.spread_bars(table, "where they work")
    assert "Firm 0: 2" in chart.alt and "all others (4 groups): 4" in chart.alt
    assert chart.png().startswith(b"\x89PNG")


def test_the_view_on_a_learners_own_contacts_switches_and_looks_again(store):
    for name, company in [("Ada", "Acme"), ("Bo", "Acme"), ("<b>Cy</b>", "<script>x</script>")]:
        store.contacts.add(Contact(name, company=company, how_met="work"))
    view = workbook.NetworkSpread()
    assert "How you met: 1 different answer across 3 contacts" in repr(view)
    view.by.value = "company"
    assert "\u201cAcme\u201d, covers 2 (67%)" in view.view.value
    assert "&lt;script&gt;x&lt;/script&gt;" in view.view.value and "<script>" not in view.view.value
    store.contacts.add(Contact("Di", company="Beta"))  # added elsewhere: the view follows by itself
    assert "3 different answers across 4 contacts" in view.view.value
