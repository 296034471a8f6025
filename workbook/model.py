"""The rules of the workbook: what a contact, an exchange and a conversation plan are, how they are
checked, and what the reciprocity numbers mean. Plain Python and pandas: no I/O, no widgets."""

from __future__ import annotations

import dataclasses
import functools
import datetime as dt
import re
from typing import Callable, Iterable

import pandas as pd

from .markup import html_table

CIRCLES = ("personal", "professional", "both")
DIRECTIONS = ("gave", "received")
KINDS = ("introduction", "referral", "advice", "feedback", "endorsement", "time", "resource", "other")
OCCASIONS = (
    "coffee",
    "lunch",
    "conference",
    "community event",
    "meetup",
    "virtual event",
    "webinar",
    "video call",
    "phone call",
    "other",
)

MAX_NAME = 200
MAX_SHORT = 500  # one-line fields: goal, occasion details, company
MAX_NOTE = 5_000  # free text: notes, openers, what we talked about
LOOKBACK_DAYS = 180  # "lately", for the asked-more-than-offered nudge

# C0 controls other than tab and line breaks, DEL, and the C1 controls U+0080-U+009F, which in
# text almost always mean bytes decoded with the wrong character set (Latin-1 for Windows-1252).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAK = re.compile(r"[\n\r\t]")


class ValidationError(ValueError):
    """Bad input for one field. `field` names it so a form can show the message beside it."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def clean_text(value, field: str, *, limit: int, required: bool = False, multiline: bool = True) -> str:
    """Strip a piece of learner text and check it; raise ValidationError naming the field."""
    text = "" if value is None else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    text = text.strip()
    if required and not text:
        raise ValidationError(field, f"{sentence_case(field)} is empty: type at least one character.")
    if len(text) > limit:
        raise ValidationError(
            field, f"{sentence_case(field)} is {len(text):,} characters long: keep it under {limit:,}."
        )
    if control := _CONTROL.search(text):
        if control[0] >= "\x80":
            raise ValidationError(field, (
                f"{sentence_case(field)} contains control characters (U+{ord(control[0]):04X}), which usually means text "
                "saved in one character set was read as another: save it as UTF-8 and try again."))
        raise ValidationError(field, f"{sentence_case(field)} contains control characters: remove them.")
    # A lone carriage return counts too: exports such as vCard would write it as a line break.
    if not multiline and _BREAK.search(text):
        raise ValidationError(
            field, f"{sentence_case(field)} contains a line break or tab, and line breaks belong only in notes: keep it on one line."
        )
    return text


def clean_date(value, field: str, *, today: dt.date, allow_future: bool = True) -> dt.date | None:
    """Accept a date, a datetime or an ISO string; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(field, f"{value!r} is not a date; use the form YYYY-MM-DD.") from None
    if not isinstance(value, dt.date):
        raise ValidationError(field, f"{value!r} is not a date.")
    if not allow_future and value > today:
        raise ValidationError(
            field, f"{value.isoformat()} is in the future; log exchanges once they have happened."
        )
    return value


def split_list(text: str | Iterable[str] | None) -> list[str]:
    """Interests and similar lists: comma or newline separated text, or already a list."""
    if text is None:
        return []
    parts = re.split(r"[,\n;]", text) if isinstance(text, str) else list(text)
    return [p.strip() for p in parts if p and p.strip()]


@dataclasses.dataclass
class Contact:
    name: str
    circle: str = "professional"
    company: str = ""
    position: str = ""
    email: str = ""
    interests: str = ""
    how_met: str = ""
    notes: str = ""
    id: int | None = None

    def validated(self) -> "Contact":
        name = clean_text(self.name, "name", limit=MAX_NAME, required=True, multiline=False)
        if self.circle not in CIRCLES:
            raise ValidationError("circle", f"{self.circle!r} is not one of {', '.join(CIRCLES)}.")
        return dataclasses.replace(
            self,
            name=name,
            company=clean_text(self.company, "company", limit=MAX_SHORT, multiline=False),
            position=clean_text(self.position, "position", limit=MAX_SHORT, multiline=False),
            email=clean_text(self.email, "email", limit=MAX_SHORT, multiline=False),
            interests=", ".join(split_list(clean_text(self.interests, "interests", limit=MAX_SHORT))),
            how_met=clean_text(self.how_met, "how we met", limit=MAX_SHORT),
            notes=clean_text(self.notes, "notes", limit=MAX_NOTE),
        )


@dataclasses.dataclass
class Exchange:
    """Something given to or received from a contact: the unit of the reciprocity tracker."""

    contact_id: int
    direction: str
    kind: str
    on_date: dt.date
    note: str = ""
    id: int | None = None

    def validated(self, today: dt.date) -> "Exchange":
        if self.contact_id is None:
            raise ValidationError("contact", "choose a contact, or type a new name.")
        if self.direction not in DIRECTIONS:
            raise ValidationError("direction", f"{self.direction!r} is not 'gave' or 'received'.")
        if self.kind not in KINDS:
            raise ValidationError("kind", f"{self.kind!r} is not a known kind; pick one of {', '.join(KINDS)}.")
        on_date = clean_date(self.on_date, "date", today=today, allow_future=False)
        if on_date is None:
            raise ValidationError("date", "the date is empty; pick the day it happened.")
        note = clean_text(self.note, "note", limit=MAX_NOTE)
        return dataclasses.replace(self, on_date=on_date, note=note)


PLAN_TEXT_FIELDS = {
    # field: (label, limit)
    "goal": ("my goal", MAX_SHORT),
    "openers": ("openers", MAX_NOTE),
    "questions": ("questions to ask", MAX_NOTE),
    "offer": ("what I can offer", MAX_NOTE),
    "cultural_notes": ("cultural notes", MAX_NOTE),
    "talked_about": ("what we talked about", MAX_NOTE),
    "my_promises": ("promises I made", MAX_NOTE),
    "their_promises": ("promises they made", MAX_NOTE),
    "message": ("message to send", MAX_NOTE),
}


@dataclasses.dataclass
class Plan:
    """A conversation plan: prepared before a conversation or event, completed after it."""

    contact_id: int | None
    occasion: str = "coffee"
    planned_for: dt.date | None = None
    goal: str = ""
    openers: str = ""
    questions: str = ""
    offer: str = ""
    cultural_notes: str = ""
    talked_about: str = ""
    my_promises: str = ""
    their_promises: str = ""
    follow_up_on: dt.date | None = None
    message: str = ""  # a follow-up, thank-you or introduction drafted from the message bank
    id: int | None = None

    def validated(self, today: dt.date) -> "Plan":
        if self.contact_id is None:
            raise ValidationError("who", "choose who the conversation is with, or type a new name.")
        if self.occasion not in OCCASIONS:
            raise ValidationError("occasion", f"{self.occasion!r} is not one of {', '.join(OCCASIONS)}.")
        changes = {
            field: clean_text(getattr(self, field), label, limit=limit)
            for field, (label, limit) in PLAN_TEXT_FIELDS.items()
        }
        changes["planned_for"] = clean_date(self.planned_for, "date", today=today)
        changes["follow_up_on"] = clean_date(self.follow_up_on, "follow-up date", today=today)
        if changes["planned_for"] and changes["follow_up_on"] and changes["follow_up_on"] < changes["planned_for"]:
            raise ValidationError(
                "follow-up date",
                f"the follow-up ({changes['follow_up_on']:%d %b %Y}) is before the conversation "
                f"({changes['planned_for']:%d %b %Y}): pick a day after it.",
            )
        return dataclasses.replace(self, **changes)


# --- reciprocity -----------------------------------------------------------------------------

BALANCE_COLUMNS = ["contact_id", "name", "given", "received", "given_lately", "received_lately", "last_exchange", "last_given"]


def add_days_since(balances: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Add `days_since` (since the last exchange either way) to a frame of per-contact balances."""
    out = balances.copy()
    last = pd.to_datetime(out["last_exchange"])
    out["days_since"] = (pd.Timestamp(today) - last).dt.days.astype("Int64")
    return out


@dataclasses.dataclass(frozen=True)
class Nudge:
    contact_id: int
    name: str
    reason: str
    suggestion: str


# Small, concrete ways to give, matched to what the contact cares about where we can.
GIVING_IDEAS = (
    "send them an article or talk about {interest} with a line on why it made you think of them",
    "introduce them to someone in your network who shares their interest in {interest}",
    "ask how things are going with {interest}, and listen",
    "write a short public endorsement or recommendation of their work",
    "offer 20 minutes of your time to give feedback on something they are building",
    "congratulate them on a recent milestone and mean it",
)
# For someone whose interests you have not noted yet: ideas that need none.
IDEAS_WITHOUT_INTERESTS = (
    "ask what they are working on at the moment, and listen",
    "write a short public endorsement or recommendation of their work",
    "offer 20 minutes of your time to give feedback on something they are building",
    "congratulate them on a recent milestone and mean it",
    "send a short note about something you remember from your last conversation",
    "share an opportunity (an event, a job, a call for speakers) that could suit them",
)


def giving_ideas(contact_id: int, interests: str, count: int) -> list[str]:
    """`count` concrete small ways to give, from the contact's interests when you have noted
    some; deterministic per contact so the advice does not flicker."""
    topics = split_list(interests)
    pool = GIVING_IDEAS if topics else IDEAS_WITHOUT_INTERESTS
    return [pool[(contact_id + i) % len(pool)].format(interest=topics[i % len(topics)] if topics else "") for i in range(count)]


def giving_idea(contact_id: int, interests: str) -> str:
    return giving_ideas(contact_id, interests, 1)[0]


def top_rows(frame: pd.DataFrame, keys: list[str], ascending: list[bool], n: int | None) -> pd.DataFrame:
    """The first n rows of `frame` sorted by `keys`, without sorting every row on every key:
    only rows that can reach the top n on the first key (ties included) are fully sorted."""
    first, up = keys[0], ascending[0]
    if n is not None and len(frame) > n and pd.api.types.is_numeric_dtype(frame[first]):
        values = frame[first].astype("float64")
        cut = values.nsmallest(n).iloc[-1] if up else values.nlargest(n).iloc[-1]
        frame = frame[values <= cut] if up else frame[values >= cut]
    ordered = frame.sort_values(keys, ascending=ascending, na_position="last")
    return ordered if n is None else ordered.head(n)


def nudges(
    balances: pd.DataFrame,
    today: dt.date,
    interests_of: Callable[[list[int]], dict[int, str]],
    *,
    months_without_giving: int = 6,
    limit: int | None = None,
) -> list[Nudge]:
    """Relationships worth a thought: where you have lately asked more than you offered, and where
    you have given nothing for `months_without_giving` months. Reflection, not scorekeeping.
    The biggest recent imbalance comes first, then the longest time without giving.
    `interests_of(ids)` gives the interests of the chosen contacts, for the giving ideas."""
    cutoff = (today - dt.timedelta(days=round(months_without_giving * 30.44))).isoformat()
    lean = balances["received_lately"] - balances["given_lately"]
    last_given = balances["last_given"]
    no_giving = last_given.isna() | (last_given.fillna("") < cutoff)
    chosen = balances.assign(lean=lean, gave_last=last_given.fillna(""))[(lean > 0) | no_giving]
    chosen = top_rows(chosen, ["lean", "gave_last", "name"], [False, True, True], limit)
    interests = interests_of([int(i) for i in chosen["contact_id"]])
    found = []
    for row in chosen.itertuples(index=False):
        if row.lean > 0:
            reason = (
                f"in the last {LOOKBACK_DAYS} days you received {row.received_lately} "
                f"and gave {row.given_lately}"
            )
        elif row.gave_last:
            reason = f"you have not given them anything since {row.gave_last}"
        else:
            reason = "you have never logged giving them anything"
        contact_id = int(row.contact_id)
        found.append(Nudge(contact_id, row.name, reason, giving_idea(contact_id, interests.get(contact_id, ""))))
    return found


def monthly_flow(exchanges: pd.DataFrame) -> pd.DataFrame:
    """Exchanges per calendar month and direction: rows are months, columns 'gave' and 'received'."""
    if exchanges.empty:
        return pd.DataFrame(columns=list(DIRECTIONS), dtype="int64")
    months = pd.to_datetime(exchanges["on_date"]).dt.to_period("M")
    table = pd.crosstab(months, exchanges["direction"]).reindex(columns=list(DIRECTIONS), fill_value=0)
    full = pd.period_range(table.index.min(), table.index.max(), freq="M")
    return table.reindex(full, fill_value=0).rename_axis("month")


# --- conversation planning -------------------------------------------------------------------

OPENERS = {
    "coffee": ["What has been keeping you busy lately, outside of work too?", "How did you end up doing what you do now?"],
    "lunch": ["Is there anything you are looking forward to this month?", "What is the best thing you have read or heard lately?"],
    "conference": ["Which talk here has been most worth your time so far?", "What brought you to this conference this year?"],
    "community event": ["How did you first get involved with this group?", "What keeps you coming back to these events?"],
    "meetup": ["Is this your first time at this meetup?", "What are you hoping to get out of tonight?"],
    "virtual event": ["I liked your question in the chat earlier; what prompted it?", "Where are you joining from today?"],
    "webinar": ["What did you make of the speaker's main point?", "Are you applying any of this in your own work?"],
    "video call": ["Thanks for making the time; how is your week going?", "Before we start, anything you would like to make sure we cover?"],
    "phone call": ["Is this still a good time to talk?", "What would make this call useful for you?"],
    "other": ["What are you working on that excites you at the moment?", "How do you usually spend your free time?"],
}

QUESTION_TEMPLATES = (
    "What got you interested in {interest}?",
    "What is changing in {interest} that more people should know about?",
    "Who else do you think I should talk to about {interest}?",
)

GENERAL_QUESTIONS = (
    "What is the most useful thing anyone has done for your career?",
    "What are you trying to learn this year?",
    "Is there anything you are looking for help with right now?",
)


def suggest_openers(occasion: str) -> list[str]:
    return list(OPENERS.get(occasion, OPENERS["other"]))


def suggest_questions(interests: str, occasion: str) -> list[str]:
    """Questions drawn from the contact's interests, then a few that fit any occasion."""
    topics = split_list(interests)[:3]
    asked = [QUESTION_TEMPLATES[i % len(QUESTION_TEMPLATES)].format(interest=t) for i, t in enumerate(topics)]
    if occasion in ("conference", "webinar", "virtual event"):
        asked.append("What is one idea from this event you will actually use?")
    return asked + list(GENERAL_QUESTIONS[: max(1, 4 - len(asked))])


def suggest_offers(contact_id: int, interests: str) -> list[str]:
    """Three concrete things to offer, starting from the contact's interests."""
    return giving_ideas(contact_id, interests, 3)


def markdown_text(text: str) -> str:
    """Learner text made safe for Markdown: no HTML, links or emphasis sneak through."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]{}()#|!~])", r"\\\1", text)


def conversation_card(plan: Plan, contact: Contact) -> str:
    """One-page Markdown card of a plan, to print or keep on a phone before the conversation."""

    def section(title: str, body: str) -> list[str]:
        lines = [f"## {title}", ""]
        items = [line.strip() for line in body.splitlines() if line.strip()]
        lines += [f"- {markdown_text(item)}" for item in items] or ["- (nothing yet)"]
        return lines + [""]

    when = plan.planned_for.isoformat() if plan.planned_for else "date not set"
    who = markdown_text(contact.name)
    about = ", ".join(markdown_text(x) for x in (contact.position, contact.company) if x)
    lines = [f"# Conversation card: {who}", "", f"- **Occasion:** {plan.occasion}", f"- **When:** {when}"]
    if about:
        lines.append(f"- **Who:** {about}")
    if contact.interests:
        lines.append(f"- **Interests:** {markdown_text(contact.interests)}")
    lines += [f"- **My goal:** {markdown_text(plan.goal) or '(not set)'}", ""]
    lines += section("Openers", plan.openers)
    lines += section("Questions to ask", plan.questions)
    lines += section("What I can offer", plan.offer)
    if plan.cultural_notes:
        lines += section("Cultural notes", plan.cultural_notes)
    if plan.talked_about or plan.my_promises or plan.their_promises:
        lines += section("What we talked about", plan.talked_about)
        lines += section("Promises I made", plan.my_promises)
        lines += section("Promises they made", plan.their_promises)
    if plan.follow_up_on:
        lines += [f"**Follow up on:** {plan.follow_up_on.isoformat()}", ""]
    if plan.message:
        # Quoted line by line, blank lines included, so the message keeps its paragraphs.
        lines += ["## Message to send", ""] + [f"> {markdown_text(line)}".rstrip() for line in plan.message.splitlines()] + [""]
    return "\n".join(lines).rstrip() + "\n"


def sentence_case(label: str) -> str:
    """A label with its first letter capitalised and the rest as written ("what I can offer" ->
    "What I can offer"; str.capitalize would give "What i can offer")."""
    return label[:1].upper() + label[1:]


def name_key(name: str) -> str:
    """How two typed names are compared: case and spacing do not matter."""
    return " ".join(str(name).split()).casefold()


def contact_labels(rows: pd.DataFrame) -> dict[str, int]:
    """Label -> contact id for a picker. A name held by one contact is its own label; people who
    share a name are told apart by something human: their company, how you met, their email."""
    labels: dict[str, int] = {}
    groups = rows.groupby(rows["name"].map(name_key), sort=False) if not rows.empty else []
    for _key, group in groups:
        if len(group) == 1:
            row = group.iloc[0]
            labels[row["name"]] = int(row["id"])
            continue
        for position, row in enumerate(group.itertuples(index=False), start=1):
            detail = next((str(v).strip() for v in (row.company, row.how_met, row.email) if str(v).strip()), "")
            detail = " ".join(detail.split())[:40] or f"the {_ordinal(position)} you added"
            label = f"{row.name} ({detail})"
            while label in labels:  # the same detail twice: still one label each
                label = f"{label[:-1]}, again)"
            labels[label] = int(row.id)
    return labels


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(n, f"{n}th")


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
