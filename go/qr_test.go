package twinmath

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"testing"
)

// qrFamilies is families with matrices of 2·qrBlock columns and rows and
// more, which the blocked factorisation and Q take: square, tall and wide,
// with a last panel narrower than qrBlock, rank-deficient, with zero
// columns (τ = 0 inside a panel), and graded.
func qrFamilies() map[string]Matrix {
	f := families()
	rng := rand.New(rand.NewSource(8))
	for _, s := range [][2]int{{64, 64}, {100, 70}, {70, 130}, {200, 200}} {
		f[fmt.Sprintf("random %dx%d", s[0], s[1])] = randMatrix(rng, s[0], s[1])
	}
	f["rank 10 of 120"] = mulMat(randMatrix(rng, 120, 10), randMatrix(rng, 10, 120))
	z := randMatrix(rng, 90, 80)
	for i := 0; i < 90; i++ {
		z.Data[i*80+5], z.Data[i*80+40] = 0, 0
	}
	f["zero columns 90x80"] = z
	g := randMatrix(rng, 100, 100)
	for i := 0; i < 100; i++ {
		for j := 0; j < 100; j++ {
			g.Data[i*100+j] *= math.Pow(2, float64(6*(j-50))) // 2⁻³⁰⁰ … 2²⁹⁴
		}
	}
	f["graded 100"] = g
	return f
}

func TestQRResiduals(t *testing.T) {
	for name, a := range qrFamilies() {
		q, r, err := QR(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		as, rs := scaledAlike(a, r)
		if x := residRatio(as, mulMat(q, rs)); x > thresh {
			t.Errorf("%s: ‖A − QR‖ ratio %.3g", name, x)
		}
		if x := orthoRatio(q, max(a.Rows, a.Cols)); x > thresh {
			t.Errorf("%s: ‖QᵀQ − I‖ ratio %.3g", name, x)
		}
		for i := 0; i < r.Rows; i++ {
			if r.At(i, i) < 0 {
				t.Errorf("%s: R[%d][%d] = %g < 0", name, i, i, r.At(i, i))
			}
			for j := 0; j < i; j++ {
				if r.At(i, j) != 0 {
					t.Errorf("%s: R not upper triangular", name)
				}
			}
		}
	}
}

// qrFromRaw returns the m×m Q = H₀·H₁⋯Hₖ₋₁ and the k×n R that QRRaw's h
// (n×m) and tau pack.
func qrFromRaw(h Matrix, tau []float64) (q, r Matrix) {
	n, m := h.Rows, h.Cols
	k := len(tau)
	q = Identity(m)
	for j := k - 1; j >= 0; j-- {
		v := make([]float64, m)
		v[j] = 1
		copy(v[j+1:], h.Data[j*m+j+1:(j+1)*m])
		// Q ← Hⱼ·Q, column by column.
		for c := 0; c < m; c++ {
			w := 0.0
			for i := j; i < m; i++ {
				w += v[i] * q.Data[i*m+c]
			}
			for i := j; i < m; i++ {
				q.Data[i*m+c] -= tau[j] * w * v[i]
			}
		}
	}
	r = NewMatrix(k, n)
	for i := 0; i < k; i++ {
		for j := i; j < n; j++ {
			r.Data[i*n+j] = h.Data[j*m+i]
		}
	}
	return q, r
}

// firstCols returns the first c columns of a.
func firstCols(a Matrix, c int) Matrix {
	out := NewMatrix(a.Rows, c)
	for i := 0; i < a.Rows; i++ {
		copy(out.Data[i*c:(i+1)*c], a.Data[i*a.Cols:i*a.Cols+c])
	}
	return out
}

func TestQRCompleteResiduals(t *testing.T) {
	for name, a := range qrFamilies() {
		q, r, err := QRComplete(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		m, n := a.Rows, a.Cols
		k := min(m, n)
		if q.Rows != m || q.Cols != m || r.Rows != m || r.Cols != n {
			t.Fatalf("%s: Q %dx%d, R %dx%d", name, q.Rows, q.Cols, r.Rows, r.Cols)
		}
		as, rs := scaledAlike(a, r)
		if x := residRatio(as, mulMat(q, rs)); x > thresh {
			t.Errorf("%s: ‖A − QR‖ ratio %.3g", name, x)
		}
		if x := orthoRatio(q, max(m, n)); x > thresh {
			t.Errorf("%s: ‖QᵀQ − I‖ ratio %.3g", name, x)
		}
		// The first k columns and rows are QR's, bit for bit; R's others are zero.
		qt, rt, _ := QR(a)
		if !sameBits(firstCols(q, k).Data, qt.Data) || !sameBits(r.Data[:k*n], rt.Data) {
			t.Errorf("%s: the first %d columns of Q or rows of R differ from QR's", name, k)
		}
		for _, x := range r.Data[k*n:] {
			if x != 0 {
				t.Errorf("%s: R has a nonzero entry below row %d", name, k)
				break
			}
		}
	}
}

func TestQRRaw(t *testing.T) {
	for name, a := range qrFamilies() {
		h, tau, err := QRRaw(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		m, n := a.Rows, a.Cols
		k := min(m, n)
		if h.Rows != n || h.Cols != m || len(tau) != k {
			t.Fatalf("%s: h %dx%d, tau %d", name, h.Rows, h.Cols, len(tau))
		}
		q, r := qrFromRaw(h, tau)
		q1 := firstCols(q, k)
		as, rs := scaledAlike(a, r)
		if x := residRatio(as, mulMat(q1, rs)); x > thresh {
			t.Errorf("%s: ‖A − QR‖ ratio %.3g", name, x)
		}
		if x := orthoRatio(q, max(m, n)); x > thresh {
			t.Errorf("%s: ‖QᵀQ − I‖ ratio %.3g", name, x)
		}
		// dlarfg's τ: 0 for H = I, else in [1, 2]; R is QR's up to the sign of each row.
		for j, x := range tau {
			if x != 0 && (x < 1 || x > 2) {
				t.Errorf("%s: τ[%d] = %g", name, j, x)
			}
		}
		_, rt, _ := QR(a)
		for i := 0; i < k; i++ {
			for j := 0; j < n; j++ {
				if math.Abs(r.Data[i*n+j]) != math.Abs(rt.Data[i*n+j]) {
					t.Fatalf("%s: |R[%d][%d]| = %g, QR's %g", name, i, j, r.Data[i*n+j], rt.Data[i*n+j])
				}
			}
		}
	}
}

func TestQRRawLAPACKConvention(t *testing.T) {
	// A = [[3, 1], [4, 2]]: α = 3, ‖x‖ = 5, β = −5, τ = (β − α)/β = 1.6,
	// v₁ = 4/(α − β) = 0.5; H₀ maps the second column to (−2.2, 0.4), whose
	// last entry, alone, needs no reflection: τ₁ = 0, R₁₁ = 0.4 (not made
	// negative). numpy.linalg.qr(A, "raw") gives h = [[-5, 0.5], [-2.2, 0.4]],
	// tau = [1.6, 0].
	h, tau, err := QRRaw(Matrix{Rows: 2, Cols: 2, Data: []float64{3, 1, 4, 2}})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{-5, 0.5, -2.2, 0.4}
	for i, x := range h.Data {
		if math.Abs(x-want[i]) > 4*eps {
			t.Errorf("h = %v, want %v", h.Data, want)
			break
		}
	}
	if math.Abs(tau[0]-1.6) > 4*eps || tau[1] != 0 {
		t.Errorf("tau = %v, want [1.6 0]", tau)
	}
}

func TestQRKeywordFormsErrors(t *testing.T) {
	bad := []Matrix{{}, {Rows: 1, Cols: 2, Data: []float64{1, math.NaN()}}, {Rows: 2, Cols: 1, Data: []float64{math.Inf(1), 0}}}
	for _, a := range bad {
		if q, r, err := QRComplete(a); !errors.Is(err, ErrInvalid) || q.Data != nil || r.Data != nil {
			t.Errorf("QRComplete(%v) = %v, %v, %v", a, q, r, err)
		}
		if h, tau, err := QRRaw(a); !errors.Is(err, ErrInvalid) || h.Data != nil || tau != nil {
			t.Errorf("QRRaw(%v) = %v, %v, %v", a, h, tau, err)
		}
	}
	a := Matrix{Rows: 3, Cols: 2, Data: []float64{1, 2, 3, 4, 5, 6}}
	if err := QRCompleteTo(NewMatrix(3, 2), NewMatrix(2, 2), a); !errors.Is(err, ErrShape) {
		t.Errorf("QRCompleteTo with a thin Q: %v", err)
	}
	if err := QRRawTo(NewMatrix(3, 2), make([]float64, 2), a); !errors.Is(err, ErrShape) {
		t.Errorf("QRRawTo with h not transposed: %v", err)
	}
	if err := QRRawTo(NewMatrix(2, 3), make([]float64, 3), a); !errors.Is(err, ErrShape) {
		t.Errorf("QRRawTo with tau of 3: %v", err)
	}
}
