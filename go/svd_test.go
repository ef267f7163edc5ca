package twinmath

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"runtime"
	"testing"
)

func TestSVDResiduals(t *testing.T) {
	for name, a := range families() {
		u, s, vt, err := SVD(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		k := min(a.Rows, a.Cols)
		n := max(a.Rows, a.Cols)
		if u.Rows != a.Rows || u.Cols != k || len(s) != k || vt.Rows != k || vt.Cols != a.Cols {
			t.Fatalf("%s: shapes %dx%d %d %dx%d", name, u.Rows, u.Cols, len(s), vt.Rows, vt.Cols)
		}
		for i := 1; i < k; i++ {
			if s[i] > s[i-1] || s[i] < 0 {
				t.Errorf("%s: singular values not descending: %v", name, s)
			}
		}
		// Scale for the residual, so that 1e300·1e300 does not overflow.
		e := powerOfTwoScale(a.Data)
		as := a.Clone()
		scaleBy(as.Data, e)
		ss := append([]float64(nil), s...)
		scaleBy(ss, e)
		rec := mulMat(mulMat(u, diag(ss)), vt)
		if r := residRatio(as, rec); r > thresh {
			t.Errorf("%s: ‖A − UΣVᵀ‖ ratio %.3g", name, r)
		}
		if r := orthoRatio(u, n); r > thresh {
			t.Errorf("%s: ‖UᵀU − I‖ ratio %.3g", name, r)
		}
		if r := orthoRatio(tr(vt), n); r > thresh {
			t.Errorf("%s: ‖VᵀV − I‖ ratio %.3g", name, r)
		}
		// The sign rule.
		for i := 0; i < k; i++ {
			best := 0
			for j := 0; j < u.Rows; j++ {
				if math.Abs(u.At(j, i)) > math.Abs(u.At(best, i)) {
					best = j
				}
			}
			if u.At(best, i) < 0 {
				t.Errorf("%s: U[:, %d] breaks the sign rule", name, i)
			}
		}
	}
}

func TestSVDSpecialCases(t *testing.T) {
	tests := []struct {
		a    [][]float64
		want []float64
	}{
		{[][]float64{{3}}, []float64{3}},
		{[][]float64{{-2}}, []float64{2}},
		{[][]float64{{0, 0}, {0, 0}}, []float64{0, 0}},
		{[][]float64{{3, 0}, {0, -4}}, []float64{4, 3}},
		{[][]float64{{1, 1}, {1, 1}}, []float64{2, 0}},                     // rank 1: 2 and exactly 0
		{[][]float64{{3, 4}}, []float64{5}},                                // a row: its length
		{[][]float64{{1e-310, 0}, {0, 2e-310}}, []float64{2e-310, 1e-310}}, // subnormal
		{[][]float64{{1e300, 1e300}, {1e300, -1e300}}, []float64{1e300 * math.Sqrt2, 1e300 * math.Sqrt2}},
	}
	for _, tt := range tests {
		a, _ := MatrixOf(tt.a)
		s, err := SVDValues(a)
		if err != nil {
			t.Fatalf("%v: %v", tt.a, err)
		}
		for i := range s {
			if math.Abs(s[i]-tt.want[i]) > 4*ulp(tt.want[0]) {
				t.Errorf("SVDValues(%v) = %v, want %v", tt.a, s, tt.want)
				break
			}
		}
	}
	// The zero matrix: the singular vectors complete orthonormal bases.
	u, s, vt, _ := SVD(NewMatrix(3, 2))
	if fmt.Sprint(s) != "[0 0]" || orthoRatio(u, 3) != 0 || orthoRatio(tr(vt), 3) != 0 {
		t.Errorf("SVD(zeros) = %v %v %v", u, s, vt)
	}
}

func TestSVDNoConvergence(t *testing.T) {
	defer func(n int) { bdIterFactor = n }(bdIterFactor)
	bdIterFactor = 0 // no QR sweep at all cannot diagonalise a random 6×6 matrix
	_, _, _, err := SVD(randMatrix(rand.New(rand.NewSource(1)), 6, 6))
	if !errors.Is(err, ErrNoConvergence) || err.Error() != "svd: no convergence" {
		t.Errorf("SVD without sweeps: %v", err)
	}
}

func TestMatrixNorm2(t *testing.T) {
	a, _ := MatrixOf([][]float64{{3, 0}, {0, -4}})
	if n, err := MatrixNorm(a, 2); n != 4 || err != nil {
		t.Errorf("MatrixNorm(diag(3, -4), 2) = %v, %v", n, err)
	}
	if n, _ := MatrixNorm(Matrix{Rows: 1, Cols: 2, Data: []float64{math.Inf(-1), 1}}, 2); !math.IsInf(n, 1) {
		t.Errorf("norm of a matrix with -inf: %v", n)
	}
	if n, _ := MatrixNorm(Matrix{Rows: 1, Cols: 2, Data: []float64{math.Inf(-1), math.NaN()}}, 2); !math.IsNaN(n) {
		t.Errorf("norm of a matrix with NaN: %v", n)
	}
	if n, _ := MatrixNorm(NewMatrix(0, 3), 2); n != 0 {
		t.Errorf("norm of an empty matrix: %v", n)
	}
}

func TestSVDSameOnAnyNumberOfThreads(t *testing.T) {
	// The rotations of a sweep are applied strip by strip of columns, and
	// the blocked products tile by tile, each entry by the same operations
	// however the work is shared: several threads must give the same bits
	// as one.
	// Large enough for both to run in parallel (applySweep, matmulPacked).
	a := randMatrix(rand.New(rand.NewSource(11)), 260, 240)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	u1, s1, v1, _ := SVD(a)
	for _, procs := range []int{2, 3} {
		runtime.GOMAXPROCS(procs)
		u2, s2, v2, _ := SVD(a)
		for _, pair := range [][2][]float64{{u1.Data, u2.Data}, {s1, s2}, {v1.Data, v2.Data}} {
			for i := range pair[0] {
				if !alike(pair[0][i], pair[1][i]) {
					t.Fatalf("%d threads: entry %d differs: %v and %v", procs, i, pair[0][i], pair[1][i])
				}
			}
		}
	}
}

func TestSVDFullResiduals(t *testing.T) {
	for name, a := range families() {
		u, s, vt, err := SVDFull(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		m, n := a.Rows, a.Cols
		k := min(m, n)
		if u.Rows != m || u.Cols != m || len(s) != k || vt.Rows != n || vt.Cols != n {
			t.Fatalf("%s: U %dx%d, s %d, Vt %dx%d", name, u.Rows, u.Cols, len(s), vt.Rows, vt.Cols)
		}
		if x := orthoRatio(u, max(m, n)); x > thresh {
			t.Errorf("%s: ‖UᵀU − I‖ ratio %.3g", name, x)
		}
		if x := orthoRatio(tr(vt), max(m, n)); x > thresh {
			t.Errorf("%s: ‖VᵀV − I‖ ratio %.3g", name, x)
		}
		// The first k columns of U and rows of Vt are SVD's, bit for bit.
		ut, st, vtt, _ := SVD(a)
		vk := NewMatrix(k, n)
		copy(vk.Data, vt.Data[:k*n])
		if !sameBits(firstCols(u, k).Data, ut.Data) || !sameBits(s, st) || !sameBits(vk.Data, vtt.Data) {
			t.Errorf("%s: the first %d singular triplets differ from SVD's", name, k)
		}
		// Each completing column (row) has a positive largest-magnitude entry.
		for c := k; c < m; c++ {
			checkSignRule(t, name, tr(u).Data[c*m:(c+1)*m])
		}
		for r := k; r < n; r++ {
			checkSignRule(t, name, vt.Data[r*n:(r+1)*n])
		}
	}
}

func checkSignRule(t *testing.T, name string, v []float64) {
	t.Helper()
	best := 0
	for i := range v {
		if math.Abs(v[i]) > math.Abs(v[best]) {
			best = i
		}
	}
	if v[best] < 0 {
		t.Errorf("%s: a completing vector's largest entry %g is negative", name, v[best])
	}
}

func TestSVDFullErrors(t *testing.T) {
	for _, a := range []Matrix{{}, {Rows: 1, Cols: 2, Data: []float64{1, math.NaN()}}} {
		if u, s, vt, err := SVDFull(a); !errors.Is(err, ErrInvalid) || u.Data != nil || s != nil || vt.Data != nil {
			t.Errorf("SVDFull(%v) = %v, %v, %v, %v", a, u, s, vt, err)
		}
	}
	a := Matrix{Rows: 3, Cols: 2, Data: []float64{1, 2, 3, 4, 5, 6}}
	if err := SVDFullTo(NewMatrix(3, 2), make([]float64, 2), NewMatrix(2, 2), a); !errors.Is(err, ErrShape) {
		t.Errorf("SVDFullTo with a thin U: %v", err)
	}
}
