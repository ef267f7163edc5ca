package twinmath

import (
	"math"
	"testing"
)

// The fuzz targets share this decoder of fuzz bytes into arguments and the
// checks every result must pass. Sizes stay small (at most 7) unless the
// bytes ask for an impossible one (negative, inconsistent or beyond MaxLen),
// which must be refused at once; values are mostly moderate (k/d for small
// integers k and d), with NaN, ±Inf, ±0, the largest and subnormal numbers
// and raw bit patterns among them.

type fz struct {
	b       []byte
	special bool // some value is NaN, Inf, huge, tiny or raw bits
}

func (f *fz) byte() byte {
	if len(f.b) == 0 {
		return 0
	}
	c := f.b[0]
	f.b = f.b[1:]
	return c
}

// float returns the next value.
func (f *fz) float() float64 {
	c := f.byte()
	switch c % 24 {
	case 0:
		return 0
	case 1:
		f.special = true
		return math.Copysign(0, -1)
	case 2:
		f.special = true
		return math.NaN()
	case 3:
		f.special = true
		return math.Inf(1)
	case 4:
		f.special = true
		return math.Inf(-1)
	case 5:
		f.special = true
		return math.MaxFloat64
	case 6:
		f.special = true
		return 5e-324
	case 7:
		f.special = true
		return -1e-310
	case 8:
		f.special = true
		var u uint64
		for i := 0; i < 8; i++ {
			u = u<<8 | uint64(f.byte())
		}
		return math.Float64frombits(u)
	case 9:
		return 1
	}
	return float64(int8(f.byte())) / float64(1+c%7)
}

// small returns a small count in [0, n).
func (f *fz) small(n int) int { return int(f.byte()) % n }

// dim returns a matrix dimension: 0..5, or rarely an impossible one.
func (f *fz) dim() int {
	c := f.byte()
	if c < 248 {
		return int(c % 6)
	}
	f.special = true
	return []int{-1, -(1 << 62), MaxLen + 1, 1 << 40, 1<<62 + 1, math.MaxInt, math.MinInt, 1 << 33}[c-248]
}

// count returns an int parameter (k, ddof, order, n, …): small, negative or
// huge.
func (f *fz) count() int {
	c := f.byte()
	switch {
	case c < 240:
		return int(c%10) - 1
	case c < 248:
		return []int{-1 << 40, math.MinInt, MaxLen + 1, math.MaxInt, 1 << 62, -2, 100, 1000}[c-240]
	}
	return int(c)
}

func (f *fz) vec() []float64 {
	n := f.small(8)
	v := make([]float64, n)
	for i := range v {
		v[i] = f.float()
	}
	return v
}

// matrix returns a matrix; rarely its Data does not match its shape.
func (f *fz) matrix() Matrix {
	r, c := f.dim(), f.dim()
	n, ok := mulLen(r, c)
	if !ok || n > 64 {
		n = f.small(4)
	}
	if f.byte() == 255 {
		n++ // an inconsistent Data
		f.special = true
	}
	d := make([]float64, n)
	for i := range d {
		d[i] = f.float()
	}
	return Matrix{Rows: r, Cols: c, Data: d}
}

// rhs returns a right-hand side of rows (taken modulo 8, so that an
// impossible count of rows gives a small matrix) rows and one or two columns.
func (f *fz) rhs(rows int) Matrix {
	b := NewMatrix(max(rows, 0)%8, 1+f.small(2))
	for i := range b.Data {
		b.Data[i] = f.float()
	}
	return b
}

// square returns a consistent n×n matrix, n in 1..6.
func (f *fz) square() Matrix {
	n := 1 + f.small(6)
	m := NewMatrix(n, n)
	for i := range m.Data {
		m.Data[i] = f.float()
	}
	return m
}

// checker holds copies of the inputs and checks, after the call, that they
// are unchanged and that the outcome is an error wrapping a sentinel or a
// result that is finite whenever every input was moderate.
type checker struct {
	t       *testing.T
	f       *fz
	inputs  [][]float64
	copies  [][]float64
	allowed func(x float64) bool // which non-finite results are legitimate
}

func newChecker(t *testing.T, f *fz) *checker { return &checker{t: t, f: f} }

// keep records inputs that must come back unchanged.
func (c *checker) keep(vs ...[]float64) {
	for _, v := range vs {
		c.inputs = append(c.inputs, v)
		c.copies = append(c.copies, append([]float64(nil), v...))
	}
}

func (c *checker) keepMatrix(ms ...Matrix) {
	for _, m := range ms {
		c.keep(m.Data)
	}
}

// done checks the outcome of op.
func (c *checker) done(op string, err error, results ...[]float64) {
	c.t.Helper()
	for i, v := range c.inputs {
		if !sameBits(v, c.copies[i]) {
			c.t.Fatalf("%s changed its input %d: %v, was %v", op, i, v, c.copies[i])
		}
	}
	if err != nil {
		if !wrapsSentinel(err) {
			c.t.Fatalf("%s: error %q wraps no sentinel", op, err)
		}
		// The results are zero values: empty, or a scalar 0.
		for _, r := range results {
			if len(r) > 1 || len(r) == 1 && r[0] != 0 {
				c.t.Fatalf("%s: error %q with the result %v", op, err, r)
			}
		}
		return
	}
	if c.f.special {
		return
	}
	for _, r := range results {
		for _, x := range r {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				if c.allowed != nil && c.allowed(x) {
					continue
				}
				c.t.Fatalf("%s: result %v holds %v for moderate inputs", op, r, x)
			}
		}
	}
}

// seeds adds a few byte strings to every target's corpus besides the
// committed ones under testdata/fuzz.
func seeds(f *testing.F, ops int) {
	for op := 0; op < ops; op++ {
		f.Add(byte(op), []byte{3, 3, 0, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130})
		f.Add(byte(op), []byte{2, 2, 0, 9, 0, 0, 9, 9, 2, 3, 1, 0, 0})
		f.Add(byte(op), []byte{250, 3, 0, 9, 9})
	}
}

// fuzzOps runs a target of ops operations: it seeds the corpus and hands run
// the operation byte, the decoder of the remaining bytes and the checker of
// the outcome.
func fuzzOps(f *testing.F, ops int, run func(t *testing.T, op byte, z *fz, c *checker)) {
	seeds(f, ops)
	f.Fuzz(func(t *testing.T, op byte, data []byte) {
		z := &fz{b: data}
		run(t, op, z, newChecker(t, z))
	})
}
