// Package twinmath is the mathematics that machine learning stands on —
// vectors and matrices, decompositions, calculus and gradient descent,
// backpropagation and optimisers, probability, statistics, information theory
// and a logistic-regression pipeline — in pure Go.
//
// The same operations exist as a Python/numpy reference (twinmath.ref), and
// this package is compiled into a C shared library that Python calls through
// cffi (twinmath.go). A parity suite holds the three to the same results and
// the same errors; the shared test vectors under testdata/vectors are checked
// by this package's own tests, without Python.
//
// # Conventions
//
// Vectors are []float64. Matrices are row-major [Matrix] values whose Data
// maps onto a C-contiguous numpy array without a copy.
//
// A function named after an operation (Add, Matmul, Inv) allocates and
// returns its result. Its companion with the suffix To (AddTo, MatmulTo,
// InvTo) writes into a caller-supplied dst of the right size and allocates
// nothing for its result; the C library uses those. Inputs are never
// modified. dst may share memory with an input, wholly or in part: the
// result is the one the allocating form returns, as with numpy's out=
// (an input that overlaps an output is copied first; see overlap.go).
//
// The decompositions need scratch memory besides their outputs (SolveTo
// about 800 KB at n = 300). A [Workspace] keeps it from one call to the
// next: ws.SolveTo, ws.SVDTo, … (workspace.go) give the same results and
// allocate nothing once the workspace has grown, on one thread.
//
// # Files
//
// One file per topic or, for the decompositions, per algorithm family, each
// with its _test.go beside it. decomp.go holds what the decompositions share
// (input checks, exact power-of-two scaling) and householder.go the
// Householder reflector; lu.go has LU (lu_blocked.go the blocked
// factorisation and substitution behind Det, Inv and Solve), cholesky.go
// Cholesky, qr.go QR, svd.go SVD, TruncatedSVD and SVDValues (on which
// MatrixNorm(a, 2) in vectors.go stands) with their algorithm in bidiag.go
// (Householder bidiagonalisation, blocked back-transformation) and
// bdsqr.go (implicit-shift QR on the bidiagonal), pinv.go Pinv, Lstsq and
// MatrixRank, pca.go PCA. eigen.go holds what the eigensolvers share
// (ComplexMatrix, constants, the reflector); eigh.go has Eigh
// (tridiagonalisation and implicit QL), eig.go Eig (balancing, Hessenberg
// reduction, the canonical order and phase) and schur.go the Francis QR
// iteration to real Schur form and the eigenvectors by back substitution.
// cond.go has Slogdet, Cond and NuclearNorm; products.go MatrixPower,
// MultiDot (the optimal chain order) and Cross; spectrum.go the values
// without the vectors (Eigvals, Eigvalsh, Svdvals); norms.go VectorNorm of
// any order; views.go Diagonal and MatrixTranspose.
//
// # Cancellation and threads
//
// Every long operation has a form that takes a context.Context first and
// carries the suffix Context (SVDContext, InvToContext, …; see context.go).
// When the context is done the operation stops within about a millisecond
// of work and returns an error wrapping ctx.Err(). SetMaxThreads bounds the
// goroutines one operation runs on; results do not depend on it.
//
// # Errors
//
// Functions return errors, never panic on bad input: not on a Matrix whose
// fields disagree (negative dimensions, a Data of another length than
// Rows·Cols, the product taken without overflow), nor on a nil function, nor
// on a count beyond the limit below. The shape of every argument is checked
// before anything is allocated, and a failing function returns the zero
// values of its results with the error. Every error wraps one of
// the sentinels ErrShape, ErrSingular, ErrNotPositiveDefinite,
// ErrNoConvergence or ErrInvalid (test with errors.Is), and its text has the
// form "op: sentinel text: detail", the same text the Python reference raises.
// That text is shared by the three languages (the C library passes it to
// Python unchanged), so it names the operation and its parameters by their
// shared names — those of the C library and Python: "kl_divergence",
// "Rng.permutation", "grad_f", "p_b" — not by the Go identifiers
// (KLDivergence, grad, pB); see docs/conventions.md, "Errors".
// A function given by the caller (Gradient's f, ...) that returns an error
// stops the operation with an error wrapping both ErrCallback and that error.
//
// # Limits
//
// MaxLen (2³² on 64-bit platforms) bounds every count the package accepts:
// the length of a vector, each dimension of a matrix and the number of values
// of a result (Matmul's a.Rows·b.Cols, Covariance's d², LU's m²), the
// number of draws from an Rng, and the iterations of LogisticRegression and
// GradientDescent. Beyond it the functions return ErrInvalid without
// allocating. The constructors NewMatrix and Identity, which return no error,
// panic as make does on a negative or impossible size.
//
// Arithmetic on NaN and Inf propagates them as IEEE 754 does; operations that
// stand on a factorisation (Det, Inv, Solve, …) reject them with ErrInvalid.
package twinmath
