"""Draw docs/img/information.png: the entropy of a coin and a KL divergence, from twinmath.go."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from figures import save
from twinmath import go as tm


def main() -> None:
    t = np.linspace(0, 1, 201)
    fig, (a, b) = plt.subplots(1, 2, figsize=(9, 3.2))
    a.plot(t, [tm.entropy([v, 1 - v]) for v in t], color="C0")
    a.set_title("entropy([t, 1 − t]) in bits")
    a.set_xlabel("t")
    inner = t[1:-1]
    b.plot(inner, [tm.kl_divergence([0.5, 0.5], [v, 1 - v]) for v in inner], color="C1", label="D(p‖q)")
    b.plot(inner, [tm.kl_divergence([v, 1 - v], [0.5, 0.5]) for v in inner], color="C2", label="D(q‖p)")
    b.set_title("p = (½, ½), q = (t, 1 − t): KL is not symmetric")
    b.set_xlabel("t")
    b.set_ylim(0, 3)
    b.legend(fontsize=8)
    for ax in (a, b):
        ax.grid(alpha=0.3)
    save(fig, "information.png", dpi=110)


if __name__ == "__main__":
    main()
