package twinmath

import (
	"errors"
	"math"
	"math/rand"
	"runtime"
	"testing"
)

// opt returns the numeric argument name of a vector case, or def if the
// case leaves it to its default.
func (c *vcase) opt(name string, def float64) float64 {
	if _, ok := c.Args[name]; !ok {
		return def
	}
	return c.num(name)
}

// reduction runs a mean, variance or std case: over every value, or along
// an axis of a matrix.
func reduction(c *vcase, flat func(x []float64, ddof int) (float64, error), axis func(a Matrix, ddof, axis int) ([]float64, error)) (any, error) {
	ddof := int(c.opt("ddof", 0))
	if _, ok := c.Args["axis"]; !ok || c.ndim("x") < 2 {
		return flat(c.flatArg("x"), ddof)
	}
	return axis(c.mat("x"), ddof, int(c.num("axis")))
}

func init() {
	vectorOps["mean"] = func(c *vcase) (any, error) {
		return reduction(c,
			func(x []float64, _ int) (float64, error) { return Mean(x) },
			func(a Matrix, _, axis int) ([]float64, error) { return MeanAxis(a, axis) })
	}
	vectorOps["variance"] = func(c *vcase) (any, error) { return reduction(c, Variance, VarianceAxis) }
	vectorOps["std"] = func(c *vcase) (any, error) { return reduction(c, Std, StdAxis) }
	vectorOps["covariance"] = func(c *vcase) (any, error) { return Covariance(c.mat("X"), int(c.opt("ddof", 1))) }
	vectorOps["zscore"] = func(c *vcase) (any, error) {
		xn, mean, std, err := Zscore(c.mat("X"))
		return []any{xn, mean, std}, err
	}
	vectorOps["bayes"] = func(c *vcase) (any, error) {
		return Bayes(c.num("p_b_given_a"), c.num("p_a"), c.num("p_b"))
	}
	vectorOps["expectation"] = func(c *vcase) (any, error) { return Expectation(c.vec("values"), c.vec("probs")) }
	normal := func(f func(x []float64, mu, sigma float64) ([]float64, error)) func(c *vcase) (any, error) {
		return func(c *vcase) (any, error) {
			r, err := f(c.flatArg("x"), c.opt("mu", 0), c.opt("sigma", 1))
			if err != nil {
				return nil, err
			}
			return c.like("x", r), nil
		}
	}
	vectorOps["normal_pdf"] = normal(NormalPDF)
	vectorOps["normal_cdf"] = normal(NormalCDF)
	vectorOps["confidence_interval"] = func(c *vcase) (any, error) {
		lo, hi, err := ConfidenceInterval(c.vec("x"), c.opt("level", 0.95))
		return []any{lo, hi}, err
	}
}

// The source material's sample and its printed results.
var data5 = []float64{10, 20, 30, 40, 50}

func TestSourceMaterialResults(t *testing.T) {
	if m, err := Mean(data5); m != 30 || err != nil {
		t.Errorf("Mean = %v, %v; want 30", m, err)
	}
	if v, err := Variance(data5, 0); v != 200 || err != nil {
		t.Errorf("Variance = %v, %v; want 200", v, err)
	}
	if p, err := Bayes(0.8, 0.3, 0.5); p != 0.48 || err != nil {
		t.Errorf("Bayes = %v, %v; want 0.48", p, err)
	}
}

func TestPairwiseSum(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, n := range []int{0, 1, 7, 8, 9, 127, 128, 129, 1000, 4099} {
		x := make([]float64, n)
		for i := range x {
			// Integers: every order of the additions gives the exact sum.
			x[i] = float64(rng.Intn(2001) - 1000)
		}
		want := 0.0
		for _, v := range x {
			want += v
		}
		if got := pairwiseSum(x); got != want {
			t.Errorf("pairwiseSum(n=%d) = %v, want %v", n, got, want)
		}
	}
	// −0 is the identity: the sum of −0 alone stays −0, as numpy's does.
	if got := pairwiseSum([]float64{math.Copysign(0, -1)}); !alike(got, math.Copysign(0, -1)) {
		t.Errorf("pairwiseSum([-0]) = %v, want -0", got)
	}
}

// pairwiseSpec is numpy's pairwise summation written out plainly, the
// order pairwiseSum must keep: blocks of up to 128 values in eight
// interleaved partial sums, longer runs cut in halves on a multiple of 8;
// sq sums (x[i] − c)² instead.
func pairwiseSpec(x []float64, c float64, sq bool) float64 {
	f := func(v float64) float64 {
		if sq {
			d := v - c
			return d * d
		}
		return v
	}
	n := len(x)
	if n < 8 {
		s := math.Copysign(0, -1)
		for _, v := range x {
			s += f(v)
		}
		return s
	}
	if n <= 128 {
		var r [8]float64
		for j := range r {
			r[j] = f(x[j])
		}
		i := 8
		for ; i+8 <= n; i += 8 {
			for j := range r {
				r[j] += f(x[i+j])
			}
		}
		s := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			s += f(x[i])
		}
		return s
	}
	m := n / 2
	m -= m % 8
	return pairwiseSpec(x[:m], c, sq) + pairwiseSpec(x[m:], c, sq)
}

// TestPairwiseOrder holds pairwiseSum and pairwiseSumSq, on 1, 2, 3, 5 and
// 8 threads (the long sums shared out), to
// pairwiseSpec bit for bit, on values of magnitudes 2⁻³⁰ to 2³⁰ whose sum
// depends on the order of the additions.
func TestPairwiseOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	defer SetMaxThreads(SetMaxThreads(0))
	rng := rand.New(rand.NewSource(31))
	for _, n := range []int{8, 15, 16, 100, 128, 129, 200, 1000, 4099, pairwiseShareMin - 1, pairwiseShareMin, pairwiseShareMin + 13, 1000003} {
		x := make([]float64, n)
		for i := range x {
			x[i] = rng.NormFloat64() * math.Ldexp(1, rng.Intn(61)-30)
		}
		c := rng.NormFloat64()
		want, wantSq := pairwiseSpec(x, 0, false), pairwiseSpec(x, c, true)
		for _, threads := range []int{1, 2, 3, 5, 8} {
			SetMaxThreads(threads)
			if got := pairwiseSum(x); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("n=%d threads=%d: pairwiseSum %v, want %v", n, threads, got, want)
			}
			if got := pairwiseSumSq(x, c); math.Float64bits(got) != math.Float64bits(wantSq) {
				t.Fatalf("n=%d threads=%d: pairwiseSumSq %v, want %v", n, threads, got, wantSq)
			}
		}
	}
}

func TestVarianceSpecialCases(t *testing.T) {
	tests := []struct {
		x    []float64
		ddof int
		want float64
	}{
		{[]float64{5}, 0, 0},
		{[]float64{1, 2, 3, 4}, 1, 5.0 / 3},
		{[]float64{2, 4, 4, 4, 5, 5, 7, 9}, 0, 4},
		{[]float64{1, nan}, 0, nan},
		{[]float64{1, inf}, 0, nan}, // the deviation inf − inf
		{[]float64{1e300, -1e300}, 0, inf},
		// A large mean and a spread of 1: the two-pass algorithm keeps it
		// (a one-pass Σx² − n·mean² would lose it all).
		{[]float64{1e9 + 1, 1e9 - 1, 1e9 + 1, 1e9 - 1}, 0, 1},
	}
	for _, tt := range tests {
		got, err := Variance(tt.x, tt.ddof)
		if err != nil || !(alike(got, tt.want) || math.Abs(got-tt.want) <= 2*ulp(tt.want)) {
			t.Errorf("Variance(%v, %d) = %v, %v; want %v", tt.x, tt.ddof, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		x    []float64
		ddof int
		msg  string
	}{
		{nil, 0, "variance: invalid input: x is empty"},
		{[]float64{1}, 1, "variance: invalid input: ddof must be less than the number of values (1), got 1"},
		{[]float64{1, 2}, -1, "variance: invalid input: ddof must be non-negative, got -1"},
	} {
		if _, err := Variance(tt.x, tt.ddof); !errors.Is(err, ErrInvalid) || err.Error() != tt.msg {
			t.Errorf("Variance(%v, %d) error = %v, want %q", tt.x, tt.ddof, err, tt.msg)
		}
	}
}

func TestAxes(t *testing.T) {
	a, _ := MatrixOf([][]float64{{1, 2, 3}, {4, 5, 9}})
	for _, tt := range []struct {
		axis int
		want []float64
	}{{0, []float64{2.5, 3.5, 6}}, {-2, []float64{2.5, 3.5, 6}}, {1, []float64{2, 6}}, {-1, []float64{2, 6}}} {
		got, err := MeanAxis(a, tt.axis)
		if err != nil || len(got) != len(tt.want) {
			t.Fatalf("MeanAxis(axis %d) = %v, %v", tt.axis, got, err)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("MeanAxis(axis %d) = %v, want %v", tt.axis, got, tt.want)
			}
		}
	}
	v, _ := VarianceAxis(a, 0, 0)
	if v[0] != 2.25 || v[2] != 9 {
		t.Errorf("VarianceAxis(axis 0) = %v, want [2.25 2.25 9]", v)
	}
	s, _ := StdAxis(a, 1, 1)
	if s[0] != 1 || math.Abs(s[1]-math.Sqrt(7)) > ulp(math.Sqrt(7)) {
		t.Errorf("StdAxis(ddof 1, axis 1) = %v, want [1 √7]", s)
	}
	if _, err := MeanAxis(a, 2); err == nil || err.Error() != "mean: invalid input: axis 2 is out of bounds for an array of dimension 2" {
		t.Errorf("MeanAxis(axis 2) error = %v", err)
	}
	if _, err := MeanAxis(NewMatrix(0, 3), 0); err == nil || err.Error() != "mean: invalid input: x has length 0 along axis 0" {
		t.Errorf("MeanAxis(0x3, 0) error = %v", err)
	}
	if r, err := MeanAxis(NewMatrix(0, 3), 1); err != nil || len(r) != 0 {
		t.Errorf("MeanAxis(0x3, 1) = %v, %v; want an empty result", r, err)
	}
}

func TestCovariance(t *testing.T) {
	x, _ := MatrixOf([][]float64{{1, 2}, {2, 4}, {3, 6}})
	c, err := Covariance(x, 1)
	if err != nil || c.At(0, 0) != 1 || c.At(0, 1) != 2 || c.At(1, 0) != 2 || c.At(1, 1) != 4 {
		t.Errorf("Covariance = %v, %v; want [[1 2] [2 4]]", c.RowsOf(), err)
	}
	rng := rand.New(rand.NewSource(5))
	y := randMatrix(rng, 40, 7)
	c, _ = Covariance(y, 0)
	for j := 0; j < 7; j++ {
		v, _ := VarianceAxis(y, 0, 0)
		// The diagonal is the variance: the same centred values, summed
		// in another order.
		if math.Abs(c.At(j, j)-v[j]) > 40*eps52*v[j] {
			t.Errorf("cov[%d][%d] = %v, variance %v", j, j, c.At(j, j), v[j])
		}
		for k := 0; k < 7; k++ {
			if c.At(j, k) != c.At(k, j) {
				t.Errorf("covariance not symmetric at %d, %d", j, k)
			}
		}
	}
	if _, err := Covariance(x, 3); err == nil || err.Error() != "covariance: invalid input: ddof must be less than the number of samples (3), got 3" {
		t.Errorf("Covariance(ddof 3) error = %v", err)
	}
	if _, err := Covariance(NewMatrix(0, 2), 1); !errors.Is(err, ErrInvalid) {
		t.Errorf("Covariance(0x2) error = %v", err)
	}
}

func TestZscore(t *testing.T) {
	// The constant 0.1 column: its computed mean would be 0.10000000000000002
	// and its computed std 1.4e-17; it is a zero-spread column instead.
	x, _ := MatrixOf([][]float64{{0.1, 1, nan}, {0.1, 3, 1}, {0.1, 5, 2}})
	xn, mean, std, err := Zscore(x)
	if err != nil {
		t.Fatal(err)
	}
	if mean[0] != 0.1 || std[0] != 1 || mean[1] != 3 || math.Abs(std[1]-math.Sqrt(8.0/3)) > ulp(std[1]) {
		t.Errorf("Zscore mean %v std %v", mean, std)
	}
	if !math.IsNaN(mean[2]) || !math.IsNaN(std[2]) {
		t.Errorf("a NaN column gives mean %v, std %v; want NaN", mean[2], std[2])
	}
	for i := 0; i < 3; i++ {
		if xn.At(i, 0) != 0 {
			t.Errorf("constant column standardised to %v, want 0", xn.At(i, 0))
		}
	}
	if _, _, _, err := Zscore(NewMatrix(0, 2)); err == nil || err.Error() != "zscore: invalid input: X has no rows" {
		t.Errorf("Zscore(0x2) error = %v", err)
	}
}

func TestBayesErrors(t *testing.T) {
	tests := []struct {
		a, b, c float64
		msg     string
	}{
		{1.5, 0.5, 0.5, "bayes: invalid input: p_b_given_a must be a probability in [0, 1], got 1.5"},
		{0.5, nan, 0.5, "bayes: invalid input: p_a must be a probability in [0, 1], got nan"},
		{0.5, 0.5, 0, "bayes: invalid input: p_b must be positive, got 0.0"},
		{0.9, 0.9, 0.1, "bayes: invalid input: p_b_given_a * p_a = 0.81 exceeds p_b = 0.1"},
	}
	for _, tt := range tests {
		if _, err := Bayes(tt.a, tt.b, tt.c); !errors.Is(err, ErrInvalid) || err.Error() != tt.msg {
			t.Errorf("Bayes(%v, %v, %v) error = %v, want %q", tt.a, tt.b, tt.c, err, tt.msg)
		}
	}
	// 0.1·0.3 rounds above 0.03: within rounding, so accepted and capped.
	if p, err := Bayes(0.1, 0.3, 0.03); p != 1 || err != nil {
		t.Errorf("Bayes(0.1, 0.3, 0.03) = %v, %v; want 1", p, err)
	}
}

func TestNormalSpecialCases(t *testing.T) {
	x := []float64{inf, -inf, nan, 0}
	pdf, _ := NormalPDF(x, 0, 1)
	cdf, _ := NormalCDF(x, 0, 1)
	wantPDF := []float64{0, 0, nan, 1 / sqrt2Pi}
	wantCDF := []float64{1, 0, nan, 0.5}
	for i := range x {
		if !alike(pdf[i], wantPDF[i]) || !alike(cdf[i], wantCDF[i]) {
			t.Errorf("at %v: pdf %v cdf %v, want %v %v", x[i], pdf[i], cdf[i], wantPDF[i], wantCDF[i])
		}
	}
	// The lower tail keeps its relative accuracy: Φ(−30) =
	// 4.90671392714818706e−198 (mpmath, 30 digits), where 1 + erf would
	// give 0. The limit is the conditioning of erfc at t = 30/√2: its
	// relative condition number is about 2t² = 900, and t = z/√2 carries
	// up to 3u of rounding, so the result can be off by 2700u plus
	// erfc's own 7 ulps (14u): 3000u relative.
	c, _ := NormalCDF([]float64{-30}, 0, 1)
	if math.Abs(c[0]-4.906713927148187e-198) > 3000*eps52/2*c[0] {
		t.Errorf("Φ(−30) = %v", c[0])
	}
	for _, s := range []float64{0, -1, nan, inf} {
		if _, err := NormalPDF(x, 0, s); !errors.Is(err, ErrInvalid) {
			t.Errorf("NormalPDF(sigma %v) error = %v", s, err)
		}
	}
}

func TestNormalQuantile(t *testing.T) {
	// Standard normal quantiles at the upper-tail probabilities q, from
	// −√2·erfinv(2q − 1) in mpmath to 30 digits; normalQuantile must be
	// within a few ulps (its error is erfc's, divided by the density).
	tests := []struct{ q, z float64 }{
		{0.5, 0},
		{0.25, 0.674489750196081743202227014541},
		{0.05, 1.64485362695147271486384890799},
		{0.025, 1.95996398454005423552459443052},
		{0.005, 2.5758293035489007609785767486},
		{1e-10, 6.36134090240405620469535501582},
	}
	for _, tt := range tests {
		z := normalQuantile(tt.q)
		if math.Abs(z-tt.z) > 4*ulp(tt.z)+1e-15 {
			t.Errorf("normalQuantile(%v) = %v, want %v", tt.q, z, tt.z)
		}
	}
}

func TestConfidenceInterval(t *testing.T) {
	lo, hi, err := ConfidenceInterval(data5, 0.95)
	// 30 ∓ z·√250/√5 with z = Φ⁻¹(0.975): 16.14096175650322055 (mpmath) and
	// 43.85903824349677945; the rounding of the mean, s, z and the two
	// products is below 1e-13 here.
	if err != nil || math.Abs(lo-16.14096175650322055) > 1e-13 || math.Abs(hi-43.85903824349677945) > 1e-13 {
		t.Errorf("ConfidenceInterval = %v, %v, %v", lo, hi, err)
	}
	if _, _, err := ConfidenceInterval(data5, 1); err == nil || err.Error() != "confidence_interval: invalid input: level must be in (0, 1), got 1.0" {
		t.Errorf("level 1: %v", err)
	}
	if _, _, err := ConfidenceInterval([]float64{1}, 0.9); err == nil || err.Error() != "confidence_interval: invalid input: x needs at least 2 values, got 1" {
		t.Errorf("one value: %v", err)
	}
}

func TestStatsInputsUnchanged(t *testing.T) {
	x, _ := MatrixOf([][]float64{{1, 2}, {3, 5}, {0.5, -1}})
	before := x.Clone()
	_, _ = Covariance(x, 1)
	_, _, _, _ = Zscore(x)
	_, _ = VarianceAxis(x, 0, 0)
	_, _ = Expectation(x.Data[:3], x.Data[3:])
	for i := range x.Data {
		if !alike(x.Data[i], before.Data[i]) {
			t.Fatalf("input modified: %v, was %v", x.Data, before.Data)
		}
	}
}
