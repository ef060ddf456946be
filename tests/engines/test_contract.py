"""Every engine passes the same suite: same outputs, same order, same reports."""

from __future__ import annotations

import functools
import operator
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newstrace.config import ReuseConfig
from newstrace.engine import Engine, LocalEngine, forked
from newstrace.engine.spark import SparkEngine
from newstrace.ingest.build import segment_document
from newstrace.model import Document
from newstrace.report.json_report import dump_report
from newstrace.stages.verbatim import add_documents
from newstrace.store.index import Index
from newstrace.trace import trace

#: The kernels are the standard library's: a cluster's workers import a kernel by its module,
#: and a test module is not importable there.
cube = functools.partial(pow, exp=3)


@pytest.fixture(scope="module")
def spark() -> Iterator[Engine]:
    """One Spark context on ``local[2]`` for the module (it takes seconds to start), mapping
    even two items on Spark, and at most 64 in one Spark job (so a map of 300 items runs as
    five jobs, and the reports' maps in several); skipped, saying why, without pyspark or a
    Java runtime."""
    pytest.importorskip("pyspark", reason="the Spark engine needs the [spark] extra")
    if shutil.which("java") is None:
        pytest.skip("the Spark engine needs a Java runtime")
    made = SparkEngine("local[2]", min_parallel=2, max_job_items=64)
    yield made
    made.close()


@pytest.fixture(params=["in-process", "two-workers", "spark"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    if request.param == "spark":
        yield request.getfixturevalue("spark")
        return
    made = LocalEngine(1) if request.param == "in-process" else LocalEngine(2, min_parallel=2)
    yield made
    made.close()


def test_map_is_ordered_and_complete(engine: Engine) -> None:
    assert list(engine.map(cube, range(300))) == [v ** 3 for v in range(300)]


def test_map_async_collects_in_order(engine: Engine) -> None:
    collect = engine.map_async(cube, list(range(100)))
    assert collect() == [v ** 3 for v in range(100)]
    batches = engine.map_async(cube, [3, 4], chunksize=1)  # batches: two are worth the pool
    assert batches() == [27, 64]


def test_map_shared_reads_one_record_for_every_item(engine: Engine) -> None:
    shared = [7 * v for v in range(200)]
    collect = engine.map_shared(operator.getitem, shared, list(range(199, -1, -1)))
    assert collect() == shared[::-1]
    assert engine.map_shared(operator.getitem, shared, [5], background=True)() == [35]
    sent = engine.map_shared(operator.getitem, shared, list(range(199, -1, -1)), send=True)
    assert sent() == shared[::-1]


def test_engines_give_byte_identical_reports(engine: Engine, corpus_dir: Path) -> None:
    reference = dump_report(trace([str(corpus_dir)], engine=LocalEngine(1)))
    assert dump_report(trace([str(corpus_dir)], engine=engine)) == reference


@pytest.mark.parametrize("sent", [False, True])
def test_forked_stages_give_byte_identical_reports(corpus_dir: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    sent: bool) -> None:
    """Enough copies for the changes and claims stages to fork their workers (64 items and
    more): one process and two give the same bytes, with the workers forked or (``sent``,
    as from ``engine.packed.SEND_FROM`` documents) started apart and sent their inputs
    packed."""
    servers: list[int] = []
    if sent:
        monkeypatch.setattr("newstrace.engine.packed.SEND_FROM", 0)
        started = forked.fork_server

        def counted() -> Any:
            servers.append(1)
            return started()
        monkeypatch.setattr(forked, "fork_server", counted)
    original = next(d for d in trace([str(corpus_dir / "01_northwire_original.html")])[
        "documents"])
    sentences = [original["text"][a:b] for a, b in original["sentences"]]
    (tmp_path / "original.txt").write_text(original["text"] + "\n")
    for number in range(70):  # excerpts of every length, some with a changed figure
        kept = sentences[: 4 + number % 12]
        text = " ".join(kept).replace("12,000", "20,000" if number % 5 == 0 else "12,000")
        (tmp_path / f"copy{number:02d}.txt").write_text(f"Copy {number}\n\n{text}\n")
    one = dump_report(trace([str(tmp_path)], engine=LocalEngine(1)))
    two = dump_report(trace([str(tmp_path)], engine=LocalEngine(2)))
    assert one == two
    assert '"number_changed"' in one  # the altered copies' changes are in both
    # sent: the claims' reading and links and the changes each started from the server
    assert len(servers) == (3 if sent else 0), servers


def test_default_engines_do_not_outlive_the_call(tmp_path: Path) -> None:
    import gc
    import multiprocessing
    import warnings

    for number in range(80):  # enough captures for a worker pool to start
        words = " ".join(f"word{number}x{k}" for k in range(40))
        (tmp_path / f"{number:03d}.txt").write_text(f"Headline {number} of the story\n\n{words}.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        report = trace([str(tmp_path)])
        gc.collect()  # a pool dropped without close() warns when it is collected
    assert report["summary"]["documents"] == 80
    assert not [w for w in caught if "multiprocessing pool" in str(w.message)]
    assert multiprocessing.active_children() == []


def _doc(name: str, text: str) -> Document:
    return segment_document(Document(id=Document.make_id(name, text), path=name, locator=name,
                                     format="text", text=text))


def test_what_pairs_share_verbatim_does_not_depend_on_the_batch_size(tmp_path: Path) -> None:
    """Document frequency is counted over the whole index, not as each batch sees it: a
    passage six documents share is too common (``max_df`` 3) to propose a pair whatever the
    batches, while two documents sharing their own passage are related in every run."""
    common = ("The council said the harbour works would close the northern quay for the "
              "whole of the spring season while the new sea wall is built by the contractor.")
    docs = []
    for number in range(6):
        own = " ".join(f"word{number}n{k}" for k in range(30))
        docs.append(_doc(f"board{number}.txt", f"{common} {own}."))
    shared = " ".join(f"lighthouse{k} keeper{k}" for k in range(20))
    docs += [_doc("a.txt", f"Morning report. {shared}."), _doc("b.txt", f"Evening copy. {shared}.")]
    found = []
    for size in (2, 3, 100):
        with Index(tmp_path / f"batch{size}.db", ReuseConfig(max_df=3)) as index:
            add_documents(index, docs, batch_size=size)
            found.append(index.verbatim_rows())
    assert found[0] == found[1] == found[2]
    locators = {d.id: d.locator for d in docs}
    assert {frozenset((locators[a], locators[b])) for a, b, _ in found[0]} == {
        frozenset(("a.txt", "b.txt"))}


def test_the_report_does_not_depend_on_the_input_order(corpus_dir: Path) -> None:
    """The demo corpus with its translations (the proposals across languages, the anchors
    and the sibling links all run), its files given in two orders: the same bytes."""
    multilingual = corpus_dir.parent / "multilingual"
    files = sorted(p for folder in (corpus_dir, multilingual) for p in folder.iterdir()
                   if p.suffix != ".md")
    forward = dump_report(trace([str(p) for p in files], engine=LocalEngine(1)))
    backward = dump_report(trace([str(p) for p in reversed(files)], engine=LocalEngine(1)))
    assert forward == backward
    assert '"translation"' in forward


def test_spark_gives_the_local_report_with_translations(spark: Engine, corpus_dir: Path
                                                        ) -> None:
    """Every stage on Spark (two items are enough to make a Spark job): the demo corpus
    with its translations, the same bytes as one local process."""
    paths = [str(corpus_dir), str(corpus_dir.parent / "multilingual")]
    local = dump_report(trace(paths, engine=LocalEngine(1)))
    assert dump_report(trace(paths, engine=spark)) == local
    assert '"translation"' in local


def _batched_report(paths: list[str], size: int, folder: Path) -> str:
    """The report of ``paths`` indexed and related ``size`` documents at a time."""
    from newstrace.clean.templates import forget_repeats
    from newstrace.index.embed import load_encoder
    from newstrace.ingest.pipeline import ingest
    from newstrace.report.json_report import build_report
    from newstrace.stages.semantic import relate_pending

    with LocalEngine(1) as engine:
        docs = sorted((d for d in ingest(paths, None, engine=engine)
                       if isinstance(d, Document)), key=lambda d: d.id)
        with Index(folder / f"batch{size}.db", None, engine) as index:
            add_documents(index, forget_repeats(docs, index.sites()), batch_size=size)
            encoder = load_encoder()
            relate_pending(index, encoder, batch_size=size)
            return dump_report(build_report(index.documents(), index.relations(),
                                            index.failures(), index.config_ or ReuseConfig(),
                                            encoder.name, model=encoder))


def test_the_report_does_not_depend_on_the_batches(corpus_dir: Path, tmp_path: Path) -> None:
    """Indexed and related 7 documents at a time or all at once (the demo with its
    translations): the same bytes as ``trace``'s."""
    paths = [str(corpus_dir), str(corpus_dir.parent / "multilingual")]
    whole = dump_report(trace(paths, engine=LocalEngine(1)))
    assert _batched_report(paths, 7, tmp_path) == whole
    assert _batched_report(paths, 500, tmp_path) == whole


def test_a_spark_job_takes_at_least_one_item() -> None:
    """A job size under one would lose every result (an empty range) or fail obscurely."""
    from newstrace.errors import UsageError
    with pytest.raises(UsageError, match="at least one item"):
        SparkEngine("local[2]", max_job_items=0)
