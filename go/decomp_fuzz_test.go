package twinmath

import (
	"math"
	"testing"
)

// decompInput returns the matrix a decomposition target works on: mostly
// consistent and small, sometimes anything matrix() makes.
func decompInput(z *fz, square bool) Matrix {
	if z.byte()%8 == 0 {
		return z.matrix()
	}
	if square {
		return z.square()
	}
	r, c := 1+z.small(6), 1+z.small(6)
	m := NewMatrix(r, c)
	for i := range m.Data {
		m.Data[i] = z.float()
	}
	return m
}

// fuzzMatrix runs a fuzz target on the matrix decompInput makes of its
// data; run keeps the inputs for the report of a failure and calls c.done.
func fuzzMatrix(f *testing.F, nseeds int, square bool, run func(c *checker, op byte, a Matrix)) {
	seeds(f, nseeds)
	f.Fuzz(func(t *testing.T, op byte, data []byte) {
		z := &fz{b: data}
		run(newChecker(t, z), op, decompInput(z, square))
	})
}

// fuzzDecomp is fuzzMatrix for a target of the matrix alone, which it keeps.
func fuzzDecomp(f *testing.F, nseeds int, square bool, run func(c *checker, a Matrix)) {
	fuzzMatrix(f, nseeds, square, func(c *checker, _ byte, a Matrix) {
		c.keepMatrix(a)
		run(c, a)
	})
}

func FuzzLU(f *testing.F) {
	fuzzDecomp(f, 1, false, func(c *checker, a Matrix) {
		p, l, u, err := LU(a)
		c.done("LU", err, p.Data, l.Data, u.Data)
	})
}

// FuzzQR covers QR and its complete and packed forms.
func FuzzQR(f *testing.F) {
	fuzzMatrix(f, 3, false, func(c *checker, op byte, a Matrix) {
		c.keepMatrix(a)
		switch op % 3 {
		case 0:
			q, r, err := QR(a)
			c.done("QR", err, q.Data, r.Data)
		case 1:
			q, r, err := QRComplete(a)
			c.done("QRComplete", err, q.Data, r.Data)
			if err == nil && !c.f.special {
				if x := orthoRatio(q, max(a.Rows, a.Cols)); x > thresh {
					c.t.Fatalf("QRComplete: ‖QᵀQ − I‖ ratio %.3g", x)
				}
			}
		case 2:
			h, tau, err := QRRaw(a)
			c.done("QRRaw", err, h.Data, tau)
			if err == nil && !c.f.special {
				q, _ := qrFromRaw(h, tau)
				if x := orthoRatio(q, max(a.Rows, a.Cols)); x > thresh {
					c.t.Fatalf("QRRaw: the reflectors' ‖QᵀQ − I‖ ratio %.3g", x)
				}
			}
		}
	})
}

func FuzzCholesky(f *testing.F) {
	fuzzMatrix(f, 2, true, func(c *checker, op byte, a Matrix) {
		if op%2 == 1 && a.check("", "") == nil && a.Rows == a.Cols {
			// AᵀA + I: positive definite, so that the factorisation runs.
			at, _ := Transpose(a)
			s, _ := Matmul(at, a)
			for i := 0; i < s.Rows; i++ {
				s.Data[i*s.Cols+i]++
			}
			a = s
		}
		c.keepMatrix(a)
		l, err := Cholesky(a)
		c.done("Cholesky", err, l.Data)
	})
}

// FuzzSVD covers the SVD and what stands on it.
func FuzzSVD(f *testing.F) {
	fuzzMatrix(f, 8, false, func(c *checker, op byte, a Matrix) {
		z := c.f
		k := z.count()
		rcond := []float64{1e-15, -1, 0, 0.5, math.NaN(), math.Inf(1), 1}[z.small(7)]
		b := z.rhs(a.Rows)
		c.keepMatrix(a, b)
		switch op % 8 {
		case 0:
			u, s, vt, err := SVD(a)
			c.done("SVD", err, u.Data, s, vt.Data)
		case 7:
			u, s, vt, err := SVDFull(a)
			c.done("SVDFull", err, u.Data, s, vt.Data)
			if err == nil && !c.f.special {
				n := max(a.Rows, a.Cols)
				if x := max(orthoRatio(u, n), orthoRatio(tr(vt), n)); x > thresh {
					c.t.Fatalf("SVDFull: ‖UᵀU − I‖ or ‖VᵀV − I‖ ratio %.3g", x)
				}
			}
		case 1:
			uk, sk, vtk, ak, err := TruncatedSVD(a, k)
			c.done("TruncatedSVD", err, uk.Data, sk, vtk.Data, ak.Data)
		case 2:
			s, err := SVDValues(a)
			c.done("SVDValues", err, s)
		case 3:
			// A tiny singular value kept by rcond = 0 may overflow 1/s.
			c.allowed = func(x float64) bool { return rcond == 0 && math.IsInf(x, 0) }
			r, err := Pinv(a, rcond)
			c.done("Pinv", err, r.Data)
		case 4:
			c.allowed = func(x float64) bool { return rcond == 0 && math.IsInf(x, 0) }
			r, err := Lstsq(a, b, rcond)
			c.done("Lstsq", err, r.Data)
		case 5:
			r, err := MatrixRank(a)
			if err == nil && (r < 0 || r > min(a.Rows, a.Cols)) {
				c.t.Fatalf("MatrixRank = %d for %dx%d", r, a.Rows, a.Cols)
			}
			c.done("MatrixRank", err)
		case 6:
			comp, ex, proj, err := PCA(a, k)
			c.done("PCA", err, comp.Data, ex, proj.Data)
		}
	})
}

func FuzzEigh(f *testing.F) {
	fuzzDecomp(f, 1, true, func(c *checker, a Matrix) {
		w, v, err := Eigh(a)
		c.done("Eigh", err, w, v.Data)
	})
}

func FuzzEig(f *testing.F) {
	fuzzDecomp(f, 1, true, func(c *checker, a Matrix) {
		w, v, err := Eig(a)
		parts := make([]float64, 0, 2*(len(w)+len(v.Data)))
		for _, x := range append(append([]complex128(nil), w...), v.Data...) {
			parts = append(parts, real(x), imag(x))
		}
		c.done("Eig", err, parts)
	})
}
