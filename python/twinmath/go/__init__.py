"""twinmath.go — the same functions as twinmath.ref, computed by the Go library.

The Go package (``go/``) is compiled into ``libtwinmath.so`` and called through
cffi. The library is loaded, and the Go runtime started, on the first call,
not at import. Every function here has the name, signature and docstring of its
twin in ``twinmath.ref``.
"""

from __future__ import annotations

from .linalg import det, inv, matmul, solve, trace, transpose
from .nn import backward_pass, forward_pass, relu, sigmoid, sigmoid_derivative, softmax, tanh
from .optim import SGD, Adam, Momentum
from .vectors import add, cosine_similarity, dot, norm, outer, project, scale, subtract

__all__ = [
    "SGD",
    "Adam",
    "Momentum",
    "add",
    "backward_pass",
    "cosine_similarity",
    "det",
    "dot",
    "forward_pass",
    "inv",
    "matmul",
    "norm",
    "outer",
    "project",
    "relu",
    "scale",
    "sigmoid",
    "sigmoid_derivative",
    "softmax",
    "solve",
    "subtract",
    "tanh",
    "trace",
    "transpose",
]
