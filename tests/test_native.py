"""Living inside a Python process: loading, fork, threads, memory, the C ABI,
zero copy and input layouts."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import numpy as np
import pytest
import twinmath
from helpers import rss_growth_kib
from hypothesis import given
from hypothesis import strategies as st
from strategies import layouts, moderate, vectors
from twinmath import _convert
from twinmath import tolerances as tol
from twinmath.go import _native

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(twinmath.__file__).resolve().parent  # the package under test, installed or not


def run_python(code: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run code in a fresh interpreter; a hang fails the test instead of the suite."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout
    )


def test_library_not_loaded_at_import():
    p = run_python(
        """
        import sys, twinmath, twinmath.go, twinmath.ref
        twinmath.backend("go")
        assert twinmath.default_backend() == "go"
        assert "twinmath._ffi" not in sys.modules, "loaded at import"
        twinmath.go.dot([1], [2])
        assert "twinmath._ffi" in sys.modules
        print("ok")
        """
    )
    assert p.stdout.strip() == "ok", p.stderr


def test_fork_after_start_raises_instead_of_hanging():
    p = run_python(
        """
        import os, sys, twinmath.go as go
        go.dot([1.0], [2.0])            # starts the Go runtime
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                go.dot([1.0], [2.0])
                os.write(w, b"no error")
            except RuntimeError as e:
                os.write(w, str(e).encode())
            os._exit(0)
        os.waitpid(pid, 0)
        print(os.read(r, 4096).decode())
        print(go.dot([1.0, 2.0], [3.0, 4.0]))  # the parent is unaffected
        """,
        timeout=60,
    )
    assert p.returncode == 0, p.stderr
    message, parent = p.stdout.strip().splitlines()
    assert "forked" in message and "spawn" in message and "forkserver" in message
    assert parent == "11.0"


def test_fork_before_start_works():
    p = run_python(
        """
        import os, twinmath.go as go
        pid = os.fork()
        if pid == 0:
            os._exit(0 if go.dot([1.0, 2.0], [3.0, 4.0]) == 11.0 else 1)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status))
        """,
        timeout=60,
    )
    assert p.stdout.strip() == "0", p.stderr


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_spawn_and_forkserver_workers(method, tmp_path):
    # A script file: spawned workers re-import the parent's __main__.
    script = tmp_path / "workers.py"
    script.write_text(
        textwrap.dedent(
            f"""
        import multiprocessing as mp
        import twinmath.go as go

        def work(i):
            return go.dot([1.0, 2.0, float(i)], [1.0, 1.0, 1.0])

        if __name__ == "__main__":
            go.dot([1.0], [1.0])  # the parent has started its runtime
            with mp.get_context("{method}").Pool(2) as pool:
                print(pool.map(work, range(4)))
        """
        )
    )
    p = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert p.stdout.strip() == "[3.0, 4.0, 5.0, 6.0]", p.stderr


def test_threads_get_the_same_results(go):
    rng = np.random.default_rng(5)
    cases = [(rng.standard_normal(50), rng.standard_normal(50)) for _ in range(20)]
    mats = [rng.standard_normal((20, 20)) for _ in range(5)]
    expected = ([go.dot(a, b) for a, b in cases], [go.inv(m) for m in mats])
    failures = []

    def worker():
        for _ in range(50):
            got = ([go.dot(a, b) for a, b in cases], [go.inv(m) for m in mats])
            if got[0] != expected[0] or not all(map(tol.alike, got[1], expected[1])):
                failures.append("different result")
            try:
                go.dot([1.0], [1.0, 2.0])
                failures.append("no error")
            except twinmath.ShapeError as e:
                if str(e) != "dot: shape mismatch: lengths 1 and 2 differ":
                    failures.append(f"message crossed threads: {e}")

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[:5]


def test_calls_release_the_gil(go):
    # While one thread is inside a long Go call, another Python thread runs.
    a = np.random.default_rng(0).standard_normal((900, 900))
    inside = threading.Event()
    done = threading.Event()
    count = 0

    def spin():
        nonlocal count
        inside.wait()
        while not done.is_set():
            count += 1

    t = threading.Thread(target=spin)
    t.start()
    inside.set()
    go.matmul(a, a)
    done.set()
    t.join()
    assert count > 100


def test_memory_stays_flat():
    grown = rss_growth_kib(
        "a, b, m, s = np.ones(3), np.ones(3), np.eye(4), np.ones((2, 2))",
        """
        go.dot(a, b)
        go.matmul(m, m)
        try:
            go.dot(a, [1.0])
        except ValueError:
            pass
        try:
            go.inv(s)
        except np.linalg.LinAlgError:
            pass
        """,
        warm=20_000,
        runs=100_000,
    )
    # 400k calls (half of them failing) after warm-up: a leak of even 32
    # bytes per call would show as 12 MiB.
    assert grown < 4096


def test_raw_c_abi_reports_bad_arguments():
    _native.load()
    lib, ffi = _native.lib, _native.ffi
    err = ffi.new("char[]", 64)
    out = ffi.new("double *")
    a = ffi.new("double[]", [1.0, 2.0])
    assert lib.tm_dot(a, -1, a, 2, out, err, 64) == lib.TM_ERR_INVALID
    assert ffi.string(err) == b"invalid input: negative length -1"
    assert lib.tm_dot(ffi.NULL, 2, a, 2, out, err, 64) == lib.TM_ERR_INVALID
    # A buffer too small gets a truncated, terminated message; none at all is fine.
    small = ffi.new("char[]", 8)
    assert lib.tm_dot(a, 2, a, 1, out, small, 8) == lib.TM_ERR_SHAPE
    assert ffi.string(small) == b"dot: sh"
    assert lib.tm_dot(a, 2, a, 1, out, ffi.NULL, 0) == lib.TM_ERR_SHAPE
    assert lib.tm_dot(a, 2, a, 2, out, ffi.NULL, 0) == lib.TM_OK and out[0] == 5.0


def test_handles_are_checked():
    _native.load()
    lib = _native.lib
    live = lib.tm_live_handles()
    assert lib.tm_free(10**15) == lib.TM_ERR_INVALID  # never issued
    assert lib.tm_live_handles() == live


def test_zero_copy_for_contiguous_float64(go):
    x = np.arange(5.0)
    assert _convert.vector(x, "dot", "a") is x
    _native.load()
    p = _native.ptr(x)
    assert int(_native.ffi.cast("uintptr_t", p)) == x.ctypes.data


@given(data=st.data(), n=st.integers(1, 20))
def test_every_layout_gives_the_same_result(go, ref, data, n):
    x = data.draw(vectors(n, moderate))
    y = data.draw(vectors(n, moderate))
    lx = data.draw(layouts(x))
    for tm in (go, ref):
        assert tol.alike(tm.add(lx, y), tm.add(x, y))
        assert tol.alike(tm.dot(lx, y), tm.dot(x, y))
    m = data.draw(vectors(n * n, moderate)).reshape(n, n)
    lm = data.draw(layouts(m))
    assert tol.alike(go.matmul(lm, m), go.matmul(m, m))
    assert tol.alike(go.transpose(lm), go.transpose(m))


ANY_FLOAT = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.0, -0.0, 5e-324]))


@given(data=st.data(), n=st.one_of(st.integers(0, 40), st.sampled_from([2047, 2048, 2049])))
def test_short_dot_passes_values_with_the_buffer_path_bits(go, data, n):
    # go.dot hands float64 vectors of up to SHORT entries to C as bytes
    # (twinmath.go.vectors.SHORT); the values, and so every bit of the result,
    # must be those of the buffers.
    x = data.draw(vectors(n, ANY_FLOAT))
    y = data.draw(vectors(n, ANY_FLOAT))
    through_buffers = _native.scalar(_native.lib.tm_dot, _native.ptr(x), n, _native.ptr(y), n)
    assert tol.alike(go.dot(x, y), through_buffers)
    assert tol.alike(go.dot(x[::-1], y[::-1]), go.dot(x[::-1].copy(), y[::-1].copy()))


def test_short_dot_refuses_as_the_buffer_path(go):
    from twinmath.go.vectors import SHORT

    for na, nb in ((3, 4), (SHORT, SHORT + 1), (0, 1)):
        with pytest.raises(twinmath.ShapeError, match=f"lengths {na} and {nb} differ"):
            go.dot(np.ones(na), np.ones(nb))


def test_short_dot_export_reports_a_failed_call_as_nan():
    # tm_dot_bytes has no status: a call it cannot make gives NaN, on which
    # go.dot asks tm_dot for the error.
    lib, ffi = _native.lib, _native.ffi
    assert math.isnan(lib.tm_dot_bytes(ffi.NULL, ffi.NULL, -1))
    assert math.isnan(lib.tm_dot_bytes(ffi.NULL, ffi.NULL, 2))
    assert lib.tm_dot_bytes(ffi.NULL, ffi.NULL, 0) == 0.0
    a, b = np.array([1.0, 2.0]).tobytes(), np.array([3.0, 4.0]).tobytes()
    assert lib.tm_dot_bytes(a, b, 2) == 11.0


def test_dot_bytes_at_any_alignment():
    # The header allows bytes at any address: a misaligned vector is copied
    # before the product, which keeps its bits.
    rng = np.random.default_rng(7)
    x, y = rng.standard_normal(37), rng.standard_normal(37)
    want = _native.lib.tm_dot_bytes(x.tobytes(), y.tobytes(), 37)
    assert want == np.float64(_native.scalar(_native.lib.tm_dot, _native.ptr(x), 37, _native.ptr(y), 37))
    for shift in range(1, 8):
        bx = _native.ffi.new("char[]", b"\0" * shift + x.tobytes())
        by = _native.ffi.new("char[]", b"\0" * (8 - shift) + y.tobytes())
        got = _native.lib.tm_dot_bytes(bx + shift, by + 8 - shift, 37)
        assert got == want


def test_no_libpython_and_origin_run_path():
    readelf = shutil.which("readelf")
    if readelf is None:
        pytest.skip("readelf (binutils) is not installed")
    ext = next(PACKAGE.glob("_ffi*.so"))
    for lib in (ext, PACKAGE / "libtwinmath.so"):
        dyn = subprocess.run([readelf, "-d", str(lib)], capture_output=True, text=True, check=True).stdout
        assert "libpython" not in dyn, f"{lib.name} links libpython"
    dyn = subprocess.run([readelf, "-d", str(ext)], capture_output=True, text=True, check=True).stdout
    assert "libtwinmath.so" in dyn and "$ORIGIN" in dyn


@pytest.mark.source_tree
@pytest.mark.skipif(os.environ.get("CI") != "true", reason="CI builds the library with cgocheck2")
def test_ci_library_has_full_cgo_checks():
    go = (ROOT / ".venv" / "go-path").read_text().strip()
    info = subprocess.run(
        [go, "version", "-m", str(PACKAGE / "libtwinmath.so")], capture_output=True, text=True
    )
    assert "cgocheck2" in info.stdout, info.stdout
