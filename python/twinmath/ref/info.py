"""Information theory: entropy, cross-entropy, KL divergence, mutual information.

Every distribution is first divided by its largest entry (nothing can
overflow) and then by the correctly rounded sum of the result
(``math.fsum``). Both steps are correctly rounded, so the Go backend holds
the very same normalised distribution; the two differ only in their
logarithms and in the order of the final sum.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import matrix, real, vector
from .._front import twin
from ..errors import invalid, lengths_differ

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.info.__all__


def normalised(a: NDArray[np.float64], op: str, name: str) -> NDArray[np.float64]:
    """Return the distribution ``a`` divided by its sum, after checking it is one.

    ValueError if ``a`` is empty, holds NaN or Inf, has a negative entry, or
    has no positive one.
    """
    if a.size == 0:
        raise invalid(op, f"{name} is empty")
    if not np.all(np.isfinite(a)):
        raise invalid(op, f"{name} contains NaN or Inf")
    negative = a[a < 0]
    if negative.size:
        raise invalid(op, f"{name} has a negative entry {float(negative.flat[0])!r}")
    m = a.max()
    if m == 0:
        raise invalid(op, f"{name} sums to zero")
    a = a / m
    return a / math.fsum(a.flat)


def _log_base(b: float, op: str) -> float:
    if not (b > 0) or b == math.inf or b == 1:
        raise invalid(op, f"base must be positive, finite and not 1, got {b!r}")
    return math.log(b)


@twin(_front.info.entropy)
def entropy(p: ArrayLike, base: float = 2) -> float:
    op = "entropy"
    x, b = vector(p, op, "p"), real(base, op, "base")
    pn = normalised(x, op, "p")
    lb = _log_base(b, op)
    nz = pn[pn > 0]
    s = float(np.sum(nz * np.log(nz)))
    return -s / lb + 0.0  # + 0.0: a certain outcome gives 0.0, not -0.0


def _pair(op: str, p: Any, q: Any, base: Any) -> tuple[NDArray[np.float64], NDArray[np.float64], float]:
    x, y, b = vector(p, op, "p"), vector(q, op, "q"), real(base, op, "base")
    if x.size != y.size:
        raise lengths_differ(op, x.size, y.size)
    pn, qn = normalised(x, op, "p"), normalised(y, op, "q")
    return pn, qn, _log_base(b, op)


@twin(_front.info.cross_entropy)
def cross_entropy(p: ArrayLike, q: ArrayLike, base: float = 2) -> float:
    op = "cross_entropy"
    pn, qn, lb = _pair(op, p, q, base)
    m = pn > 0
    with np.errstate(divide="ignore"):
        s = float(np.sum(pn[m] * np.log(qn[m])))
    return -s / lb + 0.0


@twin(_front.info.kl_divergence)
def kl_divergence(p: ArrayLike, q: ArrayLike, base: float = 2) -> float:
    op = "kl_divergence"
    pn, qn, lb = _pair(op, p, q, base)
    m = pn > 0
    a, b = pn[m], qn[m]
    with np.errstate(divide="ignore", over="ignore"):
        ratio = a / b
        # a/b overflows for a subnormal b > 0; its logarithm does not.
        logs = np.where(np.isinf(ratio) & (b > 0), np.log(a) - np.log(b), np.log(ratio))
    s = float(np.sum(a * logs))
    return s / lb + 0.0


def mutual_information_terms(P: NDArray[np.float64]) -> tuple[NDArray[np.float64], ...]:
    """Return (Pᵢⱼ, Pᵢⱼ/Pᵢ, Pⱼ, (Pᵢⱼ/Pᵢ)/Pⱼ) over the cells Pᵢⱼ > 0 of a normalised joint.

    The marginals are correctly rounded sums (fsum), as in Go; the last
    quotient is inf where a marginal is subnormal.
    """
    px = np.array([math.fsum(row) for row in P])
    py = np.array([math.fsum(col) for col in P.T])
    i, j = np.nonzero(P > 0)
    pij = P[i, j]
    t = pij / px[i]
    with np.errstate(over="ignore"):
        ratio = t / py[j]
    return pij, t, py[j], ratio


@twin(_front.info.mutual_information)
def mutual_information(joint: ArrayLike, base: float = 2) -> float:
    op = "mutual_information"
    m, b = matrix(joint, op, "joint"), real(base, op, "base")
    P = normalised(m, op, "joint")
    lb = _log_base(b, op)
    pij, t, pyj, ratio = mutual_information_terms(P)
    # The ratio overflows only when a marginal is subnormal; its logarithm
    # does not.
    logs = np.where(np.isinf(ratio), np.log(t) - np.log(pyj), np.log(ratio))
    return float(np.sum(pij * logs)) / lb + 0.0
