"""What a conversation plan is, how one is checked, what to suggest for it, and its one-page card.
Plain Python: no I/O."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from .contacts import Contact
from .exchanges import giving_ideas
from .validation import MAX_NOTE, MAX_SHORT, ValidationError, clean_date, clean_text, split_list

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

    def validated(self, today: dt.date) -> Plan:
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


