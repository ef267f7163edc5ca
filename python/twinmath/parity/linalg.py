"""Parity checks of the matrix operations."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import tolerances as tol
from .._front.linalg_numpy import cond_order, tensordot_plan, tensorsolve_plan
from . import Args, Case, Check, normal, positional, register, sizes, wide
from .decomp import stack_errors, stacked_bound, stacks

M2A, M2B = [[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]


def _dims(rng: np.random.Generator, k: int, high: int = 24) -> list[tuple[int, int, int]]:
    return [tuple(int(s) for s in sizes(rng, 3, high)) for _ in range(k)]  # type: ignore[misc]


# ---- stacks ---------------------------------------------------------------------
#
# Stacked cases: leading shapes drawn (a count of 0 among them), matrices of
# the exact-only entries above, small enough for the shared vectors.


def _lead(rng: np.random.Generator) -> tuple[int, ...]:
    """A leading shape: one or two dimensions of 0 to 4 matrices (0 rarely)."""
    k = int(rng.integers(1, 3))
    return tuple(int(d) for d in rng.integers(0, 5, size=k) + (rng.random(k) < 0.9))


def _square_stacks(rng: np.random.Generator, name: str = "A") -> list[Case]:
    cases: list[Case] = []
    for n in (1, 2, 3, 4, 5):
        lead = _lead(rng)
        cases.append((f"stack {lead} of normal {n}x{n}", {name: normal(rng, *lead, n, n)}))
    cases.append(("stack (3,) of 0x0", {name: np.zeros((3, 0, 0))}))
    cases.append(("stack (0,) of 3x3", {name: np.zeros((0, 3, 3))}))
    cases.append(("stack (2, 0) of 2x2", {name: np.zeros((2, 0, 2, 2))}))
    cases.append(("stack (1,) of 2x2", {name: np.array([M2A])}))
    return cases


def per_matrix(f: Callable[..., Any], a: Any, r: Any) -> Any:
    """Apply the single-matrix bound ``f(A_i, R_i)`` to each matrix of a stack.

    ``a`` has shape ``(..., n, n)``; ``r`` is the result, of shape ``(...)``
    (one value per matrix) or ``(..., n, k)`` (a matrix per matrix, each
    entry bounded by its matrix's bound). A single matrix is ``f(a, r)``.
    """
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 2:
        return f(a, r)
    r = np.asarray(r, dtype=np.float64)
    count = math.prod(a.shape[:-2])
    if count == 0:
        return np.zeros(r.shape)
    rs = r.reshape(count, -1)
    bounds = np.array([f(m, x) for m, x in zip(a.reshape(count, *a.shape[-2:]), rs, strict=True)])
    return np.broadcast_to(bounds.reshape(count, 1), rs.shape).reshape(r.shape)


def _pairs(args: Args, r: Any) -> tuple[tuple[int, ...], np.ndarray, np.ndarray]:
    """Return the leading shape of inv's or solve's result, and its pairs (A_i, X_i) as stacks.

    solve's A broadcasts against b (a 1-D b is one vector, numpy ≥ 2); each
    X_i is an n×k matrix, the result one matrix or vector per pair.
    """
    A, x = np.asarray(args["A"], dtype=np.float64), np.asarray(r, dtype=np.float64)
    vector = "b" in args and np.ndim(args["b"]) == 1
    lead = x.shape[:-1] if vector else x.shape[:-2]
    n, k, count = A.shape[-1], 1 if vector else x.shape[-1], math.prod(lead)
    return lead, np.broadcast_to(A, (*lead, n, n)).reshape(count, n, n), x.reshape(count, n, k)


def _solve_ratio(args: Args, r: Any, g: Any) -> float:
    """``solve_ratio`` of the worst pair of a stack (inv's or solve's)."""
    lead, a3, r3 = _pairs(args, r)
    if not lead:
        return tol.linalg.solve_ratio(args["A"], r, g)
    if np.shape(r) != np.shape(g):
        return math.inf
    g3 = np.asarray(g, dtype=np.float64).reshape(r3.shape)
    return max((tol.linalg.solve_ratio(*x) for x in zip(a3, r3, g3, strict=True)), default=0.0)


def _solve_bound(args: Args, r: Any) -> Any:
    """``solve_bound`` per pair of a stack, for each entry of its solution (inv's or solve's)."""
    lead, a3, r3 = _pairs(args, r)
    if not lead:
        return tol.linalg.solve_bound(args["A"], r)
    bounds = np.array([tol.linalg.solve_bound(m, y) for m, y in zip(a3, r3, strict=True)])
    return np.broadcast_to(bounds.reshape(-1, 1, 1), r3.shape).reshape(np.shape(r))


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
    # numpy's promotions and broadcasting.
    cases.append(("vector @ vector", {"A": [1.0, 2.0, 3.0], "B": [4.0, 5.0, 6.0]}))
    cases.append(("vector @ matrix", {"A": [1.0, 2.0], "B": M2B}))
    for _ in range(3):
        m, n, p = (int(d) for d in rng.integers(1, 5, size=3))
        lead = _lead(rng)
        cases.append(
            (f"stack {lead} @ stack", {"A": normal(rng, *lead, m, n), "B": normal(rng, *lead, n, p)})
        )
        cases.append((f"stack {lead} @ matrix", {"A": normal(rng, *lead, m, n), "B": normal(rng, n, p)}))
        cases.append((f"matrix @ stack {lead}", {"A": normal(rng, m, n), "B": normal(rng, *lead, n, p)}))
        cases.append((f"stack {lead} @ vector", {"A": normal(rng, *lead, m, n), "B": normal(rng, n)}))
        cases.append((f"vector @ stack {lead}", {"A": normal(rng, m), "B": normal(rng, *lead, m, p)}))
    cases.append(("broadcast (2, 1) @ (3,)", {"A": normal(rng, 2, 1, 2, 3), "B": normal(rng, 3, 3, 2)}))
    cases.append(("stack (0,) @ matrix", {"A": np.zeros((0, 2, 3)), "B": normal(rng, 3, 2)}))
    return cases


def _matmul_bound(a: Args, r: Any) -> Any:
    return tol.vectors.matmul_bound(a["A"], a["B"]).reshape(np.shape(r))


register(
    Check(
        "matmul",
        "2·γₙ·(|A|·|B|)ᵢⱼ + 2nη, per entry",
        _matmul_cases,
        bound=_matmul_bound,
        errors=[
            ("inner dimensions differ", {"A": [[1.0, 2.0]], "B": [[1.0, 2.0]]}),
            ("matrix @ wrong vector", {"A": M2A, "B": [1.0, 2.0, 3.0]}),
            ("stacks, inner dimensions differ", {"A": np.zeros((2, 2, 3)), "B": np.zeros((2, 2, 2))}),
        ],
        python_only=[
            ("0-D A", {"A": 2.0, "B": M2B}),
            ("leading dimensions do not broadcast", {"A": np.zeros((2, 2, 2)), "B": np.zeros((3, 2, 2))}),
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


def _trace_offset_cases(rng: np.random.Generator) -> list[Case]:
    """numpy's trace of any matrix, and of the diagonals above and below the main one."""
    cases: list[Case] = [
        ("wide 2x3, numpy's rule", {"A": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}),
        ("empty 0x3", {"A": np.zeros((0, 3))}),
        ("offset 2**62: outside", {"A": M2A, "offset": 2**62}),
        ("offset -2**62: outside", {"A": M2A, "offset": -(2**62)}),
    ]
    x = normal(rng, 5, 8)
    for k in (-5, -4, -1, 0, 1, 3, 7, 8):
        cases.append((f"normal 5x8, offset {k}", {"A": x, "offset": k}))
    cases.append(("tall 9x4, offset -2", {"A": normal(rng, 9, 4), "offset": -2}))
    return cases


register(
    Check(
        "trace",
        "2·γₙ·Σ|Aᵢᵢ| + 2nη",
        lambda rng: [
            ("empty", {"A": np.zeros((0, 0))}),
            *_square_cases(rng, [("worked", {"A": M2A})]),
            *_trace_offset_cases(rng),
            *stacks(rng, "A", [(3, 3), (2, 5)]),
            *[(f"{label}, offset -1", {**a, "offset": -1}) for label, a in stacks(rng, "A", [(4, 3)])],
        ],
        bound=stacked_bound(lambda a, r: tol.vectors.trace_bound(a["A"], a.get("offset", 0)), "A"),
        python_only=[("1-D", {"A": [1.0, 2.0]}), ("offset 1.5", {"A": M2A, "offset": 1.5})],
    )
)

_LU_ERRORS: list[Case] = [
    ("not square", {"A": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}),
    ("NaN entry", {"A": [[1.0, math.nan], [0.0, 1.0]]}),
    ("inf entry", {"A": [[math.inf, 0.0], [0.0, 1.0]]}),
    ("stack, not square", {"A": np.zeros((2, 2, 3))}),
    (
        "stack, inf in matrix 2",
        {"A": [np.eye(2), np.eye(2), [[1.0, 0.0], [math.inf, 1.0]], [[math.nan, 0], [0, 1]]]},
    ),
    (
        "stack (2, 2), NaN in matrix 3",
        {"A": [[np.eye(2), np.eye(2)], [np.eye(2), [[1.0, 0.0], [0.0, math.nan]]]]},
    ),
]

# Singular matrices inside stacks (det gives 0, inv and solve name the first).
_SINGULAR_STACK = [M2A, [[1.0, 2.0], [2.0, 4.0]], np.eye(2), np.zeros((2, 2))]

# The fixed determinants det and slogdet both check: det 2, 0, 1 and 0.
_DET_FIXED: list[Case] = [
    ("worked example", {"A": M2A}),
    ("singular", {"A": [[1.0, 2.0], [2.0, 4.0]]}),
    ("identity", {"A": np.eye(3)}),
    ("zero", {"A": np.zeros((3, 3))}),
]


register(
    Check(
        "det",
        "2·(Π(σᵢ + nργₙσ₁) − Πσᵢ + (n·L + n + 1)·ε·|det|)",
        lambda rng: (
            _square_cases(
                rng,
                [
                    *_DET_FIXED,
                    ("empty 0x0: the empty product", {"A": np.zeros((0, 0))}),
                    ("stack with singular matrices", {"A": _SINGULAR_STACK}),
                ],
            )
            + _square_stacks(rng)
        ),
        bound=lambda a, r: per_matrix(lambda m, _: tol.linalg.det_bound(m), a["A"], r),
        errors=list(_LU_ERRORS),
        python_only=[("1-D", {"A": [1.0, 2.0]})],
    )
)


register(
    Check(
        "inv",
        "‖Δ‖₂ ≤ 2·κ·(nργₙ + γₙ)·‖A⁻¹‖₂",
        lambda rng: (
            _square_cases(
                rng,
                [
                    ("worked example", {"A": M2A}),
                    ("identity", {"A": np.eye(3)}),
                    ("empty 0x0", {"A": np.zeros((0, 0))}),
                ],
            )
            + _square_stacks(rng)
        ),
        bound=_solve_bound,
        compare=_solve_ratio,
        errors=[
            *_LU_ERRORS,
            ("singular", {"A": [[1.0, 2.0], [2.0, 4.0]]}),
            ("zero", {"A": np.zeros((2, 2))}),
            ("stack, matrices 1 and 3 singular", {"A": _SINGULAR_STACK}),
        ],
        python_only=[("1-D", {"A": [1.0, 2.0]})],
    )
)


def _solve_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"A": [[3.0, 1.0], [1.0, 2.0]], "b": [9.0, 8.0]}),
        ("several right-hand sides", {"A": M2A, "b": np.eye(2)}),
        ("empty 0x0", {"A": np.zeros((0, 0)), "b": np.zeros(0)}),
        ("empty 0x0, k=2", {"A": np.zeros((0, 0)), "b": np.zeros((0, 2))}),
    ]
    for label, a in _square_cases(rng, []):
        n = np.shape(a["A"])[0]
        cases.append((label, {"A": a["A"], "b": normal(rng, n)}))
        cases.append((label + ", k=3", {"A": a["A"], "b": normal(rng, n, 3)}))
    # numpy's (≥ 2) rules: a 1-D b is one vector for every matrix; else (..., n, k) broadcast.
    for n in (1, 2, 3, 4):
        lead = _lead(rng)
        s = normal(rng, *lead, n, n)
        cases.append((f"stack {lead} of {n}x{n}, one vector", {"A": s, "b": normal(rng, n)}))
        cases.append((f"stack {lead} of {n}x{n}, stack of {n}x2", {"A": s, "b": normal(rng, *lead, n, 2)}))
        cases.append((f"stack {lead} of {n}x{n}, one {n}x1", {"A": s, "b": normal(rng, n, 1)}))
        cases.append(
            (f"one {n}x{n}, stack {lead} of {n}x3", {"A": normal(rng, n, n), "b": normal(rng, *lead, n, 3)})
        )
    cases.append(("broadcast (2, 1) with (3,)", {"A": normal(rng, 2, 1, 3, 3), "b": normal(rng, 3, 3, 2)}))
    cases.append(("stack (0,), one vector", {"A": np.zeros((0, 3, 3)), "b": normal(rng, 3)}))
    return cases


register(
    Check(
        "solve",
        "‖Δ‖₂ ≤ 2·κ·(nργₙ + γₙ)·‖x‖₂",
        _solve_cases,
        bound=_solve_bound,
        compare=_solve_ratio,
        errors=[
            ("A not square", {"A": [[1.0, 2.0]], "b": [1.0]}),
            ("b rows differ", {"A": M2A, "b": [1.0, 2.0, 3.0]}),
            ("NaN in A", {"A": [[math.nan, 0.0], [0.0, 1.0]], "b": [1.0, 1.0]}),
            ("inf in b", {"A": M2A, "b": [1.0, math.inf]}),
            ("singular", {"A": [[1.0, 2.0], [2.0, 4.0]], "b": [1.0, 1.0]}),
            ("stack, matrices 1 and 3 singular", {"A": _SINGULAR_STACK, "b": [1.0, 1.0]}),
            (
                "stack, inf in b 2",
                {"A": [M2A, M2A, M2A], "b": [[[1.0], [1.0]], [[1.0], [1.0]], [[math.inf], [1.0]]]},
            ),
            ("3-D b of 1x1 matrices", {"A": M2A, "b": np.zeros((2, 1, 1))}),
        ],
        python_only=[
            ("0-D b", {"A": M2A, "b": 1.0}),
            ("leading dimensions do not broadcast", {"A": np.zeros((2, 2, 2)), "b": np.zeros((3, 2, 1))}),
        ],
    )
)


# ---- slogdet, cond, matrix_power, multi_dot, diagonal, matrix_transpose ---------


def _renamed(cases: list[Case], old: str, new: str) -> list[Case]:
    return [(label, {new if k == old else k: v for k, v in args.items()}) for label, args in cases]


def _slogdet_cases(rng: np.random.Generator) -> list[Case]:
    cases = _renamed(
        _square_cases(
            rng,
            _DET_FIXED,
        ),
        "A",
        "a",
    )
    cases.append(("empty 0x0: the empty product", {"a": np.zeros((0, 0))}))
    # det = 1e-600 and 1e600: beyond float64, not beyond their logarithm.
    cases.append(("det 1e-600", {"a": np.diag([1e-200, 1e-200, -1e-200])}))
    cases.append(("det 1e600", {"a": [[0.0, 1e300], [1e300, 0.0]]}))
    cases.append(("normal 60x60 scaled 1e-10", {"a": normal(rng, 60, 60) * 1e-10}))
    cases.append(("stack with singular matrices", {"a": _SINGULAR_STACK}))
    return cases + _square_stacks(rng, "a")


def _slogdet_bound(a: Any) -> Any:
    """``slogdet_bound`` per matrix of a stack: two arrays of shape (...)."""
    x = np.asarray(a, dtype=np.float64)
    if x.ndim == 2:
        return tol.linalg.slogdet_bound(x)
    n = x.shape[-1]
    bounds = [tol.linalg.slogdet_bound(m) for m in x.reshape(math.prod(x.shape[:-2]), n, n)]
    sign = np.array([b[0] for b in bounds]).reshape(x.shape[:-2])
    log = np.array([b[1] for b in bounds]).reshape(x.shape[:-2])
    return sign, log


register(
    Check(
        "slogdet",
        "sign exact; |Δ ln|det|| ≤ 2(−Σ ln(1 − e/σᵢ) + (nL + n + 1)ε + γₙnL), e = c·σ₁ (LU backward error)",
        _slogdet_cases,
        bound=lambda a, r: _slogdet_bound(a["a"]),
        errors=[
            ("not square", {"a": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}),
            ("NaN entry", {"a": [[1.0, math.nan], [0.0, 1.0]]}),
            ("inf entry", {"a": [[math.inf, 0.0], [0.0, 1.0]]}),
            ("stack, NaN in matrix 1", {"a": [np.eye(2), [[1.0, math.nan], [0.0, 1.0]]]}),
        ],
        python_only=[("1-D", {"a": [1.0, 2.0]})],
    )
)

_COND_ORDERS: list[Any] = [2.0, -2.0, 1.0, -1.0, math.inf, -math.inf, "fro", "nuc"]


def _cond_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example, p None", {"x": M2A}),
        ("singular, p None: a computed σₙ > 0 or 0", {"x": [[1.0, 2.0], [2.0, 4.0]]}),
        ("zero, p 2: 0/0 is inf", {"x": np.zeros((2, 2)), "p": 2.0}),
        ("zero, p -2", {"x": np.zeros((2, 2)), "p": -2.0}),
        ("wide 2x5, p None", {"x": normal(rng, 2, 5)}),
        ("tall 6x3, p -2", {"x": normal(rng, 6, 3), "p": -2.0}),
    ]
    for p in _COND_ORDERS:
        cases.append((f"worked example, p {p}", {"x": M2A, "p": p}))
        cases.append((f"identity, p {p}", {"x": np.eye(3), "p": p}))
        if p not in (2.0, -2.0):
            cases.append((f"singular, p {p}: inf", {"x": [[1.0, 2.0], [2.0, 4.0]], "p": p}))
        for n in (1, 3, 6, 12):
            cases.append((f"normal {n}x{n}, p {p}", {"x": normal(rng, n, n), "p": p}))
        cases.append((f"scaled 1e150, p {p}", {"x": normal(rng, 4, 4) * 1e150, "p": p}))
    # Stacks: each matrix as the single call, judged with its bound.
    cases += stacks(rng, "x", [(3, 3), (4, 2), (2, 5)])
    for p in (-2.0, 1.0, -math.inf, "fro", "nuc"):
        cases += [(f"{label}, p {p}", {**a, "p": p}) for label, a in stacks(rng, "x", [(3, 3), (1, 1)])]
    cases.append(
        ("stack with a singular matrix, p 1: inf", {"x": [np.eye(2), [[1.0, 2.0], [2.0, 4.0]]], "p": 1.0})
    )
    return cases


register(
    Check(
        "cond",
        "p ±2: σ's within e = svd_error each; else ‖A‖·‖A⁻¹‖ with ‖ΔA⁻¹‖₂ ≤ solve_bound",
        _cond_cases,
        bound=stacked_bound(lambda a, r: tol.linalg.cond_bound(a["x"], cond_order(a.get("p")), r), "x"),
        errors=[
            ("empty", {"x": np.zeros((0, 0))}),
            ("empty, p 1", {"x": np.zeros((0, 0)), "p": 1.0}),
            ("stack (3,) of 0x0", {"x": np.zeros((3, 0, 0))}),
            ("stack (0,) of 2x0: the shape is refused", {"x": np.zeros((0, 2, 0))}),
            ("stack (2,) of 2x3, p 1", {"x": np.zeros((2, 2, 3)), "p": 1.0}),
            *stack_errors("x", [[[math.nan, 0.0], [0.0, 1.0]]], square=False),
            *[
                (f"{label}, p 1", {**a, "p": 1.0})
                for label, a in stack_errors("x", [[[math.inf, 0.0], [0.0, 1.0]]])
            ],
            ("NaN entry", {"x": [[1.0, math.nan], [0.0, 1.0]]}),
            ("inf entry, p 1", {"x": [[math.inf, 0.0], [0.0, 1.0]], "p": 1.0}),
            ("not square, p 1", {"x": [[1.0, 2.0, 3.0]], "p": 1.0}),
            ("not square, p inf", {"x": [[1.0, 2.0, 3.0]], "p": math.inf}),
            ("p 3", {"x": M2A, "p": 3.0}),
        ],
        python_only=[
            ("p 'euclid'", {"x": M2A, "p": "euclid"}),
            ("not square, p 'fro'", {"x": [[1.0, 2.0, 3.0]], "p": "fro"}),
            ("1-D", {"x": [1.0, 2.0]}),
        ],
    )
)


def _matrix_power_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [(f"worked example, n {k}", {"a": M2A, "n": k}) for k in (0, 1, 2, 3, 5, -1, -3)]
    cases.append(("NaN entry, n 0: the identity", {"a": [[math.nan, 0.0], [0.0, 1.0]], "n": 0}))
    cases.append(("empty 0x0, n 3", {"a": np.zeros((0, 0)), "n": 3}))
    cases.append(("empty 0x0, n -2", {"a": np.zeros((0, 0)), "n": -2}))
    cases.append(("permutation, n 1000001", {"a": [[0.0, 1.0], [1.0, 0.0]], "n": 1000001}))
    for n, k in ((1, 9), (3, 4), (4, 7), (5, 12), (8, 6), (12, 13), (3, -2), (4, -5), (6, -1)):
        # Entries of spectral radius about 1 keep high powers in range.
        cases.append((f"normal {n}x{n}, n {k}", {"a": normal(rng, n, n) / (n + 1), "n": k}))
    for k in (0, 1, 3, 6, -1, -2):
        cases += [
            (f"{label}, n {k}", {"a": np.asarray(a["a"]) / 4, "n": k})
            for label, a in stacks(rng, "a", [(3, 3), (1, 1)])
        ]
    # Beyond int64 (numpy's test: 2**100 + …): the front's powers within it.
    shift = np.eye(4)[[3, 0, 1, 2]]
    for text, k in (
        ("2**100 + 1", 2**100 + 1),
        ("2**100 + 2**10 + 2**5 + 3", 2**100 + 2**10 + 2**5 + 3),
        ("-(2**100 + 1)", -(2**100 + 1)),
        ("2**63", 2**63),
        ("-(2**63) - 1", -(2**63) - 1),
    ):
        cases.append((f"permutation 4x4, n {text}", {"a": shift, "n": k}))
    cases.append(("identity 3x3, n 2**100 + 1", {"a": np.eye(3), "n": 2**100 + 1}))
    cases.append(("contraction 3x3, n 2**100 + 1", {"a": normal(rng, 3, 3) / 8, "n": 2**100 + 1}))
    cases.append(
        ("contraction 3x3, n -(2**100 + 1)", {"a": 8 * np.eye(3) + normal(rng, 3, 3), "n": -(2**100 + 1)})
    )
    cases.append(
        ("stack of permutations, n 2**70 + 5", {"a": np.stack([shift, shift.T, np.eye(4)]), "n": 2**70 + 5})
    )
    return cases


register(
    Check(
        "matrix_power",
        "n ≥ 0: 2·γ_{(n−1)m}·(|A|ⁿ)ᵢⱼ; n < 0: ‖Δ‖₂ ≤ |n|(‖X‖ + d)^(|n|−1)·d + 2γ‖|X|^|n|‖_F, X = A⁻¹;"
        " |n| beyond int64: 2(ρ^|n| + Q·m²·η), 0 off the pattern of Aⁿ",
        _matrix_power_cases,
        bound=stacked_bound(lambda a, r: tol.linalg.matrix_power_bound(a["a"], a["n"]), "a"),
        errors=[
            ("not square", {"a": [[1.0, 2.0, 3.0]], "n": 2}),
            ("stack, not square", {"a": np.zeros((2, 2, 3)), "n": 2}),
            ("stack, matrix 1 singular, n -1", {"a": [np.eye(2), [[1.0, 2.0], [2.0, 4.0]]], "n": -1}),
            *[
                (f"{label}, n -2", {"a": a["A"], "n": -2})
                for label, a in stack_errors("A", [[[math.nan, 0.0], [0.0, 1.0]]], square=False)
            ],
            ("singular, n -1", {"a": [[1.0, 2.0], [2.0, 4.0]], "n": -1}),
            ("NaN entry, n -1", {"a": [[math.nan, 0.0], [0.0, 1.0]], "n": -1}),
        ],
        python_only=[
            ("n 2.0", {"a": M2A, "n": 2.0}),
            ("1-D", {"a": [1.0, 2.0], "n": 2}),
            ("n 2.0**100", {"a": M2A, "n": 2.0**100}),
            ("not square, n 2**100", {"a": [[1.0, 2.0, 3.0]], "n": 2**100}),
            ("singular, n -(2**100)", {"a": [[1.0, 2.0], [2.0, 4.0]], "n": -(2**100)}),
            (
                "stack, matrix 1 NaN, n -(2**64)",
                {"a": [np.eye(2), [[math.nan, 0.0], [0.0, 1.0]]], "n": -(2**64)},
            ),
        ],
    )
)


def _multi_dot_args(arrays: list[Any]) -> Args:
    return {f"A{i}": x for i, x in enumerate(arrays)}


def _multi_dot_arrays(args: Args) -> list[Any]:
    return [args[f"A{i}"] for i in range(len(args) - ("out" in args))]


def _multi_dot_call(module: Any, args: Args) -> Any:
    if "out" in args:
        return module.multi_dot(_multi_dot_arrays(args), out=args["out"])
    return module.multi_dot(_multi_dot_arrays(args))


def _multi_dot_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", _multi_dot_args([[[1.0, 2.0]], [[3.0], [4.0]], [[5.0, 6.0]]])),
        ("vectors at both ends", _multi_dot_args([[1.0, 2.0], np.eye(2), [3.0, 4.0]])),
        ("two matrices", _multi_dot_args([M2A, M2B])),
        ("empty inner dimension", _multi_dot_args([np.zeros((2, 0)), np.zeros((0, 3)), normal(rng, 3, 2)])),
    ]
    for k in (3, 4, 5, 6):
        dims = [int(d) + 1 for d in rng.integers(0, 12, size=k + 1)]
        cases.append(
            (
                f"chain of {k}, dims {dims}",
                _multi_dot_args([normal(rng, dims[i], dims[i + 1]) for i in range(k)]),
            )
        )
    cases.append(("vector first", _multi_dot_args([normal(rng, 5), normal(rng, 5, 3), normal(rng, 3, 4)])))
    cases.append(("vector last", _multi_dot_args([normal(rng, 2, 6), normal(rng, 6, 3), normal(rng, 3)])))
    return cases


register(
    Check(
        "multi_dot",
        "2·γ_{n₁+…+n_{k−1}}·(|A₁|···|Aₖ|)ᵢⱼ + underflow, per entry",
        _multi_dot_cases,
        bound=lambda a, r: tol.linalg.multi_dot_bound(_multi_dot_arrays(a)).reshape(np.shape(r)),
        call=_multi_dot_call,
        errors=[
            ("inner dimensions differ", _multi_dot_args([M2A, [[1.0, 2.0, 3.0]], M2B])),
        ],
        python_only=[
            ("one array", _multi_dot_args([M2A])),
            ("vector in the middle", _multi_dot_args([M2A, [1.0, 2.0], M2B])),
            # out: numpy's rules, nothing converted (its shape is that of the result)
            ("out a list", {**_multi_dot_args([M2A, M2B]), "out": [[0.0, 0.0], [0.0, 0.0]]}),
            ("out float32", {**_multi_dot_args([M2A, M2B]), "out": np.zeros((2, 2), np.float32)}),
            ("out Fortran-ordered", {**_multi_dot_args([M2A, M2B]), "out": np.zeros((2, 2), order="F")}),
            ("out not contiguous", {**_multi_dot_args([M2A, M2B]), "out": np.zeros((2, 4))[:, ::2]}),
            (
                "out of the transposed shape",
                {**_multi_dot_args([M2A, [[1.0], [2.0]]]), "out": np.zeros((1, 2))},
            ),
            (
                "out 2-D for a vector last",
                {**_multi_dot_args([M2A, M2B, [1.0, 2.0]]), "out": np.zeros((2, 1))},
            ),
        ],
    )
)


def _diagonal_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [("worked example", {"x": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]})]
    x = wide(rng, 4, 6)
    for k in (-4, -2, -1, 0, 1, 3, 5, 6):
        cases.append((f"wide 4x6, offset {k}", {"x": x, "offset": k}))
    cases.append(("empty 0x3", {"x": np.zeros((0, 3))}))
    for k in (-2, 0, 1, 4):
        cases += [(f"{label}, offset {k}", {**a, "offset": k}) for label, a in stacks(rng, "x", [(3, 4)])]
    return cases


register(
    Check(
        "diagonal",
        "bit for bit",
        _diagonal_cases,
        python_only=[("1-D", {"x": [1.0, 2.0]}), ("offset 1.5", {"x": M2A, "offset": 1.5})],
        call=positional("diagonal", "x"),
    )
)
register(
    Check(
        "matrix_transpose",
        "bit for bit",
        lambda rng: _renamed(_transpose_cases(rng), "A", "x") + stacks(rng, "x", [(2, 3), (1, 4)]),
        python_only=[("1-D", {"x": [1.0, 2.0]})],
        call=positional("matrix_transpose", "x"),
    )
)


# ---- tensorsolve, tensorinv, tensordot ------------------------------------------


def _axes_call(op: str) -> Any:
    """Call ``op`` with an ``axes`` array read back from a vector file (floats) as integers."""

    def call(module: Any, args: Args) -> Any:
        axes = args.get("axes")
        if isinstance(axes, np.ndarray) and axes.dtype.kind == "f" and np.all(axes == np.round(axes)):
            args = {**args, "axes": axes.astype(np.int64)}
        return getattr(module, op)(**args)

    return call


def _tensor_matrix(a: Any, order: list[int]) -> np.ndarray:
    """``a`` with its axes in ``order``, as the square matrix of its system."""
    x = np.ascontiguousarray(np.transpose(np.asarray(a, dtype=np.float64), order))
    q = math.isqrt(x.size)
    return x.reshape(q, q)


def _tensorsolve_system(a: Args) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(a["a"], dtype=np.float64), np.asarray(a["b"], dtype=np.float64)
    axes = a.get("axes")
    order, _ = tensorsolve_plan(x, y, None if axes is None else [int(k) for k in axes])
    return _tensor_matrix(x, order), y.reshape(-1)


def _tensorsolve_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example: the identity", {"a": np.eye(6).reshape(6, 2, 3), "b": np.arange(6.0)}),
        ("b of 2 dimensions", {"a": normal(rng, 2, 3, 6), "b": normal(rng, 2, 3)}),
        (
            "b of shape (3, 2) against a (2, 3, 6): numpy counts values",
            {"a": normal(rng, 2, 3, 6), "b": normal(rng, 3, 2)},
        ),
        (
            "axes (0, 2) moved to the end",
            {"a": normal(rng, 3, 2, 2, 3), "b": normal(rng, 2, 3), "axes": [0, 2]},
        ),
        ("axes (1,)", {"a": normal(rng, 4, 2, 2), "b": normal(rng, 4), "axes": [1]}),
        ("a repeated axis moves again", {"a": normal(rng, 4, 2, 2), "b": normal(rng, 4), "axes": [1, 1]}),
        ("1x1 against b of as many dimensions", {"a": [[2.0]], "b": [[3.0]]}),
        ("no unknowns", {"a": np.zeros((0, 0)), "b": np.zeros(0)}),
        ("needs pivoting", {"a": np.array([[0.0, 1.0], [1.0, 0.0]]).reshape(2, 2, 1), "b": [1.0, 2.0]}),
    ]
    for n in (1, 2, 3, 5):
        cases.append((f"normal ({n}, {n}, {n}, {n})", {"a": normal(rng, n, n, n, n), "b": normal(rng, n, n)}))
    return cases


register(
    Check(
        "tensorsolve",
        "as solve on the q×q system: ‖Δ‖₂ ≤ 2·κ·(qργ_q + γ_q)·‖x‖₂",
        _tensorsolve_cases,
        bound=lambda a, r: (
            0.0 if np.size(r) == 0 else tol.linalg.solve_bound(_tensorsolve_system(a)[0], np.ravel(r))
        ),
        compare=lambda a, r, g: tol.linalg.solve_ratio(_tensorsolve_system(a)[0], np.ravel(r), np.ravel(g)),
        errors=[
            ("a not square for b", {"a": np.zeros((2, 3, 6)), "b": np.zeros(6)}),
            ("b of too few values", {"a": np.eye(4).reshape(2, 2, 4), "b": np.zeros((2, 1))}),
            ("axis out of range", {"a": np.eye(4).reshape(4, 2, 2), "b": np.zeros(4), "axes": [3]}),
            ("negative axis", {"a": np.eye(4).reshape(4, 2, 2), "b": np.zeros(4), "axes": [-1]}),
            ("NaN in a", {"a": [[math.nan, 0.0], [0.0, 1.0]], "b": [1.0, 1.0]}),
            ("inf in b", {"a": np.eye(2), "b": [1.0, math.inf]}),
            ("singular", {"a": np.ones((2, 2, 2, 2)), "b": np.ones((2, 2))}),
        ],
        call=_axes_call("tensorsolve"),
        python_only=[
            ("axes 1.5", {"a": np.eye(2), "b": [1.0, 1.0], "axes": [1.5]}),
            ("axes 0", {"a": np.eye(2), "b": [1.0, 1.0], "axes": 0}),
        ],
    )
)


def _tensorinv_matrix(a: Args) -> np.ndarray:
    x = np.asarray(a["a"], dtype=np.float64)
    q = math.isqrt(x.size)
    return x.reshape(q, q)


def _tensorinv_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"a": (2.0 * np.eye(6)).reshape(6, 2, 3), "ind": 1}),
        ("the default ind 2", {"a": normal(rng, 2, 3, 6)}),
        ("ind 2 of 4 dimensions", {"a": normal(rng, 2, 3, 3, 2)}),
        ("ind 1 of a matrix: inv", {"a": normal(rng, 4, 4), "ind": 1}),
        ("ind beyond a's dimensions", {"a": [[3.0]], "ind": 5}),
    ]
    for n in (2, 3, 4):
        cases.append((f"normal ({n}, {n}, {n}, {n})", {"a": normal(rng, n, n, n, n)}))
    return cases


register(
    Check(
        "tensorinv",
        "as inv on the q×q matrix: ‖Δ‖₂ ≤ 2·κ·(qργ_q + γ_q)·‖A⁻¹‖₂",
        _tensorinv_cases,
        bound=lambda a, r: tol.linalg.solve_bound(
            _tensorinv_matrix(a), np.reshape(r, _tensorinv_matrix(a).shape)
        ),
        compare=lambda a, r, g: tol.linalg.solve_ratio(
            _tensorinv_matrix(a),
            np.reshape(r, _tensorinv_matrix(a).shape),
            np.reshape(g, _tensorinv_matrix(a).shape),
        ),
        errors=[
            ("ind 0", {"a": np.eye(2), "ind": 0}),
            ("not square", {"a": np.zeros((2, 3, 6)), "ind": 1}),
            ("empty", {"a": np.zeros((0, 0)), "ind": 1}),
            ("NaN entry", {"a": [[math.nan, 0.0], [0.0, 1.0]], "ind": 1}),
            ("singular", {"a": np.ones((2, 2, 2, 2))}),
        ],
        python_only=[("ind 1.0", {"a": np.eye(2), "ind": 1.0})],
    )
)


def _tensordot_matrices(a: Args) -> tuple[np.ndarray, np.ndarray]:
    """The matrices whose product ``tensordot`` is: a's free axes by the summed ones, b's summed by free."""
    x, y = np.asarray(a["a"], dtype=np.float64), np.asarray(a["b"], dtype=np.float64)
    axes = a.get("axes", 2)
    sa, sb = tensordot_plan(
        x, y, axes if np.ndim(axes) == 0 else [list(v) for v in np.asarray(axes, dtype=int)]
    )
    fa = [k for k in range(x.ndim) if k not in sa]
    fb = [k for k in range(y.ndim) if k not in sb]
    k = math.prod(x.shape[i] for i in sa)
    return (
        np.transpose(x, fa + sa).reshape(-1, k)
        if x.size
        else np.zeros((math.prod(x.shape[i] for i in fa), k)),
        np.transpose(y, sb + fb).reshape(k, -1)
        if y.size
        else np.zeros((k, math.prod(y.shape[i] for i in fb))),
    )


def _tensordot_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example, axes 2", {"a": M2A, "b": M2B}),
        ("axes 1: the matrix product", {"a": M2A, "b": M2B, "axes": 1}),
        ("axes 0: the outer product", {"a": [1.0, 2.0], "b": [3.0, 4.0, 5.0], "axes": 0}),
        ("vectors, axes 1: a 0-D result", {"a": [1.0, 2.0], "b": [3.0, 4.0], "axes": 1}),
        ("(2, 3, 4) by (3, 4, 5)", {"a": normal(rng, 2, 3, 4), "b": normal(rng, 3, 4, 5)}),
        (
            "pairs ([1, 0], [0, 1])",
            {"a": normal(rng, 3, 4, 2), "b": normal(rng, 4, 3, 5), "axes": [[1, 0], [0, 1]]},
        ),
        ("pairs ([-1], [-2])", {"a": normal(rng, 2, 3, 4), "b": normal(rng, 3, 4, 5), "axes": [[-1], [-2]]}),
        (
            "pairs of no axes",
            {"a": normal(rng, 2, 3), "b": normal(rng, 2), "axes": np.zeros((2, 0), dtype=int)},
        ),
        ("an empty summed axis: zeros", {"a": np.zeros((2, 0)), "b": np.zeros((0, 3)), "axes": 1}),
        ("wide (3, 4) by (4, 3)", {"a": wide(rng, 3, 4), "b": wide(rng, 4, 3), "axes": 1}),
        ("larger (20, 30, 10) by (30, 10, 15)", {"a": normal(rng, 20, 30, 10), "b": normal(rng, 30, 10, 15)}),
    ]
    return cases


register(
    Check(
        "tensordot",
        "2·γ_k·(|A|·|B|)ᵢⱼ + 2kη, per entry of the reshaped product",
        _tensordot_cases,
        bound=lambda a, r: tol.vectors.matmul_bound(*_tensordot_matrices(a)).reshape(np.shape(r)),
        errors=[
            ("shape-mismatch for sum", {"a": np.zeros((2, 3)), "b": np.zeros((2, 3)), "axes": 1}),
            ("axes 3 beyond a", {"a": np.zeros((2, 3)), "b": np.zeros((2, 3, 4)), "axes": 3}),
            ("negative axes", {"a": M2A, "b": M2B, "axes": -1}),
            ("axis out of bounds", {"a": np.zeros((2, 3)), "b": np.zeros((3, 2)), "axes": [[2], [0]]}),
            ("duplicate axes", {"a": np.zeros((2, 2)), "b": np.zeros((2, 2)), "axes": [[1, 1], [0, 0]]}),
        ],
        call=_axes_call("tensordot"),
        python_only=[
            ("axes 2.0", {"a": M2A, "b": M2B, "axes": 2.0}),
            ("lists of different lengths", {"a": M2A, "b": M2B, "axes": ([1], [0, 1])}),
            ("three lists", {"a": M2A, "b": M2B, "axes": ([1], [0], [1])}),
        ],
    )
)
