from __future__ import annotations

from newstrace.clean.templates import strip_site_templates
from newstrace.model import Document
from newstrace.text.segment import segment_document

FOOTER = "Follow the Harbour Herald on every platform for more local stories."


def make(number: int, site: str, footer: bool) -> Document:
    body = f"Story {number} begins with its own sentence about topic {number} today."
    text = body + ("\n\n" + FOOTER if footer else "")
    return segment_document(Document(id=str(number), path="p", locator=str(number),
                                     format="text", text=text, site=site))


def test_sentence_repeated_across_a_site_is_removed() -> None:
    docs = [make(i, "herald.example", True) for i in range(5)] + [make(9, "other", True)]
    out = strip_site_templates(docs)
    assert all(FOOTER not in d.text for d in out[:5])
    assert FOOTER in out[5].text  # one document of another site: no evidence of a template
    assert all(d.sentences[-1].slice(d.text) == d.text.split("\n\n")[-1] for d in out)


def test_a_story_republished_three_times_on_a_site_is_kept() -> None:
    docs = [make(1, "s", True), make(2, "s", True), make(3, "s", True)]
    assert [d.text for d in strip_site_templates(docs)] == [d.text for d in docs]


def test_a_big_sites_furniture_printed_on_many_dates_is_removed() -> None:
    """A gallery on 4 of a site's 40 pages, each of another day: under the share, still
    template text; the same sentence on 4 pages of one day is a republished story."""
    def dated(number: int, footer: bool, day: int) -> Document:
        from dataclasses import replace
        return replace(make(number, "big.example", footer), published=f"2016-05-{day:02d}")
    spread = [dated(i, i < 4, 1 + i) for i in range(40)]
    assert all(FOOTER not in d.text for d in strip_site_templates(spread)[:4])
    one_day = [dated(i, i < 4, 1) for i in range(40)]
    assert all(FOOTER in d.text for d in strip_site_templates(one_day)[:4])


def test_credit_lines_are_never_template_text() -> None:
    credit = "The Associated Press contributed to this report from Washington today."
    docs = [segment_document(Document(id=str(i), path="p", locator=str(i), format="text",
                                      text=f"Story {i} has its own first sentence here.\n\n"
                                           + credit, site="s")) for i in range(6)]
    assert all(credit in d.text for d in strip_site_templates(docs))


METHOD = ("Everyone who took part is a member of the institute's survey panel, recruited "
          "through national random sampling of residential addresses.")


def test_a_publishers_stock_sentence_across_sites_and_days_is_removed() -> None:
    from newstrace.clean.stock import strip_stock_sentences

    def page(n: int, site: str, extra: str) -> Document:
        text = (f"Report {n} on survey topic number {n} says what its own survey found.\n\n"
                f"{extra}")
        return segment_document(Document(id=str(n), path="p", locator=str(n), format="text",
                                         text=text, site=site, published=f"2020-06-0{n}"))

    sites = ("polls.example", "press.example", "news.example", "trends.example")
    stock = [page(n, sites[n % 4], METHOD) for n in range(1, 5)]
    assert all(METHOD not in d.text and "own survey" in d.text
               for d in strip_stock_sentences(stock))
    # quoted words recur because they are public: kept
    quoted = [page(n, sites[n % 4], f"The chair said: “{METHOD}”") for n in range(1, 5)]
    assert all(METHOD in d.text for d in strip_stock_sentences(quoted))
    # a story reprinted by four sites over four days shares the whole story: kept
    story = " ".join(f"Wire sentence {w} tells part {w} of the one story in ten words."
                     for w in ("one two three four five six seven eight nine ten".split()))
    reprints = [page(n, sites[n % 4], METHOD + " " + story) for n in range(1, 5)]
    assert all(METHOD in d.text for d in strip_stock_sentences(reprints))
    # on two sites only: a site pair's own business, left to the site template pass
    assert all(METHOD in d.text for d in strip_stock_sentences(
        [page(n, sites[n % 2], METHOD) for n in range(1, 5)]))


def test_stock_sentences_are_the_same_found_on_workers() -> None:
    """The carriers' public words read on two forked workers (64 carriers or more) give
    the documents read here: half the carriers quote the stock sentence, half print it."""
    from newstrace.clean.stock import strip_stock_sentences
    from newstrace.engine.local import LocalEngine

    def page(n: int) -> Document:
        said = f"The chair said: “{METHOD}”" if n % 2 else METHOD
        text = f"Report {n} on survey topic {n} says what its own survey found.\n\n{said}"
        return segment_document(Document(
            id=f"{n:03d}", path="p", locator=str(n), format="text", text=text,
            site=f"site{n % 5}.example", published=f"2020-06-{n % 28 + 1:02d}"))
    docs = [page(n) for n in range(80)]
    alone = strip_stock_sentences(docs)
    with LocalEngine(2) as engine:
        assert strip_stock_sentences(docs, engine=engine) == alone
    assert sum(METHOD in d.text for d in alone) == 40  # the quoted ones stay


def _article(paragraphs: int) -> list[str]:
    """An article's first ``paragraphs`` paragraphs, two sentences of its own words each."""
    return [f"The harbour board met on day {n} to weigh plan number {n} for the old docks. "
            f"Members heard {n + 3} witnesses describe what option {n} would cost the town."
            for n in range(paragraphs)]


def _version(number: int, paragraphs: int, day: int, site: str = "herald.example",
             extra: str = "") -> Document:
    from dataclasses import replace
    text = "\n\n".join(_article(paragraphs) + ([extra] if extra else []))
    doc = Document(id=f"v{number}", path="p", locator=f"v{number}", format="text", text=text,
                   site=site)
    return segment_document(replace(doc, published=f"2023-03-{day:02d}"))


def test_the_versions_of_one_article_keep_their_text() -> None:
    """An article the site updated four times over three days (each version adding a
    paragraph) carries its paragraphs on five pages and three dates, as furniture would;
    its pages share most of their text within days, so nothing is stripped."""
    docs = [_version(n, 6 + n, 1 + n // 2) for n in range(5)]
    assert [d.text for d in strip_site_templates(docs)] == [d.text for d in docs]


def test_a_large_block_on_pages_months_apart_is_still_template_text() -> None:
    """The same block (a gallery's captions, here ten sentences, half of each page) on five
    pages of a site published months apart: furniture, stripped, however much of each page
    it is."""
    from dataclasses import replace
    gallery = " ".join(f"Photo {n} of the gallery shows the old docks from the north pier "
                       f"at dawn." for n in range(10))
    docs = [replace(_version(n, 0, 1, extra=f"Story {n} tells its own news about item {n} "
                                            f"at length today. " * 1 + gallery),
                    published=f"2016-{1 + 2 * n:02d}-01") for n in range(5)]
    docs = [segment_document(d) for d in docs]
    assert all("Photo 3 of the gallery" not in d.text and f"Story {n}" in d.text
               for n, d in enumerate(strip_site_templates(docs)))


def test_pages_sharing_a_block_are_not_versions() -> None:
    """``versions``: pages sharing most of their text within days are one article's
    versions (undated pages judged on their text alone); pages a month apart, pages sharing
    no more than ``BLOCK`` sentences (a footer, on however short pages), or more but under
    half of a typical page, are not."""
    from newstrace.clean.templates import BLOCK, SentenceKeys, versions
    read = SentenceKeys()
    five = [_version(n, 6 + n, 1 + n // 2) for n in range(5)]
    keys = [frozenset(k for k in read.of(d) if k) for d in five]
    assert versions(keys, [d.published for d in five])
    assert versions(keys, [None] * 5)
    assert not versions(keys, ["2023-03-01"] * 4 + ["2023-04-09"])

    def pages(shared: int, own: int) -> list[frozenset[str]]:
        return [frozenset({f"shared sentence {m}" for m in range(shared)}
                          | {f"page {n} own sentence {m}" for m in range(own)})
                for n in range(5)]
    days = ["2023-03-01"] * 5
    assert versions(pages(BLOCK + 1, BLOCK + 1), days)
    assert not versions(pages(BLOCK, 0), days)  # a block, however alike the pages
    assert not versions(pages(3, 2), days) and not versions(pages(3, 2), [None] * 5)
    assert not versions(pages(BLOCK + 1, BLOCK + 2), days)  # under half of each page


def test_a_footer_on_a_short_crawls_short_pages_is_still_template_text() -> None:
    """Eight short pages of one site within a week (or undated), each two sentences of its
    own and the same three-sentence footer: the footer is stripped, the pages kept."""
    from dataclasses import replace
    footer = ("Sign up for the Harbour Herald newsletter to get the day's top stories. "
              "Follow the Harbour Herald on every platform for more local stories. "
              "Send your news tips to the Harbour Herald newsroom at any hour today.")
    for dated in (True, False):
        docs = [replace(make(n, "herald.example", False),
                        published=f"2023-03-0{1 + n % 5}" if dated else None)
                for n in range(8)]
        docs = [segment_document(replace(d, text=f"{d.text} Its second sentence tells what "
                                                 f"story {n} found out today.\n\n{footer}"))
                for n, d in enumerate(docs)]
        out = strip_site_templates(docs)
        assert all("newsletter" not in d.text and f"story {n} found" in d.text
                   for n, d in enumerate(out))


def test_a_wire_brief_reprinted_over_days_is_not_stock() -> None:
    """A brief of four sentences that four sites print over four days, each page with a
    line of its own: most of each page, so a reprinted story, kept. The same four sentences
    as a paragraph of long pages about other things, or a three-sentence "About" paragraph
    of short press releases, are a publisher's boilerplate: stripped."""
    from newstrace.clean.stock import strip_stock_sentences
    brief = " ".join(f"The wire brief's sentence {w} reports part {w} of the harbour fire "
                     "story." for w in ("one two three four".split()))
    sites = ("polls.example", "press.example", "news.example", "trends.example")

    def page(n: int, own: int) -> Document:
        mine = " ".join(f"Page {n} line {m} tells its own local news in twelve words today."
                        for m in range(own))
        return segment_document(Document(id=str(n), path="p", locator=str(n), format="text",
                                         text=f"{brief}\n\n{mine}", site=sites[n % 4],
                                         published=f"2020-06-0{n}"))
    briefs = [page(n, 1) for n in range(1, 6)]
    assert [d.text for d in strip_stock_sentences(briefs)] == [d.text for d in briefs]
    long_pages = [page(n, 10) for n in range(1, 6)]
    assert all("wire brief" not in d.text and f"Page {n} line 9" in d.text
               for n, d in enumerate(strip_stock_sentences(long_pages), start=1))
    # an "About" paragraph of three sentences on short press releases (two sentences of
    # their own, 0.6 of each page): boilerplate still
    about = " ".join(f"Acme Harbour Works builds part {w} of the cranes that load the ships "
                     "today." for w in ("one two three".split()))

    def release(n: int) -> Document:
        mine = " ".join(f"Release {n} line {m} announces its own news in twelve words today."
                        for m in range(2))
        return segment_document(Document(id=str(n), path="p", locator=str(n), format="text",
                                         text=f"{mine}\n\n{about}", site=sites[n % 4],
                                         published=f"2020-06-0{n}"))
    assert all("Acme" not in d.text and f"Release {n} line 1" in d.text for n, d in
               enumerate(strip_stock_sentences([release(n) for n in range(1, 6)]), start=1))
