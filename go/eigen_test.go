package twinmath

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"
	"math/rand"
	"testing"
)

func init() {
	vectorOps["eigh"] = func(c *vcase) (any, error) {
		w, v, err := Eigh(c.mat("A"))
		return []any{w, v}, err
	}
	vectorOps["eig"] = func(c *vcase) (any, error) {
		a := c.mat("A")
		w, v := make([]complex128, a.Rows), NewComplexMatrix(a.Rows, a.Rows)
		allReal, err := EigTo(w, v, a)
		if err != nil || !allReal {
			return []any{w, v}, err
		}
		// All real: real results, as the Python wrapper returns them.
		wr, vr := make([]float64, len(w)), NewMatrix(v.Rows, v.Cols)
		for i, x := range w {
			wr[i] = real(x)
		}
		for i, x := range v.Data {
			vr.Data[i] = real(x)
		}
		return []any{wr, vr}, nil
	}
}

// eigThresh is THRESH of LAPACK's own tests (dtest.in): a residual ratio
// below it counts as backward stable.
const eigThresh = 30

// eigTestMatrix builds a matrix from rows, failing the test on bad input.
func eigTestMatrix(t *testing.T, rows [][]float64) Matrix {
	t.Helper()
	m, err := MatrixOf(rows)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// eigNorm2 returns the spectral norm of a, from the largest eigenvalue of
// aᵀa computed by Eigh (an independent path would need the SVD; Eigh is
// tested against exact eigenvalues first).
func eigNorm2(t *testing.T, a Matrix) float64 {
	at, _ := Transpose(a)
	ata, _ := Matmul(at, a)
	w, _, err := Eigh(ata)
	if err != nil {
		t.Fatal(err)
	}
	return math.Sqrt(max(w[len(w)-1], 0))
}

// symFromLower returns the symmetric matrix of a's lower triangle.
func symFromLower(a Matrix) Matrix {
	s := a.Clone()
	for i := 0; i < a.Rows; i++ {
		for j := 0; j < i; j++ {
			s.Data[j*a.Cols+i] = a.Data[i*a.Cols+j]
		}
	}
	return s
}

// eighRatios returns ‖SV − V·diag(w)‖_F/(n·ε·‖S‖_F) and ‖VᵀV − I‖_F/(n·ε),
// LAPACK's dsyt21 ratios (Frobenius norms: each bounds the 2-norm above).
func eighRatios(a Matrix, w []float64, v Matrix) (res, orth float64) {
	s := symFromLower(a)
	n := a.Rows
	sv, _ := Matmul(s, v)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			sv.Data[i*n+j] -= v.Data[i*n+j] * w[j]
		}
	}
	vt, _ := Transpose(v)
	vtv, _ := Matmul(vt, v)
	for i := 0; i < n; i++ {
		vtv.Data[i*n+i]--
	}
	ns := norm2(s.Data)
	res = norm2(sv.Data) / (float64(n) * eps * ns)
	if ns == 0 {
		res = norm2(sv.Data)
	}
	return res, norm2(vtv.Data) / (float64(n) * eps)
}

// eigRatio returns ‖AV − V·diag(w)‖_F/(n·ε·‖A‖_F), in complex arithmetic.
func eigRatio(a Matrix, w []complex128, v ComplexMatrix) float64 {
	n := a.Rows
	r := make([]float64, 0, 2*n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			var s complex128
			for k := 0; k < n; k++ {
				s += complex(a.Data[i*n+k], 0) * v.Data[k*n+j]
			}
			s -= v.Data[i*n+j] * w[j]
			r = append(r, real(s), imag(s))
		}
	}
	na := norm2(a.Data)
	if na == 0 {
		return norm2(r)
	}
	return norm2(r) / (float64(n) * eps * na)
}

// checkEighCanonical checks the canonical form: ascending eigenvalues, unit
// columns whose pivot is positive.
func checkEighCanonical(t *testing.T, name string, w []float64, v Matrix) {
	t.Helper()
	n := len(w)
	for j := 1; j < n; j++ {
		if w[j] < w[j-1] {
			t.Errorf("%s: eigenvalues not ascending: %v", name, w)
		}
	}
	for j := 0; j < n; j++ {
		col := make([]float64, n)
		for i := range col {
			col[i] = v.Data[i*n+j]
		}
		if col[pivotIndex(col)] <= 0 {
			t.Errorf("%s: column %d has a negative pivot: %v", name, j, col)
		}
		if d := math.Abs(norm2(col) - 1); d > float64(n)*eigThresh*eps {
			t.Errorf("%s: column %d has norm 1%+g", name, j, d)
		}
	}
}

// checkEigCanonical checks the canonical form of Eig: sorted eigenvalues
// (real parts ascending outside groups of ties), unit columns whose pivot is
// real and positive, conjugate pairs with conjugate vectors.
func checkEigCanonical(t *testing.T, name string, w []complex128, v ComplexMatrix) {
	t.Helper()
	n := len(w)
	big := 0.0
	for _, x := range w {
		big = max(big, cmplx.Abs(x))
	}
	for j := 1; j < n; j++ {
		// Real parts ascend, up to ties; equal real parts (a conjugate
		// pair) have ascending imaginary parts.
		dr := real(w[j]) - real(w[j-1])
		if dr < -eigTie*big || dr == 0 && imag(w[j]) < imag(w[j-1]) {
			t.Errorf("%s: eigenvalues out of order at %d: %v", name, j, w)
		}
	}
	for j := 0; j < n; j++ {
		col := make([]complex128, n)
		mags := make([]float64, n)
		for i := range col {
			col[i] = v.Data[i*n+j]
			mags[i] = cmplx.Abs(col[i])
		}
		p := pivotIndex(mags)
		if imag(col[p]) != 0 || real(col[p]) <= 0 {
			t.Errorf("%s: column %d has pivot %v", name, j, col[p])
		}
		if d := math.Abs(norm2(mags) - 1); d > float64(n)*eigThresh*eps {
			t.Errorf("%s: column %d has norm 1%+g", name, j, d)
		}
		if imag(w[j]) == 0 {
			for _, c := range col {
				if imag(c) != 0 {
					t.Errorf("%s: real eigenvalue %v with a complex eigenvector", name, w[j])
					break
				}
			}
		}
	}
}

func TestEighExact(t *testing.T) {
	// Eigenvalues known in closed form.
	const s2 = 0.7071067811865476 // 1/√2
	tests := []struct {
		name string
		a    [][]float64
		w    []float64
		v    [][]float64 // nil: not checked
	}{
		{"source example", [][]float64{{2, 0}, {0, 3}}, []float64{2, 3}, [][]float64{{1, 0}, {0, 1}}},
		{"1x1", [][]float64{{-4}}, []float64{-4}, [][]float64{{1}}},
		{"[[2,1],[1,2]]", [][]float64{{2, 1}, {1, 2}}, []float64{1, 3}, [][]float64{{s2, s2}, {-s2, s2}}},
		{"zero", [][]float64{{0, 0}, {0, 0}}, []float64{0, 0}, [][]float64{{1, 0}, {0, 1}}},
		{"diagonal unsorted", [][]float64{{3, 0, 0}, {0, -1, 0}, {0, 0, 2}}, []float64{-1, 2, 3},
			[][]float64{{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}},
		{"upper triangle ignored", [][]float64{{2, 99}, {1, 2}}, []float64{1, 3}, [][]float64{{s2, s2}, {-s2, s2}}},
		// The tridiagonal (1, 2, 1) matrix of order n has eigenvalues
		// 2 − 2cos(kπ/(n+1)), k = 1..n.
		{"tridiagonal 4", [][]float64{{2, 1, 0, 0}, {1, 2, 1, 0}, {0, 1, 2, 1}, {0, 0, 1, 2}},
			[]float64{2 - 2*math.Cos(math.Pi/5), 2 - 2*math.Cos(2*math.Pi/5), 2 - 2*math.Cos(3*math.Pi/5), 2 - 2*math.Cos(4*math.Pi/5)}, nil},
	}
	for _, tt := range tests {
		a := eigTestMatrix(t, tt.a)
		w, v, err := Eigh(a)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		n := len(tt.w)
		for i := range tt.w {
			if math.Abs(w[i]-tt.w[i]) > 8*eps*3 { // a few roundings of numbers below 4
				t.Errorf("%s: w = %v, want %v", tt.name, w, tt.w)
				break
			}
		}
		for i := 0; i < n && tt.v != nil; i++ {
			for j := 0; j < n; j++ {
				if math.Abs(v.At(i, j)-tt.v[i][j]) > 8*eps {
					t.Errorf("%s: V = %v, want %v", tt.name, v.RowsOf(), tt.v)
					i = n
					break
				}
			}
		}
		checkEighCanonical(t, tt.name, w, v)
	}
}

func TestEighResiduals(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	cases := map[string]Matrix{}
	for _, n := range []int{1, 2, 3, 5, 8, 20, 64, 150} {
		cases[fmt.Sprint("normal ", n)] = randMatrix(rng, n, n)
	}
	// Graded: entries from 1e-150 to 1e150.
	g := randMatrix(rng, 8, 8)
	for i := 0; i < 8; i++ {
		for j := 0; j < 8; j++ {
			g.Data[i*8+j] *= math.Pow(10, -75+150*float64(i)/7) * math.Pow(10, -75+150*float64(j)/7)
		}
	}
	cases["graded"] = g
	h := NewMatrix(10, 10)
	for i := 0; i < 10; i++ {
		for j := 0; j < 10; j++ {
			h.Data[i*10+j] = 1 / float64(i+j+1)
		}
	}
	cases["Hilbert 10"] = h
	cases["identity"] = Identity(6)
	tiny := randMatrix(rng, 4, 4)
	for i := range tiny.Data {
		tiny.Data[i] *= 1e-300
	}
	cases["tiny 1e-300"] = tiny
	huge := randMatrix(rng, 4, 4)
	for i := range huge.Data {
		huge.Data[i] *= 1e300
	}
	cases["huge 1e300"] = huge
	for name, a := range cases {
		a0 := a.Clone()
		w, v, err := Eigh(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range a.Data {
			if !alike(a.Data[i], a0.Data[i]) {
				t.Fatalf("%s: the input was modified", name)
			}
		}
		res, orth := eighRatios(a, w, v)
		if res > eigThresh || orth > eigThresh || math.IsNaN(res+orth) {
			t.Errorf("%s: residual ratio %.3g, orthogonality ratio %.3g", name, res, orth)
		}
		checkEighCanonical(t, name, w, v)
	}
}

func TestEigExact(t *testing.T) {
	s2 := 1 / math.Sqrt2
	tests := []struct {
		name string
		a    [][]float64
		w    []complex128
		real bool
	}{
		{"source example", [][]float64{{2, 0}, {0, 3}}, []complex128{2, 3}, true},
		{"rotation 90°", [][]float64{{0, -1}, {1, 0}}, []complex128{-1i, 1i}, false},
		{"[[1,2],[3,4]]", [][]float64{{1, 2}, {3, 4}}, []complex128{complex((5-math.Sqrt(33))/2, 0), complex((5+math.Sqrt(33))/2, 0)}, true},
		// The companion matrix of (x−1)(x−2)(x−3) = x³ − 6x² + 11x − 6.
		{"companion 1, 2, 3", [][]float64{{6, -11, 6}, {1, 0, 0}, {0, 1, 0}}, []complex128{1, 2, 3}, true},
		// (x² + 1)(x² + 4) = x⁴ + 5x² + 4: roots ±i, ±2i, real parts tied.
		{"companion ±i, ±2i", [][]float64{{0, -5, 0, -4}, {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}},
			[]complex128{-2i, -1i, 1i, 2i}, false},
		// (x + 1)(x² − 2x + 5) = x³ − x² + 3x + 5: roots −1, 1 ± 2i.
		{"companion -1, 1±2i", [][]float64{{1, -3, -5}, {1, 0, 0}, {0, 1, 0}}, []complex128{-1, 1 - 2i, 1 + 2i}, false},
		{"Jordan block", [][]float64{{2, 1}, {0, 2}}, []complex128{2, 2}, true},
		{"cyclic permutation", [][]float64{{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},
			[]complex128{complex(-0.5, -math.Sqrt(3)/2), complex(-0.5, math.Sqrt(3)/2), 1}, false},
	}
	for _, tt := range tests {
		a := eigTestMatrix(t, tt.a)
		w := make([]complex128, a.Rows)
		v := NewComplexMatrix(a.Rows, a.Rows)
		allReal, err := EigTo(w, v, a)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if allReal != tt.real {
			t.Errorf("%s: all real = %v, want %v", tt.name, allReal, tt.real)
		}
		for i := range tt.w {
			// Well-conditioned simple roots of modulus ≤ 3: within 100ε·‖A‖.
			if cmplx.Abs(w[i]-tt.w[i]) > 100*eps*norm2(a.Data) {
				t.Errorf("%s: w = %v, want %v", tt.name, w, tt.w)
				break
			}
		}
		checkEigCanonical(t, tt.name, w, v)
	}
	// The source material's example comes out exactly.
	w, v, _ := Eig(eigTestMatrix(t, [][]float64{{2, 0}, {0, 3}}))
	if fmt.Sprint(w, v.Data) != "[(2+0i) (3+0i)] [(1+0i) (0+0i) (0+0i) (1+0i)]" {
		t.Errorf("Eig([[2,0],[0,3]]) = %v, %v", w, v.Data)
	}
	// The rotation's eigenvectors (1, ±i)/√2: pivots tie, the first wins.
	_, v, _ = Eig(eigTestMatrix(t, [][]float64{{0, -1}, {1, 0}}))
	want := []complex128{complex(s2, 0), complex(s2, 0), complex(0, s2), complex(0, -s2)}
	for i := range want {
		if cmplx.Abs(v.Data[i]-want[i]) > 4*eps {
			t.Errorf("rotation: V = %v, want %v", v.Data, want)
			break
		}
	}
}

func TestEigResiduals(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	cases := map[string]Matrix{}
	for _, n := range []int{1, 2, 3, 4, 7, 16, 50, 120} {
		cases[fmt.Sprint("normal ", n)] = randMatrix(rng, n, n)
	}
	ut := randMatrix(rng, 9, 9)
	for i := 0; i < 9; i++ {
		for j := 0; j < i; j++ {
			ut.Data[i*9+j] = 0
		}
	}
	cases["upper triangular"] = ut
	lt, _ := Transpose(ut)
	cases["lower triangular"] = lt
	g := randMatrix(rng, 6, 6)
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			g.Data[i*6+j] *= math.Pow(10, -75+30*float64(i)) * math.Pow(10, -75+30*float64(j))
		}
	}
	cases["graded"] = g
	cycle := NewMatrix(8, 8)
	for i := 0; i < 8; i++ {
		cycle.Data[((i+1)%8)*8+i] = 1
	}
	cases["cyclic permutation 8"] = cycle
	cases["zero"] = NewMatrix(4, 4)
	// Balancing scales this matrix by up to 2¹¹⁸ and ruins its eigenvectors
	// (LAPACK's, too): EigTo must notice and solve without the scaling.
	bad := NewMatrix(10, 10)
	for i := range bad.Data {
		bad.Data[i] = 4.10013526e-72
	}
	bad.Data[1], bad.Data[44] = 1, 1
	cases["badly scaled for balancing"] = bad
	tiny := randMatrix(rng, 5, 5)
	for i := range tiny.Data {
		tiny.Data[i] *= 1e-300
	}
	cases["tiny 1e-300"] = tiny
	for name, a := range cases {
		a0 := a.Clone()
		w, v, err := Eig(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range a.Data {
			if !alike(a.Data[i], a0.Data[i]) {
				t.Fatalf("%s: the input was modified", name)
			}
		}
		if r := eigRatio(a, w, v); r > eigThresh || math.IsNaN(r) {
			t.Errorf("%s: residual ratio %.3g", name, r)
		}
		checkEigCanonical(t, name, w, v)
	}
}

func TestEigJordanBlocks(t *testing.T) {
	// A k×k Jordan block J(λ) rotated by an orthogonal Q: a perturbation of
	// size δ moves its eigenvalue by up to (k·δ)^(1/k) (Ostrowski–Elsner);
	// with δ = 30·k·ε·‖A‖ the eigenvalues must lie in that disc around λ.
	rng := rand.New(rand.NewSource(9))
	for _, k := range []int{2, 3, 4, 6} {
		j := Identity(k)
		for i := 0; i+1 < k; i++ {
			j.Data[i*k+i+1] = 1
		}
		q := randOrthogonal(rng, k)
		qt, _ := Transpose(q)
		qj, _ := Matmul(q, j)
		a, _ := Matmul(qj, qt)
		w, v, err := Eig(a)
		if err != nil {
			t.Fatal(err)
		}
		delta := eigThresh * float64(k) * eps * eigNorm2(t, a)
		bound := math.Pow(float64(k)*delta, 1/float64(k))
		for _, x := range w {
			if d := cmplx.Abs(x - 1); d > bound {
				t.Errorf("Jordan %d: eigenvalue %v is %.3g from 1, bound %.3g", k, x, d, bound)
			}
		}
		// The eigenvectors are nearly parallel but each still satisfies
		// A·v ≈ λ·v to working accuracy.
		if r := eigRatio(a, w, v); r > eigThresh {
			t.Errorf("Jordan %d: residual ratio %.3g", k, r)
		}
	}
}

// randOrthogonal returns a random orthogonal matrix: the eigenvectors of a
// random symmetric matrix.
func randOrthogonal(rng *rand.Rand, n int) Matrix {
	_, v, _ := Eigh(randMatrix(rng, n, n))
	return v
}

func TestEigenErrors(t *testing.T) {
	nan := math.NaN()
	for _, op := range []struct {
		name string
		f    func(Matrix) error
	}{
		{"eigh", func(a Matrix) error { _, _, err := Eigh(a); return err }},
		{"eig", func(a Matrix) error { _, _, err := Eig(a); return err }},
	} {
		tests := []struct {
			a    Matrix
			kind error
			msg  string
		}{
			{NewMatrix(2, 3), ErrShape, op.name + ": shape mismatch: A must be square, got 2x3"},
			{NewMatrix(0, 0), ErrInvalid, op.name + ": invalid input: A is empty"},
			{Matrix{Rows: 2, Cols: 2, Data: []float64{1, nan, 0, 1}}, ErrInvalid, op.name + ": invalid input: A contains NaN or Inf"},
			{Matrix{Rows: 2, Cols: 2, Data: []float64{1, 0, math.Inf(-1), 1}}, ErrInvalid, op.name + ": invalid input: A contains NaN or Inf"},
			{Matrix{Rows: 2, Cols: 2, Data: []float64{1}}, ErrShape, op.name + ": shape mismatch: A is 2x2 but holds 1 values"},
		}
		for _, tt := range tests {
			err := op.f(tt.a)
			if !errors.Is(err, tt.kind) || err.Error() != tt.msg {
				t.Errorf("%s(%v): %v, want %q", op.name, tt.a, err, tt.msg)
			}
		}
	}
	a := Identity(3)
	if err := EighTo(make([]float64, 2), NewMatrix(3, 3), a); !errors.Is(err, ErrShape) {
		t.Errorf("EighTo with a short w: %v", err)
	}
	if _, err := EigTo(make([]complex128, 3), NewComplexMatrix(3, 2), a); !errors.Is(err, ErrShape) {
		t.Errorf("EigTo with a 3x2 V: %v", err)
	}
}

func TestEigenNoConvergence(t *testing.T) {
	defer func(f int) { eigIterFactor = f }(eigIterFactor)
	eigIterFactor = 0 // no iteration allowed: any matrix that needs one fails
	a := randMatrix(rand.New(rand.NewSource(10)), 5, 5)
	if _, _, err := Eigh(a); !errors.Is(err, ErrNoConvergence) || err.Error() != "eigh: no convergence: eigenvalues did not converge" {
		t.Errorf("Eigh: %v", err)
	}
	if _, _, err := Eig(a); !errors.Is(err, ErrNoConvergence) || err.Error() != "eig: no convergence: eigenvalues did not converge" {
		t.Errorf("Eig: %v", err)
	}
	// A diagonal matrix needs no iteration at all.
	if _, _, err := Eig(eigTestMatrix(t, [][]float64{{1, 0}, {0, 2}})); err != nil {
		t.Errorf("Eig(diagonal) without iterations: %v", err)
	}
}

func TestEigHardShifts(t *testing.T) {
	// Matrices on which the standard shifts stall: exceptional shifts must
	// get the QR iteration going (cyclic permutations, whose eigenvalues
	// are the roots of unity, and a matrix with zero trailing block).
	for _, n := range []int{3, 4, 7, 16} {
		a := NewMatrix(n, n)
		for i := 0; i < n; i++ {
			a.Data[((i+1)%n)*n+i] = 1
		}
		w, v, err := Eig(a)
		if err != nil {
			t.Fatalf("cycle %d: %v", n, err)
		}
		for _, x := range w {
			if math.Abs(cmplx.Abs(x)-1) > 100*eps*float64(n) {
				t.Errorf("cycle %d: eigenvalue %v is not on the unit circle", n, x)
			}
		}
		if r := eigRatio(a, w, v); r > eigThresh {
			t.Errorf("cycle %d: residual ratio %.3g", n, r)
		}
	}
	a := eigTestMatrix(t, [][]float64{{0, 1, 0}, {0, 0, 1}, {1e-20, 0, 0}})
	if _, _, err := Eig(a); err != nil {
		t.Errorf("nearly nilpotent: %v", err)
	}
}
