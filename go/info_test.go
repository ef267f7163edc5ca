package twinmath

import (
	"errors"
	"math"
	"testing"
)

func init() {
	vectorOps["entropy"] = func(c *vcase) (any, error) { return Entropy(c.vec("p"), c.opt("base", 2)) }
	vectorOps["cross_entropy"] = func(c *vcase) (any, error) {
		return CrossEntropy(c.vec("p"), c.vec("q"), c.opt("base", 2))
	}
	vectorOps["kl_divergence"] = func(c *vcase) (any, error) {
		return KLDivergence(c.vec("p"), c.vec("q"), c.opt("base", 2))
	}
	vectorOps["mutual_information"] = func(c *vcase) (any, error) {
		return MutualInformation(c.mat("joint"), c.opt("base", 2))
	}
}

func TestFsum(t *testing.T) {
	tests := []struct {
		x    []float64
		want float64
	}{
		{nil, 0},
		{[]float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, 1},
		{[]float64{1, 1e100, 1, -1e100}, 2},
		// 1 + 2⁻⁵³ + 2⁻¹⁰⁶ is just past the halfway point between 1 and
		// its successor: rounding half to even would need the last term.
		{[]float64{1, 0x1p-53, 0x1p-106}, 1 + 0x1p-52},
		{[]float64{1, 0x1p-53}, 1},
	}
	for _, tt := range tests {
		if got := fsum(tt.x); got != tt.want {
			t.Errorf("fsum(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
}

func TestSafeLogSubnormal(t *testing.T) {
	// ln(2⁻¹⁰⁷⁴) = −1074·ln 2 = −744.4400719213812 (to 16 digits).
	if got := safeLog(5e-324); math.Abs(got+744.4400719213812) > 2*ulp(744.44) {
		t.Errorf("safeLog(5e-324) = %v", got)
	}
}

func TestSourceMaterialInformation(t *testing.T) {
	p, q := []float64{0.5, 0.3, 0.2}, []float64{0.4, 0.4, 0.2}
	h, _ := Entropy(p, 2)
	kl, _ := KLDivergence(p, q, 2)
	// The source material prints them to 3 decimals: 1.485 and 0.036.
	if math.Round(h*1000) != 1485 || math.Round(kl*1000) != 36 {
		t.Errorf("entropy %v, KL %v; want 1.485 and 0.036", h, kl)
	}
}

func TestInformationSpecialCases(t *testing.T) {
	check := func(name string, got float64, err error, want float64) {
		t.Helper()
		if err != nil || !(alike(got, want) || math.Abs(got-want) <= 4*ulp(want)) {
			t.Errorf("%s = %v, %v; want %v", name, got, err, want)
		}
	}
	h, err := Entropy([]float64{0, 1, 0}, 2)
	check("entropy of a certain outcome", h, err, 0)
	h, err = Entropy([]float64{1, 1, 1, 1}, 2)
	check("entropy of 4 equal outcomes", h, err, 2)
	h, err = Entropy([]float64{1, 1}, math.E)
	check("entropy in nats", h, err, math.Ln2)
	h, err = Entropy([]float64{1e308, 1e308}, 2) // would overflow a plain sum
	check("entropy of huge weights", h, err, 1)
	kl, err := KLDivergence([]float64{0.5, 0.5}, []float64{1, 0}, 2)
	check("KL where q is 0", kl, err, inf)
	// q normalises to (1, 0), the same as p; the 0·log(0/0) term counts 0.
	kl, err = KLDivergence([]float64{1, 0}, []float64{0.5, 0}, 2)
	check("KL where p and q are 0", kl, err, 0)
	kl, err = KLDivergence([]float64{1, 2, 3}, []float64{2, 4, 6}, 2)
	check("KL of a distribution with itself", kl, err, 0)
	ce, err := CrossEntropy([]float64{1, 0}, []float64{0.5, 0.5}, 2)
	check("cross-entropy", ce, err, 1)
	ce, err = CrossEntropy([]float64{1, 1}, []float64{1, 0}, 2)
	check("cross-entropy where q is 0", ce, err, inf)
	id, _ := MatrixOf([][]float64{{0.5, 0}, {0, 0.5}})
	mi, err := MutualInformation(id, 2)
	check("MI of identical bits", mi, err, 1)
	ind, _ := MatrixOf([][]float64{{0.25, 0.25}, {0.25, 0.25}})
	mi, err = MutualInformation(ind, 2)
	check("MI of independent bits", mi, err, 0)
	sub, _ := MatrixOf([][]float64{{1, 0}, {0, 5e-324}})
	mi, err = MutualInformation(sub, 2)
	// H(X) for P = (1, 2⁻¹⁰⁷⁴): 2⁻¹⁰⁷⁴·1074 bits, a subnormal, not inf.
	if err != nil || math.IsInf(mi, 0) || mi > 1e-320 {
		t.Errorf("MI with a subnormal marginal = %v, %v", mi, err)
	}
}

func TestInformationErrors(t *testing.T) {
	tests := []struct {
		p    []float64
		base float64
		msg  string
	}{
		{nil, 2, "entropy: invalid input: p is empty"},
		{[]float64{0.5, -0.5}, 2, "entropy: invalid input: p has a negative entry -0.5"},
		{[]float64{nan}, 2, "entropy: invalid input: p contains NaN or Inf"},
		{[]float64{0, 0}, 2, "entropy: invalid input: p sums to zero"},
		{[]float64{1}, 1, "entropy: invalid input: base must be positive, finite and not 1, got 1.0"},
		{[]float64{1}, inf, "entropy: invalid input: base must be positive, finite and not 1, got inf"},
	}
	for _, tt := range tests {
		if _, err := Entropy(tt.p, tt.base); !errors.Is(err, ErrInvalid) || err.Error() != tt.msg {
			t.Errorf("Entropy(%v, %v) error = %v, want %q", tt.p, tt.base, err, tt.msg)
		}
	}
	if _, err := KLDivergence([]float64{1}, []float64{1, 2}, 2); !errors.Is(err, ErrShape) {
		t.Errorf("KLDivergence lengths error = %v", err)
	}
}
