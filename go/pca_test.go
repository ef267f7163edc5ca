package twinmath

import (
	"math"
	"testing"
)

func TestPCA(t *testing.T) {
	// Points on the line y = 2x: one component, along (1, 2)/√5, carrying
	// all the variance. Centred, the samples sit at √5·(−2, −1, 0, 3) along
	// it; the largest (the last) is positive by the sign rule.
	x, _ := MatrixOf([][]float64{{0, 0}, {1, 2}, {2, 4}, {5, 10}})
	comp, ev, proj, err := PCA(x, 2)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(comp.At(0, 0)-1/math.Sqrt(5)) > 4*eps || math.Abs(comp.At(0, 1)-2/math.Sqrt(5)) > 4*eps {
		t.Errorf("first component %v", comp.Row(0))
	}
	// The variance along the line: 5·(4 + 1 + 0 + 9)/3 = 70/3; none across.
	if math.Abs(ev[0]-70.0/3) > 16*eps*70/3 || ev[1] > 1e-28 {
		t.Errorf("explained variance %v", ev)
	}
	if math.Abs(proj.At(3, 0)-3*math.Sqrt(5)) > 16*eps*7 {
		t.Errorf("projected %v", proj.RowsOf())
	}
}

// Data near the top of the range is scaled before centring: the mean and the
// centred data stay finite, only the variances overflow (they do exactly).
func TestPCANearOverflow(t *testing.T) {
	x := NewMatrix(4, 2)
	copy(x.Data, []float64{1e308, 0, -1e308, 0, 0, 0.5e308, 0, -0.5e308})
	comps, explained, projected, err := PCA(x, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range append(append([]float64{}, comps.Data...), projected.Data...) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("components %v, projected %v: want finite", comps.Data, projected.Data)
		}
	}
	for _, v := range explained {
		if !math.IsInf(v, 1) {
			t.Fatalf("explained %v: want +Inf", explained)
		}
	}
}
