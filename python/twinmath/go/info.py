"""Information theory, computed by the Go library (see twinmath.ref.info)."""

from __future__ import annotations

from numpy.typing import ArrayLike

from .._convert import matrix, real, vector
from ..ref import info as ref
from . import _native as n
from ._native import error, ptr, scratch, twin

__all__ = ref.__all__


@twin(ref.entropy)
def entropy(p: ArrayLike, base: float = 2) -> float:
    x, b = vector(p, "entropy", "p"), real(base, "entropy", "base")
    s = scratch()
    st = n.lib.tm_entropy(ptr(x), x.size, b, s.out, s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return s.out[0]  # type: ignore[no-any-return]


def _pair(op: str, p: ArrayLike, q: ArrayLike, base: float) -> float:
    x, y, b = vector(p, op, "p"), vector(q, op, "q"), real(base, op, "base")
    s = scratch()
    st = getattr(n.lib, f"tm_{op}")(ptr(x), x.size, ptr(y), y.size, b, s.out, s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return s.out[0]  # type: ignore[no-any-return]


@twin(ref.cross_entropy)
def cross_entropy(p: ArrayLike, q: ArrayLike, base: float = 2) -> float:
    return _pair("cross_entropy", p, q, base)


@twin(ref.kl_divergence)
def kl_divergence(p: ArrayLike, q: ArrayLike, base: float = 2) -> float:
    return _pair("kl_divergence", p, q, base)


@twin(ref.mutual_information)
def mutual_information(joint: ArrayLike, base: float = 2) -> float:
    a, b = matrix(joint, "mutual_information", "joint"), real(base, "mutual_information", "base")
    s = scratch()
    st = n.lib.tm_mutual_information(ptr(a), *a.shape, b, s.out, s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return s.out[0]  # type: ignore[no-any-return]
