"""twinmath.go — the same functions as twinmath.ref, computed by the Go library.

The Go package (``go/``) is compiled into ``libtwinmath.so`` and called through
cffi. The library is loaded, and the Go runtime started, on the first call,
not at import. Every function here has the name, signature and docstring of its
twin in ``twinmath.ref``.
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
