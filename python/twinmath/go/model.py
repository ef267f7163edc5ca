"""Model files, written and read by the Go library (documented in twinmath._front.model)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import numpy as np

from .. import _front
from .._front import twin
from .._front.model import LogisticModel, MLPModel, convert
from . import _native as n
from ._native import ptr

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.model.__all__

# The kinds of libtwinmath.h.
_LOGISTIC, _MLP = 1, 2
# Room for the header beside the 8 bytes of every value (libtwinmath.h).
_HEADER_ROOM = 4096


@twin(_front.model.save_model)
def save_model(path: str | os.PathLike[str], model: LogisticModel | MLPModel) -> None:
    m = convert(model, "save_model")
    empty = np.empty(0)
    if isinstance(m, LogisticModel):
        b = np.array([m.b])
        mats = [(m.w, m.w.shape[0], 1), (b, 1, 1), (empty, 0, 0), (empty, 0, 0)]
        kind, act = _LOGISTIC, b"sigmoid"
    else:
        mats = [(m.W1, *m.W1.shape), (m.b1, m.b1.shape[0], 1), (m.W2, *m.W2.shape), (m.b2, m.b2.shape[0], 1)]
        kind, act = _MLP, m.activation.encode()
    values = sum(a.size for a, _, _ in mats) + m.mean.size + m.std.size
    cap = 8 * values + _HEADER_ROOM
    dst, length = n.ffi.new("uint8_t[]", cap), n.ffi.new("int64_t *")
    (w1, r1, c1), (b1, nb1, _), (w2, r2, c2), (b2, nb2, _) = mats
    n.call(
        n.lib.tm_save_model,
        kind, ptr(w1), r1, c1, ptr(b1), nb1, ptr(w2), r2, c2, ptr(b2), nb2,
        ptr(m.mean), m.mean.shape[0], ptr(m.std), m.std.shape[0], act, dst, cap, length,
    )  # fmt: skip
    data = bytes(n.ffi.buffer(dst, length[0]))
    with open(path, "wb") as f:
        f.write(data)


@twin(_front.model.load_model)
def load_model(path: str | os.PathLike[str]) -> LogisticModel | MLPModel:
    with open(path, "rb") as f:
        data = f.read()
    buf = n.ffi.from_buffer("uint8_t[]", data)
    kind, dims = n.ffi.new("int *"), n.ffi.new("int64_t[3]")
    n.call(n.lib.tm_load_model_dims, buf, len(data), kind, dims)
    d, h, k = dims[0], dims[1], dims[2]
    mean, std = np.empty(d), np.empty(d)
    if kind[0] == _LOGISTIC:
        w, b, null = np.empty(d), np.empty(1), n.ffi.NULL
        n.call(n.lib.tm_load_model, buf, len(data), ptr(w), ptr(b), null, null, ptr(mean), ptr(std))
        return LogisticModel(w, float(b[0]), mean, std)
    W1, b1, W2, b2 = np.empty((d, h)), np.empty(h), np.empty((h, k)), np.empty(k)
    n.call(n.lib.tm_load_model, buf, len(data), ptr(W1), ptr(b1), ptr(W2), ptr(b2), ptr(mean), ptr(std))
    return MLPModel(W1, b1, W2, b2, mean, std)
