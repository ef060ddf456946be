"""The public surface is explicit and importable; nothing private leaks into it."""

from __future__ import annotations

import newstrace


def test_all_names_exist_and_are_sorted() -> None:
    assert list(newstrace.__all__) == sorted(newstrace.__all__)
    for name in newstrace.__all__:
        assert hasattr(newstrace, name), name


def test_no_private_names_exported() -> None:
    assert not [n for n in newstrace.__all__ if n.startswith("_") and n != "__version__"]


def test_public_functions_have_docstrings() -> None:
    for name in newstrace.__all__:
        obj = getattr(newstrace, name)
        if callable(obj):
            assert obj.__doc__, name
