"""What kind of relation a pair of documents has, by transparent rules over pair features.

Every rule reads a few named features and, when it fires, says why in words. Thresholds and
where they come from:

- duplicate / excerpt: verbatim containment (0.9 both ways / 0.8 one way), calibrated on the
  reuse benchmark and PAN 2013 02 (the reuse-engine issue);
- rewrite: most of one document's sentences aligned (``REWRITE_ALIGNED``) at a mean
  similarity above ``REWRITE_SCORE``; a PAN 2013 03/04 passage aligns at 0.6-0.8 on average,
  unrelated sentences rarely above 0.45;
- translation: the same, across languages;
- partial: reused passages (verbatim, or grown from aligned sentences) below those shares;
- same_story / same_topic: no reused text, but shared names and a close document vector; the
  cut-offs are those that best separate SemEval 2022 Task 8 pairs rated 1-2 (same story) from
  3 (related) and 4 (unrelated), see ``newstrace eval semeval``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DERIVATIONS",
    "DUPLICATE_COVERAGE",
    "EXCERPT_COVERAGE",
    "PairFeatures",
    "decide_kind",
    "link_kind",
    "link_possible",
    "story_similarity",
]

#: Both documents this much inside each other verbatim: the same article.
DUPLICATE_COVERAGE = 0.9
#: One document this much inside the other verbatim: an excerpt of it.
EXCERPT_COVERAGE = 0.8
REWRITE_ALIGNED = 0.6
REWRITE_SCORE = 0.55
TRANSLATION_ALIGNED = 0.5
#: Story similarity (see ``story_similarity``) of a same_story and of a same_topic pair:
#: the cut-offs with the best accuracy on SemEval 2022 Task 8's English pairs for ratings
#: 1-2 against 3-4 (0.88) and 1-3 against 4 (0.86).
SAME_STORY = 0.525
SAME_TOPIC = 0.425
#: Reports this many days apart or more are a topic's follow-ups, never one story.
STORY_DAYS = 30
#: Kinds where one document is made from the other; the others are undirected links.
DERIVATIONS = ("duplicate", "excerpt", "rewrite", "translation", "partial")


@dataclass(frozen=True, slots=True)
class PairFeatures:
    """What the rules read about a pair (a, b); shares are of each document's text."""

    verbatim_a: float  # share of a inside verbatim passages
    verbatim_b: float
    aligned_a: float  # share of a's sentences (by length) aligned to b
    aligned_b: float
    mean_score: float  # mean similarity of the aligned sentence pairs
    passages: int  # reused passages (verbatim, or grown from aligned sentences)
    cross_lingual: bool
    cosine: float  # of the document vectors
    shared_names: int
    names_dice: float
    shared_numbers: int
    days_apart: float | None  # between publication dates, when both are known

    def to_json(self) -> dict[str, object]:
        """Features as a JSON-ready mapping, rounded for stable output."""
        # Read the slots directly: dataclasses.asdict deep-copies and is the slow part here.
        values = ((name, getattr(self, name)) for name in self.__slots__)
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in values}


def link_possible(cosine: float, names_dice: float) -> bool:
    """Whether a pair with no reused text could still be a same_topic link (the story
    similarity with no aligned text reaches ``SAME_TOPIC``): a cheap test that spares
    comparing pairs that can only come out unrelated."""
    return _similarity(cosine, names_dice, 0.0) >= SAME_TOPIC


def _similarity(cosine: float, names_dice: float, reuse: float) -> float:
    scaled = min(1.0, max(0.0, (cosine - 0.3) / 0.65))
    names = min(1.0, names_dice * 3.0)
    return round((0.3 * names + 0.2 * scaled + 0.2 * reuse) / 0.7, 4)


def story_similarity(f: PairFeatures) -> float:
    """How strongly two documents report the same story, in [0, 1].

    Shared names weigh most (who and where), then the document vectors (what) and the
    aligned sentences; weights fitted on SemEval 2022 Task 8's English pairs (Pearson 0.76
    against the human Overall rating).
    """
    reuse = max(f.aligned_a, f.aligned_b, f.verbatim_a, f.verbatim_b)
    return _similarity(f.cosine, f.names_dice, reuse)


def decide_kind(f: PairFeatures) -> tuple[str, str, tuple[str, ...]] | None:
    """(kind, which side is inside the other or "", reasons), or None for unrelated pairs.

    The side is "a" or "b" when containment says which document is the derived one.
    """
    small, large = sorted((f.verbatim_a, f.verbatim_b))
    if small >= DUPLICATE_COVERAGE:
        return "duplicate", "", (f"{f.verbatim_a:.0%} and {f.verbatim_b:.0%} of the two texts "
                                 "are shared verbatim",)
    if large >= EXCERPT_COVERAGE:
        inner = "a" if f.verbatim_a >= f.verbatim_b else "b"
        return "excerpt", inner, (f"{large:.0%} of one text lies verbatim inside the other, "
                                  f"which shares only {small:.0%}",)
    aligned = max(f.aligned_a, f.aligned_b)
    if f.cross_lingual and aligned >= TRANSLATION_ALIGNED and f.mean_score >= REWRITE_SCORE:
        return "translation", "", (f"{aligned:.0%} of one text's sentences align across "
                                   f"languages (mean similarity {f.mean_score:.2f})",)
    if aligned >= REWRITE_ALIGNED and f.mean_score >= REWRITE_SCORE and not f.cross_lingual:
        return "rewrite", "", (f"{aligned:.0%} of one text's sentences align to the other's "
                               f"(mean similarity {f.mean_score:.2f}) but only {large:.0%} is "
                               "verbatim",)
    if f.passages:
        return "partial", "", (f"{f.passages} reused passage(s) cover {f.aligned_a:.0%} and "
                               f"{f.aligned_b:.0%} of the two texts' sentences",)
    return link_kind(story_similarity(f), f.shared_names, f.cosine, f.days_apart)


def link_kind(score: float, shared_names: int, cosine: float, days_apart: float | None
              ) -> tuple[str, str, tuple[str, ...]] | None:
    """same_story, same_topic or nothing, from the story similarity and the time apart."""
    told = (f"story similarity {score:.2f}: {shared_names} shared names, document cosine "
            f"{cosine:.2f}")
    late = days_apart is not None and days_apart > STORY_DAYS
    if score >= SAME_STORY and not late:
        return "same_story", "", (told, "no reused text")
    if score >= SAME_TOPIC:
        why = (f"published {days_apart:.0f} days apart: a follow-up, not the same story"
               if late and score >= SAME_STORY else "no reused text")
        return "same_topic", "", (told, why)
    return None
