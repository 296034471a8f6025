"""The required activities on the learner's own network, per chapter: the checks that say "not yet"
until the learner's own entries are there. workbook.progress counts them."""

from __future__ import annotations

from collections.abc import Callable

from ..store import Store
from . import Feedback, ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08

OWN_NETWORK: dict[str, tuple[Callable[[Store | None], Feedback], ...]] = {
    "01": (ch01.took_stock, ch01.both_worlds),
    "02": (ch02.placed_layers,),
    "03": (ch03.marked_who_knows, ch03.planned_conversation),
    "04": (ch04.audited_presence,),
    "05": (ch05.promised_follow_up,),
    "06": (ch06.booked_own_time,),
    "07": (ch07.logged_own_exchange,),
    "08": (ch08.plan_from_goal, ch08.calendar_ready),
}


def own_network_done(store: Store) -> dict[str, tuple[int, int]]:
    """Per chapter with own-network activities: (done, required)."""
    return {chapter: (sum(bool(check(store)) for check in checks), len(checks)) for chapter, checks in OWN_NETWORK.items()}
