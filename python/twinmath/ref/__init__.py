"""twinmath.ref — the reference implementation, in Python with numpy.

Every function here has a twin of the same name, signature and docstring in
``twinmath.go``, computed by the Go library; the parity suite holds the two to
the same results and the same errors.
"""

from __future__ import annotations

from .calculus import (
    derivative,
    gradient,
    gradient_descent,
    hessian,
    jacobian,
    symbolic_derivative,
    taylor,
)
from .info import cross_entropy, entropy, kl_divergence, mutual_information
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
from .stats import (
    bayes,
    confidence_interval,
    covariance,
    expectation,
    mean,
    normal_cdf,
    normal_pdf,
    std,
    variance,
    zscore,
)
from .vectors import add, cosine_similarity, dot, norm, outer, project, scale, subtract

__all__ = [
    "Rng",
    "accuracy",
    "add",
    "bayes",
    "confidence_interval",
    "cosine_similarity",
    "covariance",
    "cross_entropy",
    "derivative",
    "det",
    "dot",
    "entropy",
    "expectation",
    "gradient",
    "gradient_descent",
    "hessian",
    "inv",
    "jacobian",
    "kl_divergence",
    "logistic_regression",
    "make_classification",
    "matmul",
    "mean",
    "mutual_information",
    "norm",
    "normal_cdf",
    "normal_pdf",
    "outer",
    "predict",
    "predict_proba",
    "project",
    "scale",
    "sigmoid",
    "solve",
    "std",
    "subtract",
    "symbolic_derivative",
    "taylor",
    "trace",
    "train_test_split",
    "transpose",
    "variance",
    "zscore",
]
