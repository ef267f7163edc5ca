"""The parity checks: for every operation, cases, a bound, and bad inputs.

One table, ``CHECKS``, filled by one module per topic (``parity/<topic>.py``,
beside ``ref/<topic>.py`` and ``go/<topic>.py``) and read by three users:

- ``python -m twinmath parity`` runs every case through both backends and
  prints the worst observed error per operation, relative to its bound;
- ``tests/gen_vectors.py`` writes the cases, the reference results, their
  bounds and the expected errors to ``go/testdata/vectors/<op>.json``, which the Go
  tests check without Python;
- the pytest suite checks the error cases and reuses the comparisons.

The bounds come from ``twinmath.tolerances``. Random cases come from a numpy
``Generator`` seeded by the caller, so a run can be repeated exactly.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .. import tolerances as tol
from .._front.decomp import UNSET
from .._front.decomp_numpy import lower_symmetric, pinv_cutoff
from ..errors import NotPositiveDefiniteError, SingularMatrixError

Args = dict[str, Any]
Case = tuple[str, Args]


def _empty_ratio(ref: Any, go: Any) -> float | None:
    """0.0 or inf for two results without entries (``Check.ratio``), None for any other result."""
    rs = list(ref) if isinstance(ref, tuple) else [ref]
    gs = list(go) if isinstance(go, tuple) else [go]
    arrays = [x for x in rs if isinstance(x, np.ndarray)]
    if not arrays or any(x.size for x in arrays):
        return None
    if len(rs) != len(gs):
        return math.inf
    for x, y in zip(rs, gs, strict=True):
        if isinstance(x, np.ndarray):
            if not isinstance(y, np.ndarray) or x.shape != y.shape or x.dtype != y.dtype:
                return math.inf
        elif not tol.alike(x, y):
            return math.inf
    return 0.0


@dataclass(frozen=True)
class Check:
    """How one operation is compared between the backends.

    ``cases(rng)`` returns labelled argument sets; ``bound(args, result)``
    returns the entrywise bound on |ref − go| for the reference result (no
    bound: bit for bit, NaN alike NaN, +0 not alike −0); ``compare`` may
    replace the entrywise rule with another ratio (≤ 1 passes). ``errors``
    are bad inputs: both backends must raise the same class with the same
    message. ``python_only`` error cases cannot
    be written in Go's types (a 2-D array for a vector, text for a number),
    so the Go tests leave them out. ``call(module, args)``, when given,
    replaces ``module.op(**args)`` for what is not one function call: draws
    from a class's object (``Rng``), a pipeline of several operations.
    """

    op: str
    rule: str
    cases: Callable[[np.random.Generator], list[Case]]
    bound: Callable[[Args, Any], Any] | None = None
    compare: Callable[[Args, Any, Any], float] | None = None
    errors: list[Case] = field(default_factory=list)
    python_only: list[Case] = field(default_factory=list)
    call: Callable[[ModuleType, Args], Any] | None = None

    def ratio(self, args: Args, ref: Any, go: Any) -> float:
        """Return the observed |ref − go| relative to the bound (≤ 1 passes).

        A result of several parts (a tuple) is judged part by part, and the
        worst part counts. A result with no entries at all (every array part
        of shape (0, …) or (…, 0), as the decompositions of empty matrices
        give) has nothing to bound: it passes when the other side's parts
        have the same shapes and dtypes (and the same other values), without
        calling the comparator, whose perturbation bounds need a σ₁ or a
        pivot to exist.
        """
        empty = _empty_ratio(ref, go)
        if empty is not None:
            return empty
        if self.compare is not None:
            return self.compare(args, ref, go)
        if isinstance(ref, tuple):
            if not isinstance(go, tuple) or len(go) != len(ref):
                return math.inf
            bounds = self.entry_bound(args, ref)
            return max(
                (self._part_ratio(x, y, b) for x, y, b in zip(ref, go, bounds, strict=True)), default=0.0
            )
        return self._part_ratio(ref, go, self.entry_bound(args, ref))

    def _part_ratio(self, ref: Any, go: Any, bound: Any) -> float:
        if self.bound is None:  # bit for bit
            return 0.0 if tol.alike(ref, go) else math.inf
        return tol.ratio(ref, go, bound)

    def entry_bound(self, args: Args, ref: Any) -> Any:
        """Return the entrywise bound the shared vectors carry to Go.

        For a result of several parts, ``bound`` returns one bound per part.
        """
        if self.bound is None:
            return tuple(0.0 for _ in ref) if isinstance(ref, tuple) else 0.0
        return self.bound(args, ref)


CHECKS: dict[str, Check] = {}

# Functions that the Python and the Go test suites both know by name (the
# calculus checks' test functions): the vector files hold their names, and
# tests/test_shared_vectors.py turns a name back into the function.
FUNCTIONS: dict[str, Callable[..., Any]] = {}


def register(check: Check) -> Check:
    """Add ``check`` to the table."""
    CHECKS[check.op] = check
    return check


def positional(op: str, *names: str) -> Callable[[ModuleType, Args], Any]:
    """Return a ``Check.call`` passing ``names`` by position (numpy's ``x, /``), the rest by keyword."""

    def call(module: ModuleType, args: Args) -> Any:
        rest = {k: v for k, v in args.items() if k not in names}
        return getattr(module, op)(*(args[n] for n in names), **rest)

    return call


# ---- random inputs -------------------------------------------------------------
#
# The shared vectors hold these inputs bit for bit, so they are built only from
# operations that round the same way on every CPU: the generator's integer and
# uniform draws, +, −, ×, ÷ and sums in a fixed order, and np.ldexp with integer
# exponents. numpy's transcendental ufuncs (power, exp, log, logspace) have SIMD
# kernels that differ from the scalar path in the last bit, the generator's
# normal draws call libm in their tails, and BLAS and LAPACK results depend on
# the kernel chosen for the CPU: none of them makes an input.


def normal(rng: np.random.Generator, *shape: int) -> np.ndarray:
    """Entries of mean 0 and variance 1: the sum of twelve uniform draws, less 6.

    (Irwin–Hall: close to a standard normal, within ±6, and exact arithmetic
    only, added in a fixed order.)
    """
    u = rng.random((12, *shape))
    total = np.array(u[0], dtype=np.float64)  # a 0-d array too, where shape is ()
    for k in range(1, 12):
        total += u[k]
    total -= 6.0
    return total


def powers_of_two(rng: np.random.Generator, low: int, high: int, *shape: int) -> np.ndarray:
    """Magnitudes m·2^e with m uniform in [1, 2) and integer e uniform in [low, high)."""
    return np.ldexp(rng.uniform(1.0, 2.0, size=shape), rng.integers(low, high, size=shape))


def wide(rng: np.random.Generator, *shape: int) -> np.ndarray:
    """Entries of random sign with magnitudes from about 1e-300 to 1e300 (2^±997), some ±0."""
    x = rng.choice([-1.0, 1.0], size=shape) * powers_of_two(rng, -997, 997, *shape)
    x[rng.random(shape) < 0.05] = 0.0
    x[rng.random(shape) < 0.03] = -0.0
    return np.asarray(x)


def special(rng: np.random.Generator, n: int) -> np.ndarray:
    """Moderate entries with some NaN, +inf and -inf among them."""
    x = normal(rng, n)
    for value in (np.nan, np.inf, -np.inf):
        x[rng.random(n) < 0.1] = value
    return x


def sizes(rng: np.random.Generator, k: int, high: int = 40) -> Iterable[int]:
    """k sizes from 0 to high, the small ones more often (high·u³ for uniform u)."""
    u = rng.random(k)
    return (int(s) for s in np.minimum(np.floor(u * u * u * (high + 1)), high))


def matmul(a: Any, b: Any) -> np.ndarray:
    """The product a·b of two matrices, summed over k in order by elementwise operations.

    BLAS kernels round differently on different CPUs; this sum does not.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    out = np.zeros((a.shape[0], b.shape[1]))
    for k in range(a.shape[1]):
        out += a[:, k, None] * b[None, k, :]
    return out


def orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    """A random orthogonal matrix: the product of n Householder reflectors I − 2vvᵀ/vᵀv."""
    q = np.eye(n)
    for _ in range(n):
        v = normal(rng, n)
        qv = (q * v).sum(axis=1)
        q -= (2.0 / (v * v).sum()) * qv[:, None] * v[None, :]
    return q


def with_singular_values(rng: np.random.Generator, m: int, n: int, s: Any) -> np.ndarray:
    """U·diag(s)·Vᵀ with random orthogonal U and V: a matrix whose singular values are s."""
    k = min(m, n)
    return matmul(orthogonal(rng, m)[:, :k] * np.asarray(s, dtype=np.float64), orthogonal(rng, n)[:, :k].T)


def grading(n: int, e: int) -> np.ndarray:
    """The diagonal of D = diag(2^−e … 2^e), n powers of two evenly spaced in the exponent."""
    return np.ldexp(1.0, (np.arange(n) * 2 * e) // max(n - 1, 1) - e)


def geometric(n: int, e: int) -> np.ndarray:
    """1, 2^−e, 2^−2e, …: n values falling by the factor 2^e (exact, unlike np.logspace)."""
    return np.ldexp(1.0, -e * np.arange(n))


def hilbert(n: int) -> np.ndarray:
    """The Hilbert matrix 1/(i + j + 1): κ₂(H₈) ≈ 1.5e10."""
    i = np.arange(n)
    return 1.0 / (i[:, None] + i[None, :] + 1)


# ---- running --------------------------------------------------------------------


@dataclass
class Row:
    """One line of the parity report."""

    op: str
    cases: int
    errors: int
    worst: float
    worst_case: str
    rule: str
    failures: list[str]

    @property
    def ok(self) -> bool:
        return not self.failures


def outcome(module: ModuleType, op: str, args: Args) -> tuple[Any, BaseException | None]:
    """Call ``module.op(**args)`` (or the check's ``call``); return its result or the exception it raised."""
    check = CHECKS.get(op)
    try:
        # Overflow and NaN are results here, not events: numpy's warnings are muted.
        with np.errstate(all="ignore"):
            if check is not None and check.call is not None:
                return check.call(module, args), None
            return getattr(module, op)(**args), None
    except Exception as e:  # the outcome itself is what is compared
        return None, e


def same_error(a: BaseException | None, b: BaseException | None) -> bool:
    """Return whether two outcomes failed with the same class and message."""
    return a is not None and b is not None and type(a) is type(b) and str(a) == str(b)


def decided_within_rounding(op: str, args: Args, rerr: Any, gerr: Any, r: Any = None, g: Any = None) -> bool:
    """Return whether only one side refused A as singular (not positive definite) where
    A lies within rounding of that boundary, or refused pinv/lstsq as
    overflowing where the other side's result lies within rounding of the
    overflow threshold, so that either decision is right
    (``tolerances.linalg.singular_within_rounding``,
    ``tolerances.decomp.semidefinite_within_rounding``,
    ``tolerances.decomp.overflow_within_rounding``); ``r`` and ``g`` are the
    results of the side that did not refuse."""
    if (rerr is None) == (gerr is None):
        return False
    err = rerr if rerr is not None else gerr
    other = g if rerr is not None else r
    try:
        a = np.asarray(args["A"], dtype=np.float64)
        if op in ("inv", "solve") and type(err) is SingularMatrixError:
            return tol.linalg.singular_within_rounding(a)
        if op == "cholesky" and type(err) is NotPositiveDefiniteError:
            return tol.decomp.semidefinite_within_rounding(a)
        if op in ("pinv", "lstsq") and type(err) is ValueError:
            return _overflow_within_rounding(op, args, a, str(err), other)
    except (TypeError, ValueError, KeyError, IndexError):
        return False
    return False


def _overflow_within_rounding(op: str, args: Args, a: NDArray[np.float64], msg: str, other: Any) -> bool:
    """``tolerances.decomp.overflow_within_rounding`` for the matrix (of a stack) that one side refused."""
    text = tol.decomp.PINV_OVERFLOW if op == "pinv" else tol.decomp.LSTSQ_OVERFLOW
    found = re.fullmatch(re.escape(text) + r"(?: \(matrix (\d+) of the stack\))?", msg)
    if found is None:
        return False
    if op == "lstsq":
        x = other[0] if isinstance(other, tuple) else other  # full=True: the solution first
        return tol.decomp.overflow_within_rounding(
            a, args.get("rcond"), x, np.asarray(args["b"], dtype=np.float64)
        )
    lead = a.shape[:-2]
    stack = a.reshape(-1, *a.shape[-2:])
    if args.get("hermitian") is True:
        stack = lower_symmetric(stack, "pinv")
    m, n = int(a.shape[-2]), int(a.shape[-1])
    cut = np.reshape(pinv_cutoff(args.get("rcond"), args.get("rtol", UNSET), m, n, lead), -1)
    i = int(found.group(1) or 0)
    result = np.asarray(other, dtype=np.float64).reshape(-1, a.shape[-1], a.shape[-2])
    return tol.decomp.overflow_within_rounding(stack[i], float(cut[i % cut.size]), result[i])


def run_check(check: Check, ref: ModuleType, go: ModuleType, rng: np.random.Generator) -> Row:
    """Run one check's cases and error cases through both backends."""
    row = Row(check.op, 0, 0, 0.0, "", check.rule, [])
    for label, args in check.cases(rng):
        r, re = outcome(ref, check.op, args)
        g, ge = outcome(go, check.op, args)
        row.cases += 1
        if re is not None or ge is not None:
            if not same_error(re, ge):
                row.failures.append(f"{label}: ref {re!r} / go {ge!r}")
            continue
        q = check.ratio(args, r, g)
        if q > row.worst or not row.worst_case:
            row.worst, row.worst_case = q, label
        if not q <= 1.0:
            row.failures.append(f"{label}: |ref - go| is {q:.3g} x the bound")
    for label, args in check.errors + check.python_only:
        _, re = outcome(ref, check.op, args)
        _, ge = outcome(go, check.op, args)
        row.errors += 1
        if not same_error(re, ge):
            row.failures.append(f"{label}: ref raised {re!r}, go raised {ge!r}")
    return row


def run(ref: ModuleType, go: ModuleType, seed: int = 0, ops: Iterable[str] | None = None) -> list[Row]:
    """Run every check (or those named in ``ops``) with random cases from ``seed``."""
    names = list(ops) if ops else sorted(CHECKS)
    return [run_check(CHECKS[op], ref, go, rng_for(op, seed)) for op in names]


def rng_for(op: str, seed: int) -> np.random.Generator:
    """Return the generator of ``op``'s random cases: fixed by the seed and the name."""
    return np.random.default_rng([seed, zlib.crc32(op.encode())])


# The checks of every topic register themselves on import.
from . import calculus, decomp, eigen, info, linalg, logistic, nn, random, stats, vectors  # noqa: E402, F401
