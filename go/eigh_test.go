package twinmath

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"runtime"
	"testing"
)

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
		eigh := Eigh
		if tt.name == "upper triangle ignored" {
			eigh = EighLower
		}
		w, v, err := eigh(a)
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
	// Divide and conquer (from dcMin rows): a random matrix, and one with
	// three eigenvalues of multiplicity 70, H·D·H for a reflection H, where
	// nearly every merge deflates.
	cases["normal 300"] = randMatrix(rng, 300, 300)
	u := randMatrix(rng, 1, 210).Data
	uu := dotSelf(u)
	rep := NewMatrix(210, 210)
	for i := 0; i < 210; i++ {
		for j := 0; j < 210; j++ {
			hij := -2 * u[i] * u[j] / uu
			if i == j {
				hij++
			}
			rep.Data[i*210+j] = hij
		}
	}
	dh := NewMatrix(210, 210)
	for i := 0; i < 210; i++ {
		for j := 0; j < 210; j++ {
			dh.Data[i*210+j] = float64(i%3) * rep.Data[i*210+j]
		}
	}
	cases["multiplicity 70"] = mulMat(rep, dh)
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
		w, v, err := EighLower(a)
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

func TestEighSameOnAnyNumberOfThreads(t *testing.T) {
	// The rotations of a QL sweep are applied strip by strip of columns and
	// the blocked products tile by tile, each entry by the same operations
	// however the work is shared: several threads must give the same bits
	// as one.
	a := randMatrix(rand.New(rand.NewSource(12)), 260, 260)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	w1, v1, _ := Eigh(a)
	for _, procs := range []int{2, 3} {
		runtime.GOMAXPROCS(procs)
		w2, v2, _ := Eigh(a)
		for _, pair := range [][2][]float64{{w1, w2}, {v1.Data, v2.Data}} {
			for i := range pair[0] {
				if !alike(pair[0][i], pair[1][i]) {
					t.Fatalf("%d threads: entry %d differs: %v and %v", procs, i, pair[0][i], pair[1][i])
				}
			}
		}
	}
}

// Eigh refuses a matrix whose triangles differ by more than SymmetryTol,
// accepts one that differs by rounding, and EighLower reads the lower
// triangle whatever the upper holds.
func TestEighSymmetryCheck(t *testing.T) {
	a := eigTestMatrix(t, [][]float64{{4, 1}, {2, 3}})
	if _, _, err := Eigh(a); !errors.Is(err, ErrInvalid) ||
		err.Error() != "eigh: invalid input: A is not symmetric: A[1][0] = 2.0, A[0][1] = 1.0 differ by more than 2.842170943040401e-14 (use the lower triangle alone with EighLower)" {
		t.Errorf("Eigh of an asymmetric matrix: %v", err)
	}
	if err := EighTo(make([]float64, 2), NewMatrix(2, 2), a); !errors.Is(err, ErrInvalid) {
		t.Errorf("EighTo of an asymmetric matrix: %v", err)
	}
	if w, _, err := EighLower(a); err != nil || math.Abs(w[0]-(3.5-math.Sqrt(4.25))) > 1e-14 || math.Abs(w[1]-(3.5+math.Sqrt(4.25))) > 1e-14 {
		t.Errorf("EighLower = %v, %v; want the eigenvalues of [[4,2],[2,3]]", w, err)
	}
	// n = 2, max|a| = 4: the tolerance is 16·2·ε·4 = 128ε.
	if tol := SymmetryTol(a); tol != 128*0x1p-52 {
		t.Errorf("SymmetryTol = %v, want 128ε", tol)
	}
	for _, d := range []struct {
		delta float64
		ok    bool
	}{{128 * 0x1p-52, true}, {64 * 0x1p-52, true}, {136 * 0x1p-52, false}} {
		b := eigTestMatrix(t, [][]float64{{4, 1}, {1, 3}})
		b.Data[1] += d.delta
		_, _, err := Eigh(b)
		if (err == nil) != d.ok {
			t.Errorf("a difference of %v: error %v, want accepted %v", d.delta, err, d.ok)
		}
	}
	// A Gram matrix XᵀX formed by Matmul is symmetric up to rounding.
	rng := rand.New(rand.NewSource(3))
	x := randMatrix(rng, 50, 20)
	xt, _ := Transpose(x)
	g, _ := Matmul(xt, x)
	if _, _, err := Eigh(g); err != nil {
		t.Errorf("Eigh of XᵀX: %v", err)
	}
	if _, _, err := EighContext(context.Background(), a); !errors.Is(err, ErrInvalid) {
		t.Errorf("EighContext of an asymmetric matrix: %v", err)
	}
	if _, _, err := EighLowerContext(context.Background(), a); err != nil {
		t.Errorf("EighLowerContext: %v", err)
	}
}
