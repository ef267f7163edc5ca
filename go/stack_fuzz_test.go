package twinmath

import (
	"math"
	"testing"
)

// stack returns a stack of up to four matrices: mostly consistent and
// packed or strided, sometimes with impossible counts, sizes or strides.
func (f *fz) stack(square bool) Stack {
	if f.byte()%8 == 0 {
		s := Stack{Count: f.dim(), Rows: f.dim(), Cols: f.dim(), Stride: f.dim()}
		s.Data = make([]float64, f.small(40))
		for i := range s.Data {
			s.Data[i] = f.float()
		}
		return s
	}
	rows := f.small(5)
	cols := rows
	if !square {
		cols = f.small(5)
	}
	s := Stack{Count: f.small(5), Rows: rows, Cols: cols, Stride: rows*cols + f.small(3)}
	s.Data = make([]float64, s.Count*s.Stride)
	for i := range s.Data {
		s.Data[i] = f.float()
	}
	return s
}

// stackData returns the values of stacks, for the checker.
func stackData(ss ...Stack) [][]float64 {
	out := make([][]float64, len(ss))
	for i, s := range ss {
		out[i] = s.Data
	}
	return out
}

// FuzzStack covers the operations on stacks of matrices (stack.go,
// stack_decomp.go, stack_eigen.go, stack_numpy.go).
func FuzzStack(f *testing.F) {
	fuzzOps(f, 16, func(t *testing.T, op byte, z *fz, c *checker) {
		a := z.stack(op%2 == 0)
		b := z.stack(false)
		if z.byte()%2 == 0 && a.check("", "") == nil {
			// A right-hand side that fits a, for solve and matmul.
			b = Stack{Count: a.Count, Rows: a.Cols, Cols: 1 + z.small(2)}
			b.Stride = b.Rows * b.Cols
			b.Data = make([]float64, b.Count*b.Stride)
			for i := range b.Data {
				b.Data[i] = z.float()
			}
		}
		n := z.count()
		p := []float64{2, -2, 1, -1, math.Inf(1), math.Inf(-1), 0, math.NaN()}[z.small(8)]
		rcond := []float64{1e-15, 0, 0.5, -1, math.NaN()}[z.small(5)]
		c.keep(a.Data, b.Data)
		switch op % 16 {
		case 0:
			r, err := DetStack(a)
			c.done("DetStack", err, r)
		case 1:
			// log|det| of a singular matrix is −Inf.
			c.allowed = func(x float64) bool { return math.IsInf(x, -1) }
			s, l, err := SlogdetStack(a)
			c.done("SlogdetStack", err, s, l)
		case 2:
			r, err := InvStack(a)
			c.done("InvStack", err, r.Data)
		case 3:
			r, err := SolveStack(a, b)
			c.done("SolveStack", err, r.Data)
		case 4:
			r, err := MatmulStack(a, b)
			c.done("MatmulStack", err, r.Data)
		case 5:
			u, s, vt, err := SVDStack(a)
			c.done("SVDStack", err, stackData(u, s, vt)...)
			u, s, vt, err = SVDFullStack(a)
			c.done("SVDFullStack", err, stackData(u, s, vt)...)
		case 6:
			q, r, err := QRStack(a)
			c.done("QRStack", err, q.Data, r.Data)
			q, r, err = QRCompleteStack(a)
			c.done("QRCompleteStack", err, q.Data, r.Data)
			h, tau, err := QRRawStack(a)
			c.done("QRRawStack", err, h.Data, tau.Data)
		case 7:
			r, err := CholeskyStack(a)
			c.done("CholeskyStack", err, r.Data)
		case 8:
			// A tiny singular value kept by rcond = 0 may overflow 1/s.
			c.allowed = func(x float64) bool { return rcond == 0 && math.IsInf(x, 0) }
			r, err := PinvStack(a, rcond)
			c.done("PinvStack", err, r.Data)
		case 9:
			r, err := MatrixRankStack(a)
			for _, k := range r {
				if k < 0 || k > min(a.Rows, a.Cols) {
					t.Fatalf("MatrixRankStack gave rank %d for %dx%d", k, a.Rows, a.Cols)
				}
			}
			c.done("MatrixRankStack", err)
		case 10:
			w, v, err := EighLowerStack(a)
			c.done("EighLowerStack", err, w.Data, v.Data)
		case 11:
			w, v, _, err := EigStack(a)
			c.done("EigStack", err, interleaved(w), interleaved(v))
		case 12:
			c.allowed = func(x float64) bool { return math.IsInf(x, 1) } // a singular matrix
			r, err := CondStack(a, p)
			c.done("CondStack", err, r)
		case 13:
			// Powers of moderate matrices overflow for large n.
			c.allowed = func(x float64) bool { return math.IsInf(x, 0) || math.IsNaN(x) }
			r, err := MatrixPowerStack(a, n)
			c.done("MatrixPowerStack", err, r.Data)
		case 14:
			d, err := DiagonalStack(a, n)
			c.done("DiagonalStack", err, d.Data)
			tr, err := TraceStack(a, n)
			c.done("TraceStack", err, tr)
			m, err := MatrixTransposeStack(a)
			c.done("MatrixTransposeStack", err, m.Data)
		case 15:
			kind := []string{"", "fro", "nuc", "bad"}[z.small(4)]
			r, err := MatrixNormStack(a, p, kind)
			c.done("MatrixNormStack", err, r)
		}
	})
}
