"""The command line: ``python -m twinmath demo | parity | bench`` (also ``twinmath ...``).

- ``demo``: the worked examples, computed by both backends side by side.
- ``parity``: the parity suite as a user runs it — random and worked cases for
  every operation through both backends, and a table of the worst error per
  operation relative to its bound; exits 1 if any is out of bound.
  ``parity --list`` lists the operations and their bounds.
- ``bench``: twinmath.go, twinmath.ref and numpy timed side by side.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

DESCRIPTION = "twinmath: the mathematics of machine learning, in Python/numpy and in Go, proven to agree."

EPILOG = """\
environment:
  TWINMATH_BACKEND   the backend that twinmath.<name> calls: "go" or "ref"
                     (default: "go" when the native library is built, else "ref");
                     demo, parity and bench always run both.

examples:
  python -m twinmath demo
  python -m twinmath parity --list
  python -m twinmath parity dot matmul --seed 3
  python -m twinmath bench --quick "matmul n=64"
"""

DEMO = """\
Compute every worked example of the documentation with twinmath.ref (Python
and numpy) and twinmath.go (the Go library through cffi), side by side, with a
parity verdict per example. Exits 1 if any pair differs beyond its bound."""

PARITY = """\
Run the parity checks: random cases (from --seed) and worked cases for every
operation through both backends, then print the worst observed error per
operation relative to its bound (0: bit for bit; at most 1 passes). Exits 1
if any operation is out of bound."""

BENCH = """\
Time twinmath.go, twinmath.ref and the plain numpy call on the same inputs,
in one process, and print the median time per call and the ratios to numpy.

Every contender may use every core: if OPENBLAS_NUM_THREADS, OMP_NUM_THREADS,
OPENBLAS_CORETYPE or GOMAXPROCS is set, the benchmark re-runs itself without
them and says so on its first line; --keep-env keeps them instead."""


def version() -> str:
    """Return the installed distribution's version (the package's own when not installed)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("twinmath")
    except PackageNotFoundError:
        from . import __version__

        return __version__


def parity_list() -> int:
    """Print the operations the parity suite checks, with their bounds."""
    from .parity import CHECKS

    print(f"{len(CHECKS)} operations (python -m twinmath parity OP ... checks only those):\n")
    for op, check in CHECKS.items():
        rule = textwrap.shorten(check.rule, 90)
        print(f"{op:<20} {rule}")
    return 0


def parity_main(seed: int, ops: list[str]) -> int:
    """Run the parity checks and print the report."""
    from . import backend
    from .parity import CHECKS, run

    unknown = [op for op in ops if op not in CHECKS]
    if unknown:
        print(
            f"unknown operation(s): {', '.join(unknown)} (python -m twinmath parity --list)", file=sys.stderr
        )
        return 2
    rows = run(backend("ref"), backend("go"), seed=seed, ops=ops or None)
    print(f"twinmath parity: twinmath.ref vs twinmath.go, random cases from seed {seed}")
    print("worst = largest |ref - go| / bound over the cases (0: bit for bit; <= 1 passes)\n")
    print(f"{'operation':<20} {'cases':>5} {'errors':>6} {'worst':>9}  {'verdict':<7} bound")
    for r in rows:
        print(
            f"{r.op:<20} {r.cases:>5} {r.errors:>6} {r.worst:>9.3g}  {'ok' if r.ok else 'FAIL':<7} {r.rule}"
        )
    failed = [r for r in rows if not r.ok]
    for r in failed:
        print(f"\n{r.op}:")
        for f in r.failures[:10]:
            print(f"  {f}")
    print(f"\n{len(rows) - len(failed)} of {len(rows)} operations within bound")
    return 1 if failed else 0


def parser() -> argparse.ArgumentParser:
    """Return the parser of the command line."""
    raw = argparse.RawDescriptionHelpFormatter
    p = argparse.ArgumentParser(
        prog="python -m twinmath", description=DESCRIPTION, epilog=EPILOG, formatter_class=raw
    )
    p.add_argument("--version", action="version", version=f"twinmath {version()}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser(
        "demo", help="the worked examples through both backends", description=DEMO, formatter_class=raw
    )
    par = sub.add_parser(
        "parity", help="the parity report: worst error per operation", description=PARITY, formatter_class=raw
    )
    par.add_argument("--seed", type=int, default=0, help="seed of the random cases (default 0)")
    par.add_argument("--list", action="store_true", help="list the operations and their bounds, then exit")
    par.add_argument("ops", nargs="*", metavar="OP", help="operations to check (default: all; see --list)")
    b = sub.add_parser(
        "bench", help="go / ref / numpy timed side by side", description=BENCH, formatter_class=raw
    )
    b.add_argument("--quick", action="store_true", help="fewer repeats (for a smoke test)")
    b.add_argument(
        "--keep-env",
        action="store_true",
        help="keep OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, OPENBLAS_CORETYPE and GOMAXPROCS as set",
    )
    b.add_argument("rows", nargs="*", metavar="ROW", help="only the rows whose name starts with one of these")
    return p


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command."""
    args = parser().parse_args(argv)
    if args.command == "demo":
        from .demo import main as demo_main

        return demo_main()
    if args.command == "parity":
        return parity_list() if args.list else parity_main(args.seed, args.ops)
    from .bench import main as bench_main

    return bench_main(quick=args.quick, only=args.rows, keep_env=args.keep_env)


def entry() -> None:
    """The ``twinmath`` console script."""
    sys.exit(main())


if __name__ == "__main__":
    sys.exit(main())
