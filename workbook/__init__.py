"""The networking workbook: the tools and data behind the course notebooks.

    import workbook
    lesson = workbook.start("07")                 # a chapter: sample network, quiz, reflections
    workbook.ReciprocityTracker(lesson.sample)    # a tool on the sample network
    workbook.ReciprocityTracker()                 # the same tool on your own workbook
"""

from .lesson import Lesson, start
from .store import Store, data_home
from .widgets import ConversationPlanner, ReciprocityTracker
from .widgets.goals import NinetyDayPlan  # noqa: F401  (chapter 08)
from .progress import progress  # noqa: F401
from .export import export_workbook  # noqa: F401
from .widgets import ContactBook, FollowUps, ImportContacts, NetworkMap, PresenceAudit, TimeBlocks  # noqa: F401

__all__ = ["ConversationPlanner", "Lesson", "ReciprocityTracker", "Store", "data_home", "start"]
