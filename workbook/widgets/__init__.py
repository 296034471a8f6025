"""The interactive tools: thin ipywidgets views over the model and the store."""

from .planner import ConversationPlanner
from .reciprocity import ReciprocityTracker

__all__ = ["ConversationPlanner", "ReciprocityTracker"]
