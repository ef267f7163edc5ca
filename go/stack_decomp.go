package twinmath

import (
	"context"
	"math"
)

// The decompositions on stacks. Each matrix is factored by the
// single-matrix code (SVD, Svdvals, QR, Cholesky) on a view of the stack,
// so the results are bit for bit those of the single form on each matrix,
// in the same canonical signs, whatever the number of threads.

// svdWork is the multiply-adds of one SVD of an m×n matrix, for the
// runner's context checks and its choice of threads.
func svdWork(m, n int) int { return 12*m*n*min(m, n) + 1 }

// SVDStack returns the thin SVDs of the matrices of a, each as SVD computes
// it: u holds a.Count m×k matrices, s a.Count 1×k rows of singular values
// (descending), vt a.Count k×n matrices, k = min(m, n). A failure of one
// matrix (ErrInvalid for NaN, Inf or an empty matrix, ErrNoConvergence)
// names the first failing matrix as DetStack does.
func SVDStack(a Stack) (u, s, vt Stack, err error) {
	return svdStackAlloc(nil, a)
}

// SVDStackTo writes the thin SVDs of the matrices of a into u, s and vt,
// shaped as SVDStack returns them; they may share memory with a.
func SVDStackTo(u, s, vt, a Stack) error {
	return svdStackTo(nil, u, s, vt, a)
}

// SVDStackContext is SVDStack, stopping early when ctx is done.
func SVDStackContext(ctx context.Context, a Stack) (u, s, vt Stack, err error) {
	return svdStackAlloc(newCanceller(ctx, "svd"), a)
}

// SVDStackToContext is SVDStackTo, stopping early when ctx is done.
func SVDStackToContext(ctx context.Context, u, s, vt, a Stack) error {
	return svdStackTo(newCanceller(ctx, "svd"), u, s, vt, a)
}

func svdStackAlloc(cc *canceller, a Stack) (u, s, vt Stack, err error) {
	if err := a.check("svd", "A"); err != nil {
		return Stack{}, Stack{}, Stack{}, err
	}
	m, n := a.Rows, a.Cols
	k := min(m, n)
	if u, err = NewStack(a.Count, m, k); err != nil {
		return Stack{}, Stack{}, Stack{}, err
	}
	if s, err = NewStack(a.Count, 1, k); err != nil {
		return Stack{}, Stack{}, Stack{}, err
	}
	if vt, err = NewStack(a.Count, k, n); err != nil {
		return Stack{}, Stack{}, Stack{}, err
	}
	if err := svdStackTo(cc, u, s, vt, a); err != nil {
		return Stack{}, Stack{}, Stack{}, err
	}
	return u, s, vt, nil
}

func svdStackTo(cc *canceller, u, s, vt, a Stack) error {
	if err := a.check("svd", "A"); err != nil {
		return err
	}
	m, n := a.Rows, a.Cols
	k := min(m, n)
	if err := u.want("svd", "U", a.Count, m, k); err != nil {
		return err
	}
	if err := s.want("svd", "s", a.Count, 1, k); err != nil {
		return err
	}
	if err := vt.want("svd", "Vt", a.Count, k, n); err != nil {
		return err
	}
	a = a.fresh(spanOf(u.Data), spanOf(s.Data), spanOf(vt.Data))
	return runStackScratch(cc, "svd", a.Count, svdWork(m, n), func(cc *canceller, i int) error {
		return svdTo(cc, u.At(i), s.At(i).Data, vt.At(i), a.At(i))
	})
}

// SvdvalsStack returns the singular values of the matrices of a, each as
// Svdvals computes them (descending), as a.Count 1×min(m, n) rows. Errors
// are those of Svdvals, naming the first failing matrix as DetStack does.
func SvdvalsStack(a Stack) (Stack, error) {
	if err := a.check("svdvals", "x"); err != nil {
		return Stack{}, err
	}
	return filledStack(a.Count, 1, min(a.Rows, a.Cols), func(s Stack) error { return svdvalsStackTo(nil, s, a) })
}

// SvdvalsStackTo writes the singular values of the matrices of a into s,
// a.Count 1×min(m, n) rows; see SvdvalsStack.
func SvdvalsStackTo(s, a Stack) error {
	return svdvalsStackTo(nil, s, a)
}

// SvdvalsStackToContext is SvdvalsStackTo, stopping early when ctx is done.
func SvdvalsStackToContext(ctx context.Context, s, a Stack) error {
	return svdvalsStackTo(newCanceller(ctx, "svdvals"), s, a)
}

func svdvalsStackTo(cc *canceller, s, a Stack) error {
	if err := a.check("svdvals", "x"); err != nil {
		return err
	}
	if err := s.want("svdvals", "s", a.Count, 1, min(a.Rows, a.Cols)); err != nil {
		return err
	}
	a = a.fresh(spanOf(s.Data))
	return runStackScratch(cc, "svdvals", a.Count, svdWork(a.Rows, a.Cols), func(cc *canceller, i int) error {
		return svdvalsTo(cc, s.At(i).Data, a.At(i)) // the runner ticks cc
	})
}

// QRStack returns the reduced QR factorisations of the matrices of a, each
// as QR computes it (R with a non-negative diagonal): q holds a.Count m×k
// matrices, r a.Count k×n, k = min(m, n). A failure of one matrix names
// the first failing matrix as DetStack does.
func QRStack(a Stack) (q, r Stack, err error) {
	if err := a.check("qr", "A"); err != nil {
		return Stack{}, Stack{}, err
	}
	k := min(a.Rows, a.Cols)
	if q, err = NewStack(a.Count, a.Rows, k); err != nil {
		return Stack{}, Stack{}, err
	}
	if r, err = NewStack(a.Count, k, a.Cols); err != nil {
		return Stack{}, Stack{}, err
	}
	if err := qrStackTo(nil, q, r, a); err != nil {
		return Stack{}, Stack{}, err
	}
	return q, r, nil
}

// QRStackTo writes the QR factorisations of the matrices of a into q and
// r, shaped as QRStack returns them; they may share memory with a.
func QRStackTo(q, r, a Stack) error {
	return qrStackTo(nil, q, r, a)
}

// QRStackToContext is QRStackTo, stopping early when ctx is done.
func QRStackToContext(ctx context.Context, q, r, a Stack) error {
	return qrStackTo(newCanceller(ctx, "qr"), q, r, a)
}

func qrStackTo(cc *canceller, q, r, a Stack) error {
	if err := a.check("qr", "A"); err != nil {
		return err
	}
	m, n := a.Rows, a.Cols
	k := min(m, n)
	if err := q.want("qr", "Q", a.Count, m, k); err != nil {
		return err
	}
	if err := r.want("qr", "R", a.Count, k, n); err != nil {
		return err
	}
	a = a.fresh(spanOf(q.Data), spanOf(r.Data))
	return runStackScratch(cc, "qr", a.Count, 2*m*n*k+1, func(cc *canceller, i int) error {
		return qrTo(cc, q.At(i), r.At(i), a.At(i))
	})
}

// QRCompleteStack returns the complete QR factorisations of the matrices
// of a, each as QRComplete computes it: q holds a.Count m×m matrices, r
// a.Count m×n. A failure of one matrix names the first failing matrix as
// DetStack does.
func QRCompleteStack(a Stack) (q, r Stack, err error) {
	if err := a.check("qr", "A"); err != nil {
		return Stack{}, Stack{}, err
	}
	if q, err = NewStack(a.Count, a.Rows, a.Rows); err != nil {
		return Stack{}, Stack{}, err
	}
	if r, err = NewStack(a.Count, a.Rows, a.Cols); err != nil {
		return Stack{}, Stack{}, err
	}
	if err := qrCompleteStackTo(nil, q, r, a); err != nil {
		return Stack{}, Stack{}, err
	}
	return q, r, nil
}

// QRCompleteStackTo writes the complete QR factorisations of the matrices
// of a into q and r, shaped as QRCompleteStack returns them; they may share
// memory with a.
func QRCompleteStackTo(q, r, a Stack) error {
	return qrCompleteStackTo(nil, q, r, a)
}

// QRCompleteStackToContext is QRCompleteStackTo, stopping early when ctx
// is done.
func QRCompleteStackToContext(ctx context.Context, q, r, a Stack) error {
	return qrCompleteStackTo(newCanceller(ctx, "qr"), q, r, a)
}

func qrCompleteStackTo(cc *canceller, q, r, a Stack) error {
	if err := a.check("qr", "A"); err != nil {
		return err
	}
	m, n := a.Rows, a.Cols
	if err := q.want("qr", "Q", a.Count, m, m); err != nil {
		return err
	}
	if err := r.want("qr", "R", a.Count, m, n); err != nil {
		return err
	}
	a = a.fresh(spanOf(q.Data), spanOf(r.Data))
	return runStackScratch(cc, "qr", a.Count, 2*m*m*n+1, func(cc *canceller, i int) error {
		return qrCompleteTo(cc, q.At(i), r.At(i), a.At(i))
	})
}

// QRRawStack returns the packed Householder QR factorisations of the
// matrices of a, each as QRRaw computes it: h holds a.Count n×m matrices,
// tau a.Count 1×k rows, k = min(m, n). A failure of one matrix names the
// first failing matrix as DetStack does.
func QRRawStack(a Stack) (h, tau Stack, err error) {
	if err := a.check("qr", "A"); err != nil {
		return Stack{}, Stack{}, err
	}
	if h, err = NewStack(a.Count, a.Cols, a.Rows); err != nil {
		return Stack{}, Stack{}, err
	}
	if tau, err = NewStack(a.Count, 1, min(a.Rows, a.Cols)); err != nil {
		return Stack{}, Stack{}, err
	}
	if err := qrRawStackTo(nil, h, tau, a); err != nil {
		return Stack{}, Stack{}, err
	}
	return h, tau, nil
}

// QRRawStackTo writes the packed QR factorisations of the matrices of a
// into h and tau, shaped as QRRawStack returns them; they may share memory
// with a.
func QRRawStackTo(h, tau, a Stack) error {
	return qrRawStackTo(nil, h, tau, a)
}

// QRRawStackToContext is QRRawStackTo, stopping early when ctx is done.
func QRRawStackToContext(ctx context.Context, h, tau, a Stack) error {
	return qrRawStackTo(newCanceller(ctx, "qr"), h, tau, a)
}

func qrRawStackTo(cc *canceller, h, tau, a Stack) error {
	if err := a.check("qr", "A"); err != nil {
		return err
	}
	m, n := a.Rows, a.Cols
	k := min(m, n)
	if err := h.want("qr", "h", a.Count, n, m); err != nil {
		return err
	}
	if err := tau.want("qr", "tau", a.Count, 1, k); err != nil {
		return err
	}
	a = a.fresh(spanOf(h.Data), spanOf(tau.Data))
	return runStackScratch(cc, "qr", a.Count, m*n*k+1, func(cc *canceller, i int) error {
		return qrRawTo(cc, h.At(i), tau.At(i).Data, a.At(i))
	})
}

// SVDFullStack returns the full SVDs of the matrices of a, each as SVDFull
// computes it: u holds a.Count m×m matrices, s a.Count 1×k rows, vt
// a.Count n×n matrices, k = min(m, n). A failure of one matrix names the
// first failing matrix as DetStack does.
func SVDFullStack(a Stack) (u, s, vt Stack, err error) {
	if err := a.check("svd", "A"); err != nil {
		return Stack{}, Stack{}, Stack{}, err
	}
	m, n := a.Rows, a.Cols
	if u, err = NewStack(a.Count, m, m); err != nil {
		return Stack{}, Stack{}, Stack{}, err
	}
	if s, err = NewStack(a.Count, 1, min(m, n)); err != nil {
		return Stack{}, Stack{}, Stack{}, err
	}
	if vt, err = NewStack(a.Count, n, n); err != nil {
		return Stack{}, Stack{}, Stack{}, err
	}
	if err := svdFullStackTo(nil, u, s, vt, a); err != nil {
		return Stack{}, Stack{}, Stack{}, err
	}
	return u, s, vt, nil
}

// SVDFullStackTo writes the full SVDs of the matrices of a into u, s and
// vt, shaped as SVDFullStack returns them; they may share memory with a.
func SVDFullStackTo(u, s, vt, a Stack) error {
	return svdFullStackTo(nil, u, s, vt, a)
}

// SVDFullStackToContext is SVDFullStackTo, stopping early when ctx is
// done.
func SVDFullStackToContext(ctx context.Context, u, s, vt, a Stack) error {
	return svdFullStackTo(newCanceller(ctx, "svd"), u, s, vt, a)
}

func svdFullStackTo(cc *canceller, u, s, vt, a Stack) error {
	if err := a.check("svd", "A"); err != nil {
		return err
	}
	m, n := a.Rows, a.Cols
	k := min(m, n)
	if err := u.want("svd", "U", a.Count, m, m); err != nil {
		return err
	}
	if err := s.want("svd", "s", a.Count, 1, k); err != nil {
		return err
	}
	if err := vt.want("svd", "Vt", a.Count, n, n); err != nil {
		return err
	}
	a = a.fresh(spanOf(u.Data), spanOf(s.Data), spanOf(vt.Data))
	p := max(m, n)
	return runStackScratch(cc, "svd", a.Count, svdWork(m, n)+2*p*p*k, func(cc *canceller, i int) error {
		return svdFullTo(cc, u.At(i), s.At(i).Data, vt.At(i), a.At(i))
	})
}

// CholeskyStack returns the lower Cholesky factors of the symmetric
// positive definite matrices of a, each as Cholesky computes it. It returns
// ErrShape if the matrices are not square; a failure of one matrix
// (ErrInvalid, ErrNotPositiveDefinite) names the first failing matrix as
// DetStack does.
func CholeskyStack(a Stack) (Stack, error) {
	if err := squareStack("cholesky", "A", a); err != nil {
		return Stack{}, err
	}
	return filledStack(a.Count, a.Rows, a.Cols, func(dst Stack) error { return choleskyStackTo(nil, dst, a) })
}

// CholeskyStackTo writes the Cholesky factors of the matrices of a into
// dst, a stack of a's shape, which may share memory with a.
func CholeskyStackTo(dst, a Stack) error {
	return choleskyStackTo(nil, dst, a)
}

// CholeskyStackToContext is CholeskyStackTo, stopping early when ctx is
// done.
func CholeskyStackToContext(ctx context.Context, dst, a Stack) error {
	return choleskyStackTo(newCanceller(ctx, "cholesky"), dst, a)
}

func choleskyStackTo(cc *canceller, dst, a Stack) error {
	a, err := squareInto("cholesky", "A", a, "L", dst)
	if err != nil {
		return err
	}
	n := a.Rows
	return runStackScratch(cc, "cholesky", a.Count, n*n*n/6+1, func(cc *canceller, i int) error {
		return choleskyTo(cc, dst.At(i), a.At(i))
	})
}

// PinvStack returns the pseudo-inverses of the m×n matrices of a, each as
// Pinv computes it with the relative cutoff rcond, packed in a stack of
// a.Count n×m matrices. It returns ErrInvalid if rcond is not a finite
// non-negative number; a failure of one matrix (ErrInvalid for NaN, Inf or
// an empty matrix, ErrNoConvergence) names the first failing matrix as
// DetStack does.
func PinvStack(a Stack, rcond float64) (Stack, error) {
	if err := a.check("pinv", "A"); err != nil {
		return Stack{}, err
	}
	return filledStack(a.Count, a.Cols, a.Rows, func(dst Stack) error { return pinvStackTo(nil, dst, a, rcond) })
}

// PinvStackTo writes the pseudo-inverses of the matrices of a into dst, a
// stack of a.Count n×m matrices, which may share memory with a; see
// PinvStack.
func PinvStackTo(dst, a Stack, rcond float64) error {
	return pinvStackTo(nil, dst, a, rcond)
}

// PinvStackToContext is PinvStackTo, stopping early when ctx is done.
func PinvStackToContext(ctx context.Context, dst, a Stack, rcond float64) error {
	return pinvStackTo(newCanceller(ctx, "pinv"), dst, a, rcond)
}

func pinvStackTo(cc *canceller, dst, a Stack, rcond float64) error {
	if err := a.check("pinv", "A"); err != nil {
		return err
	}
	if !(rcond >= 0) || math.IsInf(rcond, 1) {
		return invalidErr("pinv", "rcond must be a finite non-negative number, got %s", pyFloat(rcond))
	}
	if err := dst.want("pinv", "dst", a.Count, a.Cols, a.Rows); err != nil {
		return err
	}
	a = a.fresh(spanOf(dst.Data))
	return runStackScratch(cc, "pinv", a.Count, svdWork(a.Rows, a.Cols), func(cc *canceller, i int) error {
		return pinvTo(cc, dst.At(i), a.At(i), rcond)
	})
}

// MatrixRankStack returns the ranks of the matrices of a, each as
// MatrixRank computes it. A failure of one matrix (ErrInvalid for NaN, Inf
// or an empty matrix, ErrNoConvergence) names the first failing matrix as
// DetStack does.
func MatrixRankStack(a Stack) ([]int, error) {
	return matrixRankStack(nil, a, nil)
}

// MatrixRankStackTo writes the ranks of the matrices of a into dst, of
// length a.Count; see MatrixRankStack.
func MatrixRankStackTo(dst []int, a Stack) error {
	_, err := matrixRankStack(nil, a, dst)
	return err
}

// MatrixRankStackToContext is MatrixRankStackTo, stopping early when ctx is
// done.
func MatrixRankStackToContext(ctx context.Context, dst []int, a Stack) error {
	_, err := matrixRankStack(newCanceller(ctx, "matrix_rank"), a, dst)
	return err
}

func matrixRankStack(cc *canceller, a Stack, dst []int) ([]int, error) {
	if err := a.check("matrix_rank", "A"); err != nil {
		return nil, err
	}
	dst, err := valuesDst("matrix_rank", dst, a.Count)
	if err != nil {
		return nil, err
	}
	err = runStackScratch(cc, "matrix_rank", a.Count, svdWork(a.Rows, a.Cols), func(cc *canceller, i int) error {
		var err error
		dst[i], err = matrixRank(cc, a.At(i))
		return err
	})
	if err != nil {
		return nil, err
	}
	return dst, nil
}

// PinvStackRconds is PinvStack with a cutoff of its own for each matrix:
// matrix i is pseudo-inverted as Pinv(a.At(i), rcond[i]) computes it
// (numpy's rcond array, broadcast against the stack). It returns ErrShape
// unless len(rcond) == a.Count and ErrInvalid if an rcond is not a finite
// non-negative number, naming its matrix as DetStack names a failure.
func PinvStackRconds(a Stack, rcond []float64) (Stack, error) {
	if err := a.check("pinv", "A"); err != nil {
		return Stack{}, err
	}
	return filledStack(a.Count, a.Cols, a.Rows, func(dst Stack) error { return pinvStackRconds(nil, dst, a, rcond) })
}

// PinvStackRcondsToContext writes the pseudo-inverses of the matrices of a,
// each with its own cutoff, into dst, a stack of a.Count n×m matrices,
// stopping early when ctx is done; see PinvStackRconds.
func PinvStackRcondsToContext(ctx context.Context, dst, a Stack, rcond []float64) error {
	return pinvStackRconds(newCanceller(ctx, "pinv"), dst, a, rcond)
}

func pinvStackRconds(cc *canceller, dst, a Stack, rcond []float64) error {
	if err := a.check("pinv", "A"); err != nil {
		return err
	}
	if len(rcond) != a.Count {
		return shapeErr("pinv", "rcond has %d values for %d matrices", len(rcond), a.Count)
	}
	if err := dst.want("pinv", "dst", a.Count, a.Cols, a.Rows); err != nil {
		return err
	}
	a = a.fresh(spanOf(dst.Data))
	return runStackScratch(cc, "pinv", a.Count, svdWork(a.Rows, a.Cols), func(cc *canceller, i int) error {
		return pinvTo(cc, dst.At(i), a.At(i), rcond[i])
	})
}
