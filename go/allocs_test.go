package twinmath

import (
	"testing"
)

// The vector and matrix …To functions allocate nothing when their outputs do
// not overlap their inputs: a caller reusing its buffers in a loop makes no
// garbage. Sizes are small enough to stay on one goroutine and, for Matmul,
// below the blocked kernel's packing size.
func TestToFunctionsDoNotAllocate(t *testing.T) {
	a := []float64{1, 2, 3, 4}
	b := []float64{5, 6, 7, 8}
	dst := make([]float64, 4)
	m := Matrix{Rows: 2, Cols: 2, Data: []float64{1, 2, 3, 4}}
	n := Matrix{Rows: 2, Cols: 2, Data: []float64{5, 6, 7, 8}}
	out := NewMatrix(2, 2)
	w := NewMatrix(3, 2)
	wide := Matrix{Rows: 2, Cols: 3, Data: []float64{1, 2, 3, 4, 5, 6}}
	outer := NewMatrix(4, 4)
	for _, tt := range []struct {
		name string
		f    func() error
	}{
		{"AddTo", func() error { return AddTo(dst, a, b) }},
		{"SubtractTo", func() error { return SubtractTo(dst, a, b) }},
		{"ScaleTo", func() error { return ScaleTo(dst, a, 3) }},
		{"SigmoidTo", func() error { return SigmoidTo(dst, a) }},
		{"OuterTo", func() error { return OuterTo(outer, a, b) }},
		{"MatmulTo", func() error { return MatmulTo(out, m, n) }},
		{"TransposeTo", func() error { return TransposeTo(w, wide) }},
	} {
		if err := tt.f(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if allocs := testing.AllocsPerRun(100, func() { _ = tt.f() }); allocs != 0 {
			t.Errorf("%s: %v allocations per call, want 0", tt.name, allocs)
		}
	}
}
