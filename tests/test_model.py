import datetime as dt

import pandas as pd
import pytest

from workbook.domain import exchanges as X
from workbook.domain import plans as P
from workbook.domain.contacts import Contact
from workbook.domain.exchanges import Exchange
from workbook.domain.plans import Plan
from workbook.domain.validation import ValidationError

TODAY = dt.date(2026, 6, 30)


def test_contact_name_is_required_and_trimmed():
    assert Contact("  Ada  ").validated().name == "Ada"
    with pytest.raises(ValidationError) as error:
        Contact("   ").validated()
    assert error.value.field == "name"
    assert "empty" in error.value.message


def test_contact_name_keeps_markup_as_text():
    for name in ("<b>x</b>", "<img src=x onerror=alert(1)>", "=HYPERLINK(\"http://x\")", "Robert'); DROP TABLE contacts;--"):
        assert Contact(name).validated().name == name


def test_contact_rejects_control_characters_and_line_breaks_in_name():
    with pytest.raises(ValidationError, match="control"):
        Contact("Ada\x00").validated()
    with pytest.raises(ValidationError, match="line breaks"):
        Contact("Ada\nLovelace").validated()


def test_a_lone_carriage_return_is_a_line_break_in_one_line_fields():
    with pytest.raises(ValidationError, match="contains a line break"):
        Contact("Ada\rLovelace").validated()
    assert Contact("Ada", notes="first\rsecond").validated().notes == "first\rsecond"


def test_exchange_rejects_future_unknown_kind_and_huge_note():
    ok = Exchange(1, "gave", "advice", TODAY, "fine")
    assert ok.validated(TODAY).on_date == TODAY
    with pytest.raises(ValidationError) as error:
        Exchange(1, "gave", "advice", TODAY + dt.timedelta(days=1)).validated(TODAY)
    assert error.value.field == "date" and "future" in error.value.message
    with pytest.raises(ValidationError) as error:
        Exchange(1, "gave", "bribe", TODAY).validated(TODAY)
    assert error.value.field == "kind"
    with pytest.raises(ValidationError) as error:
        Exchange(1, "gave", "advice", TODAY, "x" * 100_000).validated(TODAY)
    assert error.value.field == "note" and "100,000" in error.value.message


def test_exchange_accepts_iso_strings_and_rejects_nonsense_dates():
    assert Exchange(1, "received", "time", "2026-01-02").validated(TODAY).on_date == dt.date(2026, 1, 2)
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        Exchange(1, "received", "time", "31/02/2026").validated(TODAY)


def test_plan_requires_a_contact_and_known_occasion():
    with pytest.raises(ValidationError) as error:
        Plan(contact_id=None).validated(TODAY)
    assert error.value.field == "who"
    with pytest.raises(ValidationError) as error:
        Plan(contact_id=1, occasion="duel").validated(TODAY)
    assert error.value.field == "occasion"
    assert Plan(contact_id=1, planned_for=TODAY + dt.timedelta(days=9)).validated(TODAY).planned_for > TODAY


def balances_frame(rows):
    frame = pd.DataFrame(rows, columns=X.BALANCE_COLUMNS)
    return X.add_days_since(frame, TODAY)


def test_nudges_put_recent_imbalance_first_then_longest_without_giving():
    frame = balances_frame(
        [
            (1, "Even", 4, 4, 2, 2, "2026-06-01", "2026-06-01"),
            (2, "Leaning", 1, 5, 0, 3, "2026-06-10", "2025-01-01"),
            (3, "Quiet", 2, 1, 0, 0, "2025-03-01", "2025-03-01"),
            (4, "Never", 0, 2, 0, 0, "2025-05-01", None),
            (5, "Slight", 2, 3, 1, 2, "2026-06-20", "2026-06-20"),
        ]
    )
    found = X.nudges(frame, TODAY, lambda ids: {2: "chess"}, months_without_giving=6)
    assert [n.name for n in found] == ["Leaning", "Slight", "Never", "Quiet"]
    assert "received 3 and gave 0" in found[0].reason
    assert "chess" in found[0].suggestion  # ideas are drawn from the contact's interests
    assert "never" in found[2].reason
    assert "2025-03-01" in found[3].reason
    assert [n.name for n in X.nudges(frame, TODAY, lambda ids: {}, limit=2)] == ["Leaning", "Slight"]


def test_monthly_flow_fills_empty_months():
    exchanges = pd.DataFrame(
        {"on_date": ["2026-01-05", "2026-01-20", "2026-03-02"], "direction": ["gave", "received", "gave"]}
    )
    flow = X.monthly_flow(exchanges)
    assert [str(m) for m in flow.index] == ["2026-01", "2026-02", "2026-03"]
    assert flow["gave"].tolist() == [1, 0, 1] and flow["received"].tolist() == [1, 0, 0]
    assert X.monthly_flow(exchanges.iloc[0:0]).empty


def test_suggestions_use_interests_and_occasion():
    questions = P.suggest_questions("chess, open data", "conference")
    assert any("chess" in q for q in questions) and any("open data" in q for q in questions)
    assert any("event" in q for q in questions)
    assert P.suggest_openers("webinar") != P.suggest_openers("coffee")
    assert all(isinstance(o, str) and o for o in P.suggest_offers(3, "pottery"))


def test_conversation_card_escapes_learner_text():
    contact = Contact("<img src=x onerror=alert(1)>", interests="[link](javascript:alert(1))", id=1)
    plan = Plan(contact_id=1, goal="*bold* <script>", openers="Hi\n# not a heading", planned_for=TODAY)
    card = P.conversation_card(plan, contact)
    assert "<img" not in card and "&lt;img src=x onerror=alert\\(1\\)&gt;" in card
    assert "<script>" not in card and "](" not in card
    assert "- \\# not a heading" in card
    assert card.startswith("# Conversation card: ")


def test_top_rows_matches_a_full_sort_including_ties():
    frame = pd.DataFrame({"score": [5, 1, 5, 3, 5, 2, 4], "name": list("gabcdef")})
    for n in (1, 2, 3, 5, None):
        for up in (True, False):
            full = frame.sort_values(["score", "name"], ascending=[up, True])
            expected = full if n is None else full.head(n)
            assert X.top_rows(frame, ["score", "name"], [up, True], n).equals(expected)
