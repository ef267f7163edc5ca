package twinmath

import (
	"errors"
	"math"
	"math/rand"
	"testing"
)

func init() {
	pair := func(f func(a, b []float64) ([]float64, error)) func(c *vcase) (any, error) {
		return func(c *vcase) (any, error) { return f(c.vec("a"), c.vec("b")) }
	}
	vectorOps["add"] = pair(Add)
	vectorOps["subtract"] = pair(Subtract)
	vectorOps["scale"] = func(c *vcase) (any, error) { return Scale(c.vec("v"), c.num("c")), nil }
	vectorOps["dot"] = func(c *vcase) (any, error) { return Dot(c.vec("a"), c.vec("b")) }
	vectorOps["cosine_similarity"] = func(c *vcase) (any, error) { return CosineSimilarity(c.vec("a"), c.vec("b")) }
	vectorOps["outer"] = func(c *vcase) (any, error) { return Outer(c.vec("a"), c.vec("b")) }
	vectorOps["project"] = func(c *vcase) (any, error) { return Project(c.vec("a"), c.vec("onto")) }
	vectorOps["norm"] = func(c *vcase) (any, error) {
		if _, ok := c.Args["axis"]; ok {
			return normAxisCase(c)
		}
		if c.ndim("v") == 1 {
			return VectorNorm(c.vec("v"), c.num("ord"))
		}
		return matrixNormCase(c, c.mat("v"), "ord")
	}
}

var (
	inf = math.Inf(1)
	nan = math.NaN()
)

func TestNormSpecialCases(t *testing.T) {
	tests := []struct {
		v    []float64
		ord  float64
		want float64
	}{
		{nil, 2, 0},
		{nil, 1, 0},
		{nil, inf, 0},
		{[]float64{3, 4}, 2, 5},
		{[]float64{3, -4}, 1, 7},
		{[]float64{3, -4}, inf, 4},
		{[]float64{1e200, 1e200}, 2, 1e200 * math.Sqrt2},    // the squares overflow
		{[]float64{3e-200, 4e-200}, 2, 5e-200},              // the squares underflow
		{[]float64{math.SmallestNonzeroFloat64}, 2, 5e-324}, // subnormal
		{[]float64{1, nan, inf}, 2, nan},                    // NaN wins over Inf
		{[]float64{1, -inf}, 2, inf},
		{[]float64{nan, 1}, inf, nan},
		{[]float64{-inf, 1}, 1, inf},
		{[]float64{math.Copysign(0, -1)}, 2, 0},
	}
	for _, tt := range tests {
		got, err := Norm(tt.v, tt.ord)
		if err != nil || !(alike(got, tt.want) || math.Abs(got-tt.want) <= 2*ulp(tt.want)) {
			t.Errorf("Norm(%v, %v) = %v, %v; want %v", tt.v, tt.ord, got, err, tt.want)
		}
	}
	if _, err := Norm([]float64{1}, 3); !errors.Is(err, ErrInvalid) {
		t.Errorf("Norm(ord 3) error = %v, want ErrInvalid", err)
	}
}

// ulp returns the spacing of floats at x.
func ulp(x float64) float64 {
	x = math.Abs(x)
	return math.Nextafter(x, inf) - x
}

func TestCosineSimilaritySpecialCases(t *testing.T) {
	tests := []struct {
		a, b []float64
		want float64
	}{
		{[]float64{1, 2}, []float64{2, 4}, 1},
		{[]float64{1, 2}, []float64{-1, -2}, -1},
		{[]float64{1, 0}, []float64{0, 1}, 0},
		{[]float64{0, 0}, []float64{1, 2}, 0},                 // a zero vector
		{nil, nil, 0},                                         // empty vectors
		{[]float64{1e300, 1e300}, []float64{1e300, 1e300}, 1}, // the naive formula gives NaN
		{[]float64{1, nan}, []float64{1, 2}, nan},
		{[]float64{1, inf}, []float64{1, 2}, nan},
	}
	for _, tt := range tests {
		got, err := CosineSimilarity(tt.a, tt.b)
		if err != nil || !(alike(got, tt.want) || math.Abs(got-tt.want) <= 4*ulp(1)) {
			t.Errorf("CosineSimilarity(%v, %v) = %v, %v; want %v", tt.a, tt.b, got, err, tt.want)
		}
		if got > 1 || got < -1 {
			t.Errorf("CosineSimilarity(%v, %v) = %v, outside [-1, 1]", tt.a, tt.b, got)
		}
	}
}

func TestProjectZeroAndHuge(t *testing.T) {
	got, err := Project([]float64{2, 3}, []float64{0, 0})
	if err != nil || got[0] != 0 || got[1] != 0 {
		t.Errorf("Project onto zero = %v, %v; want [0 0]", got, err)
	}
	// onto·onto overflows here without the scaling.
	got, err = Project([]float64{1, 3}, []float64{1e300, 1e300})
	if err != nil || math.Abs(got[0]-2) > 4*ulp(2) || math.Abs(got[1]-2) > 4*ulp(2) {
		t.Errorf("Project onto huge = %v, %v; want [2 2]", got, err)
	}
}

func TestVectorShapeErrors(t *testing.T) {
	a, b := []float64{1, 2, 3}, []float64{1, 2}
	const want = "lengths 3 and 2 differ"
	for name, f := range map[string]func() error{
		"add":               func() error { _, err := Add(a, b); return err },
		"subtract":          func() error { _, err := Subtract(a, b); return err },
		"dot":               func() error { _, err := Dot(a, b); return err },
		"cosine_similarity": func() error { _, err := CosineSimilarity(a, b); return err },
		"project":           func() error { _, err := Project(a, b); return err },
	} {
		err := f()
		if !errors.Is(err, ErrShape) || err.Error() != name+": shape mismatch: "+want {
			t.Errorf("%s: error %v, want ErrShape %q", name, err, want)
		}
	}
	if err := AddTo(make([]float64, 2), a, a); !errors.Is(err, ErrShape) {
		t.Errorf("AddTo with a short dst: %v, want ErrShape", err)
	}
	if err := OuterTo(NewMatrix(2, 2), a, b); !errors.Is(err, ErrShape) {
		t.Errorf("OuterTo with a wrong dst: %v, want ErrShape", err)
	}
}

func TestAddToAliases(t *testing.T) {
	a := []float64{1, 2, 3}
	if err := AddTo(a, a, []float64{1, 1, 1}); err != nil || a[0] != 2 || a[2] != 4 {
		t.Errorf("AddTo in place = %v, %v", a, err)
	}
}

func TestDotMatchesExactSum(t *testing.T) {
	// Integers below 2^53: every partial sum is exact, in any order.
	a := make([]float64, 103)
	b := make([]float64, 103)
	want := 0.0
	for i := range a {
		a[i], b[i] = float64(i-50), float64(3*i+1)
		want += a[i] * b[i]
	}
	if got, _ := Dot(a, b); got != want {
		t.Errorf("Dot = %v, want %v", got, want)
	}
}

func TestPyFloat(t *testing.T) {
	// The right-hand sides are what Python prints for repr(float(x)).
	for x, want := range map[float64]string{
		3: "3.0", -2.5: "-2.5", 0.1: "0.1", 1e-05: "1e-05", 0.0001: "0.0001",
		1e16: "1e+16", 1234567890123456: "1234567890123456.0", 1.5e300: "1.5e+300",
		5e-324: "5e-324", math.Copysign(0, -1): "-0.0", inf: "inf", -inf: "-inf",
	} {
		if got := pyFloat(x); got != want {
			t.Errorf("pyFloat(%v) = %q, want %q", x, got, want)
		}
	}
	if got := pyFloat(nan); got != "nan" {
		t.Errorf("pyFloat(NaN) = %q", got)
	}
}

// A long Dot sums fixed blocks of dotBlock values and then the blocks' sums
// in order: the same bits on 1, 2 and 5 threads, those of that sum, and the
// kernel's own bits below two blocks.
func TestDotBlocksSameBitsOnAnyThreads(t *testing.T) {
	defer SetMaxThreads(SetMaxThreads(1))
	for _, n := range []int{2*dotBlock - 1, 2 * dotBlock, 2*dotBlock + 3, 1_000_000} {
		a, b := make([]float64, n), make([]float64, n)
		for i := range a {
			a[i] = math.Sin(float64(i)) * 1e3
			b[i] = math.Cos(float64(3*i)) / 7
		}
		want := dot(a, b)
		if n >= 2*dotBlock {
			want = 0
			for lo := 0; lo < n; lo += dotBlock {
				hi := min(lo+dotBlock, n)
				want += dot(a[lo:hi], b[lo:hi])
			}
		}
		for _, threads := range []int{1, 2, 5} {
			SetMaxThreads(threads)
			got, err := Dot(a, b)
			if err != nil || math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("n=%d on %d threads: Dot = %v, %v, want %v", n, threads, got, err, want)
			}
		}
	}
}

// AddTo, SubtractTo and ScaleTo share long vectors among threads: each
// entry is still the one operation, in place (dst = a) or not, on one
// thread or several.
func TestElementwiseLongBlocks(t *testing.T) {
	defer SetMaxThreads(SetMaxThreads(0))
	rng := rand.New(rand.NewSource(5))
	n := 5*elementBlock + 123
	a, b := randMatrix(rng, 1, n).Data, randMatrix(rng, 1, n).Data
	ops := []struct {
		name string
		to   func(dst, a, b []float64) error
		want func(x, y float64) float64
	}{
		{"add", AddTo, func(x, y float64) float64 { return x + y }},
		{"subtract", SubtractTo, func(x, y float64) float64 { return x - y }},
		{"scale", func(dst, a, _ []float64) error { return ScaleTo(dst, a, -1.75) }, func(x, _ float64) float64 { return -1.75 * x }},
	}
	for _, threads := range []int{1, 2, 3} {
		SetMaxThreads(threads)
		for _, op := range ops {
			for _, inPlace := range []bool{false, true} {
				dst := make([]float64, n)
				if inPlace {
					copy(dst, a)
				}
				src := a
				if inPlace {
					src = dst
				}
				if err := op.to(dst, src, b); err != nil {
					t.Fatal(err)
				}
				for i := range dst {
					if w := op.want(a[i], b[i]); math.Float64bits(dst[i]) != math.Float64bits(w) {
						t.Fatalf("%s, %d threads, in place %v: entry %d is %v, want %v", op.name, threads, inPlace, i, dst[i], w)
					}
				}
			}
		}
	}
}
