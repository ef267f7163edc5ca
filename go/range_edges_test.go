package twinmath

import (
	"errors"
	"math"
	"testing"
)

// Matrices at the edges of the float range, where a factorisation overflows
// unless A is first shifted by a power of two.

func TestMatrixRankNearOverflow(t *testing.T) {
	a := NewMatrix(3, 3)
	for i := range a.Data {
		a.Data[i] = 1e308
	}
	r, err := MatrixRank(a)
	if err != nil || r != 1 {
		t.Fatalf("MatrixRank(1e308·ones(3, 3)) = %d, %v; want 1", r, err)
	}
}

func TestQRNearOverflow(t *testing.T) {
	a := Matrix{Rows: 2, Cols: 2, Data: []float64{1e308, 1e308, 1e308, -1e308}}
	q, r, err := QR(a)
	if err != nil {
		t.Fatal(err)
	}
	h := math.Sqrt(0.5)
	want := []float64{h, h, h, -h}
	for i, v := range q.Data {
		if math.Abs(v-want[i]) > 1e-15 {
			t.Fatalf("Q = %v, want %v", q.Data, want)
		}
	}
	if d := r.Data[0]; math.Abs(d-math.Sqrt2*1e308) > 1e293 || math.IsInf(r.Data[3], 0) {
		t.Fatalf("R = %v", r.Data)
	}
	if a.Data[0] != 1e308 || a.Data[3] != -1e308 {
		t.Fatal("QR modified its input")
	}
	// The complete and packed forms shift A alike: R's entries come back
	// finite, the reflectors and τ are scale-free.
	qc, rc, err := QRComplete(a)
	if err != nil || !sameBits(qc.Data, q.Data) || !sameBits(rc.Data, r.Data) {
		t.Fatalf("QRComplete = %v, %v, %v", qc.Data, rc.Data, err)
	}
	packed, tau, err := QRRaw(a)
	if err != nil || math.Abs(math.Abs(packed.Data[0])-math.Sqrt2*1e308) > 1e293 || math.IsInf(packed.Data[3], 0) {
		t.Fatalf("QRRaw = %v, %v, %v", packed.Data, tau, err)
	}
	if math.Abs(tau[0]-(1+math.Sqrt(0.5))) > 1e-15 {
		t.Fatalf("τ = %v, want 1 + 1/√2", tau)
	}
}

func TestInvOfSubnormalIdentity(t *testing.T) {
	a := Matrix{Rows: 2, Cols: 2, Data: []float64{1e-310, 0, 0, 1e-310}}
	x, err := Inv(a)
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(x.Data[0], 1) || x.Data[1] != 0 || x.Data[2] != 0 || !math.IsInf(x.Data[3], 1) {
		t.Fatalf("Inv(1e-310·I) = %v, want [[inf, 0], [0, inf]]", x.Data)
	}
}

func TestLstsqRcondAtLeastOne(t *testing.T) {
	a := Matrix{Rows: 5, Cols: 1, Data: []float64{4.9, 0, 4.2, 5, 1}}
	b := Matrix{Rows: 5, Cols: 1, Data: []float64{3.8, -4.2, -.33, 9, -.56}}
	x, err := Lstsq(a, b, 1.0)
	if err != nil || x.Data[0] != 0 {
		t.Fatalf("Lstsq(..., rcond=1) = %v, %v; want [0]", x.Data, err)
	}
}

// A finite matrix whose pseudo-inverse lies beyond the float range: the
// exact A⁺ is (1/c)·[[-1, 1], [1, 0]] with 1/c ≈ 4.5e310, so Pinv and Lstsq
// refuse it rather than return infinities beside rounding residue.
func TestPinvLstsqOverflow(t *testing.T) {
	a := Matrix{Rows: 2, Cols: 2, Data: []float64{0, 2.225e-311, 2.225e-311, 2.225e-311}}
	if _, err := Pinv(a, 1e-15); !errors.Is(err, ErrInvalid) ||
		err.Error() != "pinv: invalid input: the pseudo-inverse of A overflows" {
		t.Errorf("Pinv: %v", err)
	}
	b := Matrix{Rows: 2, Cols: 1, Data: []float64{1, 1}}
	if _, err := Lstsq(a, b, -1); !errors.Is(err, ErrInvalid) ||
		err.Error() != "lstsq: invalid input: the solution overflows" {
		t.Errorf("Lstsq: %v", err)
	}
	wide := Matrix{Rows: 2, Cols: 3, Data: []float64{0, 2.225e-311, 0, 2.225e-311, 2.225e-311, 0}}
	if _, err := Lstsq(wide, b, -1); !errors.Is(err, ErrInvalid) {
		t.Errorf("Lstsq (wide): %v", err)
	}
	// Just inside the range: 1/c for c one ulp above 1/MaxFloat64.
	c := math.Nextafter(1/math.MaxFloat64, 1)
	p, err := Pinv(Matrix{Rows: 1, Cols: 1, Data: []float64{c}}, 1e-15)
	if err != nil || math.IsInf(p.Data[0], 0) {
		t.Errorf("Pinv([[%v]]) = %v, %v; want a finite value", c, p.Data, err)
	}
}

// Rows beyond 2^±500 are scaled before the LU of Slogdet, so subnormal and
// huge rows give the logarithm of the exact determinant.
func TestSlogdetRangeEdges(t *testing.T) {
	for _, c := range []struct {
		a          Matrix
		sign, want float64
	}{
		// det = −(2⁻¹⁰⁷⁴)²
		{Matrix{Rows: 2, Cols: 2, Data: []float64{0, 5e-324, 5e-324, 5e-324}}, -1, -2 * 1074 * math.Ln2},
		{Matrix{Rows: 2, Cols: 2, Data: []float64{1e300, 0, 0, 1e-300}}, 1, math.Log(1e300) + math.Log(1e-300)},
		// ln(1e-310) from a normal argument: math.Log is wrong for subnormal
		// ones on amd64 (docs/conventions.md, "Information theory")
		{Matrix{Rows: 2, Cols: 2, Data: []float64{1e-310, 0, 0, 1e-310}}, 1, 2 * (math.Log(1e-310*0x1p52) - 52*math.Ln2)},
	} {
		s, l, err := Slogdet(c.a)
		// a few ulps of |want| ≈ 1500, or ε-sized where ln|det| is about 0
		if err != nil || s != c.sign || math.Abs(l-c.want) > 1e-12 {
			t.Errorf("Slogdet(%v) = %v, %v, %v; want %v, %v", c.a.Data, s, l, err, c.sign, c.want)
		}
	}
}
