"""Draw docs/img/pca-iris.png: the iris data on its first two principal components.

Run by ``make docs``. The projection is twinmath's own output (the default
backend, Go when the library is built); matplotlib only draws it.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import twinmath as tm
from figures import save

ROOT = Path(__file__).resolve().parent.parent
SPECIES = ("setosa", "versicolor", "virginica")


def main() -> None:
    data = np.loadtxt(ROOT / "tests" / "data" / "iris.csv", delimiter=",", skiprows=1)
    X, species = data[:, :4], data[:, 4].astype(int)
    _, explained, projected = tm.pca(X, 2)
    share = explained / np.var(X, axis=0, ddof=1).sum()
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    for label, (name, marker) in enumerate(zip(SPECIES, "o^s", strict=True)):
        pts = projected[species == label]
        ax.scatter(pts[:, 0], pts[:, 1], marker=marker, s=22, alpha=0.8, label=f"iris {name}")
    ax.set_xlabel(f"first principal component ({share[0]:.1%} of the variance)")
    ax.set_ylabel(f"second principal component ({share[1]:.1%})")
    ax.set_title(f"Iris data projected by twinmath.pca (backend: {tm.default_backend()})")
    ax.axhline(0, color="0.85", lw=0.8, zorder=0)
    ax.axvline(0, color="0.85", lw=0.8, zorder=0)
    ax.legend(loc="best", frameon=False)
    out = save(fig, "pca-iris.png")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
