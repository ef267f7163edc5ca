"""The shared vectors: fresh, and matched by twinmath.go (``go test`` checks the
Go package against the same files)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import twinmath
from gen_vectors import VECTORS, args_of, decode, load, stale
from helpers import snapshot, unchanged
from twinmath import tolerances as tol
from twinmath.parity import CHECKS, outcome, same_error


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


def test_one_file_per_check():
    assert sorted(p.stem for p in VECTORS.glob("*.json")) == sorted(CHECKS)


@pytest.mark.parametrize("op", sorted(CHECKS))
def test_vectors_are_fresh(op):
    """Regenerating gives the committed cases: same inputs, same errors, and
    results that differ at most by rounding (another machine's BLAS may round
    differently, within the same bound)."""
    assert stale(op) is None


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


# ---- the same vectors on every CPU ------------------------------------------------------


def _dispatch_variants() -> list[tuple[str, dict[str, str]]]:
    """Environments that make numpy and OpenBLAS take other kernels on this CPU.

    numpy dispatches its ufuncs (power, exp, sums) to the widest SIMD extension
    the CPU has, unless NPY_DISABLE_CPU_FEATURES names it; OpenBLAS picks its
    kernels by core type, unless OPENBLAS_CORETYPE names another.
    """
    try:
        umath = importlib.import_module("numpy._core._multiarray_umath")
    except ImportError:  # numpy 1.x
        umath = importlib.import_module("numpy.core._multiarray_umath")
    __cpu_dispatch__, __cpu_features__ = umath.__cpu_dispatch__, umath.__cpu_features__
    have = [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]
    avx512 = [f for f in have if "AVX512" in f or f == "X86_V4"]
    variants: list[tuple[str, dict[str, str]]] = []
    if avx512:
        variants.append(("numpy without AVX-512", {"NPY_DISABLE_CPU_FEATURES": " ".join(avx512)}))
    if have:
        variants.append(("numpy at its baseline", {"NPY_DISABLE_CPU_FEATURES": " ".join(have)}))
    variants.append(("OpenBLAS Haswell kernels", {"OPENBLAS_CORETYPE": "Haswell"}))
    variants.append(("OpenBLAS Sandybridge kernels", {"OPENBLAS_CORETYPE": "Sandybridge"}))
    if __cpu_features__.get("AVX512F"):
        variants.append(("OpenBLAS SkylakeX kernels", {"OPENBLAS_CORETYPE": "SkylakeX"}))
    return variants


@pytest.mark.parametrize(("label", "env"), _dispatch_variants(), ids=[v[0] for v in _dispatch_variants()])
def test_vectors_regenerate_alike_under(label, env):
    """Every freshness test passes with numpy and OpenBLAS on other kernels: the
    committed inputs and errors do not depend on the CPU, and the results and
    bounds move only within their bounds."""
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests", "-k", "fresh"],
        cwd=root,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, f"{label}: {env}\n{run.stdout[-3000:]}\n{run.stderr[-2000:]}"
    assert " passed" in run.stdout and "failed" not in run.stdout
