"""Parity checks of the matrix operations."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import tolerances as tol
from . import Args, Case, Check, normal, register, sizes, wide

M2A, M2B = [[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]


def _dims(rng: np.random.Generator, k: int, high: int = 24) -> list[tuple[int, int, int]]:
    return [tuple(int(s) for s in sizes(rng, 3, high)) for _ in range(k)]  # type: ignore[misc]


def _matmul_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"A": M2A, "B": M2B}),
        ("matrix @ vector", {"A": M2A, "B": [1.0, 1.0]}),
        ("empty inner", {"A": np.zeros((2, 0)), "B": np.zeros((0, 3))}),
    ]
    for m, n, p in _dims(rng, 10):
        cases.append((f"normal {m}x{n} @ {n}x{p}", {"A": normal(rng, m, n), "B": normal(rng, n, p)}))
    for m, n, _ in _dims(rng, 4):
        cases.append((f"normal {m}x{n} @ ({n},)", {"A": normal(rng, m, n), "B": normal(rng, n)}))
    cases.append(("wide 5x6 @ 6x4", {"A": wide(rng, 5, 6), "B": wide(rng, 6, 4)}))
    cases.append(("larger 70x130 @ 130x90", {"A": normal(rng, 70, 130), "B": normal(rng, 130, 90)}))
    return cases


def _matmul_bound(a: Args, r: Any) -> Any:
    b = np.asarray(a["B"], dtype=np.float64)
    return tol.vectors.matmul_bound(a["A"], b if b.ndim == 2 else b[:, None]).reshape(np.shape(r))


register(
    Check(
        "matmul",
        "2·γₙ·(|A|·|B|)ᵢⱼ + 2nη, per entry",
        _matmul_cases,
        bound=_matmul_bound,
        errors=[
            ("inner dimensions differ", {"A": [[1.0, 2.0]], "B": [[1.0, 2.0]]}),
            ("matrix @ wrong vector", {"A": M2A, "B": [1.0, 2.0, 3.0]}),
        ],
        python_only=[
            ("1-D A", {"A": [1.0, 2.0], "B": M2B}),
            ("3-D B", {"A": M2A, "B": np.zeros((2, 2, 2))}),
        ],
    )
)


def _square_cases(rng: np.random.Generator, worked: list[Case], finite_only: bool = True) -> list[Case]:
    cases = list(worked)
    for n in (1, 2, 3, 4, 7, 12, 30):
        cases.append((f"normal {n}x{n}", {"A": normal(rng, n, n)}))
    cases.append(("diagonal", {"A": np.diag([2.0, -3.0, 0.5])}))
    cases.append(("needs pivoting", {"A": [[0.0, 1.0], [1.0, 0.0]]}))
    cases.append(("scaled 1e150", {"A": normal(rng, 4, 4) * 1e150}))
    cases.append(("scaled 1e-150", {"A": normal(rng, 4, 4) * 1e-150}))
    return cases


def _transpose_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [("worked example", {"A": M2A}), ("empty rows", {"A": np.zeros((0, 3))})]
    for m, n, _ in _dims(rng, 8, 70):
        cases.append((f"normal {m}x{n}", {"A": normal(rng, m, n)}))
    cases.append(("wide", {"A": wide(rng, 3, 5)}))
    return cases


register(
    Check(
        "transpose",
        "bit for bit",
        _transpose_cases,
        python_only=[("1-D", {"A": [1.0, 2.0]})],
    )
)
register(
    Check(
        "trace",
        "2·γₙ·Σ|Aᵢᵢ| + 2nη",
        lambda rng: [("empty", {"A": np.zeros((0, 0))}), *_square_cases(rng, [("worked", {"A": M2A})])],
        bound=lambda a, r: tol.vectors.trace_bound(a["A"]),
        errors=[("not square", {"A": [[1.0, 2.0, 3.0]]})],
        python_only=[("1-D", {"A": [1.0, 2.0]})],
    )
)

_LU_ERRORS: list[Case] = [
    ("not square", {"A": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}),
    ("empty", {"A": np.zeros((0, 0))}),
    ("NaN entry", {"A": [[1.0, math.nan], [0.0, 1.0]]}),
    ("inf entry", {"A": [[math.inf, 0.0], [0.0, 1.0]]}),
]


register(
    Check(
        "det",
        "2·(Π(σᵢ + nργₙσ₁) − Πσᵢ + (n·L + n + 1)·ε·|det|)",
        lambda rng: _square_cases(
            rng,
            [
                ("worked example", {"A": M2A}),
                ("singular", {"A": [[1.0, 2.0], [2.0, 4.0]]}),
                ("identity", {"A": np.eye(3)}),
                ("zero", {"A": np.zeros((3, 3))}),
            ],
        ),
        bound=lambda a, r: tol.linalg.det_bound(a["A"]),
        errors=list(_LU_ERRORS),
        python_only=[("1-D", {"A": [1.0, 2.0]})],
    )
)


register(
    Check(
        "inv",
        "‖Δ‖₂ ≤ 2·κ·(nργₙ + γₙ)·‖A⁻¹‖₂",
        lambda rng: _square_cases(rng, [("worked example", {"A": M2A}), ("identity", {"A": np.eye(3)})]),
        bound=lambda a, r: tol.linalg.solve_bound(a["A"], r),
        compare=lambda a, r, g: tol.linalg.solve_ratio(a["A"], r, g),
        errors=[
            *_LU_ERRORS,
            ("singular", {"A": [[1.0, 2.0], [2.0, 4.0]]}),
            ("zero", {"A": np.zeros((2, 2))}),
        ],
        python_only=[("1-D", {"A": [1.0, 2.0]})],
    )
)


def _solve_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"A": [[3.0, 1.0], [1.0, 2.0]], "b": [9.0, 8.0]}),
        ("several right-hand sides", {"A": M2A, "b": np.eye(2)}),
    ]
    for label, a in _square_cases(rng, []):
        n = np.shape(a["A"])[0]
        cases.append((label, {"A": a["A"], "b": normal(rng, n)}))
        cases.append((label + ", k=3", {"A": a["A"], "b": normal(rng, n, 3)}))
    return cases


register(
    Check(
        "solve",
        "‖Δ‖₂ ≤ 2·κ·(nργₙ + γₙ)·‖x‖₂",
        _solve_cases,
        bound=lambda a, r: tol.linalg.solve_bound(a["A"], r),
        compare=lambda a, r, g: tol.linalg.solve_ratio(a["A"], r, g),
        errors=[
            ("A not square", {"A": [[1.0, 2.0]], "b": [1.0]}),
            ("b rows differ", {"A": M2A, "b": [1.0, 2.0, 3.0]}),
            ("empty", {"A": np.zeros((0, 0)), "b": np.zeros(0)}),
            ("NaN in A", {"A": [[math.nan, 0.0], [0.0, 1.0]], "b": [1.0, 1.0]}),
            ("inf in b", {"A": M2A, "b": [1.0, math.inf]}),
            ("singular", {"A": [[1.0, 2.0], [2.0, 4.0]], "b": [1.0, 1.0]}),
        ],
        python_only=[("3-D b", {"A": M2A, "b": np.zeros((2, 1, 1))})],
    )
)
