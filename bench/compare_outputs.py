"""Compare whimbrel's JSONL output at two commits on every input the project has.

    python bench/compare_outputs.py run  REV OUTDIR [--sets ...]   # analyse all inputs at REV
    python bench/compare_outputs.py diff OUTDIR_A OUTDIR_B          # print the differences
    python bench/compare_outputs.py REV_A REV_B                     # both runs, then the diff

``run`` extracts REV's ``src/`` with ``git archive`` into a temporary folder and
runs ``whimbrel analyze --format jsonl`` from it (this checkout's virtualenv,
``PYTHONPATH`` pointing at the extracted sources), so two commits are compared
with the same installed libraries and model. REV may be ``WORKTREE`` for the
files as they are now, committed or not.

Inputs: ``examples/`` (with its ``published.tsv``), the seed article, every
text fixture under ``tests/fixtures``, and each development corpus in
``../shared/eval/dev/`` (``*.input.jsonl``). Sets whose files are missing are
skipped with a line saying so. Runs use ``PYTHONHASHSEED=0``, so an output that
depends on set order shows as a difference between commits, not between runs.
``diff`` compares documents by id and prints,
per set, how many differ, and the first differing field of the first few.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PY = ROOT / ".venv" / "bin" / "python" if (ROOT / ".venv").exists() else Path(sys.executable)


#: Prepended to the child's code: spaCy imports every ``spacy_factories`` entry point of the
#: installed whimbrel when it builds a pipeline; an older commit's sources lack the modules
#: they name (whimbrel.stages...), and its own imports register its factories anyway.
TOLERATE_ENTRY_POINTS = (
    "import catalogue\n"
    "def _entry_points(self):\n"
    "    out = {}\n"
    "    for ep in self._get_entry_points():\n"
    "        try:\n"
    "            out[ep.name] = ep.load()\n"
    "        except ImportError:\n"
    "            pass\n"
    "    return out\n"
    "catalogue.Registry.get_entry_points = _entry_points\n"
)


def input_sets() -> dict[str, list[str]]:
    """Name -> arguments to ``whimbrel analyze`` (paths, or '-' with a stdin file)."""
    sets: dict[str, list[str]] = {"examples": [str(ROOT / "examples")]}
    seed = SHARED / "examples" / "seed-article.txt"
    if seed.exists():
        sets["seed"] = [str(seed), "--published", "2020-11-18"]
    fixtures = sorted(str(p) for p in (ROOT / "tests" / "fixtures").rglob("*.txt"))
    if fixtures:
        sets["fixtures"] = fixtures
    for path in sorted((SHARED / "eval" / "dev").glob("*.input.jsonl")):
        sets[path.name.removesuffix(".input.jsonl")] = [str(path)]
    return sets


def extract(rev: str, dest: Path) -> Path:
    if rev == "WORKTREE":
        return ROOT / "src"
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest / "src"


def run(rev: str, outdir: Path, only: list[str] | None, workers: int) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="whimbrel-compare-"))
    try:
        src = extract(rev, tmp)
        env = dict(os.environ, PYTHONPATH=str(src), WHIMBREL_CACHE_DIR=str(tmp / "cache"), PYTHONHASHSEED="0")
        for name, args in input_sets().items():
            if only and name not in only:
                continue
            target = outdir / f"{name}.jsonl"
            cmd = [str(PY), "-c", TOLERATE_ENTRY_POINTS + "import sys\nfrom whimbrel.cli import main\nsys.exit(main())",
                   "analyze", *args, "--format", "jsonl", "--workers", str(workers), "-o", str(target)]
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
            print(f"{rev} {name}: exit {proc.returncode}, {_count(target)} records", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _count(path: Path) -> int:
    return sum(1 for _ in path.open(encoding="utf-8")) if path.exists() else 0


def _records(path: Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for n, line in enumerate(path.open(encoding="utf-8")):
        rec = json.loads(line)
        key = str(rec.get("id") or rec.get("document", {}).get("id") or n)
        out[key] = rec
    return out


def _first_difference(a, b, where: str = "") -> str:
    if type(a) is not type(b):
        return f"{where or '.'}: {a!r:.120} != {b!r:.120}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return _first_difference(a.get(k), b.get(k), f"{where}.{k}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, f"{where}[{i}]")
    return f"{where or '.'}: {a!r:.120} != {b!r:.120}"


def diff(a_dir: Path, b_dir: Path, show: int = 3) -> int:
    """Print the differences; the number of differing documents."""
    total = 0
    for b_path in sorted(b_dir.glob("*.jsonl")):  # the sets of the second run (a partial run is fine)
        a_path = a_dir / b_path.name
        if not a_path.exists():
            print(f"{b_path.stem}: missing in {a_dir}")
            total += 1
            continue
        same_bytes = a_path.read_bytes() == b_path.read_bytes()
        a, b = _records(a_path), _records(b_path)
        differing = [k for k in a if a[k] != b.get(k)] + [k for k in b if k not in a]
        total += len(differing)
        state = "byte-identical" if same_bytes else f"{len(differing)} of {len(a)} documents differ"
        print(f"{a_path.stem}: {len(a)} documents, {state}")
        for key in differing[:show]:
            print(f"    {key}: {_first_difference(a.get(key), b.get(key))}")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("args", nargs="+")
    parser.add_argument("--sets", nargs="*", help="only these input sets")
    parser.add_argument("--workers", type=int, default=2)
    ns = parser.parse_args(argv)
    if ns.args[0] == "run" and len(ns.args) == 3:
        run(ns.args[1], Path(ns.args[2]), ns.sets, ns.workers)
        return 0
    if ns.args[0] == "diff" and len(ns.args) == 3:
        return 1 if diff(Path(ns.args[1]), Path(ns.args[2])) else 0
    if len(ns.args) == 2:
        base = Path(tempfile.mkdtemp(prefix="whimbrel-outputs-"))
        for i, rev in enumerate(ns.args):
            run(rev, base / f"{i}", ns.sets, ns.workers)
        return 1 if diff(base / "0", base / "1") else 0
    parser.error("expected: run REV OUTDIR | diff DIR_A DIR_B | REV_A REV_B")
    return 2


if __name__ == "__main__":
    sys.exit(main())
