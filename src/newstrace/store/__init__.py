"""The persistent index: one SQLite file."""

from newstrace.store.index import Index, open_index

__all__ = ["Index", "open_index"]
