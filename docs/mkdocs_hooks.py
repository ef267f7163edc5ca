"""MkDocs hooks of the documentation site (mkdocs.yml names this file).

- The Go API reference, ``api/go.md``, is generated from the Go package's doc
  comments: ``go doc -all`` of go/, turned into one section per declaration.
- MathJax is served from the site itself (the network may be closed): its
  self-contained SVG build ``tex-svg.js`` comes from the ``django-static-mathjax``
  package on PyPI (a copy of MathJax 3 and nothing else; the ``docs`` extra
  installs it) and is copied to ``site/assets/mathjax/``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
MATHJAX = "assets/mathjax/tex-svg.js"
SECTIONS = {"CONSTANTS": "Constants", "VARIABLES": "Variables", "FUNCTIONS": "Functions", "TYPES": "Types"}


def _go() -> str:
    sys.path.insert(0, str(ROOT / "bindings"))
    from find_go import locate

    go = locate()
    if go is None:
        raise RuntimeError("the Go API reference needs Go >= 1.22 (make setup finds or installs one)")
    return go


def _prose(lines: list[str]) -> str:
    """Turn doc text (already dedented) into Markdown: indented blocks stay code."""
    out = []
    for line in lines:
        if line.startswith("    ") or not line.strip():
            out.append(line)
        elif line.startswith("# "):
            out.append("### " + line[2:])
        else:
            out.append(re.sub(r"([*_<>\[\]])", r"\\\1", line))
    return "\n".join(out).strip("\n")


def go_reference() -> str:
    """Return the Markdown page of the Go API, from ``go doc -all``."""
    sys.path.insert(0, str(ROOT / "bindings"))
    from find_go import environment

    go = _go()
    text = subprocess.run(
        [go, "doc", "-all", "."],
        cwd=ROOT / "go",
        capture_output=True,
        text=True,
        check=True,
        env=environment(go),
    ).stdout
    lines = text.splitlines()
    header, lines = lines[0], lines[1:]
    page = [
        "# Go API reference",
        "",
        f"`{header}`. Generated from the package's doc comments (`go doc -all`);",
        "`go doc twinmath.Name` shows the same in a terminal.",
        "",
    ]
    # The package comment, up to the first section.
    i = 0
    while i < len(lines) and lines[i].strip() not in SECTIONS:
        i += 1
    page += [_prose([ln.replace("# ", "## ", 1) if ln.startswith("# ") else ln for ln in lines[:i]]), ""]
    while i < len(lines):
        title = lines[i].strip()
        i += 1
        page += [f"## {SECTIONS[title]}", ""]
        while i < len(lines) and lines[i].strip() not in SECTIONS:
            if not lines[i].strip():
                i += 1
                continue
            # A declaration: up to the first indented (doc) line, or a closing brace.
            decl = [lines[i]]
            i += 1
            if decl[0].rstrip().endswith(("{", "(")):
                while i < len(lines) and lines[i] not in ("}", ")"):
                    decl.append(lines[i])
                    i += 1
                decl.append(lines[i])
                i += 1
            doc = []
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                if not lines[i].strip() and i + 1 < len(lines) and not lines[i + 1].startswith("    "):
                    break
                doc.append(lines[i][4:])
                i += 1
            m = re.match(r"(?:func (?:\((\w+) \*?(\w+)\) )?|type |const |var )\(?(\w+)", decl[0])
            name = ""
            if m:
                name = f"{m[2]}.{m[3]}" if m[2] else m[3]
            if name and decl[0].startswith(("func", "type")):
                page += [f"### {name}", ""]
            page += ["```go", *decl, "```", "", _prose(doc), ""]
    return "\n".join(page) + "\n"


def on_files(files: Files, config: Any) -> Files:
    """Add the generated Go API reference to the site's files."""
    files.append(File.generated(config, "api/go.md", content=go_reference()))
    return files


def on_post_build(config: Any) -> None:
    """Copy MathJax into the built site."""
    spec = find_spec("mathjax")
    places = list(spec.submodule_search_locations or []) if spec else []
    sources = [Path(p) / "static" / "mathjax" / "es5" / "tex-svg.js" for p in places]
    source = next((s for s in sources if s.is_file()), None)
    if source is None:
        raise RuntimeError("MathJax is missing: pip install django-static-mathjax (the docs extra)")
    target = Path(config["site_dir"]) / MATHJAX
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
