package twinmath

import (
	"errors"
	"strings"
)

// Eigvals returns the eigenvalues of the square matrix a, without its
// eigenvectors: the w of Eig, in the same order (by real part, then
// imaginary part), and reports whether every eigenvalue is real (has an
// imaginary part of exactly zero). The eigenvalues of the empty 0×0 matrix
// are none.
//
// It returns ErrShape if a is not square, ErrInvalid if a holds NaN or Inf,
// and ErrNoConvergence as Eig.
func Eigvals(a Matrix) (w []complex128, allReal bool, err error) {
	return eigvalsAlloc(nil, a)
}

// eigvalsAlloc is Eigvals, stopping with the error of cc when cc is
// cancelled; a is checked before its result is allocated.
func eigvalsAlloc(cc *canceller, a Matrix) (w []complex128, allReal bool, err error) {
	if err := spectrumInput("eigvals", a); err != nil {
		return nil, false, err
	}
	w = make([]complex128, a.Rows)
	allReal, err = eigvalsTo(cc, w, a)
	if err != nil {
		return nil, false, err
	}
	return w, allReal, nil
}

// EigvalsTo writes the eigenvalues of a into w (length n); see Eigvals.
func EigvalsTo(w []complex128, a Matrix) (allReal bool, err error) {
	return eigvalsTo(nil, w, a)
}

// eigvalsTo is EigvalsTo, stopping with the error of cc when cc is
// cancelled.
func eigvalsTo(cc *canceller, w []complex128, a Matrix) (allReal bool, err error) {
	if err := spectrumInput("eigvals", a); err != nil {
		return false, err
	}
	if len(w) != a.Rows {
		return false, shapeErr("eigvals", "w has length %d, want %d", len(w), a.Rows)
	}
	if a.Rows == 0 {
		return true, nil
	}
	// The eigenvectors come along: Eig checks its balanced result with
	// them. They are scratch, from the workspace of the call.
	err = withScratch(cc, "eig", func(cc *canceller) error {
		n := a.Rows
		v := ComplexMatrix{Rows: n, Cols: n, Data: cc.scratch().complexes(n * n)}
		var err error
		allReal, err = eigTo(cc, w, v, a)
		return err
	})
	return allReal, renameOp(err, "eig", "eigvals")
}

// Eigvalsh returns the eigenvalues of the symmetric matrix a, ascending,
// reading only its lower triangle, as numpy's eigvalsh does: the w of
// EighLower. The eigenvalues of the
// empty 0×0 matrix are none.
//
// It returns ErrShape if a is not square, ErrInvalid if a holds NaN or Inf,
// and ErrNoConvergence as Eigh.
func Eigvalsh(a Matrix) ([]float64, error) {
	return eigvalshAlloc(nil, a)
}

// eigvalshAlloc is Eigvalsh, stopping with the error of cc when cc is
// cancelled; a is checked before its result is allocated.
func eigvalshAlloc(cc *canceller, a Matrix) ([]float64, error) {
	if err := spectrumInput("eigvalsh", a); err != nil {
		return nil, err
	}
	return filledSlice(make([]float64, a.Rows), func(w []float64) error { return eigvalshTo(cc, w, a) })
}

// EigvalshTo writes the eigenvalues of the symmetric matrix a into w
// (length n); see Eigvalsh.
func EigvalshTo(w []float64, a Matrix) error {
	return eigvalshTo(nil, w, a)
}

// eigvalshTo is EigvalshTo, stopping with the error of cc when cc is
// cancelled.
func eigvalshTo(cc *canceller, w []float64, a Matrix) error {
	if err := spectrumInput("eigvalsh", a); err != nil {
		return err
	}
	if len(w) != a.Rows {
		return shapeErr("eigvalsh", "w has length %d, want %d", len(w), a.Rows)
	}
	if a.Rows == 0 {
		return nil
	}
	// The eigenvectors' matrix, which eighTo needs as scratch, from cc's
	// workspace when it has one (a stack's worker), else allocated.
	return renameOp(eighTo(cc, w, cc.scratch().matrix(a.Rows, a.Rows), a, true), "eigh", "eigvalsh")
}

// Svdvals returns the singular values of the m×n matrix a, descending,
// min(m, n) of them: the s of SVD, computed without the singular vectors.
// A matrix with no rows or no columns has none.
//
// It returns ErrInvalid if a holds NaN or Inf and ErrNoConvergence as SVD.
func Svdvals(a Matrix) ([]float64, error) {
	return svdvalsAlloc(nil, a)
}

// SvdvalsTo writes the singular values of a into s (length min(m, n)); see
// Svdvals.
func SvdvalsTo(s []float64, a Matrix) error {
	return svdvalsTo(nil, s, a)
}

// svdvalsTo is SvdvalsTo, stopping with the error of cc when cc is
// cancelled.
func svdvalsTo(cc *canceller, s []float64, a Matrix) error {
	if err := a.check("svdvals", "x"); err != nil {
		return err
	}
	if err := checkFinite("svdvals", "x", a.Data); err != nil {
		return err
	}
	if k := min(a.Rows, a.Cols); len(s) != k {
		return shapeErr("svdvals", "s has length %d, want %d", len(s), k)
	}
	if len(s) == 0 {
		return nil
	}
	_, v, _, err := svd(cc, "svdvals", a, false)
	if err != nil {
		return err
	}
	copy(s, v)
	return nil
}

// spectrumInput returns ErrShape unless a is square and ErrInvalid if it
// holds NaN or Inf; an empty a passes.
func spectrumInput(op string, a Matrix) error {
	if err := a.check(op, "a"); err != nil {
		return err
	}
	if a.Rows != a.Cols {
		return shapeErr(op, "a must be square, got %dx%d", a.Rows, a.Cols)
	}
	return checkFinite(op, "a", a.Data)
}

// renameOp returns err, an error of operation from, as the same error of
// operation to: the same sentinel and detail under the other name.
func renameOp(err error, from, to string) error {
	if err == nil {
		return nil
	}
	for _, s := range []error{ErrShape, ErrSingular, ErrNotPositiveDefinite, ErrNoConvergence, ErrInvalid} {
		if errors.Is(err, s) {
			rest := strings.TrimPrefix(strings.TrimPrefix(err.Error(), from+": "), s.Error())
			return opError(to, s, "%s", strings.TrimPrefix(rest, ": "))
		}
	}
	return err
}
