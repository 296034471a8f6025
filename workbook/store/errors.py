"""What the store raises: a file it cannot use, and an entry that is not there."""


class StoreError(RuntimeError):
    """The data file cannot be used; the message says which file and what to do."""


class NotFound(LookupError):
    """No entry with that id: it may have been deleted in another notebook. Not a KeyError, so a
    form that catches this one does not also hide a bug that raises KeyError."""
