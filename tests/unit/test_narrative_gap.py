"""The narrative-words threshold of a partial against the pairs read in its gap.

``evaluate/labels/allsides_narrative_gap.jsonl`` holds 36 pairs of the AllSides development
and held-out crawls that share 30-49 narrative words verbatim, each read side by side
(2026-12-06): most share a site's furniture, a wire's stock sentence or a caption, a few
are copies at the edge. A threshold lowered into the gap must report at least as many
copies as false ones among them.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from newstrace.match.kinds import DERIVATIONS, PARTIAL_WORDS

GAP = files("newstrace.evaluate") / "labels" / "allsides_narrative_gap.jsonl"


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GAP.read_text(encoding="utf-8").splitlines()]


def test_the_gap_sample_is_what_its_docs_say() -> None:
    rows = _rows()
    assert len(rows) == 36
    assert all(30 <= r["narrative_words"] < 50 for r in rows)
    assert sum(r["kind"] in DERIVATIONS for r in rows) == 7


def test_the_partial_threshold_reports_mostly_copies_in_the_gap() -> None:
    above = [r for r in _rows() if r["narrative_words"] >= PARTIAL_WORDS]
    copies = sum(r["kind"] in DERIVATIONS for r in above)
    assert copies * 2 >= len(above), (PARTIAL_WORDS, copies, len(above))
