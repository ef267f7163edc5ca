"""Parity of the random streams: Rng(seed) in twinmath.ref and twinmath.go.

Uniforms, integers and permutations agree bit for bit for every seed;
normals within ``tolerances.random.normal_bound``. The generator itself is checked
against the published outputs of SplitMix64 and xoshiro256**, and its
output against the distributions it should follow.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import twinmath
from helpers import assert_parity, assert_same_error
from hypothesis import given
from hypothesis import strategies as st
from twinmath import tolerances as tol
from twinmath.go import _native
from twinmath.parity.random import run_script
from twinmath.ref.random import MASK, splitmix64

# Every seed, with the edges of the range drawn often.
seeds = st.one_of(st.sampled_from([0, 1, 2**32, 2**63 - 1, 2**63, 2**64 - 1]), st.integers(0, 2**64 - 1))
sizes = st.one_of(
    st.none(),
    st.integers(0, 40),
    st.lists(st.integers(0, 6), min_size=0, max_size=3).map(tuple),
)


def rotl(x: int, k: int) -> int:
    return ((x << k) | (x >> (64 - k))) & MASK


# ---- known answers ---------------------------------------------------------------------


def test_splitmix64_known_answers():
    # The first outputs of SplitMix64 for seeds 0 and 1234567, as published
    # with the reference code (Vigna's splitmix64.c) and on Rosetta Code
    # ("Pseudo-random numbers/Splitmix64").
    published = {
        0: [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F, 0xF88BB8A8724C81EC],
        1234567: [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431],
    }
    for seed, want in published.items():
        x, got = seed, []
        for _ in want:
            x, z = splitmix64(x)
            got.append(z)
        assert got == want
        assert twinmath.ref.Rng(seed)._s == want  # the state is those four outputs


@pytest.mark.parametrize("backend", ["ref", "go"])
@pytest.mark.parametrize("seed", [2**64 - 1, 2**63, 2**64 - 1 - 0x9E3779B97F4A7C15])
def test_seeds_at_the_edges_by_hand(backend, seed):
    # SplitMix64 written out again from its published description (the state
    # x wraps around 2⁶⁴ for these seeds), then the first xoshiro256**
    # output rotl(s[1]·5, 7)·9: the first uniform of Rng(seed).
    x, s = seed, []
    for _ in range(4):
        x = (x + 0x9E3779B97F4A7C15) & MASK
        z = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        s.append(z ^ (z >> 31))
    first = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
    assert twinmath.backend(backend).Rng(seed).random() == (first >> 11) * 2.0**-53


def test_xoshiro_known_answers():
    # The reference xoshiro256** from the state {1, 2, 3, 4}, as published
    # with Rust's rand_xoshiro ("produced with the reference implementation").
    # By hand: rotl(2·5, 7)·9 = 1280·9 = 11520; after one step s[1] = 0.
    rng = twinmath.ref.Rng(0)
    rng._s = [1, 2, 3, 4]
    assert rng._next(10) == [
        11520,
        0,
        1509978240,
        1215971899390074240,
        1216172134540287360,
        607988272756665600,
        16172922978634559625,
        8476171486693032832,
        10595114339597558777,
        2904607092377533576,
    ]


@pytest.mark.parametrize("backend", ["ref", "go"])
def test_first_uniform_of_a_seed_by_hand(backend):
    # Rng(1234567): the state is the first four SplitMix64 outputs above; the
    # first xoshiro256** output is rotl(s[1]·5, 7)·9, and the uniform its top
    # 53 bits times 2⁻⁵³.
    s1 = 3203168211198807973
    first = (rotl((s1 * 5) & MASK, 7) * 9) & MASK
    assert twinmath.backend(backend).Rng(1234567).random() == (first >> 11) * 2.0**-53


@given(seed=seeds)
def test_uniforms_are_multiples_of_2_to_the_minus_53(go, seed):
    u = go.Rng(seed).random(200)
    k = u * 2.0**53
    assert np.all((u >= 0) & (u < 1)) and np.array_equal(k, np.floor(k))


# ---- parity, seed by seed ----------------------------------------------------------------


def size_text(size):
    if size is None:
        return "-"
    if isinstance(size, int):
        return str(size)
    return "x".join(str(k) for k in size)


@given(seed=seeds, size=sizes)
def test_random_bit_for_bit(ref, go, seed, size):
    assert_parity(ref, go, "Rng.random", seed=seed, size=size)


@given(seed=seeds, size=sizes)
def test_normal_within_bound(ref, go, seed, size):
    assert_parity(ref, go, "Rng.normal", seed=seed, size=size)


bounds = st.tuples(st.integers(-(2**63), 2**63 - 1), st.integers(-(2**63), 2**63 - 1)).filter(
    lambda t: t[0] != t[1]
)


@given(seed=seeds, lh=bounds, size=sizes)
def test_integers_bit_for_bit(ref, go, seed, lh, size):
    low, high = sorted(lh)
    assert_parity(ref, go, "Rng.integers", seed=seed, low=low, high=high, size=size)


@given(seed=seeds, high=st.integers(1, 2**63 - 1))
def test_integers_with_one_bound(ref, go, seed, high):
    # integers(n) draws from [0, n), as numpy's.
    r, g = ref.Rng(seed).integers(high, size=5), go.Rng(seed).integers(high, size=5)
    assert np.array_equal(r, g) and np.all((r >= 0) & (r < high))
    assert np.array_equal(r, ref.Rng(seed).integers(0, high, size=5))


@given(seed=seeds, n=st.integers(0, 60))
def test_permutation_bit_for_bit(ref, go, seed, n):
    assert_parity(ref, go, "Rng.permutation", seed=seed, n=n)
    assert sorted(go.Rng(seed).permutation(n).tolist()) == list(range(n))


draws = st.one_of(
    st.tuples(st.just("random"), sizes.map(size_text)).map(" ".join),
    st.tuples(st.just("normal"), sizes.map(size_text)).map(" ".join),
    st.tuples(st.integers(-50, 50), st.integers(1, 100), sizes.map(size_text)).map(
        lambda t: f"integers {t[0]} {t[0] + t[1]} {t[2]}"
    ),
    st.integers(0, 20).map(lambda n: f"permutation {n}"),
)


@given(seed=seeds, script=st.lists(draws, min_size=1, max_size=8).map("; ".join))
def test_interleaved_draws_stay_in_step(ref, go, seed, script):
    # Any sequence of calls on one Rng: uniforms, integers and permutations
    # bit for bit, normals within their bound, at every step.
    assert_parity(ref, go, "Rng", seed=seed, draws=script)


def test_many_seeds_streams(ref, go):
    # 300 seeds (0, 2⁶⁴ − 1 and random ones in between), 50 draws of each kind.
    rng = np.random.default_rng(12)
    for seed in [0, 2**64 - 1, *(int(s) for s in rng.integers(0, 2**64, 298, dtype=np.uint64))]:
        r, g = ref.Rng(seed), go.Rng(seed)
        assert tol.alike(r.random(50), g.random(50)), seed
        assert np.array_equal(r.integers(-(2**40), 2**40, 50), g.integers(-(2**40), 2**40, 50)), seed
        assert np.array_equal(r.permutation(50), g.permutation(50)), seed
        z = r.normal(50)
        assert tol.ratio(z, g.normal(50), tol.random.normal_bound(z)) <= 1, seed


def test_normals_one_by_one_equal_a_block(ref, go):
    # The polar method makes normals in pairs; the second waits for the next
    # normal draw, even across other draws.
    for tm in (ref, go):
        a, b, c = tm.Rng(3), tm.Rng(3), tm.Rng(3)
        block = a.normal(4)
        assert tol.alike(block, [b.normal(), b.normal(), *b.normal(2)])
        first = c.normal()
        c.random(5)
        assert tol.alike(block[:2], [first, c.normal()])


def test_distinct_seeds_give_distinct_streams(go):
    first = {go.Rng(s).random() for s in range(1000)}
    assert len(first) == 1000


# ---- statistics ---------------------------------------------------------------------------

N = 100_000


@pytest.mark.parametrize("backend", ["ref", "go"])
@pytest.mark.parametrize("seed", [0, 2**64 - 1])
def test_moments(backend, seed):
    # 10⁵ draws from a fixed seed. Bounds of four standard errors: for U(0,1)
    # the mean has SE √(1/12/n), the variance SE √((1/80 − 1/144)/n) (fourth
    # central moment 1/80); for N(0,1) the mean SE √(1/n), the variance
    # √(2/n). A correct generator fails one of them with probability < 1e-4.
    rng = twinmath.backend(backend).Rng(seed)
    u = rng.random(N)
    assert abs(u.mean() - 0.5) <= 4 * math.sqrt(1 / 12 / N)
    assert abs(u.var() - 1 / 12) <= 4 * math.sqrt((1 / 80 - 1 / 144) / N)
    z = rng.normal(N)
    assert abs(z.mean()) <= 4 * math.sqrt(1 / N)
    assert abs(z.var() - 1) <= 4 * math.sqrt(2 / N)


def test_normal_tails_and_integer_frequencies(go):
    # P(|Z| > 2) = 2(1 − Φ(2)) = 0.0455003 (from math.erfc); the count over
    # 10⁵ draws is binomial, SE √(n·p(1 − p)). Each of 10 integer values has
    # frequency 1/10, SE √(n·0.1·0.9).
    rng = go.Rng(5)
    p = math.erfc(2 / math.sqrt(2))
    tails = int(np.sum(np.abs(rng.normal(N)) > 2))
    assert abs(tails - N * p) <= 4 * math.sqrt(N * p * (1 - p))
    counts = np.bincount(rng.integers(0, 10, N), minlength=10)
    assert np.all(np.abs(counts - N / 10) <= 4 * math.sqrt(N * 0.1 * 0.9))


def test_permutation_orders_are_uniform(go):
    # All 24 orders of 4 items from 24000 permutations: each about 1000,
    # SE √(24000·(1/24)(23/24)) ≈ 31.
    rng = go.Rng(9)
    counts: dict[tuple[int, ...], int] = {}
    for _ in range(24000):
        key = tuple(rng.permutation(4).tolist())
        counts[key] = counts.get(key, 0) + 1
    assert len(counts) == 24
    assert all(abs(c - 1000) <= 4 * 31 for c in counts.values())


# ---- the object -----------------------------------------------------------------------------


def test_shapes_and_types(ref, go):
    for tm in (ref, go):
        rng = tm.Rng(1)
        assert isinstance(rng.random(), float) and isinstance(rng.normal(), float)
        assert isinstance(rng.integers(5), int)
        assert rng.random((2, 3, 4)).shape == (2, 3, 4) and rng.random(()).shape == ()
        assert rng.normal([2, 0]).shape == (2, 0)
        assert rng.integers(0, 3, (4, 1)).dtype == np.int64
        assert rng.permutation(0).dtype == np.int64 and rng.permutation(0).shape == (0,)


def test_go_state_lives_behind_a_handle(go):
    before = _native.lib.tm_live_handles()
    rng = go.Rng(5)
    assert _native.lib.tm_live_handles() == before + 1
    with rng:
        rng.random(3)
    assert _native.lib.tm_live_handles() == before
    with pytest.raises(ValueError, match="this Rng is closed"):
        rng.random(1)
    rng.close()  # idempotent
    tmp = go.Rng(6)
    del tmp
    assert _native.lib.tm_live_handles() == before


def test_reference_close_is_a_no_op(ref):
    with ref.Rng(5) as rng:
        pass
    assert rng.random(1).shape == (1,)


@pytest.mark.parametrize(
    ("op", "args", "message"),
    [
        ("Rng", {"seed": -1, "draws": "random 1"}, "Rng: invalid input: seed must be in [0, 2**64), got -1"),
        (
            "Rng.random",
            {"seed": 0, "size": (2, -1)},
            "Rng.random: invalid input: negative dimensions are not allowed",
        ),
        (
            "Rng.integers",
            {"seed": 0, "low": 3, "high": 3, "size": None},
            "Rng.integers: invalid input: high must be greater than low, got low=3, high=3",
        ),
        (
            "Rng.integers",
            {"seed": 0, "low": 0, "high": 2**63, "size": 1},
            "Rng.integers: invalid input: low and high must lie in [-2**63, 2**63), "
            "got low=0, high=9223372036854775808",
        ),
        (
            "Rng.permutation",
            {"seed": 0, "n": -2},
            "Rng.permutation: invalid input: n must be non-negative, got -2",
        ),
    ],
)
def test_error_messages(ref, go, op, args, message):
    err = assert_same_error(ref, go, op, args)
    assert type(err) is ValueError and str(err) == message


def test_type_errors(ref, go):
    for args in ({"seed": "1", "draws": "random 1"}, {"seed": True, "draws": "random 1"}):
        err = assert_same_error(ref, go, "Rng", args)
        assert isinstance(err, TypeError)


def test_refused_draw_leaves_the_stream_alone(ref, go):
    for tm in (ref, go):
        a, b = tm.Rng(4), tm.Rng(4)
        with pytest.raises(ValueError):
            a.integers(5, 1, 3)
        assert a.random() == b.random()


def test_script_runner_matches_direct_calls(ref):
    out = run_script(ref, {"seed": 8, "draws": "random 2; permutation 3"})
    rng = ref.Rng(8)
    assert tol.alike(out[0], rng.random(2)) and np.array_equal(out[1], rng.permutation(3))


@pytest.mark.parametrize("backend", ["ref", "go"])
@pytest.mark.parametrize("method", ["random", "normal", "integers", "permutation"])
def test_method_examples(monkeypatch, backend, method):
    # The Examples of the methods' docstrings (test_docs runs the class's).
    import doctest

    monkeypatch.setenv("TWINMATH_BACKEND", backend)
    f = getattr(twinmath.backend(backend).Rng, method)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    tests = doctest.DocTestFinder(recurse=False).find(f, method, globs={})
    assert tests and tests[0].examples
    for t in tests:
        runner.run(t)
    assert runner.failures == 0


def test_threads(go):
    # Separate streams on separate threads give what they give alone; one
    # stream shared by threads hands out each output once (the calls take
    # turns on the Go side).
    from concurrent.futures import ThreadPoolExecutor

    def draw(seed):
        with go.Rng(seed) as rng:
            return rng.random(5000)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(draw, range(8)))
    assert all(tol.alike(r, draw(s)) for s, r in enumerate(results))
    shared = go.Rng(1)
    with ThreadPoolExecutor(4) as pool:
        parts = list(pool.map(lambda _: shared.random(1000), range(8)))
    assert np.array_equal(np.sort(np.concatenate(parts)), np.sort(go.Rng(1).random(8000)))
