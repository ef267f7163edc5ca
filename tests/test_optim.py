"""Parity of the optimisers: trajectories bit for bit, the same errors, Go-side
state behind handles, and the XOR network trained by both backends."""

from __future__ import annotations

import gc
import json
import math
import threading

import numpy as np
import pytest
import twinmath
from gen_trajectories import DIR, optimizer_documents, xor_document
from helpers import rss_growth_kib
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from twinmath import tolerances as tol
from twinmath.go import _native
from twinmath.parity import optim as po

OPTIMIZERS = ["SGD", "Momentum", "Adam"]


def same_bits(a, b) -> bool:
    return all(tol.alike(x, y) for x, y in zip(a, b, strict=True))


@st.composite
def setups(draw, optimizer=None):
    """An optimiser with random options, and random parameter arrays."""
    name = optimizer or draw(st.sampled_from(OPTIMIZERS))
    rate = st.floats(0, 10, allow_subnormal=False)
    decay = st.floats(0, 1, exclude_max=True)
    options = {"learning_rate": draw(rate)}
    if name == "Momentum":
        options["momentum"] = draw(decay)
    if name == "Adam":
        options |= {"beta1": draw(decay), "beta2": draw(decay), "epsilon": draw(st.floats(1e-12, 1.0))}
    shapes = draw(st.lists(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4), max_size=3))
    params = [draw(hnp.arrays(np.float64, s, elements=st.floats(-1e3, 1e3))) for s in shapes]
    return name, options, params


def gradients(rng: np.random.Generator, params, special: bool):
    """One step's gradients: magnitudes from 1e-300 to 1e300, some NaN and inf if ``special``."""
    grads = []
    for p in params:
        g = np.array(rng.standard_normal(p.shape) * 10.0 ** rng.uniform(-300, 300, p.shape))
        if special:
            g[rng.random(p.shape) < 0.01] = np.nan
            g[rng.random(p.shape) < 0.01] = np.inf
        grads.append(g)
    return grads


def run_both(ref, go, setup, seed, special, steps):
    name, options, params = setup
    rng = np.random.default_rng(seed)
    pr, pg = [p.copy() for p in params], [p.copy() for p in params]
    opt_r, opt_g = getattr(ref, name)(**options), getattr(go, name)(**options)
    with opt_g:
        for step in range(steps):
            grads = gradients(rng, params, special)
            assert opt_r.step(pr, grads) is pr
            assert opt_g.step(pg, grads) is pg
            assert same_bits(pr, pg), f"{name}({options}) differs at step {step}"


@given(setup=setups(), seed=st.integers(0, 2**32 - 1), special=st.booleans())
def test_trajectories_agree_bit_for_bit(ref, go, setup, seed, special):
    run_both(ref, go, setup, seed, special, 30)


# Each example is 2000 optimiser steps: fewer examples than the default.
@settings(max_examples=20)
@given(setup=setups(), seed=st.integers(0, 2**32 - 1), special=st.booleans())
def test_trajectories_agree_bit_for_bit_for_1000_steps(ref, go, setup, seed, special):
    run_both(ref, go, setup, seed, special, 1000)


def plain_adam(p, g, steps, lr, b1=0.9, b2=0.999, eps=1e-8):
    """Adam on Python floats, one scalar at a time, in the order the docs give."""
    m = v = 0.0
    b1t = b2t = 1.0
    for t in range(steps):
        b1t *= b1
        b2t *= b2
        m = b1 * m + (1 - b1) * g[t]
        v = b2 * v + (1 - b2) * (g[t] * g[t])
        p -= lr * (m / (1 - b1t)) / (math.sqrt(v / (1 - b2t)) + eps)
    return p


def plain_momentum(p, g, steps, lr, beta=0.9):
    v = 0.0
    for t in range(steps):
        v = beta * v + lr * g[t]
        p -= v
    return p


@given(
    p0=st.floats(-1e3, 1e3),
    g=st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=30),
    lr=st.floats(0, 1),
    beta=st.floats(0, 1, exclude_max=True),
)
def test_against_the_formulas_on_python_floats(ref, go, p0, g, lr, beta):
    # Python floats are IEEE doubles too: the same operations in the same
    # order give the same bits, an oracle that shares no code with either side.
    for tm in (ref, go):
        for name, plain, options in (
            ("Adam", plain_adam, {"learning_rate": lr, "beta1": beta}),
            ("Momentum", plain_momentum, {"learning_rate": lr, "momentum": beta}),
        ):
            w = np.array([p0])
            with getattr(tm, name)(**options) as opt:
                for x in g:
                    opt.step([w], [[x]])
            want = plain(p0, g, len(g), lr, beta)
            assert tol.alike(w[0], want), (tm.__name__, name)
        w = np.array([p0])
        for x in g:
            tm.SGD(lr).step([w], [[x]])
        want = p0
        for x in g:
            want -= lr * x
        assert tol.alike(w[0], want)


def test_momentum_zero_is_sgd(ref, go):
    rng = np.random.default_rng(3)
    for tm in (ref, go):
        a, b = rng.standard_normal((3, 4)), None
        b = a.copy()
        sgd, mom = tm.SGD(0.3), tm.Momentum(0.3, momentum=0.0)
        for _ in range(20):
            g = rng.standard_normal((3, 4))
            sgd.step([a], [g])
            mom.step([b], [g])
        # β = 0: v = 0·v + α·g = α·g (0·v is +0 or -0 and x + ±0 = x), θ − v as SGD.
        assert tol.alike(a, b)


def test_adam_first_step_is_about_the_learning_rate(ref, go):
    # After one step m̂ = g and v̂ = g² exactly (the bias corrections divide by
    # 1 − β): every parameter moves by α·g/(|g| + ε), within α·ε/|g| of α·sign(g).
    g = np.array([0.5, -3.0, 1e-3, -1e5])
    for tm in (ref, go):
        w = np.zeros(4)
        tm.Adam(0.1).step([w], [g])
        assert np.all(np.abs(w + 0.1 * np.sign(g)) <= 0.1 * 1e-8 / np.abs(g) + 1e-16)


def test_steps_return_and_update_the_callers_arrays(ref, go):
    for tm in (ref, go):
        for name in OPTIMIZERS:
            w, b = np.ones((2, 2)), np.ones(2)
            params = [w, b]
            with getattr(tm, name)(0.1) as opt:
                out = opt.step(params, [np.ones((2, 2)), [1.0, 1.0]])
            assert out is params and out[0] is w and out[1] is b
            assert np.all(w < 1) and np.all(b < 1)
            t = (np.ones(3),)
            assert getattr(tm, name)(0.1).step(t, [np.ones(3)]) is t


def test_zero_dimensional_and_empty_parameters(ref, go):
    for name in OPTIMIZERS:
        pr = [np.array(1.5), np.zeros((0, 3)), np.zeros(0)]
        pg = [np.array(1.5), np.zeros((0, 3)), np.zeros(0)]
        grads = [np.array(2.0), np.zeros((0, 3)), []]
        getattr(ref, name)(0.1).step(pr, grads)
        getattr(go, name)(0.1).step(pg, grads)
        assert same_bits(pr, pg) and pr[0] < 1.5


def test_gradients_that_share_memory_with_parameters(ref, go):
    # grads[1] is params[0] itself: both backends read it as it was when the
    # step began, although params[0] is updated first.
    for name in OPTIMIZERS:
        results = []
        for tm in (ref, go):
            a, b = np.array([1.0, 2.0]), np.array([3.0, 4.0])
            getattr(tm, name)(0.5).step([a, b], [a, a])
            results.append((a, b))
        assert same_bits(results[0], results[1])
        a, b = np.array([1.0, 2.0]), np.array([3.0, 4.0])
        ref.SGD(0.5).step([a, b], [a, a])
        assert list(b) == [2.5, 3.0]  # 3 − 0.5·1, 4 − 0.5·2: the old values of a


# ---- errors ---------------------------------------------------------------------


def same_error(ref, go, make):
    """Run make(backend) on both; assert they raise the same class and message."""
    errors = []
    for tm in (ref, go):
        with pytest.raises(Exception) as info:
            make(tm)
        errors.append(info.value)
    r, g = errors
    assert type(r) is type(g) and str(r) == str(g), (r, g)
    return r


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("SGD", {"learning_rate": -0.1}, "learning_rate must be finite and >= 0, got -0.1"),
        ("SGD", {"learning_rate": math.inf}, "learning_rate must be finite and >= 0, got inf"),
        ("Momentum", {"learning_rate": math.nan}, "learning_rate must be finite and >= 0, got nan"),
        ("Momentum", {"learning_rate": 0.1, "momentum": 1.0}, "momentum must be in [0, 1), got 1.0"),
        ("Momentum", {"learning_rate": 0.1, "momentum": -1e-300}, "momentum must be in [0, 1), got -1e-300"),
        ("Adam", {"learning_rate": 0.1, "beta1": 1}, "beta1 must be in [0, 1), got 1.0"),
        ("Adam", {"learning_rate": 0.1, "beta2": math.nan}, "beta2 must be in [0, 1), got nan"),
        ("Adam", {"learning_rate": 0.1, "epsilon": 0}, "epsilon must be finite and > 0, got 0.0"),
        ("Adam", {"learning_rate": 0.1, "epsilon": -1e-8}, "epsilon must be finite and > 0, got -1e-08"),
    ],
)
def test_bad_options(ref, go, name, options, message):
    err = same_error(ref, go, lambda tm: getattr(tm, name)(**options))
    assert type(err) is ValueError and str(err) == f"{name}: invalid input: {message}"


def test_options_of_the_wrong_type(ref, go):
    err = same_error(ref, go, lambda tm: tm.Adam(0.1, beta1="0.9"))
    assert type(err) is TypeError and str(err) == "Adam: beta1 must be a real number, got str"
    # All options are converted before any is checked, on both sides.
    err = same_error(ref, go, lambda tm: tm.Momentum(-1, momentum=1j))
    assert type(err) is TypeError


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_step_errors(ref, go, name):
    op = f"{name}.step"
    ro = np.zeros(3)
    ro.flags.writeable = False
    cases = [
        (
            lambda: ([np.zeros(3)], [np.zeros((3, 1))]),
            ValueError,
            f"{op}: shape mismatch: params[0] has shape (3,), grads[0] has shape (3, 1)",
        ),
        (
            lambda: ([np.zeros(3), np.zeros(2)], [np.zeros(3)]),
            ValueError,
            f"{op}: shape mismatch: 2 params but 1 grads",
        ),
        (
            lambda: ([[0.0, 0.0]], [[1.0, 1.0]]),
            TypeError,
            f"{op}: params[0] must be a float64 ndarray to be updated in place, got list",
        ),
        (
            lambda: ([np.zeros(2, dtype=np.float32)], [[1.0, 1.0]]),
            TypeError,
            f"{op}: params[0] must be a float64 ndarray to be updated in place, got dtype float32",
        ),
        (
            lambda: ([np.zeros(2, dtype=np.int64)], [[1, 1]]),
            TypeError,
            f"{op}: params[0] must be a float64 ndarray to be updated in place, got dtype int64",
        ),
        (
            lambda: ([np.zeros(2, dtype=">f8")], [[1.0, 1.0]]),
            TypeError,
            f"{op}: params[0] must be a float64 ndarray to be updated in place, got dtype >f8",
        ),
        (lambda: ([ro], [np.zeros(3)]), ValueError, f"{op}: invalid input: params[0] is read-only"),
        (
            lambda: ([np.zeros(6)[::2]], [np.zeros(3)]),
            ValueError,
            f"{op}: invalid input: params[0] is not C-contiguous",
        ),
        (
            lambda: ([np.zeros((2, 2)).T], [np.zeros((2, 2))]),
            ValueError,
            f"{op}: invalid input: params[0] is not C-contiguous",
        ),
        (
            lambda: (np.zeros(3), [np.zeros(3)]),
            TypeError,
            f"{op}: params must be a list of arrays, got ndarray",
        ),
        (lambda: ([np.zeros(1)], 1.0), TypeError, f"{op}: grads must be a list of arrays, got float"),
        (
            lambda: ([np.zeros(1)], [[1j]]),
            TypeError,
            f"{op}: grads[0] must hold real numbers, got dtype complex128",
        ),
    ]
    for args, cls, message in cases:
        err = same_error(ref, go, lambda tm, args=args: getattr(tm, name)(0.1).step(*args()))
        assert isinstance(err, cls) and str(err) == message
        if message.startswith(f"{op}: shape"):
            assert isinstance(err, twinmath.ShapeError)


@pytest.mark.parametrize("name", ["Momentum", "Adam"])
def test_the_first_step_fixes_the_arrays(ref, go, name):
    op = f"{name}.step"
    results = []
    for tm in (ref, go):
        opt = getattr(tm, name)(0.1)
        w, b = np.ones((2, 3)), np.ones(3)
        opt.step([w, b], [np.ones((2, 3)), np.ones(3)])
        for params, grads, message in (
            (
                [w.reshape(3, 2), b],
                [np.ones((3, 2)), np.ones(3)],
                f"{op}: shape mismatch: params[0] has shape (3, 2), the first step had (2, 3)",
            ),
            ([w], [np.ones((2, 3))], f"{op}: shape mismatch: 1 params, the first step had 2"),
            ([w, b, b], [w, b, b], f"{op}: shape mismatch: 3 params, the first step had 2"),
        ):
            with pytest.raises(twinmath.ShapeError) as info:
                opt.step(params, grads)
            assert str(info.value) == message
        # The failed steps changed nothing: one more good step continues the run.
        opt.step([w, b], [np.ones((2, 3)), np.ones(3)])
        results.append((w, b))
    assert same_bits(results[0], results[1])
    fresh = [np.ones((2, 3)), np.ones(3)]
    twice = getattr(ref, name)(0.1)
    for _ in range(2):
        twice.step(fresh, [np.ones((2, 3)), np.ones(3)])
    assert same_bits(fresh, results[0])


def test_sgd_takes_any_arrays_at_any_step(ref, go):
    for tm in (ref, go):
        opt = tm.SGD(1.0)
        opt.step([np.zeros(2)], [[1.0, 1.0]])
        opt.step([np.zeros((3, 3)), np.zeros(1)], [np.ones((3, 3)), [2.0]])


def test_a_closed_optimiser(ref, go):
    for name in OPTIMIZERS:
        for tm in (ref, go):
            opt = getattr(tm, name)(0.1)
            opt.close()
            opt.close()  # idempotent
        err = same_error(ref, go, lambda tm, name=name: closed(tm, name).step([np.zeros(1)], [[1.0]]))
        assert type(err) is ValueError and str(err) == f"this {name} is closed"
        with getattr(go, name)(0.1) as opt:
            pass
        with pytest.raises(ValueError, match="is closed"):
            opt.step([np.zeros(1)], [[1.0]])


def closed(tm, name):
    opt = getattr(tm, name)(0.1)
    with opt:
        opt.step([np.zeros(1)], [[1.0]])
    return opt


# ---- Go-side state ----------------------------------------------------------------


def test_handles_are_freed():
    _native.load()
    gc.collect()  # the optimisers of earlier tests
    live = _native.lib.tm_live_handles()
    opts = [twinmath.go.Adam(0.1) for _ in range(10)]
    assert _native.lib.tm_live_handles() == live + 10
    opts[0].close()
    with twinmath.go.SGD(0.1) as sgd:
        assert _native.lib.tm_live_handles() == live + 10
    del sgd
    del opts
    gc.collect()
    assert _native.lib.tm_live_handles() == live
    with pytest.raises(ValueError):  # a constructor that fails keeps no handle
        twinmath.go.Adam(-1)
    gc.collect()
    assert _native.lib.tm_live_handles() == live


def test_the_go_object_is_updated_in_place_without_copies(go):
    # The parameter array's own buffer is handed to Go: a view of a bigger
    # array is updated where it lies.
    big = np.zeros(10)
    view = big[2:5]
    go.SGD(1.0).step([view], [[1.0, 2.0, 3.0]])
    assert list(big) == [0, 0, -1, -2, -3, 0, 0, 0, 0, 0]


def test_threads_on_separate_optimisers(go):
    rng = np.random.default_rng(7)
    grads = [[rng.standard_normal(50)] for _ in range(200)]

    def run():
        w = [np.ones(50)]
        with go.Adam(0.01) as opt:
            for g in grads:
                opt.step(w, g)
        return w[0]

    expected = run()
    results = [None] * 8

    def worker(i):
        results[i] = run()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(tol.alike(r, expected) for r in results)


def test_threads_on_one_optimiser_take_turns(go):
    # Steps of 1·1 from 0: every step subtracts exactly 1, so any lost update
    # (two threads updating the same state at once) would show in the sum.
    w = [np.zeros(1000)]
    opt = go.SGD(1.0)
    g = [np.ones(1000)]

    def worker():
        for _ in range(500):
            opt.step(w, g)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert np.all(w[0] == -4000.0)


def test_memory_stays_flat_over_many_steps():
    grown = rss_growth_kib(
        "w, g, bad = [np.ones(100), np.ones(3)], [np.ones(100), np.ones(3)], [np.ones(100), np.ones(4)]",
        """
        with go.Adam(0.01) as opt:
            opt.step(w, g)
            try:
                opt.step(w, bad)
            except ValueError:
                pass
        go.Momentum(0.1).step(w, g)  # freed when collected
        """,
        warm=2_000,
        runs=10_000,
    )
    # 40k optimiser calls after warm-up, a quarter of them failing, and 20k
    # optimisers made and freed: a leaked handle would keep its state (1.6 KiB
    # for Adam's m and v here), over 20 MiB in all; a leak of 128 bytes per call
    # would show as 5 MiB.
    assert grown < 4096


def test_the_api_of_the_twins(ref, go):
    for name in OPTIMIZERS:
        r, g = getattr(ref, name)(0.1), getattr(go, name)(0.1)
        assert repr(r) == repr(g)
        assert isinstance(g, _native.NativeObject)


# ---- vectors --------------------------------------------------------------------------


def load(name: str) -> dict:
    return json.loads((DIR / f"{name}.json").read_text(encoding="utf-8"))


def test_trajectory_vectors_are_fresh():
    stale = "go/testdata/vectors/trajectories is stale: regenerate with `make vectors`"
    docs = optimizer_documents()
    assert sorted(p.stem for p in DIR.glob("*.json")) == sorted([*docs, "xor"]), stale
    for name, doc in docs.items():
        # Bit for bit: the reference's own results, rounded alike everywhere.
        assert json.loads(json.dumps(doc)) == load(name), stale


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_go_backend_matches_trajectory_vectors(go, name):
    def arrays(flat, shapes):
        return [np.array(decode(v), dtype=np.float64).reshape(s) for v, s in zip(flat, shapes, strict=True)]

    for case in load(name)["cases"]:
        options = {k: decode(v) for k, v in case["options"].items()}
        try:
            opt = getattr(go, name)(**options)
        except ValueError as e:
            assert case["error"]["step"] == -1 and str(e) == case["error"]["message"]
            continue
        params = arrays(case["params"], case["shapes"])
        for t, grads in enumerate(case["grads"]):
            g = arrays(grads, case["grad_shapes"][t])
            if case.get("error", {}).get("step") == t:
                with pytest.raises(ValueError) as info:
                    opt.step(params, g)
                assert type(info.value).__name__ == case["error"]["type"]
                assert str(info.value) == case["error"]["message"]
                break
            opt.step(params, g)
            assert same_bits(params, arrays(case["expected"][t], case["shapes"])), case["comment"]


def decode(x):
    if isinstance(x, list):
        return [decode(v) for v in x]
    return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}.get(x, x) if isinstance(x, str) else x


# ---- XOR -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def xor_doc() -> dict:
    """The reference's XOR runs and the bounds of their loss curves (a few seconds)."""
    return json.loads(json.dumps(xor_document()))


def test_xor_vectors_are_fresh(xor_doc):
    stale = "go/testdata/vectors/trajectories/xor.json is stale: regenerate with `make vectors`"
    committed = load("xor")
    assert {k: v for k, v in xor_doc.items() if k != "runs"} == {
        k: v for k, v in committed.items() if k != "runs"
    }, stale
    for new, old in zip(xor_doc["runs"], committed["runs"], strict=True):
        assert new["optimizer"] == old["optimizer"] and new["checkpoints"] == old["checkpoints"], stale
        assert tol.ratio(old["losses"], new["losses"], old["bounds"]) <= 1, stale
        assert np.allclose(new["bounds"], old["bounds"], rtol=1e-6, atol=0), stale


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_xor_loss_curves_agree_within_bound(ref, go, xor_doc, name):
    run = next(r for r in xor_doc["runs"] if r["optimizer"] == name)
    steps = np.array(run["checkpoints"])
    r, g = po.train_xor(ref, name), po.train_xor(go, name)
    assert tol.ratio(r.losses[steps], g.losses[steps], run["bounds"]) <= 1
    # Both separate the four points, and the loss fell from about log 2.
    for result in (r, g):
        assert np.array_equal(result.predictions > 0.5, po.XOR_Y.ravel() > 0.5)
        assert result.losses[-1] < 0.01 < 0.6 < result.losses[0]


# ---- the C functions ----------------------------------------------------------------


def test_raw_c_abi_of_the_optimisers():
    _native.load()
    lib, ffi = _native.lib, _native.ffi
    err = ffi.new("char[]", 256)
    h = ffi.new("int64_t *")
    assert lib.tm_adam_new(0.1, 0.9, 0.999, 1e-8, h, err, 256) == lib.TM_OK
    w = np.ones(2)
    params = ffi.new("double *[]", [_native.ptr(w)])
    grads = ffi.new("double *[]", [_native.ptr(np.ones(2))])

    def step(handle, pshape, gshape, n=1):
        ps, gs = ffi.new("int64_t[]", pshape), ffi.new("int64_t[]", gshape)
        st = lib.tm_adam_step(handle, n, params, ps, len(pshape), n, grads, gs, len(gshape), err, 256)
        return st, ffi.string(err).decode()

    assert step(h[0], [1, 2], [1, 2])[0] == lib.TM_OK
    # Shapes that break the header's encoding are refused, not read past.
    assert step(h[0], [1], [1, 2]) == (
        lib.TM_ERR_INVALID,
        "invalid input: shape of array 0 runs past the 1 shape values",
    )
    assert step(h[0], [1, 2, 7], [1, 2]) == (
        lib.TM_ERR_INVALID,
        "invalid input: 3 shape values, the shapes use 2",
    )
    assert step(h[0], [1, -2], [1, 2])[0] == lib.TM_ERR_INVALID
    assert step(h[0], [1, 2], [1, 2], n=-1) == (lib.TM_ERR_INVALID, "invalid input: negative count -1")
    # A handle of another kind, or a freed one.
    s = ffi.new("int64_t *")
    assert lib.tm_sgd_new(0.1, s, err, 256) == lib.TM_OK
    st, msg = step(s[0], [1, 2], [1, 2])
    assert st == lib.TM_ERR_INVALID and "holds a *twinmath.SGD, not a *twinmath.Adam" in msg
    assert lib.tm_sgd_new(0.1, ffi.NULL, err, 256) == lib.TM_ERR_INVALID
    for handle in (h[0], s[0]):
        assert lib.tm_free(handle) == lib.TM_OK
    assert step(h[0], [1, 2], [1, 2]) == (lib.TM_ERR_INVALID, f"invalid input: unknown handle {h[0]}")
    assert list(w) != [1.0, 1.0]  # the one good step moved w
