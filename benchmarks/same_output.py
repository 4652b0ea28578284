"""Do two commits make the same handouts, byte for byte?

    python benchmarks/same_output.py BASE HEAD          # two commits (any git revision)
    python benchmarks/same_output.py BASE .             # a commit against the working tree as it is
    python benchmarks/same_output.py BASE HEAD --except planning-ahead,stopping-treatment

Each commit is unpacked into a temporary folder (``git archive``) and its
code is run from there (``PYTHONPATH``), with this Python and its installed
dependencies, through the command line that both commits share
(``mbcprep generate`` and ``mbcprep batch``).  It builds:

* every request file in that commit's ``examples/``, in each format, and its
  ``examples/roster.csv`` as a batch with the combined print file;
* a fixed set of requests: 1, 3, 5 and all concerns, in each mode (full,
  brief, questions only, large print), format and paper size, with each
  built-in language's pack and the test suite's small pack (``--pack``);
* a fixed roster as a batch, with the combined print file.

It prints one line per handout (a short hash for each commit) and then the
handouts that differ.  An example whose file changed between the commits is
named with its content hash, so it is listed as made by one commit only
instead of being compared.  Exit status 1 when any handout differs.

``--except CONCERNS`` leaves out of the comparison every handout whose
request has one of these concerns: for a change that alters those sheets on
purpose (issue 23: "What matters most to me" opens a planning-ahead or
stopping-treatment sheet).  They are listed apart, as "changed on purpose"
or "the same", and never fail the run.  So that the rest is still compared,
the builder then also makes every concern but these, and each roster
without the rows that have them.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CONCERN_SETS = {
    "1": "bones",
    "3": "bones,lungs,treatment-options",
    "5": "bones,brain,tiredness,treatment-options,side-effects",
    "all": None,  # every id of the pack, asked of the pack itself
}
MODES = {"full": [], "brief": ["--brief"], "questions-only": ["--questions-only"], "large-print": ["--large-print"]}
FORMATS = ("pdf", "html", "txt")
PAPERS = ("letter", "a4")
PACKS = {"en": "mbcprep/content/en-US", "es": "mbcprep/content/es-US", "small": "tests/fixtures/pack-small"}
PERSON = ["--name", "Ana Díaz Núñez", "--visit", "2026-12-03 10:30", "--provider", "Dr. Peña",
          "--note", "¿Puedo seguir trabajando? Pain at night, since 3 weeks.\nSecond line."]
FIXED_ROSTER = """name,visit,provider,concerns,subtype,large_print,brief,note,file
Ana Díaz,2026-12-03 09:00,Dr. Okafor,bones;treatment-options,hr-positive,no,no,Pain worse at night,
Łukasz Wróbel,2026-12-03 09:30,Dr. Okafor,tiredness;side-effects;eating-well,her2-positive,no,yes,,
Дарья Иванова,2026-12-03 10:00,Dr. Chen,lungs,triple-negative,yes,no,"Short of breath on stairs, since last week",
Zoë Nguyễn,2026-12-03 10:30,Dr. Chen,stopping-treatment;palliative-care,unknown,yes,no,,zoe
"""


# --------------------------------------------------------------------------
# The builder: runs inside the unpacked commit (``--build``)
# --------------------------------------------------------------------------


def build_all(root: Path, out: Path, excepted: frozenset[str] = frozenset()) -> tuple[dict[str, str], list[str]]:
    """Every handout of the fixed set and the examples: output name -> sha256, made with the code in ``root``;
    and the names of those whose request has an ``excepted`` concern."""
    from click.testing import CliRunner

    import mbcprep
    from mbcprep.cli import main

    if Path(mbcprep.__file__).resolve().parent != (root / "mbcprep").resolve():
        raise SystemExit(f"wrong mbcprep imported: {mbcprep.__file__}, expected the one in {root}")
    runner = CliRunner()
    hashes: dict[str, str] = {}
    excluded: list[str] = []

    def run(args: list[str]) -> None:
        result = runner.invoke(main, args, catch_exceptions=False)
        if result.exit_code != 0:
            raise SystemExit(f"mbcprep {' '.join(args)} failed ({result.exit_code}):\n{result.output}")

    def generate(key: str, args: list[str], fmt: str, concerns=()) -> None:
        target = out / f"{len(hashes):04d}.{fmt}"
        run(["generate", *args, "--format", fmt, "-o", str(target)])
        hashes[key] = digest(target.read_bytes())
        if excepted & set(concerns):
            excluded.append(key)

    def batch(key: str, roster: Path, extra: list[str], combined: bool = True) -> None:
        folder = out / f"batch-{len(hashes):04d}"
        run(["batch", str(roster), "--out-dir", str(folder), "--jobs", "1",
             *(["--combined", str(folder / "print-all.pdf")] if combined else []), *extra])
        touched = excepted & roster_concerns(roster)
        for path in sorted(folder.iterdir()):
            hashes[f"{key} {path.name}"] = digest(path.read_bytes())
            if touched:
                excluded.append(f"{key} {path.name}")
        if touched:  # the same roster without those rows, to compare the rest
            kept = out / f"kept-{len(hashes):04d}.csv"
            kept.write_text(without_rows(roster, excepted), encoding="utf-8")
            batch(f"{key} without {','.join(sorted(excepted))}", kept, extra, combined)

    examples = root / "examples"
    clinic = examples / "clinic.toml"
    for request in sorted(examples.glob("*.toml")):
        if request.name == clinic.name:
            continue
        for fmt in FORMATS:
            generate(f"example {request.name}@{short(request)} {fmt}", ["--from", str(request)], fmt,
                     request_concerns(request))
    roster = examples / "roster.csv"
    if roster.is_file():
        batch(f"example batch roster.csv@{short(roster)}", roster, ["--clinic", str(clinic)])
    fixed = out / "fixed-roster.csv"
    fixed.write_text(FIXED_ROSTER, encoding="utf-8")
    batch("fixed batch", fixed, [])
    # --combined is PDF only: the same roster as HTML, without it.
    batch("fixed batch html", fixed, ["--format", "html"], combined=False)

    for pack_name, pack_path in PACKS.items():
        pack = str(root / pack_path)
        ids = runner.invoke(main, ["concerns", "--ids", "--pack", pack], catch_exceptions=False).output.split()
        sets = dict(CONCERN_SETS)
        if excepted & set(ids):
            sets["all-but-excepted"] = ",".join(i for i in ids if i not in excepted)
        for set_name, concerns in sets.items():
            chosen = concerns or ",".join(ids)
            if pack_name == "small":
                if set_name != "1":
                    continue
                chosen = ids[0]
            # Half the sets get the clinic profile: the header and the panel's phone lines.
            with_clinic = ["--clinic", str(clinic)] if set_name in ("3", "all") else []
            for mode, mode_args in MODES.items():
                for paper in PAPERS:
                    for fmt in FORMATS:
                        args = ["-c", chosen, "--pack", pack, "--paper", paper, *mode_args, *PERSON, *with_clinic]
                        generate(f"{pack_name} {set_name} {mode} {paper} {fmt}", args, fmt, chosen.split(","))
        plain = ["-c", CONCERN_SETS["3"] if pack_name != "small" else ids[0], "--pack", pack, "--no-fillable"]
        generate(f"{pack_name} 3 plain letter pdf", plain, "pdf")
    return hashes, excluded


def request_concerns(path: Path) -> set[str]:
    """The concerns a request file names."""
    import tomllib

    return set(tomllib.loads(path.read_text(encoding="utf-8")).get("concerns", ()))


def roster_concerns(path: Path) -> set[str]:
    """Every concern any row of a roster names."""
    import csv

    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {c.strip() for row in csv.DictReader(handle) for c in (row.get("concerns") or "").split(";")}


def without_rows(path: Path, concerns: frozenset[str]) -> str:
    """The roster's text without the rows that name one of ``concerns``."""
    import csv

    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    column = [name.strip().lower() for name in rows[0]].index("concerns")
    kept = [rows[0]] + [row for row in rows[1:] if not concerns & {c.strip() for c in row[column].split(";")}]
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(kept)
    return text.getvalue()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def short(path: Path) -> str:
    """A file's content hash, short: an example whose file changed is not the same request."""
    return digest(path.read_bytes())[:8]


# --------------------------------------------------------------------------
# The comparer: unpacks each commit and runs the builder in it
# --------------------------------------------------------------------------


def hashes_of(revision: str, work: Path, excepted: frozenset[str] = frozenset()
              ) -> tuple[str, dict[str, str], list[str]]:
    """Build everything with ``revision`` ("." for the working tree); returns its name, hashes and the
    names left out of the comparison (``excepted``)."""
    if revision == ".":
        root, name = REPO, "working tree"
    else:
        name = subprocess.run(["git", "rev-parse", "--short", revision], cwd=REPO, check=True, capture_output=True,
                              text=True).stdout.strip()
        root = work / name
        root.mkdir()
        archive = subprocess.run(["git", "archive", "--format=tar", revision], cwd=REPO, check=True,
                                 capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(root, filter="data")
    out = work / f"out-{name.replace(' ', '-')}"
    out.mkdir()
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([sys.executable, __file__, "--build", str(root), str(out), ",".join(sorted(excepted))],
                            env=env, cwd=out, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"building with {name} failed:\n{result.stdout}{result.stderr}")
    built = json.loads(result.stdout)
    return name, built["hashes"], built["excluded"]


def compare(base: str, head: str, excepted: frozenset[str] = frozenset()) -> int:
    with tempfile.TemporaryDirectory(prefix="same-output-") as folder:
        work = Path(folder)
        base_name, before, left_out = hashes_of(base, work, excepted)
        head_name, after, right_out = hashes_of(head, work, excepted)
    apart = set(left_out) | set(right_out)
    print(f"{'handout':<58} {base_name[:12]:<12} {head_name[:12]:<12}")
    for key in sorted(before.keys() | after.keys()):
        left, right = before.get(key, "-"), after.get(key, "-")
        mark = "" if left == right else "  only one" if "-" in (left, right) else "  DIFFERS"
        mark = f"  (left out: {mark.strip() or 'the same'})" if key in apart else mark
        print(f"{key:<58} {left[:12]:<12} {right[:12]:<12}{mark}")
    common = (before.keys() & after.keys()) - apart
    differ = sorted(key for key in common if before[key] != after[key])
    print(f"\n{len(common)} handouts made by both: {len(common) - len(differ)} identical, {len(differ)} differ.")
    if apart:
        changed = sorted(key for key in apart if before.get(key) != after.get(key))
        print(f"Left out of the comparison ({len(apart)}, requests with {', '.join(sorted(excepted))}): "
              f"{len(changed)} changed on purpose, {len(apart) - len(changed)} the same.")
    for label, keys in ((base_name, before.keys() - after.keys()), (head_name, after.keys() - before.keys())):
        if keys:
            print(f"Made by {label} only ({len(keys)}): {', '.join(sorted(keys))}")
    if differ:
        print("Differ:\n  " + "\n  ".join(differ))
    return 1 if differ else 0


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--build":
        excepted = frozenset(filter(None, sys.argv[4].split(",")))
        hashes, excluded = build_all(Path(sys.argv[2]), Path(sys.argv[3]), excepted)
        print(json.dumps({"hashes": hashes, "excluded": excluded}))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="a git revision (a commit, a branch, HEAD~3)")
    parser.add_argument("head", help="another revision, or . for the working tree as it is")
    parser.add_argument("--except", dest="excepted", default="", metavar="CONCERNS",
                        help="leave out handouts whose request has one of these concerns (ids, with commas): "
                             "a change meant to alter them")
    args = parser.parse_args()
    raise SystemExit(compare(args.base, args.head, frozenset(filter(None, args.excepted.split(",")))))


if __name__ == "__main__":
    main()
