"""Parity checks of the pipeline: data, split, logistic regression, prediction, accuracy.

Integer arguments are numpy integers, which the shared vectors write as JSON
integers (seeds up to 2⁶⁴ − 1 exactly) without a shape entry.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import tolerances as tol
from ..ref.logistic import SEPARATION
from . import Args, Case, Check, matmul, normal, register, special, wide

I64, U64 = np.int64, np.uint64


# ---- make_classification ------------------------------------------------------------


def _classification_cases(rng: np.random.Generator) -> list[Case]:
    shapes = [(2, 1), (3, 2), (5, 3), (10, 2), (31, 4), (64, 1), (60, 5), (120, 2)]
    seeds = [0, 1, 2**64 - 1, 42, 2**63, *(int(s) for s in rng.integers(0, 2**64, size=3, dtype=np.uint64))]
    return [
        (f"{n}x{d} seed {s}", {"n_samples": I64(n), "n_features": I64(d), "seed": U64(s)})
        for (n, d), s in zip(shapes, seeds, strict=True)
    ]


register(
    Check(
        "make_classification",
        "X: (γ₇ + 2u)|X| + (3γ₇ + γ_d + 12u)·1.5 (normals, norm); y bit for bit",
        _classification_cases,
        bound=lambda a, r: (tol.random.classification_bound(r[0], SEPARATION), 0.0),
        errors=[
            ("one sample", {"n_samples": I64(1), "n_features": I64(2), "seed": U64(0)}),
            ("negative samples", {"n_samples": I64(-3), "n_features": I64(2), "seed": U64(0)}),
            ("no features", {"n_samples": I64(4), "n_features": I64(0), "seed": U64(0)}),
        ],
        python_only=[
            ("negative seed", {"n_samples": 4, "n_features": 2, "seed": -1}),
            ("fractional samples", {"n_samples": 4.5, "n_features": 2, "seed": 0}),
            ("text features", {"n_samples": 4, "n_features": "2", "seed": 0}),
        ],
    )
)


# ---- train_test_split -------------------------------------------------------------------

FIVE = [[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [4.0, 4.0]]


def _split_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"X": FIVE, "y": [0.0, 1.0, 2.0, 3.0, 4.0], "test_size": 0.4, "seed": U64(1)}),
        ("two samples", {"X": [[1.0], [2.0]], "y": [0.0, 1.0], "test_size": 0.5, "seed": U64(0)}),
        # 0.07·100 is 7.000000000000001 in floating point: 8 test samples.
        (
            "ceil of a rounded product",
            {"X": normal(rng, 100, 1), "y": normal(rng, 100), "test_size": 0.07, "seed": U64(3)},
        ),
        ("no columns", {"X": np.zeros((6, 0)), "y": normal(rng, 6), "test_size": 0.2, "seed": U64(4)}),
        (
            "nan and inf travel",
            {"X": special(rng, 12).reshape(6, 2), "y": special(rng, 6), "test_size": 0.3, "seed": U64(5)},
        ),
    ]
    for n, d, ts, s in [
        (10, 3, 0.2, 0),
        (37, 2, 0.25, 2**64 - 1),
        (50, 4, 0.01, 9),
        (20, 1, 0.9, 2**63),
        (7, 5, 0.5, 11),
    ]:
        cases.append(
            (
                f"{n}x{d} test_size {ts}",
                {"X": wide(rng, n, d), "y": normal(rng, n), "test_size": ts, "seed": U64(s)},
            )
        )
    return cases


register(
    Check(
        "train_test_split",
        "bit for bit (rows are copied)",
        _split_cases,
        errors=[
            ("lengths differ", {"X": FIVE, "y": [0.0, 1.0], "test_size": 0.2, "seed": U64(0)}),
            ("test_size 0", {"X": FIVE, "y": [0.0] * 5, "test_size": 0.0, "seed": U64(0)}),
            ("test_size 1", {"X": FIVE, "y": [0.0] * 5, "test_size": 1.0, "seed": U64(0)}),
            ("negative test_size", {"X": FIVE, "y": [0.0] * 5, "test_size": -0.2, "seed": U64(0)}),
            ("nan test_size", {"X": FIVE, "y": [0.0] * 5, "test_size": math.nan, "seed": U64(0)}),
            ("one sample", {"X": [[1.0, 2.0]], "y": [1.0], "test_size": 0.2, "seed": U64(0)}),
            ("no samples", {"X": np.zeros((0, 2)), "y": np.zeros(0), "test_size": 0.2, "seed": U64(0)}),
            ("no train sample left", {"X": FIVE, "y": [0.0] * 5, "test_size": 0.9, "seed": U64(0)}),
        ],
        python_only=[
            ("1-D X", {"X": [1.0, 2.0], "y": [1.0, 2.0], "test_size": 0.5, "seed": 0}),
            ("2-D y", {"X": FIVE, "y": [[0.0]] * 5, "test_size": 0.2, "seed": 0}),
            ("negative seed", {"X": FIVE, "y": [0.0] * 5, "test_size": 0.2, "seed": -1}),
            ("text test_size", {"X": FIVE, "y": [0.0] * 5, "test_size": "0.2", "seed": 0}),
        ],
    )
)


# ---- logistic_regression ---------------------------------------------------------------

TOY_X, TOY_Y = [[-2.0], [-1.0], [1.0], [2.0]], [0.0, 0.0, 1.0, 1.0]


def labelled(rng: np.random.Generator, n: int, d: int, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Points with labels from a noisy linear rule (not separable)."""
    X = scale * normal(rng, n, d)
    y = (matmul(X, normal(rng, d)[:, None])[:, 0] / scale + 0.7 * normal(rng, n) > 0).astype(np.float64)
    return X, y


def _fit(
    X: Any, y: Any, lr: float = 0.01, it: int = 100, l2: float = 0.0, l1: float = 0.0, seed: int = 0
) -> Args:
    return {"X": X, "y": y, "learning_rate": lr, "max_iter": I64(it), "l2": l2, "l1": l1, "seed": U64(seed)}


def _logistic_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", _fit(TOY_X, TOY_Y, lr=0.5, it=100)),
        ("no iteration", _fit(TOY_X, TOY_Y, it=0)),
        ("one iteration", _fit(TOY_X, TOY_Y, it=1, seed=2**64 - 1)),
        ("one sample", _fit([[0.5, -1.0]], [1.0], lr=0.3, it=50)),
        ("no features", _fit(np.zeros((5, 0)), [0.0, 1.0, 1.0, 0.0, 1.0], lr=0.5, it=40)),
        ("all one class", _fit(normal(rng, 8, 2), np.ones(8), lr=0.5, it=200)),
    ]
    for n, d, lr, it, l2, l1 in [
        (20, 2, 0.1, 150, 0.0, 0.0),
        (50, 3, 0.5, 200, 0.0, 0.0),
        (40, 5, 0.05, 200, 0.1, 0.0),
        (60, 4, 0.2, 150, 0.0, 0.01),
        (30, 3, 0.5, 100, 0.05, 0.02),
        (100, 4, 1.0, 60, 0.0, 0.0),
    ]:
        X, y = labelled(rng, n, d)
        label = f"{n}x{d} lr {lr} x{it}" + (f" l2 {l2}" if l2 else "") + (f" l1 {l1}" if l1 else "")
        cases.append((label, _fit(X, y, lr, it, l2, l1, seed=int(rng.integers(0, 2**32)))))
    X, y = labelled(rng, 40, 3, scale=30.0)
    cases.append(("large features, small step", _fit(X, y, lr=0.001, it=150)))
    X, y = labelled(rng, 300, 20)
    cases.append(("300x20, the default step", _fit(X, y, it=1000, seed=7)))
    return cases


def logistic_bound(a: Args, r: Any) -> tuple[Any, ...]:
    """The bounds of one run: D[K] on w and b, E[k] on each loss."""
    # The defaults of the signature, for arguments a caller left out.
    args = {"learning_rate": 0.01, "max_iter": 1000, "l2": 0.0, "l1": 0.0, "seed": 0, **a}
    D, E = tol.logistic.logistic_bounds(
        args["X"],
        args["y"],
        float(args["learning_rate"]),
        int(args["max_iter"]),
        float(args["l2"]),
        float(args["l1"]),
        int(args["seed"]),
    )
    return float(D[-1]), float(D[-1]), E


register(
    Check(
        "logistic_regression",
        "per iteration: ‖Δθ‖ grows by ≤ 2·δ (non-expansive step, α ≤ 2/L); loss via Lipschitz + log rounding",
        _logistic_cases,
        bound=logistic_bound,
        errors=[
            ("lengths differ", _fit(TOY_X, [0.0, 1.0])),
            ("no rows", _fit(np.zeros((0, 2)), np.zeros(0))),
            ("nan in X", _fit([[math.nan], [1.0]], [0.0, 1.0])),
            ("inf in X", _fit([[math.inf], [1.0]], [0.0, 1.0])),
            ("label 2", _fit(TOY_X, [0.0, 0.0, 2.0, 1.0])),
            ("label 0.5", _fit(TOY_X, [0.0, 0.5, 1.0, 1.0])),
            ("nan label", _fit(TOY_X, [0.0, math.nan, 1.0, 1.0])),
            ("negative learning_rate", _fit(TOY_X, TOY_Y, lr=-0.1)),
            ("inf learning_rate", _fit(TOY_X, TOY_Y, lr=math.inf)),
            ("nan learning_rate", _fit(TOY_X, TOY_Y, lr=math.nan)),
            ("negative max_iter", _fit(TOY_X, TOY_Y, it=-1)),
            ("negative l2", _fit(TOY_X, TOY_Y, l2=-1.0)),
            ("nan l1", _fit(TOY_X, TOY_Y, l1=math.nan)),
        ],
        python_only=[
            ("1-D X", {**_fit(TOY_X, TOY_Y), "X": [1.0, 2.0, 3.0, 4.0]}),
            ("negative seed", {**_fit(TOY_X, TOY_Y), "seed": -1}),
            ("fractional max_iter", {**_fit(TOY_X, TOY_Y), "max_iter": 2.5}),
            ("text learning_rate", {**_fit(TOY_X, TOY_Y), "learning_rate": "0.1"}),
        ],
    )
)


# ---- predict_proba, predict, accuracy ----------------------------------------------------


def _model_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"X": [[0.0, 0.0], [1.0, 2.0], [2.0, 1.0]], "w": [1.0, -1.0], "b": 0.0}),
        ("exactly on the boundary", {"X": [[1.0, 1.0], [2.0, 2.0]], "w": [1.0, -1.0], "b": 0.0}),
        ("empty", {"X": np.zeros((0, 3)), "w": normal(rng, 3), "b": 0.5}),
        ("no features", {"X": np.zeros((3, 0)), "w": np.zeros(0), "b": -0.25}),
        ("beyond the clip", {"X": [[1000.0], [-1000.0], [37.0], [-745.0]], "w": [1.0], "b": 0.0}),
        ("nan and inf", {"X": special(rng, 12).reshape(6, 2), "w": [0.5, -2.0], "b": 0.1}),
    ]
    for n, d in [(1, 1), (5, 3), (20, 4), (50, 10)]:
        cases.append(
            (f"normal {n}x{d}", {"X": normal(rng, n, d), "w": normal(rng, d), "b": float(normal(rng, 1)[0])})
        )
    cases.append(("wide", {"X": wide(rng, 6, 3), "w": wide(rng, 3), "b": 1e-3}))
    cases.append(("scaled 1e-8", {"X": 1e-8 * normal(rng, 10, 3), "w": normal(rng, 3), "b": 0.0}))
    return cases


_MODEL_ERRORS: list[Case] = [("w too long", {"X": [[1.0, 2.0]], "w": [1.0, 2.0, 3.0], "b": 0.0})]
_MODEL_PYTHON_ONLY: list[Case] = [
    ("1-D X", {"X": [1.0, 2.0], "w": [1.0, 2.0], "b": 0.0}),
    ("2-D w", {"X": [[1.0, 2.0]], "w": [[1.0, 2.0]], "b": 0.0}),
    ("text b", {"X": [[1.0, 2.0]], "w": [1.0, 2.0], "b": "0"}),
]


def _model_check(op: str, text: str, bound: Callable[[Any, Any, float], Any]) -> Check:
    """The check of predict_proba or predict on a fitted model, within bound(X, w, b)."""
    return Check(
        op,
        text,
        _model_cases,
        bound=lambda a, r: bound(a["X"], a["w"], float(a["b"])),
        errors=_MODEL_ERRORS,
        python_only=_MODEL_PYTHON_ONLY,
    )


register(
    _model_check(
        "predict_proba", "σ'(z)·Δz·e^(2Δz) + 12u·p, Δz = 2γ_{d+1}(|X||w| + |b|)", tol.logistic.proba_bound
    )
)
register(
    _model_check(
        "predict",
        "bit for bit, except where p is within the predict_proba bound of 0.5",
        tol.logistic.predict_bound,
    )
)


def _accuracy_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"y_true": [0.0, 1.0, 1.0, 0.0], "y_pred": [0.0, 1.0, 0.0, 0.0]}),
        ("one sample", {"y_true": [1.0], "y_pred": [1.0]}),
        ("nan equals nothing", {"y_true": [math.nan, 1.0, 0.0], "y_pred": [math.nan, 1.0, 1.0]}),
    ]
    for n in (3, 10, 97, 250):
        y = (rng.random(n) < 0.5).astype(np.float64)
        p = np.where(rng.random(n) < 0.8, y, 1 - y)
        cases.append((f"n={n}", {"y_true": y, "y_pred": p}))
    return cases


register(
    Check(
        "accuracy",
        "bit for bit (a count divided by n)",
        _accuracy_cases,
        errors=[
            ("lengths differ", {"y_true": [0.0, 1.0], "y_pred": [0.0]}),
            ("empty", {"y_true": np.zeros(0), "y_pred": np.zeros(0)}),
        ],
        python_only=[("2-D", {"y_true": [[0.0, 1.0]], "y_pred": [[0.0, 1.0]]})],
    )
)


# ---- the whole pipeline -------------------------------------------------------------------

# The source material's pipeline: 1000 samples, 2 features, a fifth held out
# for testing, z-scores, learning rate 0.01 for 1000 iterations, seed 42.
PIPELINE: Args = {
    "n_samples": I64(1000),
    "n_features": I64(2),
    "test_size": 0.2,
    "learning_rate": 0.01,
    "max_iter": I64(1000),
    "seed": U64(42),
}


def pipeline_stages(module: Any, args: Args) -> dict[str, Any]:
    """Run the pipeline through one backend; return every intermediate result.

    Data from ``make_classification``, a ``train_test_split`` with the same
    seed, z-scores of the training part (the test part standardised with the
    training part's mean and std), ``logistic_regression`` on the training
    part, ``predict`` and ``accuracy`` on the test part.
    """
    X, y = module.make_classification(args["n_samples"], args["n_features"], args["seed"])
    X_train_raw, X_test_raw, y_train, y_test = module.train_test_split(X, y, args["test_size"], args["seed"])
    z = module.zscore(X_train_raw)
    X_train, X_test = z.Xn, (X_test_raw - z.mean) / z.std
    w, b, losses = module.logistic_regression(
        X_train, y_train, args["learning_rate"], args["max_iter"], seed=args["seed"]
    )
    acc = module.accuracy(y_test, module.predict(X_test, w, b))
    return {
        "X": X,
        "y": y,
        "X_train_raw": X_train_raw,
        "X_test_raw": X_test_raw,
        "zscore": z,
        "X_train": X_train,
        "X_test": X_test,
        "y_train": y_train,
        "y_test": y_test,
        "w": w,
        "b": b,
        "losses": losses,
        "accuracy": acc,
    }


def pipeline(module: Any, args: Args) -> tuple[float, float]:
    """The pipeline's outcome: (test accuracy, final training loss)."""
    s = pipeline_stages(module, args)
    return s["accuracy"], float(s["losses"][-1])


def pipeline_bound(args: Args, result: Any) -> tuple[float, float]:
    """Bounds of the pipeline's outcome, from the reference's stages.

    Both sides' data differ by ``classification_bound``; the split only moves
    rows; the z-scores carry that difference and add their own rounding
    (``standardise_bounds``, ``restandardise_bound`` for the test part).
    Gradient descent then runs on data that differ by that much
    (``logistic_bounds`` with dX), and the test predictions may flip only
    near 0.5 (``accuracy_bound``).
    """
    from .. import ref

    s = pipeline_stages(ref, args)
    k = int(args["max_iter"])
    z = s["zscore"]
    dtr, dm, ds = tol.logistic.standardise_bounds(
        s["X_train_raw"], z, tol.random.classification_bound(s["X_train_raw"], SEPARATION)
    )
    dte = tol.logistic.restandardise_bound(
        s["X_test"], z.std, tol.random.classification_bound(s["X_test_raw"], SEPARATION), dm, ds
    )
    D, E = tol.logistic.logistic_bounds(
        s["X_train"], s["y_train"], args["learning_rate"], k, 0.0, 0.0, int(args["seed"]), dtr
    )
    acc = tol.logistic.accuracy_bound(s["X_test"], s["w"], s["b"], dte, float(D[-1]))
    return acc, float(E[-1])


def _pipeline_cases(rng: np.random.Generator) -> list[Case]:
    return [
        ("the source's pipeline", PIPELINE),
        ("20 features", {**PIPELINE, "n_samples": I64(300), "n_features": I64(20), "seed": U64(7)}),
        (
            "few samples, a larger step",
            {**PIPELINE, "n_samples": I64(40), "learning_rate": 0.5, "max_iter": I64(200)},
        ),
    ]


register(
    Check(
        "pipeline",
        "accuracy: test points within rounding of p = 0.5 may flip; loss: logistic_bounds with the data's dX",
        _pipeline_cases,
        bound=pipeline_bound,
        call=pipeline,
    )
)
