"""Information theory: entropy, cross-entropy, KL divergence, mutual information.

Every distribution is first divided by its largest entry (nothing can
overflow) and then by the correctly rounded sum of the result
(``math.fsum``). Both steps are correctly rounded, so the Go backend holds
the very same normalised distribution; the two differ only in their
logarithms and in the order of the final sum.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import matrix, real, vector
from ..errors import invalid, lengths_differ

__all__ = ["cross_entropy", "entropy", "kl_divergence", "mutual_information"]


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


def _log_base(base: Any, op: str) -> float:
    b = real(base, op, "base")
    if not (b > 0) or b == math.inf or b == 1:
        raise invalid(op, f"base must be positive, finite and not 1, got {b!r}")
    return math.log(b)


def entropy(p: ArrayLike, base: float = 2) -> float:
    """Return the Shannon entropy of a discrete distribution.

    ``H(p) = −Σᵢ p̂ᵢ log p̂ᵢ`` with ``p̂ = p / Σp`` and ``0·log 0 = 0``, in
    units of ``log base`` (bits for base 2, nats for base e).

    Parameters
    ----------
    p : array_like, shape (n,)
        Non-negative weights with a positive sum; they are normalised.
    base : float, optional
        The base of the logarithm, positive, finite and not 1. Default 2.

    Returns
    -------
    float
        0.0 for a certain outcome, log(n) for the uniform distribution.

    Raises
    ------
    ShapeError
        If ``p`` is not 1-D.
    ValueError
        If ``p`` is empty, holds NaN or Inf, has a negative entry or sums to
        zero, or ``base`` is invalid.

    Examples
    --------
    >>> import twinmath as tm
    >>> round(tm.entropy([0.5, 0.3, 0.2]), 3)
    1.485
    >>> tm.entropy([1, 1, 1, 1])
    2.0
    """
    op = "entropy"
    pn = normalised(vector(p, op, "p"), op, "p")
    lb = _log_base(base, op)
    nz = pn[pn > 0]
    s = float(np.sum(nz * np.log(nz)))
    return -s / lb + 0.0  # + 0.0: a certain outcome gives 0.0, not -0.0


def _pair(op: str, p: Any, q: Any, base: Any) -> tuple[NDArray[np.float64], NDArray[np.float64], float]:
    x, y = vector(p, op, "p"), vector(q, op, "q")
    if x.size != y.size:
        raise lengths_differ(op, x.size, y.size)
    pn, qn = normalised(x, op, "p"), normalised(y, op, "q")
    return pn, qn, _log_base(base, op)


def cross_entropy(p: ArrayLike, q: ArrayLike, base: float = 2) -> float:
    """Return the cross-entropy of ``q`` relative to ``p``.

    ``H(p, q) = −Σᵢ p̂ᵢ log q̂ᵢ`` over the entries with ``p̂ᵢ > 0``, both
    distributions normalised first; it equals ``entropy(p) +
    kl_divergence(p, q)``.

    Parameters
    ----------
    p, q : array_like, shape (n,)
        Non-negative weights with positive sums.
    base : float, optional
        The base of the logarithm. Default 2.

    Returns
    -------
    float
        ``inf`` if some ``p̂ᵢ > 0`` has ``q̂ᵢ = 0``.

    Raises
    ------
    ShapeError
        If ``p`` or ``q`` is not 1-D, or their lengths differ.
    ValueError
        As for ``entropy``.

    Examples
    --------
    >>> import twinmath as tm
    >>> round(tm.cross_entropy([0.5, 0.3, 0.2], [0.4, 0.4, 0.2]), 3)
    1.522
    >>> tm.cross_entropy([1, 0], [0.5, 0.5])
    1.0
    """
    op = "cross_entropy"
    pn, qn, lb = _pair(op, p, q, base)
    m = pn > 0
    with np.errstate(divide="ignore"):
        s = float(np.sum(pn[m] * np.log(qn[m])))
    return -s / lb + 0.0


def kl_divergence(p: ArrayLike, q: ArrayLike, base: float = 2) -> float:
    """Return the Kullback–Leibler divergence of ``q`` from ``p``.

    ``D(p‖q) = Σᵢ p̂ᵢ log(p̂ᵢ / q̂ᵢ)`` over the entries with ``p̂ᵢ > 0``, both
    distributions normalised first. Where some ``p̂ᵢ > 0`` has ``q̂ᵢ = 0`` the
    divergence is ``inf`` (as ``scipy.stats.entropy(p, q)``): ``p`` puts mass
    where ``q`` says it is impossible. Masking such entries out instead would
    report a finite, meaningless number. Where ``p̂ᵢ / q̂ᵢ`` would overflow (a
    subnormal ``q̂ᵢ``) the term is computed as ``p̂ᵢ (log p̂ᵢ − log q̂ᵢ)``.

    Parameters
    ----------
    p, q : array_like, shape (n,)
        Non-negative weights with positive sums.
    base : float, optional
        The base of the logarithm. Default 2.

    Returns
    -------
    float
        ≥ 0 up to rounding; 0.0 when ``p̂ = q̂``.

    Raises
    ------
    ShapeError
        If ``p`` or ``q`` is not 1-D, or their lengths differ.
    ValueError
        As for ``entropy``.

    Examples
    --------
    >>> import twinmath as tm
    >>> round(tm.kl_divergence([0.5, 0.3, 0.2], [0.4, 0.4, 0.2]), 3)
    0.036
    >>> tm.kl_divergence([0.5, 0.5], [1, 0])
    inf
    """
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


def mutual_information(joint: ArrayLike, base: float = 2) -> float:
    """Return the mutual information of two discrete variables.

    ``I(X; Y) = Σᵢⱼ P̂ᵢⱼ log(P̂ᵢⱼ / (P̂ᵢ P̂ⱼ))`` over the cells with ``P̂ᵢⱼ > 0``,
    where ``P̂`` is the joint table normalised to sum 1 and ``P̂ᵢ``, ``P̂ⱼ`` its
    row and column sums (the marginals, each a correctly rounded sum). The
    ratio is formed as ``(P̂ᵢⱼ / P̂ᵢ) / P̂ⱼ``, which cannot underflow.

    Parameters
    ----------
    joint : array_like, shape (r, c)
        Joint weights ``P(X = i, Y = j)``, non-negative with a positive sum.
    base : float, optional
        The base of the logarithm. Default 2.

    Returns
    -------
    float
        0.0 for independent variables, up to rounding.

    Raises
    ------
    ShapeError
        If ``joint`` is not 2-D.
    ValueError
        As for ``entropy``.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.mutual_information([[0.5, 0], [0, 0.5]])
    1.0
    >>> tm.mutual_information([[0.25, 0.25], [0.25, 0.25]])
    0.0
    """
    op = "mutual_information"
    P = normalised(matrix(joint, op, "joint"), op, "joint")
    lb = _log_base(base, op)
    px = np.array([math.fsum(row) for row in P])
    py = np.array([math.fsum(col) for col in P.T])
    i, j = np.nonzero(P > 0)
    pij = P[i, j]
    t = pij / px[i]
    with np.errstate(over="ignore"):
        ratio = t / py[j]
    # The ratio overflows only when a marginal is subnormal; its logarithm
    # does not.
    logs = np.where(np.isinf(ratio), np.log(t) - np.log(py[j]), np.log(ratio))
    return float(np.sum(pij * logs)) / lb + 0.0
