# mypy: disable-error-code="empty-body"
"""The front of eigen, which twinmath.ref and twinmath.go share (see ``twinmath._front``).

Eigenvalues and eigenvectors: eigh (symmetric) and eig (general), in canonical form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import matrix, stack
from ..errors import invalid, not_square

__all__ = ["eig", "eigh", "eigvals", "eigvalsh"]


class EighResult(NamedTuple):
    """The result of ``eigh``: eigenvalues ``w`` and eigenvectors ``V`` (columns)."""

    w: NDArray[np.float64]
    V: NDArray[np.float64]


class EigResult(NamedTuple):
    """The result of ``eig``: eigenvalues ``w`` and eigenvectors ``V`` (columns).

    Both are float64 when every eigenvalue is real, complex128 otherwise.
    """

    w: NDArray[Any]
    V: NDArray[Any]


def eigh(A: ArrayLike, UPLO: str = "L") -> EighResult:
    """Return the eigenvalues and eigenvectors of a symmetric matrix.

    ``A @ V = V @ diag(w)`` and ``V.T @ V = I``. Only the lower triangle of
    ``A`` is read (``UPLO='L'``, numpy's default) or its upper one
    (``UPLO='U'``), so ``A`` need not be exactly symmetric. The 0×0 matrix
    gives empty results. The eigenvalues are real and ascending; column
    ``j`` of ``V`` is the unit eigenvector of ``w[j]``, its largest-magnitude
    component positive (the first such component when several agree to a
    relative 2⁻²⁶).

    Parameters
    ----------
    A : array_like, shape (..., n, n)
        Symmetric; the triangle ``UPLO`` does not name is ignored.
    UPLO : {'L', 'U'}, optional

    Returns
    -------
    EighResult
        A named tuple ``(w, V)``: ``w`` ndarray of float64, shape (..., n);
        ``V`` ndarray of float64, shape (..., n, n); a stack gives one per matrix, each as the single call.

    Raises
    ------
    ShapeError
        If ``A`` is not a square matrix.
    ValueError
        If ``UPLO`` is not 'L' or 'U', or ``A`` holds NaN or Inf (anywhere,
        the ignored triangle included).
    ConvergenceError
        If the eigenvalue iteration does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> w, V = tm.eigh([[2, 1], [1, 2]])
    >>> w.round(12)
    array([1., 3.])
    >>> (V * 2**0.5).round(12)
    array([[ 1.,  1.],
           [-1.,  1.]])
    """


def eig(A: ArrayLike) -> EigResult:
    """Return the eigenvalues and right eigenvectors of a square matrix.

    ``A @ V = V @ diag(w)``. The eigenvalues of a real matrix are real or
    come in complex conjugate pairs; they are sorted by real part, then by
    imaginary part (real parts within 2⁻²⁶·max|w| of each other count as
    equal). Column ``j`` of ``V`` is the unit eigenvector of ``w[j]``,
    multiplied by the unit complex number that makes its largest-magnitude
    component (the first within a relative 2⁻²⁶ of the largest) real and
    positive. Both results are float64 when every eigenvalue is real (its
    imaginary part exactly 0), complex128 otherwise, as numpy returns them.
    For a defective matrix the columns of ``V`` are nearly parallel.

    Parameters
    ----------
    A : array_like, shape (n, n)

    Returns
    -------
    EigResult
        A named tuple ``(w, V)``: ``w`` ndarray of float64 or complex128,
        shape (n,); ``V`` ndarray of the same dtype, shape (n, n).

    Raises
    ------
    ShapeError
        If ``A`` is not a square matrix.
    ValueError
        If ``A`` holds NaN or Inf. The 0×0 matrix gives empty float64
        results.
    ConvergenceError
        If the QR iteration does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> w, V = tm.eig([[2, 0], [0, 3]])
    >>> w
    array([2., 3.])
    >>> V
    array([[1., 0.],
           [0., 1.]])
    >>> tm.eig([[0, -1], [1, 0]]).w.round(12)
    array([0.-1.j, 0.+1.j])
    """


def triangle(a: ArrayLike, UPLO: Any, op: str, name: str = "a") -> NDArray[np.float64]:
    """Return the square matrix whose lower triangle is the one ``UPLO`` names ('L' or 'U', any case)."""
    if not isinstance(UPLO, str) or UPLO.upper() not in ("L", "U"):
        raise invalid(op, f"UPLO must be 'L' or 'U', got {UPLO!r}")
    x = matrix(a, op, name)
    if x.shape[0] != x.shape[1]:
        raise not_square(op, name, x.shape)
    return np.ascontiguousarray(x.T) if UPLO.upper() == "U" else x


def eigvals(a: ArrayLike) -> NDArray[Any]:
    """Return the eigenvalues of a square matrix, without its eigenvectors.

    The ``w`` of ``eig``, in its order (by real part, then imaginary part):
    float64 when every eigenvalue is real, complex128 otherwise. The empty
    0×0 matrix has none (an empty float64 array).

    Parameters
    ----------
    a : array_like, shape (n, n)

    Returns
    -------
    ndarray of float64 or complex128, shape (n,)

    Raises
    ------
    ShapeError
        If ``a`` is not a square matrix.
    ValueError
        If ``a`` holds NaN or Inf.
    ConvergenceError
        If the QR iteration does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.eigvals([[2, 0], [0, 3]])
    array([2., 3.])
    >>> tm.eigvals([[0, -1], [1, 0]]).round(12)
    array([0.-1.j, 0.+1.j])
    """


def eigvalsh(a: ArrayLike, UPLO: str = "L") -> NDArray[np.float64]:
    """Return the eigenvalues of a symmetric matrix, ascending, without its eigenvectors.

    The ``w`` of ``eigh``. Only one triangle of ``a`` is read: the lower one
    (``UPLO='L'``, the default) or the upper one (``UPLO='U'``). The empty
    0×0 matrix has none.

    Parameters
    ----------
    a : array_like, shape (..., n, n)
        Symmetric; the other triangle is ignored.
    UPLO : {'L', 'U'}, optional

    Returns
    -------
    ndarray of float64, shape (..., n)

    Raises
    ------
    ShapeError
        If ``a`` is not a square matrix.
    ValueError
        If ``UPLO`` is not 'L' or 'U', or ``a`` holds NaN or Inf (anywhere).
    ConvergenceError
        If the eigenvalue iteration does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.eigvalsh([[2, 1], [1, 2]]).round(12)
    array([1., 3.])
    >>> tm.eigvalsh([[2, 5], [0, 2]], UPLO="U").round(12)
    array([-3.,  7.])
    """


def triangle_stack(
    a: ArrayLike, UPLO: Any, op: str, name: str = "a"
) -> tuple[NDArray[np.float64], tuple[int, ...]]:
    """Return the stack ``(count, n, n)`` whose lower triangles ``UPLO`` names, and its leading shape."""
    if not isinstance(UPLO, str) or UPLO.upper() not in ("L", "U"):
        raise invalid(op, f"UPLO must be 'L' or 'U', got {UPLO!r}")
    x, lead = stack(a, op, name)
    if x.shape[1] != x.shape[2]:
        raise not_square(op, name, x.shape[1:])
    return (np.ascontiguousarray(x.transpose(0, 2, 1)) if UPLO.upper() == "U" else x), lead


F64 = NDArray[np.float64]


R = TypeVar("R", EighResult, EigResult)


def _pairs_with(
    result: type[R],
    core: Callable[[F64], R],
    core_stack: Callable[[F64, tuple[int, ...]], tuple[NDArray[Any], NDArray[Any]]],
    x: F64,
    lead: tuple[int, ...],
) -> R:
    """The eigenpairs of the ``(count, n, n)`` stack ``x`` in numpy's shapes.

    ``core`` solves the one matrix when ``lead`` is empty, ``core_stack`` a stack;
    0×0 matrices and empty stacks give empty float64 results.
    """
    n = x.shape[1]
    if not lead:
        return result(np.zeros(0), np.zeros((0, 0))) if n == 0 else core(x[0])
    if n == 0 or x.shape[0] == 0:
        return result(np.zeros((*lead, n)), np.zeros((*lead, n, n)))
    w, V = core_stack(x, lead)
    return result(w.reshape((*lead, n)), V.reshape((*lead, n, n)))


def eigh_with(
    core: Callable[[F64], EighResult],
    core_stack: Callable[[F64, tuple[int, ...]], tuple[F64, F64]],
    A: ArrayLike,
    UPLO: Any,
) -> EighResult:
    """``eigh`` with numpy's ``UPLO`` and stacks; the 0×0 matrix gives empty results.

    ``core_stack(x, lead)`` solves the ``(count, n, n)`` stack ``x`` (count ≥ 1,
    n ≥ 1), returning ``w (count, n)`` and ``V (count, n, n)``.
    """
    x, lead = triangle_stack(A, UPLO, "eigh", "A")
    return _pairs_with(EighResult, core, core_stack, x, lead)


def eigvalsh_with(
    core: Callable[[F64], F64], core_stack: Callable[[F64, tuple[int, ...]], F64], a: ArrayLike, UPLO: Any
) -> F64:
    """``eigvalsh`` with numpy's ``UPLO`` and stacks; the cores read the lower triangles."""
    x, lead = triangle_stack(a, UPLO, "eigvalsh")
    n = x.shape[1]
    if not lead:
        return core(x[0])
    if n == 0 or x.shape[0] == 0:
        return np.zeros((*lead, n))
    return core_stack(x, lead).reshape((*lead, n))


def eig_with(
    core: Callable[[F64], EigResult],
    core_stack: Callable[[F64, tuple[int, ...]], tuple[NDArray[Any], NDArray[Any]]],
    A: ArrayLike,
) -> EigResult:
    """``eig`` on one matrix or a stack; 0×0 matrices give empty float64 results, as numpy's.

    ``core_stack(x, lead)`` returns ``w (count, n)`` and ``V (count, n, n)``,
    float64 when every eigenvalue of the stack is real, complex128 otherwise.
    """
    x, lead = stack(A, "eig", "A")
    if x.shape[1] != x.shape[2]:
        raise not_square("eig", "A", x.shape[1:])
    return _pairs_with(EigResult, core, core_stack, x, lead)


def eigvals_with(
    core: Callable[[F64], NDArray[Any]],
    core_stack: Callable[[F64, tuple[int, ...]], NDArray[Any]],
    a: ArrayLike,
) -> NDArray[Any]:
    """``eigvals`` on one matrix (``core``, which checks it) or a stack, numpy's shapes."""
    x, lead = stack(a, "eigvals", "a")
    if not lead:
        return core(x[0])
    if x.shape[1] != x.shape[2]:
        raise not_square("eigvals", "a", x.shape[1:])
    n = x.shape[1]
    if n == 0 or x.shape[0] == 0:
        return np.zeros((*lead, n))
    return core_stack(x, lead).reshape((*lead, n))
