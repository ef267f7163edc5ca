"""What the docs/draw_*.py scripts share: the folder of the pictures and how one is saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

IMG = Path(__file__).resolve().parent / "img"


def save(fig: Any, name: str, dpi: float | str = "figure") -> Path:
    """Lay out the matplotlib figure ``fig``, save it as docs/img/``name`` and return that path."""
    fig.tight_layout()
    IMG.mkdir(exist_ok=True)
    out = IMG / name
    fig.savefig(out, dpi=dpi)
    return out
