"""Write the development crawl (``newstrace.evaluate.crawl.development_crawl``) as JSON lines.

The texts are third-party (AllSides, ../shared/data): the output goes outside the repository.

    python scripts/dev_crawl.py /tmp/dev/allsides-dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newstrace.evaluate.crawl import development_crawl

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "allsides"


def main(argv: list[str] | None = None) -> int:
    """Write the crawl to the path given."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA} is absent", file=sys.stderr)
        return 2
    records = development_crawl(DATA)
    with open(args.out, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(records)} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
