package twinmath

import (
	"fmt"
	"math"
	"testing"
)

func TestLU(t *testing.T) {
	for name, a := range families() {
		p, l, u, err := LU(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		as, us := scaledAlike(a, u)
		// Backward error of LU with partial pivoting: |ΔA| ≤ γₙ|L||U| (Higham
		// Thm 9.3); the ratio in units of ‖A‖ also carries the growth factor,
		// small for these matrices.
		if x := residRatio(as, mulMat(mulMat(p, l), us)); x > thresh {
			t.Errorf("%s: ‖A − PLU‖ ratio %.3g", name, x)
		}
		for i := 0; i < l.Rows; i++ {
			for j := 0; j < l.Cols; j++ {
				if j > i && l.At(i, j) != 0 || j == i && l.At(i, j) != 1 || math.Abs(l.At(i, j)) > 1 {
					t.Fatalf("%s: L is not unit lower triangular with |Lᵢⱼ| ≤ 1", name)
				}
			}
		}
	}
}

func TestLUWorkedExample(t *testing.T) {
	// [[1, 2], [3, 4]]: the pivot of column 0 is 3, so P swaps the rows,
	// L = [[1, 0], [1/3, 1]] and U = [[3, 4], [0, 2 − 4/3]].
	a, _ := MatrixOf([][]float64{{1, 2}, {3, 4}})
	p, l, u, _ := LU(a)
	third := 1.0 / 3 // rounded once, as the reciprocal of the pivot
	if fmt.Sprint(p.RowsOf()) != "[[0 1] [1 0]]" || l.At(1, 0) != third || u.At(0, 0) != 3 || u.At(1, 1) != 2-float64(third*4) {
		t.Errorf("LU = %v %v %v", p.RowsOf(), l.RowsOf(), u.RowsOf())
	}
}
