"""Alignment jobs for the workers: new documents, each with its older candidates.

A batch of new documents is aligned in one job (``match.verbatim.align_groups`` shares one
seed search among all their pairs) and related there too, so the main process receives rows
ready to store. Jobs carry the slim fingerprints, which pickle as one array each.
"""

from __future__ import annotations

import json

from newstrace.config import ReuseConfig
from newstrace.index.shingles import Fingerprint
from newstrace.match.relation import DocInfo, relate
from newstrace.match.verbatim import align_groups

__all__ = ["Group", "alignment_jobs", "relate_groups"]

#: A newly indexed document, its older candidates (fingerprint, whether the new document comes
#: first in the pair, the generators that proposed it) and the (locator, published) of all.
Group = tuple[Fingerprint, list[tuple[Fingerprint, bool, tuple[str, ...]]], dict[str, DocInfo]]
#: New documents aligned in one job: the seed search is shared by the whole batch.
_GROUPS_PER_JOB = 16


def relate_groups(groups: list[Group], config: ReuseConfig) -> list[tuple[str, str, str]]:
    """Align new documents with their candidates and relate each pair: rows of (source id,
    derived id, relation JSON). Relating in the worker keeps the JSON off the main process."""
    alignments = align_groups([(fx, [(fp, first) for fp, first, _ in partners])
                               for fx, partners, _docs in groups], config)
    rows = []
    for (_fx, partners, docs), found in zip(groups, alignments, strict=True):
        for (_fp, _first, generators), alignment in zip(partners, found, strict=True):
            relation = relate(alignment, docs, generators)
            if relation is not None:
                rows.append((relation.source, relation.derived,
                             json.dumps(relation.to_json(), sort_keys=True)))
    return rows


def alignment_jobs(pairs: dict[tuple[int, int], tuple[str, ...]],
                   info: dict[int, tuple[str, str, str | None]],
                   fps: dict[int, Fingerprint]) -> list[list[Group]]:
    """Candidate ``pairs`` of rowids (with their generators) as jobs of new documents: each
    pair goes with its newer document, which is first in the pair when its id sorts first.
    ``info`` gives each rowid's (id, locator, published)."""
    partners: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
    for (left, right), generators in pairs.items():
        partners.setdefault(max(left, right), []).append((min(left, right), generators))
    groups: list[Group] = []
    for rowid, others in sorted(partners.items()):
        own_id = info[rowid][0]
        groups.append((fps[rowid],
                       [(fps[other], own_id < info[other][0], generators)
                        for other, generators in others],
                       {info[r][0]: (info[r][1], info[r][2])
                        for r in [rowid] + [other for other, _ in others]}))
    return [groups[start : start + _GROUPS_PER_JOB]
            for start in range(0, len(groups), _GROUPS_PER_JOB)]
