"""twinmath.go — the same functions as twinmath.ref, computed by the Go library.

The Go package (``go/``) is compiled into ``libtwinmath.so`` and called through
cffi. The library is loaded, and the Go runtime started, on the first call,
not at import. Every function here has the name, signature and docstring of its
twin in ``twinmath.ref``.
"""

from __future__ import annotations

from .eigen import eig, eigh
from .linalg import det, inv, matmul, solve, trace, transpose
from .nn import sigmoid
from .vectors import add, cosine_similarity, dot, norm, outer, project, scale, subtract

__all__ = [
    "add",
    "cosine_similarity",
    "det",
    "dot",
    "eig",
    "eigh",
    "inv",
    "matmul",
    "norm",
    "outer",
    "project",
    "scale",
    "sigmoid",
    "solve",
    "subtract",
    "trace",
    "transpose",
]
