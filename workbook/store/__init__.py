"""The learner's data: one SQLite file, opened by `Store` (store/core.py), with one repository per
area holding all of that area's SQL (`store.contacts`, `store.exchanges`, `store.plans`, ...).
Nothing outside this package writes SQL; tests/test_layers.py holds it."""

from .core import FILE_NAME, Store, data_home, default_path, shared, where_saved
from .errors import NotFound, StoreError
from .migrations import MIGRATIONS, SCHEMA_VERSION, TABLES

__all__ = [
    "FILE_NAME", "MIGRATIONS", "NotFound", "SCHEMA_VERSION", "Store", "StoreError", "TABLES",
    "data_home", "default_path", "shared", "where_saved",
]
