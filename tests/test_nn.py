"""Parity of the neural-network functions."""

from __future__ import annotations

import math

import numpy as np
import pytest
import twinmath
from helpers import assert_parity, assert_same_error
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import moderate, special, wide
from twinmath import tolerances as tol


@given(
    x=hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=6),
        elements=st.one_of(wide, special),
    )
)
def test_sigmoid_within_ulps(ref, go, x):
    assert_parity(ref, go, "sigmoid", x=x)
    assert go.sigmoid(x).shape == x.shape if x.ndim else isinstance(go.sigmoid(x), float)


def test_sigmoid_scalars_and_special_values(ref, go):
    for tm in (ref, go):
        assert tm.sigmoid(0) == 0.5
        assert tm.sigmoid(math.inf) == 1.0
        assert tm.sigmoid(-math.inf) == tm.sigmoid(-500.0) > 0  # the clip keeps e^500 finite
        assert math.isnan(tm.sigmoid(math.nan))
    s = ref.sigmoid([0.0, 2.0])
    assert tol.ratio(s, go.sigmoid([0.0, 2.0]), tol.nn.sigmoid_bound(s)) <= 1


any_shape = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=6)


@pytest.mark.parametrize("op", ["sigmoid_derivative", "relu", "tanh"])
@given(x=hnp.arrays(np.float64, any_shape, elements=st.one_of(wide, special)))
def test_elementwise_within_bound(ref, go, op, x):
    assert_parity(ref, go, op, x=x)
    got = getattr(go, op)(x)
    assert got.shape == x.shape if x.ndim else isinstance(got, float)


@given(x=st.lists(st.one_of(wide, special), max_size=30))
def test_relu_is_the_positive_part(ref, go, x):
    a = np.asarray(x, dtype=np.float64)
    for tm in (ref, go):
        r = tm.relu(a)
        expected = np.array([v if v > 0 else 0.0 for v in x])  # the definition, entry by entry
        assert tol.alike(r, np.where(np.isnan(a), np.nan, expected))
        assert not np.any(np.signbit(r[~np.isnan(r)]))  # -0.0 comes out as +0.0


@given(x=st.floats(-30, 30))
def test_sigmoid_derivative_is_the_slope_of_sigmoid(ref, go, x):
    # Central difference of sigmoid with step h = 1e-5: truncation h²/6·|σ'''| ≤ 2e-12
    # (|σ'''| ≤ 1/8); each σ within 4.5u (tolerances.SIGMOID_REL, |σ| ≤ 1), so
    # 2·4.5u/(2h) ≤ 5e-11; x ± h rounds by half an ulp of x, which moves σ by
    # σ'(x)·ulp(x)/2, below 3e-17 for every x: ≤ 3e-12 over 2h. Hence 1e-10.
    h = 1e-5
    for tm in (ref, go):
        slope = (tm.sigmoid(x + h) - tm.sigmoid(x - h)) / (2 * h)
        assert abs(tm.sigmoid_derivative(x) - slope) <= 1e-10
        s = tm.sigmoid(x)
        assert 0 <= tm.sigmoid_derivative(x) <= 0.25
        assert abs(tm.sigmoid_derivative(x) - s * (1 - s)) == 0  # the formula, as written


@given(x=st.one_of(wide, special))
def test_tanh_against_libm(ref, go, x):
    # math.tanh is the C library's (glibc: within 2 ulps, as numpy's own), an
    # implementation independent of numpy's SIMD loop and of Go's math.Tanh.
    want = math.tanh(x)
    for tm in (ref, go):
        assert tol.ratio(want, tm.tanh(x), tol.nn.tanh_bound(want)) <= 1


def test_special_values(ref, go):
    for tm in (ref, go):
        assert tm.relu(-0.0) == 0.0 and not math.copysign(1, tm.relu(-0.0)) < 0
        assert tm.relu(math.inf) == math.inf and tm.relu(-math.inf) == 0.0 and math.isnan(tm.relu(math.nan))
        assert tm.tanh(math.inf) == 1.0 and tm.tanh(-math.inf) == -1.0 and math.isnan(tm.tanh(math.nan))
        assert math.copysign(1, tm.tanh(-0.0)) < 0
        assert tm.sigmoid_derivative(0) == 0.25 and math.isnan(tm.sigmoid_derivative(math.nan))
        assert tm.sigmoid_derivative(math.inf) == 0.0  # σ(500) rounds to 1
        assert tm.sigmoid_derivative(-math.inf) == tm.sigmoid(-500.0) > 0
        assert tm.softmax(5.0) == 1.0 and isinstance(tm.softmax(5.0), float)


# ---- softmax ------------------------------------------------------------------


MODERATE_OR_SPECIAL = st.one_of(moderate, special)


@st.composite
def arrays_and_axes(draw, elements=MODERATE_OR_SPECIAL):
    x = draw(hnp.arrays(np.float64, any_shape, elements=elements))
    nd = max(x.ndim, 1)
    return x, draw(st.integers(-nd, nd - 1))


@given(case=arrays_and_axes())
def test_softmax_within_bound(ref, go, case):
    x, axis = case
    assert_parity(ref, go, "softmax", x=x, axis=axis)


def exact_softmax(lane: list[float]) -> list[float]:
    """The softmax of one lane with math.exp and an exactly rounded sum (math.fsum)."""
    m = max(lane)
    e = [math.exp(v - m) for v in lane]
    s = math.fsum(e)
    return [v / s for v in e]


@given(case=arrays_and_axes(elements=st.floats(-700, 700)))
def test_softmax_against_an_independent_oracle(ref, go, case):
    x, axis = case
    moved = np.moveaxis(x.reshape(x.shape or (1,)), axis, -1)
    want = (
        np.array([exact_softmax(list(lane)) for lane in moved.reshape(-1, moved.shape[-1])])
        if moved.size
        else moved
    )
    want = np.moveaxis(want.reshape(moved.shape), -1, axis).reshape(x.shape)
    bound = tol.nn.softmax_bound(x, axis, want)  # the oracle errs less than either side
    for tm in (ref, go):
        got = tm.softmax(x, axis=axis)
        assert tol.ratio(want, got, bound) <= 1
        sums = np.sum(np.asarray(got).reshape(x.shape or (1,)), axis=axis)
        k = x.shape[axis] if x.ndim else 1
        # Each entry within (5u + γₖ) relative of exact values that sum to 1,
        # and the check's own sum adds γₖ: |Σ − 1| ≤ 3·γₖ + 5u (an empty lane sums to 0).
        assert k == 0 or np.all(np.abs(sums - 1) <= 3 * tol.gamma(k) + 5 * tol.U)


@given(x=hnp.arrays(np.float64, st.integers(1, 10), elements=st.floats(-50, 50)), c=st.floats(-1e3, 1e3))
def test_softmax_ignores_a_shift(ref, go, x, c):
    # Mathematically softmax(x + c) = softmax(x). In floating point the
    # exponents differ: x + c and m + c round (u·(|x| + |c|) each) and so do
    # both subtractions (u·|d|, |d| ≤ 2·max|x|), so each dᵢ differs by at
    # most δ = 2u·(|x| + |c|) + 4u·|x|, and each yᵢ relatively by
    # |Δdᵢ| + Σⱼ yⱼ·|Δdⱼ| ≤ 2δ ≤ 12u·(max|x| + |c|); on top come the two
    # calls' own errors, one side's each: softmax_bound, which is twice that.
    for tm in (ref, go):
        a, b = tm.softmax(x), tm.softmax(x + c)
        bound = tol.nn.softmax_bound(x, -1, a) + 12 * tol.U * (np.max(np.abs(x)) + abs(c)) * np.abs(a)
        assert tol.ratio(a, b, bound) <= 1


@given(
    x=hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3, max_side=3)), axis=st.integers(-6, 6)
)
def test_softmax_axis_errors(ref, go, x, axis):
    nd = max(x.ndim, 1)
    if -nd <= axis < nd:
        return
    err = assert_same_error(ref, go, "softmax", {"x": x, "axis": axis})
    assert type(err) is twinmath.AxisError
    assert (
        str(err) == f"softmax: invalid input: axis {axis} is out of bounds for an array of dimension {x.ndim}"
    )


# ---- forward and backward pass ------------------------------------------------


@st.composite
def networks(draw, elements=moderate, max_side=6, min_m=0):
    m = draw(st.integers(min_m, max_side))
    n, h, k = (draw(st.integers(0, max_side)) for _ in range(3))
    arr = lambda *shape: draw(hnp.arrays(np.float64, shape, elements=elements))  # noqa: E731
    b1 = arr(h) if draw(st.booleans()) else arr(1, h)
    b2 = arr(k) if draw(st.booleans()) else arr(1, k)
    return {"X": arr(m, n), "W1": arr(n, h), "b1": b1, "W2": arr(h, k), "b2": b2}


@given(net=networks(elements=st.one_of(moderate, wide, special)))
def test_forward_pass_within_bound(ref, go, net):
    assert_parity(ref, go, "forward_pass", **net)
    r = go.forward_pass(**net)
    assert type(r) is type(ref.forward_pass(**net))
    m, h, k = net["X"].shape[0], net["W1"].shape[1], net["W2"].shape[1]
    assert [p.shape for p in r] == [(m, h), (m, k), (m, h), (m, k)]


def fsum_layer(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """x·w + b with every sum of products exactly rounded (math.fsum): an oracle."""
    out = np.empty((x.shape[0], w.shape[1]))
    for i in range(x.shape[0]):
        for j in range(w.shape[1]):
            out[i, j] = math.fsum([*(x[i] * w[:, j]), float(b.reshape(-1)[j])])
    return out


@given(net=networks())
def test_forward_pass_against_an_independent_oracle(ref, go, net):
    with np.errstate(over="ignore"):
        z1 = fsum_layer(net["X"], net["W1"], net["b1"])
        a1 = 1 / (1 + np.exp(-np.clip(z1, -500, 500)))
        z2 = fsum_layer(a1, net["W2"], net["b2"])
        a2 = 1 / (1 + np.exp(-np.clip(z2, -500, 500)))
    # The oracle's error is within one side's (forward_pass_errors), so the
    # difference to either side is within twice that: forward_pass_bound.
    bounds = tol.nn.forward_pass_bound(**net)
    for tm in (ref, go):
        for got, want, b in zip(tm.forward_pass(**net), (a1, a2, z1, z2), bounds, strict=True):
            assert tol.ratio(want, got, b) <= 1


def backward_args(tm, net, y):
    return dict(X=net["X"], y=y, **tm.forward_pass(**net)._asdict(), W1=net["W1"], W2=net["W2"])


@given(net=networks(elements=st.one_of(moderate, wide, special), min_m=1), data=st.data())
def test_backward_pass_within_bound(ref, go, net, data):
    m, k = net["X"].shape[0], net["W2"].shape[1]
    y = data.draw(hnp.arrays(np.float64, (m, k), elements=st.one_of(st.sampled_from([0.0, 1.0]), moderate)))
    args = backward_args(ref, net, y)
    assert_parity(ref, go, "backward_pass", **args)
    r = go.backward_pass(**args)
    n, h = net["W1"].shape
    assert [p.shape for p in r] == [(n, h), (1, h), (h, k), (1, k)]


def loss(tm, net, y) -> float:
    """The binary cross-entropy of the network's outputs, averaged over the m
    samples and summed over the outputs, from z2 as softplus(z2) − y·z2 (the
    same as −y·log a2 − (1 − y)·log(1 − a2) for a2 = σ(z2), without its
    cancellation)."""
    z2 = tm.forward_pass(**net).z2
    return float(np.sum(np.logaddexp(0.0, z2) - y * z2) / z2.shape[0])


@given(net=networks(elements=st.floats(-2, 2), max_side=4, min_m=1), data=st.data())
def test_backward_pass_is_the_gradient_of_the_loss(ref, go, net, data):
    """The gradient check: every gradient entry against a central difference of the loss.

    Sizes up to 4, entries in [-2, 2], step h = 1e-5. Truncation: h²/6·|L'''|.
    Along one weight, L''' sums over the k ≤ 4 outputs (averaged over the
    samples) sp'''·z'³ + 3·sp''·z'·z'' + (sp' − y)·z''' for the softplus sp
    (|sp'| ≤ 1, |sp''| ≤ 1/4, |sp'''| ≤ 0.1). For a hidden-layer weight,
    z2 = Σ σ(z1)·W2 + b2 gives |z'| ≤ 2·(1/4)·2 = 1, |z''| ≤ 2·0.1·4 = 0.8 and
    |z'''| ≤ 2·(1/8)·8 = 2 (|σ'| ≤ 1/4, |σ''| ≤ 0.1, |σ'''| ≤ 1/8 and |x|,
    |W2| ≤ 2); for an output weight z2 is linear. So |L'''| ≤ 4·(0.1 + 3·0.25·0.8
    + 2·2) ≤ 20 and the truncation is ≤ 3.4e-10. Rounding: z1 errs by at most
    γ₅·18 ≈ 90u, which reaches z2 through σ'·|W2|·h ≤ 2, and z2's own sum adds
    γ₅·10: ≤ 240u; each loss term then errs by ≤ 300u, the loss by
    ≤ 4·300u ≈ 1.4e-13, and the difference quotient by ≤ 2·1.4e-13/(2h) =
    1.4e-8. Hence 2e-8 (the analytic gradient's own error is ~1e-15).
    """
    m, k = net["X"].shape[0], net["W2"].shape[1]
    y = data.draw(hnp.arrays(np.float64, (m, k), elements=st.sampled_from([0.0, 1.0])))
    h = 1e-5
    for tm in (ref, go):
        grads = tm.backward_pass(**backward_args(tm, net, y))
        for name, g in zip(("W1", "b1", "W2", "b2"), grads, strict=True):
            w = net[name]
            for idx in np.ndindex(w.shape):
                plus, minus = ({**net, name: w.copy()} for _ in range(2))
                plus[name][idx] += h
                minus[name][idx] -= h
                numeric = (loss(tm, plus, y) - loss(tm, minus, y)) / (2 * h)
                analytic = g.reshape(w.shape)[idx] if name[0] == "W" else g.reshape(-1)[idx[-1]]
                assert abs(analytic - numeric) <= 2e-8, (name, idx)


def test_worked_example_of_the_source(ref, go):
    # The 2-3-1 network on the four XOR points with zero biases: the outputs
    # are sigmoids of sums of sigmoids, each in (0, 1), and the gradients have
    # the shapes of the weights.
    from twinmath.parity.nn import SMALL_W1, SMALL_W2, XOR_X, XOR_Y

    for tm in (ref, go):
        a1, a2, z1, z2 = tm.forward_pass(XOR_X, SMALL_W1, np.zeros((1, 3)), SMALL_W2, np.zeros((1, 1)))
        assert a2.shape == (4, 1) and np.all((0 < a2) & (a2 < 1))
        # X = 0 for the first sample: z1 = b1 = 0, a1 = 1/2, z2 = Σ W2/2.
        assert np.all(z1[0] == 0) and np.all(a1[0] == 0.5) and z2[0, 0] == sum(w[0] for w in SMALL_W2) / 2
        dW1, db1, dW2, db2 = tm.backward_pass(XOR_X, XOR_Y, a1, a2, z1, z2, SMALL_W1, SMALL_W2)
        assert (dW1.shape, db1.shape, dW2.shape, db2.shape) == ((2, 3), (1, 3), (3, 1), (1, 1))
        assert db2[0, 0] == np.sum(a2 - XOR_Y) / 4 or abs(db2[0, 0] - np.mean(a2 - XOR_Y)) <= 4 * tol.U


def test_shape_errors(ref, go):
    net = {
        "X": np.ones((4, 2)),
        "W1": np.ones((2, 3)),
        "b1": np.ones((1, 3)),
        "W2": np.ones((3, 1)),
        "b2": np.ones(1),
    }
    cases = [
        ({**net, "W1": np.ones((3, 3))}, "W1 is 3x3, want 2 rows (the columns of X)"),
        ({**net, "b1": np.ones(2)}, "b1 has 2 values, want 3 (the columns of W1)"),
        ({**net, "b1": np.ones((2, 3))}, "b1 must have shape (h,) or (1, h), got (2, 3)"),
        ({**net, "W2": np.ones((2, 1))}, "W2 is 2x1, want 3 rows (the columns of W1)"),
        ({**net, "b2": np.ones((1, 2))}, "b2 has 2 values, want 1 (the columns of W2)"),
    ]
    for args, detail in cases:
        err = assert_same_error(ref, go, "forward_pass", args)
        assert isinstance(err, twinmath.ShapeError) and str(err) == f"forward_pass: shape mismatch: {detail}"
    args = backward_args(ref, net, np.ones((4, 1)))
    err = assert_same_error(ref, go, "backward_pass", {**args, "y": np.ones(4)})
    assert str(err) == "backward_pass: shape mismatch: y must be 2-D, got shape (4,)"
    err = assert_same_error(ref, go, "backward_pass", {**args, "a1": np.ones((4, 2))})
    assert str(err) == "backward_pass: shape mismatch: a1 is 4x2, want 4x3"
    empty = {**args, **{k: np.ones((0, v.shape[1])) for k, v in args.items() if k not in ("W1", "W2")}}
    err = assert_same_error(ref, go, "backward_pass", empty)
    assert type(err) is ValueError
    assert str(err) == "backward_pass: invalid input: X has no rows (no samples to average over)"
