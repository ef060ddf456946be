"""Fixed tuning and gate halves of the public data sets, and digests of the files gates read.

Settings are tuned on one half of a data set and gated on the other, so that a gate never
scores what its settings were fitted on. A pair's half is fixed by its own key (a pair id, two
file names): the parity of the key's SHA-256, the same on every machine and in every order.
Gates pin the SHA-256 of each data file they read (``file_digest``, ``tree_digest``), so a
floor always speaks of the same data.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["HALVES", "file_digest", "half_of", "tree_digest"]

HALVES = ("tune", "gate")


def half_of(key: str) -> str:
    """``tune`` or ``gate``: the parity of the last byte of the key's SHA-256."""
    return HALVES[hashlib.sha256(key.encode("utf-8")).digest()[-1] % 2]


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_digest(folder: Path) -> str:
    """One SHA-256 over every file under ``folder``: each file's path relative to it and its
    own digest, in sorted order (a corpus of thousands of files, pinned as one value)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder).as_posix()}\0{file_digest(path)}\n".encode())
    return digest.hexdigest()
