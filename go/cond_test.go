package twinmath

import (
	"errors"
	"math"
	"math/rand"
	"testing"
)

func init() {
	vectorOps["slogdet"] = func(c *vcase) (any, error) {
		if c.ndim("a") > 2 {
			a, lead := c.stack("a")
			s, l, err := SlogdetStack(a)
			return []any{stackResult{s, lead}, stackResult{l, lead}}, err
		}
		s, l, err := Slogdet(c.mat("a"))
		return []any{s, l}, err
	}
	vectorOps["cond"] = func(c *vcase) (any, error) {
		if c.ndim("x") > 2 {
			a, lead := c.stack("x")
			p, kind := c.normOrd("p", 2, "")
			r, err := condStack(nil, nil, a, p, kind)
			return stackResult{r, lead}, err
		}
		a := c.mat("x")
		if _, ok := c.Args["p"]; !ok {
			return Cond(a, 2) // p None
		}
		switch c.str("p") {
		case "fro":
			return CondFrobenius(a)
		case "nuc":
			return CondNuclear(a)
		}
		return Cond(a, c.num("p"))
	}
}

func TestSlogdet(t *testing.T) {
	tests := []struct {
		name      string
		a         Matrix
		sign, log float64
		tol       float64
	}{
		// ln 2: det = −2.
		{"worked", Matrix{2, 2, []float64{1, 2, 3, 4}}, -1, math.Ln2, 4 * eps},
		{"empty", Matrix{0, 0, nil}, 1, 0, 0},
		{"singular", Matrix{2, 2, []float64{1, 2, 2, 4}}, 0, math.Inf(-1), 0},
		{"zero", NewMatrix(3, 3), 0, math.Inf(-1), 0},
		// det = 1e-200·1e-200·1e-200 = 1e-600, below float64's range.
		{"tiny", Matrix{3, 3, []float64{1e-200, 0, 0, 0, 1e-200, 0, 0, 0, -1e-200}}, -1, -600 * math.Ln10, 1e-13},
		{"huge", Matrix{2, 2, []float64{0, 1e300, 1e300, 0}}, -1, 600 * math.Ln10, 1e-13},
	}
	for _, tt := range tests {
		s, l, err := Slogdet(tt.a)
		if err != nil || s != tt.sign || !within(l, tt.log, tt.tol*math.Max(1, math.Abs(tt.log))) && l != tt.log {
			t.Errorf("%s: Slogdet = %v, %v, %v; want %v, %v", tt.name, s, l, err, tt.sign, tt.log)
		}
	}
	rng := rand.New(rand.NewSource(3))
	for n := 1; n <= 12; n++ {
		a := randMatrix(rng, n, n)
		d, _ := Det(a)
		s, l, err := Slogdet(a)
		if err != nil || s*math.Exp(l) == 0 || math.Abs(s*math.Exp(l)-d) > 1e-9*math.Abs(d) {
			t.Errorf("n=%d: Slogdet = %v, %v, %v; Det = %v", n, s, l, err, d)
		}
	}
	for _, bad := range []struct {
		a    Matrix
		want error
	}{
		{Matrix{1, 2, []float64{1, 2}}, ErrShape},
		{Matrix{1, 1, []float64{math.NaN()}}, ErrInvalid},
	} {
		if _, _, err := Slogdet(bad.a); !errors.Is(err, bad.want) {
			t.Errorf("Slogdet(%v): error %v, want %v", bad.a, err, bad.want)
		}
	}
}

func TestCond(t *testing.T) {
	a := Matrix{2, 2, []float64{1, 2, 3, 4}}
	// numpy.linalg.cond(a, p) for these p.
	tests := []struct {
		p, want float64
	}{
		{2, 14.933034373659265}, {-2, 0.06696562634074718},
		{1, 21}, {-1, 6}, {math.Inf(1), 21}, {math.Inf(-1), 6},
	}
	for _, tt := range tests {
		got, err := Cond(a, tt.p)
		if err != nil || !within(got, tt.want, 16*eps*tt.want) {
			t.Errorf("Cond(a, %v) = %v, %v; want %v", tt.p, got, err, tt.want)
		}
	}
	if got, err := CondFrobenius(a); err != nil || !within(got, 15, 16*eps*15) {
		t.Errorf("CondFrobenius = %v, %v; want 15", got, err)
	}
	if got, err := CondNuclear(a); err != nil || !within(got, 17, 16*eps*17) {
		t.Errorf("CondNuclear = %v, %v; want 17", got, err)
	}
	singular := Matrix{2, 2, []float64{1, 2, 2, 4}}
	for _, p := range []float64{1, -1, math.Inf(1), math.Inf(-1)} {
		if got, err := Cond(singular, p); err != nil || !math.IsInf(got, 1) {
			t.Errorf("Cond(singular, %v) = %v, %v; want +Inf", p, got, err)
		}
	}
	// The zero matrix: 0/0 for p = ±2, and singular otherwise.
	for _, p := range []float64{2, -2, 1} {
		if got, err := Cond(NewMatrix(2, 2), p); err != nil || !math.IsInf(got, 1) {
			t.Errorf("Cond(0, %v) = %v, %v; want +Inf", p, got, err)
		}
	}
	// Non-square matrices only for p = ±2.
	wide := Matrix{1, 2, []float64{3, 4}}
	if got, err := Cond(wide, 2); err != nil || got != 1 {
		t.Errorf("Cond(1x2, 2) = %v, %v; want 1", got, err)
	}
	for _, bad := range []struct {
		a    Matrix
		p    float64
		want error
	}{
		{wide, 1, ErrShape},
		{Matrix{0, 0, nil}, 2, ErrShape}, // numpy's LinAlgError
		{Matrix{0, 0, nil}, 1, ErrShape},
		{Matrix{1, 1, []float64{math.Inf(1)}}, 2, ErrInvalid},
		{a, 3, ErrInvalid},
	} {
		if _, err := Cond(bad.a, bad.p); !errors.Is(err, bad.want) {
			t.Errorf("Cond(%v, %v): error %v, want %v", bad.a, bad.p, err, bad.want)
		}
	}
}

func TestMatrixNormNegativeOrders(t *testing.T) {
	a := Matrix{2, 3, []float64{1, -2, 3, -4, 5, 0}}
	tests := []struct {
		ord, want float64
	}{
		{-1, 3}, {1, 7}, {math.Inf(-1), 6}, {math.Inf(1), 9},
	}
	for _, tt := range tests {
		if got, err := MatrixNorm(a, tt.ord); err != nil || got != tt.want {
			t.Errorf("MatrixNorm(a, %v) = %v, %v; want %v", tt.ord, got, err, tt.want)
		}
	}
	s, _ := SVDValues(a)
	if got, err := MatrixNorm(a, -2); err != nil || got != s[len(s)-1] {
		t.Errorf("MatrixNorm(a, -2) = %v, %v; want %v", got, err, s[len(s)-1])
	}
	if got, err := NuclearNorm(a); err != nil || !within(got, s[0]+s[1], 4*eps*(s[0]+s[1])) {
		t.Errorf("NuclearNorm(a) = %v, %v; want %v", got, err, s[0]+s[1])
	}
	if got, _ := MatrixNorm(Matrix{1, 2, []float64{1, math.Inf(1)}}, -2); !math.IsNaN(got) {
		t.Errorf("MatrixNorm(inf, -2) = %v, want NaN", got)
	}
	if got, _ := MatrixNorm(Matrix{0, 3, nil}, -1); got != 0 {
		t.Errorf("MatrixNorm(empty, -1) = %v, want 0", got)
	}
}

// A singular value of −0 (from the SVD of this matrix) once made Cond −Inf
// (16 / −0): found by FuzzStack.
func TestCondSingularNoNegativeZero(t *testing.T) {
	a := Matrix{Rows: 3, Cols: 3, Data: []float64{0, 0, 16, 1, 0, 0, 0, 0, 0}}
	s, err := Svdvals(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range s {
		if math.Signbit(x) {
			t.Fatalf("singular values %v hold −0", s)
		}
	}
	if c, err := Cond(a, 2); err != nil || !math.IsInf(c, 1) {
		t.Errorf("Cond(a, 2) = %v, %v, want +Inf", c, err)
	}
	if c, err := Cond(a, -2); err != nil || c != 0 || math.Signbit(c) {
		t.Errorf("Cond(a, -2) = %v, %v, want +0", c, err)
	}
}
