package twinmath

import (
	"errors"
	"math"
	"math/rand"
	"testing"
)

func init() {
	vectorOps["eigh"] = func(c *vcase) (any, error) {
		w, v, err := EighLower(c.mat("A"))
		return []any{w, v}, err
	}
	vectorOps["eig"] = func(c *vcase) (any, error) {
		a := c.mat("A")
		w, v := make([]complex128, a.Rows), NewComplexMatrix(a.Rows, a.Rows)
		allReal, err := EigTo(w, v, a)
		if err != nil || !allReal {
			return []any{w, v}, err
		}
		// All real: real results, as the Python wrapper returns them.
		wr, vr := make([]float64, len(w)), NewMatrix(v.Rows, v.Cols)
		for i, x := range w {
			wr[i] = real(x)
		}
		for i, x := range v.Data {
			vr.Data[i] = real(x)
		}
		return []any{wr, vr}, nil
	}
}

// eigThresh is THRESH of LAPACK's own tests (dtest.in): a residual ratio
// below it counts as backward stable.
const eigThresh = 30

// eigTestMatrix builds a matrix from rows, failing the test on bad input.
func eigTestMatrix(t *testing.T, rows [][]float64) Matrix {
	t.Helper()
	m, err := MatrixOf(rows)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// eigNorm2 returns the spectral norm of a, from the largest eigenvalue of
// aᵀa computed by Eigh (an independent path would need the SVD; Eigh is
// tested against exact eigenvalues first).
func eigNorm2(t *testing.T, a Matrix) float64 {
	at, _ := Transpose(a)
	ata, _ := Matmul(at, a)
	w, _, err := Eigh(ata)
	if err != nil {
		t.Fatal(err)
	}
	return math.Sqrt(max(w[len(w)-1], 0))
}

func TestEigenErrors(t *testing.T) {
	nan := math.NaN()
	for _, op := range []struct {
		name string
		f    func(Matrix) error
	}{
		{"eigh", func(a Matrix) error { _, _, err := Eigh(a); return err }},
		{"eig", func(a Matrix) error { _, _, err := Eig(a); return err }},
	} {
		tests := []struct {
			a    Matrix
			kind error
			msg  string
		}{
			{NewMatrix(2, 3), ErrShape, op.name + ": shape mismatch: A must be square, got 2x3"},
			{NewMatrix(0, 0), ErrInvalid, op.name + ": invalid input: A is empty"},
			{Matrix{Rows: 2, Cols: 2, Data: []float64{1, nan, 0, 1}}, ErrInvalid, op.name + ": invalid input: A contains NaN or Inf"},
			{Matrix{Rows: 2, Cols: 2, Data: []float64{1, 0, math.Inf(-1), 1}}, ErrInvalid, op.name + ": invalid input: A contains NaN or Inf"},
			{Matrix{Rows: 2, Cols: 2, Data: []float64{1}}, ErrShape, op.name + ": shape mismatch: A is 2x2 but holds 1 values"},
		}
		for _, tt := range tests {
			err := op.f(tt.a)
			if !errors.Is(err, tt.kind) || err.Error() != tt.msg {
				t.Errorf("%s(%v): %v, want %q", op.name, tt.a, err, tt.msg)
			}
		}
	}
	a := Identity(3)
	if err := EighTo(make([]float64, 2), NewMatrix(3, 3), a); !errors.Is(err, ErrShape) {
		t.Errorf("EighTo with a short w: %v", err)
	}
	if _, err := EigTo(make([]complex128, 3), NewComplexMatrix(3, 2), a); !errors.Is(err, ErrShape) {
		t.Errorf("EigTo with a 3x2 V: %v", err)
	}
}

func TestEigenNoConvergence(t *testing.T) {
	defer func(f int) { eigIterFactor = f }(eigIterFactor)
	eigIterFactor = 0 // no iteration allowed: any matrix that needs one fails
	a := randMatrix(rand.New(rand.NewSource(10)), 5, 5)
	if _, _, err := EighLower(a); !errors.Is(err, ErrNoConvergence) || err.Error() != "eigh: no convergence: eigenvalues did not converge" {
		t.Errorf("Eigh: %v", err)
	}
	if _, _, err := Eig(a); !errors.Is(err, ErrNoConvergence) || err.Error() != "eig: no convergence: eigenvalues did not converge" {
		t.Errorf("Eig: %v", err)
	}
	// A diagonal matrix needs no iteration at all.
	if _, _, err := Eig(eigTestMatrix(t, [][]float64{{1, 0}, {0, 2}})); err != nil {
		t.Errorf("Eig(diagonal) without iterations: %v", err)
	}
}
