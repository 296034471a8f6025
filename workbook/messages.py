"""The message bank: short messages for the moments the course teaches (a connection note, a
follow-up after an event, reconnecting, asking for and making an introduction, a thank-you,
closing the loop), each with named slots that a conversation plan or the learner fills in.

The wording is the course's own. A filled message never shows a raw slot: a slot left empty
either takes a sensible wording, drops the sentence that needs it, or (if the message makes no
sense without it) is refused with a message that names what to fill in. What a learner types is
inserted as plain text, exactly as typed: it is never read as a template. Plain Python, no widgets."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from .domain.contacts import Contact
from .domain.plans import Plan
from .domain.validation import ValidationError, split_list

SLOT = re.compile(r"\{([a-z_]+)\}")


@dataclasses.dataclass(frozen=True)
class Slot:
    label: str  # what to fill in, as the form asks for it
    required: bool = False  # True: the message is refused without it
    fallback: str = ""  # the wording used when the slot is empty ("" drops the sentence instead)


SLOTS = {
    "first_name": Slot("their first name", required=True),
    "occasion": Slot("where you met or talked", fallback="when we talked"),
    "topic": Slot("what you talked about", fallback="your work"),
    "my_promise": Slot("what you promised them"),
    "their_promise": Slot("what they offered to do"),
    "next_step": Slot("a next step to suggest"),
    "reason": Slot("why now, or why them"),
    "other_name": Slot("the other person's name", required=True),
    "other_about": Slot("one line about the other person"),
    "about_them": Slot("one line about them (for the other person)"),
    "why_meet": Slot("why the two should meet", required=True),
    "about_me": Slot("one line about you"),
    "help": Slot("what they did for you", required=True),
    "outcome": Slot("what came of it"),
    "ask": Slot("what you hope to learn", fallback="hear how you got to where you are"),
}


@dataclasses.dataclass(frozen=True)
class Template:
    key: str
    title: str
    when: str  # one line: the moment this message is for
    parts: tuple[str, ...]  # sentences; a part that is "" starts a new paragraph
    needs: tuple[str, ...] = ()  # slots that are optional elsewhere but this message cannot do without

    @property
    def slots(self) -> list[str]:
        found: list[str] = []
        for part in self.parts:
            found += [name for name in SLOT.findall(part) if name not in found]
        return found


TEMPLATES = {
    t.key: t
    for t in (
        Template(
            "connection_note",
            "Connection note",
            "asking to connect online after meeting someone",
            (
                "Hi {first_name}, it was good to talk {occasion} about {topic}.",
                "I'd like to stay in touch here.",
            ),
        ),
        Template(
            "event_follow_up",
            "Follow-up after an event",
            "within two days of meeting someone at an event",
            (
                "Hi {first_name},",
                "",
                "Thank you for the conversation {occasion}. What you said about {topic} has stayed with me.",
                "Following up on my promise to {my_promise}: details below.",
                "You kindly offered to {their_promise}; I'd be glad to take you up on that.",
                "Would you be up for {next_step}?",
            ),
        ),
        Template(
            "reconnection",
            "Reconnecting after a long gap",
            "writing to someone you have not been in touch with for a year or more",
            (
                "Hi {first_name},",
                "",
                "It has been far too long!",
                "{reason}, and it made me wonder how you are.",
                "What are you working on these days? I'd love to hear, and to catch up properly if you have "
                "twenty minutes in the next few weeks.",
            ),
        ),
        Template(
            "ask_introduction",
            "Asking for an introduction",
            "asking someone you know to introduce you to someone they know",
            (
                "Hi {first_name},",
                "",
                "Could I ask a favour? I'd like to meet {other_name}, because {why_meet}.",
                "Would you be comfortable asking them whether they'd be open to an introduction? If it helps, "
                "here is a short note you could forward:",
                "",
                "\u201c{about_me} I'd value twenty minutes with {other_name} because {why_meet}. Happy to work "
                "around their diary.\u201d",
                "",
                "No problem at all if it isn't a good moment. Thank you!",
            ),
            needs=("about_me",),
        ),
        Template(
            "offer_introduction",
            "Making an introduction, step 1: ask first",
            "checking that someone wants an introduction before you make it (double opt-in)",
            (
                "Hi {first_name},",
                "",
                "I know {other_name}: {other_about}.",
                "I think the two of you should meet, because {why_meet}.",
                "Would you like me to introduce you? Just say if not: no explanation needed.",
            ),
            needs=("other_about",),
        ),
        Template(
            "make_introduction",
            "Making an introduction, step 2: the introduction",
            "introducing two people once both have said yes",
            (
                "{first_name}, meet {other_name}: {other_about}.",
                "{other_name}, meet {first_name}: {about_them}.",
                "I'm introducing you because {why_meet}.",
                "I'll leave it to you two to find a time. Enjoy the conversation!",
            ),
            needs=("other_about", "about_them"),
        ),
        Template(
            "thank_you",
            "Thank-you",
            "thanking someone for their time, advice or an introduction",
            (
                "Hi {first_name},",
                "",
                "Thank you for {help}.",
                "{outcome}.",
                "I'll let you know how it goes.",
            ),
        ),
        Template(
            "close_the_loop",
            "Closing the loop",
            "weeks or months later, telling someone what came of their help",
            (
                "Hi {first_name},",
                "",
                "A quick update, since you helped.",
                "When we talked {occasion}, you offered to {their_promise}.",
                "{outcome}.",
                "Thank you again. If I can return the favour, tell me how.",
            ),
            needs=("outcome",),
        ),
        Template(
            "informational_interview",
            "Asking for an informational interview",
            "asking someone you do not know well for twenty minutes of their experience",
            (
                "Hi {first_name},",
                "",
                "{reason}.",
                "{about_me}",
                "Would you have twenty minutes for a call in the next few weeks? I'd like to {ask}.",
                "I'm not asking about jobs, just for your view. If now is busy, no problem at all.",
            ),
        ),
    )
}


class MissingSlots(ValidationError):
    """A message cannot be written without these slots; `slots` names them (keys)."""

    def __init__(self, template: Template, slots: list[str]):
        labels = [SLOTS[name].label for name in slots]
        listed = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
        super().__init__(slots[0], f"\u201c{template.title}\u201d needs {listed}: fill {'it' if len(slots) == 1 else 'them'} in first.")
        self.slots = slots


def missing(key: str, values: Mapping[str, str]) -> list[str]:
    """The required slots of template `key` that `values` leaves empty."""
    template = TEMPLATES[key]
    return [
        name for name in template.slots if (SLOTS[name].required or name in template.needs) and not _value(values, name)
    ]


def fill(key: str, values: Mapping[str, str]) -> str:
    """Template `key` with `values` in its slots. Empty optional slots take their fallback wording
    or drop their sentence; empty required ones raise MissingSlots naming them."""
    template = TEMPLATES[key]
    lacking = missing(key, values)
    if lacking:
        raise MissingSlots(template, lacking)
    lines: list[str] = []
    for part in template.parts:
        words = {name: _value(values, name) or SLOTS[name].fallback for name in SLOT.findall(part)}
        if not all(words.values()):
            continue
        # Substitute in one pass, so a slot value that looks like "{topic}" stays as typed.
        lines.append(SLOT.sub(lambda m, words=words: words[m.group(1)], part))
    return _paragraphs(lines)


def slots_from_plan(plan: Plan, contact: Contact) -> dict[str, str]:
    """The slots a conversation plan can fill: their first name, the occasion, the topic, the
    promises each side made and the goal (as the thing to ask about)."""
    talked = _lines(plan.talked_about)
    topics = split_list(talked[0] if talked else "") or split_list(contact.interests)
    return {
        "first_name": contact.name.split()[0] if contact.name.split() else "",
        "occasion": OCCASION_WORDING.get(plan.occasion, ""),
        "topic": _sentence_case(topics[0]) if topics else "",
        "my_promise": " and ".join(_sentence_case(line) for line in _lines(plan.my_promises)),
        "their_promise": " and ".join(_sentence_case(line) for line in _lines(plan.their_promises)),
        "ask": _sentence_case(plan.goal),
    }


OCCASION_WORDING = {
    "coffee": "over coffee",
    "lunch": "over lunch",
    "conference": "at the conference",
    "community event": "at the community event",
    "meetup": "at the meetup",
    "virtual event": "at the online event",
    "webinar": "at the webinar",
    "video call": "on our video call",
    "phone call": "on the phone",
    "other": "when we talked",
}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _value(values: Mapping[str, str], name: str) -> str:
    """A slot value as one line of plain text. Its final full stop is left to the template, except
    for the line about you, which is a sentence of its own and gets one if it has none."""
    text = " ".join(str(values.get(name) or "").split())
    if name == "about_me":
        return text + "." if text and text[-1] not in ".!?" else text
    return text if name == "first_name" else text.rstrip(".")


def _sentence_case(text: str) -> str:
    """'Send the notebook' reads 'send the notebook' mid-sentence. A first word in capitals (SQL)
    or mixed case (iPhone), and "I", stay as typed; a name at the start is lowered too, which the
    learner corrects when they read the draft."""
    text = text.strip().rstrip(".")
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:] == first[1:].lower() and first != "I" and not first.startswith("I'"):
        return first.lower() + text[len(first):]
    return text


def _paragraphs(lines: list[str]) -> str:
    """Join filled parts: "" separates paragraphs (never two blank lines, none at either end);
    the sentences of one paragraph run on, except a greeting or sign-off line ending in a comma."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line == "":
            paragraphs.append([])
        else:
            paragraphs[-1].append(line)
    blocks = []
    for sentences in paragraphs:
        if sentences:
            blocks.append("\n".join(sentences) if any(s.endswith(",") for s in sentences) else " ".join(sentences))
    return "\n\n".join(blocks)
