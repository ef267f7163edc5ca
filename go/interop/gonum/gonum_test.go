package gonum

import (
	"math"
	"testing"

	"github.com/twinmath/twinmath/go"
	"gonum.org/v1/gonum/mat"
)

func TestDenseSharesStorage(t *testing.T) {
	m, _ := twinmath.MatrixOf([][]float64{{1, 2, 3}, {4, 5, 6}})
	d := ToDense(m)
	if r, c := d.Dims(); r != 2 || c != 3 || d.At(1, 2) != 6 {
		t.Fatalf("dims %dx%d, At(1,2) = %v", r, c, d.At(1, 2))
	}
	d.Set(0, 1, -2)
	if m.At(0, 1) != -2 {
		t.Error("a write through the Dense is not seen in the Matrix")
	}
	back, shared := FromDense(d)
	if !shared || &back.Data[0] != &m.Data[0] || back.Rows != 2 || back.Cols != 3 {
		t.Errorf("FromDense(ToDense(m)) copied or changed shape: shared %v, %dx%d", shared, back.Rows, back.Cols)
	}
}

func TestFromDenseCopiesStridedViews(t *testing.T) {
	big := mat.NewDense(3, 4, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	view := big.Slice(1, 3, 1, 3).(*mat.Dense)
	m, shared := FromDense(view)
	if shared {
		t.Error("a view with stride 4 and 2 columns cannot be shared")
	}
	want := []float64{6, 7, 10, 11}
	for i, v := range want {
		if m.Data[i] != v {
			t.Fatalf("Data = %v, want %v", m.Data, want)
		}
	}
	m.Data[0] = 0
	if big.At(1, 1) != 6 {
		t.Error("the copy writes into the view")
	}
}

func TestEmpty(t *testing.T) {
	if ToDense(twinmath.NewMatrix(0, 3)) != nil {
		t.Error("ToDense of an empty matrix is not nil")
	}
	if s, err := ToSymDense(twinmath.Matrix{}); s != nil || err != nil {
		t.Errorf("ToSymDense of an empty matrix: %v, %v", s, err)
	}
}

func TestSymDense(t *testing.T) {
	m, _ := twinmath.MatrixOf([][]float64{{4, 1, 2}, {1, 3, 0}, {2, 0, 5}})
	s, err := ToSymDense(m)
	if err != nil {
		t.Fatal(err)
	}
	s.SetSym(2, 1, 7) // gonum writes the upper triangle: Data[1*3+2]
	if m.At(1, 2) != 7 {
		t.Error("a write through the SymDense is not seen in the Matrix")
	}
	full := FromSymDense(s)
	if full.At(2, 1) != 7 || full.At(1, 2) != 7 || &full.Data[0] == &m.Data[0] {
		t.Errorf("FromSymDense: %v", full.Data)
	}
	if _, err := ToSymDense(twinmath.NewMatrix(2, 3)); err == nil {
		t.Error("a 2x3 matrix became a SymDense")
	}
}

// The point of the conversions: the same numbers from either library.
func TestEigenvaluesAgree(t *testing.T) {
	m, _ := twinmath.MatrixOf([][]float64{{4, 1, 2}, {1, 3, 0}, {2, 0, 5}})
	w, _, err := twinmath.Eigh(m)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := ToSymDense(m)
	var eig mat.EigenSym
	if !eig.Factorize(s, false) {
		t.Fatal("gonum's EigenSym failed")
	}
	for i, v := range eig.Values(nil) {
		// Both are backward stable: a few ulps of the largest eigenvalue (< 7).
		if math.Abs(v-w[i]) > 16*7*0x1p-52 {
			t.Errorf("eigenvalue %d: gonum %v, twinmath %v", i, v, w[i])
		}
	}
}
