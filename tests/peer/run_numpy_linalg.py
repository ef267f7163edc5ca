"""Run numpy's own linalg test suite against twinmath.go: the yardstick.

numpy ships its tests (``numpy/linalg/tests``). This runner imports that copy,
replaces every ``numpy.linalg`` function the tests call — in the
``numpy.linalg`` namespace and in the names the test modules imported from it
— by an adapter that calls ``twinmath.go``, and runs the suite under pytest.
A *unit* is one case of numpy's case tables (``LinalgCase``: one matrix, run
by one test method) or, for a test without such a table, one test. Each
unit ends in one of:

- ``passed``: it reached twinmath and numpy's own assertions held;
- ``failed``: it reached twinmath and an assertion (or an exception numpy did
  not expect) stopped it; the first line of the failure is its reason;
- ``outside``: it asked for what twinmath does not take (a stack of matrices,
  a complex or float16/longdouble dtype, a keyword argument other than its
  default, a function twinmath lacks); the adapter raised ``NotInTwinmathError``
  and the reason is recorded. Object arrays are passed on: twinmath refuses
  them with a TypeError, as its contract says, and the unit counts as failed
  with that reason;
- ``no call``: it called no adapted function (numpy internals, ufunc
  tests), whatever its outcome.

The adapters translate, they do not compute: a float32 input gets a float32
result (twinmath computes in float64), numpy's result tuples are rebuilt from
twinmath's (``SVDResult(U, S, Vh)``), and numpy's default keywords map onto
twinmath's arguments (twinmath takes ``UPLO``, ``upper``, ``mode``,
``compute_uv``, ``hermitian``, ``rtol`` and ``tol`` with numpy's meanings, and
``cross``'s ``axis``, ``tensorsolve``'s ``axes``, ``tensorinv``'s ``ind``,
``tensordot``'s ``axes`` and ``multi_dot``'s ``out``). ``lstsq``'s
tuple ``(x, residuals, rank, s)`` is built from twinmath's ``lstsq``,
``svdvals`` and ``matmul``.

Run it with ``make peer``; ``--json FILE`` writes every unit, ``--top N``
prints the N most frequent reasons per outcome, ``-k EXPR`` selects tests as
pytest's ``-k`` does. This file is not collected by the normal test run.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.linalg as npl
import pytest
import twinmath
from numpy.linalg import _linalg

tm: Any = twinmath.backend("go")


class NotInTwinmathError(Exception):
    """Raised by an adapter for an input twinmath does not take."""


# ---- the state of the unit that runs -------------------------------------------


class Units:
    """The units seen so far, and the one running."""

    def __init__(self) -> None:
        self.done: list[dict[str, Any]] = []
        self.reached = False
        self.outside: str | None = None
        self.in_cases = False

    def begin(self) -> None:
        self.reached, self.outside = False, None

    def end(self, test: str, case: str, exc: BaseException | None) -> None:
        if self.outside is not None:
            status, reason = "outside", self.outside
        elif not self.reached:
            status, reason = "no call", ""
        elif exc is None:
            status, reason = "passed", ""
        else:
            status, reason = "failed", _reason(exc)
        self.done.append({"test": test, "case": case, "status": status, "reason": reason})


UNITS = Units()


def _reason(exc: BaseException) -> str:
    """The first line that says what went wrong: the innermost exception's."""
    while exc.__cause__ is not None:
        exc = exc.__cause__
    lines = [line for line in str(exc).splitlines() if line.strip()]
    first = lines[0].strip() if lines else ""
    if first.startswith("In test case"):
        first = next((line.strip() for line in lines if "Error" in line and "Traceback" not in line), first)
    return f"{type(exc).__name__}: {first}"[:160]


def outside(reason: str) -> NotInTwinmathError:
    if UNITS.outside is None:
        UNITS.outside = reason
    return NotInTwinmathError(reason)


def reached() -> None:
    UNITS.reached = True


# ---- argument and result translation -------------------------------------------


def arr(x: Any, most: int = 2) -> np.ndarray:
    """Return x as an array twinmath takes, or raise NotInTwinmathError."""
    a = np.asarray(x)
    if a.dtype.kind == "c":
        raise outside("complex dtype")
    if a.dtype.kind not in "biufO":
        raise outside(f"dtype {a.dtype}")
    if a.dtype in (np.float16, np.longdouble) and a.dtype != np.float64:
        raise outside(f"dtype {a.dtype}")
    if a.ndim > most:
        raise outside("stacked input (ndim > 2)")
    return a


def rtype(*xs: np.ndarray) -> type:
    """The float type numpy gives the result: float32 for float32 input."""
    return np.float32 if all(x.dtype == np.float32 for x in xs) else np.float64


def real(r: Any, t: type) -> Any:
    """Cast a twinmath result (array or scalar) to numpy's result type t."""
    if isinstance(r, np.ndarray):
        if np.iscomplexobj(r):
            return r.astype(np.complex64 if t is np.float32 else np.complex128)
        return r.astype(t)
    if isinstance(r, complex):
        return (np.complex64 if t is np.float32 else np.complex128)(r)
    return t(r)


def default(name: str, value: Any, expected: Any) -> None:
    if value is not expected and not (
        isinstance(value, (int, float, str)) and not isinstance(value, bool) and value == expected
    ):
        shown = repr(value) if np.ndim(value) == 0 else f"<{type(value).__name__}>"
        raise outside(f"keyword {name}={shown}")


def has(name: str) -> Callable[..., Any]:
    if not hasattr(tm, name):
        raise outside(f"missing function {name}")
    reached()
    return getattr(tm, name)  # type: ignore[no-any-return]


# ---- the adapters ---------------------------------------------------------------


# The stacked functions (..., M, N): twinmath broadcasts as numpy does.
STACKED = 64


def det(a: Any) -> Any:
    x = arr(a, most=STACKED)
    return real(has("det")(x), rtype(x))


def slogdet(a: Any) -> Any:
    x = arr(a, most=STACKED)
    r = has("slogdet")(x)
    return _linalg.SlogdetResult(real(r[0], rtype(x)), real(r[1], rtype(x)))


def inv(a: Any) -> Any:
    x = arr(a, most=STACKED)
    return real(has("inv")(x), rtype(x))


def solve(a: Any, b: Any) -> Any:
    x, y = arr(a, most=STACKED), arr(b, most=STACKED)
    return real(has("solve")(x, y), rtype(x, y))


def eig(a: Any) -> Any:
    x = arr(a, most=STACKED)
    w, v = has("eig")(x)
    return _linalg.EigResult(real(w, rtype(x)), real(v, rtype(x)))


def eigvals(a: Any) -> Any:
    x = arr(a, most=STACKED)
    return real(has("eigvals")(x), rtype(x))


def eigh(a: Any, UPLO: Any = "L") -> Any:
    x = arr(a, most=STACKED)
    w, v = has("eigh")(x, UPLO=UPLO)
    return _linalg.EighResult(real(w, rtype(x)), real(v, rtype(x)))


def eigvalsh(a: Any, UPLO: Any = "L") -> Any:
    x = arr(a, most=STACKED)
    return real(has("eigvalsh")(x, UPLO=UPLO), rtype(x))


def svd(a: Any, full_matrices: Any = True, compute_uv: Any = True, hermitian: Any = False) -> Any:
    x = arr(a, most=STACKED)
    if not compute_uv:
        return real(has("svd")(x, compute_uv=False, hermitian=bool(hermitian)), rtype(x))
    u, s, vt = has("svd")(x, full_matrices=bool(full_matrices), hermitian=bool(hermitian))
    t = rtype(x)
    return _linalg.SVDResult(real(u, t), real(s, t), real(vt, t))


def svdvals(x: Any) -> Any:
    a = arr(x, most=STACKED)
    return real(has("svdvals")(a), rtype(a))


def cholesky(a: Any, upper: Any = False) -> Any:
    x = arr(a, most=STACKED)
    return real(has("cholesky")(x, upper=bool(upper)), rtype(x))


def qr(a: Any, mode: Any = "reduced") -> Any:
    x = arr(a, most=STACKED)
    if mode not in ("reduced", "complete", "r", "raw", "full", "f", "economic", "e"):
        raise outside(f"keyword mode={mode!r}")
    r = has("qr")(x, mode=mode)
    t = rtype(x)
    if mode in ("r", "economic", "e"):
        return real(r, t)
    if mode == "raw":  # numpy's plain tuple (h, tau)
        return real(r[0], t), real(r[1], t)
    return _linalg.QRResult(real(r[0], t), real(r[1], t))


def lstsq(a: Any, b: Any, rcond: Any = None) -> Any:
    x, y = arr(a), arr(b)
    t = rtype(x, y)
    sol = has("lstsq")(x, y, rcond)
    s = has("svdvals")(x)
    m, n = x.shape
    cut = (max(m, n) * np.finfo(np.float64).eps if rcond is None else rcond) * (s[0] if s.size else 0.0)
    rank = int(np.count_nonzero(s > cut))
    if rank == n and m > n:
        r = y - tm.matmul(x, sol)
        residuals = (r * r).sum(axis=0).reshape(-1)
    else:
        residuals = np.empty(0)
    return real(sol, t), real(residuals, t), rank, real(s, t)


def pinv(a: Any, rcond: Any = None, hermitian: Any = False, *, rtol: Any = np._NoValue) -> Any:  # type: ignore[attr-defined]
    x = arr(a, most=STACKED)
    kw: dict[str, Any] = {} if rtol is np._NoValue else {"rtol": rtol}  # type: ignore[attr-defined]
    return real(has("pinv")(x, rcond, bool(hermitian), **kw), rtype(x))


def matrix_rank(A: Any, tol: Any = None, hermitian: Any = False, *, rtol: Any = None) -> Any:
    x = arr(A, most=STACKED)
    return has("matrix_rank")(x, tol, bool(hermitian), rtol=rtol)


def norm(x: Any, ord: Any = None, axis: Any = None, keepdims: Any = False) -> Any:
    a = np.asarray(x)
    if axis is not None:
        a = arr(a, most=STACKED)
        t = rtype(a) if a.dtype.kind == "f" else np.float64
        return real(has("norm")(a, ord, axis, keepdims), t)
    # With ord None twinmath takes any array as one vector, numpy's rule.
    a = arr(a, most=STACKED if ord is None else 2)
    return real(has("norm")(a, ord, None, keepdims), rtype(a) if a.dtype.kind == "f" else np.float64)


def vector_norm(x: Any, /, *, axis: Any = None, keepdims: Any = False, ord: Any = 2) -> Any:
    a = np.asarray(x)
    t = rtype(a) if a.dtype.kind == "f" else np.float64
    arr(a.reshape(-1), most=1)
    return real(has("vector_norm")(a, axis=axis, keepdims=keepdims, ord=ord), t)


def matrix_norm(x: Any, /, *, keepdims: Any = False, ord: Any = "fro") -> Any:
    a = arr(x, most=STACKED)
    return real(
        has("matrix_norm")(a, keepdims=keepdims, ord=ord), rtype(a) if a.dtype.kind == "f" else np.float64
    )


def cond(x: Any, p: Any = None) -> Any:
    a = arr(x, most=STACKED)
    return real(has("cond")(a, p), rtype(a))


def matrix_power(a: Any, n: Any) -> Any:
    x = arr(a, most=STACKED)
    r = has("matrix_power")(x, n)
    return r.astype(x.dtype) if x.dtype.kind in "biu" else real(r, rtype(x))


def multi_dot(arrays: Any, *, out: Any = None) -> Any:
    xs = [arr(a) for a in arrays]
    if out is None:
        return real(has("multi_dot")(xs), rtype(*xs))
    if rtype(*xs) is not np.float64:  # numpy's out is then float32; twinmath's is float64
        raise outside("keyword out= for float32 arrays")
    return has("multi_dot")(xs, out=out)  # twinmath checks out with numpy's rules


def trace(x: Any, /, *, offset: Any = 0, dtype: Any = None) -> Any:
    a = arr(x, most=STACKED)
    default("dtype", dtype, None)
    return real(has("trace")(a, offset=offset), rtype(a))


def diagonal(x: Any, /, *, offset: Any = 0) -> Any:
    a = arr(x, most=STACKED)
    return real(has("diagonal")(a, offset=offset), rtype(a))


def matrix_transpose(x: Any, /) -> Any:
    a = arr(x, most=STACKED)
    return real(has("matrix_transpose")(a), rtype(a))


def cross(x1: Any, x2: Any, /, *, axis: Any = -1) -> Any:
    a, b = arr(x1, most=STACKED), arr(x2, most=STACKED)
    return real(has("cross")(a, b, axis=axis), rtype(a, b))


def outer(x1: Any, x2: Any, /) -> Any:
    a, b = arr(x1, most=1), arr(x2, most=1)
    return real(has("outer")(a, b), rtype(a, b))


def matmul(x1: Any, x2: Any, /) -> Any:
    a, b = arr(x1, most=STACKED), arr(x2, most=STACKED)
    return real(has("matmul")(a, b), rtype(a, b))


def tensorinv(a: Any, ind: Any = 2) -> Any:
    x = arr(a, most=STACKED)
    return real(has("tensorinv")(x, ind=ind), rtype(x))


def tensorsolve(a: Any, b: Any, axes: Any = None) -> Any:
    x, y = arr(a, most=STACKED), arr(b, most=STACKED)
    return real(has("tensorsolve")(x, y, axes=axes), rtype(x, y))


def tensordot(a: Any, b: Any, axes: Any = 2) -> Any:
    x, y = arr(a, most=STACKED), arr(b, most=STACKED)
    r = has("tensordot")(x, y, axes=axes)
    return (
        r.astype(np.result_type(x, y))
        if x.dtype.kind in "biu" and y.dtype.kind in "biu"
        else real(r, rtype(x, y))
    )


ADAPTERS: dict[str, Callable[..., Any]] = {
    f.__name__: f
    for f in (
        det, slogdet, inv, solve, eig, eigvals, eigh, eigvalsh, svd, svdvals, cholesky, qr, lstsq,
        pinv, matrix_rank, norm, vector_norm, matrix_norm, cond, matrix_power, multi_dot, trace,
        diagonal, matrix_transpose, cross, outer, matmul, tensorinv, tensorsolve, tensordot,
    )
}  # fmt: skip


def missing(name: str) -> Callable[..., Any]:
    def adapter(*args: Any, **kwargs: Any) -> Any:
        raise outside(f"missing function {name}")

    adapter.__name__ = name
    return adapter


# ---- installing the adapters and counting ------------------------------------------


def install(modules: list[Any]) -> None:
    """Put the adapters in numpy.linalg and in the test modules' own names."""
    for name in npl.__all__:
        original = getattr(npl, name)
        if not callable(original) or isinstance(original, type):
            continue  # LinAlgError
        adapter = ADAPTERS.get(name) or missing(name)
        setattr(npl, name, adapter)
        for m in modules:
            if getattr(m, name, None) is original:
                setattr(m, name, adapter)


class Counter:
    """The pytest plugin: one unit per test, or per case of a case table."""

    def __init__(self, test_linalg: Any) -> None:
        self.tl = test_linalg
        counter = self

        def check_cases(self: Any, require: Any = frozenset(), exclude: Any = frozenset()) -> None:
            UNITS.in_cases = True
            for case in self.TEST_CASES:
                if case.tags & require != require or case.tags & exclude:
                    continue
                UNITS.begin()
                exc: BaseException | None = None
                try:
                    case.check(self.do)
                except Exception as e:  # numpy's own loop stops at the first; this one counts each
                    exc = e
                UNITS.end(counter.current, case.name, exc)

        test_linalg.LinalgTestCase.check_cases = check_cases
        self.current = ""

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item: Any) -> Any:
        self.current = item.nodeid.split("::", 1)[-1]
        UNITS.in_cases = False
        UNITS.begin()
        outcome = yield
        if not UNITS.in_cases:
            UNITS.end(self.current, "", outcome.excinfo[1] if outcome.excinfo else None)

    def pytest_runtest_logreport(self, report: Any) -> None:
        # A test skipped at set-up (or by a mark) never runs: still a unit.
        if report.skipped and report.when in ("setup", "call") and report.outcome == "skipped":
            why = str(report.longrepr[-1])[:160] if isinstance(report.longrepr, tuple) else ""
            test = report.nodeid.split("::", 1)[-1]
            UNITS.done.append({"test": test, "case": "", "status": "skipped", "reason": why})


def summary(units: list[dict[str, Any]], top: int) -> str:
    counts = collections.Counter(u["status"] for u in units)
    total = len(units)
    reached = counts["passed"] + counts["failed"]
    lines = [
        f"numpy {np.__version__} linalg tests against twinmath.go: {total} units",
        f"  reached twinmath: {reached}  (passed {counts['passed']}, failed {counts['failed']})",
        f"  outside twinmath: {counts['outside']}",
        f"  no twinmath call: {counts['no call']}",
        f"  skipped by numpy: {counts['skipped']}",
    ]
    for status in ("failed", "outside"):
        reasons = collections.Counter(u["reason"] for u in units if u["status"] == status)
        if reasons:
            lines.append(f"{status}, by reason (top {top}):")
            lines += [f"  {n:7d}  {r}" for r, n in reasons.most_common(top)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--json", help="write every unit to this file")
    p.add_argument("--top", type=int, default=25, help="reasons to print per outcome")
    p.add_argument("-k", default="", help="select tests, as pytest -k")
    args = p.parse_args(argv)

    tests = os.path.join(os.path.dirname(np.__file__), "linalg", "tests")
    import numpy.linalg.tests.test_deprecations as test_deprecations
    import numpy.linalg.tests.test_linalg as test_linalg
    import numpy.linalg.tests.test_regression as test_regression

    modules = [test_linalg, test_regression, test_deprecations]
    install(modules)
    counter = Counter(test_linalg)
    pytest_args = [tests, "-q", "-p", "no:cacheprovider", "--no-header", "-rN", "--tb=no", "-W", "ignore"]
    pytest_args += ["--rootdir", tests, "-o", "addopts="]
    if args.k:
        pytest_args += ["-k", args.k]
    with open(os.devnull, "w") as devnull:
        stdout = sys.stdout
        sys.stdout = devnull
        try:
            pytest.main(pytest_args, plugins=[counter])
        except Exception:
            sys.stdout = stdout
            traceback.print_exc()
            return 2
        finally:
            sys.stdout = stdout
    print(summary(UNITS.done, args.top))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(UNITS.done, f, indent=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
