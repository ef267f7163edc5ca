"""Hypothesis strategies for the parity suite: inputs nobody picked by hand."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

F64 = np.float64

# Every finite float with magnitude up to 1e300, subnormals and ±0 included.
wide = st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, allow_infinity=False)
# Magnitudes where no product or sum of a few hundred terms can overflow.
moderate = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
# Magnitudes from 1e-6 to 1e6, or 0: where numpy's own formulas neither
# overflow nor underflow, so numpy can serve as an independent oracle
# (np.linalg.norm([3e-285]) underflows to 0, for one).
tame = st.one_of(
    st.just(0.0),
    st.floats(min_value=1e-6, max_value=1e6),
    st.floats(min_value=-1e6, max_value=-1e-6),
)
# Moderate values with NaN and ±inf among them, to check propagation.
special = st.one_of(moderate, st.sampled_from([np.nan, np.inf, -np.inf]))


def vectors(n: int, elements: st.SearchStrategy[float] = wide) -> st.SearchStrategy[np.ndarray]:
    return hnp.arrays(F64, n, elements=elements)


def vector_pairs(elements: st.SearchStrategy[float] = wide, max_n: int = 40) -> st.SearchStrategy:
    """Two vectors of one random length (0 included)."""
    return st.integers(0, max_n).flatmap(lambda n: st.tuples(vectors(n, elements), vectors(n, elements)))


def matrices(
    rows: st.SearchStrategy[int], cols: st.SearchStrategy[int], elements: st.SearchStrategy[float] = wide
) -> st.SearchStrategy[np.ndarray]:
    return st.tuples(rows, cols).flatmap(lambda s: hnp.arrays(F64, s, elements=elements))


def square(max_n: int = 12, elements: st.SearchStrategy[float] = moderate) -> st.SearchStrategy[np.ndarray]:
    """Square matrices from 1×1 to max_n×max_n."""
    return st.integers(1, max_n).flatmap(lambda n: hnp.arrays(F64, (n, n), elements=elements))


@st.composite
def well_conditioned(draw: st.DrawFn, max_n: int = 12) -> np.ndarray:
    """A random matrix made diagonally dominant, so that it is invertible."""
    a = draw(square(max_n, st.floats(-1, 1)))
    n = a.shape[0]
    scale = draw(st.sampled_from([1e-150, 1e-10, 1.0, 1e10, 1e150]))
    return (a + np.diag(np.sign(np.diag(a)) + (np.diag(a) == 0)) * n) * scale


@st.composite
def layouts(draw: st.DrawFn, x: np.ndarray) -> object:
    """``x`` in another layout with the same values: a list, Fortran order, a
    strided view, reversed strides, read-only, big-endian, or float32/int
    when the values survive the conversion."""
    kinds = ["list", "fortran", "strided", "readonly", "bigendian"]
    if x.ndim == 1:
        kinds.append("reversed")
    if np.all(np.isfinite(x)) and np.array_equal(x.astype(np.float32).astype(F64), x):
        kinds.append("float32")
    if np.all(np.isfinite(x)) and np.all(np.abs(x) < 2**53) and np.array_equal(np.round(x), x):
        kinds.append("int64")
    kind = draw(st.sampled_from(kinds))
    if kind == "list":
        return x.tolist()
    if kind == "fortran":
        return np.asfortranarray(x)
    if kind == "strided":
        big = np.zeros((2 * x.shape[0], *x.shape[1:]))
        big[::2] = x
        return big[::2]
    if kind == "reversed":
        return x[::-1].copy()[::-1]
    if kind == "readonly":
        y = x.copy()
        y.flags.writeable = False
        return y
    if kind == "bigendian":
        return x.astype(">f8")
    if kind == "float32":
        return x.astype(np.float32)
    return x.astype(np.int64)
