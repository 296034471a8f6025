"""The course's reflection prompts, each with a stable id.

A learner's answer is saved under its prompt's id, so a prompt can be reworded without losing what
anyone wrote: change `text` here and move the old wording into `former`. Notebooks may name a
prompt by its id or by any of its wordings; a text that is not a course prompt is its own id."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Prompt:
    chapter: str
    id: str
    text: str
    former: tuple[str, ...] = ()  # earlier wordings, still recognised


PROMPTS = (
    Prompt("00", "network-goal", "What would you like your network to help you with this year?"),
    Prompt("01", "bridge", "When did a personal connection lead to something at work, or the other way round? Who was the bridge?"),
    Prompt("02", "weekly-interest", "Pick one interest of yours. Where could you do it every week with the same people, and who might come along?"),
    Prompt("03", "volunteer", "Which professional group could you join or help run in the next month, and what would you volunteer to do?"),
    Prompt("04", "search-yourself", "Search for yourself as an employer would. What would they conclude, and what one change would make the picture more accurate?"),
    Prompt("05", "faded-tie", "Which relationship has faded since you stopped seeing the person in person? Draft the first two lines of a message."),
    Prompt("06", "main-obstacle", "What is your main obstacle to networking, and what is one strategy you will try?"),
    Prompt("06", "liking-gap", "Think of a conversation you felt went badly. How might the other person remember it, and what follow-up could you send?"),
    Prompt("07", "give-back", "Who has helped you more than you have helped them, and what could you offer them this month?"),
    Prompt("08", "lost-touch", "Who is one person you have lost touch with that you would like to hear from? Write the message you will send this week."),
)

NETWORK_GOAL = ("00", "network-goal")  # what chapter 08's plan starts from


def find(chapter: str, id_or_text: str) -> Prompt:
    """The course prompt of `chapter` with this id or wording; otherwise an ad-hoc prompt whose
    id is its text."""
    for prompt in PROMPTS:
        if prompt.chapter == chapter and id_or_text in (prompt.id, prompt.text, *prompt.former):
            return prompt
    return Prompt(chapter, id_or_text, id_or_text)
