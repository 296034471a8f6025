"""Put the workshop slide decks on the website: after an HTML build, write the deck for each agenda
(with its copy of reveal.js) into instructors/slides/ of the built site, where instructors/slides.md links
to them. The decks are made by the same code as `python -m workbook slides`, so the website's
decks cannot drift from the run sheets."""

from __future__ import annotations

from pathlib import Path

from workbook import agenda
from workbook.workshop import slides

FOLDER = Path("instructors") / "slides"


def write_decks(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.outdir) / FOLDER
    for key in agenda.FORMATS:
        slides.write(slides.build(key), folder)


def setup(app):
    app.connect("build-finished", write_decks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
