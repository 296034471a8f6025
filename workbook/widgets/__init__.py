"""The interactive tools: thin ipywidgets views over the model and the store."""

from .planner import ConversationPlanner
from .reciprocity import ReciprocityTracker
from .contacts import ContactBook
from .network_map import NetworkMap
from .follow_ups import FollowUps
from .presence import PresenceAudit
from .time_blocks import TimeBlocks
from .importer import ImportContacts

__all__ = ["ConversationPlanner", "ReciprocityTracker"]
__all__ += ["ContactBook", "NetworkMap", "FollowUps", "PresenceAudit", "TimeBlocks", "ImportContacts"]
