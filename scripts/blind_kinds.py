"""The kind each audit set's claims got from the code of the day before the set was studied (issue 21).

The kind rules were written looking at the audit sets, so today's rules are right on nearly every claim of
those sets, far more often than on articles they never saw (0.96 against 0.73-0.84 at each set's blind
scoring). A model that learns where the rules go wrong must see the rules' errors as they are on unseen text:
for each set, this script checks out ``src/`` at the commit recorded below (``git archive``, into a temporary
folder), runs that code's ``claimpipe extract --min-checkworthiness 0`` on the set's twelve articles, and
writes the kind and the source of every claim whose offsets a label has to ``tests/data/blind_kinds.jsonl``
(set, file, offsets, kind, source: author or speaker, the speaker's name (the name only, as the labels hold names;
no other text), commit). ``claimpipe train kinds --encoder`` reads it (the kind encoder's stacker weighs the rules
as they were on each set before it was studied), and so does ``scripts/source_chooser_experiment.py`` (the names).

The commits: for each set, the commit that added it (no set's commit changed ``src/``), except where the set
was scored blind on a later commit than the one that added it (sets 12 to 15 and 18 to 26: the commits their
GUIDELINES, commit messages and the closing notes give; the twenty-seventh's is the code before the kind encoder,
`fd9b531`, as its default kinds were scored with; the twenty-eighth's, twenty-ninth's and thirty-seventh's the commits
they were scored once at, the last with ``--kinds trained``); the first set's is the commit that made the audit scorer (the tool before any claim-field fix). The
training sets (the thirty-first to thirty-sixth: labelled blind, one labeller each, to train on, never scored) have
the code of the day they were labelled, with ``--kinds trained`` (the rules' kind: from ``3e46f41`` on the kind
encoder is the default). The source rules are the same from ``fd9b531`` on, so the twenty-seventh to twenty-ninth
and the training sets' blind sources are today's rules' on text they never saw.

Usage (from the repository root, in a clone with its history; about half a minute per set):
    python scripts/blind_kinds.py [--shared ../shared] [--sets audit_set31 ...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "blind_kinds.jsonl"
COMMITS = {
    "audit": "c1e42f3", "audit_unseen": "25862fb", "audit_heldout": "cadb3b4", "audit_fresh": "72f7ef7",
    "audit_set5": "a13644c", "audit_set6": "3c771cb", "audit_set7": "be213e5", "audit_set8": "10b9705",
    "audit_set9": "391e547", "audit_set10": "3cf12d8", "audit_set11": "7f556b6", "audit_set12": "4bfe325",
    "audit_set13": "b696b88", "audit_set14": "1ced657", "audit_set15": "1ced657", "audit_set16": "60c4623",
    "audit_set17": "75e1c0c", "audit_set18": "8366cca", "audit_set19": "57be194", "audit_set20": "0668de0",
    "audit_set21": "369f09a", "audit_set22": "2f52545", "audit_set23": "b4ea779", "audit_set24": "8e2c2f5",
    "audit_set25": "1a82f1c", "audit_set26": "f51e80a", "audit_set27": "fd9b531", "audit_set28": "4c7a879",
    "audit_set29": "7d555e5",
    # the thirty-seventh: scored once, blind, at 2a84bde (its default kinds the encoder's; the rules' asked for here)
    "audit_set37": "2a84bde",
    # the training sets, labelled blind at the same time and never scored before: the code they were labelled at
    **{f"audit_set{n}": "952f532" for n in range(31, 37)},
}
# From 3e46f41 on the kind encoder is the default: the rules' kind (the kind model's) is asked for by name.
RULES_KINDS = {"952f532", "2a84bde"}


NAME_WORDS = 7  # a longer speaker name is a description the tool took from the text ("organisers of the ...")


def short_name(name):
    """The tool's speaker name, cut to its first :data:`NAME_WORDS` words: a name that long is a description made
    of the article's words, and no run of eight of them is kept."""
    words = (name or "").split()
    return " ".join(words[:NAME_WORDS]) if len(words) > NAME_WORDS else name


def blind_claims(name: str, commit: str, bbc: Path, work: Path) -> list[dict]:
    """The claims (file, start, end, kind) that ``commit``'s code makes on set ``name``'s articles."""
    labels = [json.loads(line) for line in (ROOT / "tests" / "data" / name / "fields.jsonl").open(encoding="utf-8")]
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], check=True, capture_output=True)
    code = work / name
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(code, filter="data")
    out = work / f"{name}-out"
    files = [str(bbc / lab["file"]) for lab in labels]
    options = ["--kinds", "trained"] if commit in RULES_KINDS else []
    subprocess.run([sys.executable, "-m", "claimpipe", "extract", *files, "--out", str(out), "--workers", "0",
                    "--min-checkworthiness", "0", *options], check=True, cwd=code, capture_output=True,
                   env={"PYTHONPATH": str(code / "src"), "PATH": str(Path(sys.executable).parent)})
    by_doc = {}
    for line in (out / "documents.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        by_doc[d["doc_id"]] = str(Path(d["source"]).relative_to(bbc))
    made = {}
    for line in (out / "claims.jsonl").open(encoding="utf-8"):
        c = json.loads(line)
        src = c.get("source") or {}
        made[(by_doc[c["doc_id"]], c["start"], c["end"])] = (c["kind"], src.get("type"), src.get("name"))
    rows = []
    for lab in labels:
        for c in lab["claims"]:
            got = made.get((lab["file"], c["start"], c["end"]))
            if got is not None:
                rows.append({"set": name, "file": lab["file"], "start": c["start"], "end": c["end"], "kind": got[0],
                             "source": got[1],
                             "name": short_name(got[2]) if got[1] == "speaker" else None, "commit": commit})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", nargs="*", help="only these sets (their rows replaced, the others' kept)")
    args = parser.parse_args()
    bbc = (args.shared / "eval-data" / "bbc-fulltext").resolve()
    todo = args.sets or list(COMMITS)
    unknown = set(todo) - set(COMMITS)
    if unknown:
        parser.error(f"no blind commit for {', '.join(sorted(unknown))}")
    kept = [json.loads(line) for line in OUT.open(encoding="utf-8")] if args.sets and OUT.is_file() else []
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, commit in COMMITS.items():
            if name not in todo:
                rows += [r for r in kept if r["set"] == name]
                continue
            got = blind_claims(name, commit, bbc, Path(tmp))
            print(f"{name} ({commit}): {len(got)} labelled claims", flush=True)
            rows += got
    OUT.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(rows)} claims)")


if __name__ == "__main__":
    main()
