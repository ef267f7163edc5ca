"""Draw docs/img/eigen.png: what eigenvectors are, and why PCA uses them.

Run by ``make docs``. The eigenvalues and eigenvectors are twinmath's own
output (the default backend, Go when the library is built); matplotlib only
draws them.

Left: the matrix A = [[2, 1], [1, 2]] maps the unit circle to an ellipse.
Most vectors change direction; the eigenvectors v₁, v₂ only stretch, by
their eigenvalues (A·v = λ·v). Right: correlated samples and the
eigenvectors of their covariance matrix, scaled by the standard deviation
along them (the square root of the eigenvalue): the principal directions.
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


def arrow(ax, v, color, label=None, **kw):
    ax.annotate("", xy=v, xytext=(0, 0), arrowprops={"arrowstyle": "->", "color": color, "lw": 2, **kw})
    if label:
        ax.text(v[0] * 1.08, v[1] * 1.08, label, color=color, ha="center", va="center")


def main() -> None:
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.8), dpi=100)

    a = np.array([[2.0, 1.0], [1.0, 2.0]])
    w, V = tm.eigh(a)
    t = np.linspace(0, 2 * np.pi, 200)
    circle = np.stack([np.cos(t), np.sin(t)])
    ellipse = a @ circle
    left.plot(*circle, color="0.6", lw=1, label="unit circle")
    left.plot(*ellipse, color="tab:blue", lw=1.5, label="A · (unit circle)")
    u = np.array([1.0, 0.0])  # an ordinary vector: A turns it
    arrow(left, u, "0.4", "u")
    arrow(left, a @ u, "0.4", "A·u", ls="--")
    for k, color in zip(range(2), ("tab:orange", "tab:green"), strict=True):
        v = V[:, k]
        arrow(left, w[k] * v, color, ls="--")
        arrow(left, v, color)
        left.text(*(w[k] * v + [0.25, -0.25]), f"A·v{k + 1} = {w[k]:.3g}·v{k + 1}", color=color, ha="left")
    left.set_aspect("equal")
    left.set_xlim(-3.4, 3.4)
    left.set_ylim(-3.4, 3.4)
    left.axhline(0, color="0.9", lw=0.8, zorder=0)
    left.axvline(0, color="0.9", lw=0.8, zorder=0)
    left.set_title("A = [[2, 1], [1, 2]]: eigenvectors only stretch")
    left.legend(loc="lower right", frameon=False, fontsize=8)

    rng = np.random.default_rng(0)
    X = rng.standard_normal((500, 2)) @ [[2.0, 1.2], [0.0, 0.6]]  # correlated samples
    C = np.cov(X, rowvar=False)
    w, V = tm.eigh(C)
    m = X.mean(axis=0)
    right.scatter(X[:, 0], X[:, 1], s=6, alpha=0.4, color="tab:blue")
    for k, color in zip((1, 0), ("tab:orange", "tab:green"), strict=True):
        v = 2 * np.sqrt(w[k]) * V[:, k]
        right.annotate("", xy=m + v, xytext=m, arrowprops={"arrowstyle": "->", "color": color, "lw": 2})
        right.text(*(m + 1.2 * v), f"λ = {w[k]:.2f}", color=color, ha="center", va="center")
    right.set_aspect("equal")
    right.set_title("eigh(covariance): the principal directions")
    fig.suptitle(f"twinmath.eigh (backend: {tm.default_backend()})", fontsize=9)
    out = save(fig, "eigen.png")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
