"""Draw docs/img/xor_loss.png and docs/img/rosenbrock.png from twinmath's own runs.

- xor_loss.png: the loss of the 2-3-1 network trained on XOR with each
  optimiser (twinmath.parity.optim.train_xor), computed by twinmath.go and by
  twinmath.ref, and the difference between the two against its bound
  (twinmath.tolerances.optim.training_bound).
- rosenbrock.png: the paths of SGD, Momentum and Adam (twinmath.go) on the
  Rosenbrock function from (-1.5, 2), over its contours; the reference
  follows the same paths bit for bit, which the script checks.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from figures import save
from twinmath import go, ref
from twinmath import tolerances as tol
from twinmath.parity import optim as po

COLORS = {"SGD": "C0", "Momentum": "C1", "Adam": "C2"}

# Rosenbrock's valley: f(x, y) = (1 − x)² + 100·(y − x²)², minimum 0 at (1, 1).
START = (-1.5, 2.0)
ROSENBROCK_STEPS = 3000
ROSENBROCK_OPTIMIZERS = {
    "SGD": {"learning_rate": 1e-3},
    "Momentum": {"learning_rate": 2e-4, "momentum": 0.9},
    "Adam": {"learning_rate": 0.02},
}


def rosenbrock(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def rosenbrock_gradient(p: np.ndarray) -> np.ndarray:
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


def path(tm, name: str) -> np.ndarray:
    p = np.array(START)
    points = [p.copy()]
    with getattr(tm, name)(**ROSENBROCK_OPTIMIZERS[name]) as opt:
        for _ in range(ROSENBROCK_STEPS):
            opt.step([p], [rosenbrock_gradient(p)])
            points.append(p.copy())
    return np.array(points)


def draw_xor() -> None:
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 3.6))
    for name, options in po.XOR_OPTIMIZERS.items():
        g, r = po.train_xor(go, name), po.train_xor(ref, name)
        steps, bound = tol.optim.training_bound(
            po.XOR_X, po.XOR_Y, po.xor_params(), name, options, po.XOR_STEPS, 10
        )
        label = f"{name}({', '.join(f'{k}={v}' for k, v in options.items())})"
        a.semilogy(g.losses, color=COLORS[name], label=f"{label}, go")
        a.semilogy(r.losses, color="black", ls=":", lw=1)
        diff = np.abs(g.losses[steps] - r.losses[steps])
        assert np.all(diff <= bound), name
        b.semilogy(steps, bound, color=COLORS[name], label=f"{name}: bound")
        b.semilogy(steps, np.where(diff > 0, diff, np.nan), ".", ms=2, color=COLORS[name])
    a.plot([], [], color="black", ls=":", lw=1, label="twinmath.ref (each)")
    a.set_title("XOR: binary cross-entropy while training")
    a.set_xlabel("step")
    a.legend(fontsize=7)
    b.set_title("|loss(go) − loss(ref)| (dots) and its bound")
    b.set_xlabel("step")
    b.legend(fontsize=7)
    for ax in (a, b):
        ax.grid(alpha=0.3)
    save(fig, "xor_loss.png", dpi=110)


def draw_rosenbrock() -> None:
    xs, ys = np.meshgrid(np.linspace(-2, 2, 400), np.linspace(-1, 3, 400))
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4.2), gridspec_kw={"width_ratios": [1.1, 1]})
    a.contour(
        xs, ys, np.log10(rosenbrock(xs, ys)), levels=np.arange(-2, 4, 0.5), colors="grey", linewidths=0.5
    )
    for name in ROSENBROCK_OPTIMIZERS:
        p = path(go, name)
        assert np.array_equal(p, path(ref, name)), name  # the two backends step alike, bit for bit
        opts = ", ".join(f"{k}={v}" for k, v in ROSENBROCK_OPTIMIZERS[name].items())
        a.plot(p[:, 0], p[:, 1], color=COLORS[name], lw=1, label=f"{name}({opts})")
        # A dot every 100 steps shows the speed along the valley.
        a.plot(p[::100, 0], p[::100, 1], ".", color=COLORS[name], ms=4)
        b.semilogy(rosenbrock(p[:, 0], p[:, 1]), color=COLORS[name], label=name)
    a.plot(*START, "ko", ms=4)
    a.plot(1, 1, "k*", ms=10)
    a.set_title("paths from (-1.5, 2), a dot every 100 steps")
    a.set_xlabel("x")
    a.set_ylabel("y")
    a.legend(fontsize=7, loc="lower right")
    b.set_title(f"f along the paths, {ROSENBROCK_STEPS} steps")
    b.set_xlabel("step")
    b.grid(alpha=0.3)
    b.legend(fontsize=7)
    fig.suptitle("Rosenbrock: f(x, y) = (1 − x)² + 100·(y − x²)², minimum at (1, 1)", fontsize=10)
    save(fig, "rosenbrock.png", dpi=110)


def main() -> None:
    draw_xor()
    draw_rosenbrock()


if __name__ == "__main__":
    main()
