"""Parity of the neural-network functions."""

from __future__ import annotations

import math

import numpy as np
from helpers import assert_parity
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import special, wide
from twinmath import tolerances as tol


@given(
    x=hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=6),
        elements=st.one_of(wide, special),
    )
)
def test_sigmoid_within_ulps(ref, go, x):
    assert_parity(ref, go, "sigmoid", x=x)
    assert go.sigmoid(x).shape == x.shape if x.ndim else isinstance(go.sigmoid(x), float)


def test_sigmoid_scalars_and_special_values(ref, go):
    for tm in (ref, go):
        assert tm.sigmoid(0) == 0.5
        assert tm.sigmoid(math.inf) == 1.0
        assert tm.sigmoid(-math.inf) == tm.sigmoid(-500.0) > 0  # the clip keeps e^500 finite
        assert math.isnan(tm.sigmoid(math.nan))
    assert (
        tol.ratio(ref.sigmoid([0.0, 2.0]), go.sigmoid([0.0, 2.0]), tol.ulps(ref.sigmoid([0.0, 2.0]), 4)) <= 1
    )
