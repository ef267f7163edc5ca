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
	return runStack(cc, a.Count, 9*n*n*n+1, func(cc *canceller, i int) error {
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
	w, err := NewStack(a.Count, 1, a.Rows)
	if err != nil {
		return Stack{}, err
	}
	if err := eigvalshStackTo(nil, w, a); err != nil {
		return Stack{}, err
	}
	return w, nil
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
	return runStack(cc, a.Count, 9*n*n*n+1, func(_ *canceller, i int) error {
		return EigvalshTo(w.At(i).Data, a.At(i)) // the runner ticks cc
	})
}
