"""``scripts/cue_verbs_polnear.py``, whose counts the README cites for the claim-source verbs: on a brat folder
written for the test (two annotators' files for one article), an occurrence counts as a cue when it overlaps an
annotator's ``Cue`` span, pieces of a discontinuous one included, and the script runs as a user runs it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "cue_verbs_polnear.py"


def _script():
    spec = importlib.util.spec_from_file_location("cue_verbs_polnear", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _split(root: Path) -> Path:
    split = root / "eval-data" / "polnear" / "train"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    text = ("The senator lamented the vote. Aides touted the bill. The team won the cup. "
            "Fans lamented the loss and then touted a new coach.")
    (split / "text" / "art_1.txt").write_text(text, encoding="utf-8")
    at = text.index
    (split / "attributions" / "art_1_ann1.ann").write_text(
        f"T1\tCue {at('lamented')} {at('lamented') + 8}\tlamented\n"
        f"T2\tSource {at('Aides')} {at('Aides') + 5}\tAides\n", encoding="utf-8")
    second = text.index("touted", at("Fans"))
    (split / "attributions" / "art_1_ann2.ann").write_text(  # a discontinuous cue: its second piece holds "touted"
        f"T1\tCue {at('Aides')} {at('Aides') + 5};{second} {second + 6}\tAides touted\n", encoding="utf-8")
    return split


def test_counts_occurrences_inside_any_annotators_cue(tmp_path):
    counts = _script().count(_split(tmp_path))
    assert counts["lament"] == (2, 1)  # the senator's is a cue, the fans' is not
    assert counts["tout"] == (2, 1)  # only the second "touted" lies in a piece of a cue
    assert counts["win (an act)"] == (1, 0)


def test_runs_as_a_user_runs_it_and_says_when_the_data_is_missing(tmp_path):
    _split(tmp_path)
    done = subprocess.run([sys.executable, str(SCRIPT), "--shared", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "lament" in done.stdout and "1 /     2" in done.stdout
    missing = subprocess.run([sys.executable, str(SCRIPT), "--shared", str(tmp_path / "nowhere")],
                             capture_output=True, text=True)
    assert missing.returncode != 0 and "needs ../shared" in missing.stderr
