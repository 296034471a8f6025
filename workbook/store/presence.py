"""The online presence audit: which checklist items are ticked, per network."""

from __future__ import annotations

from .repository import Repository


class PresenceAudit(Repository):
    def checked(self) -> set[tuple[str, str]]:
        """The (network, item) pairs ticked, including a network's 'not used' item."""
        return {(r["network"], r["item"]) for r in self._store._rows("SELECT network, item FROM presence_audit WHERE checked")}

    def started(self) -> bool:
        """Whether the audit was ever used (something ticked, even if unticked since)."""
        return self._store._row("SELECT 1 FROM presence_audit LIMIT 1") is not None

    def set(self, network: str, item: str, checked: bool) -> None:
        with self._store.transaction() as db:
            db.execute(
                """INSERT INTO presence_audit (network, item, checked) VALUES (?, ?, ?)
                   ON CONFLICT(network, item) DO UPDATE SET checked = excluded.checked, updated_at = datetime('now')""",
                (network, item, int(checked)),
            )
