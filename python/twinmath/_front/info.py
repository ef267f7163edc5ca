# mypy: disable-error-code="empty-body"
"""The front of info, which twinmath.ref and twinmath.go share (see ``twinmath._front``).

Information theory: entropy, cross-entropy, KL divergence, mutual information.
"""

from __future__ import annotations

from numpy.typing import ArrayLike

__all__ = ["cross_entropy", "entropy", "kl_divergence", "mutual_information"]


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
