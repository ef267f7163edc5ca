package twinmath

import (
	"errors"
	"math"
	"testing"
)

func TestCholeskyUpperReadsTheUpperTriangle(t *testing.T) {
	a, _ := MatrixOf([][]float64{{4, 2}, {99, 5}})
	u, err := CholeskyUpper(a)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{2, 1}, {0, 2}}
	for i := range want {
		for j := range want[i] {
			if u.At(i, j) != want[i][j] {
				t.Fatalf("CholeskyUpper = %v, want %v", u.RowsOf(), want)
			}
		}
	}
	if _, err := CholeskyUpper(NewMatrix(2, 3)); !errors.Is(err, ErrShape) {
		t.Fatalf("non-square: %v", err)
	}
}

func TestEighUpperIsEighLowerOfTheTranspose(t *testing.T) {
	up, _ := MatrixOf([][]float64{{2, 1}, {99, 2}})
	low, _ := MatrixOf([][]float64{{2, 99}, {1, 2}})
	w1, v1, err1 := EighUpper(up)
	w2, v2, err2 := EighLower(low)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	for i := range w1 {
		if w1[i] != w2[i] {
			t.Fatalf("w %v != %v", w1, w2)
		}
	}
	for i := range v1.Data {
		if v1.Data[i] != v2.Data[i] {
			t.Fatalf("V %v != %v", v1.Data, v2.Data)
		}
	}
}

func TestMatrixRankTolerances(t *testing.T) {
	a, _ := MatrixOf([][]float64{{1, 0, 0}, {0, 1e-3, 0}, {0, 0, 1e-9}})
	for _, c := range []struct {
		tol, rtol float64
		want      int
	}{{1e-2, 1e-2, 1}, {1e-6, 1e-6, 2}, {0, 0, 3}, {1, 1, 0}} {
		if r, err := MatrixRankTol(a, c.tol); err != nil || r != c.want {
			t.Errorf("MatrixRankTol(%g) = %d, %v; want %d", c.tol, r, err, c.want)
		}
		if r, err := MatrixRankRtol(a, c.rtol); err != nil || r != c.want {
			t.Errorf("MatrixRankRtol(%g) = %d, %v; want %d", c.rtol, r, err, c.want)
		}
	}
	if r, err := MatrixRankTol(NewMatrix(0, 3), 1); err != nil || r != 0 {
		t.Errorf("empty: %d, %v", r, err)
	}
	if _, err := MatrixRankRtol(a, math.NaN()); !errors.Is(err, ErrInvalid) {
		t.Errorf("NaN rtol: %v", err)
	}
}
