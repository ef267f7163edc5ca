"""``python -m twinmath demo | parity | bench``.

- ``demo``: the worked examples, computed by both backends side by side.
- ``parity``: the parity suite as a user runs it — random and worked cases for
  every operation through both backends, and a table of the worst error per
  operation relative to its bound; exits 1 if any is out of bound.
- ``bench``: twinmath.go, twinmath.ref and numpy timed side by side.
"""

from __future__ import annotations

import argparse
import sys


def parity_main(seed: int, ops: list[str]) -> int:
    """Run the parity checks and print the report."""
    from . import backend
    from .parity import run

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


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command."""
    parser = argparse.ArgumentParser(prog="python -m twinmath", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="the worked examples through both backends")
    p = sub.add_parser("parity", help="the parity report")
    p.add_argument("--seed", type=int, default=0, help="seed of the random cases (default 0)")
    p.add_argument("ops", nargs="*", help="operations to check (default: all)")
    b = sub.add_parser("bench", help="go / ref / numpy side by side")
    b.add_argument("--quick", action="store_true", help="fewer repeats (for a smoke test)")
    b.add_argument("rows", nargs="*", help="only the rows whose name starts with one of these")
    args = parser.parse_args(argv)
    if args.command == "demo":
        from .demo import main as demo_main

        return demo_main()
    if args.command == "parity":
        return parity_main(args.seed, args.ops)
    from .bench import main as bench_main

    return bench_main(quick=args.quick, only=args.rows)


if __name__ == "__main__":
    sys.exit(main())
