package twinmath

import "math"

// Cholesky returns the lower triangular L with positive diagonal such that
//
//	A = L·Lᵀ
//
// for a symmetric positive definite a. Like LAPACK's dpotrf (and so
// numpy.linalg.cholesky) it reads only the lower triangle and the diagonal;
// the upper triangle is not checked for symmetry, but must be finite. It
// returns ErrShape if a is not square, ErrInvalid if a is empty or holds NaN
// or Inf, and ErrNotPositiveDefinite if a pivot Aⱼⱼ − Σₖ Lⱼₖ² is not
// positive.
func Cholesky(a Matrix) (Matrix, error) {
	return choleskyAlloc(nil, a)
}

// choleskyAlloc is Cholesky, stopping with the error of cc when cc is cancelled.
func choleskyAlloc(cc *canceller, a Matrix) (Matrix, error) {
	if err := a.check("cholesky", "A"); err != nil {
		return Matrix{}, err
	}
	return filledMatrix(NewMatrix(a.Rows, a.Cols), func(dst Matrix) error { return choleskyTo(cc, dst, a) })
}

// CholeskyTo writes the Cholesky factor of a into dst; see Cholesky.
func CholeskyTo(dst, a Matrix) error {
	return choleskyTo(nil, dst, a)
}

func choleskyTo(cc *canceller, dst, a Matrix) error {
	if cc.scratch() == nil {
		return withScratch(cc, "cholesky", func(cc *canceller) error { return choleskyTo(cc, dst, a) })
	}
	a = cc.scratch().fresh(a, spanOf(dst.Data))
	if err := a.square("cholesky", "A", true); err != nil {
		return err
	}
	if err := dst.want("cholesky", "L", a.Rows, a.Cols); err != nil {
		return err
	}
	n := a.Rows
	clear(dst.Data)
	// Row by row (Cholesky–Banachiewicz): every sum is a dot product of two
	// contiguous rows of L.
	for i := 0; i < n; i++ {
		if err := cc.tick(i * i / 2); err != nil {
			return err
		}
		li := dst.Data[i*n : i*n+i+1]
		for j := 0; j <= i; j++ {
			lj := dst.Data[j*n : j*n+j]
			s := a.Data[i*n+j] - dot(li[:j], lj)
			if j < i {
				li[j] = s / dst.Data[j*n+j]
				continue
			}
			if !(s > 0) {
				return opError("cholesky", ErrNotPositiveDefinite, "")
			}
			li[i] = math.Sqrt(s)
		}
	}
	return nil
}
