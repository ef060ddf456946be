"""Tunable parameters, in one typed place, with the reason for each default."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["ReuseConfig"]


@dataclass(frozen=True, slots=True)
class ReuseConfig:
    """Parameters of fingerprinting, candidate generation and verbatim alignment.

    Defaults were calibrated on PAN 2013 (02-no-obfuscation, 01-no-plagiarism) and on the
    excerpt benchmark in ``bench/``; none on the seeds.
    """

    #: Words per shingle for candidate postings. Five words rarely repeat by chance in news.
    shingle_k: int = 5
    #: Keep one shingle in ``sample_modulus`` (by hash) in the postings: a 40-word excerpt still
    #: shares about nine sampled shingles with its source, at a quarter of the index size.
    sample_modulus: int = 4
    #: Sampled shingles shared by at least this many documents... and no more than ``max_df``:
    #: a shingle in hundreds of documents is boilerplate and proposes nothing.
    max_df: int = 50
    #: A pair is proposed by postings when it shares this many sampled shingles.
    min_shared: int = 2
    #: MinHash over passages of ``window`` shingles (overlapping by half), banded for LSH:
    #: 8 bands of 8 rows put the Jaccard threshold near (1/8)^(1/8) = 0.77 per passage.
    num_perm: int = 64
    bands: int = 8
    rows: int = 8
    window: int = 100
    #: Words per seed in alignment: short seeds find short edits' neighbours.
    seed_k: int = 4
    #: A passage needs this many words on both sides (shorter shared runs are phrases).
    min_passage_words: int = 12
    #: Passages on nearly the same diagonal are merged across gaps of up to this many words.
    max_gap_words: int = 6
    #: A seed that occurs more often than this in one document is ignored (repeated lines).
    max_seed_repeats: int = 20
    #: Seed of every hash and permutation, so runs are reproducible.
    seed: int = 0

    def to_json(self) -> dict[str, Any]:
        """The parameters as a JSON-ready mapping (recorded in every report)."""
        return asdict(self)
