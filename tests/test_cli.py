"""The commands a user runs: python -m twinmath demo | parity | bench."""

from __future__ import annotations

import os
import subprocess
import sys
import types


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "twinmath", *args], capture_output=True, text=True, timeout=600
    )


def test_demo_shows_the_worked_examples():
    p = run("demo")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    # The results the source material prints.
    assert "32.0" in out
    assert "[[19., 22.], [43., 50.]]" in out
    assert "-2.0" in out
    assert "DIFFER" not in out and "all examples agree" in out


def test_parity_report_covers_every_operation():
    from twinmath.parity import CHECKS

    p = run("parity")
    assert p.returncode == 0, p.stdout + p.stderr
    for op in CHECKS:
        assert f"\n{op} " in p.stdout
    assert f"{len(CHECKS)} of {len(CHECKS)} operations within bound" in p.stdout


def test_parity_fails_when_out_of_bound(monkeypatch):
    from twinmath import backend, parity

    class Broken(types.ModuleType):
        def __getattr__(self, name):
            f = getattr(backend("go"), name)
            return lambda *a, **k: f(*a, **k) * (1 + 1e-9) if name == "dot" else f(*a, **k)

    rows = parity.run(backend("ref"), Broken("broken"), ops=["dot"])
    assert not rows[0].ok


def test_bench_runs():
    p = run("bench", "--quick", "dot n=3")
    assert p.returncode == 0, p.stderr
    assert "GOMAXPROCS" in p.stdout and "dot n=3" in p.stdout
    assert "target" in p.stdout and "1.00" in p.stdout
    # The dot n=3 row brings the breakdown of its call path.
    assert "call path of dot n=3" in p.stdout and "ffi.from_buffer x2" in p.stdout


def test_bench_marks_rows_against_their_target():
    from twinmath.bench import TARGETS, target_cells

    assert TARGETS["svd n=300"] == 3.0
    assert target_cells("svd n=300", 2.9).split() == ["3.00", "ok"]
    assert target_cells("svd n=300", 3.1).split() == ["3.00", "miss"]
    assert target_cells("qr n=300", 9.0).strip() == ""


def test_help_describes_every_command_and_the_backend_variable():
    p = run("--help")
    assert p.returncode == 0, p.stderr
    for command in ("demo", "parity", "bench"):
        assert f"    {command} " in p.stdout
    assert "TWINMATH_BACKEND" in p.stdout
    assert "``" not in p.stdout  # plain text, no markup
    for command in ("demo", "parity", "bench"):
        sub = run(command, "--help")
        assert sub.returncode == 0, sub.stderr
        # A description paragraph of its own between the usage and the arguments.
        description = sub.stdout.split("\n\n")[1]
        assert len(description.split()) > 15, sub.stdout


def test_version():
    from importlib.metadata import version

    p = run("--version")
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == f"twinmath {version('twinmath')}"


def test_parity_list_names_every_operation():
    from twinmath.parity import CHECKS

    p = run("parity", "--list")
    assert p.returncode == 0, p.stderr
    listed = [line.split()[0] for line in p.stdout.splitlines()[2:] if line.strip()]
    assert listed == list(CHECKS)


def test_parity_rejects_an_unknown_operation():
    p = run("parity", "no_such_op")
    assert p.returncode == 2 and "no_such_op" in p.stderr and "--list" in p.stderr


def test_bench_says_what_it_drops_from_the_environment():
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "GOMAXPROCS": "1"}
    p = subprocess.run(
        [sys.executable, "-m", "twinmath", "bench", "--quick", "dot n=3"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert p.returncode == 0, p.stderr
    assert "re-running without OPENBLAS_NUM_THREADS=1, GOMAXPROCS=1" in p.stdout
    assert "environment: dropped OPENBLAS_NUM_THREADS=1, GOMAXPROCS=1" in p.stdout
    assert "GOMAXPROCS: 1," not in p.stdout or os.cpu_count() == 1


def test_bench_keeps_the_environment_when_asked():
    env = {**os.environ, "GOMAXPROCS": "1"}
    p = subprocess.run(
        [sys.executable, "-m", "twinmath", "bench", "--quick", "--keep-env", "dot n=3"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert p.returncode == 0, p.stderr
    assert "re-running" not in p.stdout
    assert "environment: kept GOMAXPROCS=1 (--keep-env)" in p.stdout
    assert "GOMAXPROCS: 1," in p.stdout
