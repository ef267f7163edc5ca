"""The shared vectors: fresh, and matched by twinmath.go (``go test`` checks the
Go package against the same files)."""

from __future__ import annotations

import json

import numpy as np
import pytest
import twinmath
from gen_vectors import VECTORS, document, encode
from helpers import snapshot, unchanged
from twinmath import tolerances as tol
from twinmath.parity import CHECKS, FUNCTIONS, outcome, same_error


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


def shaped(result, shape, bound) -> tuple:
    """A part's result in its shape, and its bound (a scalar, or entrywise)."""
    r = decode(result)
    r = (r if np.iscomplexobj(r) else np.asarray(r, dtype=np.float64)).reshape(shape)
    b = np.asarray(decode(bound), dtype=np.float64)
    return r, (b.reshape(shape) if b.ndim and b.size == r.size else b)


def expected(case: dict) -> list:
    """(reference result, bound) for each part of a case, shaped."""
    if "parts" not in case:
        return [shaped(case["result"], case["result_shape"], case["tol"])]
    return [shaped(*p) for p in zip(case["result"], case["result_shape"], case["tol"], strict=True)]


def args_of(case: dict) -> dict:
    """The case's arguments, with the shapes JSON loses (a 0×3 matrix is []).

    Scalars stay Python numbers, so an integer parameter arrives as an int.
    """
    out = {}
    for k, v in case["args"].items():
        if case.get("shapes", {}).get(k):
            out[k] = np.asarray(decode(v), dtype=np.float64).reshape(case["shapes"][k])
        elif isinstance(v, str) and v in FUNCTIONS:  # a test function, written as its name
            out[k] = FUNCTIONS[v]
        else:
            out[k] = decode(v)
    return out


def test_one_file_per_check():
    assert sorted(p.stem for p in VECTORS.glob("*.json")) == sorted(CHECKS)


@pytest.mark.parametrize("op", sorted(CHECKS))
def test_vectors_are_fresh(op):
    """Regenerating gives the committed cases: same inputs, same errors, and
    results that differ at most by rounding (another machine's BLAS may round
    differently, within the same bound)."""
    committed = load(op)["cases"]
    fresh = json.loads(json.dumps(encode(document(CHECKS[op])["cases"])))
    stale = f"tests/vectors/{op}.json is stale: regenerate with `make vectors`"
    assert [c["comment"] for c in fresh] == [c["comment"] for c in committed], stale
    for new, old in zip(fresh, committed, strict=True):
        assert new["args"] == old["args"] and new.get("error") == old.get("error"), stale
        if "result" in old:
            if isinstance(decode(old["result"]), str):  # an expression: judged by the check's own rule
                assert CHECKS[op].ratio(args_of(old), old["result"], new["result"]) <= 1, stale
                continue
            for new_r, old_r, new_t, old_t in parts(new, old):
                assert tol.part_ratio(old_r, new_r, old_t) <= 1, stale
                # The bounds themselves come from numpy's SVD and sums: equal up to rounding.
                assert np.allclose(new_t, old_t, rtol=1e-6, atol=0, equal_nan=True), stale


@pytest.mark.parametrize("op", sorted(CHECKS))
def test_go_backend_matches_vectors(go, op):
    for case in load(op)["cases"]:
        args = args_of(case)
        got, err = outcome(go, op, args)
        if "error" in case:
            assert err is not None, f"case {case['id']}: no error"
            assert (type(err).__name__, str(err)) == (case["error"]["type"], case["error"]["message"])
        elif isinstance(decode(case["result"]), str):  # an expression: judged by the check's own rule
            assert err is None, f"case {case['id']}: {err!r}"
            assert CHECKS[op].ratio(args, case["result"], got) <= 1, f"case {case['id']}: {got!r}"
        else:
            assert err is None, f"case {case['id']}: {err!r}"
            got_parts = got if "parts" in case else (got,)
            assert len(got_parts) == len(expected(case))
            for g, (want, bound) in zip(got_parts, expected(case), strict=True):
                if case.get("exact"):
                    q = 0.0 if tol.alike(want, g) else np.inf
                else:
                    q = tol.part_ratio(want, g, bound)
                assert q <= 1, f"case {case['id']} ({case['comment']}): {q:.3g} x the bound"


ERROR_CASES = [
    (op, label, args) for op, c in sorted(CHECKS.items()) for label, args in c.errors + c.python_only
]
CONTRACTED = (
    twinmath.ShapeError,
    twinmath.SingularMatrixError,
    twinmath.NotPositiveDefiniteError,
    twinmath.ConvergenceError,
    ValueError,
    TypeError,
)


@pytest.mark.parametrize(
    ("op", "label", "args"), ERROR_CASES, ids=[f"{o}-{lbl}" for o, lbl, _ in ERROR_CASES]
)
def test_error_parity(ref, go, op, label, args):
    before = snapshot(args)
    _, rerr = outcome(ref, op, args)
    _, gerr = outcome(go, op, args)
    assert unchanged(before, args), "a failing call modified its input"
    assert rerr is not None, "the reference accepted a bad input"
    assert isinstance(rerr, CONTRACTED)
    assert same_error(rerr, gerr), f"ref raised {rerr!r}, go raised {gerr!r}"
    assert str(rerr).startswith(f"{op}: ") or isinstance(rerr, TypeError)
