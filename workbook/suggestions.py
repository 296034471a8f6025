"""Ideas for the 30/60/90-day plan, gathered from everything in a store. The rules that pick them are
in domain.goals; this module only reads what they need."""

from __future__ import annotations

from .domain.exchanges import nudges
from .domain.goals import PER_SOURCE, Suggestion, goal_ideas, suggest_goals
from .domain.keep_in_touch import keep_in_touch
from .domain.presence import NOT_USED, presence_suggestions
from .prompts import NETWORK_GOAL
from .store import Store


def presence_todo(store: Store) -> list[tuple[str, str]] | None:
    """Unchecked presence-audit items as (network, suggestion); None if the audit was never used."""
    if not store.presence.started():
        return None
    ticked = store.presence.checked()
    not_used = {network for network, item in ticked if item == NOT_USED}
    return presence_suggestions(ticked, not_used)


def goal_suggestions(store: Store, *, per_source: int = PER_SOURCE) -> list[Suggestion]:
    """Suggestions from everything in `store`, leaving out goals already in the plan."""
    today = store.today()
    found = goal_ideas(store.reflections.get(*NETWORK_GOAL)) + suggest_goals(
        keep_in_touch(store.contacts.last_interactions(), today),
        store.follow_ups.open(),
        nudges(store.exchanges.balances(), today, store.contacts.interests),
        presence_todo(store),
        per_source=per_source,
    )
    taken = set(store.goals.all()["goal"])
    return [s for s in found if s.goal not in taken]
