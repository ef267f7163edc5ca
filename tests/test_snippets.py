"""Every code block of README.md and docs/*.md is executed.

Python blocks (```python) run in order, one namespace per page, from the root
of the checkout, once with TWINMATH_BACKEND=ref and once with go. A block
followed by an output block (```text title="Output") must print exactly that
output with either backend. Blocks inside tabs (indented) count too; every
page under docs/ is picked up, new ones included.

Go blocks (```go) are the bodies of Example functions: each must appear, line
for line, in an Example of a *_test.go file under go/ (the interop module's
included), whose // Output go test checks.

A small runner rather than a doctest plugin: the pages show plain code a
reader can paste, with its output in a block of its own, and every page runs
against both backends.
"""

from __future__ import annotations

import contextlib
import io
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>```+)(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.M | re.S,
)

pytestmark = pytest.mark.source_tree


@dataclass
class Block:
    """A fenced code block: its language, its info string, its text, the line it starts on."""

    lang: str
    info: str
    text: str
    line: int
    end: int


def blocks(page: Path) -> list[Block]:
    """Return the fenced code blocks of a Markdown page, dedented."""
    source = page.read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(source):
        info = m["info"].strip()
        body = textwrap.dedent(m["body"])
        out.append(
            Block(
                info.split(" ")[0],
                info,
                body,
                source.count("\n", 0, m.start()) + 1,
                source.count("\n", 0, m.end()),
            )
        )
    return out


def python_snippets(page: Path) -> list[tuple[Block, Block | None]]:
    """Return the Python blocks of a page, each with its output block or None."""
    bs = blocks(page)
    text = page.read_text(encoding="utf-8").splitlines()
    out = []
    for i, b in enumerate(bs):
        if b.lang not in ("python", "py"):
            continue
        nxt = bs[i + 1] if i + 1 < len(bs) else None
        between = text[b.end + 1 : nxt.line - 1] if nxt else []
        is_output = nxt is not None and nxt.lang == "text" and 'title="Output"' in nxt.info
        out.append((b, nxt if is_output and not any(s.strip() for s in between) else None))
    return out


def normalise(s: str) -> str:
    return "\n".join(line.rstrip() for line in s.strip("\n").splitlines())


def test_pages_have_snippets():
    found = {p.name: len(python_snippets(p)) for p in PAGES}
    assert sum(found.values()) >= 10, found
    assert found["README.md"] >= 1


@pytest.mark.parametrize("backend", ["ref", "go"])
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_snippets(monkeypatch, page, backend):
    monkeypatch.setenv("TWINMATH_BACKEND", backend)
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "__snippet__"}
    for code, output in python_snippets(page):
        where = f"{page.relative_to(ROOT)}:{code.line}"
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code.text, where, "exec"), namespace)
        if output is not None:
            assert normalise(printed.getvalue()) == normalise(output.text), (
                f"{where} with TWINMATH_BACKEND={backend} printed\n{printed.getvalue()}"
            )


def example_bodies() -> list[list[str]]:
    """Return the bodies of the Go Example functions, as stripped lines."""
    bodies = []
    for path in (ROOT / "go").rglob("*_test.go"):
        src = path.read_text(encoding="utf-8")
        for m in re.finditer(r"^func Example\w*\(\) \{\n(.*?)^\}", src, re.M | re.S):
            bodies.append([line.strip() for line in m[1].splitlines() if line.strip()])
    return bodies


def contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_go_snippets_are_examples(page):
    bodies = example_bodies()
    for b in blocks(page):
        if b.lang != "go":
            continue
        lines = [line.strip() for line in b.text.splitlines() if line.strip()]
        assert any(contains(body, lines) for body in bodies), (
            f"{page.relative_to(ROOT)}:{b.line}: the Go block is not the body of an Example under go/"
        )


def test_no_unfenced_code():
    # Code indented by four spaces is neither highlighted nor executed.
    for page in PAGES:
        source = FENCE.sub("", page.read_text(encoding="utf-8"))
        for n, line in enumerate(source.splitlines(), 1):
            assert not re.match(r"^ {4}(import |from \w+ import |\w+ = tm\.|with tm\.)", line), (
                f"{page.name}:{n}"
            )
