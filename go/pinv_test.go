package twinmath

import (
	"errors"
	"math"
	"math/rand"
	"testing"
)

func TestPinvAndLstsq(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	// Full column rank: A⁺A = I, and lstsq agrees with the normal equations
	// solved through QR: R·x = Qᵀb.
	a := randMatrix(rng, 8, 3)
	b := randMatrix(rng, 8, 1)
	p, _ := Pinv(a, 1e-15)
	if x := residRatio(Identity(3), mulMat(p, a)); x > thresh*10 {
		t.Errorf("A⁺A − I ratio %.3g", x)
	}
	x, _ := Lstsq(a, b, -1)
	q, r, _ := QR(a)
	y := mulMat(tr(q), b)
	want, _ := Solve(r, y)
	for i := range want.Data {
		if math.Abs(x.Data[i]-want.Data[i]) > 1e-12 {
			t.Errorf("lstsq %v, want %v", x.Data, want.Data)
		}
	}
	// Rank deficient: [[1, 1], [1, 1]]⁺ = [[1, 1], [1, 1]]/4 (σ₀ = 2, the
	// other exactly 0), and lstsq picks the solution of least norm.
	ones, _ := MatrixOf([][]float64{{1, 1}, {1, 1}})
	p, _ = Pinv(ones, 1e-15)
	for _, v := range p.Data {
		if math.Abs(v-0.25) > 4*eps {
			t.Errorf("pinv(ones) = %v", p.RowsOf())
		}
	}
	x, _ = Lstsq(ones, Matrix{Rows: 2, Cols: 1, Data: []float64{2, 2}}, -1)
	if math.Abs(x.Data[0]-1) > 4*eps || math.Abs(x.Data[1]-1) > 4*eps {
		t.Errorf("lstsq(ones, [2 2]) = %v, want [1 1]", x.Data)
	}
	if r, _ := MatrixRank(ones); r != 1 {
		t.Errorf("MatrixRank(ones) = %d", r)
	}
}

func TestLstsqNoConvergence(t *testing.T) {
	defer func(n int) { bdIterFactor = n }(bdIterFactor)
	bdIterFactor = 0
	rng := rand.New(rand.NewSource(2))
	for _, s := range [][2]int{{6, 4}, {4, 6}} { // without and with U
		_, err := Lstsq(randMatrix(rng, s[0], s[1]), randMatrix(rng, s[0], 1), -1)
		if !errors.Is(err, ErrNoConvergence) || err.Error() != "lstsq: no convergence" {
			t.Errorf("Lstsq %v without sweeps: %v", s, err)
		}
	}
}
