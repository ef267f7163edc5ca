"""Parity of the calculus operations: finite differences, Taylor, gradient
descent (Go calling Python functions back), and symbolic derivatives."""

from __future__ import annotations

import keyword
import math
import sys
import threading
import traceback

import numpy as np
import pytest
import sympy as sp
import twinmath
from helpers import assert_parity, assert_same_error, rss_growth_kib
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import moderate, special
from twinmath import tolerances as tol
from twinmath._front.calculus import FUNCTIONS
from twinmath.ref.calculus import sympy_names

# ---- functions to differentiate ---------------------------------------------------

# Functions of a float, and their derivatives in closed form: for the
# accuracy tests, |f'''| ≤ 1 and |f| ≤ 1 for sin and cos; the others are
# called with arguments where they are moderate.
SCALAR_FUNCTIONS = {
    "sin": (math.sin, math.cos),
    "exp": (math.exp, math.exp),
    "cubic": (lambda x: x**3 - 2 * x, lambda x: 3 * x**2 - 2),
    "bump": (lambda x: 1 / (1 + x * x), lambda x: -2 * x / (1 + x * x) ** 2),
    "numpy tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2),
    "int-valued": (lambda x: int(x > 0), lambda x: 0.0),
}

FIELDS = {
    "sum of squares": lambda v: float(v @ v),
    "rosenbrock": lambda v: float(np.sum(100 * (v[1:] - v[:-1] ** 2) ** 2 + (1 - v[:-1]) ** 2)),
    "log-sum-exp": lambda v: float(np.log(np.sum(np.exp(v)))) if v.size else 0.0,
    "sin·x": lambda v: float(np.sum(np.sin(v) * v)),
    "numpy scalar": lambda v: np.float64(np.prod(np.cos(v))),
}

MAPS = {
    "identity": lambda v: v,
    "softmax": lambda v: np.exp(v - v.max()) / np.sum(np.exp(v - v.max())) if v.size else v,
    "list of two": lambda v: [float(np.sum(v)), float(np.sum(v**2))],
    "number": lambda v: float(np.sum(np.sin(v))),
    "tuple": lambda v: tuple(np.cumsum(v)),
}

points = st.integers(0, 7).flatmap(lambda n: hnp.arrays(np.float64, n, elements=moderate))
steps = st.one_of(st.just(1e-5), st.floats(1e-8, 1.0))


@given(name=st.sampled_from(sorted(SCALAR_FUNCTIONS)), x=st.one_of(moderate, special), h=steps)
def test_derivative_bit_for_bit(ref, go, name, x, h):
    assert_parity(ref, go, "derivative", f=SCALAR_FUNCTIONS[name][0], x=x, h=h)


@given(name=st.sampled_from(sorted(FIELDS)), x=points, h=steps)
def test_gradient_bit_for_bit(ref, go, name, x, h):
    assert_parity(ref, go, "gradient", f=FIELDS[name], x=x, h=h)


@given(name=st.sampled_from(sorted(FIELDS)), x=points, h=steps)
def test_hessian_bit_for_bit(ref, go, name, x, h):
    assert_parity(ref, go, "hessian", f=FIELDS[name], x=x, h=h)
    H = go.hessian(FIELDS[name], x, h)
    assert tol.alike(H, H.T)


@given(name=st.sampled_from(sorted(MAPS)), x=points, h=steps)
def test_jacobian_bit_for_bit(ref, go, name, x, h):
    assert_parity(ref, go, "jacobian", f=MAPS[name], x=x, h=h)


@given(
    name=st.sampled_from(sorted(FIELDS)),
    x0=points,
    data=st.data(),
    order=st.sampled_from([0, 1, 2]),
)
def test_taylor_within_bound(ref, go, name, x0, data, order):
    x = data.draw(hnp.arrays(np.float64, x0.size, elements=st.floats(-1, 1))) + x0
    assert_parity(ref, go, "taylor", f=FIELDS[name], x0=x0, x=x, order=order)


@given(name=st.sampled_from(["sin", "exp", "cubic", "bump"]), x0=st.floats(-3, 3), d=st.floats(-1, 1))
def test_taylor_of_a_number(ref, go, name, x0, d):
    f = SCALAR_FUNCTIONS[name][0]
    assert_parity(ref, go, "taylor", f=f, x0=x0, x=x0 + d)
    assert isinstance(go.taylor(f, x0, x0 + d), float)


@st.composite
def bowls(draw):
    """A convex quadratic f(x) = ½xᵀAx − bᵀx with its gradient, a start and a rate."""
    n = draw(st.integers(1, 6))
    m = draw(hnp.arrays(np.float64, (n, n), elements=st.floats(-1, 1)))
    A = m @ m.T + np.eye(n)
    b = draw(hnp.arrays(np.float64, n, elements=st.floats(-5, 5)))
    x0 = draw(hnp.arrays(np.float64, n, elements=moderate))
    rate = draw(st.floats(0, 2.5 / np.linalg.eigvalsh(A)[-1]))  # beyond 2/λmax it diverges
    return (lambda x: 0.5 * x @ A @ x - b @ x), (lambda x: A @ x - b), x0, rate


@given(
    bowl=bowls(),
    max_iter=st.integers(0, 300),
    tol_=st.sampled_from([0.0, 1e-8, 1e-3, 1.0]),
    numerical=st.booleans(),
)
def test_gradient_descent_step_by_step(ref, go, bowl, max_iter, tol_, numerical):
    f, grad, x0, rate = bowl
    args = {"f": f, "grad_f": None if numerical else grad, "x0": x0, "learning_rate": rate}
    assert_parity(ref, go, "gradient_descent", **args, max_iter=max_iter, tol=tol_)
    x, history = go.gradient_descent(**args, max_iter=max_iter, tol=tol_)
    assert history.shape[1] == x0.size and 1 <= history.shape[0] <= max_iter + 1
    assert tol.alike(history[0], x0) and tol.alike(history[-1], x)


def test_gradient_descent_history_grows_past_its_first_chunks(ref, go):
    # 1000 updates: the Go backend writes the history in chunks that double
    # (65 rows first), each continuing from the last row of the one before.
    args = {"f": FIELDS["sum of squares"], "grad_f": lambda x: 2 * x, "x0": [3.0, 4.0], "learning_rate": 1e-4}
    assert_parity(ref, go, "gradient_descent", **args, tol=0.0)
    assert go.gradient_descent(**args, tol=0.0).history.shape == (1001, 2)


# ---- the source material's examples --------------------------------------------------


@pytest.mark.parametrize("backend", ["ref", "go"])
def test_worked_examples(backend):
    tm = twinmath.backend(backend)
    # f(x) = x², x = 5, rate 0.1, ten steps: x ← 0.8·x, so 5·0.8¹⁰ = 0.536870912.
    # Each step rounds within 2u relative (see go/calculus_test.go): 20u in all.
    x, history = tm.gradient_descent(lambda x: x * x, lambda x: 2 * x, 5, learning_rate=0.1, max_iter=10)
    assert isinstance(x, float) and abs(x - 0.536870912) <= 20 * tol.U * 0.536870912
    assert history.shape == (11, 1) and history[0, 0] == 5.0
    # f(x, y) = x² + y² at (3, 4): df/dx = 6, df/dy = 8. f''' = 0; f = x² + y²
    # is computed within γ₂ and is at most 25.0001 near (3, 4).
    g = tm.gradient(lambda v: v[0] ** 2 + v[1] ** 2, [3, 4])
    for gi, want, xi in zip(g, [6.0, 8.0], [3.0, 4.0], strict=True):
        assert abs(gi - want) <= tol.calculus.central_difference_error(
            1e-5, xi, 25.0001, 8.0001, 0.0, tol.gamma(2)
        )
    # The quadratic example from (3, 4) converges: the last gradient used was below 1e-6.
    x, history = tm.gradient_descent(lambda v: v @ v, lambda v: 2 * v, np.array([3.0, 4.0]))
    assert len(history) < 1001 and 2 * np.linalg.norm(history[-2]) < 1e-6 <= 2 * np.linalg.norm(history[-3])


# ---- accuracy against derivatives in closed form ------------------------------------------


@given(x=st.floats(-10, 10), h=st.sampled_from([1e-3, 1e-5, 1e-7]))
def test_derivative_of_sine_within_truncation_and_rounding(go, x, h):
    # |sin| ≤ 1, |cos| ≤ 1, |sin'''| ≤ 1; math.sin is correct to an ulp.
    assert abs(go.derivative(math.sin, x, h) - math.cos(x)) <= tol.calculus.central_difference_error(
        h, x, 1, 1, 1
    )


@given(data=st.data(), n=st.integers(1, 5))
def test_gradient_and_hessian_of_a_quadratic_form(go, data, n):
    # f(x) = ½xᵀAx: ∇f = Ax, H = A, no third derivatives: only rounding.
    A = data.draw(hnp.arrays(np.float64, (n, n), elements=st.floats(-3, 3)))
    A = (A + A.T) / 2
    x = data.draw(hnp.arrays(np.float64, n, elements=st.floats(-3, 3)))

    def f(v):
        return 0.5 * v @ A @ v

    # Near x (within h), |f| ≤ ½·‖A‖·(‖x‖ + 1)², |f'| ≤ ‖A‖·(‖x‖ + 1), |f''| ≤ ‖A‖.
    a, r = float(np.abs(A).sum()), float(np.abs(x).sum()) + 1
    m0, m1, m2 = 0.5 * a * r * r, a * r, a
    # f is evaluated with error γ_{2n+2}·|x|ᵀ|A||x|/2 ≤ γ_{2n+2}·m0, so rel is
    # γ_{2n+2} relative to m0; its n² + n + 1 products may each lose η to
    # underflow (the entries of A may be subnormal).
    rel, eta = tol.gamma(2 * n + 2), (n * n + n + 1) * tol.ETA
    g_bound = tol.calculus.central_difference_error(1e-5, r, m0, m1, 0.0, rel, eta)
    assert np.all(np.abs(go.gradient(f, x) - A @ x) <= g_bound)
    h_bound = tol.calculus.second_difference_error(1e-4, r, m0, m1, m2, 0.0, rel, eta)
    assert np.all(np.abs(go.hessian(f, x) - A) <= h_bound)


def test_jacobian_worked_example(go, ref):
    # F(x, y) = (x²y, 5x + sin y) at (1, 2): J = [[2xy, x²], [5, cos y]].
    # |F''' | ≤ 2 (∂³(x²y)/∂x²∂y), |F| ≤ 6 near (1, 2).
    want = np.array([[4.0, 1.0], [5.0, math.cos(2.0)]])
    for tm in (go, ref):
        J = tm.jacobian(lambda v: [v[0] ** 2 * v[1], 5 * v[0] + math.sin(v[1])], [1.0, 2.0])
        assert J.shape == (2, 2)
        assert np.all(
            np.abs(J - want) <= tol.calculus.central_difference_error(1e-5, 2.0, 6.0, 5.0, 2.0, tol.gamma(3))
        )


# ---- the callback protocol ------------------------------------------------------------------


def _record(calls):
    def f(v):
        calls.append(np.array(v, dtype=np.float64).tolist())
        return float(np.sum(np.asarray(v) ** 2))

    return f


@pytest.mark.parametrize(
    ("op", "args"),
    [
        ("derivative", {"x": 1.5, "h": 0.25}),
        ("gradient", {"x": [1.0, 2.0, 3.0]}),
        ("hessian", {"x": [1.0, 2.0, 3.0]}),
        ("jacobian", {"x": [1.0, 2.0]}),
        ("taylor", {"x0": [1.0, 2.0], "x": [1.5, 1.0]}),
        ("taylor", {"x0": 1.0, "x": 1.5, "order": 1}),
        ("gradient_descent", {"grad_f": None, "x0": [1.0, 2.0], "max_iter": 5}),
    ],
)
def test_same_points_in_the_same_order(ref, go, op, args):
    """Both backends evaluate f at the same points, bit for bit, in the documented order."""
    seen = []
    for tm in (ref, go):
        calls: list = []
        getattr(tm, op)(f=_record(calls), **args)
        seen.append(calls)
    assert seen[0] == seen[1] and len(seen[0]) > 0
    if op == "gradient":
        h = 1e-5
        assert seen[0][:2] == [[1 + h, 2, 3], [1 - h, 2, 3]]
        assert len(seen[0]) == 6
    if op == "hessian":
        assert seen[0][0] == [1, 2, 3] and len(seen[0]) == 2 * 3 * 3 + 1
    if op == "jacobian":
        assert seen[0][0] == [1, 2] and len(seen[0]) == 5


def test_functions_get_fresh_copies(ref, go):
    # A function that scribbles on its argument changes nothing.
    def scribble(v):
        s = float(v @ v)
        v[:] = 1e300
        return s

    x = np.array([1.0, 2.0])
    for op in ("gradient", "hessian"):
        assert tol.alike(getattr(go, op)(scribble, x), getattr(ref, op)(lambda v: float(v @ v), x))
    assert x.tolist() == [1.0, 2.0]


def test_numbers_in_numbers_out(ref, go):
    for tm in (ref, go):
        kinds: list[type] = []

        def f(x, kinds=kinds):
            kinds.append(type(x))
            return x * x

        tm.derivative(f, 1.0)
        tm.taylor(f, 1.0, 1.5)
        x, history = tm.gradient_descent(f, lambda x: 2 * x, 1.0, max_iter=3)
        assert set(kinds) == {float} and isinstance(x, float) and history.shape == (4, 1)
        kinds.clear()
        x, history = tm.gradient_descent(f, None, 1.0, max_iter=3)
        assert set(kinds) == {float} and isinstance(x, float)
        x, _ = tm.gradient_descent(lambda v: v @ v, lambda v: 2 * v, [1.0], max_iter=3)
        assert isinstance(x, np.ndarray) and x.shape == (1,)


class BoomError(Exception):
    pass


OPS = {
    "derivative": lambda tm, f: tm.derivative(f, 1.0),
    "gradient": lambda tm, f: tm.gradient(f, [1.0, 2.0, 3.0]),
    "hessian": lambda tm, f: tm.hessian(f, [1.0, 2.0]),
    "jacobian": lambda tm, f: tm.jacobian(f, [1.0, 2.0]),
    "taylor": lambda tm, f: tm.taylor(f, [1.0, 2.0], [2.0, 3.0]),
    "gradient_descent": lambda tm, f: tm.gradient_descent(lambda v: 0.0, f, [1.0, 2.0], max_iter=10),
    "gradient_descent of f": lambda tm, f: tm.gradient_descent(f, None, [1.0, 2.0], max_iter=10),
}


@pytest.mark.parametrize("op", sorted(OPS))
@pytest.mark.parametrize("fail_at", [1, 2])
def test_exception_in_a_callback_is_raised_unchanged(ref, go, op, fail_at):
    """The very exception object comes back, with its traceback; no call follows it."""
    for tm in (ref, go):
        calls = 0
        raised = BoomError("from inside f")

        def f(v, raised=raised):
            nonlocal calls
            calls += 1
            if calls == fail_at:
                raise raised
            return v if op in ("jacobian", "gradient_descent") else float(np.sum(v))

        with pytest.raises(BoomError) as info:
            OPS[op](tm, f)
        assert info.value is raised, tm.__name__
        assert calls == fail_at, f"{tm.__name__}: f was called again after it raised"
        frames = [fr.name for fr in traceback.extract_tb(info.value.__traceback__)]
        assert "f" in frames, f"{tm.__name__}: the traceback lost the callback's frame: {frames}"


def test_keyboard_interrupt_in_a_callback_stops_the_loop(go):
    calls = 0

    def f(v):
        nonlocal calls
        calls += 1
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        go.gradient(f, np.zeros(100))
    assert calls == 1


BAD_RETURNS = [
    ("text", "1.0"),
    ("bytes", b"1"),
    ("complex", 1j),
    ("None", None),
    ("object", object()),
    ("matrix", np.ones((2, 2))),
    ("complex array", np.ones(2, dtype=complex)),
    ("ragged", [[1.0], [1.0, 2.0]]),
]


@pytest.mark.parametrize("op", sorted(OPS))
@pytest.mark.parametrize(("label", "value"), BAD_RETURNS, ids=[b[0] for b in BAD_RETURNS])
def test_bad_return_values_give_the_same_error(ref, go, op, label, value):
    def f(v):
        return value

    errors = []
    for tm in (ref, go):
        with pytest.raises((TypeError, ValueError)) as info:
            OPS[op](tm, f)
        errors.append((type(info.value), str(info.value)))
    assert errors[0] == errors[1]


@pytest.mark.parametrize(
    ("op", "args"),
    [
        ("jacobian", {"f": lambda v: v[: 1 + int(v[0] > 1)], "x": [1.0, 2.0]}),
        ("gradient_descent", {"f": lambda v: 0.0, "grad_f": lambda v: [1.0], "x0": [1.0, 2.0]}),
        ("gradient", {"f": lambda v: v, "x": [1.0, 2.0]}),
        ("derivative", {"f": lambda x: np.array([x, x]), "x": 1.0}),
    ],
)
def test_wrong_lengths_give_the_same_error(ref, go, op, args):
    err = assert_same_error(ref, go, op, args)
    assert isinstance(err, twinmath.ShapeError)


def test_callbacks_run_on_the_calling_thread_and_threads_stay_apart(go, ref):
    failures = []

    def worker(k):
        me = threading.get_ident()

        def f(v):
            if threading.get_ident() != me:
                failures.append("callback on another thread")
            return float(np.sum((v - k) ** 2))

        for _ in range(20):
            x = np.arange(5.0) + k
            if not tol.alike(go.gradient(f, x), ref.gradient(f, x)):
                failures.append(f"worker {k}: different gradient")
            try:
                go.gradient(lambda v, k=k: 1 / 0 if k % 2 else "no", x)
            except (ZeroDivisionError, TypeError) as e:
                if isinstance(e, ZeroDivisionError) != bool(k % 2):
                    failures.append(f"worker {k}: another thread's exception {e!r}")

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[:5]


def test_callbacks_may_call_twinmath_go(go, ref):
    # Go → Python → Go → Python: a function that is itself computed by Go.
    def inner(v):
        return go.dot(v, v) + go.derivative(math.sin, float(v[0]))

    x = np.array([0.3, -1.2])
    assert tol.alike(go.gradient(inner, x), ref.gradient(inner, x))
    assert tol.alike(
        go.hessian(lambda v: go.gradient(inner, v)[0], x), ref.hessian(lambda v: ref.gradient(inner, v)[0], x)
    )


def test_recursion_limit_is_not_needed():
    # The callbacks add no Python frames per iteration: a long descent stays shallow.
    depth = []

    def grad(v):
        depth.append(len(traceback.extract_stack()))
        return 2 * v

    twinmath.go.gradient_descent(lambda v: 0.0, grad, [1.0], learning_rate=1e-9, max_iter=500, tol=0.0)
    assert max(depth) == min(depth) < sys.getrecursionlimit() // 2


# ---- symbolic derivatives ----------------------------------------------------------------------

VARIABLES = ["x", "y"]
LEAVES = st.sampled_from(["x", "y", "2", "3", "0.5", "1", "x", "x"])
FUNCS = ["sin", "cos", "tan", "exp", "log", "sqrt", "sigmoid"]


def _combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*", "/"]), children).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        st.tuples(children, st.sampled_from(["2", "3", "-1", "0.5", "x"])).map(lambda t: f"({t[0]})**{t[1]}"),
        st.tuples(st.sampled_from(FUNCS), children).map(lambda t: f"{t[0]}({t[1]})"),
        children.map(lambda c: f"-{c}"),
    )


expressions = st.recursive(LEAVES, _combine, max_leaves=5)


@given(expression=expressions, variable=st.sampled_from(VARIABLES))
def test_symbolic_derivative_equal_by_sympy(ref, go, expression, variable):
    args = {"expression": expression, "variable": variable}
    r, g = ref.symbolic_derivative(**args), go.symbolic_derivative(**args)
    assert tol.calculus.same_expression(expression, variable, r, g) == 0, f"ref {r!r} and go {g!r} differ"


def _value(expr: sp.Expr, at: dict) -> float:
    v = complex(expr.evalf(40, subs=at))
    return v.real if abs(v.imag) == 0 else math.nan


@given(expression=expressions, x=st.floats(0.5, 2.0), y=st.floats(0.5, 2.0))
def test_symbolic_derivative_agrees_with_central_differences(ref, go, expression, x, y):
    """At a random point, both symbolic derivatives match the central difference of f.

    f is evaluated in 40 digits and rounded (so within ε relative); the
    bound is central_difference_error, with m0, m1 and m3 the largest |f|,
    |f'| and |f'''| at x − h, x, x + h, m3 raised by 2h·|f''''(x)| for the
    variation of f''' in between (Taylor).
    """
    from sympy.parsing.sympy_parser import parse_expr

    local = sympy_names({"x", "y"})
    f = parse_expr(expression, local_dict=local)
    X, at, h = local["x"], {local["y"]: y}, 1e-5

    def largest(e: sp.Expr) -> float:
        return max(abs(_value(e, {**at, X: x + s * h})) for s in (-1, 0, 1))

    try:
        d1, d3 = sp.diff(f, X), sp.diff(f, X, 3)
        m0, m1 = largest(f), largest(d1)
        m3 = largest(d3) + 2 * h * abs(_value(sp.diff(d3, X), {**at, X: x}))
        got = [
            _value(parse_expr(tm.symbolic_derivative(expression, "x"), local_dict=local), {**at, X: x})
            for tm in (ref, go)
        ]
    except (TypeError, ZeroDivisionError, OverflowError):
        assume(False)  # not a real number near x (a pole, a log of a negative)
    assume(all(math.isfinite(v) and abs(v) < 1e100 for v in (m0, m1, m3, *got)))
    num = go.derivative(lambda t: float(f.evalf(40, subs={**at, X: t})), x, h)
    bound = tol.calculus.central_difference_error(h, x, m0, m1, m3)
    for v in got:
        assert abs(num - v) <= bound, f"d/dx {expression} at {x}: {num} vs {v} (bound {bound:.3g})"


ALPHABET = [*"xy12.e()+-*/ $é\t", "**", "sin", "cos(", "sigmoid", "lambda", "foo("]


@given(
    parts=st.lists(st.sampled_from(ALPHABET), max_size=12), variable=st.sampled_from(["x", "y", "sin", "1"])
)
def test_symbolic_grammar_parity(ref, go, parts, variable):
    """Any text: both parse it, or both reject it with the same message."""
    args = {"expression": "".join(parts), "variable": variable}
    try:
        r = ref.symbolic_derivative(**args)
    except ValueError as e:
        assert_same_error(ref, go, "symbolic_derivative", args)
        assert str(e).startswith("symbolic_derivative: invalid input: ")
        return
    g = go.symbolic_derivative(**args)
    assert tol.calculus.same_expression(args["expression"], variable, r, g) == 0


def test_symbolic_worked_examples(go, ref):
    x, y = sp.symbols("x y")
    for tm in (go, ref):
        d = sp.sympify(tm.symbolic_derivative("x**3 + sin(x)*exp(x)", "x"))
        assert sp.simplify(d - (3 * x**2 + sp.exp(x) * (sp.sin(x) + sp.cos(x)))) == 0
        assert sp.sympify(tm.symbolic_derivative("x**2 + y**2", "x")) == 2 * x
        assert sp.sympify(tm.symbolic_derivative("x**2 + y**2", "y")) == 2 * y
        s = sp.sympify(tm.symbolic_derivative("sigmoid(x)", "x"))
        sigma = 1 / (1 + sp.exp(-x))
        assert sp.simplify(s - sigma * (1 - sigma)) == 0


def test_symbolic_result_longer_than_the_first_buffer(go, ref):
    # The Go backend's first buffer holds 4096 bytes; this derivative is longer.
    expression = "*".join(f"sin({k}*x + {k})" for k in range(1, 41))
    g, r = go.symbolic_derivative(expression, "x"), ref.symbolic_derivative(expression, "x")
    assert len(g) > 4096
    assert tol.calculus.same_expression(expression, "x", r, g) == 0


def test_every_function_name_is_refused_as_a_variable(ref, go):
    for name in FUNCTIONS:
        err = assert_same_error(ref, go, "symbolic_derivative", {"expression": "x", "variable": name})
        assert "is the name of a function" in str(err)


@pytest.mark.parametrize("word", keyword.kwlist)
def test_python_keywords_are_not_names(ref, go, word):
    err = assert_same_error(ref, go, "symbolic_derivative", {"expression": f"x + {word}", "variable": "x"})
    assert str(err) == f"symbolic_derivative: invalid input: reserved word '{word}' at position 4"


def test_memory_stays_flat_with_callbacks():
    grown = rss_growth_kib(
        """
        x = np.ones(3)

        def boom(v):
            raise RuntimeError("boom")
        """,
        """
        go.gradient(lambda v: float(v @ v), x)
        go.jacobian(lambda v: 2 * v, x)
        go.gradient_descent(lambda v: 0.0, lambda v: v, x, max_iter=3)
        go.symbolic_derivative("sin(x)*y", "x")
        for bad in (boom, lambda v: "text"):
            try:
                go.gradient(bad, x)
            except (RuntimeError, TypeError):
                pass
        """,
        warm=5_000,
        runs=20_000,
        timeout=600,
    )
    # 120k calls (a third of them failing in a callback) after warm-up: a leak
    # of even 40 bytes per call would show as 4.6 MiB.
    assert grown < 4096
