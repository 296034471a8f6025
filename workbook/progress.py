"""My progress: per chapter, whether you visited it, your self-check score, the required activities
done on your own network (workbook.checks.own) and the Python exercises you attempted, plus a count
of what you have entered in the tools. Shown at the end of every lesson.

`workbook.progress()` reads your own workbook; `workbook.progress(store)` any other store. In a
notebook the view ends with a button that opens the class-summary hand-in (widgets/hand_in.py)."""

from __future__ import annotations

import dataclasses
import html
from typing import TYPE_CHECKING

from .course import CHAPTERS, QUIZZES, current_question_ids
from .store import Store, shared

if TYPE_CHECKING:
    import pandas as pd

    from .charts import Chart
    from .markup import Table

EXERCISE_PREFIX = "exercise:"
COLUMNS = {
    "chapter": "Chapter",
    "title": "Title",
    "visited": "Visited",
    "quiz": "Self-check",
    "own": "On your own network",
    "exercises": "Python exercises attempted",
}
# Named, not linked: an output's link is not rewritten for the book, where the page is .html.
THIS_WEEK = "lessons/this-week.ipynb"


def chapter_table(store: Store) -> pd.DataFrame:
    """One row per chapter (course.CHAPTERS): visited, quiz right / questions, own-network
    activities done / required, exercises attempted."""
    # Imported here: `import workbook` and the CLI do without pandas, and the checks load networkx.
    import pandas as pd

    from .checks.own import own_network_done

    own = own_network_done(store)
    progress = store.progress.items()
    answers = store.quiz.all()
    rows = []
    for ch in CHAPTERS:
        items = progress.loc[progress["chapter"] == ch.number, "item"]
        # Only answers to questions still in the course count: a retired question's answer stays
        # in the learner's file (and in the export) but cannot push the score past the questions.
        current = answers["question"].isin(current_question_ids(ch.number))
        mine = answers.loc[(answers["chapter"] == ch.number) & current, "correct"]
        questions = len(QUIZZES.get(ch.number, []))
        right = int(mine.sum()) if len(mine) else 0
        rows.append(
            {
                "chapter": ch.number,
                "title": ch.title,
                "visited": "yes" if (items == "visited").any() else "no",
                "right": right,
                "answered": len(mine),
                "questions": questions,
                "quiz": f"{right} / {questions}",
                "own_done": own.get(ch.number, (0, 0))[0],
                "own_required": own.get(ch.number, (0, 0))[1],
                "own": f"{own[ch.number][0]} / {own[ch.number][1]}" if ch.number in own else "",
                "exercises": int(items.str.startswith(EXERCISE_PREFIX).sum()),
            }
        )
    return pd.DataFrame(rows)


TOTALS = {
    "contacts": "contacts",
    "plans": "conversation plans",
    "exchanges": "exchanges logged",
    "follow_ups_kept": "follow-ups kept",
    "follow_ups_open": "follow-ups open",
    "reflections": "reflections written",
    "goals": "30/60/90-day goals",
}


def totals(store: Store) -> dict[str, int]:
    """What you have entered in the tools, counted."""
    counted = store.counts.totals()
    return {label: counted[key] for key, label in TOTALS.items()}


@dataclasses.dataclass
class Progress:
    chapters: pd.DataFrame
    counts: dict[str, int]
    store: Store | None = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def own_network(self) -> tuple[int, int]:
        """Required activities on your own network: (done, required) over the course."""
        return int(self.chapters["own_done"].sum()), int(self.chapters["own_required"].sum())

    @property
    def visited(self) -> int:
        return int((self.chapters["visited"] == "yes").sum())

    def chart(self) -> Chart:
        # Imported here so `import workbook` (and every CLI command) does not load matplotlib.
        from . import charts

        return charts.self_check_scores(self.chapters)

    def table(self) -> Table:
        """The per-chapter table with readable headings."""
        from .markup import Table  # here: markup loads pandas, which `import workbook` does without

        return Table(self.chapters[list(COLUMNS)].rename(columns=COLUMNS))

    def __repr__(self) -> str:
        lines = [f"My progress: {self.visited} of {len(self.chapters)} chapters visited"]
        for r in self.chapters.itertuples(index=False):
            lines.append(
                f"  {r.chapter} {r.title}: visited {r.visited}, self-check {r.quiz}, "
                f"{r.exercises} exercise{'s' if r.exercises != 1 else ''} attempted"
                + (f", on your own network {r.own_done} of {r.own_required}" if r.own_required else "")
            )
        done, required = self.own_network
        lines.append(f"On your own network: {done} of {required} activities done")
        lines.append("In your tools: " + ", ".join(f"{n} {label}" for label, n in self.counts.items()))
        lines.append(f"Every week after the course: My network this week (open {THIS_WEEK})")
        return "\n".join(lines)

    def summary_html(self) -> str:
        """The table and the counts as escaped HTML (the chart is separate)."""
        esc = html.escape
        head = "".join(f"<th scope='col'>{esc(h)}</th>" for h in COLUMNS.values())
        body = "".join(
            "<tr>" + "".join(f"<td>{esc(str(row[c]))}</td>" for c in COLUMNS) + "</tr>"
            for row in self.chapters.to_dict("records")
        )
        counts = "".join(f"<li>{esc(label)}: {n}</li>" for label, n in self.counts.items())
        return (
            "<div class='workbook-progress'><table class='workbook-table'>"
            f"<caption>My progress: {self.visited} of {len(self.chapters)} chapters visited</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"<p><b>On your own network</b>: {self.own_network[0]} of {self.own_network[1]} activities done.</p>"
            f"<p><b>In your tools</b></p><ul>{counts}</ul>"
            f"<p>Every week after the course: <b>My network this week</b> (open <code>{THIS_WEEK}</code>).</p>"
            "</div>"
        )

    def _repr_html_(self) -> str:
        return self.summary_html() + self.chart().html()

    def _ipython_display_(self) -> None:
        # In a notebook the view is live: it follows every change to the workbook. Imported here
        # so the CLI and `import workbook` do not load ipywidgets.
        from .widgets.progress_view import ProgressView

        if self.store is None:
            from IPython.display import display

            display({"text/html": self._repr_html_()}, raw=True)
            return
        ProgressView(self.store)._ipython_display_()



def progress(store: Store | None = None) -> Progress:
    """Your progress through the course (or `store`'s). In a notebook it shows as a live view."""
    return progress_of(shared(store))


def progress_of(store: Store) -> Progress:
    return Progress(chapter_table(store), totals(store), store)
