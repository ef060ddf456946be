"""Alignment jobs for the workers: new documents, each with its older candidates.

A batch of new documents is aligned in one job (``match.verbatim.align_groups`` shares one
seed search among all their pairs) and related there too, so the main process receives rows
ready to store. Jobs name fingerprints in the shared arena (``store.arena``), or carry the slim
fingerprints themselves where there is no arena.
"""

from __future__ import annotations

import json

from newstrace.config import ReuseConfig
from newstrace.index.shingles import Fingerprint
from newstrace.match.relation import DocInfo, relate
from newstrace.match.verbatim import align_groups
from newstrace.store.arena import SharedRef, keep_mapped, resolve

__all__ = ["Group", "Job", "alignment_jobs", "relate_groups"]

#: A fingerprint as a job holds it: itself, or where it lies in the shared arena.
Held = Fingerprint | SharedRef
#: A newly indexed document, its older candidates (fingerprint, whether the new document comes
#: first in the pair, the generators that proposed it) and the (locator, published) of all.
Group = tuple[Held, list[tuple[Held, bool, tuple[str, ...]]], dict[str, DocInfo]]
#: Groups aligned together, with the arena's blocks in use (None without an arena).
Job = tuple[tuple[str, ...] | None, list[Group]]
#: New documents aligned in one job: the seed search is shared by the whole batch.
_GROUPS_PER_JOB = 16


def relate_groups(job: Job, config: ReuseConfig) -> list[tuple[str, str, str]]:
    """Align new documents with their candidates and relate each pair: rows of (source id,
    derived id, relation JSON). Relating in the worker keeps the JSON off the main process."""
    live, groups = job
    keep_mapped(live)
    alignments = align_groups([(resolve(fx), [(resolve(fp), first) for fp, first, _ in partners])
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
                   fps: dict[int, Held], live: tuple[str, ...] | None) -> list[Job]:
    """Candidate ``pairs`` of rowids (with their generators) as jobs of new documents: each
    pair goes with its newer document, which is first in the pair when its id sorts first.
    ``info`` gives each rowid's (id, locator, published); ``live`` the arena's blocks."""
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
    return [(live, groups[start : start + _GROUPS_PER_JOB])
            for start in range(0, len(groups), _GROUPS_PER_JOB)]
