"""The course's own structure: chapters, their timings, and their self-check quizzes.

One source for the progress view, the agenda generator and the quiz widget, so timings and
titles cannot drift apart. Plain data; no I/O."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Chapter:
    number: str  # "07": the same number in notebooks/, exercises/ and solutions/
    slug: str
    title: str
    teach_minutes: int
    exercise_minutes: int

    @property
    def name(self) -> str:
        return f"{self.number}-{self.slug}"

    @property
    def minutes(self) -> int:
        return self.teach_minutes + self.exercise_minutes


CHAPTERS = [
    Chapter("00", "start-here", "Start here", 10, 5),
    Chapter("01", "understanding-networking", "Understanding networking", 15, 10),
    Chapter("02", "personal-network", "Building a personal network", 15, 15),
    Chapter("03", "professional-network", "Building a professional network", 15, 15),
    Chapter("04", "social-media", "Social media for networking", 15, 15),
    Chapter("05", "virtual-networking", "Networking in a virtual world", 15, 10),
    Chapter("06", "overcoming-challenges", "Overcoming challenges", 15, 15),
    Chapter("07", "reciprocity", "Reciprocity: giving and receiving", 15, 15),
    Chapter("08", "networking-plan", "Your networking plan", 10, 20),
]


def chapter(number: str) -> Chapter:
    for ch in CHAPTERS:
        if ch.number == number:
            return ch
    raise KeyError(f"no chapter {number!r}; chapters are {', '.join(c.number for c in CHAPTERS)}")


@dataclasses.dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    options: tuple[str, ...]
    answer: int  # index into options
    feedback: tuple[str, ...]  # one line per option: why it is right or not


QUIZZES: dict[str, list[Question]] = {
    "07": [
        Question(
            "norm",
            "In Regan's 1971 experiment, what did an unasked-for favour (a free soft drink) do?",
            (
                "Nothing measurable: people ignore small favours",
                "It roughly doubled how many raffle tickets people bought from the giver",
                "It made people avoid the giver",
            ),
            1,
            (
                "Not quite: the favour had a clear effect, even though nobody asked for it.",
                "Right: people who had received the drink bought about twice as many tickets. The pull to repay is strong.",
                "No: the effect went the other way, towards helping the giver.",
            ),
        ),
        Question(
            "givers",
            "Adam Grant sorts people into givers, matchers and takers. Which group did he find at the top of success measures?",
            ("Takers", "Matchers", "Givers, though givers were also over-represented at the bottom"),
            2,
            (
                "No: takers often do well early but lose trust over time.",
                "Matchers tend to sit in the middle: they keep the books even.",
                "Right: givers were at both ends. Giving that protects your own time and goals is what rises to the top.",
            ),
        ),
        Question(
            "small",
            "Which of these is a small, concrete way to give to a contact this week?",
            (
                "Wait until they ask you for something",
                "Send an article on a topic they care about, with one line on why you thought of them",
                "Post a generic 'let me know if I can help' message to everyone",
            ),
            1,
            (
                "Waiting puts the whole effort on them; offering first is what builds the relationship.",
                "Right: specific, cheap to give, and it shows you were listening.",
                "Generic offers are easy to ignore; a specific offer to one person lands better.",
            ),
        ),
        Question(
            "tracker",
            "What is the reciprocity tracker for?",
            (
                "Keeping score so that nobody owes you anything",
                "Noticing relationships where you have asked more than you offered, so you can give back",
                "Deciding which contacts to drop",
            ),
            1,
            (
                "No: strict scorekeeping turns a relationship into a transaction. The tracker is for reflection.",
                "Right: it is a mirror for your own habits, not a ledger of debts.",
                "No: an imbalance is a prompt to give, not a reason to end a relationship.",
            ),
        ),
    ],
}
