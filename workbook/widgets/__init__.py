"""The interactive tools: thin ipywidgets views over the model and the store."""

from .contacts import ContactBook
from .follow_ups import FollowUps
from .importer import ImportContacts
from .network_map import NetworkMap
from .planner import ConversationPlanner
from .presence import PresenceAudit
from .reciprocity import ReciprocityTracker
from .time_blocks import TimeBlocks

__all__ = ["ConversationPlanner", "ReciprocityTracker"]
__all__ += ["ContactBook", "NetworkMap", "FollowUps", "PresenceAudit", "TimeBlocks", "ImportContacts"]
