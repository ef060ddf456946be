"""Stock sentences: boilerplate one publisher prints on many sites and days.

A publisher's boilerplate does not always stay on one site: Pew Research Center prints the
same "How we did this" methodology paragraph ("Everyone who took part is a member of Pew
Research Center's American Trends Panel (ATP) ...") on pewresearch.org, people-press.org,
journalism.org and pewsocialtrends.org, so the per-site template pass (``clean.templates``)
never sees it four times on one site. Left in, any two of those reports about different
surveys share a paragraph of narrative words, and were read as partial copies: on a
held-out AllSides month 5 of 12 reported derivations were pairs of Pew reports.

A sentence is stock when it is long (ten words or more), sits outside quotation marks and
credits, and recurs in at least ``min_docs`` documents of at least ``min_sites`` sites on at
least ``min_dates`` publication dates, while those documents share little else: a wire
story reprinted over several days by several sites recurs the same way, but its copies share
the whole story, not a paragraph: more than ``clean.templates.BLOCK`` sentences, or, for a
brief, three sentences or more that are two thirds of a typical page or more. Stock
sentences are removed from every document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from newstrace.clean.templates import (
    BLOCK,
    CREDIT,
    SentenceKeys,
    carried_together,
    mostly_shared,
    shared_sentences,
    without_sentences,
)
from newstrace.engine.protocol import Engine, start_each
from newstrace.model import Document
from newstrace.text.public import public_spans

__all__ = ["strip_stock_sentences"]

#: Words a sentence needs to be told apart from a common phrase or a name with a title.
_STOCK_WORDS = 10
#: Sentences a wire brief holds at least, and the share of its carriers' sentences it is (of
#: the lower median carrier): a brief is most of each page that reprints it, a publisher's
#: boilerplate paragraph ("About Acme", three sentences) well under that of a press
#: release's page, even a short one (three sentences of five: 0.6).
_BRIEF = 3
_MOSTLY = 2 / 3


def strip_stock_sentences(docs: Sequence[Document], min_docs: int = 4, min_sites: int = 3,
                          min_dates: int = 3, read: SentenceKeys | None = None,
                          engine: Engine | None = None) -> list[Document]:
    """The documents without the stock sentences of the corpus (``read``: the sentence
    keys read so far, shared by the corpus passes; the carriers' public words are read on
    ``engine``'s workers, None: here)."""
    read = read if read is not None else SentenceKeys()
    keys = [frozenset(k for k in read.of(doc) if k) for doc in docs]
    carriers: dict[str, list[int]] = defaultdict(list)
    for position, found in enumerate(keys):
        for key in found:
            carriers[key].append(position)
    stock = {key for key, positions in carriers.items()
             if len(key.split()) >= _STOCK_WORDS and _spread(docs, positions, min_docs,
                                                             min_sites, min_dates)}
    # a reprinted story's sentences are carried by documents sharing much more than a
    # paragraph (``BLOCK`` sentences), or most of their text in ``_BRIEF`` sentences or more
    # (a wire brief: six sentences printed by ten sites over four days were stripped but
    # for their one quotation); one judgment per set of carriers
    stock -= carried_together(carriers, stock,
                              lambda carried: _one_story([keys[p] for p in carried]))
    # quoted words and credits recur because they are public, not boilerplate (each carrier
    # read once, however many candidate sentences it holds)
    read_here = sorted({p for key in stock for p in carriers[key]})
    outside = start_each(engine, _told, [docs[p] for p in read_here])()
    narrative = {p: _keys_of(docs[p], own, read, stock)
                 for p, own in zip(read_here, outside, strict=True)}
    stock -= {key for key in stock for p in carriers[key] if key not in narrative[p]}
    if not stock:
        return list(docs)
    return [without_sentences(doc, stock, read) if keys[p] & stock else doc
            for p, doc in enumerate(docs)]


def _one_story(keys: Sequence[frozenset[str]]) -> bool:
    """Whether documents (their sentence keys) reprint one story rather than share a
    boilerplate paragraph."""
    shared = shared_sentences(keys)
    return len(shared) > BLOCK or (len(shared) >= _BRIEF and mostly_shared(keys, shared, _MOSTLY))


def _spread(docs: Sequence[Document], positions: Sequence[int], min_docs: int,
            min_sites: int, min_dates: int) -> bool:
    """Whether a sentence's documents are enough, on enough sites and dates."""
    return len(positions) >= min_docs and len({docs[p].site for p in positions}) >= min_sites \
        and len({docs[p].published for p in positions if docs[p].published}) >= min_dates


def _told(doc: Document) -> tuple[int, ...]:
    """The indices of a document's sentences outside its public words and credits (the
    sentences whose recurrence may be boilerplate; a worker's kernel, so it reads no
    shared cache)."""
    public = public_spans(doc.text, doc.paragraphs)
    return tuple(i for i, sentence in enumerate(doc.sentences)
                 if not CREDIT.search(sentence.slice(doc.text))
                 and not any(p.start < sentence.end and sentence.start < p.end
                             for p in public))


def _keys_of(doc: Document, sentences: Sequence[int], read: SentenceKeys,
             candidates: set[str]) -> set[str]:
    """The keys among ``candidates`` of the document's ``sentences``."""
    keys = (read.key(doc.sentences[i].slice(doc.text)) for i in sentences)
    return {key for key in keys if key is not None and key in candidates}
