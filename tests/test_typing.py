"""What a type checker sees: ``twinmath.<name>`` has the real signature, not Any.

mypy --strict runs on a small user program and reveals the types of every
public name as reached through ``twinmath``, ``twinmath.ref`` and
``twinmath.go``; they must be the same, and none may be Any.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import twinmath

ROOT = Path(__file__).resolve().parent.parent
NAMES = sorted(twinmath.backend("ref").__all__)

pytestmark = pytest.mark.source_tree  # mypy reads the package's sources beside the tests


def reveal(program: str, tmp_path: Path) -> tuple[list[str], str]:
    """Run mypy --strict on program; return the revealed types in order, and the whole output."""
    source = tmp_path / "user.py"
    source.write_text(program)
    p = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--config-file", "", str(source)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    return re.findall(r'note: Revealed type is "(.*)"', p.stdout), p.stdout


def same(t: str) -> str:
    """A revealed type without the module that defines its classes (ref's, go's or the shared one)."""
    return re.sub(r"twinmath\.(?:ref|go|_front)(?:\.\w+)?\.", "", t)


def test_every_name_has_its_signature(tmp_path):
    lines = ["import twinmath", "from twinmath import go, ref", ""]
    for name in NAMES:
        lines += [f"reveal_type(twinmath.{name})", f"reveal_type(ref.{name})", f"reveal_type(go.{name})"]
    revealed, out = reveal("\n".join(lines) + "\n", tmp_path)
    assert len(revealed) == 3 * len(NAMES), out
    for i, name in enumerate(NAMES):
        front, r, g = revealed[3 * i : 3 * i + 3]
        assert r.startswith(("def ", "Overload(", "type[")), f"twinmath.ref.{name} is typed {r}"
        assert front == r, f"twinmath.{name} is not typed as twinmath.ref.{name}"
        assert same(g) == same(r), f"twinmath.go.{name} is not typed as twinmath.ref.{name}"


def test_misuse_is_caught(tmp_path):
    program = """\
import numpy as np
import twinmath

d: float = twinmath.dot([1.0, 2.0], [3.0, 4.0])
m: np.ndarray = twinmath.matmul([[1.0]], [[2.0]])
w, V = twinmath.eigh([[2.0, 1.0], [1.0, 2.0]])
s: str = twinmath.dot([1.0], [2.0])
twinmath.dot([1.0])
"""
    _, out = reveal(program, tmp_path)
    assert 'user.py:7: error: Incompatible types in assignment (expression has type "float"' in out, out
    assert 'user.py:8: error: Missing positional argument "b"' in out, out
    assert len(re.findall(r": error:", out)) == 2, out
