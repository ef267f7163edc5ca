"""The exceptions twinmath raises, and the texts both backends give them.

Every message has the form ``"op: kind: detail"`` (``"inv: singular matrix"``
has no detail). The Go package builds the same text around its sentinel
errors, so the reference and the Go backend raise the same class with the same
message for the same bad input; the shared test vectors hold both to it.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np

__all__ = [
    "AxisError",
    "ConvergenceError",
    "NotPositiveDefiniteError",
    "ShapeError",
    "SingularMatrixError",
]


class ShapeError(np.linalg.LinAlgError):
    """Arguments whose shapes do not fit together (Go: ``ErrShape``).

    A ``numpy.linalg.LinAlgError``, which is a ``ValueError``: numpy reports
    shapes that do not fit a linear-algebra function (a non-square matrix,
    incompatible dimensions) as LinAlgError, and code written for numpy
    catches them so.
    """


class SingularMatrixError(np.linalg.LinAlgError):
    """A singular matrix where an inverse is needed (Go: ``ErrSingular``)."""


class NotPositiveDefiniteError(np.linalg.LinAlgError):
    """A matrix that is not positive definite (Go: ``ErrNotPositiveDefinite``)."""


class ConvergenceError(np.linalg.LinAlgError):
    """An iteration that did not converge (Go: ``ErrNoConvergence``)."""


class AxisError(np.exceptions.AxisError):
    """An axis out of bounds for the array it names (Go: ``ErrInvalid``).

    twinmath's invalid input, as every ``ValueError`` it raises, and numpy's
    own ``AxisError`` (a ``ValueError`` and an ``IndexError``), so code
    written for numpy, ``except np.exceptions.AxisError``, catches it. Its
    text reads ``"op: invalid input: axis k is out of bounds for x of n
    dimensions"``, as Go's ``ErrInvalid`` text for the same axis.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)  # numpy's form for a ready message: no ndim
        self.args = (message,)

    def __reduce__(self) -> tuple[type[AxisError], tuple[str]]:
        return (type(self), (str(self),))


_E = TypeVar("_E", bound=Exception)

# The sentinel texts, as in go/errors.go.
SHAPE = "shape mismatch"
SINGULAR = "singular matrix"
NOT_POSITIVE_DEFINITE = "not positive definite"
NO_CONVERGENCE = "no convergence"
INVALID = "invalid input"


def _text(op: str, kind: str, detail: str) -> str:
    return f"{op}: {kind}: {detail}" if detail else f"{op}: {kind}"


def shape_error(op: str, detail: str) -> ShapeError:
    """Return the ShapeError ``"op: shape mismatch: detail"``."""
    return ShapeError(_text(op, SHAPE, detail))


def invalid(op: str, detail: str) -> ValueError:
    """Return the ValueError ``"op: invalid input: detail"``."""
    return ValueError(_text(op, INVALID, detail))


def axis_error(op: str, detail: str) -> AxisError:
    """Return the AxisError ``"op: invalid input: detail"``."""
    return AxisError(_text(op, INVALID, detail))


def singular(op: str) -> SingularMatrixError:
    """Return the SingularMatrixError ``"op: singular matrix"``."""
    return SingularMatrixError(_text(op, SINGULAR, ""))


def not_positive_definite(op: str, detail: str = "") -> NotPositiveDefiniteError:
    """Return the NotPositiveDefiniteError ``"op: not positive definite[: detail]"``."""
    return NotPositiveDefiniteError(_text(op, NOT_POSITIVE_DEFINITE, detail))


def no_convergence(op: str, detail: str = "") -> ConvergenceError:
    """Return the ConvergenceError ``"op: no convergence[: detail]"``."""
    return ConvergenceError(_text(op, NO_CONVERGENCE, detail))


def in_stack(e: _E, index: int, lead: tuple[int, ...]) -> _E:
    """Return ``e`` naming the matrix ``index`` of a stack, as the Go package does.

    The text gains ``" (matrix i of the stack)"``, ``i`` the matrix's index in
    the flattened (broadcast) stack, in index order; a single matrix
    (``lead == ()``) is named by no index, and ``e`` is returned unchanged.
    """
    if not lead:
        return e
    return type(e)(f"{e} (matrix {index} of the stack)")


def lengths_differ(op: str, n: int, m: int) -> ShapeError:
    """Return the ShapeError for two vectors of different lengths."""
    return shape_error(op, f"lengths {n} and {m} differ")


def not_square(op: str, name: str, shape: tuple[int, ...]) -> ShapeError:
    """Return the ShapeError for a matrix that should be square."""
    return shape_error(op, f"{name} must be square, got {shape[0]}x{shape[1]}")
