"""Write go/testdata/vectors/<op>.json from twinmath.ref: the shared test vectors.

Run with ``make vectors``. For every operation of ``twinmath.parity.CHECKS``
the file holds its cases (the arguments, the reference result and the
entrywise bound on |ref − go| that ``twinmath.tolerances`` derives for it, 0
meaning bit for bit) and its error cases (the exception class and message the
reference raises). ``go test`` reads them to prove parity without Python;
``tests/test_shared_vectors.py`` fails when they are stale.

A result of several parts (a named tuple such as svd's) is written as a
list of parts with ``"parts": n``, and its shapes and bounds as lists too.
A complex array (eig's results) is written as ``{"re": [...], "im": [...]}``,
its bound applying to both parts.

Floats are JSON numbers written with Python's shortest round-trip repr (Go's
strconv.ParseFloat reads them back to the same bits); NaN and ±inf, which
JSON lacks, are the strings "nan", "inf" and "-inf". Cases whose arguments
hold more than MAX_VALUES numbers are left to ``python -m twinmath parity``,
to keep the files small, and so are those with an integer beyond int64
(``matrix_power``'s 2**100 + …), which no Go int holds.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import twinmath
from twinmath import tolerances as tol
from twinmath.parity import CHECKS, FUNCTIONS, Check, outcome, rng_for

VECTORS = Path(__file__).resolve().parent.parent / "go" / "testdata" / "vectors"
SEED = 0
MAX_VALUES = 600


def encode(x: Any) -> Any:
    """Return ``x`` in the JSON form of the vectors."""
    if isinstance(x, dict):
        return {k: encode(v) for k, v in x.items()}
    if isinstance(x, np.ndarray):
        if np.iscomplexobj(x):
            return {"re": encode(x.real), "im": encode(x.imag)}
        return encode(x.tolist())
    if isinstance(x, (list, tuple)):
        return [encode(v) for v in x]
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        f = float(x)
        if math.isnan(f):
            return "nan"
        if math.isinf(f):
            return "inf" if f > 0 else "-inf"
        return f
    if isinstance(x, str):
        return x
    raise TypeError(f"cannot write {type(x).__name__} to a vector file")


def shapes(args: dict[str, Any]) -> dict[str, list[int]]:
    """Return the shape of every array argument (JSON cannot tell [] of 0x3 from [])."""
    return {
        k: list(np.shape(v)) for k, v in args.items() if isinstance(v, (list, tuple, np.ndarray, float, int))
    }


def values(args: dict[str, Any]) -> int:
    """Return how many numbers the arguments hold."""
    return sum(np.size(v) for v in args.values() if not isinstance(v, str))


def beyond_int64(args: dict[str, Any]) -> bool:
    """Return whether an argument is an integer beyond int64, which no Go int holds."""
    return any(
        isinstance(v, int) and not isinstance(v, bool) and not -(2**63) <= v < 2**63 for v in args.values()
    )


def document(check: Check) -> dict[str, Any]:
    """Return the vector file of one operation."""
    ref = twinmath.backend("ref")
    cases: list[dict[str, Any]] = []
    for label, args in check.cases(rng_for(check.op, SEED)):
        if values(args) > MAX_VALUES or beyond_int64(args):
            continue
        result, err = outcome(ref, check.op, args)
        case: dict[str, Any] = {
            "id": len(cases) + 1,
            "comment": label,
            "args": encode(args),
            "shapes": shapes(args),
        }
        if err is not None:
            case["error"] = {"type": type(err).__name__, "message": str(err)}
        else:
            with np.errstate(all="ignore"):
                bound = check.entry_bound(args, result)
            if check.bound is None:
                case["exact"] = True
            if isinstance(result, tuple):
                # Several parts (svd's U, s, Vt): a list of parts, each with
                # its shape and its bound.
                case["parts"] = len(result)
                case["result"] = [encode(r) for r in result]
                case["result_shape"] = [list(np.shape(r)) for r in result]
                case["tol"] = [encode(b) for b in bound]
            else:
                case["result"] = encode(result)
                case["result_shape"] = list(np.shape(result))
                case["tol"] = encode(bound)
        cases.append(case)
    for label, args in check.errors:
        _, err = outcome(ref, check.op, args)
        if err is None:
            raise SystemExit(f"{check.op}: error case {label!r} did not raise")
        cases.append(
            {
                "id": len(cases) + 1,
                "comment": label,
                "args": encode(args),
                "shapes": shapes(args),
                "error": {"type": type(err).__name__, "message": str(err)},
            }
        )
    return {
        "op": check.op,
        "generated_by": "tests/gen_vectors.py from twinmath.ref; regenerate with `make vectors`",
        "seed": SEED,
        "bound": check.rule,
        "cases": cases,
    }


def render(doc: dict[str, Any]) -> str:
    """Return the text of a vector file: one case per line, for readable diffs."""
    head = {k: v for k, v in doc.items() if k != "cases"}
    lines = [json.dumps(c, ensure_ascii=False, allow_nan=False) for c in doc["cases"]]
    body = ",\n    ".join(lines)
    text = json.dumps(head, ensure_ascii=False, indent=2)[:-2]
    return f'{text},\n  "cases": [\n    {body}\n  ]\n}}\n'


def load(op: str) -> dict:
    return json.loads((VECTORS / f"{op}.json").read_text(encoding="utf-8"))


def decode(x):
    if isinstance(x, dict) and set(x) == {"re", "im"}:  # a complex array
        re, im = (np.asarray(decode(x[k]), dtype=np.float64) for k in ("re", "im"))
        return re + 1j * im
    if isinstance(x, list):
        return [decode(v) for v in x]
    return {"nan": np.nan, "inf": np.inf, "-inf": -np.inf}.get(x, x) if isinstance(x, str) else x


def parts(new: dict, old: dict) -> list:
    """(new result, old result, new bound, old bound) for each part of a case."""
    if "parts" not in old:
        return [(decode(new["result"]), decode(old["result"]), decode(new["tol"]), decode(old["tol"]))]
    return list(
        zip(decode(new["result"]), decode(old["result"]), decode(new["tol"]), decode(old["tol"]), strict=True)
    )


def stale(op: str) -> str | None:
    """Return why ``go/testdata/vectors/<op>.json`` differs from a fresh generation, or None.

    The inputs, comments and errors must be the same, bit for bit, on every
    CPU (they are built from exact operations only: see
    ``twinmath.parity``). Results may differ by rounding within the committed
    bound, and bounds by ``tolerances.VECTOR_BOUND_DRIFT``: another CPU's BLAS
    and LAPACK round the reference's results differently.
    """
    committed = load(op)["cases"]
    fresh = json.loads(json.dumps(encode(document(CHECKS[op])["cases"])))
    where = f"go/testdata/vectors/{op}.json is stale: regenerate with `make vectors`"
    if [c["comment"] for c in fresh] != [c["comment"] for c in committed]:
        return f"{where} (the cases differ)"
    for new, old in zip(fresh, committed, strict=True):
        case = f"{where} (case {old['id']}, {old['comment']}"
        if new["args"] != old["args"] or new.get("error") != old.get("error"):
            return f"{case}: arguments or error)"
        if "result" not in old:
            continue
        if isinstance(decode(old["result"]), str):  # an expression: judged by the check's own rule
            if not CHECKS[op].ratio(args_of(old), old["result"], new["result"]) <= 1:
                return f"{case}: expression)"
            continue
        for new_r, old_r, new_t, old_t in parts(new, old):
            q = tol.part_ratio(old_r, new_r, old_t)
            if not q <= 1:
                return f"{case}: result {q:.3g} x the bound)"
            if not _near(new_t, old_t, tol.VECTOR_BOUND_DRIFT):
                return f"{case}: bound)"
    return None


def _near(a: Any, b: Any, factor: float) -> bool:
    """Return whether two bounds agree within the factor (inf alike inf, 0 alike 0)."""
    x, y = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if x.shape != y.shape:
        return False
    same = (x == y) | (np.isnan(x) & np.isnan(y))
    with np.errstate(all="ignore"):
        close = (x <= factor * y) & (y <= factor * x)
    return bool(np.all(same | close))


def args_of(case: dict[str, Any]) -> dict[str, Any]:
    """A case's arguments as the operation takes them: the shapes JSON loses (a
    0×3 matrix is []) restored, test functions by name. Scalars stay Python
    numbers, so an integer parameter arrives as an int."""
    out = {}
    for k, v in case["args"].items():
        if case.get("shapes", {}).get(k):
            out[k] = np.asarray(decode(v), dtype=np.float64).reshape(case["shapes"][k])
        elif isinstance(v, str) and v in FUNCTIONS:
            out[k] = FUNCTIONS[v]
        else:
            out[k] = decode(v)
    return out


def check() -> int:
    """Compare every committed vector file with a fresh generation; print what is stale."""
    problems = [p for p in (stale(op) for op in sorted(CHECKS)) if p]
    for p in problems:
        print(p)
    print(f"{len(CHECKS) - len(problems)} of {len(CHECKS)} vector files fresh")
    return 1 if problems else 0


def write_files(directory: Path, texts: dict[str, str], what: str) -> int:
    """Write each ``texts[name]`` to ``directory/name.json``, remove the other .json files
    there (of names that left) and say how many files were written."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (directory / f"{name}.json").write_text(text, encoding="utf-8")
    for old in directory.glob("*.json"):
        if old.stem not in texts:
            old.unlink()
    print(f"wrote {len(texts)} {what} files to {directory}")
    return 0


def main() -> int:
    """Write one file per operation and remove files of operations that left."""
    return write_files(VECTORS, {op: render(document(CHECKS[op])) for op in sorted(CHECKS)}, "vector")


if __name__ == "__main__":
    sys.exit(check() if sys.argv[1:] == ["--check"] else main())
