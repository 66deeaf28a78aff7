"""Mutation score of criteria/ (mutmut 3): how many small changes to the code the tests notice.

Works on a copy of the project in a temporary folder (mutmut writes a `mutants/` tree beside
the code), mutates the modules given (default: all of criteria/), runs the criteria tests against
each mutant (mutmut runs only the tests that reach the mutated function) and prints the score
and the surviving mutants. Not part of CI: over all of criteria/ it takes hours on this machine.

    .venv/bin/python bench/mutation.py [--only criteria/thresholds.py,criteria/summary.py] [--max-children 2] \
        [--sample 0.1 | --sample "criteria.summary.*7"] [--timeout SECONDS] [--keep]

A sampled (or cut) run also prints a 95 % confidence interval (Wilson) for the score of all the
mutants of the modules given.

Needs mutmut (`pip install mutmut`, in the `dev` extras).
"""
from __future__ import annotations

import argparse
import ast
import fnmatch
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SKIP = {".venv", "var", "mutants", ".git", "__pycache__", ".pytest_cache", "node_modules"}
# The tests of the criteria engine (no crawl, no browser): what a mutant of criteria/ must fail.
# The text analysers' own tests (texts/) do not reach criteria/ and are not listed.
TESTS = ["tests/test_criteria_*.py", "tests/test_reliability_thresholds.py"]
# A mutant that makes the tests time out or crash is noticed as surely as one that fails them.
KILLED = ("killed", "timeout", "segfault")


def sample_patterns(sample: str) -> list[str]:
    """mutmut name patterns for --sample: a fraction ("0.1", "25%") becomes every mutant whose number
    ends in one of round(fraction × 10^d) evenly spread endings of d digits (0.1 → "*7", 0.05 →
    "*07", "*_7", "*27", "*47", …); anything else is taken as comma-separated patterns. Mutants are numbered from 1 within
    each function, so the sample is systematic by number, not by content."""
    text = sample.strip()
    try:
        fraction = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        return [x.strip() for x in text.split(",") if x.strip()]
    if not 0 < fraction <= 1:
        raise ValueError(f"--sample {sample}: a fraction must be in (0, 1]")
    if fraction == 1:
        return []
    digits = next((d for d in (1, 2, 3) if abs(fraction * 10**d - round(fraction * 10**d)) < 1e-9), 3)
    size = 10**digits
    k = max(1, round(fraction * size))
    # endings spread over the range from 7, so that 0.1 keeps the "*7" of the earlier runs
    endings = sorted({(7 + i * size // k) % size for i in range(k)})
    patterns = []
    for e in endings:
        text_e = str(e).zfill(digits)
        patterns.append(f"*{text_e}")
        short = text_e.lstrip("0")
        if short and short != text_e:  # a number with fewer digits than the ending (7 for "07")
            patterns.append(f"*_{short}")
    return patterns


def wilson(killed: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion killed/n (sound at 0 % or 100 % and small n)."""
    if n == 0:
        return 0.0, 1.0
    p = killed / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def shared_fixtures() -> Path | None:
    """The real payloads the tests read (tests/conftest.py): $LEXWATCH_SHARED_FIXTURES, else
    shared/fixtures beside this checkout or, for a git worktree, beside the main checkout. Without
    them the tests that need them skip, and the mutants only they reach count as "no tests"."""
    if os.environ.get("LEXWATCH_SHARED_FIXTURES"):
        return Path(os.environ["LEXWATCH_SHARED_FIXTURES"])
    candidates = [REPO.parent / "shared" / "fixtures"]
    try:
        common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"], cwd=REPO,
                                capture_output=True, text=True, check=True).stdout.strip()
        candidates.append(Path(common).parent.parent / "shared" / "fixtures")
    except (OSError, subprocess.CalledProcessError):
        pass
    return next((c for c in candidates if c.is_dir()), None)


def module_of(mutant: str) -> str:
    """criteria.catalogue.consultation.x_cons_02__mutmut_3 -> criteria/catalogue/consultation.py"""
    m = re.match(r"(.+?)\.x[_ǁ]", mutant)
    return (m.group(1) if m else mutant.rsplit(".", 1)[0]).replace(".", "/") + ".py"


def copy_tree(dest: Path) -> None:
    for item in REPO.iterdir():
        if item.name in SKIP:
            continue
        target = dest / item.name
        if item.is_dir():
            shutil.copytree(item, target, ignore=shutil.ignore_patterns(*SKIP, "*.pyc"))
        else:
            shutil.copy2(item, target)


# mutmut 3 leaves decorated functions alone (it cannot put its switch behind an arbitrary
# decorator), which would leave out every criterion's check (@criterion) and every fact
# (@cached_property). In the copy these decorators are applied after the definition instead
# (`f = criterion(...)(f)`), which means the same to Python and lets mutmut mutate the bodies.
UNWRAP = ("criterion", "property", "cached_property", "functools.cache")


def unwrap_decorators(source: str) -> str:
    """The module with UNWRAP decorators applied by assignment after each function they decorate."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, str]] = []  # (first line, last line, replacement), 0-based, inclusive
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef) or not node.decorator_list:
            continue
        texts = [ast.get_source_segment(source, d) or "" for d in node.decorator_list]
        if not all(t.split("(")[0] in UNWRAP for t in texts):
            continue
        first = node.decorator_list[0].lineno - 1
        indent = lines[node.lineno - 1][: node.col_offset]
        applied = node.name
        for t in reversed(texts):
            applied = f"{t}({applied})"
        body = "".join(lines[node.lineno - 1 : node.end_lineno])
        edits.append((first, node.end_lineno - 1, f"{body.rstrip()}\n{indent}{node.name} = {applied}\n"))
    for first, last, text in sorted(edits, reverse=True):
        lines[first : last + 1] = [text]
    return "".join(lines)


def unwrap_tree(dest: Path, only: list[str]) -> None:
    for path in sorted((dest / "criteria").rglob("*.py")):
        rel = path.relative_to(dest).as_posix()
        if any(fnmatch.fnmatch(rel, pattern) for pattern in only):
            path.write_text(unwrap_decorators(path.read_text(encoding="utf-8")), encoding="utf-8")


def configure(dest: Path, only: list[str], max_children: int, test_patterns: list[str]) -> None:
    tests = sorted(str(p.relative_to(dest)) for pattern in test_patterns for p in dest.glob(pattern))
    quoted = lambda xs: "[" + ", ".join(f'"{x}"' for x in xs) + "]"  # noqa: E731
    section = f"""

[tool.mutmut]
source_paths = ["criteria"]
only_mutate = {quoted(only)}
also_copy = {quoted(["core", "texts", "db", "crawlers", "linking", "monitor", "simulation", "bench", "scrapy.cfg"])}
pytest_add_cli_args_test_selection = {quoted(tests)}
pytest_add_cli_args = ["-p", "no:cacheprovider", "-m", "not postgres", "-q"]
max_children = {max_children}
"""
    with (dest / "pyproject.toml").open("a", encoding="utf-8") as fh:
        fh.write(section)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="criteria/*", help="comma-separated globs of modules to mutate (default: criteria/*)")
    ap.add_argument("--max-children", type=int, default=2, help="mutants tested at once")
    # Every criterion runs on every evaluation, so mutmut picks every test that evaluates for each
    # mutant of the catalogue; a survivor then costs the whole selection. The catalogue needs no
    # store or thresholds-file tests: --tests narrows the selection.
    ap.add_argument("--tests", default=",".join(TESTS), help="comma-separated globs of test files to run")
    # A sample of the mutants (mutmut's name patterns, e.g. "criteria.catalogue.consultation.*7" for
    # every tenth): the score is then over the mutants checked, and the rest are counted apart.
    ap.add_argument("--sample", default="", help="a fraction of the mutants (0.1, 25%%) or comma-separated "
                    "mutant-name patterns to run (default: all)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary copy (its path is printed)")
    ap.add_argument("--timeout", type=float, default=6 * 3600, help="seconds for the whole run")
    args = ap.parse_args()
    if shutil.which("mutmut", path=str(Path(sys.executable).parent)) is None:
        print("mutmut is not installed: pip install mutmut", file=sys.stderr)
        return 2
    mutmut = str(Path(sys.executable).parent / "mutmut")
    try:
        names = sample_patterns(args.sample)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    fixtures = shared_fixtures()
    if fixtures is None or not fixtures.is_dir():
        print(f"warning: no shared fixtures ({fixtures or 'set LEXWATCH_SHARED_FIXTURES'}): the tests that read "
              "them skip and the mutants only they reach count as \"no tests\"", file=sys.stderr)
    tmp = Path(tempfile.mkdtemp(prefix="lexwatch-mutation-"))
    started = time.monotonic()
    try:
        copy_tree(tmp)
        only = [x.strip() for x in args.only.split(",") if x.strip()]
        unwrap_tree(tmp, only)
        configure(tmp, only, args.max_children, [x.strip() for x in args.tests.split(",") if x.strip()])
        # mutmut's tests import the mutated copy from mutants/: it must exist when the interpreter
        # starts (a missing PYTHONPATH entry is cached as having nothing to import)
        (tmp / "mutants").mkdir(exist_ok=True)
        env = {**os.environ, "PYTHONPATH": str(tmp / "mutants")}
        if fixtures is not None:
            env["LEXWATCH_SHARED_FIXTURES"] = str(fixtures)
        try:
            run = subprocess.run([mutmut, "run", *names], cwd=tmp, env=env, capture_output=True, text=True,
                                 timeout=args.timeout)
        except subprocess.TimeoutExpired as exc:  # score what was checked; the rest shows as "not checked"
            out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
            run = subprocess.CompletedProcess(exc.cmd, -9, out, f"stopped after {args.timeout:.0f} s")
        results = subprocess.run([mutmut, "results", "--all", "true"], cwd=tmp, env=env, capture_output=True, text=True)
        statuses: dict[str, str] = {}
        for line in results.stdout.splitlines():
            m = re.match(r"\s*(\S+): (.+)$", line)
            if m:
                statuses[m.group(1)] = m.group(2).strip()
        if names:  # the mutants left out of the sample are not part of the score
            statuses = {k: v for k, v in statuses.items() if any(fnmatch.fnmatch(k, n) for n in names)}
        counts = Counter(statuses.values())
        total = len(statuses)
        killed = sum(counts[s] for s in KILLED)
        if not total:
            print(run.stdout[-3000:], run.stderr[-3000:], sep="\n")
            print("no mutant results", file=sys.stderr)
            return 1
        print(f"mutants {total}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        checked = total - counts.get("not checked", 0)  # a run cut short leaves some unchecked
        print(f"mutation score {killed / max(checked, 1):.1%} (killed or timed out / {checked} checked) "
              f"in {time.monotonic() - started:.0f} s")
        if names or checked < total:
            low, high = wilson(killed, checked)
            print(f"95 % confidence interval (Wilson) for all the mutants of {args.only}: {low:.1%} – {high:.1%} "
                  f"(treats the {checked} checked as a random sample; "
                  f"{'cut short' if not names else ', '.join(names) if len(names) <= 6 else f'{len(names)} name patterns'})")
        if counts.get("no tests"):
            print(f"{counts['no tests']} mutants reached by no test of the selection (counted as not killed)")
        by_module: dict[str, Counter] = {}
        for name, status in statuses.items():
            by_module.setdefault(module_of(name), Counter())[status] += 1
        print("module | mutants checked | killed | not killed | score")
        for module, c in sorted(by_module.items()):
            k = sum(c[s] for s in KILLED)
            n = sum(c.values()) - c["not checked"]
            print(f"{module} | {n} | {k} | {n - k} | {k / max(n, 1):.1%}")
        survivors = sorted(k for k, v in statuses.items() if v not in (*KILLED, "not checked"))
        for name in survivors:
            print(f"  {statuses[name]:12} {name}")
        if counts.get("not checked"):
            tail = re.sub(r"[^\n]*\r", "", run.stdout)[-1500:]
            print(f"{counts['not checked']} mutants not checked: the run stopped early; its output ends:\n{tail}\n{run.stderr[-1500:]}")
        if args.keep:
            print(f"copy kept in {tmp} (mutmut show NAME there)")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
