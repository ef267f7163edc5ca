package twinmath

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"testing"
)

func TestCholesky(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	// From cholLeaf+1 on, the recursive factorisation; 300 and 301 split
	// into blocks of several sizes.
	for _, n := range []int{1, 2, 5, 30, cholLeaf, cholLeaf + 1, 64, 100, 300, 301} {
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

// The recursive factorisation reads the lower triangle only, leaves the
// upper one zero, and finds a matrix that is not positive definite whether
// its first bad pivot is in the first block or in a later one.
func TestCholeskyBlocked(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	n := 200
	b := randMatrix(rng, n, n)
	a := mulMat(b, tr(b))
	for i := 0; i < n; i++ {
		a.Data[i*n+i] += float64(n)
	}
	want, err := Cholesky(a)
	if err != nil {
		t.Fatal(err)
	}
	junk := a.Clone()
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			junk.Data[i*n+j] = 1e300
		}
	}
	got, err := Cholesky(junk)
	if err != nil {
		t.Fatal(err)
	}
	requireSameBits(t, "upper triangle", nil, nil, want.Data, got.Data)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if got.Data[i*n+j] != 0 {
				t.Fatalf("L[%d][%d] = %v above the diagonal", i, j, got.Data[i*n+j])
			}
		}
	}
	// Graded: D·A·D, D = diag(2⁻³⁰⁰ … 2²⁹⁷), factored as D·L.
	g := a.Clone()
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			g.Data[i*n+j] = math.Ldexp(g.Data[i*n+j], 3*(i-100)+3*(j-100))
		}
	}
	lg, err := Cholesky(g)
	if err != nil {
		t.Fatal(err)
	}
	if x := residRatio(g, mulMat(lg, tr(lg))); x > thresh {
		t.Errorf("graded: ‖A − LLᵀ‖ ratio %.3g", x)
	}
	for _, k := range []int{0, 5, cholLeaf, 150, n - 1} {
		bad := a.Clone()
		// A negative pivot at k: row and column k scaled so that the
		// Schur complement's entry there is negative.
		bad.Data[k*n+k] = -1
		if _, err := Cholesky(bad); !errors.Is(err, ErrNotPositiveDefinite) {
			t.Errorf("pivot %d negative: error %v", k, err)
		}
	}
}
