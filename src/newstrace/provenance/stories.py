"""Stories, events and topics: the three levels of grouping, never merged into one another.

- A **story** is a connected component of derivation relations (duplicate, excerpt, rewrite,
  translation, partial): one origin and everything made from it. Its provenance tree hangs
  every other member under its nearest source: among the relations pointing at it, the one
  with the most verbatim text (a verbatim excerpt is a nearer source than a rewrite of the
  same original), then the most aligned text. The origin is the member nothing points at.
- Wire copies (relations with a ``common`` agency: both documents credit one agency whose
  page is not in the corpus) point at neither side. When two or more of a story's roots are
  such copies, the story's origin is an **inferred source**, "AP wire, not in the corpus",
  and the roots hang under it as siblings (``Story.inferred``). An edge between two pages of
  one site is a ``version`` (an update, a repost), not a copy by another outlet.
- An **event** groups stories linked by ``same_story`` (independent reports of one happening).
- A **topic** groups events linked by ``same_topic``.

Every document is in exactly one story (possibly alone), one event and one topic.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping

from newstrace.match.kinds import DERIVATIONS
from newstrace.model import InferredSource, Relation, Story, TreeEdge
from newstrace.unionfind import UnionFind

__all__ = ["INFERRED_PREFIX", "build_stories", "group_ids"]

#: Ids of inferred sources start so; they name no document.
INFERRED_PREFIX = "wire-"

_NEARNESS = {"duplicate": 4, "excerpt": 3, "translation": 2, "rewrite": 2, "partial": 1}


def group_ids(prefix: str, members: Iterable[str]) -> str:
    """A content-hash id for a group: the same members give the same id."""
    digest = hashlib.sha1("\n".join(sorted(members)).encode()).hexdigest()[:12]
    return f"{prefix}-{digest}"


def _nearness(r: Relation, depth: Mapping[str, int]) -> tuple[int, float, float, int, str]:
    """Sort key, larger is nearer: kind, verbatim share, aligned share; on a tie, the source
    with fewer sources of its own (the more original copy), then the smaller id."""
    features = r.features or {}
    return (_NEARNESS.get(r.kind, 0), round(float(features.get("verbatim_b", 0.0)), 2),
            round(r.coverage_derived, 2), -depth.get(r.source, 0),
            "".join(chr(0x10FFFF - ord(c)) for c in r.source))


def _inferred(members: list[str], roots: list[str], wired: Mapping[str, list[Relation]]
              ) -> InferredSource | None:
    """The absent wire source of a story whose roots are two or more copies of it."""
    carriers = sorted(m for m in roots if wired.get(m))
    if len(carriers) < 2:
        return None
    agencies = Counter(r.common for m in carriers for r in wired[m] if r.common)
    agency = min(agencies, key=lambda a: (-agencies[a], a))
    slug = "".join(c if c.isalnum() else "-" for c in agency.lower())
    return InferredSource(group_ids(f"{INFERRED_PREFIX}{slug}", members), agency,
                          tuple(carriers))


def _tree(members: list[str], incoming: Mapping[str, list[Relation]],
          wired: Mapping[str, list[Relation]] | None = None
          ) -> tuple[str, tuple[TreeEdge, ...], InferredSource | None]:
    """The origin of one story and each other member's nearest source, without cycles."""
    inside = set(members)
    pointed = {m for m in members if any(r.source in inside for r in incoming.get(m, []))}
    roots = [m for m in members if m not in pointed] or members
    inferred = _inferred(members, roots, wired or {})
    if inferred is not None:
        _origin, tree = _tree_below(members, incoming, roots, set(roots))
        placed = {e.doc for e in tree}  # a root of a cycle may have found a parent
        under = tuple(TreeEdge(m, inferred.id, "wire copy" if m in inferred.carriers
                               else "partial", 1.0 if m in inferred.carriers else 0.5)
                      for m in roots if m not in placed)
        return inferred.id, tuple(sorted((*tree, *under), key=lambda e: e.doc)), inferred
    origin, tree = _tree_below(members, incoming, roots, set())
    return origin, tree, None


def _tree_below(members: list[str], incoming: Mapping[str, list[Relation]], roots: list[str],
                free: set[str]) -> tuple[str, tuple[TreeEdge, ...]]:
    """The origin among ``roots`` and each member's nearest source; members in ``free`` are
    left for the caller to place."""
    inside = set(members)
    origin = min(roots, key=lambda m: (-sum(1 for ms in members for r in incoming.get(ms, [])
                                           if r.source == m), m))
    parents: dict[str, Relation] = {}
    depth = {m: sum(1 for r in incoming.get(m, []) if r.source in inside) for m in members}
    for member in members:
        if member == origin:
            continue
        options = sorted((r for r in incoming.get(member, []) if r.source in inside),
                         key=lambda r: _nearness(r, depth), reverse=True)
        for option in options:
            if not _reaches(option.source, member, parents):
                parents[member] = option
                break
    edges = [TreeEdge(m, r.source, _edge_kind(r), r.confidence)
             for m, r in sorted(parents.items())]
    # A member whose every source would close a cycle hangs under the origin.
    edges += [TreeEdge(m, origin, "partial", 0.5) for m in members
              if m != origin and m not in parents and m not in free]
    return origin, tuple(sorted(edges, key=lambda e: e.doc))


def _edge_kind(r: Relation) -> str:
    """A tree edge's kind: ``version`` between two pages of one site (an update, a repost,
    a re-crawl), shown as such rather than as one outlet copying another."""
    return "version" if (r.features or {}).get("same_site") else r.kind


def _reaches(start: str, target: str, parents: Mapping[str, Relation]) -> bool:
    node, seen = start, set()
    while node in parents and node not in seen:
        if node == target:
            return True
        seen.add(node)
        node = parents[node].source
    return node == target


def build_stories(doc_ids: Iterable[str], relations: Iterable[Relation]) -> list[Story]:
    """Every document's story, with events and topics, sorted by story id."""
    ids = sorted(set(doc_ids))
    rels = sorted(relations, key=lambda r: (r.source, r.derived))
    stories, events, topics = UnionFind[str](ids), UnionFind[str](ids), UnionFind[str](ids)
    incoming: dict[str, list[Relation]] = {}
    wired: dict[str, list[Relation]] = {}
    for r in rels:
        if r.kind in DERIVATIONS:
            stories.union(r.source, r.derived)
            if r.common and not r.oriented:  # siblings: neither is the other's source
                wired.setdefault(r.source, []).append(r)
                wired.setdefault(r.derived, []).append(r)
            else:
                incoming.setdefault(r.derived, []).append(r)
    for r in rels:
        if r.kind in DERIVATIONS or r.kind == "same_story":
            events.union(r.source, r.derived)
        topics.union(r.source, r.derived)
    out: list[Story] = []
    event_ids = {root: group_ids("event", m) for root, m in events.members().items()}
    topic_ids = {root: group_ids("topic", m) for root, m in topics.members().items()}
    for members in stories.members().values():
        origin, tree, inferred = _tree(members, incoming, wired)
        root = members[0] if inferred else origin
        out.append(Story(group_ids("story", members), origin, tuple(members), tree,
                         event_ids[events.find(root)], topic_ids[topics.find(root)],
                         inferred))
    return sorted(out, key=lambda s: s.id)
