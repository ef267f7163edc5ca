"""``python -m twinmath bench``: twinmath.go, twinmath.ref and numpy side by side.

Every row times the same operation on the same inputs three ways — the Go
library through cffi, the Python reference, and the plain numpy call an ML
engineer would write — in one process, and prints the median time per call
of repeated runs, the three contenders' runs taking turns, and the ratio
go/numpy. Absolute times depend on the machine
and its load; the ratios are what to quote.

Every contender may use every core: GOMAXPROCS and OpenBLAS's thread count are
printed, and an environment that pins OpenBLAS to one thread or to an older
core type (OPENBLAS_NUM_THREADS, OPENBLAS_CORETYPE, OMP_NUM_THREADS,
GOMAXPROCS) is dropped by re-running the benchmark without it, and the first
line says what was dropped; ``--keep-env`` keeps the user's settings instead.
"""

from __future__ import annotations

import ctypes
import glob
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

# Variables that would hold one contender back; OpenBLAS reads them at load.
_PINNING = ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "GOMAXPROCS")
# Set in the re-run's environment: what the first process dropped, to print.
_DROPPED = "TWINMATH_BENCH_DROPPED"


@dataclass(frozen=True)
class Row:
    """One benchmark row: a name and a factory of the three callables.

    A row whose callables each do ``per`` units of work (callbacks, say)
    shows the time per unit. A heavy row (seconds per call) is timed over
    three runs instead of seven.
    """

    name: str
    make: Callable[[np.random.Generator], tuple[Callable[[], Any], Callable[[], Any], Callable[[], Any]]]
    per: int = 1
    heavy: bool = False


def _contenders(op: str, numpy_fn: Callable[..., Any], *args: Any) -> tuple[Callable[[], Any], ...]:
    from . import go, ref

    g, r = getattr(go, op), getattr(ref, op)
    return (lambda: g(*args)), (lambda: r(*args)), (lambda: numpy_fn(*args))


def _spd(rng: np.random.Generator, n: int) -> np.ndarray:
    a = rng.standard_normal((n, n))
    return np.asarray(a @ a.T + n * np.eye(n))


def _symmetric(rng: np.random.Generator, n: int) -> np.ndarray:
    a = rng.standard_normal((n, n))
    return np.asarray(a + a.T)


ROWS: list[Row] = []


def row(name: str, per: int = 1, heavy: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated factory as a benchmark row."""

    def add(make: Callable[..., Any]) -> Callable[..., Any]:
        ROWS.append(Row(name, make, per, heavy))
        return make

    return add


for _n in (3, 1_000, 1_000_000):
    row(f"dot n={_n:g}")(lambda rng, n=_n: _contenders("dot", np.dot, rng.random(n), rng.random(n)))
row("add n=1e6")(lambda rng: _contenders("add", np.add, rng.random(10**6), rng.random(10**6)))
for _n in (2, 64, 256, 1024):
    row(f"matmul n={_n}")(
        lambda rng, n=_n: _contenders("matmul", np.matmul, rng.random((n, n)), rng.random((n, n)))
    )
row("det n=300")(lambda rng: _contenders("det", np.linalg.det, rng.random((300, 300))))
row("inv n=300")(lambda rng: _contenders("inv", np.linalg.inv, rng.random((300, 300))))
row("solve n=300")(lambda rng: _contenders("solve", np.linalg.solve, rng.random((300, 300)), rng.random(300)))
# Batched: 10,000 3×3 matrices in one call each side (numpy's gufunc loop, Go's
# stack runner over its threads).
row("det 1e4x3x3")(lambda rng: _contenders("det", np.linalg.det, rng.random((10_000, 3, 3))))
row("inv 1e4x3x3")(lambda rng: _contenders("inv", np.linalg.inv, rng.random((10_000, 3, 3)) + 3 * np.eye(3)))
row("solve 1e4x3x3")(
    lambda rng: _contenders(
        "solve", np.linalg.solve, rng.random((10_000, 3, 3)) + 3 * np.eye(3), rng.random((10_000, 3, 1))
    )
)
row("matmul 1e4x3x3")(
    lambda rng: _contenders("matmul", np.matmul, rng.random((10_000, 3, 3)), rng.random((10_000, 3, 3)))
)
row("eigh 1e4x3x3")(
    lambda rng: (lambda a: _contenders("eigh", np.linalg.eigh, a + np.swapaxes(a, -1, -2)))(
        rng.standard_normal((10_000, 3, 3))
    )
)
row("svd 1e4x3x3")(
    lambda rng: (lambda a: _contenders("svd", lambda x: np.linalg.svd(x, full_matrices=False), a))(
        rng.standard_normal((10_000, 3, 3))
    )
)
row("cond 1e4x3x3")(lambda rng: _contenders("cond", np.linalg.cond, rng.standard_normal((10_000, 3, 3))))
for _n in (100, 300):
    row(f"eigh n={_n}")(lambda rng, n=_n: _contenders("eigh", np.linalg.eigh, _symmetric(rng, n)))
    row(f"eig n={_n}")(lambda rng, n=_n: _contenders("eig", np.linalg.eig, rng.standard_normal((n, n))))
row("mean n=1e6")(lambda rng: _contenders("mean", np.mean, rng.random(10**6)))
row("variance n=1e6")(lambda rng: _contenders("variance", np.var, rng.random(10**6)))
row("covariance 1000x50")(
    lambda rng: (lambda X: _contenders("covariance", lambda a: np.cov(a, rowvar=False), X))(
        rng.random((1000, 50))
    )
)


def _draws(method: str, n: int) -> tuple[Callable[[], Any], ...]:
    """Rng(0).method(n) in Go and in the reference; numpy's own generator (PCG64) beside them."""
    from . import go, ref

    g, r, p = go.Rng(0), ref.Rng(0), np.random.default_rng(0)
    numpy_name = {"random": "random", "normal": "standard_normal"}[method]
    return (
        (lambda: getattr(g, method)(n)),
        (lambda: getattr(r, method)(n)),
        (lambda: getattr(p, numpy_name)(n)),
    )


def _plain_logistic(X: np.ndarray, y: np.ndarray, learning_rate: float, max_iter: int) -> np.ndarray:
    """The source material's loop, without checks or the record of losses."""
    n = X.shape[0]
    w, b = np.full(X.shape[1], 0.01), 0.0
    for _ in range(max_iter):
        p = 1 / (1 + np.exp(-np.clip(X @ w + b, -500, 500)))
        w = w - learning_rate * (1 / n) * (X.T @ (p - y))
        b = b - learning_rate * (1 / n) * np.sum(p - y)
    return w


def _logistic(rng: np.random.Generator) -> tuple[Callable[[], Any], ...]:
    from . import go, ref

    X = rng.standard_normal((1000, 20))
    y = (X @ rng.standard_normal(20) + rng.standard_normal(1000) > 0).astype(np.float64)
    return (
        (lambda: go.logistic_regression(X, y, 0.01, 1000)),
        (lambda: ref.logistic_regression(X, y, 0.01, 1000)),
        (lambda: _plain_logistic(X, y, 0.01, 1000)),
    )


row("Rng.random 1e6")(lambda rng: _draws("random", 10**6))
row("Rng.normal 1e6")(lambda rng: _draws("normal", 10**6))
row("logistic 1000x20 x1000")(_logistic)


def _numpy_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """The central-difference gradient as the source material writes it, for the numpy column."""
    g = np.zeros_like(x)
    for i in range(len(x)):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def _cheap(v: np.ndarray) -> float:
    return 0.0


def _callbacks(rng: np.random.Generator) -> tuple[Callable[[], Any], ...]:
    """The cost of one call back into Python: the gradient of a function that
    does nothing makes 2·1000 of them. Beside it the reference's loop, and
    2000 bare calls in a Python loop."""
    from . import go, ref

    x = rng.random(1000)
    return (
        lambda: go.gradient(_cheap, x),
        lambda: ref.gradient(_cheap, x),
        lambda: [_cheap(x) for _ in range(2 * x.size)],
    )


row("callback/call", per=2000)(_callbacks)
row("gradient n=100")(
    lambda rng: _contenders("gradient", _numpy_gradient, lambda v: float(v @ v), rng.random(100))
)


def _numpy_pca(X: np.ndarray, k: int) -> Any:
    xc = X - X.mean(axis=0)
    _, s, vt = np.linalg.svd(xc, full_matrices=False)
    return vt[:k], s[:k] ** 2 / (X.shape[0] - 1), xc @ vt[:k].T


for _n in (100, 300):
    row(f"svd n={_n}")(
        lambda rng, n=_n: _contenders(
            "svd", lambda a: np.linalg.svd(a, full_matrices=False), rng.random((n, n))
        )
    )
    row(f"qr n={_n}")(lambda rng, n=_n: _contenders("qr", np.linalg.qr, rng.random((n, n))))
    row(f"cholesky n={_n}")(lambda rng, n=_n: _contenders("cholesky", np.linalg.cholesky, _spd(rng, n)))
    row(f"pca n={_n}")(lambda rng, n=_n: _contenders("pca", _numpy_pca, rng.random((n, n)), 2))
    # numpy has no LU; the numpy column is LAPACK's LU solve, the closest call.
    row(f"lu n={_n}")(lambda rng, n=_n: _contenders("lu", np.linalg.inv, rng.random((n, n))))
    row(f"pinv n={_n}")(lambda rng, n=_n: _contenders("pinv", np.linalg.pinv, rng.random((n, n))))
    row(f"lstsq n={_n}")(
        lambda rng, n=_n: _contenders(
            "lstsq", lambda a, b: np.linalg.lstsq(a, b)[0], rng.random((n, n)), rng.random(n)
        )
    )


row("pca 5000x20")(lambda rng: _contenders("pca", _numpy_pca, rng.random((5000, 20)), 3))
# The larger sizes the decompositions are held to, last: seconds per call.
row("eig n=150")(lambda rng: _contenders("eig", np.linalg.eig, rng.standard_normal((150, 150))))
row("solve n=1000")(
    lambda rng: _contenders("solve", np.linalg.solve, rng.random((1000, 1000)), rng.random(1000))
)
row("eigh n=1000", heavy=True)(lambda rng: _contenders("eigh", np.linalg.eigh, _symmetric(rng, 1000)))
for _n in (1000, 2000):
    row(f"svd n={_n}", heavy=True)(
        lambda rng, n=_n: _contenders(
            "svd", lambda a: np.linalg.svd(a, full_matrices=False), rng.random((n, n))
        )
    )


# The ratio go/numpy each row should reach on a 2-core machine, with numpy on
# both threads and its own kernel choice; rows without one have no target.
TARGETS: dict[str, float] = {
    "dot n=3": 1.0,
    "dot n=1e+06": 1.2,
    "add n=1e6": 1.2,
    "matmul n=1024": 1.2,
    "det n=300": 1.5,
    "inv n=300": 1.5,
    "solve n=300": 1.5,
    "det 1e4x3x3": 2.0,
    "inv 1e4x3x3": 2.0,
    "solve 1e4x3x3": 2.0,
    "matmul 1e4x3x3": 2.0,
    "eigh n=300": 2.5,
    "eig n=300": 2.0,
    "svd n=300": 3.0,
    "pinv n=300": 3.0,
    "lstsq n=300": 3.0,
    "pca 5000x20": 1.5,
    "eig n=150": 2.0,
    "solve n=1000": 1.5,
    "eigh n=1000": 2.5,
    "svd n=1000": 3.0,
    "svd n=2000": 4.0,
}

# The speed-up two Python threads should get from calling inv of 200×200 at
# once rather than one after the other (the GIL is released during calls).
THREADS_TARGET = 1.8


def target_cells(name: str, ratio: float) -> str:
    """Return the target column and the mark of a row: ok when met, miss when not."""
    target = TARGETS.get(name)
    if target is None:
        return f"{'':>7} {'':>4}"
    return f"{target:>7.2f} {'ok' if ratio <= target else 'miss':>4}"


SETTLE = 0.2
"""Seconds each cell waits, idle, before it starts.

OpenBLAS's worker threads poll for work for about 2²⁸ cycles (0.1 s or so)
after each threaded call before they sleep, and while they poll they hold a
core; twinmath.go's helper threads poll for 1 ms in the same way.
Without the pause, a run that follows a numpy run runs on one core of two
for its first tenth of a second, whichever library it times.
"""


def median_times(fs: Sequence[Callable[[], Any]], repeats: int, budget: float) -> list[float]:
    """Return the median seconds per call of each of ``fs`` over ``repeats`` timed runs.

    The contenders' runs alternate, one run of each in turn, so that a change
    in the machine's load during the seconds a row takes (a shared machine's
    other tenants) falls on all of them alike rather than on whichever ran
    then. Before each run the machine is left idle for ``SETTLE`` seconds,
    so that no contender's threads still hold a core (OpenBLAS's poll for a
    tenth of a second), and then, for runs of several calls, one untimed
    call wakes the contender's own threads: every run starts as a loop of
    calls would, whoever ran before it.
    """
    loops = []
    for f in fs:
        time.sleep(SETTLE)
        f()  # warm up (and load the library)
        n = 1
        while True:
            t = time.perf_counter()
            for _ in range(n):
                f()
            dt = time.perf_counter() - t
            if dt >= budget or n >= 1 << 22:
                break
            n = max(n * 2, int(n * budget / max(dt, 1e-9)))
        loops.append(n)
    times: list[list[float]] = [[] for _ in fs]
    for _ in range(repeats):
        for f, n, ts in zip(fs, loops, times, strict=True):
            time.sleep(SETTLE)
            if n > 1:
                f()  # each contender's threads awake, as in a loop of calls
            t = time.perf_counter()
            for _ in range(n):
                f()
            ts.append((time.perf_counter() - t) / n)
    return [statistics.median(t) for t in times]


def openblas_threads() -> str:
    """Return OpenBLAS's thread count, asked of the library numpy loaded."""
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*"))
    for path in libs:
        lib = ctypes.CDLL(path)
        for name in (
            "scipy_openblas_get_num_threads64_",
            "openblas_get_num_threads64_",
            "openblas_get_num_threads",
        ):
            if hasattr(lib, name):
                return str(getattr(lib, name)())
    return "unknown (numpy not linked to OpenBLAS)"


def fmt(seconds: float) -> str:
    """Format a duration with a unit that keeps three digits."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:7.3g} {unit}"
    return f"{seconds / 1e-9:7.3g} ns"


def main(quick: bool = False, only: list[str] | None = None, keep_env: bool = False) -> int:
    """Print the table.

    Unless ``keep_env``, a process started with pinning variables set re-runs
    itself without them first, and says which ones it dropped.
    """
    pinned = {v: os.environ[v] for v in _PINNING if v in os.environ}
    settings = ", ".join(f"{k}={v}" for k, v in pinned.items())
    if pinned and not keep_env:
        env = {k: v for k, v in os.environ.items() if k not in _PINNING}
        env[_DROPPED] = settings
        print(
            f"re-running without {settings} so that every contender gets every core (--keep-env keeps them)",
            flush=True,
        )
        os.execve(sys.executable, [sys.executable, "-m", "twinmath", *sys.argv[1:]], env)
    if dropped := os.environ.get(_DROPPED):
        print(f"environment: dropped {dropped}")
    elif pinned:
        print(f"environment: kept {settings} (--keep-env)")
    else:
        print("environment: no pinning variables set (" + ", ".join(_PINNING) + ")")
    from .go import _native

    _native.load()
    procs = _native.lib.tm_gomaxprocs()
    print(f"cores: {os.cpu_count()}, GOMAXPROCS: {procs}, OpenBLAS threads: {openblas_threads()}")
    print(f"numpy {np.__version__}; median of {3 if quick else 7} runs per cell\n")
    print(
        f"{'row':<14} {'twinmath.go':>12} {'twinmath.ref':>12} {'numpy':>12} {'go/numpy':>9} {'ref/numpy':>9}"
        f" {'target':>7} {'mark':>4}"
    )
    rng = np.random.default_rng(0)
    for r in ROWS:
        if only and not any(r.name.startswith(o) for o in only):
            continue
        go_fn, ref_fn, np_fn = r.make(rng)
        repeats, budget = (3, 0.01) if quick or r.heavy else (7, 0.05)
        tg, tr, tn = (t / r.per for t in median_times((go_fn, ref_fn, np_fn), repeats, budget))
        print(
            f"{r.name:<14} {fmt(tg):>12} {fmt(tr):>12} {fmt(tn):>12} {tg / tn:>9.2f} {tr / tn:>9.2f}"
            f" {target_cells(r.name, tg / tn)}",
            flush=True,
        )
    if not only or any("threads".startswith(o) for o in only):
        print()
        thread_speedup(quick)
    if not only or any("dot n=3".startswith(o) for o in only):
        print()
        call_path(quick)
    return 0


def thread_speedup(quick: bool = False) -> None:
    """Print how much faster two Python threads run inv of 200×200 than one.

    For each contender, the same 2k calls run in one thread, then k in each of
    two threads started together, in turns; the speed-up is the first time
    over the second (the best of several runs of each). twinmath.go releases the GIL and runs each
    call of this size on the calling thread, so two threads can use both
    cores; the target is for twinmath.go.
    """
    import threading

    from . import go, ref

    a = np.random.default_rng(0).random((200, 200)) + 200 * np.eye(200)
    k = 10 if quick else 40

    def run(f: Callable[[Any], Any], calls: int) -> None:
        for _ in range(calls):
            f(a)

    def both(f: Callable[[Any], Any]) -> float:
        threads = [threading.Thread(target=run, args=(f, k)) for _ in range(2)]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        return time.perf_counter() - t

    def alone(f: Callable[[Any], Any]) -> float:
        t = time.perf_counter()
        run(f, 2 * k)
        return time.perf_counter() - t

    print(f"two Python threads, {k} calls of inv n=200 each, against one thread making all {2 * k}")
    for name, f in (("twinmath.go", go.inv), ("twinmath.ref", ref.inv), ("numpy", np.linalg.inv)):
        f(a)
        # One run alone and one run by two threads in turn, the best of each.
        runs = [(alone(f), both(f)) for _ in range(3 if quick else 7)]
        one, two = min(r[0] for r in runs), min(r[1] for r in runs)
        mark = ""
        if name == "twinmath.go":
            mark = f"  target {THREADS_TARGET:.2f} {'ok' if one / two >= THREADS_TARGET else 'miss'}"
        times = f"one thread {fmt(one):>12}  two threads {fmt(two):>12}"
        print(f"{name:<14} {times}  speed-up {one / two:5.2f}{mark}")


def call_path(quick: bool = False) -> None:
    """Print what a 3-element ``dot`` through twinmath.go spends its time on.

    Each piece of the call is timed on its own in this process, interleaved
    with the others, and the best of several runs is printed (a floor, less
    sensitive to load than a median). A short dot passes its vectors as bytes
    to ``tm_dot_bytes`` (``twinmath.go.vectors.SHORT``): the layout checks,
    the two ``tobytes``, and the cffi call with the bytes ready. Then the
    floors: a cffi call with no arguments, the cost of crossing into Go at
    all, and the bytes and the call with no checks. Beside them, the buffer
    path the other operations take (``vector()`` checks, two
    ``ffi.from_buffer`` pointers, ``tm_dot``'s seven arguments with pointers
    ready), and lists of the values in place of the bytes.
    """
    import timeit

    from . import go
    from ._convert import vector
    from .go import _native as n

    n.load()  # lib and ffi are stand-ins until the library is loaded
    rng = np.random.default_rng(0)
    a, b = rng.random(3), rng.random(3)
    ffi, lib, doubles = n.ffi, n.lib, n._DOUBLES
    s = n.scratch()
    pa, pb = n.ptr(a), n.ptr(b)
    ab, bb = a.tobytes(), b.tobytes()
    al, bl = a.tolist(), b.tolist()
    nd, f64, short = np.ndarray, np.dtype(np.float64), go.vectors.SHORT
    pieces: dict[str, Callable[[], Any]] = {
        "np.dot(a, b)": lambda: np.dot(a, b),
        "twinmath.go.dot(a, b)": lambda: go.dot(a, b),
        "  layout checks of a and b": lambda: (
            a.__class__ is nd
            and b.__class__ is nd
            and a.dtype is f64
            and b.dtype is f64
            and a.ndim == 1 == b.ndim
            and len(a) == len(b)
            and len(a) <= short
        ),
        "  a.tobytes(), b.tobytes()": lambda: (a.tobytes(), b.tobytes()),
        "  lib.tm_dot_bytes, bytes ready": lambda: lib.tm_dot_bytes(ab, bb, 3),
        "floor: cffi call, no arguments": lambda: lib.tm_max_threads(),
        "floor: the bytes and the call": lambda: lib.tm_dot_bytes(a.tobytes(), b.tobytes(), 3),
        "buffers: vector() x2": lambda: (vector(a, "dot", "a"), vector(b, "dot", "b")),
        "buffers: ffi.from_buffer x2": lambda: (ffi.from_buffer(doubles, a), ffi.from_buffer(doubles, b)),
        "buffers: lib.tm_dot, pointers ready": lambda: lib.tm_dot(pa, 3, pb, 3, s.out, s.err, n.ERRLEN),
        "lists: lib.tm_dot, lists ready": lambda: lib.tm_dot(al, 3, bl, 3, s.out, s.err, n.ERRLEN),
    }
    best = dict.fromkeys(pieces, float("inf"))
    loops = 2000 if quick else 20000
    for _ in range(3 if quick else 15):
        for name, f in pieces.items():
            best[name] = min(best[name], timeit.timeit(f, number=loops) / loops)
    print("call path of dot n=3 (best of the runs, one process)")
    for name, t in best.items():
        print(f"{name:<38} {fmt(t):>12}")


def _numpy_softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return np.asarray(e / np.sum(e, axis=-1, keepdims=True))


def _numpy_forward(
    X: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    a1 = 1 / (1 + np.exp(-np.clip(np.dot(X, W1) + b1, -500, 500)))
    z2 = np.dot(a1, W2) + b2
    return a1, 1 / (1 + np.exp(-np.clip(z2, -500, 500)))


def _network(rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    return (
        rng.standard_normal((1000, 100)),
        rng.standard_normal((100, 50)),
        rng.standard_normal((1, 50)),
        rng.standard_normal((50, 10)),
        rng.standard_normal((1, 10)),
    )


row("softmax 1000²")(lambda rng: _contenders("softmax", _numpy_softmax, rng.standard_normal((1000, 1000))))
row("forward m=1000")(lambda rng: _contenders("forward_pass", _numpy_forward, *_network(rng)))


def _adam_step(rng: np.random.Generator) -> tuple[Callable[[], Any], ...]:
    """One Adam step on 10⁶ parameters (a run of 1000 steps takes 1000 times as
    long: every step is the same pass over θ, ∇, m and v). Each contender
    updates its own parameters; the numpy contender is the source material's
    loop body."""
    from . import go, ref

    n = 10**6
    grads = [rng.standard_normal(n)]
    pg, pr, pn = ([rng.standard_normal(n)] for _ in range(3))
    opt_g, opt_r = go.Adam(1e-3), ref.Adam(1e-3)
    m, v, t = np.zeros(n), np.zeros(n), [0]

    def numpy_step() -> None:
        nonlocal m, v
        g, p = grads[0], pn[0]
        t[0] += 1
        m = 0.9 * m + (1 - 0.9) * g
        v = 0.999 * v + (1 - 0.999) * g**2
        m_hat = m / (1 - 0.9 ** t[0])
        v_hat = v / (1 - 0.999 ** t[0])
        p -= 1e-3 * m_hat / (np.sqrt(v_hat) + 1e-8)

    return (lambda: opt_g.step(pg, grads)), (lambda: opt_r.step(pr, grads)), numpy_step


row("Adam step 1e6")(_adam_step)
