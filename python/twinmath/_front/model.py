# mypy: disable-error-code="empty-body"
"""The front of model, which twinmath.ref and twinmath.go share (see ``twinmath._front``).

Model files: a trained model, with its standardisation, that Python and Go both read.

The format (docs/serving.md): the magic ``TWINMATH``, the length of a JSON
header as a little-endian uint32, the header — format version, kind,
activation, the names and shapes of the arrays, the SHA-256 of the data —
padded with spaces so that the data starts at a multiple of 8 bytes, then the
arrays as little-endian float64 values. The Go package writes the same bytes
for the same model (``SaveModel``) and reads the same files (``LoadModel``).

Here: the signatures and docstrings of ``save_model`` and ``load_model``, the
model types both return, and the checks of a model that both backends (and
Go) apply in the same order with the same messages.
"""

from __future__ import annotations

import os
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
        ``twinmath.LogisticModel`` or ``twinmath.MLPModel``.

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
    >>> from twinmath import LogisticModel
    >>> path = os.path.join(tempfile.mkdtemp(), "model.tm")
    >>> tm.save_model(path, LogisticModel([2.0, -1.0], 0.5, [10.0, 0.0], [5.0, 1.0]))
    >>> tm.load_model(path).b
    0.5
    """


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
    >>> from twinmath import LogisticModel
    >>> path = os.path.join(tempfile.mkdtemp(), "model.tm")
    >>> tm.save_model(path, LogisticModel([2.0, -1.0], 0.5, [10.0, 0.0], [5.0, 1.0]))
    >>> m = tm.load_model(path)
    >>> type(m).__name__, m.w, m.std
    ('LogisticModel', array([ 2., -1.]), array([5., 1.]))
    """
