"""twinmath.ref — the reference implementation, in Python with numpy.

Every function here has a twin of the same name, signature and docstring in
``twinmath.go``, computed by the Go library; the parity suite holds the two to
the same results and the same errors.
"""

from __future__ import annotations

from .decomp import cholesky, lstsq, lu, matrix_rank, pca, pinv, qr, svd, truncated_svd
from .linalg import det, inv, matmul, solve, trace, transpose
from .nn import sigmoid
from .vectors import add, cosine_similarity, dot, norm, outer, project, scale, subtract

__all__ = [
    "add",
    "cholesky",
    "cosine_similarity",
    "det",
    "dot",
    "inv",
    "lstsq",
    "lu",
    "matmul",
    "matrix_rank",
    "norm",
    "outer",
    "pca",
    "pinv",
    "project",
    "qr",
    "scale",
    "sigmoid",
    "solve",
    "subtract",
    "svd",
    "trace",
    "transpose",
    "truncated_svd",
]
