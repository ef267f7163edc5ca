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
from .decomp import cholesky, lstsq, lu, matrix_rank, pca, pinv, qr, svd, truncated_svd
from .eigen import eig, eigh
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
from .model import load_model, save_model
from .nn import backward_pass, forward_pass, relu, sigmoid, sigmoid_derivative, softmax, tanh
from .optim import SGD, Adam, Momentum
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
    "SGD",
    "Adam",
    "Momentum",
    "Rng",
    "accuracy",
    "add",
    "backward_pass",
    "bayes",
    "cholesky",
    "confidence_interval",
    "cosine_similarity",
    "covariance",
    "cross_entropy",
    "derivative",
    "det",
    "dot",
    "eig",
    "eigh",
    "entropy",
    "expectation",
    "forward_pass",
    "gradient",
    "gradient_descent",
    "hessian",
    "inv",
    "jacobian",
    "kl_divergence",
    "load_model",
    "logistic_regression",
    "lstsq",
    "lu",
    "make_classification",
    "matmul",
    "matrix_rank",
    "mean",
    "mutual_information",
    "norm",
    "normal_cdf",
    "normal_pdf",
    "outer",
    "pca",
    "pinv",
    "predict",
    "predict_proba",
    "project",
    "qr",
    "relu",
    "save_model",
    "scale",
    "sigmoid",
    "sigmoid_derivative",
    "softmax",
    "solve",
    "std",
    "subtract",
    "svd",
    "symbolic_derivative",
    "tanh",
    "taylor",
    "trace",
    "train_test_split",
    "transpose",
    "truncated_svd",
    "variance",
    "zscore",
]
