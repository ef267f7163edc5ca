"""Model files, written and read in Python (documented in twinmath._front.model)."""

from __future__ import annotations

import hashlib
import json
import os
import struct
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import _front
from .._front import twin
from .._front.model import (
    FORMAT_VERSION,
    LAYOUTS,
    MAGIC,
    PREFIX,
    LogisticModel,
    MLPModel,
    Model,
    arrays,
    check,
    convert,
)
from ..errors import ShapeError, invalid

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.model.__all__

_INT32 = 2**31


def encode(model: Model) -> bytes:
    """Return the model file of a checked ``model``."""
    parts = arrays(model)
    data = b"".join(np.ascontiguousarray(a, dtype="<f8").tobytes() for _, a in parts)
    header = {
        "version": FORMAT_VERSION,
        "kind": "logistic_regression" if isinstance(model, LogisticModel) else "mlp",
        "activation": "sigmoid",
        "arrays": [{"name": n, "shape": list(a.shape)} for n, a in parts],
        "checksum": "sha256:" + hashlib.sha256(data).hexdigest(),
    }
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-(PREFIX + len(text)) % 8)
    return MAGIC + struct.pack("<I", len(text)) + text + data


def _integer(v: Any) -> int | None:
    """Return ``v`` if it is a JSON integer that Go reads as one, else None."""
    if isinstance(v, int) and not isinstance(v, bool) and -_INT32 <= v < _INT32:
        return v
    return None


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def decode(data: bytes) -> Model:
    """Return the model in the model file ``data``; ValueError for a bad file, as Go's LoadModel."""
    op = "load_model"
    if len(data) < PREFIX:
        raise invalid(op, f"file is truncated: {len(data)} bytes, a model file has at least {PREFIX}")
    if data[: len(MAGIC)] != MAGIC:
        raise invalid(op, "not a twinmath model file (it does not start with TWINMATH)")
    (hlen,) = struct.unpack_from("<I", data, len(MAGIC))
    if hlen > len(data) - PREFIX:
        raise invalid(op, f"file is truncated: {len(data)} bytes, the header alone needs {PREFIX + hlen}")
    try:
        header = json.loads(data[PREFIX : PREFIX + hlen].decode("utf-8"), parse_constant=_reject_constant)
    except ValueError:
        header = None
    if not isinstance(header, dict):
        raise invalid(op, "the header is not a JSON object")
    version = _integer(header.get("version"))
    if version is None:
        raise invalid(op, "the header has no integer version")
    if version != FORMAT_VERSION:
        raise invalid(
            op, f"format version {version} is not supported (this library reads version {FORMAT_VERSION})"
        )
    kind = header.get("kind")
    layout = LAYOUTS.get(kind) if isinstance(kind, str) else None
    if layout is None:
        raise invalid(op, "kind must be logistic_regression or mlp")
    if header.get("activation") != "sigmoid":
        raise invalid(op, "activation must be sigmoid")
    names = ", ".join(f"{n} (rank {r})" for n, r in layout)
    bad_arrays = invalid(op, f"arrays must be {names}, in that order, with positive sizes")
    listed = header.get("arrays")
    if not isinstance(listed, list) or len(listed) != len(layout):
        raise bad_arrays
    shapes: list[tuple[int, ...]] = []
    for entry, (name, rank) in zip(listed, layout, strict=True):
        if not isinstance(entry, dict) or entry.get("name") != name:
            raise bad_arrays
        dims = entry.get("shape")
        if not isinstance(dims, list) or len(dims) != rank:
            raise bad_arrays
        ints = [_integer(v) for v in dims]
        if any(v is None or v < 1 for v in ints):
            raise bad_arrays
        shapes.append(tuple(v for v in ints if v is not None))
    have = len(data) - PREFIX - hlen
    want = sum(int(np.prod(s, dtype=object)) for s in shapes)
    if 8 * want > have:
        raise invalid(op, f"file is truncated: {have} bytes of data, the header describes more")
    if 8 * want < have:
        raise invalid(op, f"file has trailing data: {have} bytes of data, the header describes {8 * want}")
    body = data[PREFIX + hlen :]
    checksum = header.get("checksum")
    digest = (
        checksum[len("sha256:") :] if isinstance(checksum, str) and checksum.startswith("sha256:") else ""
    )
    if len(digest) != 64 or digest.strip("0123456789abcdef"):
        raise invalid(op, "checksum must be sha256: and 64 lowercase hex digits")
    if digest != hashlib.sha256(body).hexdigest():
        raise invalid(op, "checksum mismatch: the data is not what was written")
    values = np.frombuffer(body, dtype="<f8").astype(np.float64)
    parts, start = [], 0
    for s in shapes:
        size = int(np.prod(s))
        parts.append(values[start : start + size].reshape(s))
        start += size
    model: Model
    if kind == "logistic_regression":
        model = LogisticModel(parts[0], float(parts[1]), parts[2], parts[3])
    else:
        model = MLPModel(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5])
    check(model, op, ValueError)
    return model


@twin(_front.model.save_model)
def save_model(path: str | os.PathLike[str], model: LogisticModel | MLPModel) -> None:
    op = "save_model"
    m = convert(model, op)
    check(m, op, ShapeError)
    with open(path, "wb") as f:
        f.write(encode(m))


@twin(_front.model.load_model)
def load_model(path: str | os.PathLike[str]) -> LogisticModel | MLPModel:
    with open(path, "rb") as f:
        return decode(f.read())
