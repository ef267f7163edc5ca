"""What "the same result" means: every tolerance of the parity suite, with its bound.

This package is the one place where tolerances live. The pytest suite, the
``python -m twinmath parity`` report and the shared test vectors (which carry
the bound of each case to the Go tests) all take them from here. Each topic
has its module, named as in ``twinmath.parity`` (``tolerances.decomp.svd_ratio``,
``tolerances.stats.mean_bound``, ...); this module holds what they share: the
constants of floating-point arithmetic, γₙ and η, the comparison rules
(``alike``, ``ratio``) and the error limits of the elementwise library
functions.

Each function returns the largest difference between the two backends that
rounding alone can explain, from the standard error analysis of the operation
(Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., cited as
"Higham §n"). Notation: ``u = ε/2 = 2⁻⁵³`` is the unit roundoff, and
``γₙ = n·u / (1 − n·u)`` bounds the relative error of n roundings.

Two results computed with different summation orders each lie within the
bound of the exact value, so they lie within twice it of each other: the
bounds below are for the difference ``|ref − go|`` and carry that factor 2.
Underflow adds an absolute error of at most 2⁻¹⁰⁷⁵ per product (Higham
§2.1), counted separately as ``n·η`` terms with ``η = 2⁻¹⁰⁷⁴``.

Comparisons return a *ratio*: the observed difference divided by the bound.
A ratio ≤ 1 passes; 0 means bit-for-bit equal. The parity report prints the
worst ratio observed per operation.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

EPS = float(np.finfo(np.float64).eps)  # 2⁻⁵², the spacing of floats at 1
U = EPS / 2  # unit roundoff
# The smallest subnormal, 2⁻¹⁰⁷⁴: twice the absolute error of an underflowing
# product (2⁻¹⁰⁷⁵ itself is not representable and would round to 0).
ETA = 2.0**-1074

# LAPACK's own test suite accepts a residual ratio such as
# ‖A − LU‖ / (n·ε·‖A‖) below THRESH = 30 (see its dtest.in); ours do too.
RESIDUAL_THRESHOLD = 30.0

# Partial pivoting bounds the growth of entries during LU elimination by
# 2ⁿ⁻¹ in theory, but for random dense matrices the growth factor ρ stays
# below about n^(2/3) (Trefethen & Schreiber 1990; Higham §9.4), i.e. below
# 45 for n ≤ 300. Bounds for det, inv and solve use that figure.
GROWTH = 45.0

# The shared vectors carry each case's bound to Go, and a bound is computed
# from the reference's own rounded results (its singular values, the
# condition of its eigenbasis). Regenerated on another CPU, where LAPACK and
# BLAS round differently, a bound moves by its own condition times ε: by a
# factor of up to 1.94 for eig's bound of a triple eigenvalue, whose computed
# eigenbasis is nearly singular (measured over OpenBLAS's Haswell, SkylakeX,
# Sandybridge and Prescott kernels and numpy's baseline, AVX2 and AVX-512
# dispatch), below 1.0002 everywhere else. The freshness test accepts a
# regenerated bound within this factor of the committed one: what it must
# catch, a changed bound formula, moves bounds by whole factors.
VECTOR_BOUND_DRIFT = 4.0


def gamma(n: int) -> float:
    """Return γₙ = n·u / (1 − n·u), the error factor of n roundings (Higham §3.1)."""
    nu = max(n, 1) * U
    return nu / (1.0 - nu)


def alike(x: Any, y: Any) -> bool:
    """Return whether x and y are the same floats, entry by entry.

    NaN is alike NaN whatever its payload; +0.0 and −0.0 are not alike
    (as Go's math package tests compare). Complex values are alike when their
    real and imaginary parts are; a complex value is never alike a real one.
    Anything that is not numeric (text, objects) is alike when equal.
    """
    a, b = np.asarray(x), np.asarray(y)
    if a.dtype.kind not in "biufc" or b.dtype.kind not in "biufc":
        return a.shape == b.shape and bool(np.all(a == b))
    if np.iscomplexobj(a) or np.iscomplexobj(b):
        if not (np.iscomplexobj(a) and np.iscomplexobj(b)):
            return False
        return alike(a.real, b.real) and alike(a.imag, b.imag)
    a, b = a.astype(np.float64), b.astype(np.float64)
    if a.shape != b.shape:
        return False
    same = (a.view(np.uint64) == b.view(np.uint64)) | (np.isnan(a) & np.isnan(b))
    return bool(np.all(same))


def ratio(ref: ArrayLike, go: ArrayLike, bound: ArrayLike) -> float:
    """Return the worst ``|ref − go| / bound`` over the entries.

    Entries that are alike count 0. Where the bound itself is not finite
    (the magnitudes overflow, so no rounding bound exists) the entry is not
    judged and counts 0. An infinity on one side facing a finite value of the
    same sign within the bound of the largest float counts 0 (the exact value
    lies within rounding of the overflow threshold, so either side may round
    past it). A NaN on one side only, or any other infinity that the other
    side does not share, counts ``inf``.
    """
    r = np.asarray(ref, dtype=np.float64)
    g = np.asarray(go, dtype=np.float64)
    if r.shape != g.shape:
        return math.inf
    if r.size == 0:
        return 0.0
    return float(np.max(ratios(r, g, bound)))


def ratios(ref: ArrayLike, go: ArrayLike, bound: ArrayLike) -> NDArray[np.float64]:
    """Return ``ratio``'s ``|ref − go| / bound`` entry by entry (same shapes)."""
    r = np.asarray(ref, dtype=np.float64)
    g = np.asarray(go, dtype=np.float64)
    b = np.broadcast_to(np.asarray(bound, dtype=np.float64), r.shape)
    same = (r.view(np.uint64) == g.view(np.uint64)) | (np.isnan(r) & np.isnan(g)) | (r == g)
    unjudged = ~np.isfinite(b)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        diff = np.abs(r - g)
        q = np.where(b > 0, diff / b, np.where(diff == 0, 0.0, np.inf))
        fin = np.where(np.isinf(r), g, r)
        edge = (
            (np.isinf(r) ^ np.isinf(g))
            & (np.sign(r) == np.sign(g))
            & (np.abs(fin) + b >= np.finfo(np.float64).max)
        )
    q = np.where(same | unjudged | edge, 0.0, q)
    out: NDArray[np.float64] = np.where(np.isnan(q), np.inf, q)
    return out


def part_ratio(ref: ArrayLike, go: ArrayLike, bound: ArrayLike) -> float:
    """Return ``ratio`` for one part of a result, complex parts included.

    A complex result is judged by its real and imaginary parts, each under
    the bound. Whether eig's eigenvalues come out real is decided by rounding
    where they (nearly) coincide, so a real result is compared with a complex
    one as a complex result with zero imaginary parts.
    """
    r, g = np.asarray(ref), np.asarray(go)
    if np.iscomplexobj(r) or np.iscomplexobj(g):
        r, g = r.astype(np.complex128), g.astype(np.complex128)
        return max(ratio(r.real, g.real, bound), ratio(r.imag, g.imag, bound))
    return ratio(r, g, bound)


def ulps(x: ArrayLike, k: float) -> NDArray[np.float64]:
    """Return k units in the last place of each entry of x (at least k subnormals).

    The bound for elementwise transcendental functions whose two
    implementations (numpy's or libm's, and Go's math package) are each
    within a documented number of ulps of the exact value, but need not
    round alike.
    """
    with np.errstate(invalid="ignore"):
        return k * np.spacing(np.abs(np.asarray(x, dtype=np.float64)))


# Norms and scalings shared by the linear-algebra modules (linalg, eigen, decomp).


def singular_values(A: ArrayLike) -> NDArray[np.float64]:
    """Return the singular values of A, descending, computed on A/max|A|.

    The scaling keeps LAPACK's SVD away from subnormal and huge entries (it
    does not converge on [[2e-313]]); singular values scale with A.
    """
    a = np.asarray(A, dtype=np.float64)
    m = float(np.max(np.abs(a), initial=0.0))
    if m == 0:
        return np.zeros(min(a.shape))
    with np.errstate(under="ignore", over="ignore"):
        return np.asarray(np.linalg.svd(a / m, compute_uv=False) * m, dtype=np.float64)


def norm2(x: ArrayLike) -> float:
    """Return the 2-norm of a vector (Euclidean) or matrix (spectral), without underflow."""
    a = np.asarray(x, dtype=np.float64)
    if not np.all(np.isfinite(a)):
        return math.inf
    if a.ndim == 2 and min(a.shape) > 0:
        return float(singular_values(a)[0])
    m = float(np.max(np.abs(a), initial=0.0))
    if m == 0 or not math.isfinite(m):
        return m
    return m * float(np.linalg.norm(a.ravel() / m))


# Elementwise special functions. Each side evaluates the same float argument
# with its own library, so they differ by the sum of the two libraries'
# errors. Documented or observed maxima, in ulps of the exact value:
#
# - exp: glibc (numpy's float64 exp on this platform; Python's math.exp) is
#   within 1 ulp (glibc's libm-test-ulps for x86_64 records 1). Go's math.Exp
#   claims 1 ulp for its portable code; its amd64 assembly version showed up
#   to 1.48 ulps against 200-bit mpmath on 60,000 arguments: we allow 2.
# - log: glibc 1 ulp (libm-test-ulps), Go's math.Log 1 ulp (its doc; 0.75
#   observed) for normal arguments. On amd64 math.Log is wrong for subnormal
#   ones (Go issue 56600: −709 for ln 5e−324 = −744.4), so twinmath's Go code
#   takes ln(x·2⁵²) − 52·ln 2 there, which adds at most 0.6 ulp: we allow 2.
# - erfc: glibc's and Go's are both Sun's fdlibm s_erf.c; glibc's own tests
#   record a worst case of 5 ulps for it (libm-test-ulps, x86_64). Go's port
#   calls Go's exp twice, each up to 1 ulp worse than glibc's: we allow 7.
#   Observed on the 60,000 arguments: 2.6 (glibc) and 3.2 (Go) ulps.
#
# An ulp of a normal value y is at most 2u·|y|; in the subnormal range it is
# η absolute.
EXP_ULPS = 1.0 + 2.0
LOG_ULPS = 1.0 + 2.0
ERFC_ULPS = 5.0 + 7.0


# The exponential and the logarithm of one side, in ulps of the exact value
# (EXP_ULPS and LOG_ULPS above count both sides together). Measured against
# 60-digit decimal exp and ln on 35,000 arguments in [−745, 709]: glibc's
# (numpy's and Python's on this platform) 0.50 and 0.51 ulp, Go's math.Log
# 0.75 ulp, Go's math.Exp — an assembly routine on amd64 — 1.42 ulps. The
# bounds below allow each side 2 ulps for exp (above Go's 1.42) and 1 for
# log (the documented limit of glibc and of Go's math.Log for normal
# arguments; the logarithms here never see a subnormal one).
SIDE_EXP_ULPS, SIDE_LOG_ULPS = 2, 1
# σ(z) = 1/(1 + e^(−z)) per side: exp's error (2u·SIDE_EXP_ULPS relative)
# is damped by e^(−z)/(1 + e^(−z)) = 1 − p in the sum, which rounds once, and
# the division rounds once: at most (2u·SIDE_EXP_ULPS + 2u)·p.
SIGMOID_REL = 2 * U * SIDE_EXP_ULPS + 2 * U


def _exponent(x: NDArray[Any]) -> int:
    """Return e with max|x|·2⁻ᵉ in [1/2, 1) (0 for zeros)."""
    m = float(np.max(np.abs(x), initial=0.0))
    return 0 if m == 0 or not math.isfinite(m) else math.frexp(m)[1]


def _ldexp(x: NDArray[Any], e: int) -> NDArray[Any]:
    """Return x·2ᵉ, exact unless it under- or overflows (complex x too)."""
    if np.iscomplexobj(x):
        return np.asarray(np.ldexp(x.real, e) + 1j * np.ldexp(x.imag, e))
    return np.asarray(np.ldexp(x, e))


from . import calculus, decomp, eigen, info, linalg, logistic, nn, optim, random, stats, vectors  # noqa: E402, F401
