"""The networking workbook: the tools and data behind the course notebooks.

    import workbook
    lesson = workbook.start("07")                 # a chapter: sample network, quiz, reflections
    workbook.ReciprocityTracker(lesson.sample)    # a tool on the sample network
    workbook.ReciprocityTracker()                 # the same tool on your own workbook

Names load on first use, so `python -m workbook` commands and `workbook.formats` do not pay for
pandas, ipywidgets, matplotlib or networkx when they do not need them (tests/test_layers.py holds it).
"""

import importlib

# Eager (a lazy name would be shadowed by the submodule of the same name), and cheap: progress
# loads pandas only when it counts.
from .progress import progress
from .store import Store, data_home
from .store import browser as _browser

if _browser.ACTIVE:  # the in-browser course: say where entries are kept; show store errors plainly
    from . import browser_note

    browser_note.install()

# public name -> module that defines it
_LAZY = {
    "Lesson": ".lesson",
    "start": ".lesson",
    "ConversationPlanner": ".widgets",
    "ReciprocityTracker": ".widgets",
    "ContactBook": ".widgets",
    "NetworkMap": ".widgets",
    "FollowUps": ".widgets",
    "PresenceAudit": ".widgets",
    "TimeBlocks": ".widgets",
    "ImportContacts": ".widgets",
    "NinetyDayPlan": ".widgets.goals",
    "MyData": ".widgets.my_data",
    "NetworkSpread": ".widgets.spread",
    "draft_message": ".widgets.messages",
    "TakeStock": ".widgets.take_stock",
    "SortPeople": ".widgets.take_stock",
    "WhoKnows": ".widgets.who_knows",
    "MyPlan": ".widgets.my_plan",
    "ThisWeek": ".widgets.this_week",
    "export_workbook": ".formats.readable_copy",
}

__all__ = ["Store", "data_home", "progress", *_LAZY]


def __getattr__(name):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'workbook' has no attribute {name!r}")
