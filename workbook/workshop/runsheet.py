"""Run sheets: each block of an agenda (`workbook.agenda`) split into timed steps.

A step says what the instructor does, what the room does, how long it lasts, and which page is
open: a lesson notebook at a named section (the learners' own tools are in each lesson's "Your
turn" section), a printable handout, the block's slides (`python -m workbook slides`) or the join
page (`python -m workbook join`). Chapter blocks follow each chapter's guide in
book/instructors/; the welcome holds the launch buffer, the closing holds the questions buffer,
and the hand-in slot is the agenda's own.

`build(agenda)` raises RunSheetError when a block's steps do not add up to the block's minutes,
so a run sheet cannot drift from its agenda; tests also check that every named notebook, section
and handout exists."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .. import agenda as agenda_module
from .. import course

SLIDES = "slides"  # the block's slides, projected
JOIN = "join"  # the join page, projected (link and QR code)
GENERATED = {SLIDES: "the slides", JOIN: "the join page"}

# kinds of step, and how the run sheet names them
KINDS = {
    "talk": "Talk",
    "demo": "Demo",
    "individual": "On your own",
    "pair": "Pairs",
    "group": "Groups",
    "debrief": "Debrief",
    "buffer": "Buffer",
    "hand-in": "Hand-in",
    "break": "Break",
}
TIMED = {"individual", "pair", "group", "buffer", "hand-in", "break"}  # a countdown on the slide


class RunSheetError(ValueError):
    """A run sheet does not fit its agenda; the message names the block and the minutes."""


@dataclasses.dataclass(frozen=True)
class Page:
    """What is open: a file in the course folder (with a section heading for notebooks), or one of
    the generated pages (SLIDES, JOIN)."""

    path: str
    section: str | None = None

    def label(self) -> str:
        if self.path in GENERATED:
            return GENERATED[self.path]
        return f"{self.path}, section “{self.section}”" if self.section else self.path

    def for_learners(self) -> str:
        """How a slide names it: the chapter and section, or the handout."""
        if self.path in GENERATED:
            return GENERATED[self.path]
        if self.path.startswith("lessons/") and self.section:
            return f"chapter {self.path.split('/')[1][:2]}, section “{self.section}”"
        return self.path.rsplit("/", 1)[-1]


@dataclasses.dataclass(frozen=True)
class Step:
    minutes: int
    kind: str
    title: str  # a few words, also the slide's heading
    instructor: str  # what the instructor does
    room: str  # what the room does: also the instructions on the slide
    open: Page


def _lesson(number: str, section: str) -> Page:
    return Page(f"lessons/{course.chapter(number).name}.ipynb", section)


SLIDE = Page(SLIDES)
JOIN_PAGE = Page(JOIN)
CARD = Page("handouts/conversation-card.html")
PLAN = Page("handouts/plan-30-60-90.html")


def timed(minutes, kind, title, instructor, room, open_=SLIDE) -> Step:
    return Step(minutes, kind, title, instructor, room, open_)


# One script per chapter, from its guide. The minutes add up to the chapter's teaching plus
# exercise minutes (checked by build()).
CHAPTER_STEPS: dict[str, tuple[Step, ...]] = {
    "00": (
        timed(3, "talk", "How each chapter runs", "Say the rhythm: a short lesson, the tool on Robin's sample network, then the same tool on your own.",
          "Follow along in chapter 00.", _lesson("00", "1. How the course works")),
        timed(2, "demo", "Where your data lives", "Run `python -m workbook where`; say plainly that nobody collects the file.",
          "Find the path of your own data file.", _lesson("00", "3. Where your data lives")),
        timed(2, "demo", "The tools in one minute", "One sentence per tool, pointing at its chapter.",
          "Scroll the tour with you.", _lesson("00", "4. A tour of the tools")),
        timed(3, "individual", "Your first entry", "Walk the room; help anyone whose box does not save.",
          "Type one answer in the reflection box. Then Kernel > Restart, run the cell again: your answer comes back.",
          _lesson("00", "5. Your first entry")),
        timed(4, "pair", "Good things through people", "Time it; two minutes each.",
          "Tell your partner one good thing that came to you through another person. The listener asks one follow-up question. Swap after two minutes."),
        timed(1, "debrief", "Through whom?", "Ask two pairs: did it come through a close friend or an acquaintance? (Chapter 01 picks this up.)",
          "Two pairs answer aloud."),
    ),
    "01": (
        timed(2, "talk", "A show of hands", "Ask who got a job, a home, a client or advice through someone they did not know well.",
          "Hands up if it happened to you."),
        timed(3, "talk", "One network, two sides", "Tell one story of a friendship that led to work (or the reverse); invite one from the room.",
          "Listen; one or two share a story.", _lesson("01", "2. Two kinds of connection, one network")),
        timed(4, "talk", "Weak ties, the evidence", "Present Granovetter's finding and the LinkedIn experiments, with their sources.",
          "Read along.", _lesson("01", "3. Why acquaintances matter more than you think")),
        timed(3, "demo", "Robin's split", "Show the contact book on the sample network; ask what surprises people.",
          "Say what surprises you.", _lesson("01", "4. Take stock with the contact book")),
        timed(6, "individual", "Your own contact book", "Walk the room; initials are fine for anyone who prefers them.",
          "Add at least ten people from your own life and tag each as personal, professional or both.",
          _lesson("01", "5. Your turn: your own contact book")),
        timed(5, "pair", "Two circles on paper", "Hand out paper; time it.",
          "Draw two overlapping circles (personal, professional) and write initials in them. Show your partner only the overlap and tell the story of one person in it."),
        timed(2, "debrief", "The overlap", "Ask what the overlap people have in common.", "Two or three answers aloud."),
    ),
    "02": (
        timed(3, "individual", "Three things you enjoy", "Ask, then: where do other people do that every week?",
          "Write three things you enjoy doing, and where people do each of them every week."),
        timed(2, "talk", "Start from what you enjoy", "Groups around an interest are the easiest way in.",
          "Read along.", _lesson("02", "2. Start from what you enjoy")),
        timed(3, "talk", "Time is the ingredient", "Put Hall's hour estimates up and let the room react; prefer what repeats.",
          "React: how many hours have you spent with your closest friend this year?", _lesson("02", "3. Time is the ingredient")),
        timed(5, "demo", "Circles of closeness", "Show Robin's layers; say the numbers are a rough map, not a limit.",
          "Read along.", _lesson("02", "4. Circles of closeness")),
        timed(10, "individual", "Your layers", "Remind the room that nobody will see it; walk round.",
          "Place at least ten of your own contacts in layers and see who is due for contact.",
          _lesson("02", "5. Your turn: layers and rhythm for your own network")),
        timed(5, "pair", "Interest swap", "Time it; two and a half minutes each.",
          "Tell your partner one interest and one place to do it with others in the next month. The partner asks “when exactly?” until there is a date."),
        timed(2, "debrief", "Small and regular", "Close on nurturing: regular small contact keeps a layer.", "Two dates aloud."),
    ),
    "03": (
        timed(3, "individual", "Where your field gathers", "Give two minutes alone, then collect.",
          "List every association, event, newsletter or online group in your field."),
        timed(2, "debrief", "Swap leads", "Collect a few aloud; people in the same field swap.", "Read one out; note a lead from someone else."),
        timed(3, "talk", "Volunteering is the shortcut", "Helping to run something puts you in conversation with organisers and speakers.",
          "Read along.", _lesson("03", "2. Ways in: attend, volunteer, tune in")),
        timed(3, "demo", "Bridges in Robin's network", "Show who bridges Robin's groups; ask who does that in the room's workplaces.",
          "Answer aloud.", _lesson("03", "3. Where you stand matters: structural holes")),
        timed(4, "demo", "A conversation plan", "Plan a real conversation of your own at a coming event: goal, two openers, two questions, one offer.",
          "Watch the planner filled in.", _lesson("03", "4. Prepare for an event")),
        timed(6, "individual", "Your own plan", "Walk the room; push vague goals towards one person and one question.",
          "Plan one real conversation at an event in the next month in your own conversation planner (or on a conversation card).",
          _lesson("03", "6. Your turn")),
        timed(8, "group", "Opener role-play in threes", "Call the swaps every two and a half minutes.",
          "A opens the planned conversation with B, who plays the other person; C notes which question got B talking. Swap roles twice."),
        timed(1, "debrief", "What got people talking", "Ask each three for the question that worked.", "One question per group, aloud."),
    ),
    "04": (
        timed(3, "talk", "Platform by audience", "Draw platform / who it is for / what they see; fill one row for yourself.",
          "Read along.", _lesson("04", "1. Different platforms, different expectations")),
        timed(3, "individual", "The stranger's view", "Two minutes of silence is fine.",
          "Look at your own profile logged out or in a private window, as an employer would."),
        timed(3, "talk", "A brand is a conclusion", "It is what someone says about you after five minutes on your profiles.",
          "Write that sentence as you wish it read.", _lesson("04", "2. Your personal brand")),
        timed(3, "talk", "Whom to connect with", "The LinkedIn experiments: moderately weak ties did the most for job mobility.",
          "Read along.", _lesson("04", "3. Whom to connect with")),
        timed(8, "individual", "Your presence audit", "Walk the room.",
          "Fill the audit: main audience and one change per platform.", _lesson("04", "5. Your turn: audit your own presence")),
        timed(4, "pair", "Two-sentence brand", "Time it.", "Read your brand sentence aloud; your partner says which word stuck. Rewrite once."),
        timed(5, "pair", "A connection request", "Time it.",
          "Write a request to someone you met once, saying why you are connecting. Your partner says whether they would accept."),
        timed(1, "debrief", "Would you accept?", "Ask for one request that worked and why.", "One aloud."),
    ),
    "05": (
        timed(2, "talk", "What changed", "Ask who has colleagues they have never met in person, and what they miss.",
          "Answer aloud.", _lesson("05", "1. Three online settings")),
        timed(3, "talk", "Three settings, three tactics", "Virtual events, webinars, informal video chats.",
          "Read along.", _lesson("05", "1. Three online settings")),
        timed(3, "talk", "The question that gets noticed", "Show a generic and a specific question; which would the speaker remember?",
          "Vote by hands.", _lesson("05", "2. Making an impression without being in the room")),
        timed(2, "demo", "The planner after an event", "Record what was said and write the follow-up.",
          "Watch.", _lesson("05", "3. Before and after a virtual event, with the planner")),
        timed(4, "group", "One good question", "Talk for two minutes on any topic; read out three of the most specific questions.",
          "Write one question about what you heard on a card (or in the chat)."),
        timed(8, "individual", "After your last online event", "Walk the room.",
          "Pick a recent webinar or online meeting: record what was said in the planner and write the follow-up.",
          _lesson("05", "6. Your turn")),
        timed(3, "debrief", "What stands out", "Why did the chosen questions stand out?", "Two or three answers aloud."),
    ),
    "06": (
        timed(3, "individual", "Name it first", "Collect the notes and sort them on the wall while you talk.",
          "Write your main obstacle on a sticky note, no name, and hand it in."),
        timed(4, "talk", "Shyness: the evidence", "One minute per finding; end on the liking gap.",
          "Read along.", _lesson("06", "2. Shyness: your fears are miscalibrated")),
        timed(2, "demo", "Prepared topics", "Show a planner with three openers, two questions and one thing you like talking about.",
          "Watch.", _lesson("06", "2. Shyness: your fears are miscalibrated")),
        timed(3, "talk", "Culture: curiosity over rules", "One example from each end of a scale; ask for norms people have met. No stereotypes.",
          "Offer an example.", _lesson("06", "3. Cultural differences: curiosity and respect")),
        timed(2, "talk", "Time: a habit", "A recurring slot beats bursts.", "Read along.", _lesson("06", "4. Time: make it a habit, not a project")),
        timed(5, "pair", "Rehearsal with a reset", "Time it.",
          "Your partner picks a setting; you say an opener; they answer naturally; you try a second one. Swap. Which felt easier?"),
        timed(8, "individual", "Your obstacle and your slot", "Walk the room.",
          "Write your obstacle and one strategy, then book a recurring 15 to 30 minute slot in the time planner.",
          _lesson("06", "5. Your turn")),
        timed(3, "pair", "Calendar pact", "Optional: nobody has to swap details.",
          "Show each other the time of your slot (no details) and agree to send one line after the first one."),
    ),
    "07": (
        timed(2, "talk", "A favour first", "You handed out cards at the start: now reveal Regan's study. Did anyone feel a pull to give back?",
          "Hands up if you felt it.", _lesson("07", "1. Why giving comes first")),
        timed(3, "talk", "Givers, matchers, takers", "Ask everyone to place themselves privately, once for work and once for home.",
          "Place yourself twice, privately.", _lesson("07", "2. Givers, matchers and takers")),
        timed(4, "demo", "The tracker on Robin's network", "Show balances and nudges; a nudge is a prompt, not a verdict.",
          "Is receiving more a problem? Answer aloud.", _lesson("07", "3. The reciprocity tracker on Robin's network")),
        timed(5, "individual", "Log what you gave and received", "Walk the room.",
          "Log two or three things you gave or received in the last few weeks, from memory.",
          _lesson("07", "5. Your turn: your own tracker")),
        timed(8, "group", "Giving round", "Tables of five to eight; offer only what you will deliver.",
          "In turn, say one thing you need help with this month, in one sentence. Anyone who can help says so in one sentence and writes the offer on a card."),
        timed(6, "individual", "Plan a conversation around an offer", "Walk the room.",
          "Plan your next conversation in the planner, starting from what you can offer.",
          _lesson("07", "6. Plan a conversation around what you can offer")),
        timed(2, "debrief", "Count the cards", "Each table counts its cards.", "One number per table, aloud."),
    ),
    "08": (
        timed(2, "talk", "What keeps a network going", "Consistency beats intensity; recall the calendar slot and the giving habit.",
          "Read along.", _lesson("08", "1. What keeps a network going")),
        timed(2, "talk", "Dormant ties", "Present Levin and colleagues' finding and the surprise-message study.",
          "Read along.", _lesson("08", "2. The easiest win: dormant ties")),
        timed(3, "individual", "Lost touch", "Three minutes of quiet.", "List people you have lost touch with and would like to hear from."),
        timed(2, "demo", "The 30/60/90-day planner", "Show how its ideas come from the earlier chapters.",
          "Watch.", _lesson("08", "3. Building your 30/60/90-day plan")),
        timed(12, "individual", "Build your plan", "Walk the room; push each action to a person, a date and a first step.",
          "Fill your 30/60/90-day plan (or the printed plan): two or three actions per stage.",
          _lesson("08", "5. Your turn: your plan, and your workbook to keep")),
        timed(5, "pair", "Plan swap", "Time it.",
          "Read your days 1–30 aloud. Your partner asks “what is the first step, and when?” for every item without one."),
        timed(4, "individual", "One message now", "Optional to send; drafting is the point.",
          "Draft one message to a dormant tie, and export your workbook to keep."),
    ),
}

PRACTICE_STEPS = (
    timed(2, "talk", "The mock event", "Explain: pairs mingle, three rounds, new partner each round.", "Stand up; find a first partner."),
    timed(5, "individual", "Plan it", "Everyone plans one conversation for the event.",
      "In the planner (or on a conversation card): a goal, two openers, two questions, one offer.", _lesson("03", "6. Your turn")),
    timed(12, "pair", "Three rounds", "Call a change of partner every four minutes.",
      "Open, ask your questions, make your offer. New partner each round."),
    timed(4, "individual", "The follow-up line", "Walk the room.",
      "Write the follow-up message you would send tomorrow, mentioning something your partner said.", CARD),
    timed(2, "debrief", "What worked", "Ask for the opener that worked best.", "Two or three answers aloud."),
)

HAND_IN_STEP = timed(
    3, "hand-in", "Hand in your class summary (optional)",
    "Say it is optional and anonymous; never ask who handed one in. Name where files go (download and upload, or the drop folder).",
    "Open “My progress” at the end of chapter 08, click “Hand in my class summary…”, read what the file holds, "
    "then write it, download it, or put it in the class folder.",
    _lesson("08", "My progress"),
)


def welcome_steps(minutes: int) -> tuple[Step, ...]:
    """One minute of welcome, then the launch buffer; from 10 minutes, introductions at tables."""
    intro = 6 if minutes >= 10 else 0
    launch = minutes - 1 - intro
    steps = [
        timed(1, "talk", "Welcome", "Say the plan and that nothing learners type leaves their machine. Hand everyone a conversation card: the small favour chapter 07 comes back to.",
          "Open the link on the join page (or scan the QR code).", JOIN_PAGE),
        timed(launch, "buffer", "Launch buffer", "Helpers walk the room; anyone stuck at the end pairs with a neighbour.",
          "Open the course and wait until chapter 00 shows, then help your neighbour.", JOIN_PAGE),
    ]
    if intro:
        steps.append(timed(intro, "group", "Introductions at your table", "Time it: about a minute each.",
                       "Your name, and one thing you would like your network to help you with this year."))
    return tuple(steps)


def closing_steps(minutes: int) -> tuple[Step, ...]:
    """The closing round, the questions buffer and the feedback form."""
    feedback = 1 if minutes < 12 else 3
    questions = max(2, minutes // 3)
    round_ = minutes - feedback - questions
    return (
        timed(round_, "group", "Closing round", "In a large room, tables first, then one action per table aloud.",
          "Say one action you will take in the next seven days."),
        timed(questions, "buffer", "Questions buffer", "Take questions; if none, point to the self-paced chapters.", "Ask anything."),
        timed(feedback, "individual", "Feedback", "Put up the feedback form link (python -m workbook join writes it).",
          "Fill the feedback form: two minutes, no name needed."),
    )


def break_steps(block: agenda_module.Block) -> tuple[Step, ...]:
    return (timed(block.minutes, "break", block.title, "Check in with anyone whose set-up struggled.", "Stretch, refill, come back on time."),)


@dataclasses.dataclass(frozen=True)
class SheetBlock:
    block: agenda_module.Block
    steps: tuple[Step, ...]


@dataclasses.dataclass(frozen=True)
class RunSheet:
    agenda: agenda_module.Agenda
    blocks: tuple[SheetBlock, ...]

    @property
    def minutes(self) -> int:
        return sum(step.minutes for b in self.blocks for step in b.steps)


def steps_for(block: agenda_module.Block) -> tuple[Step, ...]:
    if block.kind == "chapter":
        return CHAPTER_STEPS[block.chapter]
    if block.kind == "activity":
        return PRACTICE_STEPS
    if block.kind == "welcome":
        return welcome_steps(block.minutes)
    if block.kind == "closing":
        return closing_steps(block.minutes)
    if block.kind == "hand-in":
        return (HAND_IN_STEP,)
    if block.kind in ("break", "lunch"):
        return break_steps(block)
    raise RunSheetError(f"no run sheet for a {block.kind!r} block ({block.title})")


def build(agenda: agenda_module.Agenda) -> RunSheet:
    """The run sheet for `agenda`; RunSheetError if any block's steps do not add up to it."""
    blocks = []
    for block in agenda.blocks:
        steps = steps_for(block)
        total = sum(step.minutes for step in steps)
        if total != block.minutes or any(step.minutes <= 0 for step in steps):
            raise RunSheetError(
                f"{agenda.format.title}, {block.title}: the steps last {total} minutes but the agenda gives the block "
                f"{block.minutes}; change the steps in workbook/workshop/runsheet.py so they add up."
            )
        unknown = [step.kind for step in steps if step.kind not in KINDS]
        if unknown:
            raise RunSheetError(f"{block.title}: unknown kind of step {unknown[0]!r}; use one of {', '.join(KINDS)}.")
        blocks.append(SheetBlock(block, steps))
    return RunSheet(agenda, tuple(blocks))


AGENDA_NAMES = {"90": "90min", "90min": "90min", "half-day": "half-day", "half": "half-day",
                "full-day": "full-day", "full": "full-day"}


def agenda_key(name: str) -> str:
    """The agenda format for a name a person types: 90, half-day, full-day (and a few variants)."""
    key = AGENDA_NAMES.get(name.strip().lower())
    if key is None:
        raise RunSheetError(f"unknown agenda {name!r}; choose 90, half-day or full-day.")
    return key


def pages(sheet: RunSheet) -> list[Page]:
    """Every page the run sheet has open, once each, in order of first use."""
    seen: dict[Page, None] = {}
    for b in sheet.blocks:
        for step in b.steps:
            seen.setdefault(step.open, None)
    return list(seen)


def missing_pages(sheet: RunSheet, root=None) -> list[str]:
    """Every page the run sheet names that is not in the course folder (a file, or a notebook
    section heading), as one line each; empty when all exist."""
    from . import lessons  # reads notebooks (nbformat): loaded only when pages are checked

    root = Path(root) if root is not None else lessons.BOOK
    problems = []
    for page in pages(sheet):
        if page.path in GENERATED:
            continue
        path = root / page.path
        if not path.is_file():
            problems.append(f"{page.path} does not exist")
        elif page.section is not None and page.section not in lessons.headings(path):
            problems.append(f"{page.path} has no section headed {page.section!r}")
    return problems


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(sheet: RunSheet, *, heading_level: int = 2) -> str:
    a = sheet.agenda
    h = "#" * heading_level
    lines = [f"{h} {a.format.title}", "",
             f"{a.clock(0)} to {a.clock(a.minutes)}, {a.minutes} minutes, in {len(sheet.blocks)} blocks.", ""]
    for b in sheet.blocks:
        block = b.block
        lines += [f"{h}# {a.clock(block.start)}–{a.clock(block.end)} {block.title} ({block.minutes} min)", "",
                  "| time | min | step | you | the room | open |", "| --- | ---: | --- | --- | --- | --- |"]
        clock = block.start
        for step in b.steps:
            lines.append(
                f"| {a.clock(clock)} | {step.minutes} | {KINDS[step.kind]}: {_cell(step.title)} | {_cell(step.instructor)} "
                f"| {_cell(step.room)} | {_cell(step.open.label())} |"
            )
            clock += step.minutes
        lines.append("")
    return "\n".join(lines)


GUIDE_START = "<!-- what-is-open: generated by `python -m workbook runsheet --guides`; do not edit by hand -->"
GUIDE_END = "<!-- end what-is-open -->"


def guide_section(number: str) -> str:
    """The "What is open when" section of a chapter's guide: its run-sheet steps in order."""
    lines = [GUIDE_START, "## What is open when", "",
             "Minute by minute, as in the {doc}`runsheets` (the same steps in every agenda that has this chapter):", ""]
    clock = 0
    for step in CHAPTER_STEPS[number]:
        lines.append(f"- **{clock}–{clock + step.minutes} min, {KINDS[step.kind].lower()}: {step.title}.** "
                     f"{step.room} Open: {step.open.label()}.")
        clock += step.minutes
    lines += ["", GUIDE_END]
    return "\n".join(lines)


def with_guide_section(guide: str, number: str) -> str:
    """A guide's text with its "What is open when" section replaced (or added before "## Common
    questions")."""
    section = guide_section(number)
    if GUIDE_START in guide:
        before, rest = guide.split(GUIDE_START, 1)
        after = rest.split(GUIDE_END, 1)[1]
        return before + section + after
    anchor = "## Common questions"
    if anchor not in guide:
        raise RunSheetError(f"the guide for chapter {number} has no '{anchor}' heading to put the section before")
    before, after = guide.split(anchor, 1)
    return before + section + "\n\n" + anchor + after


PAGE_HEADER = """\
# Run sheets

<!-- Generated by `python -m workbook runsheet --write book/instructors/runsheets.md`.
     Do not edit by hand: a test fails when this file differs from what the generator writes. -->

Minute by minute, what you do, what the room does and which page is open, for each of the three
{doc}`agendas`. They are made from the same chapter timings, and a test fails if a block's steps do
not add up to the block or name a notebook section or handout that does not exist. The learners'
own tools are in each lesson's "Your turn" section; the activities for pairs and groups need no
code at all. The welcome keeps a **launch buffer** for getting everyone into the course, and the
closing round keeps a **questions buffer**. "The slides" are the deck for the same agenda
({doc}`slides`); "the join page" is the page with the link and QR code that
`python -m workbook join` writes.

To print one for another start time: `python -m workbook runsheet --agenda 90 --start 13:30`.
"""


def page(start: str = "09:00") -> str:
    parts = [PAGE_HEADER]
    for a in agenda_module.build_all(start):
        parts.append(to_markdown(build(a)))
    return "\n".join(parts)
