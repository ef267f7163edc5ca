"""Parity checks of the calculus operations.

The numerical operations take functions. Their cases use a small table of
test functions known by name to both test suites (``Named``): calling one
runs the Python version below, and its name is what the shared vectors hold,
which go/calculus_test.go looks up in its own table of the same functions.
Each is written so that both versions perform the same floating-point
operations in the same order (plain loops over floats, no library sums, no
fused multiply-adds on the Go side), so they return the same bits and the
finite differences built on them agree bit for bit across languages too.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import tolerances as tol
from . import FUNCTIONS, Args, Case, Check, normal, register

# ---- the test functions ------------------------------------------------------


class Named(str):
    """A test function known by name to the Python and the Go test suites.

    The string is the name; calling it evaluates the function. It is
    immutable, so a copy is the same object.
    """

    fn: Callable[..., Any]

    def __new__(cls, name: str, fn: Callable[..., Any]) -> Named:
        self = super().__new__(cls, name)
        self.fn = fn
        FUNCTIONS[name] = self
        return self

    def __call__(self, x: Any) -> Any:
        return self.fn(x)

    def __copy__(self) -> Named:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Named:
        return self


def _floats(v: Any) -> list[float]:
    return [float(t) for t in np.asarray(v, dtype=np.float64).reshape(-1)]


def _sumsq(v: Any) -> float:
    s = 0.0
    for t in _floats(v):
        s += t * t
    return s


def _rosenbrock(v: Any) -> float:
    x, s = _floats(v), 0.0
    for i in range(len(x) - 1):
        a = x[i + 1] - x[i] * x[i]
        b = 1.0 - x[i]
        s += 100.0 * a * a + b * b
    return s


def _rosenbrock_grad(v: Any) -> list[float]:
    x = _floats(v)
    g = [0.0] * len(x)
    for i in range(len(x)):
        if i + 1 < len(x):
            g[i] = -400.0 * x[i] * (x[i + 1] - x[i] * x[i]) - 2.0 * (1.0 - x[i])
        if i > 0:
            g[i] += 200.0 * (x[i] - x[i - 1] * x[i - 1])
    return g


def _cyclic(v: Any) -> list[float]:
    x = _floats(v)
    return [x[i] * x[(i + 1) % len(x)] for i in range(len(x))]


def _moments(v: Any) -> list[float]:
    s1 = s2 = 0.0
    for t in _floats(v):
        s1 += t
        s2 += t * t
    return [s1, s2]


def _ragged(v: Any) -> list[float]:
    x = _floats(v)
    return x[:1] if x[0] <= 1.0 else x[:2]


SQUARE = Named("fn:square", lambda x: x * x)  # R → R
TWICE = Named("fn:twice", lambda x: 2.0 * x)  # its derivative
CUBE = Named("fn:cube", lambda x: x * x * x)
BUMP = Named("fn:bump", lambda x: 1.0 / (1.0 + x * x))
SUMSQ = Named("fn:sumsq", _sumsq)  # Rⁿ → R: Σ xᵢ²
DOUBLE = Named("fn:double", lambda v: [2.0 * t for t in _floats(v)])  # its gradient
ROSENBROCK = Named("fn:rosenbrock", _rosenbrock)
ROSENBROCK_GRAD = Named("fn:rosenbrock_grad", _rosenbrock_grad)
EXAMPLE = Named("fn:example", lambda v: [v[0] * v[0] * v[1], 5.0 * v[0] + v[1]])  # R² → R²
CYCLIC = Named("fn:cyclic", _cyclic)  # Rⁿ → Rⁿ: xᵢ·xᵢ₊₁
MOMENTS = Named("fn:moments", _moments)  # Rⁿ → R²: Σxᵢ, Σxᵢ²
RAGGED = Named("fn:ragged", _ragged)  # one value where x₀ ≤ 1, two beyond: not a function of one m


# ---- cases ---------------------------------------------------------------------

H_ERRORS: list[tuple[str, float]] = [
    ("h = 0", 0.0),
    ("h < 0", -1e-5),
    ("h nan", math.nan),
    ("h inf", math.inf),
]


def _points(rng: np.random.Generator, high: int = 6) -> list[np.ndarray]:
    return [normal(rng, n) for n in (0, 1, 2, 3, high)] + [3 * normal(rng, 4), 1e3 * normal(rng, 3)]


def _derivative_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [("x³ at 2", {"f": CUBE, "x": 2.0}), ("x² at 3", {"f": SQUARE, "x": 3.0})]
    for x in normal(rng, 4) * 3:
        cases.append((f"1/(1+x²) at {x:.3g}", {"f": BUMP, "x": float(x)}))
    cases.append(("x³ at 1e8, h = 1", {"f": CUBE, "x": 1e8, "h": 1.0}))
    cases.append(("x³ at nan", {"f": CUBE, "x": math.nan}))
    return cases


def _field_cases(rng: np.random.Generator, h: float) -> list[Case]:
    cases: list[Case] = [("x² + y² at (3, 4)", {"f": SUMSQ, "x": [3.0, 4.0]})]
    for x in _points(rng):
        cases.append((f"Σx² n={x.size}", {"f": SUMSQ, "x": x}))
        cases.append((f"rosenbrock n={x.size}", {"f": ROSENBROCK, "x": x}))
    cases.append(("rosenbrock h = 0.1", {"f": ROSENBROCK, "x": [1.0, 2.0], "h": 0.1}))
    cases.append(("rosenbrock h = 10h", {"f": ROSENBROCK, "x": [-1.2, 1.0], "h": 10 * h}))
    cases.append(("inf in x", {"f": SUMSQ, "x": [1.0, math.inf]}))
    return cases


def _jacobian_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [("[x²y, 5x + y] at (1, 2)", {"f": EXAMPLE, "x": [1.0, 2.0]})]
    for x in _points(rng):
        cases.append((f"xᵢxᵢ₊₁ n={x.size}", {"f": CYCLIC, "x": x}))
        cases.append((f"(Σx, Σx²) n={x.size}", {"f": MOMENTS, "x": x}))
    cases.append(("gradient of rosenbrock", {"f": ROSENBROCK_GRAD, "x": [-1.2, 1.0, 0.5]}))
    cases.append(("scalar f", {"f": SUMSQ, "x": [1.0, 2.0]}))
    return cases


def _taylor_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("x² + y² from (3, 4)", {"f": SUMSQ, "x0": [3.0, 4.0], "x": [3.1, 3.9]}),
        ("x³ from 2, order 1", {"f": CUBE, "x0": 2.0, "x": 2.5, "order": 1}),
        ("x³ from 2, order 0", {"f": CUBE, "x0": 2.0, "x": 2.5, "order": 0}),
        ("1/(1+x²) from 0.5", {"f": BUMP, "x0": 0.5, "x": 0.7}),
    ]
    for x0 in _points(rng):
        d = normal(rng, x0.size) * 0.1
        for order in (1, 2):
            cases.append(
                (
                    f"rosenbrock n={x0.size} order {order}",
                    {"f": ROSENBROCK, "x0": x0, "x": x0 + d, "order": order},
                )
            )
    return cases


def _taylor_bound(args: Args, result: Any) -> float:
    """Recompute f(x0), ∇f and H with the reference, as both sides do, for ``taylor_bound``."""
    from .._front.calculus import HESSIAN_STEP, STEP, points
    from ..ref import calculus as ref

    scalar, x0, x = points(args["x0"], args["x"], "taylor")
    order = args.get("order", 2)
    fx = ref.scalar_caller(args["f"], "taylor", scalar)
    g = ref._gradient(fx, x0, STEP) if order >= 1 else np.zeros(x0.size)
    H = ref._hessian(fx, x0, HESSIAN_STEP) if order == 2 else np.zeros((x0.size, x0.size))
    return tol.calculus.taylor_bound(fx(x0.copy()), g, H, x - x0)


def _descent_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        (
            "x² from 5, rate 0.1, 10 steps",
            {"f": SQUARE, "grad_f": TWICE, "x0": 5.0, "learning_rate": 0.1, "max_iter": 10},
        ),
        ("x² + y² from (3, 4)", {"f": SUMSQ, "grad_f": DOUBLE, "x0": [3.0, 4.0]}),
        ("no iterations", {"f": SUMSQ, "grad_f": DOUBLE, "x0": [3.0, 4.0], "max_iter": 0}),
        ("rate 0", {"f": SUMSQ, "grad_f": DOUBLE, "x0": [1.0], "learning_rate": 0.0, "max_iter": 3}),
        (
            "diverges (rate 1.5)",
            {"f": SUMSQ, "grad_f": DOUBLE, "x0": [1.0, -2.0], "learning_rate": 1.5, "max_iter": 40},
        ),
        ("tol inf: one step", {"f": SUMSQ, "grad_f": DOUBLE, "x0": [1.0, 2.0], "tol": math.inf}),
        ("empty x0", {"f": SUMSQ, "grad_f": DOUBLE, "x0": np.zeros(0)}),
    ]
    for x0 in _points(rng)[1:5]:
        cases.append(
            (
                f"rosenbrock n={x0.size}",
                {"f": ROSENBROCK, "grad_f": ROSENBROCK_GRAD, "x0": x0, "learning_rate": 1e-3, "max_iter": 60},
            )
        )
    return cases


def _descent_errors() -> list[Case]:
    base = {"f": SUMSQ, "grad_f": DOUBLE, "x0": [1.0, 2.0]}
    return [
        ("negative learning_rate", {**base, "learning_rate": -0.1}),
        ("learning_rate nan", {**base, "learning_rate": math.nan}),
        ("learning_rate inf", {**base, "learning_rate": math.inf}),
        ("max_iter < 0", {**base, "max_iter": -1}),
        ("tol < 0", {**base, "tol": -1e-6}),
        ("tol nan", {**base, "tol": math.nan}),
        ("grad_f of the wrong length", {"f": SUMSQ, "grad_f": MOMENTS, "x0": [1.0, 2.0, 3.0]}),
    ]


def _python_only(op: str, x: Any, f: Any = SUMSQ) -> list[Case]:
    """Bad inputs that Go's types cannot express: no function, text, bad returns."""
    return [
        ("f not callable", {"f": 3, "x": x}),
        ("f is None", {"f": None, "x": x}),
        ("h is text", {"f": f, "x": x, "h": "1e-5"}),
        ("complex x", {"f": f, "x": np.asarray(x) * 1j}),
        ("f returns text", {"f": lambda v: "1.0", "x": x}),
        ("f returns complex", {"f": lambda v: 1j, "x": x}),
        ("f returns None", {"f": lambda v: None, "x": x}),
    ]


register(
    Check(
        "derivative",
        "bit for bit (same f at the same points, same operations)",
        _derivative_cases,
        errors=[(label, {"f": CUBE, "x": 1.0, "h": h}) for label, h in H_ERRORS],
        python_only=[
            *_python_only("derivative", 1.0, CUBE),
            ("x is a vector", {"f": CUBE, "x": [1.0, 2.0]}),
            ("f returns an array", {"f": lambda x: np.array([x, x]), "x": 1.0}),
        ],
    )
)
_FIELD_ONLY: list[Case] = [
    ("x is a number", {"f": SUMSQ, "x": 1.0}),
    ("x is 2-D", {"f": SUMSQ, "x": [[1.0, 2.0]]}),
    ("f returns an array", {"f": lambda v: v, "x": [1.0, 2.0]}),
]


def _field_check(op: str, h: float, only: list[Case]) -> Check:
    """The check of gradient or hessian, on cases of step h, refusing ``only`` on the Python side."""
    return Check(
        op,
        "bit for bit (same f at the same points, same operations)",
        lambda rng: _field_cases(rng, h),
        errors=[(label, {"f": SUMSQ, "x": [1.0, 2.0], "h": step}) for label, step in H_ERRORS],
        python_only=[*_python_only(op, [1.0, 2.0]), *only],
    )


register(_field_check("gradient", 1e-5, _FIELD_ONLY))
register(_field_check("hessian", 1e-4, _FIELD_ONLY[1:2]))
register(
    Check(
        "jacobian",
        "bit for bit (same f at the same points, same operations)",
        _jacobian_cases,
        errors=[
            *[(label, {"f": CYCLIC, "x": [1.0, 2.0], "h": h}) for label, h in H_ERRORS],
            ("f changes length", {"f": RAGGED, "x": [1.0, 2.0]}),
        ],
        python_only=[
            *_python_only("jacobian", [1.0, 2.0], CYCLIC)[:5],
            ("f returns text", {"f": lambda v: ["a", "b"], "x": [1.0, 2.0]}),
            ("f returns a matrix", {"f": lambda v: np.ones((2, 2)), "x": [1.0, 2.0]}),
            ("f returns a ragged list", {"f": lambda v: [[1.0], [1.0, 2.0]], "x": [1.0, 2.0]}),
            ("f changes length later", {"f": lambda v: v[: 1 + (v[1] > 2)], "x": [1.0, 2.0]}),
        ],
    )
)
register(
    Check(
        "taylor",
        "2·(γₙ·Σ|gᵢdᵢ| + γ₂ₙ·|d|ᵀ|H||d|/2 + γ₂·(|f₀| + …)): sums in two orders",
        _taylor_cases,
        bound=_taylor_bound,
        errors=[
            ("order 3", {"f": SUMSQ, "x0": [1.0, 2.0], "x": [1.5, 2.5], "order": 3}),
            ("order -1", {"f": SUMSQ, "x0": [1.0, 2.0], "x": [1.5, 2.5], "order": -1}),
            ("lengths differ", {"f": SUMSQ, "x0": [1.0, 2.0], "x": [1.0, 2.0, 3.0]}),
        ],
        python_only=[
            ("f not callable", {"f": "x**2", "x0": 1.0, "x": 2.0}),
            ("number and vector", {"f": CUBE, "x0": 1.0, "x": [2.0]}),
            ("x0 is 2-D", {"f": SUMSQ, "x0": [[1.0]], "x": [[2.0]]}),
            ("order 1.5", {"f": CUBE, "x0": 1.0, "x": 2.0, "order": 1.5}),
            ("f returns text", {"f": lambda x: "1", "x0": 1.0, "x": 2.0}),
        ],
    )
)
register(
    Check(
        "gradient_descent",
        "bit for bit, every iterate (same gradients, x − α·g alike)",
        _descent_cases,
        errors=_descent_errors(),
        python_only=[
            ("f not callable", {"f": 1.0, "grad_f": DOUBLE, "x0": [1.0]}),
            ("grad_f not callable", {"f": SUMSQ, "grad_f": "2*x", "x0": [1.0]}),
            ("x0 is 2-D", {"f": SUMSQ, "grad_f": DOUBLE, "x0": [[1.0]]}),
            ("max_iter 2.5", {"f": SUMSQ, "grad_f": DOUBLE, "x0": [1.0], "max_iter": 2.5}),
            ("tol is text", {"f": SUMSQ, "grad_f": DOUBLE, "x0": [1.0], "tol": "0"}),
            ("grad_f returns text", {"f": SUMSQ, "grad_f": lambda v: "g", "x0": [1.0]}),
            ("grad_f returns a matrix", {"f": SUMSQ, "grad_f": lambda v: np.eye(2), "x0": [1.0, 2.0]}),
        ],
    )
)


# ---- symbolic derivatives -----------------------------------------------------

SYMBOLIC_CASES: list[tuple[str, str, str]] = [
    ("worked example", "x**3 + sin(x)*exp(x)", "x"),
    ("partial derivative", "x**2 + y**2", "y"),
    ("chain rule", "sin(x**2)", "x"),
    ("quotient", "log(x)/x", "x"),
    ("sigmoid", "sigmoid(x)", "x"),
    ("sigmoid of a product", "sigmoid(w*x + b)", "w"),
    ("tangent", "tan(2*x)", "x"),
    ("square root", "sqrt(x**2 + 1)", "x"),
    ("x to the x", "x**x", "x"),
    ("constant base", "2**x", "x"),
    ("negative power", "-x**-2", "x"),
    ("rational", "x/3 + 2*x/6", "x"),
    ("decimal power", "x**2.5", "x"),
    ("decimals", "0.5*x**2 - 1.5*x", "x"),
    ("exact decimals", "0.1*x + 0.2*x - 0.3*x", "x"),
    ("constant", "y*sin(y)", "x"),
    ("variable alone", "x", "x"),
    ("unary signs", "-(-x) + +x - -(x*y)", "x"),
    ("nested", "exp(sin(cos(x)))*log(1 + x**2)", "x"),
    ("product of three", "(x + 1)*(x - 1)*(x + 2)", "x"),
    ("power tower", "2**3**x", "x"),
    ("blanks", "  x\t*\n( y + 1 )  ", "x"),
    ("long names", "alpha_1*beta2**2 + _z", "beta2"),
    ("big integers", "123456789012345678901234567890*x**2", "x"),
    ("deeply nested", "(" * 62 + "x**2" + ")" * 62, "x"),
    ("leading dot", ".5*x + 5.*x + 25e-2*x + 2E2*x", "x"),
]

SYMBOLIC_ERRORS: list[tuple[str, str, str]] = [
    ("empty", "", "x"),
    ("blank", "   ", "x"),
    ("bad character", "x $ 2", "x"),
    ("caret", "x^2", "x"),
    ("non-ASCII", "x + é", "x"),
    ("dangling operator", "x +", "x"),
    ("two operands", "x y", "x"),
    ("implicit product", "2x", "x"),
    ("unclosed", "(x + 1", "x"),
    ("unopened", "x + 1)", "x"),
    ("empty parentheses", "sin()", "x"),
    ("leading operator", "* x", "x"),
    ("stray dot", "x + .", "x"),
    ("two dots", "2.5.3", "x"),
    ("unknown function", "foo(x)", "x"),
    ("function without call", "sin + x", "x"),
    ("function at the end", "x*cos", "x"),
    ("keyword", "x + lambda", "x"),
    ("out of range", "1e1001*x", "x"),
    ("tiny out of range", "x*2.5E-1001", "x"),
    ("variable not a name", "x", "2x"),
    ("empty variable", "x", ""),
    ("variable is a function", "x", "sin"),
    ("variable is a keyword", "x", "if"),
    ("grammar before variable", "x +", "sin"),
    ("nested too deeply", "(" * 64 + "x" + ")" * 64, "x"),
    ("signs nested too deeply", "-" * 70 + "x", "x"),
]

register(
    Check(
        "symbolic_derivative",
        "equal by sympy: simplify(ref − go) == 0",
        lambda rng: [(label, {"expression": e, "variable": v}) for label, e, v in SYMBOLIC_CASES],
        compare=lambda a, r, g: tol.calculus.same_expression(a["expression"], a["variable"], r, g),
        errors=[(label, {"expression": e, "variable": v}) for label, e, v in SYMBOLIC_ERRORS],
        python_only=[
            ("expression not text", {"expression": 3, "variable": "x"}),
            ("variable not text", {"expression": "x", "variable": None}),
            ("lone surrogate", {"expression": "x + \ud800", "variable": "x"}),
            ("NUL inside", {"expression": "x\x00+1", "variable": "x"}),
        ],
    )
)
