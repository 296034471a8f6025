"""Paper sizes for printing handouts and slides: A4 or US Letter.

The default follows the locale when it names a country (LC_ALL, LC_PAPER, then LANG, the order
glibc uses): US Letter in the countries whose glibc locales use it, A4 everywhere else and
whenever the locale says nothing (C, POSIX, unset)."""

from __future__ import annotations

import os
import re

# (width, height) of the page held in landscape, in CSS pixels (96 per inch), and the CSS name.
SIZES = {
    "A4": (1123, 794, "A4"),
    "letter": (1056, 816, "letter"),
}
# Countries whose glibc locales set LC_PAPER to US Letter (glibc localedata, "height 279").
LETTER_COUNTRIES = {"US", "CA", "MX", "CL", "CO", "CR", "GT", "NI", "PA", "PH", "PR", "SV", "VE", "DO", "BZ"}
TERRITORY = re.compile(r"^[a-z]{2,3}_([A-Z]{2})")


def from_locale(environ: dict[str, str] | None = None) -> str | None:
    """"letter" or "A4" if the locale names a country, else None."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        value = environ.get(name, "").strip()
        if not value:
            continue
        match = TERRITORY.match(value)
        if match is None:
            return None  # "C", "POSIX", "C.UTF-8": the locale does not say
        return "letter" if match.group(1) in LETTER_COUNTRIES else "A4"
    return None


def default(environ: dict[str, str] | None = None) -> str:
    return from_locale(environ) or "A4"


def choose(value: str | None, environ: dict[str, str] | None = None) -> str:
    """The paper named by `value` (case-insensitive A4 or letter), or the default when None."""
    if value is None:
        return default(environ)
    for key in SIZES:
        if value.strip().lower() == key.lower():
            return key
    raise ValueError(f"unknown paper size {value!r}; choose A4 or letter.")


def page_css(paper: str) -> str:
    """A print rule that sets the page size, for pages that print as they are (the handouts)."""
    return f"@page {{ size: {SIZES[paper][2]}; }}"
