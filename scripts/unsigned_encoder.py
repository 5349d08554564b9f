"""Store the shipped encoder's int8 weights unsigned (``claimpipe.training.encoder.unsigned_weights``), in place.

The encoder as trained (``quantize_dynamic``, int8 weights) scores differently on x86 CPUs without VNNI:
onnxruntime's uint8 x int8 kernel there adds pairs of products in saturating 16-bit registers. With each weight
plus 128 and its zero point 128, the products are the same integers and onnxruntime takes the uint8 x uint8
kernel, which does not saturate. ``claimpipe train checkworthy --encoder`` now exports this way; this script
made the shipped ``model.onnx`` from the one trained before, and records it in ``meta.json``'s
``quantization``. It refuses a model whose weights are already unsigned.

Needs the ``onnx`` package (``pip install onnx``). Usage, from the repository root:
    python scripts/unsigned_encoder.py [--folder src/claimpipe/models/checkworthy/encoder]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from claimpipe.nlp.components.claims.encoder import ENCODER_DIR
from claimpipe.training.encoder import QUANTIZATION, unsigned_weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, default=ENCODER_DIR)
    folder = parser.parse_args().folder
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        written = Path(tmp) / "model.onnx"
        try:
            count = unsigned_weights(folder / "model.onnx", written)
        except ValueError as err:
            raise SystemExit(f"not rewritten: {err}") from None
        os.replace(written, folder / "model.onnx")
    meta = json.loads((folder / "meta.json").read_text())
    meta["quantization"] = QUANTIZATION
    (folder / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"{folder / 'model.onnx'}: {count} weights stored unsigned")


if __name__ == "__main__":
    main()
