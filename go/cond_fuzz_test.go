package twinmath

import (
	"math"
	"testing"
)

// FuzzCond covers the condition numbers, slogdet and the norms of cond.go
// and norms.go, with every order numpy takes and some it refuses.
func FuzzCond(f *testing.F) {
	fuzzMatrix(f, 8, false, func(c *checker, op byte, a Matrix) {
		z := c.f
		p := []float64{2, -2, 1, -1, math.Inf(1), math.Inf(-1), 0, 3, math.NaN()}[z.small(9)]
		v := z.vec()
		offset := z.count()
		c.keepMatrix(a)
		c.keep(v)
		// A singular matrix has condition number +Inf and log|det| −Inf.
		c.allowed = func(x float64) bool { return math.IsInf(x, 0) }
		switch op % 8 {
		case 0:
			s, l, err := Slogdet(a)
			if err == nil && s != 0 && s != 1 && s != -1 {
				c.t.Fatalf("Slogdet sign %v", s)
			}
			c.done("Slogdet", err, []float64{s}, []float64{l})
		case 1:
			r, err := Cond(a, p)
			c.done("Cond", err, []float64{r})
		case 2:
			r, err := CondFrobenius(a)
			c.done("CondFrobenius", err, []float64{r})
		case 3:
			r, err := CondNuclear(a)
			c.done("CondNuclear", err, []float64{r})
		case 4:
			c.allowed = nil
			r, err := NuclearNorm(a)
			c.done("NuclearNorm", err, []float64{r})
		case 5:
			c.allowed = nil
			r, err := MatrixNorm(a, p)
			c.done("MatrixNorm", err, []float64{r})
		case 6:
			// The norm of no entries for a negative order is 1/0 = +Inf (numpy's).
			c.allowed = func(x float64) bool { return len(v) == 0 && p < 0 && math.IsInf(x, 1) }
			r, err := VectorNorm(v, p)
			c.done("VectorNorm", err, []float64{r})
		case 7:
			c.allowed = nil
			r, err := TraceOffset(a, offset)
			c.done("TraceOffset", err, []float64{r})
		}
	})
}
