"""My network this week: the page to come back to every week after the course (lessons/this-week).
Who is due a word, promises due or overdue (theirs and mine), one giving idea, the next step of
the 30/60/90-day plan and this week's networking time, each with a one-click action; and the
weekly review itself, a repeating time block that the calendar file carries. What is listed is
chosen in workbook.domain.weekly."""

from __future__ import annotations

import datetime as dt

import ipywidgets as widgets

from ..domain.exchanges import KINDS, Exchange, nudges
from ..domain.follow_ups import OVERDUE
from ..domain.keep_in_touch import keep_in_touch
from ..domain.time_blocks import WEEKDAYS, TimeBlock
from ..domain.weekly import CALENDAR_REVIEW_KEY, REVIEW_KEY, REVIEW_LABEL, REVIEW_MINUTES, Week, day_text, describe, this_week
from ..store import Store, shared
from .calendar_file import CalendarFile
from .common import LABEL_STYLE, WIDE, Status, Tool, esc, heading

ROW = widgets.Layout(width="36em")


class ThisWeek(Tool):
    """`ThisWeek(store)`; with no store, your own workbook.

    One click each: `talked_buttons[contact_id]` ("We talked today"), `done_buttons[follow_up_id]`
    ("Done"), `give_button` ("Log what I gave", with `give_kind` and `give_note`), `step_button`
    (the plan's next step done). Set the weekly review with `review_day`, `review_time`, then
    `review_button.click()`; `calendar.button` writes the calendar file. `lines()` is the week as text."""

    title = "My network this week"

    def __init__(self, store: Store | None = None):
        self.store = shared(store)
        self.status = Status()
        self.when_view = widgets.HTML()
        self.due_view = widgets.VBox()
        self.promises_view = widgets.VBox()
        self.giving_view = widgets.HTML()
        self.give_kind = widgets.Dropdown(options=KINDS, value="other", description="What kind", style=LABEL_STYLE)
        self.give_note = widgets.Text(description="What I gave", style=LABEL_STYLE, layout=WIDE)
        self.give_button = widgets.Button(description="Log what I gave", icon="gift", button_style="primary", layout=widgets.Layout(width="auto"))
        self.give_button.on_click(lambda _: self.log_giving())
        self.give_form = widgets.VBox([self.give_kind, self.give_note, self.give_button])  # hidden without an idea
        self.step_view = widgets.HTML()
        self.step_button = widgets.Button(description="Done", icon="check")
        self.step_button.on_click(lambda _: self.step_done())
        self.blocks_view = widgets.HTML()
        self.review_view = widgets.HTML()
        self.review_day = widgets.Dropdown(options=[(d, i) for i, d in enumerate(WEEKDAYS)], value=0, description="Every", style=LABEL_STYLE)
        self.review_time = widgets.TimePicker(value=dt.time(9, 0), description="At", style=LABEL_STYLE)
        self.review_button = widgets.Button(description="Remind me every week", icon="bell", button_style="primary", layout=widgets.Layout(width="auto"))
        self.review_button.on_click(lambda _: self.set_review())
        self.calendar = CalendarFile(self.store)
        self.talked_buttons: dict[int, widgets.Button] = {}
        self.done_buttons: dict[int, widgets.Button] = {}
        self._row_button = widgets.Layout(width="auto")  # shared by the rows' buttons: fewer saved models
        super().__init__(
            self.store,
            [
                self.when_view,
                self.status,
                heading("Due a word", 4),
                self.due_view,
                heading("Promises due or overdue", 4),
                self.promises_view,
                heading("One thing to give", 4),
                self.giving_view,
                self.give_form,
                heading("Next step of your plan", 4),
                widgets.HBox([widgets.Box([self.step_view], layout=ROW), self.step_button]),
                heading("Your networking time", 4),
                self.blocks_view,
                heading("Your weekly review", 4),
                self.review_view,
                widgets.HBox([self.review_day, self.review_time, self.review_button]),
                self.calendar,
            ]
        )
        self.refresh()

    def __repr__(self) -> str:
        w = self.week
        return (
            f"ThisWeek({self.store!r}: {len(w.due)} due, {len(w.promises)} promises, "
            f"{'a' if w.giving else 'no'} giving idea, {'a' if w.next_step else 'no'} next step, "
            f"{len(w.blocks)} time blocks, review {'set' if w.review else 'not set'})"
        )

    def lines(self) -> list[str]:
        """The week in plain sentences."""
        return describe(self.week)

    # --- actions ---------------------------------------------------------------------------

    def talked_today(self, contact_id: int) -> None:
        with self.saving(self.status, failed="Not logged") as attempt:
            self.store.touchpoints.log(contact_id, self.store.today(), note="we talked")
        if not attempt.saved:
            self.refresh()  # they are gone: so is their row
            return
        self._after(f"Logged a conversation with {self.store.contacts.names().get(contact_id, 'them')} today.")

    def promise_done(self, follow_up_id: int) -> None:
        with self.saving(self.status, failed="Not changed") as attempt:
            self.store.follow_ups.set_done(follow_up_id)
        if not attempt.saved:
            self.refresh()
            return
        self._after("Marked done today. A kept promise is worth saying out loud: let them know.")

    def log_giving(self) -> int | None:
        idea = self.week.giving
        if idea is None:
            self.status.fail("No giving idea this week.")
            return None
        with self.saving(self.status, failed="Not logged") as attempt:
            exchange_id = self.store.exchanges.log(
                Exchange(idea.contact_id, "gave", self.give_kind.value, self.store.today(), self.give_note.value)
            )
        if not attempt.saved:
            return None
        self._after(f"Logged what you gave {idea.name} today.")
        return exchange_id

    def step_done(self) -> None:
        step = self.week.next_step
        if step is None:
            self.status.fail("Your plan has no open step: add one in chapter 08.")
            return
        with self.saving(self.status, failed="Not changed") as attempt:
            self.store.goals.set_done(step["id"])
        if not attempt.saved:
            self.refresh()
            return
        self._after(f"Done: {step['goal']}.")

    def set_review(self) -> int | None:
        """Add (or move) the weekly review: a repeating time block the calendar file carries."""
        start = self.review_time.value or dt.time(9, 0)
        end = (dt.datetime.combine(dt.date.min, start) + dt.timedelta(minutes=REVIEW_MINUTES)).time()
        if end <= start:
            self.status.fail("Pick a time before 23:45, so the review ends the same day.")
            return None
        block = TimeBlock(REVIEW_LABEL, self.review_day.value, start, end, self.store.today())
        old = self._review_id()
        with self.store.transaction():
            if old is not None:
                self.store.time_blocks.delete(old)
            block_id = self.store.time_blocks.add(block)
            self.store.set_meta(REVIEW_KEY, str(block_id))
            self.store.set_meta(CALENDAR_REVIEW_KEY, "")  # a calendar file written before misses the new time
        self._after(f"Your weekly review: every {WEEKDAYS[block.weekday]} at {start:%H:%M}. Write the calendar file to get the reminder.")
        return block_id

    # --- views -----------------------------------------------------------------------------

    def refresh(self) -> None:
        today = self.store.today()
        blocks = [
            TimeBlock(r.label, int(r.weekday), dt.time.fromisoformat(r.start_time), dt.time.fromisoformat(r.end_time),
                      dt.date.fromisoformat(r.starts_on), id=int(r.id))
            for r in self.store.time_blocks.all().itertuples(index=False)
        ]
        self.week: Week = this_week(
            keep_in_touch(self.store.contacts.last_interactions(), today),
            self.store.follow_ups.all(),
            nudges(self.store.exchanges.balances(), today, self.store.contacts.interests, limit=1),
            self.store.goals.all(),
            blocks,
            today,
            self._review_id(),
        )
        w = self.week
        self.when_view.value = f"<p>{esc(f'{day_text(today)} {today.year} to {day_text(w.last_day)}')}</p>"
        self._show_due()
        self._show_promises()
        if w.giving is None:
            self.giving_view.value = "<p>No giving idea yet: log what you give and receive in the reciprocity tracker (chapter 07).</p>"
            self.give_form.layout.display = "none"
        else:
            self.giving_view.value = f"<p><b>{esc(w.giving.name)}</b>: {esc(w.giving.suggestion)} <small>({esc(w.giving.reason)})</small></p>"
            self.give_note.value = w.giving.suggestion[:1].upper() + w.giving.suggestion[1:]
            self.give_form.layout.display = None
        if w.next_step is None:
            self.step_view.value = "<p>No open step: add goals to your 30/60/90-day plan (chapter 08).</p>"
            self.step_button.layout.display = "none"
        else:
            s = w.next_step
            self.step_view.value = f"<p>{s['horizon']} days: {esc(s['goal'])}" + (f" (with {esc(s['name'])})" if s["name"] else "") + "</p>"
            self.step_button.layout.display = None
        if w.blocks:
            items = "".join(f"<li>{esc(f'{b.label}: {day_text(day)}, {b.start:%H:%M}-{b.end:%H:%M}')}</li>" for b, day in w.blocks)
            self.blocks_view.value = f"<ul>{items}</ul>"
        else:
            self.blocks_view.value = "<p>No networking time in the next seven days: book a weekly slot in chapter 06's time blocks.</p>"
        if w.review is None:
            self.review_view.value = "<p>Not set yet: choose a day and a time for a 15-minute look at this page.</p>"
            self.review_button.description = "Remind me every week"
        else:
            block, day = w.review
            self.review_view.value = f"<p>{esc(f'Every {WEEKDAYS[block.weekday]} at {block.start:%H:%M}; next on {day_text(day)}.')}</p>"
            self.review_button.description = "Move my weekly review"

    def _show_due(self) -> None:
        self.talked_buttons = {}
        rows = []
        for r in self.week.due.itertuples(index=False):
            button = widgets.Button(description="We talked today", icon="comments", tooltip=f"Log a conversation with {r.name} today",
                                    layout=self._row_button)
            button.on_click(lambda _, cid=int(r.contact_id): self.talked_today(cid))
            self.talked_buttons[int(r.contact_id)] = button
            last = f" · last {esc(r.last_interaction)}" if isinstance(r.last_interaction, str) else ""
            rows.append(widgets.HBox([widgets.HTML(f"<b>{esc(r.name)}</b> · {esc(r.status)}{last}", layout=ROW), button]))
        self.due_view.children = rows or [widgets.HTML("<p>Nobody is due: you are in touch with everyone on their rhythm.</p>")]

    def _show_promises(self) -> None:
        self.done_buttons = {}
        rows = []
        for r in self.week.promises.itertuples(index=False):
            button = widgets.Button(description="Done", icon="check", tooltip=f"Mark done today: {r.promise}", layout=self._row_button)
            button.on_click(lambda _, fid=int(r.id): self.promise_done(fid))
            self.done_buttons[int(r.id)] = button
            who = "I promised" if r.owner == "me" else "They promised"
            late = f", {r.days_overdue} days late" if r.status == OVERDUE else ""
            text = f"<b>{esc(r.name)}</b> · {esc(who)}: {esc(r.promise)} <small>(due {esc(r.due)}{esc(late)})</small>"
            rows.append(widgets.HBox([widgets.HTML(text, layout=ROW), button]))
        self.promises_view.children = rows or [widgets.HTML("<p>No promise is due in the next seven days.</p>")]

    def _review_id(self) -> int | None:
        saved = self.store.get_meta(REVIEW_KEY)
        if not saved or not saved.isdigit():
            return None
        ids = set(self.store.time_blocks.all()["id"].astype(int))
        return int(saved) if int(saved) in ids else None  # deleted in the time blocks tool: not set

    def _after(self, message: str) -> None:
        self.refresh()
        self.status.ok(message)
