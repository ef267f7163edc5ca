package twinmath

import (
	"math"
	"math/rand"
	"testing"
)

func TestTridiagonalizeBlocked(t *testing.T) {
	rng := rand.New(rand.NewSource(21))
	for _, n := range []int{1, 2, 3, 5, 33, 34, 70, 100} {
		a := randMatrix(rng, n, n)
		s := NewMatrix(n, n)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				s.Data[i*n+j] = a.Data[i*n+j] + a.Data[j*n+i]
			}
		}
		d, off, zt := make([]float64, n), make([]float64, n), make([]float64, n*n)
		_ = tridiagonalizeBlocked(nil, s.Clone().Data, n, d, off, zt)
		tm := NewMatrix(n, n)
		for i := 0; i < n; i++ {
			tm.Data[i*n+i] = d[i]
			if i+1 < n {
				tm.Data[i*n+i+1], tm.Data[(i+1)*n+i] = off[i], off[i]
			}
		}
		q := tr(Matrix{Rows: n, Cols: n, Data: zt})
		// S = Q·T·Qᵀ, Q orthogonal.
		if r := residRatio(s, mulMat(mulMat(q, tm), tr(q))); r > thresh {
			t.Errorf("n=%d: ‖S − Q·T·Qᵀ‖ ratio %.3g", n, r)
		}
		if r := orthoRatio(q, n); r > thresh {
			t.Errorf("n=%d: ‖QᵀQ − I‖ ratio %.3g", n, r)
		}
		if off[n-1] != 0 {
			t.Errorf("n=%d: off[n−1] = %v", n, off[n-1])
		}
		// The same reflections as the one-at-a-time reduction, up to
		// rounding.
		d2, off2, zt2 := make([]float64, n), make([]float64, n), make([]float64, n*n)
		_ = tridiagonalize(nil, s.Clone().Data, n, d2, off2, zt2)
		for i := range d {
			if math.Abs(d[i]-d2[i]) > 1e-10*fro(s) || math.Abs(off[i]-off2[i]) > 1e-10*fro(s) {
				t.Errorf("n=%d: entry %d: (%v, %v) blocked, (%v, %v) unblocked", n, i, d[i], off[i], d2[i], off2[i])
				break
			}
		}
	}
}
