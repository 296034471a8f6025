"""QR codes of links, drawn by segno (a pure-Python QR library from PyPI), as inline SVG."""

from __future__ import annotations

import segno


def make(link: str) -> segno.QRCode:
    # Error correction level M (15%) survives a projector's glare and a printer's smudge, and
    # segno may raise it when the code has room.
    return segno.make(link, error="m", micro=False)


def svg(link: str, *, title: str) -> str:
    """An inline <svg> of the link's QR code, with a title for screen readers. It has a viewBox and
    no fixed size, so the page's CSS sets how large it is drawn (role=img names it as one image)."""
    drawn = make(link).svg_inline(border=4, title=title, dark="#000", light="#fff", omitsize=True)
    return drawn.replace("<svg ", '<svg role="img" ', 1)


def png(link: str, path, *, scale: int = 8) -> None:
    make(link).save(str(path), kind="png", scale=scale, border=4)
