"""The worked examples of the docs, computed by both backends side by side.

``python -m twinmath demo`` prints, for each example, the reference result,
the Go result and the parity verdict: "equal" when the two are the same bit
for bit, "within bound" (with the observed error relative to the bound of
``twinmath.tolerances``) when rounding made them differ, "DIFFER" otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import backend, tolerances
from .parity import CHECKS, outcome, same_error
from .parity.logistic import PIPELINE


@dataclass(frozen=True)
class Example:
    """One worked example: ``op(**args)``, shown as ``label``."""

    label: str
    op: str
    args: dict[str, Any]


A, B = [[1, 2], [3, 4]], [[5, 6], [7, 8]]
LINE_FIT: dict[str, Any] = {"A": [[1, 0], [1, 1], [1, 2]]}  # the design matrix of a line through 3 points
XOR = [[0, 0], [0, 1], [1, 0], [1, 1]]
NET: dict[str, Any] = {
    "X": XOR,
    "W1": [[0, 0, 0], [0, 0, 0]],
    "b1": [0, 0, 0],
    "W2": [[1], [1], [1]],
    "b2": [0],
}
_a1, _z1 = [[0.5] * 3] * 4, [[0.0] * 3] * 4
BACKPROP: dict[str, Any] = {
    "X": XOR,
    "y": [[0], [1], [1], [0]],
    "a1": _a1,
    "a2": [[0.8175744761936437]] * 4,  # σ(1.5)
    "z1": _z1,
    "z2": [[1.5]] * 4,
    "W1": NET["W1"],
    "W2": NET["W2"],
}

SECTIONS: list[tuple[str, list[Example]]] = [
    (
        "Vectors",
        [
            Example("add([1,2,3], [4,5,6])", "add", {"a": [1, 2, 3], "b": [4, 5, 6]}),
            Example("dot([1,2,3], [4,5,6])", "dot", {"a": [1, 2, 3], "b": [4, 5, 6]}),
            Example("norm([1,2,3])", "norm", {"v": [1, 2, 3]}),
            Example(
                "cosine_similarity([1,2,3], [4,5,6])", "cosine_similarity", {"a": [1, 2, 3], "b": [4, 5, 6]}
            ),
            Example("scale([1,2,3], 2)", "scale", {"v": [1, 2, 3], "c": 2}),
            Example("outer([1,2], [3,4,5])", "outer", {"a": [1, 2], "b": [3, 4, 5]}),
            Example("project([2,3], onto=[1,0])", "project", {"a": [2, 3], "onto": [1, 0]}),
            Example("cross([1,2,3], [4,5,6])", "cross", {"x1": [1, 2, 3], "x2": [4, 5, 6]}),
            Example("vector_norm([3,-4], ord=3)", "vector_norm", {"x": [3, -4], "ord": 3}),
            Example("norm([[3,0],[4,-1]], axis=0)", "norm", {"v": [[3, 0], [4, -1]], "axis": 0}),
        ],
    ),
    (
        "Matrices (A = [[1,2],[3,4]], B = [[5,6],[7,8]])",
        [
            Example("matmul(A, B)", "matmul", {"A": A, "B": B}),
            Example("transpose(A)", "transpose", {"A": A}),
            Example("trace(A)", "trace", {"A": A}),
            Example(
                "trace([[1,2,3],[4,5,6]], offset=1)", "trace", {"A": [[1, 2, 3], [4, 5, 6]], "offset": 1}
            ),
            Example("det(A)", "det", {"A": A}),
            Example("inv(A)", "inv", {"A": A}),
            Example("solve([[3,1],[1,2]], [9,8])", "solve", {"A": [[3, 1], [1, 2]], "b": [9, 8]}),
            Example("inv([[1,2],[2,4]])  (singular)", "inv", {"A": [[1, 2], [2, 4]]}),
            Example("slogdet(A)", "slogdet", {"a": A}),
            Example("cond(A)", "cond", {"x": A}),
            Example("cond([[1,2],[2,4]], 1)", "cond", {"x": [[1, 2], [2, 4]], "p": 1}),
            Example("matrix_power(A, -2)", "matrix_power", {"a": A, "n": -2}),
            Example(
                "multi_dot([[1,2]], A, [[5],[6]])", "multi_dot", {"A0": [[1, 2]], "A1": A, "A2": [[5], [6]]}
            ),
            Example("tensordot(A, B)  (axes 2)", "tensordot", {"a": A, "b": B}),
            Example(
                "tensordot([1,2], [3,4,5], axes=0)", "tensordot", {"a": [1, 2], "b": [3, 4, 5], "axes": 0}
            ),
            Example(
                "tensorsolve(I4 as (2,2,4), [[1,2],[3,4]])",
                "tensorsolve",
                {"a": np.eye(4).reshape(2, 2, 4), "b": [[1, 2], [3, 4]]},
            ),
            Example(
                "tensorinv(2·I4 as (4,2,2), ind=1)",
                "tensorinv",
                {"a": 2 * np.eye(4).reshape(4, 2, 2), "ind": 1},
            ),
        ],
    ),
    (
        "Eigenvalues (A v = λ v)",
        [
            Example("eig([[2,0],[0,3]])", "eig", {"A": [[2, 0], [0, 3]]}),
            Example("eigh([[2,1],[1,2]])", "eigh", {"A": [[2, 1], [1, 2]]}),
            Example("eigvals([[0,-1],[1,0]])", "eigvals", {"a": [[0, -1], [1, 0]]}),
            Example("eig([[1,2],[3,4]])", "eig", {"A": A}),
            Example("eig([[1,2,3]])  (not square)", "eig", {"A": [[1, 2, 3]]}),
        ],
    ),
    (
        "Decompositions (S = [[3,0],[4,5]])",
        [
            Example("lu(A)", "lu", {"A": A}),
            Example("qr([[3,1],[4,2]])", "qr", {"A": [[3, 1], [4, 2]]}),
            Example("qr(line fit's A, 'complete')", "qr", LINE_FIT | {"mode": "complete"}),
            Example("qr([[3,1],[4,2]], 'raw')", "qr", {"A": [[3, 1], [4, 2]], "mode": "raw"}),
            Example("cholesky([[4,2],[2,5]])", "cholesky", {"A": [[4, 2], [2, 5]]}),
            Example("svd(S)", "svd", {"A": [[3, 0], [4, 5]]}),
            Example(
                "svd(line fit's A, full_matrices=True)",
                "svd",
                LINE_FIT | {"full_matrices": True},
            ),
            Example("truncated_svd(S, 1)  (rank-1 A_k)", "truncated_svd", {"A": [[3, 0], [4, 5]], "k": 1}),
            Example("norm(S, 2)  (largest singular value)", "norm", {"v": [[3, 0], [4, 5]], "ord": 2}),
            Example("svdvals(S)", "svdvals", {"x": [[3, 0], [4, 5]]}),
            Example("matrix_norm(S, ord='nuc')", "matrix_norm", {"x": [[3, 0], [4, 5]], "ord": "nuc"}),
            Example("pinv([[1,1],[1,1]])", "pinv", {"A": [[1, 1], [1, 1]]}),
            Example("lstsq(line fit)", "lstsq", {"A": [[1, 0], [1, 1], [1, 2]], "b": [1, 2, 2]}),
            Example(
                "lstsq(line fit, full=True)",
                "lstsq",
                {"A": [[1, 0], [1, 1], [1, 2]], "b": [1, 2, 2], "full": True},
            ),
            Example("matrix_rank([[1,2],[2,4]])", "matrix_rank", {"A": [[1, 2], [2, 4]]}),
            Example("pca(points on y = 2x, 1)", "pca", {"X": [[0, 0], [1, 2], [2, 4], [5, 10]], "k": 1}),
        ],
    ),
    (
        "Calculus (Go calls the Python functions back)",
        [
            Example("derivative(x³, at 2)", "derivative", {"f": lambda x: x**3, "x": 2.0}),
            Example(
                "gradient(x² + y², at (3, 4))",
                "gradient",
                {"f": lambda v: v[0] ** 2 + v[1] ** 2, "x": [3, 4]},
            ),
            Example(
                "jacobian((x²y, 5x + y), at (1, 2))",
                "jacobian",
                {"f": lambda v: [v[0] ** 2 * v[1], 5 * v[0] + v[1]], "x": [1, 2]},
            ),
            Example(
                "hessian(x²y + y³, at (1, 2))",
                "hessian",
                {"f": lambda v: v[0] ** 2 * v[1] + v[1] ** 3, "x": [1, 2]},
            ),
            Example("taylor(exp, 0 → 0.1, order 2)", "taylor", {"f": math.exp, "x0": 0.0, "x": 0.1}),
            Example(
                "gradient_descent(x², 5, α=0.1, 10)",
                "gradient_descent",
                {
                    "f": lambda x: x * x,
                    "grad_f": lambda x: 2 * x,
                    "x0": 5,
                    "learning_rate": 0.1,
                    "max_iter": 10,
                },
            ),
            Example(
                "symbolic_derivative(x³+sin(x)exp(x))",
                "symbolic_derivative",
                {"expression": "x**3 + sin(x)*exp(x)", "variable": "x"},
            ),
            Example(
                "symbolic_derivative(sigmoid(x))",
                "symbolic_derivative",
                {"expression": "sigmoid(x)", "variable": "x"},
            ),
            Example(
                "symbolic_derivative('x +')", "symbolic_derivative", {"expression": "x +", "variable": "x"}
            ),
        ],
    ),
    (
        "Neural networks (X = the four XOR points, W1 = 0, W2 = [[1],[1],[1]], zero biases)",
        [
            Example("sigmoid([0, 2])", "sigmoid", {"x": [0, 2]}),
            Example("sigmoid_derivative(0)", "sigmoid_derivative", {"x": 0}),
            Example("relu([-1.5, 0, 2])", "relu", {"x": [-1.5, 0, 2]}),
            Example("tanh([0, 1, -1])", "tanh", {"x": [0, 1, -1]}),
            Example("softmax([1, 2, 3])", "softmax", {"x": [1, 2, 3]}),
            Example("softmax([1000, 1001])  (shifted)", "softmax", {"x": [1000, 1001]}),
            Example("forward_pass(X, W1, b1, W2, b2)", "forward_pass", NET),
            Example("backward_pass(X, XOR labels, ...)", "backward_pass", BACKPROP),
        ],
    ),
    (
        "Probability and statistics (data = [10, 20, 30, 40, 50])",
        [
            Example("bayes(0.8, 0.3, 0.5)", "bayes", {"p_b_given_a": 0.8, "p_a": 0.3, "p_b": 0.5}),
            Example("mean(data)", "mean", {"x": [10, 20, 30, 40, 50]}),
            Example("variance(data)", "variance", {"x": [10, 20, 30, 40, 50]}),
            Example("std(data, ddof=1)", "std", {"x": [10, 20, 30, 40, 50], "ddof": 1}),
            Example("confidence_interval(data)", "confidence_interval", {"x": [10, 20, 30, 40, 50]}),
            Example("normal_pdf(0)", "normal_pdf", {"x": 0}),
            Example("normal_cdf(1.959963984540054)", "normal_cdf", {"x": 1.959963984540054}),
            Example(
                "expectation(die, uniform)", "expectation", {"values": [1, 2, 3, 4, 5, 6], "probs": [1] * 6}
            ),
            Example("zscore([[1,5],[3,5]])", "zscore", {"X": [[1, 5], [3, 5]]}),
        ],
    ),
    (
        "Information theory (p = [0.5, 0.3, 0.2], q = [0.4, 0.4, 0.2])",
        [
            Example("entropy(p)", "entropy", {"p": [0.5, 0.3, 0.2]}),
            Example("kl_divergence(p, q)", "kl_divergence", {"p": [0.5, 0.3, 0.2], "q": [0.4, 0.4, 0.2]}),
            Example("cross_entropy(p, q)", "cross_entropy", {"p": [0.5, 0.3, 0.2], "q": [0.4, 0.4, 0.2]}),
            Example("kl_divergence([.5,.5], [1,0])", "kl_divergence", {"p": [0.5, 0.5], "q": [1, 0]}),
            Example("mutual_information(identity/2)", "mutual_information", {"joint": [[0.5, 0], [0, 0.5]]}),
        ],
    ),
    (
        "Random numbers and a whole model (docs/pipeline.md)",
        [
            Example("Rng(42).random(3)", "Rng.random", {"seed": 42, "size": 3}),
            Example("Rng(42).normal(3)", "Rng.normal", {"seed": 42, "size": 3}),
            Example(
                "Rng(42).integers(0, 10, 5)", "Rng.integers", {"seed": 42, "low": 0, "high": 10, "size": 5}
            ),
            Example("Rng(42).permutation(5)", "Rng.permutation", {"seed": 42, "n": 5}),
            Example(
                "train_test_split(5 rows, 0.4, seed=1)",
                "train_test_split",
                {
                    "X": [[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]],
                    "y": [0, 1, 2, 3, 4],
                    "test_size": 0.4,
                    "seed": 1,
                },
            ),
            Example(
                "logistic_regression(toy, 0.5, 3)",
                "logistic_regression",
                {
                    "X": [[-2.0], [-1.0], [1.0], [2.0]],
                    "y": [0, 0, 1, 1],
                    "learning_rate": 0.5,
                    "max_iter": 3,
                },
            ),
            Example(
                "accuracy([0,1,1,0], [0,1,0,0])", "accuracy", {"y_true": [0, 1, 1, 0], "y_pred": [0, 1, 0, 0]}
            ),
            Example("pipeline: (accuracy, final loss)", "pipeline", PIPELINE),
        ],
    ),
]


def show(value: Any, error: BaseException | None = None) -> str:
    """Format a result (or the exception raised) for one table cell."""
    if error is not None:
        return f"{type(error).__name__}: {error}"
    if isinstance(value, tuple):
        return "(" + ", ".join(show(v) for v in value) + ")"
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=17, separator=", ", floatmode="unique").replace("\n", "")
    return repr(value)


def verdict(
    example: Example, ref: Any, go: Any, rerr: BaseException | None, gerr: BaseException | None
) -> str:
    """Return the parity verdict for one example."""
    if rerr is not None or gerr is not None:
        return "same error" if same_error(rerr, gerr) else "DIFFER"
    parts = zip(ref, go, strict=False) if isinstance(ref, tuple) else [(ref, go)]
    if ref == go if isinstance(ref, str) else all(tolerances.alike(r, g) for r, g in parts):
        return "equal"
    check = CHECKS.get(example.op)
    if check is None:
        return "DIFFER"
    q = check.ratio(example.args, ref, go)
    return f"within bound ({q:.2g})" if q <= 1 else f"DIFFER ({q:.2g} x bound)"


def main() -> int:
    """Print every section; return 1 if any example differs beyond its bound."""
    ref, go = backend("ref"), backend("go")
    bad = 0
    print("twinmath demo: every example computed by twinmath.ref and by twinmath.go\n")
    for title, examples in SECTIONS:
        print(f"{title}\n{'':<4}{'example':<38}{'twinmath.ref':<30}{'twinmath.go':<30}parity")
        for ex in examples:
            r, rerr = outcome(ref, ex.op, ex.args)
            g, gerr = outcome(go, ex.op, ex.args)
            v = verdict(ex, r, g, rerr, gerr)
            bad += v.startswith("DIFFER")
            rs, gs = show(r, rerr), show(g, gerr)
            if len(rs) > 29 or len(gs) > 29:
                print(f"{'':<4}{ex.label:<38}{rs}\n{'':<42}{'':<30}{gs}\n{'':<42}{'':<60}{v}")
            else:
                print(f"{'':<4}{ex.label:<38}{rs:<30}{gs:<30}{v}")
        print()
    for extra in EXTRAS:
        bad += extra(ref, go)
    print("all examples agree" if not bad else f"{bad} examples DIFFER")
    return 1 if bad else 0


# Worked examples that are more than one call (a training run): each prints
# its own section and returns how many of its results differ beyond bound.
EXTRAS: list[Callable[[Any, Any], int]] = []


def xor_training(ref: Any, go: Any) -> int:
    """The 2-3-1 network trained on XOR with each optimiser, by both backends."""
    from .parity import optim as po

    print(f"Training the 2-3-1 network on XOR: {po.XOR_STEPS} steps from the same weights")
    for name, options in po.XOR_OPTIMIZERS.items():
        print(f"{'':<4}{name}({', '.join(f'{k}={v}' for k, v in options.items())})")
    print(f"{'':<4}{'optimiser':<38}{'final loss, ref':<30}{'final loss, go':<30}parity")
    bad = 0
    runs = []
    for name, options in po.XOR_OPTIMIZERS.items():
        r, g = po.train_xor(ref, name), po.train_xor(go, name)
        _, bound = tolerances.optim.training_bound(
            po.XOR_X, po.XOR_Y, po.xor_params(), name, options, po.XOR_STEPS, po.XOR_STEPS
        )
        lr, lg = float(r.losses[-1]), float(g.losses[-1])
        q = abs(lr - lg) / bound[-1]
        v = "equal" if lr == lg else f"within bound ({q:.2g})" if q <= 1 else f"DIFFER ({q:.2g} x bound)"
        bad += v.startswith("DIFFER")
        print(f"{'':<4}{name:<38}{lr!r:<30}{lg!r:<30}{v}")
        runs.append((name, r, g))
    print(f"{'':<4}{'outputs for (0,0) (0,1) (1,0) (1,1)':<38}labels 0 1 1 0")

    def fmt(p: Iterable[float]) -> str:
        return " ".join(f"{x:.3f}" for x in p)

    for name, r, g in runs:
        print(f"{'':<8}{name:<34}{fmt(r.predictions):<30}{fmt(g.predictions)}")
    print()
    return bad


EXTRAS.append(xor_training)
