"""cffi build script for the extension module twinmath._ffi (API mode, out of line).

The declarations come from libtwinmath.h itself, so the C header stays the one
contract: cffi's parser takes plain declarations and integer #defines, so the
include guards, #include lines and the C++ linkage block are dropped. setup.py
adds the directory that holds the freshly built libtwinmath.so, and the
extension finds it at run time next to itself ($ORIGIN).
"""

from __future__ import annotations

import pathlib
import re

import cffi

HERE = pathlib.Path(__file__).resolve().parent
HEADER = HERE / "libtwinmath.h"

_DEFINE = re.compile(r"^#define\s+TM_\w+\s+\d+\b")


def cdef_source(text: str) -> str:
    """Return the declarations of a C header in the form cffi's cdef takes."""
    keep = []
    in_cplusplus = False
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("#ifdef __cplusplus"):
            in_cplusplus = True
            continue
        if in_cplusplus:
            in_cplusplus = not s.startswith("#endif")
            continue
        if s.startswith("#"):
            if _DEFINE.match(s):
                keep.append(" ".join(s.split()[:3]))
            continue
        keep.append(line)
    return "\n".join(keep)


ffibuilder = cffi.FFI()
ffibuilder.cdef(cdef_source(HEADER.read_text()))
# The Python functions behind the header's callback types (tm_scalar_fn,
# tm_vector_fn), through which the Go loops of the calculus operations call
# the user's functions; defined in python/twinmath/go/calculus.py.
ffibuilder.cdef(
    """
    extern "Python" int tm_py_scalar(void *, const double *, int64_t, double *);
    extern "Python" int tm_py_vector(void *, const double *, int64_t, const double **, int64_t *);
    """
)
ffibuilder.set_source(
    "twinmath._ffi",
    '#include "libtwinmath.h"',
    include_dirs=[str(HERE)],
    libraries=["twinmath"],
    extra_link_args=["-Wl,-rpath,$ORIGIN"],
)

if __name__ == "__main__":
    print(cdef_source(HEADER.read_text()))
