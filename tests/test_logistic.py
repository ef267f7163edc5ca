"""Parity of the pipeline: make_classification, train_test_split,
logistic_regression, predict_proba, predict and accuracy.

Data and splits agree bit for bit where no logarithm is involved; the
weights of gradient descent agree iteration by iteration within
``tolerances.logistic.logistic_bounds``; predictions agree except where a probability
lies within rounding of 0.5. Independent oracles: the documented recipes,
central differences for the gradient, Newton's method for the optimum.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import twinmath
from helpers import assert_parity, assert_same_error
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import moderate, special
from twinmath import tolerances as tol
from twinmath.parity.logistic import PIPELINE, labelled, pipeline_stages
from twinmath.ref.logistic import SEPARATION

seeds = st.one_of(st.sampled_from([0, 2**64 - 1]), st.integers(0, 2**64 - 1))


# ---- make_classification ---------------------------------------------------------------


@given(n=st.integers(2, 60), d=st.integers(1, 6), seed=seeds)
def test_make_classification(ref, go, n, d, seed):
    assert_parity(ref, go, "make_classification", n_samples=n, n_features=d, seed=seed)


@pytest.mark.parametrize("backend", ["ref", "go"])
def test_make_classification_follows_its_recipe(backend):
    tm = twinmath.backend(backend)
    n, d, seed = 11, 3, 2024
    X, y = tm.make_classification(n, d, seed)
    rng = tm.Rng(seed)
    z = rng.normal(d)
    u = z / math.sqrt(sum(v * v for v in z))
    p = rng.permutation(n)
    noise = rng.normal((n, d))
    assert np.array_equal(y, p % 2) and y.sum() == n // 2
    # The norm above is a plain sum; the package's may round differently.
    want = noise + ((2 * y - 1) * SEPARATION)[:, None] * u
    assert np.allclose(X, want, rtol=1e-14, atol=1e-14)


def test_make_classification_separation(go):
    # Classifying by the true direction u gets the best possible accuracy,
    # Φ(1.5) = 0.9331928 (from math.erf); over 20000 samples the observed
    # accuracy lies within 4·√(Φ(1 − Φ)/n) = 0.0071 of it.
    n = 20000
    X, y = go.make_classification(n, 4, seed=1)
    u = go.Rng(1).normal(4)
    acc = np.mean((X @ u > 0) == (y == 1))
    phi = 0.5 * (1 + math.erf(1.5 / math.sqrt(2)))
    assert abs(acc - phi) <= 4 * math.sqrt(phi * (1 - phi) / n)
    # The class means are ±1.5u: 3 apart, each within 4·√(d/(n/2)) of it.
    gap = np.linalg.norm(X[y == 1].mean(axis=0) - X[y == 0].mean(axis=0))
    assert abs(gap - 2 * SEPARATION) <= 4 * 2 * math.sqrt(4 / (n / 2))


# ---- train_test_split -------------------------------------------------------------------

test_sizes = st.floats(min_value=0.0, max_value=1.0, exclude_min=True, exclude_max=True)


@given(
    X=st.tuples(st.integers(0, 30), st.integers(0, 4)).flatmap(
        lambda s: hnp.arrays(np.float64, s, elements=st.one_of(moderate, special))
    ),
    test_size=test_sizes,
    seed=seeds,
)
def test_train_test_split(ref, go, X, test_size, seed):
    y = np.arange(X.shape[0], dtype=np.float64)
    assert_parity(ref, go, "train_test_split", X=X, y=y, test_size=test_size, seed=seed)


@given(n=st.integers(2, 50), test_size=test_sizes, seed=seeds)
def test_train_test_split_is_a_shuffle(go, n, test_size, seed):
    # The oracle: scikit-learn's rule, ⌈test_size·n⌉ test rows, taken from
    # the front of Rng(seed).permutation(n), the rest for training.
    k = math.ceil(test_size * n)
    assume(k < n)
    X = np.arange(2 * n, dtype=np.float64).reshape(n, 2)
    y = np.arange(n, dtype=np.float64)
    X_train, X_test, y_train, y_test = go.train_test_split(X, y, test_size, seed)
    p = go.Rng(seed).permutation(n)
    assert len(y_test) == k and len(y_train) == n - k
    assert np.array_equal(np.concatenate([y_test, y_train]), p)
    assert np.array_equal(np.vstack([X_test, X_train]), X[p])


def test_test_size_is_rounded_up_as_scikit_learn_does(ref, go):
    # 0.07·100 is 7.000000000000001 in binary floating point, so ⌈⌉ gives 8.
    assert 0.07 * 100 > 7
    for tm in (ref, go):
        parts = tm.train_test_split(np.zeros((100, 1)), np.zeros(100), test_size=0.07)
        assert parts.X_test.shape == (8, 1) and parts.y_train.shape == (92,)


# ---- logistic_regression ------------------------------------------------------------------


@st.composite
def problems(draw):
    """A data set, and a step within 2/L, where gradient descent is non-expansive."""
    n, d = draw(st.integers(1, 40)), draw(st.integers(0, 5))
    scale = draw(st.sampled_from([0.1, 1.0, 10.0]))
    X = draw(hnp.arrays(np.float64, (n, d), elements=st.floats(-3, 3))) * scale
    y = draw(hnp.arrays(np.float64, n, elements=st.sampled_from([0.0, 1.0])))
    l2 = draw(st.sampled_from([0.0, 0.0, 0.01, 0.5]))
    l1 = draw(st.sampled_from([0.0, 0.0, 0.001, 0.05]))
    fraction = draw(st.floats(0.01, 1.0))
    lr = fraction * 2 / tol.logistic.logistic_step_rate(X, l2)
    return {"X": X, "y": y, "learning_rate": lr, "l2": l2, "l1": l1}


@given(problem=problems(), max_iter=st.integers(0, 60), seed=seeds)
def test_logistic_regression(ref, go, problem, max_iter, seed):
    args = {**problem, "max_iter": max_iter, "seed": seed}
    D, E = tol.logistic.logistic_bounds(**args)
    # The bound exists for every step within 2/L: the test judges every case.
    assert np.all(np.isfinite(D)) and np.all(np.isfinite(E))
    assert_parity(ref, go, "logistic_regression", **args)


def test_iteration_by_iteration(ref, go):
    # Runs of k = 0, 1, 2, ... updates: ‖θ_ref − θ_go‖₂ stays within D[k],
    # and every loss within E[k]. D grows at most linearly (the step is
    # non-expansive); the observed difference stays far below it.
    X, y = labelled(np.random.default_rng(3), 200, 6)
    X[:, 0] *= 5  # unequal scales: a less trivial condition
    lr = 1.0 / tol.logistic.logistic_step_rate(X, 0.0)
    D, E = tol.logistic.logistic_bounds(X, y, lr, 400, 0.0, 0.0, 5)
    for k in (0, 1, 2, 5, 10, 50, 100, 400):
        w_r, b_r, loss_r = ref.logistic_regression(X, y, lr, k, seed=5)
        w_g, b_g, loss_g = go.logistic_regression(X, y, lr, k, seed=5)
        diff = math.hypot(float(np.linalg.norm(w_r - w_g)), b_r - b_g)
        assert diff <= D[k], (k, diff, D[k])
        assert tol.ratio(loss_r, loss_g, E[:k]) <= 1
    # The bound is rigorous and so about 10³ above the observed differences
    # (it adds worst-case sums of n roundings); still, a slip such as a
    # missing 1/n or a wrong sign moves the weights by far more than 1e-10.
    assert D[400] < 1e-10


def test_default_step_on_the_source_pipeline(ref, go):
    # The source material's setting: normalised features, learning rate
    # 0.01, 1000 iterations.
    X, y = ref.make_classification(300, 4, seed=42)
    X = ref.zscore(X).Xn
    assert_parity(
        ref, go, "logistic_regression", X=X, y=y, learning_rate=0.01, max_iter=1000, l2=0.0, l1=0.0, seed=0
    )


def numerical_gradient(X, y, w, b, l2):
    """Central differences of the smooth loss at (w, b): an oracle for the gradient."""

    def loss(theta):
        z = X @ theta[:-1] + theta[-1]
        p = 1 / (1 + np.exp(-z))
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + l2 * np.sum(theta[:-1] ** 2)

    theta = np.append(w, b)
    h = 1e-6
    return np.array([(loss(theta + h * e) - loss(theta - h * e)) / (2 * h) for e in np.eye(theta.size)])


@pytest.mark.parametrize("backend", ["ref", "go"])
def test_one_step_is_the_gradient(backend):
    # One update w₁ = w₀ − α·∇, with ∇ from central differences (error
    # O(h²) + ε·|loss|/h ≈ 1e-10) and the L1 subgradient l1·sign(w₀)
    # (w₀ has no zero entry).
    tm = twinmath.backend(backend)
    X, y = labelled(np.random.default_rng(4), 30, 3)
    lr, l2, l1 = 0.7, 0.2, 0.05
    w0 = tm.Rng(11).normal(3) * 0.01
    grad = numerical_gradient(X, y, w0, 0.0, l2)
    grad[:-1] += l1 * np.sign(w0)
    w1, b1, _ = tm.logistic_regression(X, y, lr, 1, l2, l1, seed=11)
    assert np.allclose(np.append(w1, b1), np.append(w0, 0.0) - lr * grad, rtol=0, atol=1e-8)


@pytest.mark.parametrize("backend", ["ref", "go"])
def test_converges_to_newtons_optimum(backend):
    # With l2 > 0 and overlapping classes the loss has one minimiser; Newton's
    # method (numpy's solve, independent of the code under test) finds it.
    tm = twinmath.backend(backend)
    X, y = labelled(np.random.default_rng(5), 80, 2)
    l2 = 0.05
    Xt = np.hstack([X, np.ones((80, 1))])
    reg = np.diag([2 * l2, 2 * l2, 0.0])
    theta = np.zeros(3)
    for _ in range(50):
        p = 1 / (1 + np.exp(-Xt @ theta))
        grad = Xt.T @ (p - y) / 80 + reg @ theta
        hess = (Xt.T * (p * (1 - p))) @ Xt / 80 + reg
        theta -= np.linalg.solve(hess, grad)
    lr = 1.0 / tol.logistic.logistic_step_rate(X, l2)
    w, b, losses = tm.logistic_regression(X, y, lr, 5000, l2=l2)
    assert np.allclose(np.append(w, b), theta, rtol=0, atol=1e-8)
    # Steps of 1/L never increase a convex L-smooth loss.
    assert np.all(np.diff(losses) <= 1e-15)


@pytest.mark.parametrize("backend", ["ref", "go"])
def test_l1_drives_an_irrelevant_weight_to_zero(backend):
    # The subgradient step keeps an irrelevant weight within one step,
    # learning_rate·l1, of zero.
    tm = twinmath.backend(backend)
    rng = np.random.default_rng(6)
    X = rng.standard_normal((200, 2))
    y = (X[:, 0] > 0).astype(np.float64)
    lr, l1 = 0.1, 0.2
    w, _, _ = tm.logistic_regression(X, y, lr, 2000, l1=l1)
    assert abs(w[1]) <= 2 * lr * l1 < 0.5 < abs(w[0])


def test_inputs_are_not_modified_and_layouts_agree(ref, go):
    X, y = labelled(np.random.default_rng(7), 20, 3)
    Xf, yl = np.asfortranarray(X), y.tolist()
    a = go.logistic_regression(Xf, yl, 0.3, 50)
    b = ref.logistic_regression(X, y, 0.3, 50)
    D, _ = tol.logistic.logistic_bounds(X, y, 0.3, 50, 0.0, 0.0, 0)
    assert np.linalg.norm(a.w - b.w) <= D[-1]
    assert_parity(
        ref, go, "logistic_regression", X=Xf, y=yl, learning_rate=0.3, max_iter=50, l2=0.0, l1=0.0, seed=0
    )


# ---- predict_proba, predict, accuracy ----------------------------------------------------


@st.composite
def models(draw, elements=moderate):
    n, d = draw(st.integers(0, 20)), draw(st.integers(0, 5))
    X = draw(hnp.arrays(np.float64, (n, d), elements=elements))
    w = draw(hnp.arrays(np.float64, d, elements=st.floats(-10, 10)))
    b = draw(st.floats(-10, 10))
    return X, w, b


@given(m=models(st.one_of(moderate, special)))
def test_predict_proba(ref, go, m):
    X, w, b = m
    assert_parity(ref, go, "predict_proba", X=X, w=w, b=b)


@given(m=models())
def test_predict(ref, go, m):
    X, w, b = m
    assert_parity(ref, go, "predict", X=X, w=w, b=b)
    for tm in (ref, go):
        assert np.array_equal(tm.predict(X, w, b), (tm.predict_proba(X, w, b) > 0.5).astype(float))


def test_probability_of_one_half_is_class_zero(ref, go):
    # σ(0) = 1/2 exactly, and the rule is p > 0.5.
    for tm in (ref, go):
        assert tm.predict_proba([[1.0, 1.0]], [1.0, -1.0], 0.0).tolist() == [0.5]
        assert tm.predict([[1.0, 1.0]], [1.0, -1.0], 0.0).tolist() == [0.0]


@given(
    n=st.integers(1, 60),
    data=st.data(),
)
def test_accuracy(ref, go, n, data):
    labels = st.sampled_from([0.0, 1.0, 2.0, math.nan])
    t = data.draw(hnp.arrays(np.float64, n, elements=labels))
    p = data.draw(hnp.arrays(np.float64, n, elements=labels))
    assert_parity(ref, go, "accuracy", y_true=t, y_pred=p)
    assert go.accuracy(t, p) == np.mean(t == p)


# ---- errors ----------------------------------------------------------------------------------

TOY = [[-2.0], [-1.0], [1.0], [2.0]]


@pytest.mark.parametrize(
    ("op", "args", "cls", "message"),
    [
        (
            "make_classification",
            {"n_samples": 1, "n_features": 2, "seed": 0},
            ValueError,
            "make_classification: invalid input: n_samples must be at least 2, got 1",
        ),
        (
            "make_classification",
            {"n_samples": 5, "n_features": 0, "seed": 0},
            ValueError,
            "make_classification: invalid input: n_features must be at least 1, got 0",
        ),
        (
            "train_test_split",
            {"X": TOY, "y": [0.0, 1.0], "test_size": 0.2, "seed": 0},
            twinmath.ShapeError,
            "train_test_split: shape mismatch: X has 4 rows but y has 2 values",
        ),
        (
            "train_test_split",
            {"X": TOY, "y": [0.0] * 4, "test_size": 1.5, "seed": 0},
            ValueError,
            "train_test_split: invalid input: test_size must be in (0, 1), got 1.5",
        ),
        (
            "train_test_split",
            {"X": TOY, "y": [0.0] * 4, "test_size": 0.8, "seed": 0},
            ValueError,
            "train_test_split: invalid input: 4 samples are too few to split with test_size=0.8",
        ),
        (
            "logistic_regression",
            {"X": TOY, "y": [0, 1, 1, 3]},
            ValueError,
            "logistic_regression: invalid input: y must hold only 0 and 1, got 3.0",
        ),
        (
            "logistic_regression",
            {"X": TOY, "y": [0, 0, 1, 1], "learning_rate": -0.5},
            ValueError,
            "logistic_regression: invalid input: "
            "learning_rate must be a non-negative finite number, got -0.5",
        ),
        (
            "logistic_regression",
            {"X": TOY, "y": [0, 0, 1, 1], "l1": math.inf},
            ValueError,
            "logistic_regression: invalid input: l1 must be a non-negative finite number, got inf",
        ),
        (
            "logistic_regression",
            {"X": [[1.0], [math.nan]], "y": [0, 1]},
            ValueError,
            "logistic_regression: invalid input: X contains NaN or Inf",
        ),
        (
            "logistic_regression",
            {"X": np.zeros((0, 3)), "y": []},
            ValueError,
            "logistic_regression: invalid input: X has no rows",
        ),
        (
            "predict_proba",
            {"X": TOY, "w": [1.0, 2.0], "b": 0.0},
            twinmath.ShapeError,
            "predict_proba: shape mismatch: X has 1 columns but w has 2 values",
        ),
        (
            "accuracy",
            {"y_true": [1.0, 0.0], "y_pred": [1.0]},
            twinmath.ShapeError,
            "accuracy: shape mismatch: lengths 2 and 1 differ",
        ),
        ("accuracy", {"y_true": [], "y_pred": []}, ValueError, "accuracy: invalid input: y_true is empty"),
    ],
)
def test_error_messages(ref, go, op, args, cls, message):
    err = assert_same_error(ref, go, op, args)
    assert type(err) is cls and str(err) == message


def test_checks_run_in_the_documented_order(ref, go):
    # Shapes, then emptiness, finiteness, labels, then the parameters in
    # the order of the signature: each bad input hides the ones after it.
    args = {"X": [[math.nan]], "y": [2.0], "learning_rate": -1.0, "max_iter": -1}
    err = assert_same_error(ref, go, "logistic_regression", args)
    assert "X contains NaN" in str(err)
    args = {"X": [[1.0]], "y": [1.0], "learning_rate": math.nan, "max_iter": -1, "l2": -1.0}
    err = assert_same_error(ref, go, "logistic_regression", args)
    assert "learning_rate" in str(err)


# ---- the whole pipeline ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", [42, 0, 2**64 - 1])
def test_pipeline_stage_by_stage(ref, go, seed):
    # Each backend runs the whole pipeline on its own: the same data (within
    # classification_bound), the same split (bit for bit where no logarithm
    # is involved), z-scores within their bound, weights and losses within
    # logistic_bounds for data that differ as observed, the same accuracy.
    args = {**PIPELINE, "seed": seed}
    r, g = pipeline_stages(ref, args), pipeline_stages(go, args)
    assert tol.ratio(r["X"], g["X"], tol.random.classification_bound(r["X"], SEPARATION)) <= 1
    assert (
        tol.alike(r["y"], g["y"])
        and tol.alike(r["y_train"], g["y_train"])
        and tol.alike(r["y_test"], g["y_test"])
    )
    dx_raw = tol.random.classification_bound(r["X_train_raw"], SEPARATION)
    assert tol.ratio(r["X_train_raw"], g["X_train_raw"], dx_raw) <= 1
    dxn, dm, ds = tol.logistic.standardise_bounds(r["X_train_raw"], r["zscore"], dx_raw)
    assert tol.ratio(r["X_train"], g["X_train"], dxn) <= 1
    assert tol.ratio(r["zscore"].mean, g["zscore"].mean, dm) <= 1
    assert tol.ratio(r["zscore"].std, g["zscore"].std, ds) <= 1
    # Gradient descent on data that differ by what was observed.
    observed = np.abs(r["X_train"] - g["X_train"])
    k = int(args["max_iter"])
    D, E = tol.logistic.logistic_bounds(
        r["X_train"], r["y_train"], args["learning_rate"], k, 0.0, 0.0, seed, observed
    )
    assert math.hypot(float(np.linalg.norm(r["w"] - g["w"])), r["b"] - g["b"]) <= D[-1]
    assert tol.ratio(r["losses"], g["losses"], E) <= 1
    dte = np.abs(r["X_test"] - g["X_test"])
    assert (
        tol.logistic.accuracy_bound(r["X_test"], r["w"], r["b"], dte, float(D[-1])) == 0
    )  # no test point near 0.5
    assert r["accuracy"] == g["accuracy"]
    # Close to the best possible, Φ(1.5) ≈ 0.933: within 4 standard errors of 200 test points.
    phi = 0.5 * (1 + math.erf(1.5 / math.sqrt(2)))
    assert abs(r["accuracy"] - phi) <= 4 * math.sqrt(phi * (1 - phi) / 200)
