package twinmath

import (
	"fmt"
	"math"
	"math/cmplx"
	"math/rand"
	"testing"
)

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
	_, v, _ := EighLower(randMatrix(rng, n, n))
	return v
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
