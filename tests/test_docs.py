"""Docstring examples run against both backends; every operation is in the docs."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest
import twinmath

ROOT = Path(__file__).resolve().parent.parent
NAMES = twinmath.backend("ref").__all__


@pytest.mark.parametrize("backend", ["ref", "go"])
@pytest.mark.parametrize("name", NAMES)
def test_docstring_examples(monkeypatch, backend, name):
    monkeypatch.setenv("TWINMATH_BACKEND", backend)
    f = getattr(twinmath.backend(backend), name)
    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    tests = finder.find(f, name, globs={})
    assert tests and tests[0].examples, f"{name} has no examples"
    for t in tests:
        runner.run(t)
    assert runner.failures == 0, f"{backend}.{name}: {runner.failures} example(s) failed"


@pytest.mark.source_tree
def test_every_operation_is_in_the_docs():
    code = []
    for page in (ROOT / "docs").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        # Fenced blocks are code too; take them out before pairing inline backticks.
        code += re.findall(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M)
        text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
        code += re.findall(r"`([^`\n]+)`", text)
    spans = " ".join(code)
    missing = [n for n in NAMES if not re.search(rf"\b{n}\b", spans)]
    assert not missing, f"not in docs/: {missing}"
