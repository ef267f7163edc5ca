# mypy: disable-error-code="empty-body"
"""The front of random, which twinmath.ref and twinmath.go share (see ``twinmath._front``).

Reproducible random numbers: xoshiro256** seeded by SplitMix64.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._convert import check_size, integer
from ..errors import invalid

__all__ = ["Rng"]


MASK = (1 << 64) - 1

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1

Size = Any  # None, an integer, or a tuple of integers


def seed_of(seed: Any, op: str) -> int:
    """Return ``seed`` as an integer in [0, 2⁶⁴), or raise TypeError / ValueError."""
    s = integer(seed, op, "seed", int64=False)
    if not 0 <= s <= MASK:
        raise invalid(op, f"seed must be in [0, 2**64), got {s}")
    return s


def shape_of(size: Size, op: str) -> tuple[int, ...] | None:
    """Return the shape that ``size`` asks for (None: one scalar draw).

    ``size`` is None, an integer n (shape ``(n,)``) or a sequence of
    integers, as numpy takes it; a negative entry is a ValueError.
    """
    if size is None:
        return None
    if isinstance(size, (tuple, list)):
        shape = tuple(integer(k, op, "size") for k in size)
    else:
        shape = (integer(size, op, "size"),)
    if any(k < 0 for k in shape):
        raise invalid(op, "negative dimensions are not allowed")
    check_size(op, math.prod(shape))
    return shape


def permutation_size(n: Any, op: str) -> int:
    """Return the length ``n`` of a permutation, checked: non-negative, within ``MAX_BYTES``."""
    k = integer(n, op, "n")
    if k < 0:
        raise invalid(op, f"n must be non-negative, got {k}")
    check_size(op, k)
    return k


def integer_bounds(low: Any, high: Any, op: str) -> tuple[int, int]:
    """Return (low, high) of ``integers``; ``high=None`` means [0, low)."""
    lo = integer(low, op, "low", int64=False)
    if high is None:
        lo, hi = 0, lo
    else:
        hi = integer(high, op, "high", int64=False)
    if not (INT64_MIN <= lo <= INT64_MAX and INT64_MIN <= hi <= INT64_MAX):
        raise invalid(op, f"low and high must lie in [-2**63, 2**63), got low={lo}, high={hi}")
    return lo, hi


class Rng:
    """A reproducible stream of random numbers, the same in Python and in Go.

    The generator is xoshiro256** (Blackman & Vigna), its state filled with
    four outputs of SplitMix64 started at ``seed``. Uniforms are the top 53
    bits of an output times 2⁻⁵³; integers are unbiased (Lemire's method);
    permutations are Fisher–Yates shuffles; normals come from Marsaglia's
    polar method. ``Rng(seed)`` of ``twinmath.ref`` and of ``twinmath.go``
    give the same uniforms, integers and permutations bit for bit, and the
    same normals within a few ulps, whatever calls are interleaved.

    ``close()`` and ``with`` free the Go-side state in ``twinmath.go``; in
    ``twinmath.ref`` they do nothing.

    Parameters
    ----------
    seed : int
        Any integer with 0 ≤ seed < 2⁶⁴.

    Returns
    -------
    Rng
        The generator, at the start of its stream.

    Raises
    ------
    TypeError
        If ``seed`` is not an integer.
    ValueError
        If ``seed`` is negative or not below 2⁶⁴.

    Examples
    --------
    >>> import twinmath as tm
    >>> rng = tm.Rng(42)
    >>> rng.random(3)
    array([0.08386297, 0.37898025, 0.68004341])
    >>> rng.integers(0, 10, size=5)
    array([9, 9, 7, 7, 8])
    >>> rng.permutation(5)
    array([1, 0, 4, 2, 3])
    >>> with tm.Rng(42) as again:
    ...     again.random(3)
    array([0.08386297, 0.37898025, 0.68004341])
    """

    def __init__(self, seed: int) -> None: ...

    def random(self, size: Size = None) -> float | NDArray[np.float64]:
        """Return uniform numbers in [0, 1).

        Each is ``(x >> 11) · 2⁻⁵³`` for the next 64-bit output x, so every
        value is a multiple of 2⁻⁵³.

        Parameters
        ----------
        size : None, int or tuple of int
            None for one float, else the shape of the array (filled in C order).

        Returns
        -------
        float or ndarray of float64

        Raises
        ------
        ValueError
            If ``size`` has a negative entry.

        Examples
        --------
        >>> import twinmath as tm
        >>> tm.Rng(42).random((2, 2))
        array([[0.08386297, 0.37898025],
               [0.68004341, 0.92469295]])
        """

    def normal(self, size: Size = None) -> float | NDArray[np.float64]:
        """Return standard normal numbers (Marsaglia's polar method).

        Uniform pairs u, v in [−1, 1) are drawn until s = u² + v² lies in
        (0, 1); then u·f and v·f with f = √(−2 ln(s)/s) are two independent
        normals. The second is kept for the next normal draw, from this call
        or a later one.

        Parameters
        ----------
        size : None, int or tuple of int
            None for one float, else the shape of the array.

        Returns
        -------
        float or ndarray of float64

        Raises
        ------
        ValueError
            If ``size`` has a negative entry.

        Examples
        --------
        >>> import twinmath as tm
        >>> tm.Rng(42).normal(3).round(6)
        array([-0.726219, -0.211197,  0.221623])
        """

    def integers(self, low: int, high: int | None = None, size: Size = None) -> int | NDArray[np.int64]:
        """Return uniform integers in [low, high), without modulo bias.

        As numpy's ``Generator.integers``: ``high`` is exclusive, and
        ``integers(n)`` draws from [0, n). Each value is low + the high word
        of x·(high − low) for the next output x, redrawn in the rare case
        (Lemire's method) where that would favour some values.

        Parameters
        ----------
        low : int
        high : int, optional
            Both within int64, ``low < high``.
        size : None, int or tuple of int

        Returns
        -------
        int or ndarray of int64

        Raises
        ------
        TypeError
            If ``low``, ``high`` or ``size`` is not an integer.
        ValueError
            If ``high <= low``, either is outside int64, or ``size`` is negative.

        Examples
        --------
        >>> import twinmath as tm
        >>> tm.Rng(7).integers(1, 7, size=6)
        array([5, 2, 6, 6, 6, 6])
        """

    def permutation(self, n: int) -> NDArray[np.int64]:
        """Return a random permutation of 0, 1, …, n−1.

        The Fisher–Yates shuffle of the identity from the end: for i from
        n−1 down to 1, swap entries i and j, j uniform in [0, i].

        Parameters
        ----------
        n : int

        Returns
        -------
        ndarray of int64, shape (n,)

        Raises
        ------
        ValueError
            If ``n`` is negative.

        Examples
        --------
        >>> import twinmath as tm
        >>> sorted(tm.Rng(0).permutation(6).tolist())
        [0, 1, 2, 3, 4, 5]
        """

    def close(self) -> None:
        """Do nothing: the reference keeps no outside resources (see ``twinmath.go``)."""
