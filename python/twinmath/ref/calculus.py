"""Calculus: finite differences, Taylor expansions, gradient descent, symbolic derivatives.

The numerical operations take any Python callable ``f``. How it is called:

- ``derivative`` calls ``f`` with a float and expects a real number back;
- ``gradient``, ``hessian`` (f: ℝⁿ → ℝ) and ``jacobian`` (f: ℝⁿ → ℝᵐ) call
  it with a fresh 1-D float64 array of length n, so ``f`` may keep or modify
  what it gets; ``jacobian`` expects a 1-D array of one length m at every
  point (a number counts as m = 1);
- ``taylor`` and ``gradient_descent`` take a number or a 1-D array as the
  point: with a number, ``f`` (and ``grad_f``) get floats, with an array they
  get arrays.

A callable that raises stops the operation with that same exception. One that
returns text, a complex number or an array where a number belongs raises
TypeError or ShapeError, with the same message from both backends. The
points where ``f`` is evaluated, and their order, are part of the contract
(see the Go documentation of each function): the Go backend evaluates the
same ``f`` at the same points, bit for bit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from .. import _front
from .._convert import text
from .._front import twin
from .._front.calculus import (
    _OP,
    HESSIAN_STEP,
    STEP,
    Array,
    GradientDescentResult,
    check_expression,
    derivative_args,
    descent_args,
    difference_args,
    number_result,
    taylor_args,
    vector_result,
)
from ..errors import invalid, shape_error
from .vectors import norm

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.calculus.__all__


# ---- the caller's functions, and what they return -----------------------------


def scalar_caller(f: Callable[..., Any], op: str, scalar: bool) -> Callable[[Array], float]:
    """Return f as a function of a 1-D array that returns a float.

    With ``scalar`` set, ``f`` gets the one coordinate as a float.
    """
    if scalar:
        return lambda p: number_result(f(float(p[0])), op, "f(x)")
    return lambda p: number_result(f(p), op, "f(x)")


def check_step(op: str, h: float) -> None:
    """Raise ValueError unless h is positive and finite."""
    if not (h > 0 and math.isfinite(h)):
        raise invalid(op, f"h must be positive and finite, got {h!r}")


# ---- finite differences -------------------------------------------------------


@twin(_front.calculus.derivative)
def derivative(f: Callable[[float], float], x: float, h: float = STEP) -> float:
    op = "derivative"
    fn, x0, step = derivative_args(f, x, h)
    check_step(op, step)
    return (number_result(fn(x0 + step), op, "f(x)") - number_result(fn(x0 - step), op, "f(x)")) / (2 * step)


def _steps(x: Array, i: int, h: float) -> tuple[Array, Array]:
    """Return fresh copies of x + h·eᵢ and x − h·eᵢ."""
    xp = x.copy()
    xp[i] += h
    xm = x.copy()
    xm[i] -= h
    return xp, xm


def _field_args(f: Any, x: Any, h: Any, op: str) -> tuple[Callable[[Array], float], Array, float]:
    """Check the arguments of a difference of the scalar field f at x with step h."""
    fn, a, step = difference_args(f, x, h, op)
    check_step(op, step)
    return scalar_caller(fn, op, False), a, step


def _gradient(fx: Callable[[Array], float], x: Array, h: float) -> Array:
    g = np.empty(x.size)
    for i in range(x.size):
        xp, xm = _steps(x, i, h)
        g[i] = (fx(xp) - fx(xm)) / (2 * h)
    return g


@twin(_front.calculus.gradient)
def gradient(f: Callable[[Array], float], x: ArrayLike, h: float = STEP) -> Array:
    return _gradient(*_field_args(f, x, h, "gradient"))


@twin(_front.calculus.jacobian)
def jacobian(f: Callable[[Array], ArrayLike], x: ArrayLike, h: float = STEP) -> Array:
    op = "jacobian"
    fn, a, step = difference_args(f, x, h, op)
    check_step(op, step)
    m = vector_result(fn(a.copy()), op, "f(x)").size
    J = np.empty((m, a.size))
    for i in range(a.size):
        xp, xm = _steps(a, i, step)
        yp = vector_result(fn(xp), op, "f(x)")
        if yp.size != m:
            raise shape_error(op, f"f returned {yp.size} values, f(x) has {m}")
        ym = vector_result(fn(xm), op, "f(x)")
        if ym.size != m:
            raise shape_error(op, f"f returned {ym.size} values, f(x) has {m}")
        J[:, i] = (yp - ym) / (2 * step)
    return J


def _hessian(fx: Callable[[Array], float], x: Array, h: float) -> Array:
    n = x.size
    H = np.empty((n, n))

    def at(i: int, si: float, j: int, sj: float) -> float:
        p = x.copy()
        p[i] += si * h
        p[j] += sj * h
        return fx(p)

    f0 = fx(x.copy())
    # h·h underflows to 0 for h below ~1e-162: divide as IEEE 754 (and Go)
    # does, to ±inf or NaN, where Python's floats raise ZeroDivisionError.
    hh, hh4 = np.float64(h) * h, 4 * np.float64(h) * h
    for i in range(n):
        xp, xm = _steps(x, i, h)
        with np.errstate(all="ignore"):
            H[i, i] = (fx(xp) - 2 * f0 + fx(xm)) / hh
        for j in range(i + 1, n):
            fpp, fpm, fmp, fmm = at(i, 1, j, 1), at(i, 1, j, -1), at(i, -1, j, 1), at(i, -1, j, -1)
            with np.errstate(all="ignore"):
                H[i, j] = H[j, i] = (fpp - fpm - fmp + fmm) / hh4
    return H


@twin(_front.calculus.hessian)
def hessian(f: Callable[[Array], float], x: ArrayLike, h: float = HESSIAN_STEP) -> Array:
    return _hessian(*_field_args(f, x, h, "hessian"))


@twin(_front.calculus.taylor)
def taylor(f: Callable[..., float], x0: float | ArrayLike, x: float | ArrayLike, order: int = 2) -> float:
    op = "taylor"
    fn, scalar, a0, a, k = taylor_args(f, x0, x, order)
    if a0.size != a.size:
        raise shape_error(op, f"x0 has length {a0.size}, x has length {a.size}")
    if k not in (0, 1, 2):
        raise invalid(op, f"order must be 0, 1 or 2, got {k}")
    fx = scalar_caller(fn, op, scalar)
    value = fx(a0.copy())
    if k == 0:
        return value
    d = a - a0
    value = value + float(_gradient(fx, a0, STEP) @ d)
    if k == 1:
        return value
    H = _hessian(fx, a0, HESSIAN_STEP)
    return value + 0.5 * float(d @ H @ d)


# ---- gradient descent -----------------------------------------------------------


@twin(_front.calculus.gradient_descent)
def gradient_descent(
    f: Callable[..., float],
    grad_f: Callable[..., ArrayLike] | None,
    x0: float | ArrayLike,
    learning_rate: float = 0.01,
    max_iter: int = 1000,
    tol: float = 1e-6,
) -> GradientDescentResult:
    op = "gradient_descent"
    fn, gf, scalar, x, rate, steps, stop = descent_args(f, grad_f, x0, learning_rate, max_iter, tol)
    if not (rate >= 0 and math.isfinite(rate)):
        raise invalid(op, f"learning_rate must be non-negative and finite, got {rate!r}")
    if steps < 0:
        raise invalid(op, f"max_iter must be non-negative, got {steps}")
    if not stop >= 0:
        raise invalid(op, f"tol must be non-negative, got {stop!r}")
    n = x.size

    def grad(p: Array) -> Array:
        if gf is None:
            return _gradient(scalar_caller(fn, op, scalar), p, STEP)
        g = vector_result(gf(float(p[0]) if scalar else p.copy()), op, "grad_f(x)")
        if g.size != n:
            raise shape_error(op, f"grad_f returned {g.size} values, x0 has {n}")
        return g

    x = x.copy()  # the result never shares memory with x0, even after no step
    history = [x.copy()]
    for _ in range(steps):
        g = grad(x)
        x = x - rate * g
        history.append(x)
        if norm(g) < stop:
            break
    return GradientDescentResult(float(x[0]) if scalar else x, np.array(history).reshape(len(history), n))


# ---- symbolic derivatives -------------------------------------------------------


def sympy_names(names: set[str]) -> dict[str, Any]:
    """Return the names of an expression for sympy: symbols, and the functions (sigmoid written out)."""
    import sympy as sp

    local: dict[str, Any] = {name: sp.Symbol(name) for name in names}
    local.update(
        sin=sp.sin,
        cos=sp.cos,
        tan=sp.tan,
        exp=sp.exp,
        log=sp.log,
        sqrt=sp.sqrt,
        sigmoid=lambda u: 1 / (1 + sp.exp(-u)),
    )
    return local


@twin(_front.calculus.symbolic_derivative)
def symbolic_derivative(expression: str, variable: str) -> str:
    import sympy as sp
    from sympy.parsing.sympy_parser import parse_expr, rationalize, standard_transformations

    expression, variable = text(expression, _OP, "expression"), text(variable, _OP, "variable")
    names = check_expression(expression, variable)
    local = sympy_names(names | {variable})
    # The grammar allows tabs and line breaks between tokens; Python's does not.
    source = " ".join(expression.split())
    # Decimal literals are exact (2.5 is 5/2), as in Go.
    expr = parse_expr(source, local_dict=local, transformations=(*standard_transformations, rationalize))
    return str(sp.diff(expr, local[variable]))
