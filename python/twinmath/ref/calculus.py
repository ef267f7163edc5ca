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

import keyword
import math
import re
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import array, integer, real, text, vector
from ..errors import invalid, shape_error
from .vectors import norm

__all__ = [
    "derivative",
    "gradient",
    "gradient_descent",
    "hessian",
    "jacobian",
    "symbolic_derivative",
    "taylor",
]

# The default steps: h = 1e-5 balances truncation (∝ h²) and rounding
# (∝ ε/h) for first derivatives; the Hessian's rounding grows as ε/h², so
# it takes 1e-4. Taylor uses both.
STEP = 1e-5
HESSIAN_STEP = 1e-4

Array = NDArray[np.float64]


# ---- the caller's functions, and what they return -----------------------------


def function(f: Any, op: str, name: str) -> Callable[..., Any]:
    """Return ``f`` if it is callable, else raise TypeError."""
    if not callable(f):
        raise TypeError(f"{op}: {name} must be callable, got {type(f).__name__}")
    return f  # type: ignore[no-any-return]


def number_result(v: Any, op: str, what: str) -> float:
    """Return what a scalar function returned as a float.

    A real number (Python's, numpy's, or a 0-D array) passes; an array of
    higher dimension is a ShapeError, anything else a TypeError.
    """
    if v.__class__ is float:
        return v  # type: ignore[no-any-return]
    if isinstance(v, np.ndarray) and v.ndim > 0:
        raise shape_error(op, f"{what} must be a number, got an array of shape {v.shape}")
    return real(v, op, what)


def vector_result(v: Any, op: str, what: str) -> Array:
    """Return what a vector function returned as a 1-D float64 array (a number has length 1)."""
    a = array(v, op, what)
    if a.ndim == 0:
        return a.reshape(1)
    if a.ndim != 1:
        raise shape_error(op, f"{what} must be a number or 1-D, got shape {a.shape}")
    return a


def point(x: Any, op: str, name: str) -> tuple[bool, Array]:
    """Return (whether ``x`` is a number, ``x`` as a 1-D float64 array)."""
    a = array(x, op, name)
    if a.ndim > 1:
        raise shape_error(op, f"{name} must be a number or 1-D, got shape {a.shape}")
    return a.ndim == 0, a.reshape(-1)


def number(x: Any, op: str, name: str) -> float:
    """Return ``x`` as a float; an array of any dimension but 0 is a ShapeError."""
    a = array(x, op, name)
    if a.ndim != 0:
        raise shape_error(op, f"{name} must be a number, got shape {a.shape}")
    return float(a)


def points(x0: Any, x: Any, op: str) -> tuple[bool, Array, Array]:
    """Return (whether both are numbers, x0, x) as 1-D arrays: both numbers or both 1-D."""
    scalar, a0 = point(x0, op, "x0")
    scalar_x, a = point(x, op, "x")
    if scalar != scalar_x:
        raise shape_error(
            op, f"x0 and x must both be numbers or both be 1-D, got shapes {np.shape(x0)} and {np.shape(x)}"
        )
    return scalar, a0, a


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


def derivative(f: Callable[[float], float], x: float, h: float = STEP) -> float:
    """Return the central-difference approximation of f'(x).

    ``f'(x) ≈ (f(x + h) − f(x − h)) / (2h)``, with truncation error
    h²/6·|f'''| and rounding error about ε·|f(x)|/h. ``f`` is called with a
    float, at x + h and then at x − h.

    Parameters
    ----------
    f : callable
        A real function of one real variable.
    x : float
    h : float, optional
        The step, positive and finite.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``h`` is not positive and finite.
    TypeError
        If ``f`` is not callable, or returns something other than a real number.
    ShapeError
        If ``x`` is an array, or ``f`` returns one.

    Examples
    --------
    >>> import twinmath as tm
    >>> round(tm.derivative(lambda x: x**3, 2.0), 6)
    12.0
    """
    op = "derivative"
    fn = function(f, op, "f")
    x0 = number(x, op, "x")
    step = real(h, op, "h")
    check_step(op, step)
    return (number_result(fn(x0 + step), op, "f(x)") - number_result(fn(x0 - step), op, "f(x)")) / (2 * step)


def _gradient(fx: Callable[[Array], float], x: Array, h: float) -> Array:
    g = np.empty(x.size)
    for i in range(x.size):
        xp = x.copy()
        xp[i] += h
        xm = x.copy()
        xm[i] -= h
        g[i] = (fx(xp) - fx(xm)) / (2 * h)
    return g


def gradient(f: Callable[[Array], float], x: ArrayLike, h: float = STEP) -> Array:
    """Return the central-difference gradient ∇f(x), the vector of partial derivatives.

    ``∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / (2h)``. ``f`` is called 2n
    times with a fresh 1-D array: at x + h·eᵢ, then x − h·eᵢ, for i = 0, …, n−1.

    Parameters
    ----------
    f : callable
        A real function of a 1-D array.
    x : array_like, shape (n,)
    h : float, optional
        The step, positive and finite.

    Returns
    -------
    ndarray of float64, shape (n,)

    Raises
    ------
    ValueError
        If ``h`` is not positive and finite.
    TypeError
        If ``f`` is not callable, or returns something other than a real number.
    ShapeError
        If ``x`` is not 1-D, or ``f`` returns an array.

    Examples
    --------
    >>> import twinmath as tm
    >>> g = tm.gradient(lambda v: v[0]**2 + v[1]**2, [3.0, 4.0])
    >>> [round(float(d), 6) for d in g]
    [6.0, 8.0]
    """
    op = "gradient"
    fn = function(f, op, "f")
    a = vector(x, op, "x")
    step = real(h, op, "h")
    check_step(op, step)
    return _gradient(scalar_caller(fn, op, False), a, step)


def jacobian(f: Callable[[Array], ArrayLike], x: ArrayLike, h: float = STEP) -> Array:
    """Return the central-difference Jacobian of f: ℝⁿ → ℝᵐ at x, an m×n matrix.

    ``J[r, i] = ∂fᵣ/∂xᵢ ≈ (fᵣ(x + h·eᵢ) − fᵣ(x − h·eᵢ)) / (2h)``: row r is
    the gradient of output r. ``f`` is called first at x, which sets m (a
    number counts as m = 1), then at x + h·eᵢ and x − h·eᵢ for each i, each
    time with a fresh 1-D array.

    Parameters
    ----------
    f : callable
        A function of a 1-D array returning a 1-D array of one length.
    x : array_like, shape (n,)
    h : float, optional
        The step, positive and finite.

    Returns
    -------
    ndarray of float64, shape (m, n)

    Raises
    ------
    ValueError
        If ``h`` is not positive and finite.
    TypeError
        If ``f`` is not callable, or returns something other than real numbers.
    ShapeError
        If ``x`` is not 1-D, or ``f`` returns a 2-D array, or values of
        another length than f(x).

    Examples
    --------
    >>> import twinmath as tm
    >>> J = tm.jacobian(lambda v: [v[0]**2 * v[1], 5 * v[0] + v[1]], [1.0, 2.0])
    >>> J.round(6)
    array([[4., 1.],
           [5., 1.]])
    """
    op = "jacobian"
    fn = function(f, op, "f")
    a = vector(x, op, "x")
    step = real(h, op, "h")
    check_step(op, step)
    m = vector_result(fn(a.copy()), op, "f(x)").size
    J = np.empty((m, a.size))
    for i in range(a.size):
        xp = a.copy()
        xp[i] += step
        xm = a.copy()
        xm[i] -= step
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
    for i in range(n):
        xp = x.copy()
        xp[i] += h
        xm = x.copy()
        xm[i] -= h
        H[i, i] = (fx(xp) - 2 * f0 + fx(xm)) / (h * h)
        for j in range(i + 1, n):
            fpp, fpm, fmp, fmm = at(i, 1, j, 1), at(i, 1, j, -1), at(i, -1, j, 1), at(i, -1, j, -1)
            H[i, j] = H[j, i] = (fpp - fpm - fmp + fmm) / (4 * h * h)
    return H


def hessian(f: Callable[[Array], float], x: ArrayLike, h: float = HESSIAN_STEP) -> Array:
    """Return the central-difference Hessian of f at x, the matrix of second partial derivatives.

    ``H[i, i] ≈ (f(x + h·eᵢ) − 2f(x) + f(x − h·eᵢ)) / h²`` and, for i < j,
    ``H[i, j] = H[j, i] ≈ (f(x + h·eᵢ + h·eⱼ) − f(x + h·eᵢ − h·eⱼ)
    − f(x − h·eᵢ + h·eⱼ) + f(x − h·eᵢ − h·eⱼ)) / (4h²)``, so H is exactly
    symmetric. ``f`` is called 2n² + 1 times with a fresh 1-D array: at x,
    then for each i the two diagonal points and, for each j > i, the four
    corners in that order. Rounding grows as ε·|f|/h², hence the larger
    default step.

    Parameters
    ----------
    f : callable
        A real function of a 1-D array.
    x : array_like, shape (n,)
    h : float, optional
        The step, positive and finite.

    Returns
    -------
    ndarray of float64, shape (n, n)

    Raises
    ------
    ValueError
        If ``h`` is not positive and finite.
    TypeError
        If ``f`` is not callable, or returns something other than a real number.
    ShapeError
        If ``x`` is not 1-D, or ``f`` returns an array.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.hessian(lambda v: v[0]**2 * v[1] + v[1]**3, [1.0, 2.0]).round(4)
    array([[ 4.,  2.],
           [ 2., 12.]])
    """
    op = "hessian"
    fn = function(f, op, "f")
    a = vector(x, op, "x")
    step = real(h, op, "h")
    check_step(op, step)
    return _hessian(scalar_caller(fn, op, False), a, step)


def taylor(f: Callable[..., float], x0: float | ArrayLike, x: float | ArrayLike, order: int = 2) -> float:
    """Return the value at x of the Taylor expansion of f around x0.

    With d = x − x0, order 0 gives f(x0), order 1 adds ∇f(x0)·d and order 2
    adds ½·dᵀH(x0)d, the gradient and the Hessian being the central
    differences of ``gradient`` (h = 1e-5) and ``hessian`` (h = 1e-4). The
    points are numbers (``f`` gets floats) or 1-D arrays of one length
    (``f`` gets arrays). ``f`` is called at x0, then as ``gradient`` calls
    it (order ≥ 1), then as ``hessian`` does (order 2).

    Parameters
    ----------
    f : callable
        A real function of a float or of a 1-D array.
    x0, x : float or array_like, shape (n,)
        The centre of the expansion and the point where it is evaluated.
    order : {0, 1, 2}, optional

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``order`` is not 0, 1 or 2.
    TypeError
        If ``f`` is not callable or returns something other than a real
        number, or ``order`` is not an integer.
    ShapeError
        If x0 and x are not both numbers or both 1-D of one length.

    Examples
    --------
    >>> import math
    >>> import twinmath as tm
    >>> round(tm.taylor(math.exp, 0.0, 0.1, order=2), 6)  # 1 + 0.1 + 0.01/2
    1.105
    """
    op = "taylor"
    fn = function(f, op, "f")
    scalar, a0, a = points(x0, x, op)
    k = integer(order, op, "order")
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


class GradientDescentResult(NamedTuple):
    """The result of ``gradient_descent``: the last iterate and the history."""

    x: float | Array
    history: Array


def gradient_descent(
    f: Callable[..., float],
    grad_f: Callable[..., ArrayLike] | None,
    x0: float | ArrayLike,
    learning_rate: float = 0.01,
    max_iter: int = 1000,
    tol: float = 1e-6,
) -> GradientDescentResult:
    """Minimise f by gradient descent from x0; return the last iterate and the history.

    ``x ← x − learning_rate·∇f(x)``. After each update it stops when the
    Euclidean norm of the gradient just used is below ``tol``, and in any case
    after ``max_iter`` updates. ``grad_f`` computes ∇f; when it is None the
    central-difference ``gradient`` of ``f`` (h = 1e-5) stands in, and ``f``
    is not called otherwise. With a number for x0, ``f`` and ``grad_f`` get
    and return floats; with a 1-D array, arrays.

    Parameters
    ----------
    f : callable
        The function to minimise.
    grad_f : callable or None
        Its gradient, returning a 1-D array of the length of x0 (or a number).
    x0 : float or array_like, shape (n,)
    learning_rate : float, optional
        The step size α ≥ 0.
    max_iter : int, optional
        The most updates to make, ≥ 0.
    tol : float, optional
        Stop once ‖∇f‖₂ < tol (tol ≥ 0; 0 never stops early).

    Returns
    -------
    x : float or ndarray of float64, shape (n,)
        The last iterate (a float when x0 is a number).
    history : ndarray of float64, shape (k + 1, n)
        x0 and every iterate, one row each (n = 1 for a number).

    Raises
    ------
    ValueError
        If ``learning_rate`` is negative or not finite, ``max_iter`` is
        negative, or ``tol`` is negative or NaN.
    TypeError
        If ``f`` or ``grad_f`` is not callable, or returns something other
        than real numbers.
    ShapeError
        If x0 is more than 1-D, or ``grad_f`` returns values of another length.

    Examples
    --------
    >>> import twinmath as tm
    >>> x, history = tm.gradient_descent(lambda x: x**2, lambda x: 2 * x, 5.0, learning_rate=0.1, max_iter=10)
    >>> round(x, 12), history.shape
    (0.536870912, (11, 1))
    """
    op = "gradient_descent"
    fn = function(f, op, "f")
    gf = None if grad_f is None else function(grad_f, op, "grad_f")
    scalar, x = point(x0, op, "x0")
    rate = real(learning_rate, op, "learning_rate")
    steps = integer(max_iter, op, "max_iter")
    stop = real(tol, op, "tol")
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

    history = [x.copy()]
    for _ in range(steps):
        g = grad(x)
        x = x - rate * g
        history.append(x)
        if norm(g) < stop:
            break
    return GradientDescentResult(float(x[0]) if scalar else x, np.array(history).reshape(len(history), n))


# ---- symbolic derivatives -------------------------------------------------------

FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "sqrt", "sigmoid")
_OP = "symbolic_derivative"
# Python's tokens for this grammar, ASCII only: numbers, names, operators, blanks.
_NUMBER = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NAME_ONLY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# The deepest nesting of parentheses, signs and exponents (Go's maxDepth):
# it keeps both parsers within their stacks, Python's recursion limit being
# the tighter.
MAX_DEPTH = 64
# The largest exponent a number may be written with: constants are exact, and
# 1e999999999 would have a billion digits.
MAX_EXPONENT = 1000


def _show(c: str) -> str:
    """Quote a character for a message: 'c' if printable ASCII, else U+XXXX (as Go does)."""
    return f"'{c}'" if "!" <= c <= "~" else f"U+{ord(c):04X}"


class _Token(NamedTuple):
    kind: str  # "number", "name", "op" or "end"
    text: str
    pos: int


def _tokens(text: str) -> list[_Token]:
    """Split the expression into tokens; the first bad character is an error."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c in " \t\n\r":
            i += 1
        elif m := _NUMBER.match(text, i):
            s = m.group()
            exponent = re.split("[eE]", s)
            if len(exponent) == 2 and abs(int(exponent[1])) > MAX_EXPONENT:
                raise invalid(_OP, f"number '{s}' is out of range at position {i}")
            out.append(_Token("number", s, i))
            i = m.end()
        elif m := _NAME.match(text, i):
            s = m.group()
            if keyword.iskeyword(s):
                raise invalid(_OP, f"reserved word '{s}' at position {i}")
            out.append(_Token("name", s, i))
            i = m.end()
        elif text.startswith("**", i):
            out.append(_Token("op", "**", i))
            i += 2
        elif c in "+-*/()":
            out.append(_Token("op", c, i))
            i += 1
        else:
            raise invalid(_OP, f"unexpected character {_show(c)} at position {i}")
    out.append(_Token("end", "", len(text)))
    return out


class _Grammar:
    """The grammar of the Go parser (go/symbolic.go), Python's for this subset.

    ``expr = term {(+|-) term}``, ``term = unary {(*|/) unary}``,
    ``unary = (+|-) unary | power``, ``power = atom [** unary]``,
    ``atom = number | name | function ( expr ) | ( expr )``. It checks the
    text and collects its names; it raises exactly the errors, with the
    positions, that the Go parser returns, so that both backends report a
    bad expression alike before sympy ever sees it.
    """

    def __init__(self, text: str) -> None:
        self.toks = _tokens(text)
        self.i = 0
        self.depth = 0  # of nested unary calls: every nesting passes through one
        self.names: set[str] = set()
        self.expr()
        if self.peek().kind != "end":
            raise self.unexpected(self.peek())

    def peek(self) -> _Token:
        return self.toks[self.i]

    def next(self) -> _Token:
        t = self.toks[self.i]
        if t.kind != "end":
            self.i += 1
        return t

    def at(self, *ops: str) -> bool:
        t = self.peek()
        return t.kind == "op" and t.text in ops

    @staticmethod
    def unexpected(t: _Token) -> ValueError:
        if t.kind == "end":
            return invalid(_OP, f"unexpected end of expression at position {t.pos}")
        return invalid(_OP, f"unexpected '{t.text}' at position {t.pos}")

    def expr(self) -> None:
        self.term()
        while self.at("+", "-"):
            self.next()
            self.term()

    def term(self) -> None:
        self.unary()
        while self.at("*", "/"):
            self.next()
            self.unary()

    def unary(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise invalid(
                _OP, f"expression nested deeper than {MAX_DEPTH} levels at position {self.peek().pos}"
            )
        if self.at("+", "-"):
            self.next()
            self.unary()
        else:
            self.power()
        self.depth -= 1

    def power(self) -> None:
        self.atom()
        if self.at("**"):
            self.next()
            self.unary()

    def atom(self) -> None:
        t = self.next()
        if t.kind == "number":
            return
        if t.kind == "name" and t.text in FUNCTIONS:
            if not self.at("("):
                raise invalid(_OP, f"expected '(' after '{t.text}' at position {self.peek().pos}")
            self.next()
            self.closed()
        elif t.kind == "name":
            if self.at("("):
                raise invalid(_OP, f"unknown function '{t.text}' at position {t.pos}")
            self.names.add(t.text)
        elif t.kind == "op" and t.text == "(":
            self.closed()
        else:
            raise self.unexpected(t)

    def closed(self) -> None:
        self.expr()
        if not self.at(")"):
            raise invalid(_OP, f"expected ')' at position {self.peek().pos}")
        self.next()


def check_expression(expression: str, variable: str) -> set[str]:
    """Check the expression and the variable as the Go parser does; return the expression's names."""
    names = _Grammar(expression).names
    if not _NAME_ONLY.match(variable) or keyword.iskeyword(variable):
        raise invalid(_OP, f"variable must be a name, got '{variable}'")
    if variable in FUNCTIONS:
        raise invalid(_OP, f"variable '{variable}' is the name of a function")
    return names


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


def symbolic_derivative(expression: str, variable: str) -> str:
    """Return the derivative of an expression with respect to a variable, as text.

    Expressions use Python/sympy syntax: numbers, names, ``+ - * / **``,
    parentheses and the functions sin, cos, tan, exp, log (natural), sqrt and
    sigmoid (σ(u) = 1/(1 + exp(−u))). Other names are constants, so the
    result is a partial derivative. Numbers are exact: 2.5 is 5/2, and a
    constant that is not an integer comes back as a fraction. The result is an expression sympy parses
    (give it the input's names as symbols); the two backends may write it
    differently, but sympy proves them equal. The text is checked against
    that grammar first, so both backends reject a bad expression with the
    same message, which gives the position (in characters from 0).

    Parameters
    ----------
    expression : str
    variable : str
        A name, other than a function's.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the expression does not parse, calls an unknown function, or the
        variable is not a name.
    TypeError
        If ``expression`` or ``variable`` is not a str.

    Examples
    --------
    >>> import sympy as sp
    >>> import twinmath as tm
    >>> x = sp.Symbol("x")
    >>> d = tm.symbolic_derivative("x**3 + sin(x)*exp(x)", "x")
    >>> sp.simplify(sp.sympify(d) - (3*x**2 + sp.exp(x)*(sp.sin(x) + sp.cos(x))))
    0
    >>> tm.symbolic_derivative("x**2 + y**2", "y")
    '2*y'
    """
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
