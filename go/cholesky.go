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
	// The lower triangle into dst, factored there in place (row by row up
	// to cholLeaf, recursively beyond).
	for i := 0; i < n; i++ {
		copy(dst.Data[i*n:i*n+i+1], a.Data[i*n:i*n+i+1])
	}
	f := cholRec{cc: cc, ws: cc.scratch(), ld: n}
	if err := f.factor(dst.Data, n); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		clear(dst.Data[i*n+i+1 : (i+1)*n]) // the pure-Go update writes whole blocks
	}
	return nil
}

// The recursive Cholesky factorisation (LAPACK's dpotrf2, the scheme of
// dpotrf): A₁₁ = L₁₁·L₁₁ᵀ is factored, L₂₁ = A₂₁·L₁₁⁻ᵀ is solved, the
// lower triangle of A₂₂ − L₂₁·L₂₁ᵀ receives the product, and it is
// factored, each half recursively down to blocks of cholLeaf, which are
// factored row by row. Nearly all the work is then in matrix products.
// Every entry of L is the same sum of products as in the row-by-row
// factorisation, added in another order, so its backward error bound,
// |ΔA| ≤ γₙ₊₁·|L̂|·|L̂ᵀ| (Higham, Accuracy and Stability, Theorem 10.3),
// holds unchanged.

// cholLeaf is the order up to which the factorisation, and the width up to
// which the triangular solve, proceed row by row.
const cholLeaf = 32

// cholRec holds what the recursion shares: the row stride of the matrix
// and the scratch.
type cholRec struct {
	cc *canceller
	ws *Workspace
	ld int
}

// factor overwrites the lower triangle of the n×n block whose first entry
// is l[0] with its Cholesky factor, or returns ErrNotPositiveDefinite (or
// the error of a cancelled cc).
func (f *cholRec) factor(l []float64, n int) error {
	ld := f.ld
	if n <= cholLeaf {
		// Row by row (Cholesky–Banachiewicz): every sum is a dot product
		// of two contiguous rows of L.
		for i := 0; i < n; i++ {
			li := l[i*ld : i*ld+i+1]
			for j := 0; j <= i; j++ {
				s := li[j] - dot(li[:j], l[j*ld:j*ld+j])
				if j < i {
					li[j] = s / l[j*ld+j]
					continue
				}
				if !(s > 0) {
					return opError("cholesky", ErrNotPositiveDefinite, "")
				}
				li[i] = math.Sqrt(s)
			}
		}
		return f.cc.tick(n * n * n / 6)
	}
	n1 := n / 2
	if n1 > cholLeaf {
		n1 = n1 / cholLeaf * cholLeaf
	}
	n2 := n - n1
	if err := f.factor(l, n1); err != nil {
		return err
	}
	// L₂₁ᵀ = L₁₁⁻¹·A₂₁ᵀ, solved on a copy of A₂₁ᵀ, whose rows are long;
	// then A₂₂ ← A₂₂ − L₂₁·L₂₁ᵀ on its lower triangle, from copies of L₂₁
	// and L₂₁ᵀ whose rows are contiguous.
	l21 := l[n1*ld:]
	mk := f.ws.mark()
	x, y := f.ws.matrixRaw(n2, n1), f.ws.matrixRaw(n1, n2) // written in full
	transposeStrided(y.Data, n2, l21, ld, n2, n1)
	if err := trsmLower(f.ws, f.cc, l, ld, n1, y.Data, n2, n2, false); err != nil {
		f.ws.release(mk)
		return err
	}
	transposeStrided(x.Data, n1, y.Data, n2, n1, n2)
	for r := 0; r < n2; r++ {
		copy(l21[r*ld:r*ld+n1], x.Data[r*n1:(r+1)*n1])
	}
	err := lowerUpdate(f.ws, f.cc, l[n1*ld+n1:], ld, x, y)
	f.ws.release(mk)
	if err != nil {
		return err
	}
	return f.factor(l[n1*ld+n1:], n2)
}
