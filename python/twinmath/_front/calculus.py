# mypy: disable-error-code="empty-body"
"""The front of calculus, which twinmath.ref and twinmath.go share (see ``twinmath._front``).

Calculus: finite differences, Taylor expansions, gradient descent, symbolic derivatives.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import array, integer, real, vector
from ..errors import invalid, shape_error

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
        return v  # type: ignore[no-any-return,unused-ignore]
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


def derivative_args(f: Any, x: Any, h: Any) -> tuple[Callable[..., Any], float, float]:
    """Return (f, x as a float, h as a float): the arguments of derivative."""
    op = "derivative"
    return function(f, op, "f"), number(x, op, "x"), real(h, op, "h")


def taylor_args(f: Any, x0: Any, x: Any, order: Any) -> tuple[Callable[..., Any], bool, Array, Array, int]:
    """Return (f, whether x0 is a number, x0 and x as 1-D arrays, order): the arguments of taylor."""
    op = "taylor"
    fn = function(f, op, "f")
    scalar, a0, a = points(x0, x, op)
    return fn, scalar, a0, a, integer(order, op, "order")


def difference_args(f: Any, x: Any, h: Any, op: str) -> tuple[Callable[..., Any], Array, float]:
    """Return (f, x as a 1-D array, h as a float): the arguments of gradient, jacobian and hessian."""
    return function(f, op, "f"), vector(x, op, "x"), real(h, op, "h")


def descent_args(
    f: Any, grad_f: Any, x0: Any, learning_rate: Any, max_iter: Any, tol: Any
) -> tuple[Callable[..., Any], Callable[..., Any] | None, bool, Array, float, int, float]:
    """Return gradient_descent's arguments converted.

    (f, grad_f, whether x0 is a number, x0 as a 1-D array, learning_rate, max_iter, tol).
    """
    op = "gradient_descent"
    fn = function(f, op, "f")
    gf = None if grad_f is None else function(grad_f, op, "grad_f")
    scalar, x = point(x0, op, "x0")
    rate, steps = real(learning_rate, op, "learning_rate"), integer(max_iter, op, "max_iter")
    return fn, gf, scalar, x, rate, steps, real(tol, op, "tol")


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
