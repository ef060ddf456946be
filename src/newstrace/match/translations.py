"""Whether two texts in two languages are a text and its translation, read without a
multilingual encoder: their names and figures in the same order at the same places
(``match.anchors``), lengths a translation would have, and, for a translation of part of a
text, what it left out.
"""

from __future__ import annotations

from dataclasses import replace

from newstrace.match.anchors import FIGURES_KEPT, Chain, proportionate, translated
from newstrace.match.kinds import PairFeatures
from newstrace.match.pair_input import PairInput
from newstrace.text.scripts import DENSE_LANGUAGES

__all__ = ["FEW_ALIGNED", "FEW_ANCHORS", "PART_LEFT_OUT", "could_translate", "left_out",
           "pair_chain", "translation_confirmed"]


def pair_chain(a: PairInput, b: PairInput) -> Chain | None:
    """The anchor chain of a pair in two identified languages (``match.anchors``), with
    whether their lengths are a text's and its translation's where both languages are
    written with spaces."""
    la, lb = a.features.language, b.features.language
    if not la or not lb or la == lb:
        return None
    chain = translated(a.anchors, b.anchors)
    if chain is None or la in DENSE_LANGUAGES or lb in DENSE_LANGUAGES:
        return chain
    return replace(chain, proportionate=proportionate(a.length, b.length, chain.slope))


def could_translate(a: PairInput, b: PairInput) -> bool:
    """Whether two documents in different identified languages keep names and figures in
    the same order at the same places (``match.anchors``): a translation, worth aligning."""
    chain = pair_chain(a, b)
    return chain is not None and chain.translated()


#: A translation of part of a text leaves out at least this many characters of it (about
#: three sentences of news; the demo's German translation leaves out four paragraphs).
#: Less is how the two pages were read: WMT21's express.co.uk article and its Icelandic
#: translations are one headline and three sentences, and where the English page's
#: capitalised headline was cleaned off and the Icelandic one's kept, the English original
#: read as a translation of part of the Icelandic (20 machine translations oriented so,
#: most of them backwards).
PART_LEFT_OUT = 400


def left_out(a: PairInput, b: PairInput, features: PairFeatures, inner: str) -> bool:
    """Whether the side containing the ``inner`` one leaves enough of its text out of the
    translation to be its original (``PART_LEFT_OUT``)."""
    outer, aligned = (b, features.aligned_b) if inner == "a" else (a, features.aligned_a)
    return (1.0 - aligned) * outer.length >= PART_LEFT_OUT


#: A chain of this many anchors or fewer, with no figures kept to confirm it, is what two
#: outlets' reports of one event in two languages can share: the same four or five names in
#: the order the story tells them. SemEval 2022 Task 8's article pairs, drawn to be alike,
#: hold such reports (The Hindu's and ANI's of one press launch, two obituaries of one
#: publisher); on its tuning half the three called translations chained 4-5 anchors, none
#: with figures kept, and aligned at most 49% of one side's sentences by length and place.
FEW_ANCHORS = 5
#: ... so such a chain makes a translation only where this share of both texts' sentences
#: align (the tuning half's translations with such chains: 90% and more).
FEW_ALIGNED = 0.6


def translation_confirmed(chain: Chain, aligned_a: float, aligned_b: float) -> bool:
    """Whether a chain that makes two texts translations (``Chain.translated``) is borne
    out: a long chain, or figures kept, or, for a short one, both texts' sentences aligned
    by their lengths and places (``FEW_ANCHORS``)."""
    if chain.length > FEW_ANCHORS or (chain.figures is not None
                                      and chain.figures > FIGURES_KEPT):
        return True
    return min(aligned_a, aligned_b) >= FEW_ALIGNED
