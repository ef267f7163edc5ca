"""twinmath.ref — the reference implementation, in Python with numpy.

Every function here has a twin of the same name, signature and docstring in
``twinmath.go``, computed by the Go library; the parity suite holds the two to
the same results and the same errors.
"""

from __future__ import annotations

from .linalg import det, inv, matmul, solve, trace, transpose
from .logistic import (
    accuracy,
    logistic_regression,
    make_classification,
    predict,
    predict_proba,
    train_test_split,
)
from .nn import sigmoid
from .random import Rng
from .vectors import add, cosine_similarity, dot, norm, outer, project, scale, subtract

__all__ = [
    "Rng",
    "accuracy",
    "add",
    "cosine_similarity",
    "det",
    "dot",
    "inv",
    "logistic_regression",
    "make_classification",
    "matmul",
    "norm",
    "outer",
    "predict",
    "predict_proba",
    "project",
    "scale",
    "sigmoid",
    "solve",
    "subtract",
    "trace",
    "train_test_split",
    "transpose",
]
