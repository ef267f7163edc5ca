"""twinmath.ref — the reference implementation, in Python with numpy.

Every function here has a twin of the same name, signature and docstring in
``twinmath.go``, computed by the Go library; the parity suite holds the two to
the same results and the same errors. Both take their names, signatures and
docstrings from ``twinmath._front``.
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
