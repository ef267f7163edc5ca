"""Parity checks of the random streams: ``Rng`` and its four methods.

An ``Rng`` is an object, not a function, so each check has a ``call``: it
makes ``module.Rng(seed)`` and draws from it. Sizes are written as text
("-" for None, "7", "3x4") and integers as numpy integers, which the shared
vectors keep as they are; a script of several draws ("random 3; normal
5; permutation 4") checks that interleaved calls stay in step.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from .. import tolerances as tol
from . import Args, Case, Check, register

# Seeds at the edges of the range, and a few ordinary ones.
EDGE_SEEDS = [0, 1, 42, 1234567, 2**32, 2**63, 2**64 - 1]


def size_of(text: str) -> Any:
    """Return the size that ``text`` stands for: None, an int or a tuple."""
    if text == "-":
        return None
    if "x" in text:
        return tuple(int(k) for k in text.split("x"))
    return int(text)


def draw(rng: Any, words: list[str]) -> Any:
    """Make one draw ``[method, *arguments]`` from ``rng``."""
    name, *rest = words
    if name in ("random", "normal"):
        return getattr(rng, name)(size_of(rest[0]))
    if name == "integers":
        return rng.integers(int(rest[0]), int(rest[1]), size_of(rest[2]))
    if name == "permutation":
        return rng.permutation(int(rest[0]))
    raise ValueError(f"unknown draw {name!r}")


def run_script(module: ModuleType, args: Args) -> tuple[Any, ...]:
    """Draw from ``module.Rng(seed)`` as the script says; return every result."""
    with module.Rng(args["seed"]) as rng:
        return tuple(draw(rng, item.split()) for item in args["draws"].split(";"))


def _seed(s: int) -> np.uint64:
    seed: np.uint64 = np.uint64(s)
    return seed


def _random_seeds(rng: np.random.Generator, k: int) -> list[int]:
    return [int(s) for s in rng.integers(0, 2**64, size=k, dtype=np.uint64)]


SCRIPT = "random 5; normal 3; integers 0 10 4; permutation 6; normal 2x2; random -; normal -; integers -3 3 -"


def _script_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = []
    for s in EDGE_SEEDS + _random_seeds(rng, 6):
        cases.append((f"seed {s}: interleaved draws", {"seed": _seed(s), "draws": SCRIPT}))
    cases.append(
        ("normals one by one equal a block", {"seed": _seed(7), "draws": "normal 1; normal 1; normal 3"})
    )
    cases.append(("a long uniform stream", {"seed": _seed(2**64 - 1), "draws": "random 400"}))
    return cases


def _script_bound(args: Args, result: tuple[Any, ...]) -> tuple[Any, ...]:
    names = [item.split()[0] for item in args["draws"].split(";")]
    return tuple(
        tol.random.normal_bound(r) if name == "normal" else 0.0 for name, r in zip(names, result, strict=True)
    )


register(
    Check(
        "Rng",
        "uniforms, integers, permutations bit for bit; normals γ₇·|z| (two libm logs)",
        _script_cases,
        bound=_script_bound,
        call=run_script,
        python_only=[
            ("negative seed", {"seed": -1, "draws": "random 1"}),
            ("seed 2**64", {"seed": 2**64, "draws": "random 1"}),
            ("text seed", {"seed": "7", "draws": "random 1"}),
            ("fractional seed", {"seed": 1.5, "draws": "random 1"}),
        ],
    )
)


def _method(name: str) -> Any:
    def call(module: ModuleType, args: Args) -> Any:
        with module.Rng(args["seed"]) as rng:
            rest = {k: v for k, v in args.items() if k != "seed"}
            if isinstance(rest.get("size"), str):
                rest["size"] = size_of(rest["size"])
            return getattr(rng, name)(**rest)

    return call


SIZES = ["-", "0", "1", "2", "7", "3x4", "2x1"]


def _sized_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = []
    seeds = EDGE_SEEDS + _random_seeds(rng, 3)
    for i, s in enumerate(seeds):
        size = SIZES[i % len(SIZES)]
        cases.append((f"seed {s}, size {size}", {"seed": _seed(s), "size": size}))
    return cases


for _name in ("random", "normal"):
    register(
        Check(
            f"Rng.{_name}",
            "bit for bit" if _name == "random" else "γ₇·|z| (two libm logs)",
            _sized_cases,
            bound=None if _name == "random" else (lambda a, r: tol.random.normal_bound(r)),
            call=_method(_name),
            errors=[
                ("negative size", {"seed": _seed(0), "size": "-1"}),
                ("negative dimension", {"seed": _seed(0), "size": "2x-3"}),
            ],
            python_only=[
                ("fractional size", {"seed": 0, "size": 2.5}),
                ("text in size", {"seed": 0, "size": ("3",)}),
            ],
        )
    )

I64 = np.int64
# (low, high): spans of 1 and 2, a small symmetric range, a span just above
# 2⁶³ (where Lemire's method rejects about half the draws), the whole int64
# range but one, and ranges at either end of int64.
RANGES = [
    (0, 1),
    (0, 2),
    (-5, 5),
    (1, 7),
    (0, 2**32 + 1),
    (-2, 2**63 - 1),
    (-(2**63), 2**63 - 1),
    (2**62, 2**63 - 1),
    (-(2**63), -(2**63) + 3),
]


def _integers_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = []
    seeds = EDGE_SEEDS + _random_seeds(rng, 2)
    for i, (lo, hi) in enumerate(RANGES):
        s = seeds[i % len(seeds)]
        cases.append(
            (f"[{lo}, {hi}) seed {s}", {"seed": _seed(s), "low": I64(lo), "high": I64(hi), "size": "12"})
        )
    cases.append(("scalar", {"seed": _seed(5), "low": I64(-100), "high": I64(100), "size": "-"}))
    cases.append(("matrix", {"seed": _seed(6), "low": I64(0), "high": I64(3), "size": "4x5"}))
    return cases


register(
    Check(
        "Rng.integers",
        "bit for bit",
        _integers_cases,
        call=_method("integers"),
        errors=[
            ("high equals low", {"seed": _seed(0), "low": I64(5), "high": I64(5), "size": "3"}),
            ("high below low", {"seed": _seed(0), "low": I64(5), "high": I64(-5), "size": "-"}),
            ("negative size", {"seed": _seed(0), "low": I64(0), "high": I64(5), "size": "-2"}),
        ],
        python_only=[
            ("low below int64", {"seed": 0, "low": -(2**63) - 1, "high": 0, "size": "1"}),
            ("high beyond int64", {"seed": 0, "low": 0, "high": 2**63, "size": "1"}),
            ("fractional low", {"seed": 0, "low": 0.5, "high": 3, "size": "1"}),
            ("bool high", {"seed": 0, "low": 0, "high": True, "size": "1"}),
        ],
    )
)


def _permutation_cases(rng: np.random.Generator) -> list[Case]:
    seeds = EDGE_SEEDS + _random_seeds(rng, 2)
    return [
        (f"n={k} seed {s}", {"seed": _seed(s), "n": I64(k)})
        for k, s in zip([0, 1, 2, 3, 10, 50, 200, 7, 5], seeds, strict=False)
    ]


register(
    Check(
        "Rng.permutation",
        "bit for bit",
        _permutation_cases,
        call=_method("permutation"),
        errors=[("negative n", {"seed": _seed(0), "n": I64(-1)})],
        python_only=[("fractional n", {"seed": 0, "n": 2.5})],
    )
)
