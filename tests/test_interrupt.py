"""Interruptible, bounded work: Ctrl-C during a long call, the thread limit,
and the depth of callbacks that call back into twinmath."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from typing import Any

import numpy as np
import pytest
import twinmath
from twinmath.go import _native

# The documented bound on the time from SIGINT to KeyboardInterrupt. A call
# stops within a couple of milliseconds of its flag being set (the Go loops
# look at it every few tens of microseconds of work, the flag is polled every
# millisecond), so the bound leaves room for a machine busy with other work.
CTRL_C_BOUND = 0.2

# Long calls: each runs for at least three times the signal's delay
# uncancelled on a machine of this kind (inv of 4500×4500 about 4 s, the LU
# of slogdet and tensorsolve at 6500×6500 about 3 s, eigh of 2500×2500 about
# 3.5 s, svd of 2000×2000 about 7 s, the singular values or eigenvalues
# alone of 2500×2500 about 3 s), so that the signal cannot come after the
# call has already returned (cond's orders 1 and "fro" go through the
# inverse: 4500×4500, as inv; the look-ahead LU ended tensorsolve of
# 4000×4000 within the 0.8 s). The products run the packed kernel on all
# cores: multi_dot of four 2000×2000 factors, 2.4·10¹⁰ multiply-adds, ended
# within the 0.8 s, so they are given 10¹¹. The inputs are made before the
# child reports ready, and the signal comes 0.8 s later, so that it arrives
# in the loops of the call rather than in its set-up (the conversions,
# copies and checks of O(m·n) data before the loops, some 100 ms for
# 2000×2000 here, which are not interrupted; slogdet copies its input row
# by row with looks at the flag, as the first touch of a fresh 6500×6500
# buffer took 1.5 s on this host).
LONG_CALLS = {
    "svd": ("a = rng.standard_normal((2000, 2000))", "g.svd(a)"),
    "eigh": ("a = rng.standard_normal((2500, 2500))", "g.eigh(a)"),
    "inv": ("a = rng.standard_normal((4500, 4500))", "g.inv(a)"),
    "logistic_regression": (
        "a, y = rng.standard_normal((20000, 50)), rng.integers(0, 2, 20000)",
        "g.logistic_regression(a, y, max_iter=10**6)",
    ),
    # The single-matrix operations that take a cancel flag too.
    "cond": ("a = rng.standard_normal((2500, 2500))", "g.cond(a)"),
    "cond_1": ("a = rng.standard_normal((4500, 4500))", "g.cond(a, 1)"),
    "cond_fro": ("a = rng.standard_normal((4500, 4500))", "g.cond(a, 'fro')"),
    "cond_nuc": ("a = rng.standard_normal((2000, 2000))", "g.cond(a, 'nuc')"),
    "slogdet": ("a = rng.standard_normal((6500, 6500))", "g.slogdet(a)"),
    "eigvals": ("a = rng.standard_normal((1300, 1300))", "g.eigvals(a)"),
    "eigvalsh": ("a = rng.standard_normal((2500, 2500))", "g.eigvalsh(a)"),
    "svdvals": ("a = rng.standard_normal((2500, 2500))", "g.svdvals(a)"),
    "matrix_rank_tol": ("a = rng.standard_normal((2500, 2500))", "g.matrix_rank(a, tol=1e-8)"),
    "norm_2": ("a = rng.standard_normal((2500, 2500))", "g.norm(a, 2)"),
    "norm_nuc": ("a = rng.standard_normal((2000, 2000))", "g.norm(a, 'nuc')"),
    "matrix_power": ("a = rng.standard_normal((2000, 2000)) / 45", "g.matrix_power(a, 1000)"),
    "multi_dot": ("a = rng.standard_normal((2000, 2000))", "g.multi_dot([a] * 12)"),
    "tensorsolve": (
        "a, b = rng.standard_normal((6500, 6500)), rng.standard_normal(6500)",
        "g.tensorsolve(a, b)",
    ),
    "tensorinv": ("a = rng.standard_normal((50, 90, 4500))", "g.tensorinv(a)"),  # 4500², as inv
    "tensordot": ("a = rng.standard_normal((5000, 5000))", "g.tensordot(a, a, 1)"),
    "covariance": ("a = rng.standard_normal((10000, 1500))", "g.covariance(a)"),
}

CHILD = """
import json, sys, threading, time
import numpy as np
import twinmath.go as g
from twinmath.go import _native as n

rng = np.random.default_rng(0)
{setup}
n.load()
def helpers():
    return sum(t.name == "twinmath-call" for t in threading.enumerate())
live, threads, helper = n.lib.tm_live_handles(), threading.active_count(), helpers()
print("ready", flush=True)
caught = finished = None
try:
    {call}
    # A call that returns before the signal: the signal lands in this sleep
    # (not in the interpreter's exit, which would end the child with it) and
    # the report says the call was too short.
    finished = time.monotonic()
    time.sleep(10)
except KeyboardInterrupt:
    caught = time.monotonic()
after = g.svd(np.diag([3.0, 2.0])).s.tolist()
again = n.cancellable(lambda *a: len(a), n.HELPER_WORK, (1,), ("err", 512))  # the helper serves on
print(json.dumps({{"caught": caught, "finished": finished, "live": [live, n.lib.tm_live_handles()],
                  "threads": [threads, threading.active_count()], "helpers": [helper, helpers()],
                  "after": after, "again": again}}), flush=True)
"""


def interrupt_child(setup: str, call: str, delay: float) -> tuple[float, dict[str, Any]]:
    """Run ``setup``, then ``call`` in a child; SIGINT it ``delay`` s after setup.

    Return the seconds from the signal to the KeyboardInterrupt and the
    child's report.
    """
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(CHILD.format(setup=setup, call=call))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(delay)
        sent = time.monotonic()  # CLOCK_MONOTONIC: the same clock in both processes
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == 0, err
    report = json.loads(out.strip().splitlines()[-1])
    assert report["finished"] is None, f"the call finished before the signal: {report}"
    assert report["caught"] is not None, report
    return report["caught"] - sent, report


@pytest.mark.parametrize("name", sorted(LONG_CALLS))
def test_ctrl_c_interrupts_a_long_call(name):
    # Once its flag is set, a call shared among threads waits for every
    # thread to finish the block in hand (they write into the caller's
    # arrays). On a shared machine the host can hold one of those threads off
    # its core for longer than the bound: tensordot of 5000×5000 took 10–45
    # ms, and 180–205 ms in 4 runs of 15, on a machine where a CPU-bound loop
    # on two threads ran 1.2–2.0 times as fast as on one. So a latency over
    # the bound is measured once more; a loop that does not look at its flag
    # takes the rest of the call (seconds) both times.
    for _ in range(2):
        latency, report = interrupt_child(*LONG_CALLS[name], delay=0.8)
        print(f"{name}: KeyboardInterrupt {latency * 1e3:.1f} ms after SIGINT")
        if latency < CTRL_C_BOUND:
            break
    assert latency < CTRL_C_BOUND
    live, threads = report["live"], report["threads"]
    assert live[0] == live[1]  # no Go object left behind
    # No thread is left behind but the process's one helper thread, which
    # the first long call starts and which then waits for the next.
    helpers = report["helpers"]
    assert helpers[1] == 1
    assert threads[1] - threads[0] == helpers[1] - helpers[0]
    assert report["after"] == [3.0, 2.0]  # and the library still works
    assert report["again"] == 4  # and so does the helper thread


def test_flag_set_before_the_call():
    # The C contract: a set flag stops the call with TM_ERR_CANCELLED, which
    # Python reports as KeyboardInterrupt; a NULL flag never stops it.
    a = np.random.default_rng(3).standard_normal((200, 200))
    u, s, vt = np.empty((200, 200)), np.empty(200), np.empty((200, 200))
    flag, scratch = _native.ffi.new("int32_t *", 1), _native.scratch()
    ptr = _native.ptr
    st = _native.lib.tm_svd(ptr(a), 200, 200, ptr(u), ptr(s), ptr(vt), flag, scratch.err, _native.ERRLEN)
    assert st == _native.lib.TM_ERR_CANCELLED == 7
    assert _native.ffi.string(scratch.err) == b"svd: context canceled"
    assert isinstance(_native.error(st, scratch), KeyboardInterrupt)
    st = _native.lib.tm_svd(
        ptr(a), 200, 200, ptr(u), ptr(s), ptr(vt), _native.ffi.NULL, scratch.err, _native.ERRLEN
    )
    assert st == 0


def _flagged_calls(a: np.ndarray, out: np.ndarray) -> dict[str, tuple[str, tuple[Any, ...]]]:
    """The new cancellable exports with their arguments before the cancel flag, by the op they name."""
    ptr, n = _native.ptr, a.shape[0]
    real, dbl = _native.ffi.new("int *"), _native.ffi.new("double[2]")
    quarters = [ptr(q) for q in np.split(out, 4)]
    return {
        "slogdet": ("tm_slogdet", (ptr(a), n, n, dbl, dbl + 1)),
        "cond": ("tm_cond", (ptr(a), n, n, 2.0, dbl)),
        "norm": ("tm_nuclear_norm", (ptr(a), n, n, dbl)),
        "eigvals": ("tm_eigvals", (ptr(a), n, n, ptr(out), real)),
        "eigvalsh": ("tm_eigvalsh", (ptr(a), n, n, ptr(out))),
        "svdvals": ("tm_svdvals", (ptr(a), n, n, ptr(out))),
        "matrix_power": ("tm_matrix_power", (ptr(a), n, n, 9, ptr(out))),
        # A batch of n samples through an n-n-n network, and back: a serves
        # as every input, the quarters of out as the four outputs.
        "forward_pass": (
            "tm_forward_pass",
            (*[ptr(a), n, n] * 2, ptr(a), n, ptr(a), n, n, ptr(a), n, *quarters),
        ),
        "backward_pass": ("tm_backward_pass", (*[ptr(a), n, n] * 8, *quarters)),
    }


FLAGGED = ["slogdet", "cond", "norm", "eigvals", "eigvalsh", "svdvals", "matrix_power"]


@pytest.mark.parametrize("op", [*FLAGGED, "forward_pass", "backward_pass"])
def test_flag_set_before_a_single_matrix_call(op):
    # The exports that took a cancel flag with the single-matrix Context
    # forms: a set flag gives TM_ERR_CANCELLED and "op: context canceled".
    _native.load()
    a = np.random.default_rng(4).standard_normal((300, 300))
    a = np.ascontiguousarray(a + a.T)  # eigvalsh reads one triangle; all accept it
    out = np.empty(4 * a.size)
    name, args = _flagged_calls(a, out)[op]
    flag, scratch = _native.ffi.new("int32_t *", 1), _native.scratch()
    st = getattr(_native.lib, name)(*args, flag, scratch.err, _native.ERRLEN)
    assert st == _native.lib.TM_ERR_CANCELLED
    assert _native.ffi.string(scratch.err) == f"{op}: context canceled".encode()
    assert getattr(_native.lib, name)(*args, _native.ffi.NULL, scratch.err, _native.ERRLEN) == 0


def test_helper_thread_passes_exceptions_on():
    # What cffi raises in the helper thread (say, for an argument it cannot
    # convert) reaches the caller, as it would inline.
    def native(*args: object) -> int:
        raise OverflowError("int too big to convert")

    with pytest.raises(OverflowError, match="too big"):
        _native.cancellable(native, _native.HELPER_WORK, (1,), ("err", 512))
    assert _native.cancellable(lambda *a: len(a), _native.HELPER_WORK, (1,), ("err", 512)) == 4


def test_small_calls_run_inline():
    # Below HELPER_WORK no thread is started, so the short-call path costs
    # what it did; the same result either way.
    a = np.random.default_rng(1).standard_normal((20, 20))
    assert 20**3 * _native.SVD_WORK < _native.HELPER_WORK
    big = np.random.default_rng(1).standard_normal((110, 110))
    assert 110**3 * _native.SVD_WORK >= _native.HELPER_WORK
    for x in (a, big):
        got = twinmath.go.svd(x)
        np.testing.assert_allclose(got.s, np.linalg.svd(x, compute_uv=False), rtol=1e-12)


def test_set_num_threads_same_bits():
    rng = np.random.default_rng(2)
    a, b = rng.standard_normal((300, 260)), rng.standard_normal((260, 300))
    results = []
    try:
        for n in (1, 2):
            assert twinmath.set_num_threads(n) in (None, 1)
            assert _native.lib.tm_max_threads() == min(n, _native.lib.tm_gomaxprocs())
            results.append((twinmath.go.svd(a), twinmath.go.matmul(a, b)))
    finally:
        twinmath.set_num_threads(None)
    (svd1, mm1), (svd2, mm2) = results
    for x, y in zip((*svd1, mm1), (*svd2, mm2), strict=True):
        assert x.tobytes() == y.tobytes()


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_set_num_threads_refuses(bad):
    with pytest.raises(ValueError, match="set_num_threads"):
        twinmath.set_num_threads(bad)


@pytest.mark.parametrize(("value", "expect"), [("1", "1"), ("zero", "ValueError")])
def test_num_threads_environment(value, expect):
    code = (
        "from twinmath.go import _native as n\n"
        "try:\n    n.load(); print(n.lib.tm_max_threads())\n"
        "except ValueError as e:\n    print('ValueError', e)\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TWINMATH_NUM_THREADS": value},
    )
    assert p.stdout.startswith(expect), p.stderr


NESTING = """
import sys, threading
import twinmath
backend, thread, limit = sys.argv[1], sys.argv[2] == "thread", int(sys.argv[3])
tm = twinmath.backend(backend)
sys.setrecursionlimit(limit)
depth = [0]

def f(x):
    depth[0] += 1
    return tm.derivative(f, x)

result = []

def run():
    try:
        f(1.0)
        result.append("no error")
    except RecursionError as e:
        result.append("RecursionError")

if thread:
    threading.stack_size(256 * 1024)
    t = threading.Thread(target=run)
    t.start()
    t.join()
else:
    run()
print(result[0], depth[0])
"""


@pytest.mark.parametrize("backend", ["ref", "go"])
@pytest.mark.parametrize(
    ("where", "limit"),
    [("thread", 1000), ("thread", 100_000), ("main", 100_000)],
)
def test_callback_nesting_raises_recursion_error(backend, where, limit):
    # Without the cap, go crashed near depth 300 in a 256 KiB thread and near
    # 10,000 in the main thread with a raised limit; in a subprocess, a crash
    # fails the test instead of ending the run.
    p = subprocess.run(
        [sys.executable, "-c", NESTING, backend, where, str(limit)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr[-2000:]
    outcome, depth = p.stdout.split()
    assert outcome == "RecursionError"
    if backend == "go":
        # The callback at depth MAX_NESTING + 1 raises instead of calling f.
        from twinmath.go.calculus import MAX_NESTING

        assert int(depth) == MAX_NESTING + 1
