"""The networking workbook: the tools and data behind the course notebooks.

    import workbook
    lesson = workbook.start("07")                 # a chapter: sample network, quiz, reflections
    workbook.ReciprocityTracker(lesson.sample)    # a tool on the sample network
    workbook.ReciprocityTracker()                 # the same tool on your own workbook
"""

from .lesson import Lesson, start
from .store import Store, data_home
from .widgets import ConversationPlanner, ReciprocityTracker

__all__ = ["ConversationPlanner", "Lesson", "ReciprocityTracker", "Store", "data_home", "start"]
