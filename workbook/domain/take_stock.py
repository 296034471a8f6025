"""Taking stock of the people you know (chapter 01): the parts of a life that bring names to mind,
and how typed names become contacts. Plain Python: no I/O, no widgets.

Memory is better at recognising than at listing, so instead of "list everyone you know" the tool
asks one part of life at a time (family, neighbours, former colleagues...). The list of parts is
the course's own convention, not a research finding."""

from __future__ import annotations

import dataclasses

from .contacts import Contact
from .validation import ValidationError


@dataclasses.dataclass(frozen=True)
class Category:
    key: str
    label: str  # saved as the contact's "how we met", so the chapter checks can tell the parts apart
    prompt: str
    circle: str  # the circle a person from here starts in; change it when you sort


CATEGORIES = (
    Category("family", "family", "Family: who do you talk to, and who would you like to talk to more?", "personal"),
    Category("friends", "friends", "Friends: close ones, and the ones you have not seen for a while.", "personal"),
    Category("neighbours", "neighbours", "Neighbours: on your street, in your building, at the school gate.", "personal"),
    Category("colleagues", "colleagues", "Colleagues now: your team, the teams you work with, your manager.", "professional"),
    Category("former-colleagues", "former colleagues", "Former colleagues: earlier jobs, internships, projects, volunteering.", "professional"),
    Category("classmates", "classmates or alumni", "Classmates and alumni: school, university, courses, bootcamps.", "both"),
    Category("clubs", "clubs and groups", "Clubs and groups: sport, music, faith, parents' groups, volunteering.", "personal"),
    Category("online", "online communities", "Online communities: forums, group chats, open-source projects, LinkedIn groups.", "both"),
    Category("services", "people who serve you", "People who serve you: your doctor, hairdresser, accountant, a shop you like.", "personal"),
    Category("customers", "clients and suppliers", "Clients, customers and suppliers you get on with.", "professional"),
)
BY_KEY = {c.key: c for c in CATEGORIES}
LABELS = {c.label: c for c in CATEGORIES}


def names_in(text: str) -> list[str]:
    """One name per line (commas also separate), blanks dropped, each name once, as typed."""
    seen, names = set(), []
    for line in (text or "").replace("\r", "\n").splitlines():
        for part in line.split(","):
            name = " ".join(part.split())
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return names


@dataclasses.dataclass
class StockTake:
    """What a round of taking stock would add: new contacts, and names already in the workbook."""

    new: list[Contact]
    already: list[str]


def take_stock(typed: dict[str, str], existing_names) -> StockTake:
    """Contacts for the names typed per category key; names already in the workbook (any case)
    or typed under two categories are added once. Raises ValidationError naming the category and
    the name when a name cannot be saved."""
    known = {str(n).casefold() for n in existing_names}
    new, already, adding = [], [], set()
    for category in CATEGORIES:
        for name in names_in(typed.get(category.key, "")):
            if name.casefold() in adding:  # typed under two parts of life: added under the first
                continue
            if name.casefold() in known:
                already.append(name)
                continue
            try:
                contact = Contact(name=name, circle=category.circle, how_met=category.label).validated()
            except ValidationError as error:
                raise ValidationError(category.key, f"{category.label}, {name[:40]!r}: {error.message}") from None
            adding.add(name.casefold())
            new.append(contact)
    return StockTake(new, already)


def counts_by_category(how_met) -> dict[str, int]:
    """How many contacts came from each category (by their "how we met"), in category order."""
    values = [str(v) for v in how_met]
    return {c.label: values.count(c.label) for c in CATEGORIES if c.label in values}
