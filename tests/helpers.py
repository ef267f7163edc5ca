"""Assertions shared by the parity tests."""

from __future__ import annotations

import copy
import subprocess
import sys
import textwrap
from types import ModuleType
from typing import Any

import numpy as np
from twinmath import tolerances as tol
from twinmath.parity import CHECKS, decided_within_rounding, outcome, same_error


def snapshot(args: dict[str, Any]) -> dict[str, Any]:
    """Return a deep copy of the arguments, to prove later they were not modified."""
    return copy.deepcopy(args)


def unchanged(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Return whether every argument still holds the values (and bits) it held."""
    for k, v in before.items():
        w = after[k]
        if not _same(v, w):
            return False
    return True


def _same(v: Any, w: Any) -> bool:
    """Whether two argument values hold the same values (and bits); tuples and lists by part."""
    if isinstance(v, np.ndarray) or isinstance(w, np.ndarray):
        try:
            return tol.alike(np.asarray(v), np.asarray(w))
        except (TypeError, ValueError):
            return False
    if isinstance(v, (tuple, list)) and isinstance(w, (tuple, list)):
        return type(v) is type(w) and len(v) == len(w) and all(_same(a, b) for a, b in zip(v, w, strict=True))
    return bool(v == w) or (v != v and w != w)


def assert_parity(ref: ModuleType, go: ModuleType, op: str, **args: Any) -> float:
    """Run ``op`` through both backends and assert they agree under its bound.

    Both must succeed or both must raise the same class with the same
    message (or one side refuse within rounding of the refusal's boundary,
    ``twinmath.parity.decided_within_rounding``); neither may modify its
    arguments. Returns the observed ratio.
    """
    check = CHECKS[op]
    before = snapshot(args)
    r, rerr = outcome(ref, op, args)
    assert unchanged(before, args), f"twinmath.ref.{op} modified its input"
    g, gerr = outcome(go, op, args)
    assert unchanged(before, args), f"twinmath.go.{op} modified its input"
    if rerr is not None or gerr is not None:
        # One side only may refuse where the input lies within rounding of the
        # refusal's boundary (singular, not positive definite, overflowing):
        # the fuzzer's rule, with the bound that justifies it.
        assert same_error(rerr, gerr) or decided_within_rounding(op, args, rerr, gerr, r, g), (
            f"{op}: ref raised {rerr!r}, go raised {gerr!r}"
        )
        return 0.0
    q = check.ratio(args, r, g)
    assert q <= 1.0, f"{op}: |ref - go| is {q:.3g} x the bound\nref: {r!r}\ngo:  {g!r}"
    return q


def assert_same_error(ref: ModuleType, go: ModuleType, op: str, args: dict[str, Any]) -> BaseException:
    """Assert both backends raise the same class with the same message; return it."""
    _, rerr = outcome(ref, op, args)
    _, gerr = outcome(go, op, args)
    assert rerr is not None, f"twinmath.ref.{op} did not raise"
    assert same_error(rerr, gerr), f"{op}: ref raised {rerr!r}, go raised {gerr!r}"
    return rerr


def outcomes(
    ref: ModuleType, go: ModuleType, op: str, args: dict[str, Any], refusal: type[Exception], label: str
) -> list[str]:
    """Return, for ref then go, "ok" if ``op(**args)`` returns and ``label`` if it raises ``refusal``."""
    out = []
    for tm in (ref, go):
        try:
            getattr(tm, op)(**args)
            out.append("ok")
        except refusal:
            out.append(label)
    return out


_RSS_SCRIPT = """
import resource, numpy as np, twinmath.go as go

def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() // 1024

{setup}

def burst(k):
    for _ in range(k):
{body}

burst({warm})
before = rss_kib()
burst({runs})
print(rss_kib() - before)
"""


def rss_growth_kib(setup: str, body: str, warm: int, runs: int, timeout: float = 300) -> int:
    """Return how much (KiB) a fresh interpreter's resident set grows over ``runs`` runs of
    ``body``, after ``setup`` and ``warm`` runs to warm up (numpy and twinmath.go are
    imported as np and go)."""
    code = _RSS_SCRIPT.format(
        setup=textwrap.dedent(setup).strip(),
        body=textwrap.indent(textwrap.dedent(body).strip(), " " * 8),
        warm=warm,
        runs=runs,
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    assert p.returncode == 0, p.stderr
    return int(p.stdout.strip())
