"""Engines run pure kernels over records; they move data and compute nothing themselves."""

from newstrace.engine.local import LocalEngine

__all__ = ["LocalEngine"]
