"""twinmath.go — the same functions as twinmath.ref, computed by the Go library.

The Go package (``go/``) is compiled into ``libtwinmath.so`` and called through
cffi. The library is loaded, and the Go runtime started, on the first call,
not at import. Every function here has the name, signature and docstring of its
twin in ``twinmath.ref``.
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
