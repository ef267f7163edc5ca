"""Information theory, computed by the Go library (documented in twinmath._front.info)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from numpy.typing import ArrayLike

from .. import _front
from .._convert import matrix, real, vector
from .._front import twin
from . import _native as n
from ._native import ptr

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.info.__all__


@twin(_front.info.entropy)
def entropy(p: ArrayLike, base: float = 2) -> float:
    x, b = vector(p, "entropy", "p"), real(base, "entropy", "base")
    return n.scalar(n.lib.tm_entropy, ptr(x), x.size, b)  # type: ignore[no-any-return]


def _pair(op: str, p: ArrayLike, q: ArrayLike, base: float) -> float:
    x, y, b = vector(p, op, "p"), vector(q, op, "q"), real(base, op, "base")
    return n.scalar(getattr(n.lib, f"tm_{op}"), ptr(x), x.size, ptr(y), y.size, b)  # type: ignore[no-any-return]


@twin(_front.info.cross_entropy)
def cross_entropy(p: ArrayLike, q: ArrayLike, base: float = 2) -> float:
    return _pair("cross_entropy", p, q, base)


@twin(_front.info.kl_divergence)
def kl_divergence(p: ArrayLike, q: ArrayLike, base: float = 2) -> float:
    return _pair("kl_divergence", p, q, base)


@twin(_front.info.mutual_information)
def mutual_information(joint: ArrayLike, base: float = 2) -> float:
    a, b = matrix(joint, "mutual_information", "joint"), real(base, "mutual_information", "base")
    return n.scalar(n.lib.tm_mutual_information, ptr(a), *a.shape, b)  # type: ignore[no-any-return]
