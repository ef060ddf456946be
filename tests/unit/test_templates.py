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
