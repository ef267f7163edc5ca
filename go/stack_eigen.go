package twinmath

import "context"

// The symmetric eigensolvers on stacks. Each matrix is solved by the
// single-matrix code (EighLower, Eigvalsh) on a view of the stack, so the
// results are bit for bit those of the single form on each matrix, whatever
// the number of threads; the vectors of results (one per matrix) are stacks
// of 1×n matrices, the layout of numpy's (count, n).

// EighLowerStack returns the eigenvalues and eigenvectors of the symmetric
// matrices of a, each as EighLower computes them (reading its lower
// triangle, numpy's eigh): w holds a.Count 1×n rows of eigenvalues,
// ascending, and v the n×n matrices of eigenvectors, in the same canonical
// signs. It returns ErrShape if the matrices are not square; a failure of
// one matrix (ErrInvalid for NaN, Inf or an empty matrix, ErrNoConvergence)
// names the first failing matrix (in index order), whatever the number of
// threads, as DetStack does.
func EighLowerStack(a Stack) (w, v Stack, err error) {
	return eighLowerStackAlloc(nil, a)
}

// EighLowerStackTo writes the eigenvalues of the matrices of a into w
// (a.Count 1×n rows) and their eigenvectors into v (a.Count n×n
// matrices); see EighLowerStack. The outputs may share memory with a.
func EighLowerStackTo(w, v, a Stack) error {
	return eighLowerStackTo(nil, w, v, a)
}

// EighLowerStackContext is EighLowerStack, stopping early when ctx is done.
func EighLowerStackContext(ctx context.Context, a Stack) (w, v Stack, err error) {
	return eighLowerStackAlloc(newCanceller(ctx, "eigh"), a)
}

// EighLowerStackToContext is EighLowerStackTo, stopping early when ctx is
// done.
func EighLowerStackToContext(ctx context.Context, w, v, a Stack) error {
	return eighLowerStackTo(newCanceller(ctx, "eigh"), w, v, a)
}

// squareStack returns ErrShape unless a is a consistent stack of square
// matrices.
func squareStack(op, name string, a Stack) error {
	if err := a.check(op, name); err != nil {
		return err
	}
	if a.Rows != a.Cols {
		return shapeErr(op, "%s must be square, got %dx%d", name, a.Rows, a.Cols)
	}
	return nil
}

// squareInto checks the stack a (named name) of square matrices of op and
// dst (named dstName), a stack of a's shape for the results, and returns a
// as op may read it while it writes dst (see Stack.fresh).
func squareInto(op, name string, a Stack, dstName string, dst Stack) (Stack, error) {
	if err := squareStack(op, name, a); err != nil {
		return Stack{}, err
	}
	if err := dst.want(op, dstName, a.Count, a.Rows, a.Cols); err != nil {
		return Stack{}, err
	}
	return a.fresh(spanOf(dst.Data)), nil
}

func eighLowerStackAlloc(cc *canceller, a Stack) (w, v Stack, err error) {
	if err := squareStack("eigh", "A", a); err != nil {
		return Stack{}, Stack{}, err
	}
	if w, err = NewStack(a.Count, 1, a.Rows); err != nil {
		return Stack{}, Stack{}, err
	}
	if v, err = NewStack(a.Count, a.Rows, a.Rows); err != nil {
		return Stack{}, Stack{}, err
	}
	if err := eighLowerStackTo(cc, w, v, a); err != nil {
		return Stack{}, Stack{}, err
	}
	return w, v, nil
}

func eighLowerStackTo(cc *canceller, w, v, a Stack) error {
	if err := squareStack("eigh", "A", a); err != nil {
		return err
	}
	n := a.Rows
	if err := w.want("eigh", "w", a.Count, 1, n); err != nil {
		return err
	}
	if err := v.want("eigh", "v", a.Count, n, n); err != nil {
		return err
	}
	a = a.fresh(spanOf(w.Data), spanOf(v.Data))
	return runStackScratch(cc, "eigh", a.Count, 9*n*n*n+1, func(cc *canceller, i int) error {
		return eighTo(cc, w.At(i).Data, v.At(i), a.At(i), true)
	})
}

// EigvalshStack returns the eigenvalues of the symmetric matrices of a,
// each as Eigvalsh computes them (ascending, reading the lower triangle),
// as a.Count 1×n rows; a stack of 0×0 matrices has none. Errors are those of
// Eigvalsh, naming the first failing matrix as DetStack does.
func EigvalshStack(a Stack) (Stack, error) {
	if err := squareStack("eigvalsh", "a", a); err != nil {
		return Stack{}, err
	}
	return filledStack(a.Count, 1, a.Rows, func(w Stack) error { return eigvalshStackTo(nil, w, a) })
}

// EigvalshStackTo writes the eigenvalues of the matrices of a into w, a
// stack of a.Count 1×n rows; see EigvalshStack.
func EigvalshStackTo(w, a Stack) error {
	return eigvalshStackTo(nil, w, a)
}

// EigvalshStackToContext is EigvalshStackTo, stopping early when ctx is
// done.
func EigvalshStackToContext(ctx context.Context, w, a Stack) error {
	return eigvalshStackTo(newCanceller(ctx, "eigvalsh"), w, a)
}

func eigvalshStackTo(cc *canceller, w, a Stack) error {
	if err := squareStack("eigvalsh", "a", a); err != nil {
		return err
	}
	n := a.Rows
	if err := w.want("eigvalsh", "w", a.Count, 1, n); err != nil {
		return err
	}
	a = a.fresh(spanOf(w.Data))
	return runStackScratch(cc, "eigvalsh", a.Count, 9*n*n*n+1, func(cc *canceller, i int) error {
		return eigvalshTo(cc, w.At(i).Data, a.At(i)) // the runner ticks cc
	})
}

// EigStack returns the eigenvalues and eigenvectors of the square n×n
// matrices of a, each as Eig computes them (the same order and canonical
// phases): the i-th matrix's eigenvalues are w[i*n:(i+1)*n] and its
// eigenvectors the columns of the n×n matrix packed row by row at
// v[i*n*n:]. allReal reports whether every eigenvalue of every matrix is
// real (numpy then returns real arrays for the whole stack). Errors are
// those of Eig, naming the first failing matrix as DetStack does.
func EigStack(a Stack) (w, v []complex128, allReal bool, err error) {
	if err := squareStack("eig", "A", a); err != nil {
		return nil, nil, false, err
	}
	n := a.Rows
	w, v = make([]complex128, a.Count*n), make([]complex128, a.Count*n*n)
	allReal, err = eigStackTo(nil, w, v, a)
	if err != nil {
		return nil, nil, false, err
	}
	return w, v, allReal, nil
}

// EigStackTo writes the eigenvalues and eigenvectors of the matrices of a
// into w (a.Count·n values) and v (a.Count·n·n), laid out as EigStack
// returns them.
func EigStackTo(w, v []complex128, a Stack) (allReal bool, err error) {
	return eigStackTo(nil, w, v, a)
}

// EigStackToContext is EigStackTo, stopping early when ctx is done.
func EigStackToContext(ctx context.Context, w, v []complex128, a Stack) (allReal bool, err error) {
	return eigStackTo(newCanceller(ctx, "eig"), w, v, a)
}

func eigStackTo(cc *canceller, w, v []complex128, a Stack) (bool, error) {
	if err := squareStack("eig", "A", a); err != nil {
		return false, err
	}
	n := a.Rows
	if len(w) != a.Count*n || len(v) != a.Count*n*n {
		return false, shapeErr("eig", "w and v have %d and %d values, want %d and %d", len(w), len(v), a.Count*n, a.Count*n*n)
	}
	a = a.fresh(spanOf(w), spanOf(v))
	reals := make([]bool, a.Count)
	err := runStackScratch(cc, "eig", a.Count, 10*n*n*n+1, func(cc *canceller, i int) error {
		var err error
		reals[i], err = eigTo(cc, w[i*n:(i+1)*n], ComplexMatrix{Rows: n, Cols: n, Data: v[i*n*n : (i+1)*n*n]}, a.At(i))
		return err
	})
	if err != nil {
		return false, err
	}
	return allTrue(reals), nil
}

// allTrue reports whether every value of b is true (true for none).
func allTrue(b []bool) bool {
	for _, x := range b {
		if !x {
			return false
		}
	}
	return true
}

// EigvalsStack returns the eigenvalues of the square n×n matrices of a,
// each as Eigvals computes them, the i-th matrix's at w[i*n:(i+1)*n], and
// whether every one is real. Errors are those of Eigvals, naming the first
// failing matrix as DetStack does.
func EigvalsStack(a Stack) (w []complex128, allReal bool, err error) {
	if err := squareStack("eigvals", "a", a); err != nil {
		return nil, false, err
	}
	w = make([]complex128, a.Count*a.Rows)
	allReal, err = eigvalsStackTo(nil, w, a)
	if err != nil {
		return nil, false, err
	}
	return w, allReal, nil
}

// EigvalsStackTo writes the eigenvalues of the matrices of a into w
// (a.Count·n values); see EigvalsStack.
func EigvalsStackTo(w []complex128, a Stack) (allReal bool, err error) {
	return eigvalsStackTo(nil, w, a)
}

// EigvalsStackToContext is EigvalsStackTo, stopping early when ctx is done.
func EigvalsStackToContext(ctx context.Context, w []complex128, a Stack) (allReal bool, err error) {
	return eigvalsStackTo(newCanceller(ctx, "eigvals"), w, a)
}

func eigvalsStackTo(cc *canceller, w []complex128, a Stack) (bool, error) {
	if err := squareStack("eigvals", "a", a); err != nil {
		return false, err
	}
	n := a.Rows
	if len(w) != a.Count*n {
		return false, shapeErr("eigvals", "w has %d values, want %d", len(w), a.Count*n)
	}
	a = a.fresh(spanOf(w))
	reals := make([]bool, a.Count)
	err := runStackScratch(cc, "eigvals", a.Count, 10*n*n*n+1, func(cc *canceller, i int) error {
		var err error
		reals[i], err = eigvalsTo(cc, w[i*n:(i+1)*n], a.At(i)) // the runner ticks cc
		return err
	})
	if err != nil {
		return false, err
	}
	return allTrue(reals), nil
}
