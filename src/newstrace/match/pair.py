"""One candidate pair, fully compared: both aligners, features, kind, passages, direction.

A pure kernel: everything it needs comes in its arguments (the documents, their
fingerprints' verbatim alignment and their sentence features), so any engine can run it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Literal

from newstrace.bounded import RecentMap
from newstrace.index.sentences import SentenceFeatures
from newstrace.match.anchors import Chain
from newstrace.match.crossalign import align_translation
from newstrace.match.foreign import dice, foreign_names_dice, topic_overlap
from newstrace.match.kinds import PairFeatures, decide_kind, link_possible
from newstrace.match.narrative import NARRATIVE_SENTENCE, narrative
from newstrace.match.orient import (
    credited,
    credits_other,
    orient,
)
from newstrace.match.pair_input import PairInput, cut_input, make_input
from newstrace.match.passages import cluster_passages, combined_passages, sentence_passages
from newstrace.match.sentences import SentenceConfig, SentencePair, align_sentences
from newstrace.match.translations import left_out, pair_chain, translation_confirmed
from newstrace.match.verbatim import Alignment, coverage
from newstrace.model import Passage, Relation, Span, flipped_passages
from newstrace.text.public import narrative_share
from newstrace.text.topics import ENCODED

__all__ = ["ALIGNED_KEPT", "LEADS_WITH", "NEW_TOP", "QUOTING_WORDS", "AlignMemo", "PairInput",
           "align_memo", "compare_pair",
           "cut_input",
           "flipped", "house_words", "make_input", "needs_alignment", "new_top",
           "pair_features", "quoting_side"]

#: A pair no verbatim generator proposed is aligned sentence by sentence only when its
#: documents could be a rewrite or a translation of one another: most of the smaller one's
#: names and numbers are in the other (spinners and translators keep them) and, where the
#: encoder covers both languages, the document vectors are this close. Rewrites measured:
#: cosine 0.975-0.994 and containment 0.83-1.0 (demo corpus and seeds); SemEval English
#: pairs rated "very similar" have a median cosine of 0.86. Other pairs are judged as
#: links from document-level features alone.
GATE_CONTAINMENT = 0.6
GATE_COSINE = 0.85


def _inside(spans: Sequence[Span], within: tuple[Span, ...]) -> float:
    """The share of the characters of ``spans`` that lie inside the sorted, disjoint
    ``within``."""
    total = sum(len(s) for s in spans)
    inside = 0
    for span in spans:
        lo = bisect.bisect_right(within, span.start, key=lambda w: w.end)
        for w in within[lo:]:
            if w.start >= span.end:
                break
            inside += min(w.end, span.end) - max(w.start, span.start)
    return inside / total if total else 0.0


def _site_repeated(a: PairInput, b: PairInput, passages: tuple[Passage, ...]) -> float | None:
    """The share of the verbatim shared text that both sites repeat on other pages, or
    None when there is no verbatim text or a side's repeats are unknown (a query; a page
    added to a site the index held before; a site with too few pages to tell)."""
    if not passages or a.repeated is None or b.repeated is None:
        return None
    return min(_inside([p.a for p in passages], a.repeated),
               _inside([p.b for p in passages], b.repeated))


def _aligned_share(spans: tuple, indices: set[int]) -> float:
    if not indices:  # most pairs of a dense crawl are not aligned by sentence
        return 0.0
    total = sum(len(s) for s in spans)
    return sum(len(spans[i]) for i in indices) / total if total else 0.0


def _days_apart(a: str | None, b: str | None) -> float | None:
    try:
        return float(abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)) \
            if a and b else None
    except ValueError:
        return None


def _foreign(fa: SentenceFeatures, fb: SentenceFeatures) -> bool:
    """Whether either document is in a language other than English (or unknown)."""
    return any(f.language not in ENCODED for f in (fa, fb))


def pair_features(a: PairInput, b: PairInput, verbatim: Alignment,
                  pairs: list[SentencePair], clustered: list[Passage],
                  multilingual: bool = False, chain: Chain | None = None) -> PairFeatures:
    """The features ``decide_kind`` reads, from both aligners' output (``chain``: the
    pair's anchor chain, when read already).

    A monolingual (English) encoder puts any two texts of another language close together,
    so the document cosine counts only when the encoder covers both languages.
    """
    fa, fb = a.features, b.features
    names_a, names_b = fa.doc_names, fb.doc_names
    numbers_a, numbers_b = fa.doc_figures, fb.doc_figures
    shared = len(names_a & names_b)
    told = narrative(fa.spans, fb.spans, a.public, b.public, verbatim.passages, pairs,
                     a.narrative, b.narrative)
    house = house_words(verbatim.passages, a.house, b.house)
    cross = bool(fa.language and fb.language and fa.language != fb.language)
    chain = chain or pair_chain(a, b)
    foreign = _foreign(fa, fb) and not multilingual
    aligned_a = max(_aligned_share(fa.spans, {i for p in pairs for i in p.a}),
                    coverage([p.a for p in verbatim.passages], a.length))
    aligned_b = max(_aligned_share(fb.spans, {j for p in pairs for j in p.b}),
                    coverage([p.b for p in verbatim.passages], b.length))
    return PairFeatures(
        verbatim_a=verbatim.coverage_a, verbatim_b=verbatim.coverage_b,
        aligned_a=aligned_a, aligned_b=aligned_b,
        mean_score=sum(p.score for p in pairs) / len(pairs) if pairs else 0.0,
        passages=len(combined_passages(verbatim.passages, clustered)),
        cross_lingual=cross,
        cosine=(float(fa.document_vector() @ fb.document_vector())
                if multilingual or not _foreign(fa, fb) else 0.0),
        shared_names=shared,
        names_dice=foreign_names_dice(fa, fb) if foreign else dice(names_a, names_b),
        shared_numbers=len(numbers_a & numbers_b),
        days_apart=_days_apart(a.info.published, b.info.published),
        narrative_words=told.words, public_words=max(0, told.public_words - house),
        house_words=house,
        narrative_a=told.aligned_a, narrative_b=told.aligned_b,
        narrative_score=told.score, narrative_close=told.close,
        credited=credited(a.info, b.info),
        same_site=bool(a.info.own_name) and a.info.own_name == b.info.own_name,
        site_repeated=_site_repeated(a, b, verbatim.passages),
        quoted_words=quoted_words(verbatim.passages, a, b),
        anchor_chain=chain.length if chain else 0, anchor_share=chain.share if chain else 0.0,
        anchored=bool(chain and chain.translated()
                      and translation_confirmed(chain, aligned_a, aligned_b)),
        foreign=foreign,
        topic=topic_overlap(fa, fb) if foreign and not cross else None)


def house_words(passages: tuple[Passage, ...], house_a: tuple[Span, ...],
                house_b: tuple[Span, ...]) -> int:
    """Verbatim words of ``passages`` inside either side's house notes (``text.house``):
    not narrative (they lie in ``PairInput.public``), and not public words either, so that
    two pages sharing only a publisher's notes are not taken for one event's reports."""
    if not house_a and not house_b:
        return 0
    return sum(round(p.words * max(1.0 - narrative_share(p.a, house_a),
                                   1.0 - narrative_share(p.b, house_b)))
               for p in passages)


def quoted_words(passages: tuple[Passage, ...], a: PairInput, b: PairInput) -> int:
    """Verbatim words one side holds in public words (a quotation) and the other prints as
    its own text, counted only where the quoting side credits the other's outlet ("wrote
    in an op-ed for USA Today", "according to Gallup"): the words a report quotes from the
    other document itself. A statement or a transcript that one outlet prints whole and
    another quotes from its speaker, crediting no outlet, is the speaker's (the fresh
    AllSides crawl: Vindman's opening statement, an Oval Office address)."""
    def told(span: Span, public: tuple[Span, ...]) -> bool:
        return narrative_share(span, public) >= NARRATIVE_SENTENCE

    quoting_a = credits_other(a.info, b.info)
    quoting_b = credits_other(b.info, a.info)
    if not (quoting_a or quoting_b):
        return 0  # most pairs: neither names the other
    return sum(p.words for p in passages
               if (quoting_a and told(p.b, b.public) and not told(p.a, a.public))
               or (quoting_b and told(p.a, a.public) and not told(p.b, b.public)))


def needs_alignment(fa: SentenceFeatures, fb: SentenceFeatures, multilingual: bool) -> bool:
    """Whether a pair could be a rewrite or a translation (see ``GATE_CONTAINMENT``)."""
    ka, kb = fa.document_keys(), fb.document_keys()
    if not ka or not kb or len(ka & kb) < GATE_CONTAINMENT * min(len(ka), len(kb)):
        return False
    if not multilingual and _foreign(fa, fb):
        return True  # only the immutables can tell; they did
    if fa.language and fb.language and fa.language != fb.language:
        # two languages: the immutables a translator keeps are the evidence (a static
        # multilingual model puts translated documents at cosines of 0.5-0.8, under the
        # gate set for rewrites in one language)
        return True
    return float(fa.document_vector() @ fb.document_vector()) >= GATE_COSINE


#: A pair's sentence alignment and the passages clustered from it, by the content keys of
#: its two sides (``SentenceFeatures.content_key``), the settings and the encoder's reach.
Aligned = tuple[tuple[SentencePair, ...], tuple[Passage, ...]]
AlignMemo = RecentMap[tuple[bytes, bytes, SentenceConfig, bool], Aligned]
#: Alignments one worker keeps (about 10 KB each). A dense crawl's worker meets the copies of
#: one wire story pair after pair: on the dense 10k bench, 8,818 duplicates among 23,490
#: pairs aligned by sentence.
ALIGNED_KEPT = 2_048


def align_memo() -> AlignMemo:
    """An empty memo of alignments for ``compare_pair`` (one per worker's run of pairs)."""
    return RecentMap(ALIGNED_KEPT)


def _aligned(fa: SentenceFeatures, fb: SentenceFeatures, config: SentenceConfig,
             multilingual: bool) -> Aligned:
    """The sentence alignment of two documents and the passages clustered from it."""
    pairs = align_sentences(fa, fb, config, multilingual)
    return tuple(pairs), tuple(_clustered(fa, fb, pairs, config))


def _clustered(fa: SentenceFeatures, fb: SentenceFeatures, pairs: list[SentencePair],
               config: SentenceConfig) -> list[Passage]:
    return cluster_passages(fa, fb, pairs, seed_score=config.seed_score, gap=config.gap,
                            min_seeds=config.min_seeds, single_score=config.relation_single_score,
                            single_words=config.single_words, seed_words=config.seed_words)


def compare_pair(a: PairInput, b: PairInput, verbatim: Alignment, proposed_by: tuple[str, ...],
                 config: SentenceConfig, multilingual: bool = False,
                 align: bool = True, memo: AlignMemo | None = None) -> Relation | None:
    """The relation between a and b, oriented, or None when they are unrelated.

    With ``align`` false the sentences are not aligned: only the verbatim alignment and the
    document-level features count (for pairs ``needs_alignment`` turns down). ``memo``
    keeps sentence alignments by the content of the two sides: the next pair of the same
    two texts (copies of one wire story, under other ids) reuses it, with the same result.
    """
    fa, fb = a.features, b.features
    # (a pair in a language the encoder does not cover is judged by its words and names'
    # sounds, which ``story_similarity`` reads: no shortcut before it)
    if not align and not verbatim.passages and (multilingual or not _foreign(fa, fb)) \
            and not link_possible(float(fa.document_vector() @ fb.document_vector()),
                                  dice(fa.doc_names, fb.doc_names)):
        return None
    chain = pair_chain(a, b)
    pairs, clustered = _sentences(a, b, chain, config, multilingual, align, memo)
    features = pair_features(a, b, verbatim, pairs, clustered, multilingual, chain)
    if pairs and chain is not None and chain.translated() and not features.anchored \
            and not multilingual:
        # sentences paired by their lengths and places, for a chain they did not bear out
        # (``translation_confirmed``): those pairs say nothing, and no passage stands on them
        pairs, clustered = [], []
        features = pair_features(a, b, verbatim, pairs, clustered, multilingual, chain)
    decided = decide_kind(features)
    if decided is None:
        return None
    kind, inner, reasons = decided
    if kind == "translation" and inner and not left_out(a, b, features, inner):
        inner = ""  # one sentence more or less is how two languages' pages were read
    if kind == "partial":
        passages = combined_passages(verbatim.passages, clustered)
    elif kind in ("same_story", "same_topic"):
        passages = ()
    else:
        passages = combined_passages(verbatim.passages, sentence_passages(fa, fb, pairs))
    direction = orient(a.info, b.info, inner, (a.locator, b.locator),
                       prefix=_is_prefix(verbatim.passages, inner),
                       quoting=_quoting(kind, a, b, verbatim.passages),
                       new_top=new_top(passages, fa.spans, fb.spans),
                       one_language=not features.cross_lingual)
    derivation = kind not in ("same_story", "same_topic")
    relation = Relation(
        source=fa.doc_id, derived=fb.doc_id, kind=kind,
        oriented=derivation and direction.known,
        coverage_source=features.aligned_a, coverage_derived=features.aligned_b,
        passages=passages, proposed_by=proposed_by, reasons=reasons,
        confidence=direction.probability if derivation else 1.0,
        signals=direction.signals if derivation else (), features=features.to_json(),
        common=direction.common if derivation else None)
    if derivation and not direction.a_is_source:
        return flipped(relation)
    return relation


def _sentences(a: PairInput, b: PairInput, chain: Chain | None, config: SentenceConfig,
               multilingual: bool, align: bool, memo: AlignMemo | None
               ) -> tuple[list[SentencePair], list[Passage]]:
    """The pair's aligned sentences (none without ``align``) and the passages clustered
    from them: a translation's by length and place, else by similarity, with the
    rescorer's vectors where both sides have them."""
    fa, fb = a.features, b.features
    if not align:
        pairs: list[SentencePair] = []
    elif chain is not None and chain.translated() and not multilingual:
        pairs = align_translation(fa, fb, chain.slope, chain.offset)
    elif a.rescored is not None and b.rescored is not None:
        pairs = align_sentences(replace(fa, vectors=a.rescored), replace(fb, vectors=b.rescored),
                                config, multilingual)
    else:
        def made(_: object = None) -> Aligned:
            return _aligned(fa, fb, config, multilingual)

        kept, held = made() if memo is None else memo.get_or_make(
            (fa.content_key(), fb.content_key(), config, multilingual), made)
        return list(kept), list(held)
    return pairs, _clustered(fa, fb, pairs, config)


#: Shared words one side holds in quotation marks and the other prints as its own text: the
#: quoting side is the one quoting (a report quoting an op-ed, a statement, a transcript).
QUOTING_WORDS = 20


Side = Literal["a", "b", ""]


def quoting_side(passages: tuple[Passage, ...], a: PairInput, b: PairInput) -> Side:
    """"a" or "b" when that side alone holds ``QUOTING_WORDS`` of the shared verbatim words
    inside quotation marks where the other prints them as its own first-person text (a
    statement's, an op-ed's voice: ``PairInput.voiced``); "" otherwise."""
    quoted = {"a": 0, "b": 0}
    for p in passages:
        in_a, in_b = narrative_share(p.a, a.quotes), narrative_share(p.b, b.quotes)
        if in_a < NARRATIVE_SENTENCE <= in_b and _overlaps(p.b, b.voiced):
            quoted["a"] += p.words
        elif in_b < NARRATIVE_SENTENCE <= in_a and _overlaps(p.a, a.voiced):
            quoted["b"] += p.words
    if quoted["a"] >= QUOTING_WORDS and not quoted["b"]:
        return "a"
    if quoted["b"] >= QUOTING_WORDS and not quoted["a"]:
        return "b"
    return ""


def _overlaps(span: Span, spans: tuple[Span, ...]) -> bool:
    return any(s.start < span.end and span.start < s.end for s in spans)


def _quoting(kind: str, a: PairInput, b: PairInput, passages: tuple[Passage, ...]) -> Side:
    """``quoting_side`` where it tells direction: a report quotes parts of a statement or an
    op-ed (a ``partial``); a copy of a whole article that lost its quotation marks is a
    rewrite or a duplicate (OneStopEnglish's simplified texts unquote what the original
    quoted), and a text that lost every mark in conversion shows no quotation at all."""
    if kind != "partial" or a.stripped or b.stripped:
        return ""
    return quoting_side(passages, a, b)


#: The inner text's first passage starting this near the outer text's start is its prefix.
_PREFIX_CHARS = 80


def _is_prefix(passages: tuple[Passage, ...], inner: str) -> bool:
    """Whether the inner side's verbatim text starts the outer side (both at their start)."""
    if not inner or not passages:
        return False
    spans = [(p.a, p.b) if inner == "a" else (p.b, p.a) for p in passages]
    first_inner, first_outer = min(spans, key=lambda s: s[0].start)
    return first_inner.start <= _PREFIX_CHARS and first_outer.start <= _PREFIX_CHARS


#: Sentences of a lead of its own above the shared text (``new_top``), and how near its
#: start the other page tells it.
NEW_TOP = 3
LEADS_WITH = 2


def new_top(passages: tuple[Passage, ...], spans_a: tuple[Span, ...],
            spans_b: tuple[Span, ...]) -> Side:
    """"a" or "b" when that side tells the shared text ``NEW_TOP`` sentences or more
    further down than the other, which tells it from its first sentences (within
    ``LEADS_WITH``): a site's follow-up or write-through putting its earlier report under a
    new top (``match.orient.orient`` reads it for one site's pages only). Where the pages
    share text verbatim, those passages say where it starts (a reworded lead aligned by
    meaning to the other's lead is no shared text). "" otherwise."""
    shared = tuple(p for p in passages if p.kind == "verbatim") or passages
    if not shared:
        return ""
    first_a = _sentence_at(spans_a, min(p.a.start for p in shared))
    first_b = _sentence_at(spans_b, min(p.b.start for p in shared))
    if first_a <= LEADS_WITH and first_b >= first_a + NEW_TOP:
        return "b"
    if first_b <= LEADS_WITH and first_a >= first_b + NEW_TOP:
        return "a"
    return ""


def _sentence_at(spans: tuple[Span, ...], offset: int) -> int:
    """The index of the sentence holding ``offset`` (0 before the first)."""
    return max(0, bisect.bisect_right(spans, offset, key=lambda s: s.start) - 1)


def flipped(r: Relation) -> Relation:
    """The same relation seen from the other side (b as the source)."""
    features = dict(r.features or {})
    for left, right in (("verbatim_a", "verbatim_b"), ("aligned_a", "aligned_b"),
                        ("narrative_a", "narrative_b")):
        if left in features:
            features[left], features[right] = features[right], features[left]
    return Relation(r.derived, r.source, r.kind, r.oriented, r.coverage_derived,
                    r.coverage_source, flipped_passages(r.passages), r.proposed_by, r.reasons,
                    r.confidence, r.signals, features, r.common)
