"""Corpus-level template removal: a sentence that recurs across many documents of one site.

Page-level rules cannot know that "Follow us for more stories like this." is a site's footer;
the corpus can. Per site, a sentence (six words or more, compared case- and punctuation-blind)
that appears in at least ``min_docs`` documents and in at least ``min_share`` of that site's
documents is template text and is removed from all of them. The thresholds keep an article that
a site republished two or three times (a real duplicate newstrace must find) intact.

A large site's furniture is a small share of its pages: on the AllSides development crawl one
CNN photo gallery's captions sit in 27 of 294 CNN pages, each published on another day. So a
sentence is also template text when ``min_docs`` pages of the site carry it on at least
``min_dates`` different publication dates: a site republishes an article within days, not on
a dozen dates. Credit lines ("The Associated Press contributed to this report") recur the same
way but say where the text came from, so they stay.

Below those thresholds a sentence on three or more of a site's pages is kept but marked
(``mark_site_repeats``): the crawl's stray blocks and boxes (a newsletter sign-up on three
New York Times pages, a stray quotation block on five Flip Side pages) sit there, and so
could the paragraphs of an article the site updated twice, so the text stays and the
relation rules weigh it (``match.kinds.decide_kind``). A site's own follow-up that reuses
its earlier report's paragraphs shares them with that one page only.

Neither rule holds for the versions of one article: a story the site updated four times in
three days (a wire write-through, a live page recaptured) carries its paragraphs on every
version, on as many pages and dates as furniture. Its pages share most of their text within
days, where pages around a footer, a box or a gallery share a few sentences, or a larger
block over months, and differ otherwise; so a sentence is not template text when the pages
carrying it were published within ``VERSION_DAYS`` and share more than ``BLOCK``
sentences, at least half of a typical page's (``versions``; undated pages are judged on
their text). On the AllSides development crawl one CNN gallery's captions are half of ten
pages' text, on pages fourteen months apart. Stripped, such a story lost every shared
paragraph: five versions of seed 000's AP article over three days, two left empty and the
other sites' wire copies reported as `same_story` of the rest. A brief (a few sentences)
that its site updated four times is still stripped there, as furniture would be.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from newstrace.model import Document, Span
from newstrace.text.segment import segment_document

__all__ = [
    "BLOCK",
    "CREDIT",
    "REPEATED_PAGES",
    "VERSION_DAYS",
    "SentenceKeys",
    "carried_together",
    "forget_repeats",
    "mark_site_repeats",
    "mostly_shared",
    "sentence_key",
    "shared_sentences",
    "strip_site_templates",
    "versions",
    "without_sentences",
]

_WORD = re.compile(r"[^\W_]+")
#: Credit lines: they say where a text came from, so they stay however often they recur.
CREDIT = re.compile(r"\bcontributed to this (?:report|story)\b|\((?:AP|Reuters|AFP)\)\s*[—–-]"
                    r"|\bCopyright \d{4} (?:The )?(?:Associated Press|Reuters)\b"
                    r"|\bReporting by\b"
                    r"|\b(?:Associated Press|Reuters|AFP) (?:writer|reporter)s?\b",
                    re.IGNORECASE)


#: A sentence on this many of a site's pages is the site's repeated text: the two pages of a
#: pair and one more. On the tuning half of the labelled AllSides pairs, every same-site pair
#: that shared only furniture shared sentences on 3 or more pages, and every same-site copy
#: shared its sentences with no third page.
REPEATED_PAGES = 3

#: Sentences the pages carrying a repeated sentence may share in all (each carried by at
#: least half of them) and still be different pages around one block (a boilerplate
#: paragraph, a footer): pages sharing more tell one story.
BLOCK = 8
#: Days within which an article's versions are published (first to last): a site updates
#: or republishes a story within days.
VERSION_DAYS = 7


def sentence_key(sentence: str) -> str | None:
    """A sentence compared case- and punctuation-blind; None under six words."""
    words = _WORD.findall(sentence.casefold())
    return " ".join(words) if len(words) >= 6 else None


class SentenceKeys:
    """``sentence_key`` of a document's sentences, each distinct sentence read once: the
    corpus passes (site templates, stock sentences, site repeats) read every document's keys
    three or four times, and at 10,000 documents reading them was most of their time."""

    def __init__(self) -> None:
        self._memo: dict[str, str | None] = {}

    def key(self, sentence: str) -> str | None:
        """The sentence's key (``sentence_key``)."""
        try:
            return self._memo[sentence]
        except KeyError:
            found = self._memo[sentence] = sentence_key(sentence)
            return found

    def of(self, doc: Document) -> list[str | None]:
        """The keys of the document's sentences, in order."""
        return [self.key(s.slice(doc.text)) for s in doc.sentences]


def strip_site_templates(docs: Sequence[Document], min_docs: int = 4,
                         min_share: float = 0.25, min_dates: int = 3,
                         keys: SentenceKeys | None = None) -> list[Document]:
    """The documents with every sentence that is template text on their site removed
    (``keys``: the sentence keys read so far, shared by the corpus passes)."""
    keys = keys if keys is not None else SentenceKeys()
    by_site: dict[str, list[int]] = defaultdict(list)
    for position, doc in enumerate(docs):
        if doc.site:
            by_site[doc.site].append(position)
    out = list(docs)
    for members in by_site.values():
        if len(members) < min_docs:
            continue
        counts: Counter[str] = Counter()
        dates: dict[str, set[str]] = defaultdict(set)
        carriers: dict[str, list[int]] = defaultdict(list)
        found: dict[int, frozenset[str]] = {}
        for position in members:
            doc = docs[position]
            found[position] = frozenset(k for k in keys.of(doc) if k)
            counts.update(found[position])
            for key in found[position]:
                carriers[key].append(position)
                if doc.published:
                    dates[key].add(doc.published[:10])
        floor = max(min_docs, min_share * len(members))
        templates = {key for key, count in counts.items()
                     if count >= floor or (count >= min_docs and len(dates[key]) >= min_dates)}
        # an article's versions carry its paragraphs as furniture would (``versions``)
        templates -= carried_together(carriers, templates,
                                      functools.partial(_versions_of, found, docs))
        if templates:
            for position in members:
                out[position] = without_sentences(docs[position], templates, keys)
    return out


def carried_together(carriers: Mapping[str, Sequence[int]], candidates: Iterable[str],
                     judge: Callable[[tuple[int, ...]], bool]) -> set[str]:
    """The ``candidates`` whose documents (``carriers``: each sentence's, in order) ``judge``
    accepts, judged once per set of documents: a story's sentences share theirs."""
    judged: dict[tuple[int, ...], bool] = {}
    kept: set[str] = set()
    for key in candidates:
        carried = tuple(carriers[key])
        if carried not in judged:
            judged[carried] = judge(carried)
        if judged[carried]:
            kept.add(key)
    return kept


def _versions_of(found: Mapping[int, frozenset[str]], docs: Sequence[Document],
                 carried: tuple[int, ...]) -> bool:
    """``versions`` of the documents at ``carried`` (``found``: their sentence keys)."""
    return versions([found[p] for p in carried], [docs[p].published for p in carried])


def shared_sentences(keys: Sequence[frozenset[str]]) -> set[str]:
    """The sentences at least half of the given documents' ``keys`` carry."""
    counts: Counter[str] = Counter()
    for found in keys:
        counts.update(found)
    return {key for key, count in counts.items() if 2 * count >= len(keys)}


def versions(keys: Sequence[frozenset[str]], published: Sequence[str | None]) -> bool:
    """Whether documents (their sentence keys and publication dates) are versions of one
    text: those dated were published within ``VERSION_DAYS`` (undated pages are judged on
    their text alone), and they share more than ``BLOCK`` sentences (``shared_sentences``),
    at least half of the lower median document's. A footer or a box is a few sentences, so
    even on a short crawl's short pages it is no article's versions; a brief a site updated
    four times is stripped as the site's template still (its copies on other sites keep
    it)."""
    days = sorted(d[:10] for d in published if d)
    if days and _days_between(days[0], days[-1]) > VERSION_DAYS:
        return False
    shared = shared_sentences(keys)
    return len(shared) > BLOCK and mostly_shared(keys, shared, 0.5)


def mostly_shared(keys: Sequence[frozenset[str]], shared: set[str], share: float) -> bool:
    """Whether ``shared`` sentences are at least ``share`` of the documents' sentences, for
    the lower median document (half of the documents or more reach it)."""
    shares = sorted(len(found & shared) / len(found) for found in keys if found)
    return bool(shares) and shares[(len(shares) - 1) // 2] >= share


def _days_between(first: str, last: str) -> int:
    """Days from one ISO day to another; an unreadable day counts as far apart."""
    try:
        return (date.fromisoformat(last) - date.fromisoformat(first)).days
    except ValueError:
        return VERSION_DAYS + 1


def without_sentences(doc: Document, templates: set[str],
                      keys: SentenceKeys | None = None) -> Document:
    """The document minus the sentences keyed in ``templates`` (credit lines kept);
    paragraphs keep their breaks."""
    keys = keys if keys is not None else SentenceKeys()
    kept: dict[int, list[str]] = {}
    paras, at = doc.paragraphs, 0
    for sentence in doc.sentences:  # both sorted: one walk, not one per paragraph
        while at < len(paras) and paras[at].end <= sentence.start:
            at += 1
        if at == len(paras) or paras[at].start > sentence.start:
            continue  # outside every paragraph
        text = sentence.slice(doc.text)
        if keys.key(text) not in templates or CREDIT.search(text):
            kept.setdefault(at, []).append(text)
    joined = "\n\n".join(" ".join(kept[p]) for p in sorted(kept))
    if joined == doc.text:
        return doc
    return segment_document(replace(doc, text=joined))


def mark_site_repeats(docs: Sequence[Document], min_pages: int = REPEATED_PAGES,
                      keys: SentenceKeys | None = None) -> list[Document]:
    """The documents with ``repeated`` set: their sentences (``sentence_key``) that at least
    ``min_pages`` distinct pages of their site carry (a page read twice, or recaptured at
    another address with the same text, counts once). A page with no site repeats nothing;
    a site with fewer distinct pages than ``min_pages`` cannot show what it repeats, so its
    pages keep ``None`` (unknown)."""
    keys = keys if keys is not None else SentenceKeys()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    texts: dict[str, set[str]] = defaultdict(set)
    keyed: list[list[str | None]] = []
    for doc in docs:
        found = keys.of(doc)
        keyed.append(found)
        if doc.site and doc.text not in texts[doc.site]:
            texts[doc.site].add(doc.text)
            counts[doc.site].update({k for k in found if k})
    out: list[Document] = []
    for doc, found in zip(docs, keyed, strict=True):
        repeated: tuple[Span, ...] | None = ()
        if doc.site and len(texts[doc.site]) < min_pages:
            repeated = None
        elif doc.site:
            site = counts[doc.site]
            repeated = tuple(s for s, k in zip(doc.sentences, found, strict=True)
                             if k and site[k] >= min_pages)
        out.append(replace(doc, repeated=repeated))
    return out


def forget_repeats(docs: Sequence[Document], sites: set[str]) -> list[Document]:
    """The documents, with ``repeated`` unknown (None) on pages of ``sites``: pages joining
    sites an index holds already, whose earlier pages their reading did not see."""
    return [replace(d, repeated=None) if d.site in sites and d.repeated is not None else d
            for d in docs]
