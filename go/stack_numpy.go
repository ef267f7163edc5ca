package twinmath

import (
	"context"
	"math"
)

// numpy.linalg's other functions on stacks: cond, matrix_power, diagonal,
// trace, matrix_transpose and matrix_norm. Each matrix goes through the
// single-matrix function (Cond, MatrixPowerTo, …) on a view of the stack,
// so every result is bit for bit the single call's, whatever the number of
// threads; an error names the first failing matrix as DetStack's does.

// condOf returns the single-matrix cond of order p ("fro" and "nuc" are
// CondFrobenius and CondNuclear) and whether its matrices must be square,
// or ErrInvalid for another p.
func condOf(p float64, kind string) (func(*canceller, Matrix) (float64, error), bool, error) {
	switch kind {
	case "fro":
		return func(cc *canceller, m Matrix) (float64, error) { return condByInverse(cc, m, frobeniusNorm) }, true, nil
	case "nuc":
		return func(cc *canceller, m Matrix) (float64, error) { return condByInverse(cc, m, nuclearNorm) }, true, nil
	case "":
	default:
		return nil, false, invalidErr("cond", "unknown norm %q", kind)
	}
	switch p {
	case 2, -2:
		return func(cc *canceller, m Matrix) (float64, error) { return cond(cc, m, p) }, false, nil
	case 1, -1, math.Inf(1), math.Inf(-1):
		return func(cc *canceller, m Matrix) (float64, error) { return cond(cc, m, p) }, true, nil
	}
	_, err := Cond(Matrix{}, p)
	return nil, false, err
}

// CondStack returns the condition numbers of the matrices of a in the norm
// of order p, each as Cond computes it: out[i] = Cond(a.At(i), p). The
// whole stack is checked first: ErrInvalid for another p, ErrShape if the
// matrices are empty (also in a stack of none: numpy refuses the shape) or,
// for p ≠ ±2, not square; then each matrix, a failure (ErrInvalid for NaN
// or Inf, ErrNoConvergence) naming the first failing one as DetStack does.
// A singular matrix has condition number +Inf, as alone.
func CondStack(a Stack, p float64) ([]float64, error) {
	return condStack(nil, nil, a, p, "")
}

// CondFrobeniusStack is CondStack in the Frobenius norm (CondFrobenius).
func CondFrobeniusStack(a Stack) ([]float64, error) {
	return condStack(nil, nil, a, 0, "fro")
}

// CondNuclearStack is CondStack in the nuclear norm (CondNuclear).
func CondNuclearStack(a Stack) ([]float64, error) {
	return condStack(nil, nil, a, 0, "nuc")
}

// CondStackToContext writes the condition numbers of the matrices of a
// into dst, of length a.Count, stopping early when ctx is done. kind "fro"
// or "nuc" picks the Frobenius or the nuclear norm (p is then not read);
// "" the order p; see CondStack.
func CondStackToContext(ctx context.Context, dst []float64, a Stack, p float64, kind string) error {
	_, err := condStack(newCanceller(ctx, "cond"), dst, a, p, kind)
	return err
}

func condStack(cc *canceller, dst []float64, a Stack, p float64, kind string) ([]float64, error) {
	f, square, err := condOf(p, kind)
	if err != nil {
		return nil, err
	}
	if err := a.check("cond", "x"); err != nil {
		return nil, err
	}
	if err := condDims(a.Rows, a.Cols, square); err != nil {
		return nil, err
	}
	dst, err = valuesDst("cond", dst, a.Count)
	if err != nil {
		return nil, err
	}
	work := svdWork(a.Rows, a.Cols)
	if square {
		work = 2*a.Rows*a.Rows*a.Rows + 1
	}
	err = runStackScratch(cc, "cond", a.Count, work, func(cc *canceller, i int) error {
		var err error
		dst[i], err = f(cc, a.At(i)) // the runner ticks cc
		return err
	})
	if err != nil {
		return nil, err
	}
	return dst, nil
}

// MatrixPowerStack returns the matrices of a raised to the integer power
// n, each as MatrixPower computes it, packed in a new stack. It returns
// ErrShape if the matrices are not square; for n < 0 a failure of one
// matrix (ErrInvalid, ErrSingular) names the first failing one as DetStack
// does.
func MatrixPowerStack(a Stack, n int) (Stack, error) {
	if err := squareStack("matrix_power", "a", a); err != nil {
		return Stack{}, err
	}
	return filledStack(a.Count, a.Rows, a.Cols, func(dst Stack) error { return matrixPowerStackTo(nil, dst, a, n) })
}

// MatrixPowerStackToContext writes the powers of the matrices of a into
// dst, a stack of a's shape, which may share memory with a, stopping early
// when ctx is done; see MatrixPowerStack.
func MatrixPowerStackToContext(ctx context.Context, dst, a Stack, n int) error {
	return matrixPowerStackTo(newCanceller(ctx, "matrix_power"), dst, a, n)
}

func matrixPowerStackTo(cc *canceller, dst, a Stack, n int) error {
	a, err := squareInto("matrix_power", "a", a, "dst", dst)
	if err != nil {
		return err
	}
	k := a.Rows
	// About 2·log₂|n| products of k³ each.
	steps := 2
	for m := uint64(n); m > 1; m >>= 1 {
		steps += 2
	}
	work, ok := mulLen(steps, k*k*k+1)
	if !ok {
		work = MaxLen
	}
	return runStackScratch(cc, "matrix_power", a.Count, work, func(cc *canceller, i int) error {
		return matrixPowerTo(cc, dst.At(i), a.At(i), n) // the runner ticks cc
	})
}

// DiagonalStack returns the offset diagonals of the matrices of a, each as
// Diagonal takes it, as a.Count 1×k rows (k the diagonal's length, 0 for a
// diagonal outside the matrices).
func DiagonalStack(a Stack, offset int) (Stack, error) {
	if err := a.check("diagonal", "x"); err != nil {
		return Stack{}, err
	}
	return filledStack(a.Count, 1, diagonalLength(a.Rows, a.Cols, offset), func(dst Stack) error { return DiagonalStackTo(dst, a, offset) })
}

// DiagonalStackTo writes the offset diagonals of the matrices of a into
// dst, a.Count 1×k rows; see DiagonalStack.
func DiagonalStackTo(dst, a Stack, offset int) error {
	if err := a.check("diagonal", "x"); err != nil {
		return err
	}
	if err := dst.want("diagonal", "dst", a.Count, 1, diagonalLength(a.Rows, a.Cols, offset)); err != nil {
		return err
	}
	a = a.fresh(spanOf(dst.Data))
	return runStack(nil, a.Count, a.Rows+1, func(_ *canceller, i int) error {
		return DiagonalTo(dst.At(i).Data, a.At(i), offset)
	})
}

// TraceStack returns the sums of the offset diagonals of the matrices of a
// (numpy.linalg.trace: the last two axes), each as TraceOffset computes it.
func TraceStack(a Stack, offset int) ([]float64, error) {
	if err := a.check("trace", "A"); err != nil {
		return nil, err
	}
	return filledSlice(make([]float64, a.Count), func(dst []float64) error { return TraceStackTo(dst, a, offset) })
}

// TraceStackTo writes the traces of the matrices of a into dst, of length
// a.Count; see TraceStack.
func TraceStackTo(dst []float64, a Stack, offset int) error {
	if err := a.check("trace", "A"); err != nil {
		return err
	}
	if len(dst) != a.Count {
		return shapeErr("trace", "dst has %d values, want %d", len(dst), a.Count)
	}
	return runStack(nil, a.Count, a.Rows+1, func(_ *canceller, i int) error {
		var err error
		dst[i], err = TraceOffset(a.At(i), offset)
		return err
	})
}

// MatrixTransposeStack returns the transposes of the matrices of a, packed
// in a new stack of a.Count Cols×Rows matrices.
func MatrixTransposeStack(a Stack) (Stack, error) {
	if err := a.check("matrix_transpose", "x"); err != nil {
		return Stack{}, err
	}
	return filledStack(a.Count, a.Cols, a.Rows, func(dst Stack) error { return MatrixTransposeStackTo(dst, a) })
}

// MatrixTransposeStackTo writes the transposes of the matrices of a into
// dst, a stack of a.Count Cols×Rows matrices, which may share memory with
// a.
func MatrixTransposeStackTo(dst, a Stack) error {
	if err := a.check("matrix_transpose", "x"); err != nil {
		return err
	}
	if err := dst.want("matrix_transpose", "dst", a.Count, a.Cols, a.Rows); err != nil {
		return err
	}
	a = a.fresh(spanOf(dst.Data))
	return runStack(nil, a.Count, a.Rows*a.Cols+1, func(_ *canceller, i int) error {
		return TransposeTo(dst.At(i), a.At(i))
	})
}

// MatrixNormStack returns the norms of the matrices of a, each as
// MatrixNorm computes it for the order ord (kind "fro" or "nuc" picks
// FrobeniusNorm or NuclearNorm, and ord is then not read). It returns
// ErrInvalid for an order MatrixNorm does not take; a failure of one
// matrix (ErrNoConvergence) names the first failing one as DetStack does.
func MatrixNormStack(a Stack, ord float64, kind string) ([]float64, error) {
	if err := a.check("matrix_norm", "x"); err != nil {
		return nil, err
	}
	return filledSlice(make([]float64, a.Count), func(dst []float64) error { return matrixNormStack(nil, dst, a, ord, kind) })
}

// MatrixNormStackToContext writes the norms of the matrices of a into dst,
// of length a.Count, stopping early when ctx is done; see MatrixNormStack.
func MatrixNormStackToContext(ctx context.Context, dst []float64, a Stack, ord float64, kind string) error {
	return matrixNormStack(newCanceller(ctx, "matrix_norm"), dst, a, ord, kind)
}

func matrixNormStack(cc *canceller, dst []float64, a Stack, ord float64, kind string) error {
	if err := a.check("matrix_norm", "x"); err != nil {
		return err
	}
	f := func(cc *canceller, m Matrix) (float64, error) { return matrixNorm(cc, m, ord) }
	work := a.Rows*a.Cols + 1
	switch kind {
	case "fro":
		f = frobeniusNorm
	case "nuc":
		f, work = nuclearNorm, svdWork(a.Rows, a.Cols)
	case "":
		// The order is the call's: its error names no matrix.
		if _, err := MatrixNorm(Matrix{}, ord); err != nil {
			return err
		}
		if ord == 2 || ord == -2 {
			work = svdWork(a.Rows, a.Cols)
		}
	default:
		return invalidErr("matrix_norm", "unknown norm %q", kind)
	}
	if len(dst) != a.Count {
		return shapeErr("matrix_norm", "dst has %d values, want %d", len(dst), a.Count)
	}
	return runStackScratch(cc, "matrix_norm", a.Count, work, func(cc *canceller, i int) error {
		var err error
		dst[i], err = f(cc, a.At(i)) // the runner ticks cc
		return err
	})
}

// CrossStack returns the cross products a_i × b_i of the 3-vectors of a and
// b, each as Cross computes it, as a new stack of 1×3 matrices (rows). a
// and b are stacks of 1×3 rows holding the same number of vectors, or one
// of them a single vector, which meets every vector of the other (numpy's
// broadcasting of a leading dimension of 1), as MatmulStack pairs its
// matrices:
//
//	dst.At(i) = a.At(i) × b.At(i)
//
// It returns ErrShape if the rows of a or b do not hold 3 entries (numpy's
// words, as Cross) or the counts do not pair. A stack of no vectors gives
// an empty stack.
func CrossStack(a, b Stack) (Stack, error) {
	count, err := checkCrossStack(a, b)
	if err != nil {
		return Stack{}, err
	}
	return filledStack(count, 1, 3, func(dst Stack) error { return CrossStackTo(dst, a, b) })
}

// CrossStackTo writes the cross products of the pairs of a and b into dst,
// a stack of 1×3 rows, as many as the pairs, which may share memory with a
// or b; see CrossStack.
func CrossStackTo(dst, a, b Stack) error {
	count, err := checkCrossStack(a, b)
	if err != nil {
		return err
	}
	if err := dst.want("cross", "dst", count, 1, 3); err != nil {
		return err
	}
	a, b = a.fresh(spanOf(dst.Data)), b.fresh(spanOf(dst.Data))
	return runStack(nil, count, 6, func(_ *canceller, i int) error {
		return CrossTo(dst.At(i).Data, a.pick(i).Data, b.pick(i).Data)
	})
}

// checkCrossStack checks x1 then x2 (consistent stacks of rows of 3
// entries), then that their counts pair, and returns the number of pairs.
func checkCrossStack(a, b Stack) (int, error) {
	for _, v := range []struct {
		name string
		s    Stack
	}{{"x1", a}, {"x2", b}} {
		if err := v.s.check("cross", v.name); err != nil {
			return 0, err
		}
		if v.s.Rows != 1 {
			return 0, shapeErr("cross", "%s is %d matrices of %dx%d, want rows (1x3)", v.name, v.s.Count, v.s.Rows, v.s.Cols)
		}
		if err := crossLen(v.name, v.s.Cols); err != nil {
			return 0, err
		}
	}
	return pairCount("cross", a, b)
}
