"""The links evaluation: same_story links scored against pairs people read."""

from __future__ import annotations

import json
from pathlib import Path

from newstrace.evaluate.links import LINK_LABELS, LinkLabel, load_link_labels, score_links


def _report(kinds: dict[tuple[str, str], str]) -> tuple[dict[str, object], dict[str, str]]:
    """A report whose documents d<record> come from records <record>, with these links."""
    records = sorted({r for pair in kinds for r in pair})
    report = {"documents": [{"id": f"d{r}", "locator": f"crawl.jsonl#{r}"} for r in records],
              "relations": [{"source": f"d{b}", "derived": f"d{a}", "kind": kind}
                            for (a, b), kind in kinds.items()]}
    return report, {f"crawl.jsonl#{r}": r for r in records}


def test_precision_counts_the_linked_pairs_and_recall_the_labelled_events() -> None:
    labels = [LinkLabel("x", "a", "b", "same_story", "gate"),
              LinkLabel("x", "a", "c", "same_topic", "gate"),
              LinkLabel("x", "b", "c", "same_story", "gate"),
              LinkLabel("x", "c", "d", "unrelated", "gate")]
    traced = _report({("a", "b"): "same_story", ("a", "c"): "same_story",
                      ("b", "c"): "same_topic", ("c", "d"): "same_topic"})
    score = score_links(traced, labels)
    assert (score.labelled, score.linked, score.right, score.events) == (4, 2, 1, 2)
    assert score.precision == 0.5 and score.recall == 0.5
    assert score_links(_report({("a", "b"): "same_topic"}), labels[:1]).precision == 1.0


def test_the_shipped_labels_are_whole_and_split_in_halves() -> None:
    rows = [json.loads(line) for line in Path(LINK_LABELS).read_text().splitlines()]
    assert len(rows) == 112 and all(r["evidence"] and r["a"] < r["b"] for r in rows)
    assert {r["label"] for r in rows} == {"same_story", "same_topic", "unrelated"}
    gate = load_link_labels(crawl="held-out", half="gate")
    tune = load_link_labels(crawl="held-out", half="tune")
    assert len(gate) + len(tune) == 32 and gate and tune
