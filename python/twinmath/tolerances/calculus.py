"""Calculus: finite differences and Taylor expansions."""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from . import EPS, ETA, U, gamma

# Parity of the finite differences (derivative, gradient, jacobian, hessian)
# and of gradient_descent: bit for bit. The two backends call the same f at
# the same points — each point is x with one or two coordinates replaced by
# xᵢ ± h, a correctly rounded sum both sides form alike — so they get the
# same values back, and then apply the same correctly rounded operations in
# the same order: (f₊ − f₋)/(2h), (f₊ − 2f₀ + f₋)/(h·h),
# (f₊₊ − f₊₋ − f₋₊ + f₋₋)/(4·h·h), x − α·g. IEEE 754 makes each result a
# function of its operands alone, so the results are identical; the Go code
# keeps every product rounded on its own (no fused multiply-add) so that this
# holds on every platform. Truncation error (h²/6·|f'''|) is the same on both
# sides and cancels from the difference. Only ``taylor`` adds sums whose
# order differs (``taylor_bound``).
#
# The accuracy of a finite difference — how far it is from the exact
# derivative — is another matter: ``central_difference_error`` and
# ``second_difference_error`` bound it, for the tests that compare with
# derivatives known in closed form.


def central_difference_error(
    h: float, x: float, m0: float, m1: float, m3: float, rel: float = EPS, eta: float = ETA
) -> float:
    """Bound on |D̂ − f'(x)| for the computed central difference D̂ = (f(x+h) − f(x−h))/(2h).

    - Truncation: Taylor's theorem with the Lagrange remainder,
      f(x ± h) = f ± h·f' + h²/2·f'' ± h³/6·f'''(ξ±), leaves
      h²/12·(f'''(ξ₊) + f'''(ξ₋)), at most ``h²/6·m3`` with m3 = max|f'''| on
      [x − h, x + h].
    - Evaluation: each f(x ± h) is computed within ``rel``·|f| + ``eta``
      (ε for a function correct to one ulp; eta for what underflow loses,
      one subnormal spacing η by default), so the difference errs by up to
      2·(rel·m0 + eta), divided by 2h: ``(rel·m0 + eta)/h`` with m0 = max|f|.
    - The points: x ± h are rounded, by up to u·(|x| + h) each, which
      changes the spacing 2h the quotient assumes: ``u·(|x| + h)·m1/h`` with
      m1 = max|f'|.
    - The subtraction and the division round the result: γ₂ relative.
    """
    e = h * h / 6 * m3 + (rel * m0 + eta) / h + U * (abs(x) + h) * m1 / h
    return e + gamma(2) * (m1 + e)


def second_difference_error(
    h: float, x: float, m0: float, m1: float, m2: float, m4: float, rel: float = EPS, eta: float = ETA
) -> float:
    """Bound on the error of the computed Hessian entries, against the exact second derivatives.

    For the diagonal (f(x+h) − 2f(x) + f(x−h))/h²: truncation h²/12·m4; the
    evaluations' errors (rel·|f| + eta each, as in
    ``central_difference_error``) 4·(rel·m0 + eta)/h²; rounded points shift the outer
    two by up to u·(|x| + h) each, which the second difference does not
    cancel: 2u·(|x| + h)·m1/h². For the mixed entries
    (f₊₊ − f₊₋ − f₋₊ + f₋₋)/(4h²): truncation h²/3·m4 (the two third-order
    terms h²/6·(∂ᵢ³∂ⱼ + ∂ᵢ∂ⱼ³) each); evaluation (rel·m0 + eta)/h²; the rounded
    coordinates are shared by pairs of corners, so they only change the two
    spacings: m2·2u·(|x| + h)/h. Here m_k bounds the k-th partial
    derivatives on the box x ± h, and x the largest |xᵢ|. The larger of
    the two bounds, plus γ₄ relative for the arithmetic, covers both kinds
    of entry.
    """
    diagonal = h * h / 12 * m4 + 4 * (rel * m0 + eta) / (h * h) + 2 * U * (abs(x) + h) * m1 / (h * h)
    mixed = h * h / 3 * m4 + (rel * m0 + eta) / (h * h) + 2 * U * (abs(x) + h) * m2 / h
    e = max(diagonal, mixed)
    return e + gamma(4) * (m2 + e)


def taylor_bound(f0: float, g: ArrayLike, H: ArrayLike, d: ArrayLike) -> float:
    """Bound for ``taylor``: f(x0) + g·d + ½·dᵀHd summed in two orders.

    Both sides share f(x0), the gradient g, the Hessian H (bit for bit, see
    above) and d = x − x0 (an elementwise difference). They differ in the
    order of the sums: numpy's g @ d and (dᵀH)·d against Go's g·d and
    dᵀ(Hd). Per side g·d errs by γₙ·S₁ (S₁ = Σ|gᵢdᵢ|) and the double sum by
    γ₂ₙ·S₂ (S₂ = |d|ᵀ|H||d|: a matrix-vector product, then a dot product);
    the two final additions add γ₂ of |f0| + S₁ + S₂/2; underflow adds η per
    product. Twice the sum of these is the bound on the difference.
    """
    gv, Hm, dv = (np.asarray(a, dtype=np.float64) for a in (g, H, d))
    n = dv.size
    with np.errstate(over="ignore", invalid="ignore"):
        s1 = float(np.sum(np.abs(gv * dv)))
        s2 = float(np.abs(dv) @ np.abs(Hm).reshape(n, n) @ np.abs(dv)) if n else 0.0
        per_side = gamma(n) * s1 + gamma(2 * n) * s2 / 2 + gamma(2) * (abs(f0) + s1 + s2 / 2)
        return 2.0 * (per_side + (n * n + n) * ETA)


# ---- symbolic derivatives: equal by sympy -------------------------------------------

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def same_expression(expression: str, variable: str, ref: Any, go: Any) -> float:
    """Compare ``symbolic_derivative``: 0.0 if sympy proves the two derivatives equal, else inf.

    Equal means simplify(a − b) == 0 (or expand settles it first).

    Both are read with the input's names as symbols and sympy's own meaning
    for every other name (the functions, and constants such as E that sympy
    may print).
    """
    import sympy as sp
    from sympy.parsing.sympy_parser import parse_expr, standard_transformations

    from ..ref.calculus import sympy_names

    if not isinstance(ref, str) or not isinstance(go, str):
        return math.inf
    if ref == go:
        return 0.0
    names = set(_IDENTIFIER.findall(expression)) | {variable}
    local = sympy_names(names)
    a, b = (parse_expr(s, local_dict=local, transformations=standard_transformations) for s in (ref, go))
    if a == b:  # the same expression (zoo and nan too, which a - b would not cancel)
        return 0.0
    undefined = (sp.nan, sp.zoo, sp.oo, -sp.oo)
    if a.has(*undefined) and b.has(*undefined):
        return 0.0  # both undefined, as the derivative of 0**x or 1/(x - x) is
    d = a - b
    # expand settles most cases at a fraction of simplify's cost; both are proofs.
    return 0.0 if sp.expand(d) == 0 or sp.simplify(d) == 0 else math.inf
