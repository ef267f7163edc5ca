package twinmath

import (
	"errors"
	"math"
	"testing"
)

func init() {
	vectorOps["eigvals"] = func(c *vcase) (any, error) {
		w, allReal, err := Eigvals(c.mat("a"))
		if err != nil || !allReal {
			return w, err
		}
		wr := make([]float64, len(w))
		for i, x := range w {
			wr[i] = real(x)
		}
		return wr, nil
	}
	vectorOps["eigvalsh"] = func(c *vcase) (any, error) {
		a := c.mat("a")
		if _, ok := c.Args["UPLO"]; ok && c.str("UPLO") == "U" && a.Rows == a.Cols {
			a, _ = Transpose(a) // its lower triangle is a's upper one
		}
		return Eigvalsh(a)
	}
	vectorOps["svdvals"] = func(c *vcase) (any, error) { return Svdvals(c.mat("x")) }
}

func TestSpectrumWithoutVectors(t *testing.T) {
	a := Matrix{3, 3, []float64{2, 1, 0, 1, 3, 1, 0, 1, 4}}
	wh, _, _ := Eigh(a)
	got, err := Eigvalsh(a)
	if err != nil {
		t.Fatal(err)
	}
	sameEntries(t, "Eigvalsh", got, "Eigh's w", wh)
	w, _, _ := Eig(a)
	ev, allReal, err := Eigvals(a)
	if err != nil || !allReal {
		t.Fatalf("Eigvals: %v, all real %v", err, allReal)
	}
	sameEntries(t, "Eigvals", ev, "Eig's w", w)
	rot := Matrix{2, 2, []float64{0, -1, 1, 0}}
	if ev, allReal, _ := Eigvals(rot); allReal || real(ev[0]) != 0 || !within(imag(ev[0]), -1, 4*eps) {
		t.Errorf("Eigvals(rotation) = %v, %v; want -i, i", ev, allReal)
	}
	s, _ := SVDValues(a)
	sv, err := Svdvals(a)
	if err != nil {
		t.Fatal(err)
	}
	sameEntries(t, "Svdvals", sv, "SVDValues", s)
	for _, e := range []Matrix{{0, 0, nil}} {
		if w, err := Eigvalsh(e); err != nil || len(w) != 0 {
			t.Errorf("Eigvalsh(0x0) = %v, %v", w, err)
		}
		if w, _, err := Eigvals(e); err != nil || len(w) != 0 {
			t.Errorf("Eigvals(0x0) = %v, %v", w, err)
		}
	}
	if s, err := Svdvals(Matrix{0, 4, nil}); err != nil || len(s) != 0 {
		t.Errorf("Svdvals(0x4) = %v, %v", s, err)
	}
	nan := Matrix{1, 1, []float64{math.NaN()}}
	if _, err := Eigvalsh(nan); !errors.Is(err, ErrInvalid) || err.Error() != "eigvalsh: invalid input: a contains NaN or Inf" {
		t.Errorf("Eigvalsh(NaN): %v", err)
	}
	if _, _, err := Eigvals(Matrix{1, 2, []float64{1, 2}}); !errors.Is(err, ErrShape) {
		t.Errorf("Eigvals(1x2): %v", err)
	}
	if _, err := Svdvals(nan); !errors.Is(err, ErrInvalid) {
		t.Errorf("Svdvals(NaN): %v", err)
	}
}

func TestRenameOp(t *testing.T) {
	err := renameOp(opError("eigh", ErrNoConvergence, "eigenvalues did not converge"), "eigh", "eigvalsh")
	if !errors.Is(err, ErrNoConvergence) || err.Error() != "eigvalsh: no convergence: eigenvalues did not converge" {
		t.Errorf("renameOp = %v", err)
	}
}

// sameEntries checks that got (of name) holds the values of want (of
// wantName), entry by entry.
func sameEntries[T comparable](t *testing.T, name string, got []T, wantName string, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s = %v, %s = %v", name, got, wantName, want)
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s = %v, %s = %v", name, got, wantName, want)
			return
		}
	}
}
