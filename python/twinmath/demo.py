"""The worked examples of the docs, computed by both backends side by side.

``python -m twinmath demo`` prints, for each example, the reference result,
the Go result and the parity verdict: "equal" when the two are the same bit
for bit, "within bound" (with the observed error relative to the bound of
``twinmath.tolerances``) when rounding made them differ, "DIFFER" otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import backend, tolerances
from .parity import CHECKS, outcome, same_error


@dataclass(frozen=True)
class Example:
    """One worked example: ``op(**args)``, shown as ``label``."""

    label: str
    op: str
    args: dict[str, Any]


A, B = [[1, 2], [3, 4]], [[5, 6], [7, 8]]

SECTIONS: list[tuple[str, list[Example]]] = [
    (
        "Vectors",
        [
            Example("add([1,2,3], [4,5,6])", "add", {"a": [1, 2, 3], "b": [4, 5, 6]}),
            Example("dot([1,2,3], [4,5,6])", "dot", {"a": [1, 2, 3], "b": [4, 5, 6]}),
            Example("norm([1,2,3])", "norm", {"v": [1, 2, 3]}),
            Example(
                "cosine_similarity([1,2,3], [4,5,6])", "cosine_similarity", {"a": [1, 2, 3], "b": [4, 5, 6]}
            ),
            Example("scale([1,2,3], 2)", "scale", {"v": [1, 2, 3], "c": 2}),
            Example("outer([1,2], [3,4,5])", "outer", {"a": [1, 2], "b": [3, 4, 5]}),
            Example("project([2,3], onto=[1,0])", "project", {"a": [2, 3], "onto": [1, 0]}),
        ],
    ),
    (
        "Matrices (A = [[1,2],[3,4]], B = [[5,6],[7,8]])",
        [
            Example("matmul(A, B)", "matmul", {"A": A, "B": B}),
            Example("transpose(A)", "transpose", {"A": A}),
            Example("trace(A)", "trace", {"A": A}),
            Example("det(A)", "det", {"A": A}),
            Example("inv(A)", "inv", {"A": A}),
            Example("solve([[3,1],[1,2]], [9,8])", "solve", {"A": [[3, 1], [1, 2]], "b": [9, 8]}),
            Example("inv([[1,2],[2,4]])  (singular)", "inv", {"A": [[1, 2], [2, 4]]}),
        ],
    ),
    (
        "Decompositions (S = [[3,0],[4,5]])",
        [
            Example("lu(A)", "lu", {"A": A}),
            Example("qr([[3,1],[4,2]])", "qr", {"A": [[3, 1], [4, 2]]}),
            Example("cholesky([[4,2],[2,5]])", "cholesky", {"A": [[4, 2], [2, 5]]}),
            Example("svd(S)", "svd", {"A": [[3, 0], [4, 5]]}),
            Example("truncated_svd(S, 1)  (rank-1 A_k)", "truncated_svd", {"A": [[3, 0], [4, 5]], "k": 1}),
            Example("norm(S, 2)  (largest singular value)", "norm", {"v": [[3, 0], [4, 5]], "ord": 2}),
            Example("pinv([[1,1],[1,1]])", "pinv", {"A": [[1, 1], [1, 1]]}),
            Example("lstsq(line fit)", "lstsq", {"A": [[1, 0], [1, 1], [1, 2]], "b": [1, 2, 2]}),
            Example("matrix_rank([[1,2],[2,4]])", "matrix_rank", {"A": [[1, 2], [2, 4]]}),
            Example("pca(points on y = 2x, 1)", "pca", {"X": [[0, 0], [1, 2], [2, 4], [5, 10]], "k": 1}),
        ],
    ),
]


def show(value: Any, error: BaseException | None = None) -> str:
    """Format a result (or the exception raised) for one table cell."""
    if error is not None:
        return f"{type(error).__name__}: {error}"
    if isinstance(value, tuple):
        return "(" + ", ".join(show(v) for v in value) + ")"
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=17, separator=", ", floatmode="unique").replace("\n", "")
    return repr(value)


def verdict(
    example: Example, ref: Any, go: Any, rerr: BaseException | None, gerr: BaseException | None
) -> str:
    """Return the parity verdict for one example."""
    if rerr is not None or gerr is not None:
        return "same error" if same_error(rerr, gerr) else "DIFFER"
    parts = zip(ref, go, strict=False) if isinstance(ref, tuple) else [(ref, go)]
    if all(tolerances.alike(r, g) for r, g in parts):
        return "equal"
    check = CHECKS.get(example.op)
    if check is None:
        return "DIFFER"
    q = check.ratio(example.args, ref, go)
    return f"within bound ({q:.2g})" if q <= 1 else f"DIFFER ({q:.2g} x bound)"


def main() -> int:
    """Print every section; return 1 if any example differs beyond its bound."""
    ref, go = backend("ref"), backend("go")
    bad = 0
    print("twinmath demo: every example computed by twinmath.ref and by twinmath.go\n")
    for title, examples in SECTIONS:
        print(f"{title}\n{'':<4}{'example':<38}{'twinmath.ref':<30}{'twinmath.go':<30}parity")
        for ex in examples:
            r, rerr = outcome(ref, ex.op, ex.args)
            g, gerr = outcome(go, ex.op, ex.args)
            v = verdict(ex, r, g, rerr, gerr)
            bad += v.startswith("DIFFER")
            rs, gs = show(r, rerr), show(g, gerr)
            if len(rs) > 29 or len(gs) > 29:
                print(f"{'':<4}{ex.label:<38}{rs}\n{'':<42}{'':<30}{gs}\n{'':<42}{'':<60}{v}")
            else:
                print(f"{'':<4}{ex.label:<38}{rs:<30}{gs:<30}{v}")
        print()
    print("all examples agree" if not bad else f"{bad} examples DIFFER")
    return 1 if bad else 0
