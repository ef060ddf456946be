"""What kind of relation a pair of documents has, by transparent rules over pair features.

Every rule reads a few named features and, when it fires, says why in words. Thresholds and
where they come from:

- duplicate / excerpt: verbatim containment (0.9 both ways / 0.8 one way), calibrated on the
  reuse benchmark and PAN 2013 02 (the reuse-engine issue);
- rewrite: most of one document's sentences aligned (``REWRITE_ALIGNED``) at a mean
  similarity above ``REWRITE_SCORE``; a PAN 2013 03/04 passage aligns at 0.6-0.8 on average,
  unrelated sentences rarely above 0.45; with little narrative verbatim, only where the
  texts name a common source or one is retold whole (``_retold``);
- translation: names and figures in the same order at the same places in two identified
  languages (``match.anchors``, thresholds from WMT21's tuning half), or the aligned share
  of a rewrite across languages with a multilingual encoder; a translation of part of a text
  is the inner side, as an excerpt is;
- partial: reused passages (verbatim, or grown from aligned sentences) below those shares;
- same_story / same_topic: no reused text, but shared names and a close document vector; the
  cut-offs are those that best separate SemEval 2022 Task 8 pairs rated 1-2 (same story) from
  3 (related) and 4 (unrelated), see ``newstrace eval semeval``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

__all__ = [
    "DERIVATIONS",
    "DUPLICATE_COVERAGE",
    "EXCERPT_COVERAGE",
    "PairFeatures",
    "containment",
    "decide_kind",
    "link_kind",
    "link_possible",
    "one_story",
    "shared_public",
    "site_template",
    "story_similarity",
]

#: Both documents this much inside each other verbatim: the same article.
DUPLICATE_COVERAGE = 0.9
#: One document this much inside the other verbatim: an excerpt of it.
EXCERPT_COVERAGE = 0.8
REWRITE_ALIGNED = 0.6
REWRITE_SCORE = 0.55
#: Narrative reuse needed for a derivation (``match.narrative``), set on the tuning half of
#: the labelled AllSides pairs (``evaluate/labels/``): labelled copies share 51 or more
#: narrative words verbatim, independent reports of one event 0-29 (their shared text lies
#: in quotations). A partial needs ``PARTIAL_WORDS``, or aligned narrative sentences this
#: close over this share of one side. A duplicate or an excerpt, one side lying 80% inside
#: the other, only ``CONTAINED_WORDS``: independent reports never do that, except a page
#: that is one quoted statement (no narrative word), and a short excerpt (a tenth of an
#: article) holds few words. Read afterwards, 36 pairs sharing 30-49 narrative words (the
#: development and held-out crawls): 29 shared furniture, stock sentences or captions, 7
#: were copies at the edge, so the threshold stays (docs/how-it-works.md).
CONTAINED_WORDS = 10
PARTIAL_WORDS = 50
PARTIAL_SCORE = 0.75
PARTIAL_NARRATIVE = 0.3
#: A rewrite rewords the narrative: this share of one side's own narrative text aligned, at
#: this mean similarity (labelled rewrites 0.58-0.86 at 0.61-0.89; independent reports whose
#: likeness comes from shared quotations score 0.49-0.62 on their narrative).
REWRITE_NARRATIVE = 0.55
REWRITE_NARRATIVE_SCORE = 0.58
#: A rewrite with fewer than ``PARTIAL_WORDS`` narrative words verbatim and no credit must
#: retell a text whole: ``REWRITE_NARRATIVE`` of both sides' narrative, or ``RETOLD_WHOLE``
#: of one (a short spin of a long article), with this share of its aligned narrative
#: sentence pairs close (``match.narrative.CLOSE_SENTENCE``).
RETOLD_CLOSE = 0.5
RETOLD_WHOLE = 0.8
TRANSLATION_ALIGNED = 0.5
#: Story similarity (see ``story_similarity``) of a same_story and of a same_topic pair:
#: the cut-offs with the best accuracy on SemEval 2022 Task 8's English pairs for ratings
#: 1-2 against 3-4 (0.88) and 1-3 against 4 (0.86).
SAME_STORY = 0.525
SAME_TOPIC = 0.425
#: One site's pages this many days apart or more share its furniture, not a story.
STORY_DAYS = 30
#: Independent reports of one event are published within this many days of each other;
#: further apart they are a topic's (follow-ups, other developments). BASIL's reports of one
#: event (its 100 events, three outlets each, 300 pairs): 194 the same day, 74 a day apart,
#: 23 two, 8 three, 1 four. Thirty days (the rule before) made 25 of 32 same_story links
#: drawn at random from two AllSides crawls (fresh and spring) another event's report, read
#: by a person: they lay 1-26 days apart, the 7 real ones 0-2.
EVENT_DAYS = 3
#: One site's two pages that share only part of their text are versions of one article (an
#: update, a write-through) when published within this many days of each other; otherwise
#: what they share is the site's furniture (a gallery, a name box, a newsletter block). On
#: the tuning half of the labelled AllSides pairs, 20 of 21 same-site partial or rewrite
#: links further apart (or undated) shared only furniture. That rule stands only where the
#: corpus was not read (``PairFeatures.site_repeated`` is None): a traced corpus says which
#: shared text is furniture, text the site prints on other pages too
#: (``clean.templates.REPEATED_PAGES``), and then one site's pages sharing this share of
#: their verbatim text in it share furniture, whatever their dates. On the tuning half,
#: furniture pairs had all of it there, a site's follow-ups reusing its own paragraphs none.
VERSION_DAYS = 1
SITE_REPEATED = 0.5
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
    #: Narrative reuse (``match.narrative``): verbatim words outside and inside public words
    #: (quotations, posts, datelines, credits), the shares of each side's narrative text
    #: reused, and the mean similarity of the aligned narrative sentences.
    narrative_words: int = 0
    public_words: int = 0
    #: Verbatim words in a side's house notes (``text.house``: an editor's note, a
    #: methodology box, a call to the reader), counted as neither narrative nor public.
    house_words: int = 0
    narrative_a: float = 0.0
    narrative_b: float = 0.0
    narrative_score: float = 0.0
    #: The share of the aligned narrative sentence pairs that retell one sentence
    #: (``match.narrative.CLOSE_SENTENCE``).
    narrative_close: float = 0.0
    #: One text credits the other's outlet ("Fox News reported"), or both carry one wire's
    #: or one columnist's copy (``match.orient.credited``).
    credited: bool = False
    same_site: bool = False  # both pages are one site's (or one outlet's)
    #: The share of the verbatim shared text that the site repeats on other pages
    #: (``Document.repeated``); None where a side's corpus was not read.
    site_repeated: float | None = None
    #: Verbatim words one side quotes, crediting the other's outlet, and the other prints as
    #: its own text (``match.pair.quoted_words``).
    quoted_words: int = 0
    #: Across languages: the longest chain of names and figures in the same order at the
    #: same places (``match.anchors``), and its share of the smaller side's.
    anchor_chain: int = 0
    anchor_share: float = 0.0
    anchored: bool = False  # ... enough to make them translations (``Chain.translated``)
    #: A side is in a language the encoder does not cover (the cosine does not count), and,
    #: for two texts of one such language, how much they share their topic words, in [0, 1]
    #: (``match.foreign.topic_overlap``): it stands in for the rescaled cosine.
    foreign: bool = False
    topic: float | None = None

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


#: The weight of the topic words' overlap where it stands in for the cosine (0.2): in a
#: language the encoder does not cover, what a text is about is read from its words alone,
#: and they say more than the English vectors do (SemEval 2022 Task 8's tuning half, all
#: pairs: 0.606 at 0.2, 0.635 at 0.6, 0.640 at 1.0; past 0.6 the names, which say who and
#: where, would count for ever less). Words alone can make one story (0.6 / 1.1 = 0.545):
#: only where two texts share over a quarter of their stems.
TOPIC_WEIGHT = 0.6


def story_similarity(f: PairFeatures) -> float:
    """How strongly two documents report the same story, in [0, 1].

    Shared names weigh most (who and where), then the document vectors (what) and the
    aligned sentences; weights fitted on SemEval 2022 Task 8's English pairs (Pearson 0.76
    against the human Overall rating). Where the encoder does not cover a side's language
    the vectors say nothing: two texts of one language are compared by their topic words
    instead (``text.topics``), two languages by names (matched by sound) and aligned text
    alone.
    """
    reuse = max(f.aligned_a, f.aligned_b, f.verbatim_a, f.verbatim_b)
    if not f.foreign:
        return _similarity(f.cosine, f.names_dice, reuse)
    names = min(1.0, f.names_dice * 3.0)
    if f.cross_lingual:  # names and the text aligned by them, on the same scale
        return round((0.3 * names + 0.2 * reuse) / 0.5, 4)
    # One language the encoder does not cover: its sentences were aligned on vectors that
    # say nothing there (any two Japanese texts "aligned" whole: WMT21's tuning half had 22
    # unrelated Japanese articles called one story), so only verbatim text counts as reused,
    # and its topic words (stems, or pairs of characters) stand in for the vectors.
    verbatim = max(f.verbatim_a, f.verbatim_b)
    if f.topic is None:  # a script with no reading of its words: names and verbatim text
        return round((0.3 * names + 0.2 * verbatim) / 0.7, 4)
    return round((0.3 * names + TOPIC_WEIGHT * f.topic + 0.2 * verbatim)
                 / (0.5 + TOPIC_WEIGHT), 4)


#: A translation of part of a text: its own sentences nearly all aligned, the other's at most
#: this share, like an excerpt's (the demo's German translation of the first seven of
#: Northwire's eleven paragraphs). What the translation dropped says which side it is.
TRANSLATED_WHOLE, TRANSLATED_PART = 0.9, 0.75


def _translated_part(f: PairFeatures) -> str:
    """"a" or "b" when that side is a translation of part of the other, or ""."""
    if f.aligned_a >= TRANSLATED_WHOLE and f.aligned_b <= TRANSLATED_PART:
        return "a"
    if f.aligned_b >= TRANSLATED_WHOLE and f.aligned_a <= TRANSLATED_PART:
        return "b"
    return ""


def containment(coverage_a: float, coverage_b: float) -> str | None:
    """What two texts' verbatim coverages alone make them: "duplicate" (each this much
    inside the other, ``DUPLICATE_COVERAGE``), "excerpt" (one, ``EXCERPT_COVERAGE``), or
    None."""
    small, large = sorted((coverage_a, coverage_b))
    if small >= DUPLICATE_COVERAGE:
        return "duplicate"
    return "excerpt" if large >= EXCERPT_COVERAGE else None


def decide_kind(f: PairFeatures, window: float = EVENT_DAYS
                ) -> tuple[str, str, tuple[str, ...]] | None:
    """(kind, which side is inside the other or "", reasons), or None for unrelated pairs.

    The side is "a" or "b" when containment says which document is the derived one. Only
    narrative reuse (``match.narrative``) makes a derivation: a pair whose shared text is
    public words — quotations, quoted posts, datelines, credits — is two reports of one
    event (``shared_public``). Reports more than ``window`` days apart are never one
    event's (``same_story``).
    """
    small, large = sorted((f.verbatim_a, f.verbatim_b))
    copied = f.narrative_words >= CONTAINED_WORDS
    if f.same_site and _furniture(f, small, large):
        return site_template(f, window)
    contained = containment(f.verbatim_a, f.verbatim_b)
    if contained == "duplicate" and copied:
        return "duplicate", "", (f"{f.verbatim_a:.0%} and {f.verbatim_b:.0%} of the two texts "
                                 "are shared verbatim",)
    if contained == "excerpt" and copied:
        inner = "a" if f.verbatim_a >= f.verbatim_b else "b"
        return "excerpt", inner, (f"{large:.0%} of one text lies verbatim inside the other, "
                                  f"which shares only {small:.0%}",)
    aligned = max(f.aligned_a, f.aligned_b)
    if f.cross_lingual and f.anchored:
        return "translation", _translated_part(f), (
            f"{f.anchor_chain} names and figures ({f.anchor_share:.0%} of the smaller text's) "
            "appear in the same order at the same places in both languages; "
            f"{aligned:.0%} of one text's sentences align by length and place",)
    # sentences aligned by vectors say something across languages only where the encoder
    # covers both: a monolingual one puts any two texts of other languages close together
    if f.cross_lingual and not f.foreign and aligned >= TRANSLATION_ALIGNED \
            and f.mean_score >= REWRITE_SCORE:
        return "translation", "", (f"{aligned:.0%} of one text's sentences align across "
                                   f"languages (mean similarity {f.mean_score:.2f})",)
    told = max(f.narrative_a, f.narrative_b)
    if aligned >= REWRITE_ALIGNED and f.mean_score >= REWRITE_SCORE and not f.cross_lingual \
            and told >= REWRITE_NARRATIVE and f.narrative_score >= REWRITE_NARRATIVE_SCORE \
            and _retold(f):
        return "rewrite", "", (f"{aligned:.0%} of one text's sentences align to the other's "
                               f"(mean similarity {f.mean_score:.2f}; {told:.0%} of its own "
                               f"narrative at {f.narrative_score:.2f}) but only {large:.0%} is "
                               "verbatim",)
    # Across languages no word is shared verbatim, quotation or narrative (quotations are
    # translated too): the passages aligned by meaning are the evidence, as they were, where
    # the encoder that aligned them covers both languages (the English one put a German and
    # a French report of one summit "aligned" in a passage: no evidence of reuse).
    if f.passages and ((f.cross_lingual and not f.foreign)
                       or f.narrative_words >= PARTIAL_WORDS or (
            f.narrative_score >= PARTIAL_SCORE and told >= PARTIAL_NARRATIVE)):
        return "partial", "", (f"{f.passages} reused passage(s) cover {f.aligned_a:.0%} and "
                               f"{f.aligned_b:.0%} of the two texts' sentences, "
                               f"{f.narrative_words} words of narrative verbatim",)
    if f.passages and f.quoted_words >= PARTIAL_WORDS:
        return "partial", "", (f"{f.quoted_words} words one text quotes, crediting the "
                               "other's outlet, are the other's own text: a report quoting "
                               "the other document",)
    if f.passages and f.public_words:
        return shared_public(f, window)
    notes = bool(f.passages) and f.house_words >= max(1, f.narrative_words)
    # pages sharing only publishers' notes are judged as if they shared no text: the
    # notes' coverage is no likeness of their stories
    scored = replace(f, verbatim_a=0.0, verbatim_b=0.0, aligned_a=0.0, aligned_b=0.0) \
        if notes else f
    decided = link_kind(story_similarity(scored), f.shared_names, f.cosine, f.days_apart,
                        window)
    if not notes or decided is None:
        return decided
    return decided[0], "", (decided[2][0], f"the shared text is the publishers' own notes "
                            f"({f.house_words} words: an editor's note, a methodology box, "
                            "a call to the reader), not a copy")


def _retold(f: PairFeatures) -> bool:
    """Whether aligned narrative is evidence enough of a rewrite: some of it verbatim
    (``PARTIAL_WORDS``), or the texts say they share a source (one credits the other's
    outlet, one wire, one site), or a text retold whole sentence by sentence (a spin that
    removed every credit). Two reporters telling one event cover part of each other's facts
    in their own words: BASIL's independent reports and the labelled AllSides pairs that
    looked like rewrites align 3-6 narrative sentences, covering 0.11-0.41 of the less
    covered side's narrative and at most 0.78 of the other, a third or fewer of the pairs
    close (one: 0.8 of pairs close over 0.41 and 0.65), with at most 14 narrative words
    verbatim and no credit."""
    if f.narrative_words >= PARTIAL_WORDS or f.credited or f.same_site:
        return True
    whole = min(f.narrative_a, f.narrative_b) >= REWRITE_NARRATIVE \
        or max(f.narrative_a, f.narrative_b) >= RETOLD_WHOLE  # a condensed spin
    return whole and f.narrative_close >= RETOLD_CLOSE


def _furniture(f: PairFeatures, small: float, large: float) -> bool:
    """Whether one site's two pages share only the site's furniture (see ``VERSION_DAYS``).

    Where the site's repeats are known, by them alone: half the verbatim shared text
    repeated on other pages, neither page 80% inside the other (a version or a
    republication), whatever the dates. Unknown, by the dates: not a duplicate and more than
    ``STORY_DAYS`` apart, or neither page 80% inside the other and undated or more than
    ``VERSION_DAYS`` apart."""
    if f.site_repeated is not None:
        return large < EXCERPT_COVERAGE and f.site_repeated >= SITE_REPEATED
    if small < DUPLICATE_COVERAGE and f.days_apart is not None and f.days_apart > STORY_DAYS:
        return True
    return large < EXCERPT_COVERAGE and (f.days_apart is None or f.days_apart > VERSION_DAYS)


def site_template(f: PairFeatures, window: float = EVENT_DAYS
                  ) -> tuple[str, str, tuple[str, ...]] | None:
    """Two pages of one site sharing only the site's own furniture (a photo gallery, a
    member list, a sign-up box) that its template pass left in, not a copy (``_furniture``
    says when). A page the site republished whole stays a duplicate."""
    decided = link_kind(story_similarity(f), f.shared_names, f.cosine, f.days_apart, window)
    if f.site_repeated is not None:
        why = (f"one site's pages: {f.site_repeated:.0%} of the text they share is printed on "
               "its other pages too, the site's template, not a copy")
    else:
        apart = (f"{f.days_apart:.0f} days apart" if f.days_apart is not None
                 else "with no dates to make them versions")
        why = (f"one site's pages {apart}: the text they share is the site's template, "
               "not a copy")
    return (decided[0], "", (why, *decided[2][:1])) if decided else None


def shared_public(f: PairFeatures, window: float = EVENT_DAYS
                  ) -> tuple[str, str, tuple[str, ...]]:
    """Two reports sharing public words but no narrative: one event told twice, or another
    development of the story when they lie more than ``window`` days apart."""
    why = (f"the shared text is public words ({f.public_words} words inside quotations, "
           f"quoted posts, datelines or credits; {f.narrative_words} of the reporters' own): "
           "independent reports quoting the same statements")
    if f.days_apart is not None and f.days_apart > window:
        return "same_topic", "", (why, f"published {f.days_apart:.0f} days apart: a later "
                                       "development, not the same event")
    return "same_story", "", (why,)


def link_kind(score: float, shared_names: int, cosine: float, days_apart: float | None,
              window: float = EVENT_DAYS) -> tuple[str, str, tuple[str, ...]] | None:
    """same_story, same_topic or nothing, from the story similarity and the time apart
    (reports more than ``window`` days apart are never one event's)."""
    told = (f"story similarity {score:.2f}: {shared_names} shared names, document cosine "
            f"{cosine:.2f}")
    late = days_apart is not None and days_apart > window
    if score >= SAME_STORY and not late:
        return "same_story", "", (told, "no reused text")
    if score >= SAME_TOPIC:
        why = (f"published {days_apart:.0f} days apart: a later development, not the same "
               "event" if late and score >= SAME_STORY else "no reused text")
        return "same_topic", "", (told, why)
    return None


def one_story(kind: str, features: Mapping[str, Any] | None) -> bool:
    """Whether a link joins two reports of one story within ``STORY_DAYS``: one event's
    (``same_story``), or a ``same_topic`` pair that only its publication dates, more than
    ``EVENT_DAYS`` apart, kept from being one (a statement quoted again a week later).
    Claims compare statements across these: a claim's later carriers are carriers still,
    whatever the event. A ``same_topic`` link of an undated document is none: the pair
    alone would be one event's, so ``provenance.reconcile`` ruled it apart by the dates
    it inferred."""
    if kind == "same_story":
        return True
    if kind != "same_topic" or not features:
        return False
    f = PairFeatures(**features)
    if f.days_apart is None:
        return False
    decided = decide_kind(f, STORY_DAYS)
    return decided is not None and decided[0] == "same_story"
