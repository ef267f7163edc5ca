"""The wheel: platform-tagged, self-contained, working in a fresh environment."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_is_self_contained(tmp_path):
    # Build from the tracked files only, as a clean checkout would.
    src = tmp_path / "src"
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in files.stdout.splitlines():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, src / name)
    dist = tmp_path / "dist"
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*pip_wheel, "-w", str(dist), str(src)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    (wheel,) = dist.glob("twinmath-*.whl")
    assert not wheel.name.endswith("-none-any.whl"), "the wheel must carry its platform tag"
    names = zipfile.ZipFile(wheel).namelist()
    for part in ("twinmath/libtwinmath.so", "twinmath/libtwinmath.h", "twinmath/py.typed"):
        assert part in names
    assert any(n.startswith("twinmath/_ffi") and n.endswith(".so") for n in names)

    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel)], check=True, timeout=900)
    out = subprocess.run(
        [python, "-c", "import twinmath.go as go; print(go.dot([1, 2, 3], [4, 5, 6]))"],
        cwd=tmp_path,  # away from the source tree
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stdout.strip() == "32.0", out.stderr
