"""API parity: the two backends expose the same functions, and the Go package
and the C header the same operations under the mechanical names."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
import twinmath

ROOT = Path(__file__).resolve().parent.parent
# Initialisms stay one word in every language: svd ↔ SVD ↔ tm_svd.
INITIALISMS = {"svd", "pca", "qr", "lu", "kl", "sgd", "pdf", "cdf"}


def go_name(py: str) -> str:
    """The Go name of a Python name: snake_case to CamelCase, initialisms upper."""
    if py[:1].isupper():  # a class: SGD, Adam, Rng
        return py
    return "".join(w.upper() if w in INITIALISMS else w.capitalize() for w in py.split("_"))


def c_name(py: str) -> str:
    """The C name of a Python name: tm_ and the name in lower case."""
    return "tm_" + py.lower()


def test_mechanical_names():
    assert go_name("cosine_similarity") == "CosineSimilarity"
    assert go_name("truncated_svd") == "TruncatedSVD"
    assert go_name("kl_divergence") == "KLDivergence"
    assert c_name("svd") == "tm_svd"


def test_same_names(ref, go):
    assert sorted(ref.__all__) == sorted(go.__all__)
    for name in ref.__all__:
        assert callable(getattr(ref, name)) and callable(getattr(go, name)), name


def public(module):
    return {n for n in dir(module) if not n.startswith("_") and callable(getattr(module, n))}


def test_nothing_public_beyond_all(ref, go):
    # Helpers that a module imports must not pass for operations.
    for tm in (ref, go):
        extra = {n for n in public(tm) - set(tm.__all__) if not inspect.ismodule(getattr(tm, n))}
        assert not extra, f"{tm.__name__} exposes {sorted(extra)} outside __all__"


@pytest.mark.parametrize("name", twinmath.backend("ref").__all__)
def test_same_signature_and_docstring(ref, go, name):
    r, g = getattr(ref, name), getattr(go, name)
    assert str(inspect.signature(r)) == str(inspect.signature(g))
    assert r.__doc__ and r.__doc__ == g.__doc__
    doc = inspect.getdoc(r)
    assert doc is not None
    # A class documents its constructor's parameters; its methods their returns.
    sections = ("Parameters", "Examples") if inspect.isclass(r) else ("Parameters", "Returns", "Examples")
    for section in sections:
        assert f"\n{section}\n" in doc, f"{name}: no {section} section"
    if inspect.isclass(r):
        # The same public methods, with the same signatures and docstrings.
        assert methods(r) == methods(g), name
        for m in methods(r):
            rm, gm = getattr(r, m), getattr(g, m)
            assert str(inspect.signature(rm)) == str(inspect.signature(gm)), f"{name}.{m}"
            assert rm.__doc__ and rm.__doc__ == gm.__doc__, f"{name}.{m}"


def methods(cls: type) -> set[str]:
    return {n for n in dir(cls) if not n.startswith("_") and callable(getattr(cls, n))}


def exported_go_names() -> set[str]:
    names = set()
    for path in (ROOT / "go").glob("*.go"):
        if path.name.endswith("_test.go"):
            continue
        names |= set(re.findall(r"^func (?:\([^)]*\) )?([A-Z]\w*)\(", path.read_text(), re.M))
        names |= set(re.findall(r"^type ([A-Z]\w*) ", path.read_text(), re.M))
    return names


def header_names() -> set[str]:
    return set(re.findall(r"\b(tm_\w+)\(", (ROOT / "bindings" / "libtwinmath.h").read_text()))


@pytest.mark.source_tree
@pytest.mark.parametrize("name", twinmath.backend("ref").__all__)
def test_go_and_c_names(name):
    assert go_name(name) in exported_go_names(), f"no Go function {go_name(name)} for {name}"
    assert any(c == c_name(name) or c.startswith(c_name(name) + "_") for c in header_names()), (
        f"no C function {c_name(name)} for {name}"
    )


@pytest.mark.source_tree
def test_every_export_is_declared_in_the_header():
    exports = set()
    for path in (ROOT / "bindings").glob("*.go"):
        exports |= set(re.findall(r"^//export (tm_\w+)", path.read_text(), re.M))
    assert exports == header_names()


@pytest.mark.source_tree
def test_topics_side_by_side():
    # One file per topic, the same names in every language.
    ref_topics = {p.stem for p in (ROOT / "python" / "twinmath" / "ref").glob("*.py") if p.stem != "__init__"}
    go_topics = {
        p.stem for p in (ROOT / "python" / "twinmath" / "go").glob("*.py") if not p.stem.startswith("_")
    }
    assert ref_topics == go_topics
    for topic in ref_topics:
        assert (ROOT / "go" / f"{topic}.go").exists(), topic
        assert (ROOT / "bindings" / f"export_{topic}.go").exists(), topic
        assert (ROOT / "tests" / f"test_{topic}.py").exists(), topic


def test_backend_choice(monkeypatch):
    assert twinmath.backend("ref") is twinmath.ref
    with pytest.raises(ValueError, match="unknown backend"):
        twinmath.backend("rust")
    monkeypatch.setenv("TWINMATH_BACKEND", "ref")
    assert twinmath.default_backend() == "ref"
    assert twinmath.dot is twinmath.ref.dot
    monkeypatch.setenv("TWINMATH_BACKEND", "go")
    assert twinmath.dot is twinmath.go.dot
    monkeypatch.delenv("TWINMATH_BACKEND")
    assert twinmath.default_backend() == "go"  # the library is built
    with pytest.raises(AttributeError):
        twinmath.no_such_function  # noqa: B018


def test_exception_hierarchy():
    import numpy as np

    assert issubclass(twinmath.ShapeError, ValueError)
    # numpy reports a non-square matrix or incompatible dimensions as LinAlgError.
    assert issubclass(twinmath.ShapeError, np.linalg.LinAlgError)
    for cls in (twinmath.SingularMatrixError, twinmath.NotPositiveDefiniteError, twinmath.ConvergenceError):
        assert issubclass(cls, np.linalg.LinAlgError)


def test_typed_package():
    assert (Path(twinmath.__file__).parent / "py.typed").exists()
