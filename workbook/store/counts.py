"""What the learner has entered, counted: for the progress view and the class summary. Counts only,
so neither reads a row of anyone's text."""

from __future__ import annotations

from .repository import Repository


class Counts(Repository):
    def totals(self) -> dict[str, int]:
        """contacts, plans, exchanges, follow-ups kept and open, reflections written, goals."""
        row = self._store._row(
            """SELECT (SELECT COUNT(*) FROM contacts) AS contacts,
                      (SELECT COUNT(*) FROM plans) AS plans,
                      (SELECT COUNT(*) FROM exchanges) AS exchanges,
                      (SELECT COUNT(*) FROM follow_ups WHERE done_on IS NOT NULL) AS follow_ups_kept,
                      (SELECT COUNT(*) FROM follow_ups WHERE done_on IS NULL) AS follow_ups_open,
                      (SELECT COUNT(*) FROM reflections WHERE TRIM(text) <> '') AS reflections,
                      (SELECT COUNT(*) FROM goals) AS goals"""
        )
        return dict(row)

    def class_summary(self) -> dict[str, list[tuple]]:
        """The grouped counts a class summary is made of, as rows of plain values."""
        queries = {
            "circles": "SELECT circle, COUNT(*) FROM contacts GROUP BY circle",
            "layers": "SELECT layer, COUNT(*) FROM contacts GROUP BY layer",
            "exchanges": "SELECT direction, kind, COUNT(*) FROM exchanges GROUP BY direction, kind",
            "plans": "SELECT COUNT(*) FROM plans",
            "promises": "SELECT owner, COUNT(*), SUM(done_on IS NOT NULL AND done_on != '') FROM follow_ups GROUP BY owner",
            "quiz": "SELECT chapter, question, correct FROM quiz_answers",
            "progress": "SELECT chapter, COUNT(*) FROM progress GROUP BY chapter",
        }
        return {key: [tuple(row) for row in self._store._rows(sql)] for key, sql in queries.items()}
