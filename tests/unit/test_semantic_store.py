"""The index's semantic stage: resumable, incremental, and the same as one clean run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace import Document, ingest
from newstrace.index.embed import load_encoder
from newstrace.stages import features, semantic
from newstrace.stages.semantic import query_semantic, relate_pending
from newstrace.stages.verbatim import add_documents, lookup
from newstrace.store.index import Index


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> list[Document]:
    return sorted((d for d in ingest([str(corpus_dir)]) if isinstance(d, Document)),
                  key=lambda d: d.id)


def rows(index: Index) -> list[str]:
    return sorted(body for (body,) in index._conn.execute("SELECT body FROM relations"))


def clean_run(path: Path, corpus: list[Document]) -> list[str]:
    with Index(path) as index:
        add_documents(index, corpus)
        relate_pending(index, load_encoder())
        return rows(index)


def test_a_killed_semantic_stage_is_finished_by_the_next_run(
        tmp_path: Path, corpus: list[Document], monkeypatch: pytest.MonkeyPatch) -> None:
    expected = clean_run(tmp_path / "clean.db", corpus)
    calls = {"n": 0}
    real = semantic._store

    def dies_on_second_batch(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        real(*args, **kwargs)  # type: ignore[arg-type]

    path = tmp_path / "killed.db"
    with Index(path) as index:
        add_documents(index, corpus)
        before = {a for (a,) in index._conn.execute("SELECT a FROM verbatim")}
        monkeypatch.setattr(semantic, "_store", dies_on_second_batch)
        with pytest.raises(KeyboardInterrupt):
            relate_pending(index, load_encoder(), batch_size=4)
        done = index._conn.execute("SELECT COUNT(*) FROM related").fetchone()[0]
        assert done == 4
        # the related batch's verbatim alignments went with its commit, the others wait
        waiting = {a for (a,) in index._conn.execute("SELECT a FROM verbatim")}
        assert waiting == {a for a in before if a > 4} and min(before) <= 4 < max(before)
        monkeypatch.setattr(semantic, "_store", real)
        assert relate_pending(index, load_encoder(), batch_size=4) == len(corpus) - 4
        assert rows(index) == expected
        assert index.verbatim_rows() == []  # all read, all let go


def test_adding_in_two_parts_gives_the_same_relations(tmp_path: Path,
                                                      corpus: list[Document]) -> None:
    expected = clean_run(tmp_path / "clean.db", corpus)
    with Index(tmp_path / "parts.db") as index:
        for part in (corpus[:4], corpus[4:]):
            add_documents(index, part)
            relate_pending(index, load_encoder())
        assert rows(index) == expected
        assert relate_pending(index, load_encoder()) == 0


def counted_loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rowids ``Index.load`` is asked for from now on, in order (repeats kept)."""
    loaded: list[int] = []
    real_load = Index.load

    def counting(self: Index, rowids: list[int]) -> dict[int, Document]:
        loaded.extend(rowids)
        return real_load(self, rowids)

    monkeypatch.setattr(Index, "load", counting)
    return loaded


@pytest.mark.parametrize("budget", [0, 60_000])
def test_readings_let_go_past_their_budget_give_the_same_relations(
        tmp_path: Path, corpus: list[Document], monkeypatch: pytest.MonkeyPatch,
        budget: int) -> None:
    """The stage keeps documents' readings up to a byte budget (``stages.features``): one
    let go and needed again is read again, and the relations do not change."""
    expected = clean_run(tmp_path / "clean.db", corpus)
    loaded = counted_loads(monkeypatch)
    monkeypatch.setattr(features, "FEATURES_BYTES", budget)
    with Index(tmp_path / "bounded.db") as index:
        add_documents(index, corpus)
        relate_pending(index, load_encoder(), batch_size=2)
        assert rows(index) == expected
    assert len(loaded) > len(set(loaded)), loaded  # some documents were read twice


def test_with_a_rescorer_no_reading_is_let_go(
        tmp_path: Path, corpus: list[Document], monkeypatch: pytest.MonkeyPatch) -> None:
    """A rescorer's vectors, once made, are aligned on in every later pair of two rescored
    documents, so letting them go would change relations: with one, the budget is not
    applied and every document is read once."""
    loaded = counted_loads(monkeypatch)
    monkeypatch.setattr(features, "FEATURES_BYTES", 0)
    with Index(tmp_path / "rescored.db") as index:
        add_documents(index, corpus)
        relate_pending(index, load_encoder(), batch_size=2, rescorer=load_encoder())
    assert sorted(loaded) == sorted(set(loaded))


def test_query_finds_a_rewrite_without_adding_it(tmp_path: Path,
                                                 corpus: list[Document]) -> None:
    rewrite = next(d for d in corpus if d.locator.startswith("04_"))
    with Index(tmp_path / "q.db") as index:
        add_documents(index, [d for d in corpus if d is not rewrite])
        relate_pending(index, load_encoder())
        found = query_semantic(index, rewrite, load_encoder(), lookup(index, rewrite))
        kinds = {json.dumps(r.kind) for r in found}
        assert '"rewrite"' in kinds
        assert index.count() == len(corpus) - 1


def test_what_a_querys_workers_share_pickles_without_the_index(
        tmp_path: Path, corpus: list[Document]) -> None:
    """A cluster engine pickles the record a query's candidates share: the candidates'
    documents and features travel, the index (an open SQLite connection), the encoder and
    the engine do not, and a worker still makes a candidate's pair input from them."""
    import pickle

    with Index(tmp_path / "index.db") as index:
        add_documents(index, corpus)
        kept = features.Features(index, load_encoder(), index.engine_in_use())
        rowids = [r for (r,) in index._conn.execute("SELECT rowid FROM documents")]
        kept.need(rowids)
        copied = pickle.loads(pickle.dumps(kept))
    assert copied.index is None and copied.engine is None and copied.encoder is None
    assert copied.pair_input(rowids[0]).features.doc_id == kept.docs[rowids[0]].id


def test_the_stages_read_the_index_through_its_public_methods() -> None:
    """Every stage (verbatim, semantic, the query's answer...) uses ``Index``'s public
    methods only: none reaches into its private attributes, so ``store/`` only stores and
    loads."""
    import ast
    from pathlib import Path

    folder = Path(semantic.__file__ or "").parent
    modules = sorted(folder.glob("*.py"))
    assert {"verbatim.py", "semantic.py", "answer.py", "features.py"} <= {
        m.name for m in modules}
    found = []
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") \
                    and not node.attr.startswith("__"):
                owner = node.value
                name = owner.id if isinstance(owner, ast.Name) else \
                    owner.attr if isinstance(owner, ast.Attribute) else None
                if name == "index":
                    found.append(f"{module.name}: index.{node.attr}")
    assert not found, found


def test_documents_not_aligned_yet_are_not_related(tmp_path: Path,
                                                   corpus: list[Document]) -> None:
    """Related before their verbatim alignment, they would be compared without it and the
    alignment stored later never read: the stage refuses, saying what to do."""
    from newstrace.errors import UsageError
    from newstrace.stages.verbatim import _Run

    with Index(tmp_path / "half.db") as index:
        run = _Run(index, shared=False)
        run.insert(run.prepare(corpus, set()))  # inserted, not aligned (a killed add)
        with pytest.raises(UsageError, match="not aligned yet"):
            relate_pending(index, load_encoder())
        add_documents(index, [])  # aligns what was pending
        assert relate_pending(index, load_encoder()) == len(corpus)


def test_a_copy_or_an_excerpt_by_its_verbatim_coverage_alone() -> None:
    """The pairs a rescorer skips: their verbatim passages cover a copy (both sides 90%)
    or an excerpt (one side 80%), as ``match.kinds`` reads them."""
    from newstrace.match.kinds import containment

    assert containment(0.95, 0.9) == "duplicate"
    assert containment(0.1, 0.8) == containment(0.8, 0.2) == containment(0.89, 0.95) == "excerpt"
    assert containment(0.79, 0.78) is None and containment(0.5, 0.5) is None
