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
	return choleskyUpper(nil, a)
}

func choleskyUpper(cc *canceller, a Matrix) (Matrix, error) {
	if err := a.square("cholesky", "A", false); err != nil {
		return Matrix{}, err
	}
	at, err := Transpose(a)
	if err != nil {
		return Matrix{}, err
	}
	l, err := choleskyAlloc(cc, at)
	if err != nil {
		return Matrix{}, err
	}
	return Transpose(l)
}

// EighUpper is EighLower reading only the upper triangle of a (the diagonal
// included): numpy's eigh(a, UPLO="U"). The lower triangle is only checked
// to be finite.
func EighUpper(a Matrix) (w []float64, v Matrix, err error) {
	return eighUpper(nil, a)
}

func eighUpper(cc *canceller, a Matrix) (w []float64, v Matrix, err error) {
	if err := a.square("eigh", "A", false); err != nil {
		return nil, Matrix{}, err
	}
	at, err := Transpose(a)
	if err != nil {
		return nil, Matrix{}, err
	}
	return eighAlloc(cc, at, true)
}

// MatrixRankTol returns the number of singular values of a above the
// absolute threshold tol (numpy's matrix_rank(a, tol=tol)). An empty matrix
// has rank 0. It returns ErrInvalid if a holds NaN or Inf or tol is NaN,
// and ErrNoConvergence as SVD.
func MatrixRankTol(a Matrix, tol float64) (int, error) {
	return matrixRankTol(nil, a, tol)
}

func matrixRankTol(cc *canceller, a Matrix, tol float64) (int, error) {
	if math.IsNaN(tol) {
		return 0, invalidErr("matrix_rank", "tol must not be NaN")
	}
	s, err := svdvalsAlloc(cc, a)
	if err != nil {
		return 0, err
	}
	return rankAbove(s, tol)
}

// rankAbove returns the number of the singular values s above tol. It
// returns ErrInvalid if tol is NaN.
func rankAbove(s []float64, tol float64) (int, error) {
	if math.IsNaN(tol) {
		return 0, invalidErr("matrix_rank", "tol must not be NaN")
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
	return matrixRankRtol(nil, a, rtol)
}

func matrixRankRtol(cc *canceller, a Matrix, rtol float64) (int, error) {
	if math.IsNaN(rtol) {
		return 0, invalidErr("matrix_rank", "rtol must not be NaN")
	}
	s, err := svdvalsAlloc(cc, a)
	if err != nil || len(s) == 0 {
		return 0, err
	}
	// rtol·s₀ is NaN for an infinite rtol when s₀ = 0: ErrInvalid, as for a
	// NaN tol.
	return rankAbove(s, s[0]*rtol)
}

// svdvalsAlloc is Svdvals, stopping with the error of cc when cc is
// cancelled.
func svdvalsAlloc(cc *canceller, a Matrix) ([]float64, error) {
	if err := a.check("svdvals", "x"); err != nil {
		return nil, err // before the allocation, whose size a's fields give
	}
	return filledSlice(make([]float64, min(a.Rows, a.Cols)), func(s []float64) error { return svdvalsTo(cc, s, a) })
}

// LstsqResult holds numpy.linalg.lstsq's four results: the solution X
// (n×k), the Residuals (the squared 2-norm of each column of B − A·X when
// Rank = n < m, else empty), the Rank (the singular values above the
// cutoff) and the singular values S of a, largest first.
type LstsqResult struct {
	X         Matrix
	Residuals []float64
	Rank      int
	S         []float64
}

// LstsqFull returns Lstsq(a, b, rcond) with the three other results of
// numpy.linalg.lstsq (Python's lstsq(A, b, rcond, full=True)): the rank
// counts the singular values above rcond·s₀ (max(m, n)·ε·s₀ for a negative
// rcond), and the residuals are summed left to right. It returns Lstsq's
// errors.
func LstsqFull(a, b Matrix, rcond float64) (LstsqResult, error) {
	return lstsqFull(nil, a, b, rcond)
}

func lstsqFull(cc *canceller, a, b Matrix, rcond float64) (LstsqResult, error) {
	x, err := lstsqAlloc(cc, a, b, rcond)
	if err != nil {
		return LstsqResult{}, err
	}
	s, err := svdvalsAlloc(cc, a)
	if err != nil {
		return LstsqResult{}, err
	}
	if rcond < 0 {
		rcond = float64(max(a.Rows, a.Cols)) * 0x1p-52
	}
	rank := 0
	for _, v := range s {
		if v > rcond*s[0] {
			rank++
		}
	}
	res := []float64{}
	if rank == a.Cols && a.Rows > a.Cols {
		ax, err := matmulAlloc(cc, a, x)
		if err != nil {
			return LstsqResult{}, err
		}
		res = make([]float64, b.Cols)
		for i := 0; i < b.Rows; i++ {
			for j := range res {
				d := b.Data[i*b.Cols+j] - ax.Data[i*b.Cols+j]
				res[j] += d * d
			}
		}
	}
	return LstsqResult{X: x, Residuals: res, Rank: rank, S: s}, nil
}

// TraceOffset returns the sum of the offset diagonal of the m×n matrix a,
// as numpy's trace(a, offset): offset 0 is the main diagonal, k > 0 the
// k-th above it, k < 0 the |k|-th below it; a diagonal outside a sums to 0.
// Unlike Trace, a need not be square. The sum runs left to right.
//
//	tr_k(A) = Σᵢ a[i][i+k]
//
// It returns ErrShape only if a's fields are inconsistent.
func TraceOffset(a Matrix, offset int) (float64, error) {
	if err := a.check("trace", "A"); err != nil {
		return 0, err
	}
	i, j := 0, offset
	switch {
	case offset < 0 && offset <= -a.Rows, offset >= a.Cols:
		return 0, nil
	case offset < 0:
		i, j = -offset, 0
	}
	var s float64
	for ; i < a.Rows && j < a.Cols; i, j = i+1, j+1 {
		s += a.Data[i*a.Cols+j]
	}
	return s, nil
}
