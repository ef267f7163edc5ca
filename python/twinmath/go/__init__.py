"""twinmath.go — the same functions as twinmath.ref, computed by the Go library.

The Go package (``go/``) is compiled into ``libtwinmath.so`` and called through
cffi. The library is loaded, and the Go runtime started, on the first call,
not at import. Every function here has the name, signature and docstring of its
twin in ``twinmath.ref``: both take them from ``twinmath._front``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._front import NAMES
from .calculus import *  # noqa: F403
from .decomp import *  # noqa: F403
from .eigen import *  # noqa: F403
from .info import *  # noqa: F403
from .linalg import *  # noqa: F403
from .logistic import *  # noqa: F403
from .model import *  # noqa: F403
from .nn import *  # noqa: F403
from .optim import *  # noqa: F403
from .random import *  # noqa: F403
from .stats import *  # noqa: F403
from .vectors import *  # noqa: F403

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = NAMES
