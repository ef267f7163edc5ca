package twinmath

import (
	"math"
	"testing"
)

// FuzzSpectrum covers the eigenvalues and singular values alone
// (spectrum.go) and numpy's keyword forms of the decompositions
// (decomp_numpy.go).
func FuzzSpectrum(f *testing.F) {
	fuzzMatrix(f, 9, false, func(c *checker, op byte, a Matrix) {
		z := c.f
		tol := []float64{0, 1e-8, 0.5, -1, math.NaN(), math.Inf(1)}[z.small(6)]
		b := z.rhs(a.Rows)
		c.keepMatrix(a, b)
		switch op % 9 {
		case 0:
			w, _, err := Eigvals(a)
			c.done("Eigvals", err, interleaved(w))
		case 1:
			w, err := Eigvalsh(a)
			c.done("Eigvalsh", err, w)
		case 2:
			s, err := Svdvals(a)
			c.done("Svdvals", err, s)
		case 3:
			w, v, err := EighUpper(a)
			c.done("EighUpper", err, w, v.Data)
		case 4:
			r, err := CholeskyUpper(a)
			c.done("CholeskyUpper", err, r.Data)
		case 5, 6:
			rank, err := MatrixRankTol(a, tol)
			if op%9 == 6 {
				rank, err = MatrixRankRtol(a, tol)
			}
			if err == nil && (rank < 0 || rank > min(a.Rows, a.Cols)) {
				c.t.Fatalf("rank %d for %dx%d", rank, a.Rows, a.Cols)
			}
			c.done("MatrixRankTol", err)
		case 7, 8:
			// A tiny singular value kept by rcond = 0 may overflow 1/s.
			c.allowed = func(x float64) bool { return tol == 0 && math.IsInf(x, 0) }
			r, err := LstsqFull(a, b, tol)
			c.done("LstsqFull", err, r.X.Data, r.Residuals, r.S)
		}
	})
}
