"""Model files: a trained model, with its standardisation, that Python and Go both read.

The format (docs/serving.md): the magic ``TWINMATH``, the length of a JSON
header as a little-endian uint32, the header — format version, kind,
activation, the names and shapes of the arrays, the SHA-256 of the data —
padded with spaces so that the data starts at a multiple of 8 bytes, then the
arrays as little-endian float64 values. The Go package writes the same bytes
for the same model (``SaveModel``) and reads the same files (``LoadModel``).
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from .._convert import matrix, real, text, vector
from ..errors import ShapeError, invalid, shape_error

__all__ = ["load_model", "save_model"]

FORMAT_VERSION = 1
MAGIC = b"TWINMATH"
PREFIX = len(MAGIC) + 4

# The arrays of each kind of model, in file order, with their ranks.
LAYOUTS = {
    "logistic_regression": (("w", 1), ("b", 0), ("mean", 1), ("std", 1)),
    "mlp": (("W1", 2), ("b1", 1), ("W2", 2), ("b2", 1), ("mean", 1), ("std", 1)),
}
_INT32 = 2**31


class LogisticModel(NamedTuple):
    """A logistic-regression model and the standardisation of its inputs.

    A raw row ``x`` is standardised to ``(x - mean) / std`` (the mean and std
    of ``zscore`` on the training data) before ``sigmoid(x @ w + b)``.
    """

    w: NDArray[np.float64]
    b: float
    mean: NDArray[np.float64]
    std: NDArray[np.float64]


class MLPModel(NamedTuple):
    """The two-layer network of ``forward_pass`` and the standardisation of its inputs.

    W1 is (d, h), b1 (h,), W2 (h, k), b2 (k,); a raw row is standardised to
    ``(x - mean) / std`` before the forward pass. Both layers use
    ``activation``, and ``"sigmoid"`` is the only one.
    """

    W1: NDArray[np.float64]
    b1: NDArray[np.float64]
    W2: NDArray[np.float64]
    b2: NDArray[np.float64]
    mean: NDArray[np.float64]
    std: NDArray[np.float64]
    activation: str = "sigmoid"


Model = LogisticModel | MLPModel


def convert(model: Any, op: str) -> Model:
    """Return ``model`` with float64 arrays, or raise TypeError for another object."""
    if isinstance(model, LogisticModel):
        return LogisticModel(
            vector(model.w, op, "w"),
            real(model.b, op, "b"),
            vector(model.mean, op, "mean"),
            vector(model.std, op, "std"),
        )
    if isinstance(model, MLPModel):
        return MLPModel(
            matrix(model.W1, op, "W1"),
            vector(model.b1, op, "b1"),
            matrix(model.W2, op, "W2"),
            vector(model.b2, op, "b2"),
            vector(model.mean, op, "mean"),
            vector(model.std, op, "std"),
            text(model.activation, op, "activation"),
        )
    raise TypeError(f"{op}: model must be a LogisticModel or an MLPModel, got {type(model).__name__}")


def arrays(model: Model) -> list[tuple[str, NDArray[np.float64]]]:
    """Return the named arrays of ``model`` in file order."""
    if isinstance(model, LogisticModel):
        return [("w", model.w), ("b", np.array(model.b)), ("mean", model.mean), ("std", model.std)]
    return [(n, getattr(model, n)) for n in ("W1", "b1", "W2", "b2", "mean", "std")]


def check(model: Model, op: str, shape: type[ValueError]) -> None:
    """Raise the error Go's validation gives for ``model``: ``shape`` for arrays that do not fit."""

    def mismatch(detail: str) -> ValueError:
        return shape_error(op, detail) if shape is ShapeError else invalid(op, detail)

    if isinstance(model, LogisticModel):
        d = model.w.shape[0]
        if model.mean.shape[0] != d or model.std.shape[0] != d:
            raise mismatch(
                f"w has {d} values but mean and std have {model.mean.shape[0]} and {model.std.shape[0]}"
            )
        if d == 0:
            raise invalid(op, "w is empty")
    else:
        (d, h), k = model.W1.shape, model.W2.shape[1]
        if model.b1.shape[0] != h:
            raise mismatch(f"W1 has {h} columns but b1 has {model.b1.shape[0]} values")
        if model.W2.shape[0] != h:
            raise mismatch(f"W1 has {h} columns but W2 has {model.W2.shape[0]} rows")
        if model.b2.shape[0] != k:
            raise mismatch(f"W2 has {k} columns but b2 has {model.b2.shape[0]} values")
        if model.mean.shape[0] != d or model.std.shape[0] != d:
            raise mismatch(
                f"W1 has {d} rows but mean and std have {model.mean.shape[0]} and {model.std.shape[0]} values"
            )
        if d == 0 or h == 0 or k == 0:
            raise invalid(op, "W1 and W2 must not be empty")
        if model.activation not in ("", "sigmoid"):
            raise invalid(op, "activation must be sigmoid")
    for name, a in arrays(model):
        if not np.isfinite(a).all():
            raise invalid(op, f"{name} contains NaN or Inf")
    bad = model.std[~(model.std > 0)]
    if bad.size:
        raise invalid(op, f"std must be positive, got {float(bad[0])!r}")


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


def save_model(path: str | os.PathLike[str], model: LogisticModel | MLPModel) -> None:
    """Write ``model`` to the model file ``path``, which Go's ``LoadModel`` reads.

    The file holds the arrays of the model, the standardisation applied to
    its inputs (``mean`` and ``std`` from ``zscore``), the activation, a format
    version and a SHA-256 checksum of the data (docs/serving.md). Both
    backends write the same bytes for the same model.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write (replaced if it exists).
    model : LogisticModel or MLPModel
        From ``twinmath.ref.model`` (the same classes in both backends).

    Returns
    -------
    None

    Raises
    ------
    ShapeError
        If the arrays of the model do not fit together.
    ValueError
        If the model is empty, holds NaN or Inf, has a standard deviation
        that is not positive, or an activation other than ``"sigmoid"``.
    TypeError
        If ``model`` is neither class.

    Examples
    --------
    >>> import os, tempfile
    >>> import twinmath as tm
    >>> from twinmath.ref.model import LogisticModel
    >>> path = os.path.join(tempfile.mkdtemp(), "model.tm")
    >>> tm.save_model(path, LogisticModel([2.0, -1.0], 0.5, [10.0, 0.0], [5.0, 1.0]))
    >>> tm.load_model(path).b
    0.5
    """
    op = "save_model"
    m = convert(model, op)
    check(m, op, ShapeError)
    with open(path, "wb") as f:
        f.write(encode(m))


def load_model(path: str | os.PathLike[str]) -> LogisticModel | MLPModel:
    """Read the model file ``path``, written by ``save_model`` or Go's ``SaveModel``.

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    LogisticModel or MLPModel
        The arrays as float64 ndarrays (``b`` of a LogisticModel a float).

    Raises
    ------
    ValueError
        If the file is not a valid model file: truncated or with trailing
        data, without the magic, with a header that is not a JSON object, of
        another format version, of an unknown kind or activation, with a
        checksum that does not match, with arrays whose shapes do not fit
        together, with NaN or Inf, or with a standard deviation that is not
        positive. The message says which, as Go's ``LoadModel`` does.
    OSError
        If the file cannot be read.

    Examples
    --------
    >>> import os, tempfile
    >>> import twinmath as tm
    >>> from twinmath.ref.model import LogisticModel
    >>> path = os.path.join(tempfile.mkdtemp(), "model.tm")
    >>> tm.save_model(path, LogisticModel([2.0, -1.0], 0.5, [10.0, 0.0], [5.0, 1.0]))
    >>> m = tm.load_model(path)
    >>> type(m).__name__, m.w, m.std
    ('LogisticModel', array([ 2., -1.]), array([5., 1.]))
    """
    with open(path, "rb") as f:
        return decode(f.read())
