package twinmath

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"testing"
)

// schurRatios returns ‖A·Q − Q·T‖_F/(n·ε·‖A‖_F) and ‖QᵀQ − I‖_F/(n·ε) for
// Q = ztᵀ, the residuals LAPACK's tests (dhst01) hold to eigThresh. T may
// be Hessenberg or quasi-triangular.
func schurRatios(a Matrix, t, zt []float64) (res, orth float64) {
	n := a.Rows
	q, _ := Transpose(Matrix{Rows: n, Cols: n, Data: zt})
	aq, qt := mulMat(a, q), mulMat(q, Matrix{Rows: n, Cols: n, Data: t})
	r := make([]float64, n*n)
	for i := range r {
		r[i] = aq.Data[i] - qt.Data[i]
	}
	qtq := mulMat(Matrix{Rows: n, Cols: n, Data: zt}, q)
	for i := 0; i < n; i++ {
		qtq.Data[i*n+i]--
	}
	na := norm2(a.Data)
	if na == 0 {
		na = 1
	}
	return norm2(r) / (float64(n) * eps * na), norm2(qtq.Data) / (float64(n) * eps)
}

// eigKernelCases are the families the new kernels are tested on, at orders
// around the crossovers hessBlockedMin and the multishift QR's.
func eigKernelCases(rng *rand.Rand, n int) map[string]Matrix {
	cases := map[string]Matrix{}
	cases["normal"] = randMatrix(rng, n, n)
	// Clustered and complex: a block diagonal of rotations by nearby
	// angles, hidden by an orthogonal similarity.
	d := NewMatrix(n, n)
	for i := 0; i+1 < n; i += 2 {
		th := 1 + 1e-6*float64(i)
		d.Data[i*n+i], d.Data[i*n+i+1] = math.Cos(th), math.Sin(th)
		d.Data[(i+1)*n+i], d.Data[(i+1)*n+i+1] = -math.Sin(th), math.Cos(th)
	}
	if n%2 == 1 {
		d.Data[n*n-1] = 0.5
	}
	qm := randOrthogonal(rng, n)
	qmt, _ := Transpose(qm)
	cases["clustered complex"] = mulMat(mulMat(qm, d), qmt)
	ut := randMatrix(rng, n, n)
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			ut.Data[i*n+j] = 0
		}
	}
	cases["upper triangular"] = ut
	cases["zero"] = NewMatrix(n, n)
	// Every eigenvalue on the unit circle: the hardest case for the shifts.
	cyc := NewMatrix(n, n)
	for i := 0; i < n; i++ {
		cyc.Data[((i+1)%n)*n+i] = 1
	}
	cases["cyclic permutation"] = cyc
	// Jordan blocks of order 4 with eigenvalues 1, 2, ..., hidden by an
	// orthogonal similarity.
	jd := NewMatrix(n, n)
	for i := 0; i < n; i++ {
		jd.Data[i*n+i] = float64(1 + i/4)
		if i%4 != 3 && i+1 < n {
			jd.Data[i*n+i+1] = 1
		}
	}
	cases["Jordan blocks"] = mulMat(mulMat(qm, jd), qmt)
	// Graded: rows and columns scaled over 2⁻⁴⁰ … 2⁴⁰.
	gr := randMatrix(rng, n, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			gr.Data[i*n+j] = math.Ldexp(gr.Data[i*n+j], (80*i)/n-40+(80*j)/n-40)
		}
	}
	cases["graded"] = gr
	for name, s := range map[string]float64{"tiny 1e-290": 1e-290, "huge 1e290": 1e290} {
		m := randMatrix(rng, n, n)
		for i := range m.Data {
			m.Data[i] *= s
		}
		cases[name] = m
	}
	return cases
}

func TestHessenbergBlocked(t *testing.T) {
	rng := rand.New(rand.NewSource(21))
	for _, n := range []int{2*hessBlock + 1, 100, hessBlockedMin - 1, hessBlockedMin + 1} {
		for name, a := range eigKernelCases(rng, n) {
			for _, blocked := range []bool{false, true} {
				h := a.Clone().Data
				reduce := func(cc *canceller, h []float64, n, ilo, ihi int) ([]float64, error) {
					return hessenberg(cc, nil, h, n, ilo, ihi)
				}
				if blocked {
					reduce = hessenbergBlocked
				}
				zt, err := reduce(nil, h, n, 0, n-1)
				if err != nil {
					t.Fatal(err)
				}
				for i := 0; i < n; i++ {
					for j := 0; j+1 < i; j++ {
						if h[i*n+j] != 0 {
							t.Fatalf("n=%d %s: h[%d][%d] = %g below the subdiagonal", n, name, i, j, h[i*n+j])
						}
					}
				}
				res, orth := schurRatios(a, h, zt)
				if res > eigThresh || orth > eigThresh || math.IsNaN(res+orth) {
					t.Errorf("n=%d %s blocked=%v: residual %.3g, orthogonality %.3g", n, name, blocked, res, orth)
				}
			}
		}
	}
}

// TestEigAroundCrossovers checks Eig's residual and canonical form on each
// family just below and just above the orders where the blocked reduction
// and the multishift sweeps take over.
func TestEigAroundCrossovers(t *testing.T) {
	if testing.Short() {
		t.Skip("orders of a few hundred")
	}
	rng := rand.New(rand.NewSource(22))
	for _, n := range []int{hessBlockedMin - 1, hessBlockedMin + 1, qrMultiMin - 1, qrMultiMin + 1} {
		for name, a := range eigKernelCases(rng, n) {
			t.Run(fmt.Sprintf("n=%d/%s", n, name), func(t *testing.T) {
				a0 := a.Clone()
				w, v, err := Eig(a)
				if err != nil {
					t.Fatal(err)
				}
				for i := range a.Data {
					if !alike(a.Data[i], a0.Data[i]) {
						t.Fatal("the input was modified")
					}
				}
				if r := eigRatio(a, w, v); r > eigThresh || math.IsNaN(r) {
					t.Errorf("residual ratio %.3g", r)
				}
				if name != "graded" {
					// (Graded eigenvalues over 48 orders of magnitude fall
					// into one group of ties, in an order this check does
					// not follow; the residual is what is tested there.)
					checkEigCanonical(t, name, w, v)
				}
			})
		}
	}
}

// TestSchurMultishift runs the whole Schur factorisation (blocked reduction,
// then QR with multishift sweeps above qrMultiMin) on each family just below
// and above the crossover and checks the Schur form: quasi-triangular, and
// A·Q − Q·T and QᵀQ − I at rounding level.
func TestSchurMultishift(t *testing.T) {
	if testing.Short() {
		t.Skip("orders of a few hundred")
	}
	rng := rand.New(rand.NewSource(23))
	for _, n := range []int{qrMultiMin - 1, qrMultiMin + 1} {
		for name, a := range eigKernelCases(rng, n) {
			// Scaled as eigTo scales, into the range the deflation tests
			// are made for.
			a = a.Clone()
			scaleToUnit(a.Data)
			h := a.Clone().Data
			zt, err := hessenbergBlocked(nil, h, n, 0, n-1)
			if err != nil {
				t.Fatal(err)
			}
			wr, wi := make([]float64, n), make([]float64, n)
			if err := francisQR(nil, h, zt, n, 0, n-1, wr, wi); err != nil {
				t.Fatalf("n=%d %s: %v", n, name, err)
			}
			for i := 0; i < n; i++ {
				for j := 0; j+1 < i; j++ {
					if h[i*n+j] != 0 {
						t.Fatalf("n=%d %s: T[%d][%d] = %g below the subdiagonal", n, name, i, j, h[i*n+j])
					}
				}
				if i >= 2 && h[i*n+i-1] != 0 && h[(i-1)*n+i-2] != 0 {
					t.Fatalf("n=%d %s: two nonzero subdiagonal entries in a row at %d", n, name, i)
				}
			}
			res, orth := schurRatios(a, h, zt)
			if res > eigThresh || orth > eigThresh || math.IsNaN(res+orth) {
				t.Errorf("n=%d %s: residual %.3g, orthogonality %.3g", n, name, res, orth)
			}
		}
	}
}

// TestEigCancelInSweeps cancels Eig above the crossovers at points spread
// over its whole run (counted in its looks at the context): each stops
// there, within one more look per goroutine.
func TestEigCancelInSweeps(t *testing.T) {
	rng := rand.New(rand.NewSource(24))
	n := max(qrMultiMin, hessBlockedMin) + 1
	a := randMatrix(rng, n, n)
	live := newCountdown(1 << 62)
	if _, _, err := EigContext(live, a); err != nil {
		t.Fatal(err)
	}
	total := live.looks.Load()
	// A look per 2¹⁶ multiply-adds: the run of about 25n³ multiply-adds
	// looks hundreds of times.
	if total < 100 {
		t.Fatalf("only %d looks at the context in eig n=%d", total, n)
	}
	for _, f := range []float64{0.1, 0.5, 0.9} {
		before := int64(f * float64(total))
		ctx := newCountdown(before)
		_, _, err := EigContext(ctx, a)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled after %d of %d looks: error %v", before, total, err)
		}
		if looks, most := ctx.looks.Load(), before+1+int64(MaxThreads()); looks > most {
			t.Errorf("cancelled after %d looks: %d looks, want at most %d", before, looks, most)
		}
	}
}

// TestEigBlockedSameBits: above the crossovers Eig gives the same bits on
// one thread and on several, and each matrix of a stack the bits of the
// single call.
func TestEigBlockedSameBits(t *testing.T) {
	if testing.Short() {
		t.Skip("orders of a few hundred")
	}
	rng := rand.New(rand.NewSource(25))
	n := max(qrMultiMin, hessBlockedMin) + 7
	a, b := randMatrix(rng, n, n), randMatrix(rng, n, n)
	defer SetMaxThreads(SetMaxThreads(1))
	w1, v1, err := Eig(a)
	if err != nil {
		t.Fatal(err)
	}
	SetMaxThreads(4)
	w4, v4, err := Eig(a)
	if err != nil {
		t.Fatal(err)
	}
	for i := range w1 {
		if w1[i] != w4[i] {
			t.Fatalf("w[%d] = %v on 1 thread, %v on 4", i, w1[i], w4[i])
		}
	}
	for i := range v1.Data {
		if v1.Data[i] != v4.Data[i] {
			t.Fatalf("V entry %d = %v on 1 thread, %v on 4", i, v1.Data[i], v4.Data[i])
		}
	}
	s, _ := StackOf(b, a)
	ws, vs, _, err := EigStack(s)
	if err != nil {
		t.Fatal(err)
	}
	for i := range w1 {
		if ws[n+i] != w1[i] {
			t.Fatalf("stack: w[%d] = %v, single call %v", i, ws[n+i], w1[i])
		}
	}
	for i := range v1.Data {
		if vs[n*n+i] != v1.Data[i] {
			t.Fatalf("stack: V entry %d = %v, single call %v", i, vs[n*n+i], v1.Data[i])
		}
	}
}
