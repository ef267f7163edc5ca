"""Parity checks of eigh and eig.

The matrix families: the source material's example; identity, zero, diagonal
(with and without repeated entries), rank-deficient, graded (entries from
1e-150 to 1e150), nearly singular (condition 2⁴⁰ ≈ 1.1e12), Hilbert, 1×1 and 2×2;
for eig also rotations and companion matrices (complex eigenvalues),
triangular matrices and Jordan blocks (defective); random matrices of many
sizes and scales. Results are compared after canonicalisation under the
perturbation bounds of ``tolerances.eigen`` (``eigh_ratio``, ``eig_ratio``):
eigenvalues entry by entry, eigenvectors column by column where their
eigenvalue is isolated, invariant subspaces (projectors) where eigenvalues
cluster. An eigenvector whose canonical sign (phase) is ambiguous within its
own bound is compared up to that factor (``ambiguous_pivots``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import tolerances as tol
from . import Case, Check, geometric, grading, hilbert, matmul, normal, orthogonal, register, sizes
from .decomp import stack_errors, stacked_bound, stacked_compare, stacks

EXAMPLE = [[2.0, 0.0], [0.0, 3.0]]  # the source material's example


def with_eigenvalues(rng: np.random.Generator, lam: Any) -> np.ndarray:
    """The symmetric matrix Q·diag(λ)·Qᵀ for a random orthogonal Q."""
    q = orthogonal(rng, len(lam))
    a = matmul(q * np.asarray(lam, dtype=np.float64), q.T)
    return np.asarray((a + a.T) / 2)


def graded(rng: np.random.Generator, n: int, symmetric: bool) -> np.ndarray:
    """D·B·D with D = diag(2^−249 … 2^249): entries from about 1e-150 to 1e150."""
    b = normal(rng, n, n)
    if symmetric:
        b = b + b.T
    d = grading(n, 249)
    return np.asarray(d[:, None] * b * d[None, :])


def companion(roots: Any) -> np.ndarray:
    """The companion matrix of the monic polynomial with these roots."""
    c = np.real_if_close(np.poly(roots))
    n = len(c) - 1
    a = np.zeros((n, n))
    a[0] = -np.real(c[1:])
    a[np.arange(1, n), np.arange(n - 1)] = 1.0
    return a


def rotation(c: float, s: float) -> np.ndarray:
    """The rotation [[c, −s], [s, c]] (c² + s² = 1): eigenvalues c ± is."""
    return np.array([[c, -s], [s, c]])


def jordan(lam: float, k: int) -> np.ndarray:
    """The k×k Jordan block: λ on the diagonal, 1 above it; defective for k ≥ 2."""
    return lam * np.eye(k) + np.eye(k, k, 1)


def _common(rng: np.random.Generator, symmetric: bool) -> list[Case]:
    """The families both operations take."""

    def sym(a: np.ndarray) -> np.ndarray:
        return (a + a.T) / 2 if symmetric else a

    b = normal(rng, 6, 2)
    cases: list[Case] = [
        ("worked example", {"A": EXAMPLE}),
        ("1x1", {"A": [[-2.5]]}),
        ("2x2", {"A": sym(normal(rng, 2, 2))}),
        ("identity", {"A": np.eye(4)}),
        ("zero", {"A": np.zeros((3, 3))}),
        ("diagonal", {"A": np.diag([2.0, -3.0, 0.5, 7.0])}),
        ("diagonal, repeated entries", {"A": np.diag([2.0, 5.0, 2.0, -1.0, 5.0, 2.0])}),
        ("repeated eigenvalue, rotated", {"A": with_eigenvalues(rng, [1.0, 1.0, 1.0, 4.0, -2.0])}),
        ("rank 2 of 6", {"A": matmul(b, b.T) if symmetric else matmul(b, normal(rng, 2, 6))}),
        ("graded 1e-150..1e150", {"A": graded(rng, 6, symmetric)}),
        ("nearly singular, condition 2⁴⁰ ≈ 1.1e12", {"A": with_eigenvalues(rng, geometric(6, 8))}),
        ("Hilbert 8", {"A": hilbert(8)}),
        ("close eigenvalues 1 ± 1e-9", {"A": with_eigenvalues(rng, [1 - 1e-9, 1 + 1e-9, 3.0])}),
        ("scaled 1e150", {"A": sym(normal(rng, 5, 5)) * 1e150}),
        ("scaled 1e-150", {"A": sym(normal(rng, 5, 5)) * 1e-150}),
        ("subnormal entries", {"A": sym(normal(rng, 3, 3)) * 1e-310}),
    ]
    for n in sorted(set(sizes(rng, 6, 16)) | {1, 3, 10}):
        if n:
            cases.append((f"normal {n}x{n}", {"A": sym(normal(rng, n, n))}))
    cases.append(("normal 120x120", {"A": sym(normal(rng, 120, 120))}))
    return cases


# ---- eigh -------------------------------------------------------------------------


def _eigh_cases(rng: np.random.Generator) -> list[Case]:
    cases = _common(rng, symmetric=True)
    cases.append(("worked example of the docs", {"A": [[2.0, 1.0], [1.0, 2.0]]}))
    cases.append(("not symmetric: the lower triangle is read", {"A": normal(rng, 5, 5)}))
    cases.append(("tridiagonal 1, 2, 1", {"A": 2 * np.eye(9) + np.eye(9, 9, 1) + np.eye(9, 9, -1)}))
    cases += stacks(rng, "A", [(3, 3), (1, 1), (5, 5), (2, 2)], _symmetric)
    cases.append(("stack (3,) of 0x0", {"A": np.zeros((3, 0, 0))}))
    return cases


def _symmetric(rng: np.random.Generator, m: int, n: int) -> np.ndarray:
    a = normal(rng, m, n)
    return np.asarray((a + a.T) / 2)


register(
    Check(
        "eigh",
        "Weyl |Δλ| ≤ 2η; Davis–Kahan ‖Δv‖ ≤ 2(√2·η/gap + g), projectors of clusters; η = 30nε‖A‖₂",
        _eigh_cases,
        bound=stacked_bound(lambda a, r: tol.eigen.eigh_bounds(a["A"], r), "A"),
        compare=stacked_compare(lambda a, r, g: tol.eigen.eigh_ratio(a["A"], r, g), "A"),
        errors=[
            ("not square", {"A": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}),
            ("NaN entry", {"A": [[1.0, 0.0], [math.nan, 1.0]]}),
            ("inf in the upper triangle", {"A": [[1.0, math.inf], [0.0, 1.0]]}),
            *stack_errors("A", [[[1.0, math.nan], [0.0, 1.0]]]),
        ],
        python_only=[("1-D", {"A": [1.0, 2.0]}), ("complex", {"A": [[1j, 0], [0, 1]]})],
    )
)


# ---- eig --------------------------------------------------------------------------


def _eig_cases(rng: np.random.Generator) -> list[Case]:
    cases = _common(rng, symmetric=False)
    q = orthogonal(rng, 4)
    cases += [
        ("[[1, 2], [3, 4]]", {"A": [[1.0, 2.0], [3.0, 4.0]]}),
        ("rotation by 90°", {"A": rotation(0.0, 1.0)}),
        ("rotation with cos 3/5, sin 4/5", {"A": rotation(3 / 5, 4 / 5)}),
        ("companion of (x-1)(x-2)(x-3)", {"A": companion([1, 2, 3])}),
        ("companion of (x²+1)(x²+4)", {"A": companion([1j, -1j, 2j, -2j])}),
        ("companion of (x+1)(x²-2x+5)", {"A": companion([-1, 1 + 2j, 1 - 2j])}),
        ("upper triangular", {"A": np.triu(normal(rng, 6, 6))}),
        ("lower triangular", {"A": np.tril(normal(rng, 5, 5))}),
        ("symmetric", {"A": with_eigenvalues(rng, [-1.0, 0.5, 2.0, 3.0])}),
        ("cyclic permutation", {"A": np.roll(np.eye(5), 1, axis=0)}),
        ("Jordan block 2x2, defective", {"A": jordan(2.0, 2)}),
        ("Jordan block 4x4 rotated, defective", {"A": matmul(matmul(q, jordan(1.0, 4)), q.T)}),
    ]
    return cases


register(
    Check(
        "eig",
        "first order: |Δλᵢ| ≤ 2√n‖X‖κᵢη (Gershgorin), ‖Δvᵢ‖ from κⱼη/|λᵢ−λⱼ|, projectors of clusters",
        _eig_cases,
        bound=stacked_bound(lambda a, r: tol.eigen.eig_bounds(a["A"], r), "A"),
        compare=stacked_compare(lambda a, r, g: tol.eigen.eig_ratio(a["A"], r, g), "A"),
        errors=[
            ("not square", {"A": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}),
            ("NaN entry", {"A": [[1.0, math.nan], [0.0, 1.0]]}),
            ("-inf entry", {"A": [[1.0, 0.0], [-math.inf, 1.0]]}),
        ],
        python_only=[("1-D", {"A": [1.0, 2.0]})],
    )
)


# ---- eigvals, eigvalsh: the eigenvalues alone ------------------------------------------


def _as_a(cases: list[Case]) -> list[Case]:
    return [(label, {("a" if k == "A" else k): v for k, v in args.items()}) for label, args in cases]


def _ref_eig(a: Any) -> Any:
    from ..ref.eigen import eig

    return eig(a)


def _eigvals_bound(a: Any) -> Any:
    if np.size(a) == 0:
        return np.zeros(0)
    return tol.eigen.eig_bounds(a, _ref_eig(a))[0]


def _eigvals_cases(rng: np.random.Generator) -> list[Case]:
    # eig's families but the non-symmetric rank-deficient one: its bound stands
    # on the reference's basis of a nearly defective zero eigenvalue of
    # multiplicity 4, which BLAS kernels move by more than VECTOR_BOUND_DRIFT
    # (eig's own case of it, another matrix, happens to stay within).
    cases = [(label, args) for label, args in _as_a(_eig_cases(rng)) if not label.startswith("rank 2 of 6")]
    return [*cases, ("empty 0x0", {"a": np.zeros((0, 0))})]


register(
    Check(
        "eigvals",
        "eig's eigenvalue bound (tolerances.eigen.eig_perturbation), as complex numbers matched as multisets",
        _eigvals_cases,
        bound=stacked_bound(lambda a, r: _eigvals_bound(a["a"]), "a"),
        compare=stacked_compare(
            lambda a, r, g: tol.eigen.eigvals_ratio(
                a["a"], _ref_eig(a["a"]) if np.size(a["a"]) else None, r, g
            ),
            "a",
        ),
        errors=[
            ("not square", {"a": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}),
            ("NaN entry", {"a": [[1.0, math.nan], [0.0, 1.0]]}),
        ],
        python_only=[("1-D", {"a": [1.0, 2.0]})],
    )
)


def _lower(a: Any, uplo: str) -> np.ndarray:
    """The matrix whose lower triangle eigvalsh reads."""
    x = np.asarray(a, dtype=np.float64)
    return np.ascontiguousarray(x.T) if uplo == "U" else x


def _eigvalsh_cases(rng: np.random.Generator) -> list[Case]:
    cases = _as_a(_eigh_cases(rng))
    cases.append(("empty 0x0", {"a": np.zeros((0, 0))}))
    cases.append(("worked example, UPLO U", {"a": [[2.0, 5.0], [0.0, 2.0]], "UPLO": "U"}))
    for n in (3, 7):
        cases.append(
            (f"normal {n}x{n}, UPLO U: the upper triangle is read", {"a": normal(rng, n, n), "UPLO": "U"})
        )
    cases.append(("stack (2, 3) of normal 4x4, UPLO U", {"a": normal(rng, 2, 3, 4, 4), "UPLO": "U"}))
    return cases


register(
    Check(
        "eigvalsh",
        "Weyl |Δλ| ≤ 2η, η = 30nε‖A‖₂ (eigh's eigenvalue bound)",
        _eigvalsh_cases,
        bound=stacked_bound(
            lambda a, r: tol.eigen.eigvalsh_bound(_lower(a["a"], a.get("UPLO", "L")), r), "a"
        ),
        errors=[
            *stack_errors("a", [[[1.0, 0.0], [math.nan, 1.0]]]),
            ("not square", {"a": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}),
            ("NaN entry", {"a": [[1.0, 0.0], [math.nan, 1.0]]}),
            ("inf in the upper triangle", {"a": [[1.0, math.inf], [0.0, 1.0]]}),
            ("not square, UPLO U", {"a": [[1.0, 2.0, 3.0]], "UPLO": "U"}),
        ],
        python_only=[("UPLO X", {"a": [[1.0]], "UPLO": "X"}), ("1-D", {"a": [1.0, 2.0]})],
    )
)
