package twinmath

import (
	"errors"
	"math"
	"math/rand"
	"testing"
)

func init() {
	vectorOps["matmul"] = func(c *vcase) (any, error) {
		if c.ndim("A") == 2 && c.ndim("B") <= 2 {
			return Matmul(c.mat("A"), c.mat("B"))
		}
		return vectorMatmulStack(c)
	}
	vectorOps["transpose"] = func(c *vcase) (any, error) { return Transpose(c.mat("A")) }
	vectorOps["trace"] = func(c *vcase) (any, error) {
		if c.ndim("A") > 2 {
			a, lead := c.stack("A")
			r, err := TraceStack(a, int(c.opt("offset", 0)))
			return stackResult{r, lead}, err
		}
		return TraceOffset(c.mat("A"), int(c.opt("offset", 0)))
	}
	vectorOps["det"] = func(c *vcase) (any, error) {
		if c.ndim("A") > 2 {
			a, lead := c.stack("A")
			d, err := DetStack(a)
			return stackResult{d, lead}, err
		}
		return Det(c.mat("A"))
	}
	vectorOps["inv"] = func(c *vcase) (any, error) {
		if c.ndim("A") > 2 {
			a, lead := c.stack("A")
			x, err := InvStack(a)
			return stackResult{x.Data, append(lead, a.Rows, a.Cols)}, err
		}
		return Inv(c.mat("A"))
	}
	vectorOps["solve"] = func(c *vcase) (any, error) {
		if c.ndim("A") <= 2 && c.ndim("b") <= 2 {
			return Solve(c.mat("A"), c.mat("b"))
		}
		return vectorSolveStack(c)
	}
}

const eps = 0x1p-52

func randMatrix(rng *rand.Rand, r, c int) Matrix {
	m := NewMatrix(r, c)
	for i := range m.Data {
		m.Data[i] = rng.NormFloat64()
	}
	return m
}

// naiveMatmul is the textbook triple loop, with |A|·|B| for the error bound.
func naiveMatmul(a, b Matrix) (c, abs Matrix) {
	c, abs = NewMatrix(a.Rows, b.Cols), NewMatrix(a.Rows, b.Cols)
	for i := 0; i < a.Rows; i++ {
		for j := 0; j < b.Cols; j++ {
			for k := 0; k < a.Cols; k++ {
				c.Data[i*c.Cols+j] += a.At(i, k) * b.At(k, j)
				abs.Data[i*c.Cols+j] += math.Abs(a.At(i, k) * b.At(k, j))
			}
		}
	}
	return c, abs
}

func TestMatmulAgainstTripleLoop(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	// Shapes around the block sizes and the parallel threshold.
	for _, s := range [][3]int{{1, 1, 1}, {3, 0, 2}, {2, 3, 4}, {17, 129, 5}, {130, 257, 131}, {64, 64, 64}, {300, 20, 7}} {
		a, b := randMatrix(rng, s[0], s[1]), randMatrix(rng, s[1], s[2])
		got, err := Matmul(a, b)
		if err != nil {
			t.Fatal(err)
		}
		want, abs := naiveMatmul(a, b)
		// Two sums of n products in different orders differ by at most
		// 2·γn·Σ|aᵢₖbₖⱼ| (γn ≤ 1.01·n·u, u = ε/2).
		g := 1.01 * float64(s[1]) * eps
		for i := range got.Data {
			if d := math.Abs(got.Data[i] - want.Data[i]); d > g*abs.Data[i] {
				t.Fatalf("%v: entry %d differs by %g > %g", s, i, d, g*abs.Data[i])
			}
		}
	}
}

func TestMatmulErrors(t *testing.T) {
	_, err := Matmul(NewMatrix(2, 3), NewMatrix(2, 3))
	if !errors.Is(err, ErrShape) || err.Error() != "matmul: shape mismatch: inner dimensions 3 and 2 differ" {
		t.Errorf("Matmul 2x3 @ 2x3: %v", err)
	}
	if err := MatmulTo(NewMatrix(1, 1), NewMatrix(2, 2), NewMatrix(2, 2)); !errors.Is(err, ErrShape) {
		t.Errorf("MatmulTo with a wrong dst: %v", err)
	}
	if _, err := Matmul(Matrix{Rows: 2, Cols: 2, Data: make([]float64, 3)}, NewMatrix(2, 2)); !errors.Is(err, ErrShape) {
		t.Errorf("Matmul with inconsistent Data: %v", err)
	}
}

func TestTransposeTrace(t *testing.T) {
	a, _ := MatrixOf([][]float64{{1, 2, 3}, {4, 5, 6}})
	at, _ := Transpose(a)
	want, _ := MatrixOf([][]float64{{1, 4}, {2, 5}, {3, 6}})
	for i := range want.Data {
		if at.Data[i] != want.Data[i] || at.Rows != 3 || at.Cols != 2 {
			t.Fatalf("Transpose = %+v", at)
		}
	}
	if _, err := Trace(a); !errors.Is(err, ErrShape) {
		t.Errorf("Trace of 2x3: %v, want ErrShape", err)
	}
	if tr, err := Trace(Identity(4)); tr != 4 || err != nil {
		t.Errorf("Trace(I4) = %v, %v", tr, err)
	}
}

func TestDet(t *testing.T) {
	tests := []struct {
		a    [][]float64
		want float64
	}{
		{[][]float64{{1, 2}, {3, 4}}, -2},
		{[][]float64{{0, 1}, {1, 0}}, -1}, // one row swap
		{[][]float64{{1, 2}, {2, 4}}, 0},  // singular: an exactly zero pivot
		{[][]float64{{2, 0, 0}, {0, 3, 0}, {0, 0, 4}}, 24},
		{[][]float64{{5}}, 5},
	}
	for _, tt := range tests {
		a, _ := MatrixOf(tt.a)
		got, err := Det(a)
		if err != nil || math.Abs(got-tt.want) > 4*eps*math.Abs(tt.want) {
			t.Errorf("Det(%v) = %v, %v; want %v", tt.a, got, err, tt.want)
		}
	}
	// 1e200·I₃: the running product would overflow; the determinant does too.
	big := Identity(3)
	for i := 0; i < 3; i++ {
		big.Data[i*3+i] = 1e200
	}
	if got, _ := Det(big); !math.IsInf(got, 1) {
		t.Errorf("Det(1e200·I3) = %v, want +Inf", got)
	}
	// (1e200·I₂)·(1e-200·I₂) pattern: diag(1e200, 1e-200) has determinant 1.
	d, _ := MatrixOf([][]float64{{1e200, 0}, {0, 1e-200}})
	if got, _ := Det(d); math.Abs(got-1) > 4*eps {
		t.Errorf("Det(diag(1e200, 1e-200)) = %v, want 1", got)
	}
	if got, err := Det(NewMatrix(0, 0)); got != 1 || err != nil {
		t.Errorf("Det(0×0) = %v, %v, want 1 (the empty product)", got, err)
	}
	for _, bad := range []Matrix{NewMatrix(2, 3), {Rows: 1, Cols: 1, Data: []float64{nan}}} {
		if _, err := Det(bad); err == nil {
			t.Errorf("Det(%+v) succeeded", bad)
		}
	}
}

// residual returns the normwise backward error ‖AX − B‖₁ / (n·ε·(‖A‖₁·‖X‖₁ + ‖B‖₁)),
// as twinmath.tolerances.linalg.residual_ratio defines it.
func residual(a, x, b Matrix) float64 {
	ax, _ := Matmul(a, x)
	r, _ := Subtract(ax.Data, b.Data)
	rm := Matrix{Rows: b.Rows, Cols: b.Cols, Data: r}
	na, _ := MatrixNorm(a, 1)
	nx, _ := MatrixNorm(x, 1)
	nr, _ := MatrixNorm(rm, 1)
	nb, _ := MatrixNorm(b, 1)
	return nr / (float64(a.Rows) * eps * (na*nx + nb))
}

// lapackThreshold is THRESH of LAPACK's own test suite (dtest.in).
const lapackThreshold = 30

func TestInvSolveResiduals(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for _, n := range []int{1, 2, 3, 10, 50, 150} {
		a := randMatrix(rng, n, n)
		x, err := Inv(a)
		if err != nil {
			t.Fatal(err)
		}
		if r := residual(a, x, Identity(n)); r > lapackThreshold {
			t.Errorf("Inv n=%d: residual ratio %.3g", n, r)
		}
		b := randMatrix(rng, n, 3)
		x, err = Solve(a, b)
		if err != nil {
			t.Fatal(err)
		}
		if r := residual(a, x, b); r > lapackThreshold {
			t.Errorf("Solve n=%d: residual ratio %.3g", n, r)
		}
	}
}

func TestInvSolveErrors(t *testing.T) {
	s, _ := MatrixOf([][]float64{{1, 2}, {2, 4}})
	if _, err := Inv(s); !errors.Is(err, ErrSingular) || err.Error() != "inv: singular matrix" {
		t.Errorf("Inv(singular): %v", err)
	}
	if _, err := Solve(s, NewMatrix(2, 1)); !errors.Is(err, ErrSingular) {
		t.Errorf("Solve(singular): %v", err)
	}
	if _, err := Solve(Identity(2), NewMatrix(3, 1)); !errors.Is(err, ErrShape) ||
		err.Error() != "solve: shape mismatch: A is 2x2 but b has 3 rows" {
		t.Errorf("Solve with 3 rows of b: %v", err)
	}
	b := Matrix{Rows: 2, Cols: 1, Data: []float64{1, inf}}
	if _, err := Solve(Identity(2), b); !errors.Is(err, ErrInvalid) || err.Error() != "solve: invalid input: b contains NaN or Inf" {
		t.Errorf("Solve with Inf in b: %v", err)
	}
}

func TestInputsUnchanged(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	a := randMatrix(rng, 6, 6)
	b := randMatrix(rng, 6, 2)
	a0, b0 := a.Clone(), b.Clone()
	_, _ = Det(a)
	_, _ = Inv(a)
	_, _ = Solve(a, b)
	_, _ = Matmul(a, b)
	for i := range a.Data {
		if !alike(a.Data[i], a0.Data[i]) {
			t.Fatal("an input matrix was modified")
		}
	}
	for i := range b.Data {
		if !alike(b.Data[i], b0.Data[i]) {
			t.Fatal("an input matrix was modified")
		}
	}
}

// Dims, Set, RowView and Col read and write the documented entries; an
// index out of range panics with a message naming it, as a slice does.
func TestMatrixAccessors(t *testing.T) {
	m := NewMatrix(2, 3)
	if r, c := m.Dims(); r != 2 || c != 3 {
		t.Fatalf("Dims = %d, %d; want 2, 3", r, c)
	}
	m.Set(1, 2, 7)
	if m.Data[5] != 7 || m.At(1, 2) != 7 {
		t.Errorf("Set(1, 2, 7) gave Data %v", m.Data)
	}
	m.RowView(0)[1] = 3
	if m.At(0, 1) != 3 {
		t.Errorf("a write through RowView(0) did not reach m: %v", m.Data)
	}
	col := m.Col(2)
	if len(col) != 2 || col[0] != 0 || col[1] != 7 {
		t.Errorf("Col(2) = %v, want [0 7]", col)
	}
	col[1] = 9
	if m.At(1, 2) != 7 {
		t.Errorf("Col returned a view, want a copy")
	}
	if got := cap(m.Row(0)); got != 3 {
		t.Errorf("cap(Row(0)) = %d, want 3 (an append must not overwrite row 1)", got)
	}
	panics := []struct {
		name string
		f    func()
		want string
	}{
		{"At(0, 3)", func() { m.At(0, 3) }, "twinmath: Matrix.At(0, 3) out of range for a 2×3 matrix"},
		{"At(-1, 0)", func() { m.At(-1, 0) }, "twinmath: Matrix.At(-1, 0) out of range for a 2×3 matrix"},
		{"Set(2, 0)", func() { m.Set(2, 0, 1) }, "twinmath: Matrix.Set(2, 0) out of range for a 2×3 matrix"},
		{"Row(2)", func() { m.Row(2) }, "twinmath: Matrix.Row(2) out of range for a 2×3 matrix"},
		{"Col(3)", func() { m.Col(3) }, "twinmath: Matrix.Col(3) out of range for a 2×3 matrix"},
	}
	for _, p := range panics {
		func() {
			defer func() {
				if r := recover(); r != p.want {
					t.Errorf("%s: recovered %v, want %q", p.name, r, p.want)
				}
			}()
			p.f()
		}()
	}
}

// A matrix near the top of the range is factored after a shift by a power of
// two, so its inverse (subnormal here) comes out right, not from an
// overflowed pivot.
func TestInvNearOverflow(t *testing.T) {
	a := NewMatrix(2, 2)
	copy(a.Data, []float64{1e308, 1e308, -1e308, 1e308})
	x, err := Inv(a)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{5e-309, -5e-309, 5e-309, 5e-309}
	for i, v := range x.Data {
		if math.Abs(v-want[i]) > 1e-323 {
			t.Fatalf("Inv = %v, want %v", x.Data, want)
		}
	}
}
