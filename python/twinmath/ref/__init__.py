"""twinmath.ref — the reference implementation, in Python with numpy.

Every function here has a twin of the same name, signature and docstring in
``twinmath.go``, computed by the Go library; the parity suite holds the two to
the same results and the same errors.
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
