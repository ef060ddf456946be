"""Claims and their independent origins: how many sources really stand behind each claim.

Ten outlets repeating one AP paragraph are one source. Every document's claims are
extracted (``claim_extract``); a derivation's claims are tied to its source's through the
alignment, independent reports' claims by content (``claim_match``); the tied mentions are
one claim. Its *carriers* are the documents that state it; its *origins* are where each
carrier got it from: up the carrier's provenance tree to the highest ancestor that still
states it (a copy of AP counts as AP; a claim a rewrite added counts as the rewrite's own).
Separate stories that carry it independently count separately — the discounting of copying
sources in Dong, Berti-Equille and Srivastava (VLDB 2009), on provenance trees instead of
inferred copying. Many carriers on one origin is circular reporting.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from newstrace.engine.packed import Packed as PackedRecords  # link_columns' Packed: links
from newstrace.engine.protocol import Engine, sends, start_each, start_shared
from newstrace.index.embed import Encoder, load_encoder
from newstrace.match.kinds import DERIVATIONS, one_story
from newstrace.model import Carrier, Claim, Document, Relation, Story
from newstrace.provenance.claim_extract import ClaimReader, ExtractedClaim
from newstrace.provenance.claim_match import (
    ALONG,
    SPOKEN,
    MentionVectors,
    aligned_links,
    alike,
    independent_links,
)
from newstrace.provenance.claim_words import Stems
from newstrace.provenance.link_columns import LinkColumns, Packed, pack_links
from newstrace.provenance.link_inputs import PackedDocuments, PackedMentions
from newstrace.provenance.stories import INFERRED_PREFIX
from newstrace.unionfind import DenseUnionFind, UnionFind

__all__ = ["CIRCULAR_CARRIERS", "build_claims", "claim_order", "found_claims"]

#: A claim is circular reporting when at least this many documents carry it and they all
#: go back to one origin.
CIRCULAR_CARRIERS = 3


@dataclass
class _Linked:
    """The links found, with what checking them against a claim needs."""

    links: LinkColumns
    vectors: MentionVectors
    stem: Stems


@dataclass(frozen=True)
class _LinkContext:
    """What finding a relation's links reads: the relations, the documents, every mention
    (and which are each document's), the mentions' vectors and stems. Shared by every
    relation; packed and sent to the workers where they are other processes
    (``provenance.link_inputs``)."""

    relations: Sequence[Relation] | PackedRecords[Relation]
    docs: Mapping[str, Document] | PackedDocuments
    mentions: Sequence[ExtractedClaim]
    ids: dict[str, range]
    vectors: MentionVectors
    stem: Stems


def _links(docs: Mapping[str, Document], relations: Sequence[Relation],
           mentions: list[ExtractedClaim], ids: dict[str, range], encoder: Encoder,
           engine: Engine | None = None, send: bool = False) -> _Linked:
    """Links of every relation, in (source, derived) order, found on ``engine``'s workers:
    the mentions of independently linked reports are encoded here first, and the workers
    share their vectors (sent to them packed with ``send``)."""
    ordered = sorted(relations, key=lambda r: (r.source, r.derived))
    wanted = sorted({d for r in ordered if r.kind not in DERIVATIONS  # one story's links
                     for d in (r.source, r.derived)})
    rows = [i for d in wanted for i in ids.get(d, ()) if mentions[i].kind in SPOKEN]
    encoded = encoder.encode([mentions[i].text for i in rows]) if rows \
        else np.zeros((0, 1), dtype=np.float32)
    vectors = MentionVectors(len(mentions), rows, encoded)
    stem = Stems(mentions)
    sent = sends(engine, send, len(ordered))
    context = _sent_context(docs, ordered, mentions, ids, vectors) if sent else \
        _LinkContext(ordered, docs, mentions, ids, vectors, stem)
    found = start_shared(engine, _relation_links, context, range(len(ordered)), send=sent)()
    return _Linked(LinkColumns.of(found), vectors, stem)


def _sent_context(docs: Mapping[str, Document], ordered: list[Relation],
                  mentions: list[ExtractedClaim], ids: dict[str, range],
                  vectors: MentionVectors) -> _LinkContext:
    """The links' inputs packed to be sent: only the documents a derivation aligns are
    read whole."""
    aligned = sorted({d for r in ordered if r.kind in DERIVATIONS for d in (r.source, r.derived)})
    packed = PackedMentions(mentions, list(ids.values()))
    return _LinkContext(PackedRecords(ordered), PackedDocuments(docs, aligned), packed, ids,
                        vectors, Stems(packed))


def _relation_links(context: _LinkContext, at: int) -> Packed:
    """The links relation ``at`` makes: by alignment for a derivation, by content between
    two reports of one story (any other relation ``_groups`` kept: ``match.kinds.
    one_story``, one event's or the story told again within weeks). Reports of different
    stories (other ``same_topic`` links) state one claim only by chance: in a dense crawl
    they are most of the links (9,151 of 16,000 on the dense bench's 2,000 documents) and
    comparing their statements pairwise was a third of the report's time, so ``_groups``
    leaves them out."""
    r = context.relations[at]
    mentions, ids = context.mentions, context.ids
    if r.kind in DERIVATIONS:
        return pack_links(aligned_links(context.docs[r.source], context.docs[r.derived],
                                        r.passages, mentions, ids))
    return pack_links(independent_links(ids.get(r.source, range(0)),
                                        ids.get(r.derived, range(0)), mentions,
                                        context.vectors, context.stem))


def _group(mentions: list[ExtractedClaim], linked: _Linked,
           published: Mapping[str, str | None]) -> tuple[DenseUnionFind, dict[int, str]]:
    """Mentions joined into claims: aligned links first (a copy states its source's claim),
    then links between independent reports, each only when the mentions are alike to the
    heads of the claims they join — each claim's earliest statement — too: ten statements by
    one speaker do not chain into one claim. Each claim's head and size are kept in arrays
    indexed by its representative (a crawl's largest group has about nine mentions a
    document)."""
    union = DenseUnionFind(len(mentions))
    variants: dict[int, str] = {}
    heads = array("q", range(len(mentions)))
    size = array("q", [1]) * len(mentions)

    def earliest(i: int) -> tuple[str, str, int]:
        return (published.get(mentions[i].doc) or "9999", mentions[i].doc, i)

    def merge(a: int, b: int) -> None:
        ra, rb = union.find(a), union.find(b)
        head, total = min(heads[ra], heads[rb], key=earliest), size[ra] + size[rb]
        union.union(a, b)
        root = union.find(a)
        heads[root], size[root] = head, total

    links = linked.links
    for position, a, b in links.each(independent=False):
        ra, rb = union.find(a), union.find(b)
        if ra == rb:
            continue
        # A copy states its source's claim; but two claims already carried by others
        # merge only when their first statements are alike: aligned links would chain
        # every statement of a dense crawl into one "claim".
        if min(size[ra], size[rb]) > 1 and not alike(
                heads[ra], heads[rb], mentions, linked.vectors, linked.stem, ALONG):
            continue
        merge(a, b)
        if position in links.variants:
            variants[b] = links.variants[position]
    for _, a, b in links.each(independent=True):
        ra, rb = union.find(a), union.find(b)
        if ra == rb:  # one claim already: dense crawls link it through many pairs
            continue
        head_a, head_b = heads[ra], heads[rb]
        if all(alike(x, y, mentions, linked.vectors, linked.stem)
               for x, y in ((head_a, b), (a, head_b), (head_a, head_b))):
            merge(a, b)
    return union, variants


def _sharing(claim: ExtractedClaim, shared: dict[str, str]) -> ExtractedClaim:
    """The claim with its speaker, figure and counted word held once for the batch (each
    arrives from the workers as a string of its own, and a group's million mentions repeat
    a few thousand of them)."""
    fields = (claim.speaker, claim.value, claim.counted)
    kept = tuple(None if f is None else shared.setdefault(f, f) for f in fields)
    if all(k is f for k, f in zip(kept, fields, strict=True)):
        return claim
    return replace(claim, speaker=kept[0], value=kept[1], counted=kept[2])


def _parents(stories: Sequence[Story]) -> dict[str, str]:
    return {edge.doc: edge.parent for story in stories for edge in story.tree}


def _path(doc: str, carriers: set[str], parents: Mapping[str, str]) -> tuple[str, ...]:
    """From ``doc`` up its tree to the highest ancestor that still carries the claim."""
    path = [doc]
    node = doc
    while node in parents:
        node = parents[node]
        path.append(node)
    while len(path) > 1 and path[-1] not in carriers and not path[-1].startswith(
            INFERRED_PREFIX):
        path.pop()  # an inferred wire source carries every claim its copies share
    return tuple(path)


def _through_wires(paths: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The carriers' paths, ending at an inferred wire source only where two carriers or
    more reach it: a claim one wire copy alone states is that copy's own (its local
    paragraphs), not the wire's."""
    reach: dict[str, int] = {}
    for path in paths.values():
        if path[-1].startswith(INFERRED_PREFIX):
            reach[path[-1]] = reach.get(path[-1], 0) + 1
    return {doc: path[:-1] if path[-1].startswith(INFERRED_PREFIX) and reach[path[-1]] < 2
            else path for doc, path in paths.items()}


def _claim(members: list[int], mentions: list[ExtractedClaim], variants: Mapping[int, str],
           parents: Mapping[str, str], published: Mapping[str, str | None]) -> Claim:
    first_per_doc: dict[str, int] = {}
    for m in members:
        first_per_doc.setdefault(mentions[m].doc, m)
    carrier_docs = set(first_per_doc)
    paths = _through_wires({doc: _path(doc, carrier_docs, parents) for doc in first_per_doc})
    carriers = tuple(Carrier(doc, mentions[m].span, mentions[m].text, mentions[m].speaker,
                             variants.get(m), paths[doc])
                     for doc, m in sorted(first_per_doc.items()))
    origins = tuple(sorted({c.path[-1] for c in carriers},
                           key=lambda d: (published.get(d) or "9999", d)))
    named = [o for o in origins if o in first_per_doc] or sorted(first_per_doc)
    lead = first_per_doc[named[0]]  # the earliest origin's words name the claim
    first = min(carrier_docs, key=lambda d: (published.get(d) or "9999", d not in origins, d))
    digest = hashlib.sha1("\n".join([mentions[lead].kind, mentions[lead].text,
                                     *sorted(carrier_docs)]).encode()).hexdigest()[:12]
    speakers = [mentions[first_per_doc[o]].speaker for o in origins if o in first_per_doc]
    syndicated = len(origins) == 1 and origins[0].startswith(INFERRED_PREFIX)
    return Claim(f"claim-{digest}", mentions[lead].kind, mentions[lead].text,
                 next((s for s in speakers if s), None), carriers, origins,
                 (first, published.get(first)),
                 len(carriers) >= CIRCULAR_CARRIERS and len(origins) == 1 and not syndicated,
                 syndicated)


#: Documents whose claims are found together, at most (a larger group of tied documents is
#: found alone): claims are tied only along derivations and same-story links, so the
#: documents of different groups share none, and finding them a few groups at a time bounds
#: the memory that every mention and its links take.
CLAIM_BATCH = 2_000


def build_claims(docs: Sequence[Document], relations: Sequence[Relation],
                 stories: Sequence[Story], encoder: Encoder | None = None,
                 min_carriers: int = 2, engine: Engine | None = None,
                 batch: int = CLAIM_BATCH) -> list[Claim]:
    """The claims carried by at least ``min_carriers`` documents, most carried first
    (``claim_order``): ``found_claims``, sorted."""
    return sorted(found_claims(docs, relations, stories, encoder, min_carriers, engine, batch),
                  key=claim_order)


def claim_order(claim: Claim) -> tuple[int, int, str]:
    """Where a claim stands in a report: most carried first, then most origins, then id."""
    return -len(claim.carriers), -len(claim.origins), claim.id


def found_claims(docs: Sequence[Document], relations: Sequence[Relation],
                 stories: Sequence[Story], encoder: Encoder | None = None,
                 min_carriers: int = 2, engine: Engine | None = None,
                 batch: int = CLAIM_BATCH, send: bool = False) -> Iterator[Claim]:
    """The claims carried by at least ``min_carriers`` documents, as they are found (in no
    report's order: a caller that keeps them on disk sorts them by ``claim_order``).

    ``relations`` are the reconciled relations and ``stories`` the stories built on them;
    claims are extracted and linked on ``engine``'s workers (None: here), ``batch``
    documents or so at a time, each group of tied documents whole: mentions are tied only
    along derivations and links of one story, so the claims are the same whatever the
    batch (with an encoder that gives a sentence the same vector whatever else it
    encodes with it, as the shipped static model does). With ``send``
    (``engine.packed.worth_sending``) the workers are sent their inputs packed rather
    than forked with this process's memory.
    """
    by_id = {d.id: d for d in docs}
    published = {d.id: d.published for d in docs}
    parents = _parents(stories)
    model = encoder or load_encoder()
    for ids, own in _groups(sorted(by_id), relations, min_carriers, batch):
        yield from _batch_claims([by_id[i] for i in ids], own, model, min_carriers, engine,
                                 parents, published, send)


def _groups(ids: list[str], relations: Sequence[Relation], min_carriers: int, batch: int
            ) -> list[tuple[list[str], list[Relation]]]:
    """The documents that can carry a claim, in groups of documents tied by relations that
    make links (derivations and links of one story, ``match.kinds.one_story``), packed into
    batches of about ``batch`` documents, each with the relations among them; ids sorted
    within a batch. Relations naming a document not in ``ids`` are left out, and so are
    the links that tie nothing: whether a link is one story's is decided here, once."""
    known = set(ids)
    tying = [r for r in relations if r.source in known and r.derived in known
             and (r.kind in DERIVATIONS or one_story(r.kind, r.features))]
    union: UnionFind[str] = UnionFind()
    for r in tying:
        union.union(r.source, r.derived)
    # A claim needs two carriers, and carriers are tied only through these relations: a
    # document in none of them can carry none of the claims reported, so it is not read.
    tied = {d for r in tying for d in (r.source, r.derived)}
    members: dict[str, list[str]] = {}
    for doc_id in ids:
        if doc_id in tied or min_carriers <= 1:
            members.setdefault(union.find(doc_id) if doc_id in tied else doc_id,
                               []).append(doc_id)
    out: list[tuple[list[str], list[Relation]]] = []
    where: dict[str, int] = {}
    for group in members.values():  # in the order of each group's first id
        if not out or (len(out[-1][0]) + len(group) > batch and out[-1][0]):
            out.append(([], []))
        for doc_id in group:
            where[doc_id] = len(out) - 1
        out[-1][0].extend(group)
    for r in tying:
        out[where[r.source]][1].append(r)
    return [(sorted(own_ids), own) for own_ids, own in out]


def _batch_claims(ordered: list[Document], relations: list[Relation], encoder: Encoder,
                  min_carriers: int,
                  engine: Engine | None, parents: Mapping[str, str],
                  published: Mapping[str, str | None], send: bool = False
                  ) -> Iterator[Claim]:
    """The claims of one batch of related documents (``ordered`` by id), made one by one
    once the mentions are grouped: the links, their vectors and the workers' lists are let
    go first (a crawl's largest group holds most of its mentions)."""
    mentions: list[ExtractedClaim] = []
    ids: dict[str, range] = {}  # each document's mentions, one after another
    shared: dict[str, str] = {}
    # one reader per map: each worker reads once the sentences its documents repeat
    read = start_each(engine, ClaimReader(), ordered, send=send)
    for doc, found in zip(ordered, read(), strict=True):
        if found:
            ids[doc.id] = range(len(mentions), len(mentions) + len(found))
            mentions.extend(_sharing(claim, shared) for claim in found)
    linked = _links({d.id: d for d in ordered}, relations, mentions, ids, encoder, engine,
                    send)
    union, variants = _group(mentions, linked, published)
    del linked, ids
    for members in union.groups(max(1, min_carriers)):
        if len({mentions[m].doc for m in members}) >= min_carriers:
            yield _claim(members, mentions, variants, parents, published)
