"""Random numbers: normal draws and the generated classification data."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import U, gamma


def normal_bound(z: ArrayLike) -> NDArray[np.float64]:
    """Bound for the normals of ``Rng``: ``γ₇·|z|``, entry by entry.

    Marsaglia's polar method draws u, v from the uniform stream (bit for bit
    the same on both sides: 2U − 1 is exact) and accepts s = u·u + v·v when
    0 < s < 1; the products and the sum are correctly rounded and Go is kept
    from fusing them, so both sides accept the same pairs and share s. Only
    ln(s) differs: CPython's math.log (the C library's) and Go's math.Log
    are each within ``SIDE_LOG_ULPS`` = 1 ulp of ln(s), so they differ by at
    most 2 ulps ≤ 4u relative (s ≥ 2⁻¹⁰⁴ is never subnormal). Then −2·ln(s) is
    exact, the division by s adds a rounding on each side (6u between
    them), the square root halves that and rounds
    again (3u + 2u), and the product u·f rounds once more on each side
    (7u). Products of seven factors (1 + δ), |δ| ≤ u, stay within γ₇.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return gamma(7) * np.abs(np.asarray(z, dtype=np.float64))


def classification_bound(X: ArrayLike, separation: float) -> NDArray[np.float64]:
    """Bound for the X of ``make_classification``, entry by entry.

    ``(γ₇ + 2u)·|Xᵢⱼ| + (3γ₇ + γ_d + 12u)·μ`` with μ the class separation.
    The labels come from the permutation and agree bit for bit. The noise
    and the direction z are normals (``normal_bound``: γ₇ relative). ‖z‖
    differs by γ_d + 8u (``norm2_bound``, both sides) plus γ₇ from z itself;
    uⱼ = zⱼ/‖z‖ rounds once per side: 2γ₇ + γ_d + 10u relative. The centre
    cᵢⱼ = (±μ)·uⱼ (±μ exact) rounds once more (+2u), and |cᵢⱼ| ≤ μ since
    |uⱼ| ≤ 1. Xᵢⱼ = noiseᵢⱼ + cᵢⱼ rounds once per side (2u·|Xᵢⱼ|), and
    |noiseᵢⱼ| ≤ |Xᵢⱼ| + μ.
    """
    x = np.abs(np.asarray(X, dtype=np.float64))
    d = x.shape[1] if x.ndim == 2 else 1
    return (gamma(7) + 2 * U) * x + (3 * gamma(7) + gamma(d) + 12 * U) * separation
