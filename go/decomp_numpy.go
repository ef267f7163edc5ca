package twinmath

import "math"

// numpy.linalg's keywords of the decompositions, as Go functions: what
// numpy spells cholesky(a, upper=True), eigh(a, UPLO="U") and
// matrix_rank(a, tol=…) / matrix_rank(a, rtol=…). The Python API resolves
// the same keywords in twinmath._front (see docs/conventions.md, "numpy's
// keywords").

// CholeskyUpper returns the upper Cholesky factor U of the symmetric
// positive definite a, a = UᵀU, reading only the upper triangle and the
// diagonal of a (numpy's cholesky(a, upper=True), LAPACK's 'U'). It is the
// transpose of Cholesky(aᵀ) and returns its errors.
func CholeskyUpper(a Matrix) (Matrix, error) {
	if err := a.square("cholesky", "A", false); err != nil {
		return Matrix{}, err
	}
	at, err := Transpose(a)
	if err != nil {
		return Matrix{}, err
	}
	l, err := Cholesky(at)
	if err != nil {
		return Matrix{}, err
	}
	return Transpose(l)
}

// EighUpper is EighLower reading only the upper triangle of a (the diagonal
// included): numpy's eigh(a, UPLO="U"). The lower triangle is only checked
// to be finite.
func EighUpper(a Matrix) (w []float64, v Matrix, err error) {
	if err := a.square("eigh", "A", false); err != nil {
		return nil, Matrix{}, err
	}
	at, err := Transpose(a)
	if err != nil {
		return nil, Matrix{}, err
	}
	return EighLower(at)
}

// MatrixRankTol returns the number of singular values of a above the
// absolute threshold tol (numpy's matrix_rank(a, tol=tol)). An empty matrix
// has rank 0. It returns ErrInvalid if a holds NaN or Inf or tol is NaN,
// and ErrNoConvergence as SVD.
func MatrixRankTol(a Matrix, tol float64) (int, error) {
	if math.IsNaN(tol) {
		return 0, invalidErr("matrix_rank", "tol must not be NaN")
	}
	s, err := Svdvals(a)
	if err != nil {
		return 0, err
	}
	r := 0
	for _, v := range s {
		if v > tol {
			r++
		}
	}
	return r, nil
}

// MatrixRankRtol returns the number of singular values of a above rtol·s₀,
// s₀ the largest (numpy's matrix_rank(a, rtol=rtol)). An empty matrix has
// rank 0. It returns ErrInvalid if a holds NaN or Inf or rtol is NaN, and
// ErrNoConvergence as SVD.
func MatrixRankRtol(a Matrix, rtol float64) (int, error) {
	if math.IsNaN(rtol) {
		return 0, invalidErr("matrix_rank", "rtol must not be NaN")
	}
	s, err := Svdvals(a)
	if err != nil || len(s) == 0 {
		return 0, err
	}
	return MatrixRankTol(a, s[0]*rtol)
}
