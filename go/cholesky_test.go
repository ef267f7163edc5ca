package twinmath

import (
	"errors"
	"fmt"
	"math/rand"
	"testing"
)

func TestCholesky(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, n := range []int{1, 2, 5, 30} {
		b := randMatrix(rng, n, n)
		a := mulMat(b, tr(b))
		for i := 0; i < n; i++ {
			a.Data[i*n+i] += float64(n)
		}
		l, err := Cholesky(a)
		if err != nil {
			t.Fatal(err)
		}
		if x := residRatio(a, mulMat(l, tr(l))); x > thresh {
			t.Errorf("n=%d: ‖A − LLᵀ‖ ratio %.3g", n, x)
		}
	}
	// Only the lower triangle is read.
	a, _ := MatrixOf([][]float64{{4, 99}, {2, 5}})
	l, _ := Cholesky(a)
	if fmt.Sprint(l.RowsOf()) != "[[2 0] [1 2]]" {
		t.Errorf("Cholesky reads the upper triangle: %v", l.RowsOf())
	}
	for _, bad := range [][][]float64{{{1, 1}, {1, 1}}, {{-1}}, {{0}}, {{1, 2}, {2, 1}}} {
		m, _ := MatrixOf(bad)
		_, err := Cholesky(m)
		if !errors.Is(err, ErrNotPositiveDefinite) || err.Error() != "cholesky: not positive definite" {
			t.Errorf("Cholesky(%v): %v", bad, err)
		}
	}
}
