"""``eval crawl`` scores a crawl's claims on the labelled pairs of its carriers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newstrace.cli import app, evaluate_cmd
from newstrace.evaluate.claim_pairs import load_claim_pairs

runner = CliRunner()


def _traced(pairs_same_together: bool) -> tuple[dict[str, Any], dict[str, str]]:
    """A report whose one claim holds both carriers of the first labelled fresh gate pair
    that says the same thing (or, when not ``pairs_same_together``, none of them)."""
    pair = next(p for p in load_claim_pairs(crawl="fresh", half="gate") if p.same)
    docs = [{"id": f"d{n}", "locator": f"crawl.jsonl#{n}", "text": ""} for n in range(2)]
    carriers = [{"doc": f"d{n}", "span": [side[1], side[2]]}
                for n, side in enumerate((pair.a, pair.b))]
    claims = [{"id": "k", "kind": pair.kind, "carriers": carriers}] if pairs_same_together \
        else []
    report = {"documents": docs, "relations": [], "claims": claims, "stories": []}
    return report, {"crawl.jsonl#0": pair.a[0], "crawl.jsonl#1": pair.b[0]}


@pytest.mark.parametrize("together", [True, False])
def test_eval_crawl_prints_the_claims_score(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                           together: bool) -> None:
    monkeypatch.setattr(evaluate_cmd, "trace_crawl", lambda folder, name: _traced(together))
    result = runner.invoke(app, ["eval", "crawl", str(tmp_path), "--crawl", "fresh", "--json"])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.output)["gate"]["claims"]
    gate = load_claim_pairs(crawl="fresh", half="gate")
    assert claims["same"] == sum(p.same for p in gate)
    assert claims["different"] == sum(not p.same for p in gate)
    assert claims["kept"] == (1 if together else 0) and claims["merged"] == 0
    # every carrier of a labelled same pair but the two in the claim is in no claim
    carriers = {side for p in gate if p.same for side in (p.a, p.b)}
    assert claims["missing"] == len(carriers) - (2 if together else 0)
    table = runner.invoke(app, ["eval", "crawl", str(tmp_path), "--crawl", "fresh"],
                          env={"COLUMNS": "240"})
    assert table.exit_code == 0 and "different kept apart" in table.output
    assert f"{1 if together else 0} of {claims['same']}" in table.output
