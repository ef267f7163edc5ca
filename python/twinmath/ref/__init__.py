"""twinmath.ref — the reference implementation, in Python with numpy.

Every function here has a twin of the same name, signature and docstring in
``twinmath.go``, computed by the Go library; the parity suite holds the two to
the same results and the same errors.
"""

from __future__ import annotations

from .info import cross_entropy, entropy, kl_divergence, mutual_information
from .linalg import det, inv, matmul, solve, trace, transpose
from .nn import sigmoid
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
    "add",
    "bayes",
    "confidence_interval",
    "cosine_similarity",
    "covariance",
    "cross_entropy",
    "det",
    "dot",
    "entropy",
    "expectation",
    "inv",
    "kl_divergence",
    "matmul",
    "mean",
    "mutual_information",
    "norm",
    "normal_cdf",
    "normal_pdf",
    "outer",
    "project",
    "scale",
    "sigmoid",
    "solve",
    "std",
    "subtract",
    "trace",
    "transpose",
    "variance",
    "zscore",
]
