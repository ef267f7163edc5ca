package twinmath

import (
	"errors"
	"fmt"
	"math"
)

// ErrCallback reports that a function handed to one of the calculus
// operations (Derivative, Gradient, Jacobian, Hessian, Taylor,
// GradientDescent and their Err forms) returned an error. The operation stops
// at once and returns an error that wraps both ErrCallback and the function's
// own error, so errors.Is finds either.
var ErrCallback = errors.New("callback failed")

// The default steps of the finite differences, as in the Python signatures:
// h = 1e-5 for first derivatives (Derivative, Gradient, Jacobian) and
// h = 1e-4 for the Hessian, whose rounding error grows as 1/h² rather than
// 1/h. Taylor uses both.
const (
	DefaultStep        = 1e-5
	DefaultHessianStep = 1e-4
)

// Func is a real function of a vector, f: ℝⁿ → ℝ, that may fail. A non-nil
// error stops the operation that calls it. f must not modify x or keep it
// after it returns: the operations reuse one buffer for their points.
type Func func(x []float64) (float64, error)

// VecFunc is a vector function of a vector, f: ℝⁿ → ℝᵐ, that may fail. A
// non-nil error stops the operation that calls it. f must not modify x or
// keep it; the operation reads the returned slice before it calls f again,
// so f may return the same buffer every time.
type VecFunc func(x []float64) ([]float64, error)

// plain adapts an ordinary scalar function, which cannot fail, to a Func.
func plain(f func([]float64) float64) Func {
	if f == nil {
		return nil
	}
	return func(x []float64) (float64, error) { return f(x), nil }
}

// plainVec adapts an ordinary vector function to a VecFunc.
func plainVec(f func([]float64) []float64) VecFunc {
	if f == nil {
		return nil
	}
	return func(x []float64) ([]float64, error) { return f(x), nil }
}

// callbackErr wraps the error a user function returned.
func callbackErr(op string, err error) error {
	return fmt.Errorf("%s: %w: %w", op, ErrCallback, err)
}

// missingFunc is the error of a nil function, checked before anything else.
func missingFunc(op string) error {
	return invalidErr(op, "f is missing")
}

// checkStep returns the step to use: def when h is zero ("choose for me",
// as a zero value means in Go), else h, which must be positive and finite.
// It returns ErrInvalid for a negative, NaN or infinite h.
func checkStep(op string, h, def float64) (float64, error) {
	if h == 0 {
		return def, nil
	}
	if !(h > 0) || math.IsInf(h, 1) {
		return 0, invalidErr(op, "h must be positive and finite, got %s", pyFloat(h))
	}
	return h, nil
}

// Derivative returns the central-difference approximation of f'(x).
//
//	f'(x) ≈ (f(x + h) − f(x − h)) / (2h)
//
// Its truncation error is h²/6·|f”'(ξ)| for some ξ in [x − h, x + h], and
// rounding adds about ε·|f(x)|/h; h = DefaultStep (1e-5) balances the two
// for functions of moderate size. f is called at x + h, then at x − h.
//
// It returns ErrInvalid if f is nil or if h is negative, NaN or infinite;
// h = 0 chooses the default step.
func Derivative(f func(float64) float64, x, h float64) (float64, error) {
	if f == nil {
		return 0, missingFunc("derivative")
	}
	return DerivativeErr(func(x float64) (float64, error) { return f(x), nil }, x, h)
}

// DerivativeErr is Derivative for a function that may fail: an error from f
// stops it, wrapped with ErrCallback.
func DerivativeErr(f func(float64) (float64, error), x, h float64) (float64, error) {
	if f == nil {
		return 0, missingFunc("derivative")
	}
	h, err := checkStep("derivative", h, DefaultStep)
	if err != nil {
		return 0, err
	}
	fp, err := f(x + h)
	if err != nil {
		return 0, callbackErr("derivative", err)
	}
	fm, err := f(x - h)
	if err != nil {
		return 0, callbackErr("derivative", err)
	}
	return (fp - fm) / (2 * h), nil
}

// Gradient returns the central-difference approximation of ∇f(x), the
// vector of partial derivatives.
//
//	∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / (2h)
//
// f is called 2n times, at x + h·eᵢ and then x − h·eᵢ for i = 0, …, n−1
// (the point x + h·eᵢ is x with x[i] + h in place of x[i]). The gradient of
// a function of no variables is empty.
//
// It returns ErrInvalid if f is nil or if h is negative, NaN or infinite;
// h = 0 chooses the default step.
func Gradient(f func([]float64) float64, x []float64, h float64) ([]float64, error) {
	return GradientErr(plain(f), x, h)
}

// GradientErr is Gradient for a function that may fail.
func GradientErr(f Func, x []float64, h float64) ([]float64, error) {
	if f == nil {
		return nil, missingFunc("gradient")
	}
	return filledSlice(make([]float64, len(x)), func(dst []float64) error { return GradientTo(dst, f, x, h) })
}

// GradientTo writes the central-difference gradient of f at x into dst,
// which may share memory with x. It returns ErrInvalid if h is negative, NaN or
// infinite (h = 0 chooses DefaultStep), and ErrShape if len(dst) != len(x).
func GradientTo(dst []float64, f Func, x []float64, h float64) error {
	return gradientTo("gradient", dst, f, x, h)
}

func gradientTo(op string, dst []float64, f Func, x []float64, h float64) error {
	x = fresh(x, spanOf(dst))
	if f == nil {
		return missingFunc(op)
	}
	h, err := checkStep(op, h, DefaultStep)
	if err != nil {
		return err
	}
	if len(dst) != len(x) {
		return shapeErr(op, "dst has length %d, x has length %d", len(dst), len(x))
	}
	p := append([]float64(nil), x...)
	for i, xi := range x {
		p[i] = xi + h
		fp, err := f(p)
		if err != nil {
			return callbackErr(op, err)
		}
		p[i] = xi - h
		fm, err := f(p)
		if err != nil {
			return callbackErr(op, err)
		}
		p[i] = xi
		dst[i] = (fp - fm) / (2 * h)
	}
	return nil
}

// Jacobian returns the m×n central-difference Jacobian of f: ℝⁿ → ℝᵐ at x.
//
//	J[r][i] = ∂fᵣ/∂xᵢ ≈ (fᵣ(x + h·eᵢ) − fᵣ(x − h·eᵢ)) / (2h)
//
// f is called first at x, to learn m = len(f(x)), then at x + h·eᵢ and
// x − h·eᵢ for i = 0, …, n−1. Each row is the gradient of one output.
//
// It returns ErrInvalid if f is nil or if h is negative, NaN or infinite
// (h = 0 chooses DefaultStep), and ErrShape if f returns a slice of another length than f(x) at some point.
func Jacobian(f func([]float64) []float64, x []float64, h float64) (Matrix, error) {
	return JacobianErr(plainVec(f), x, h)
}

// JacobianErr is Jacobian for a function that may fail.
func JacobianErr(f VecFunc, x []float64, h float64) (Matrix, error) {
	if f == nil {
		return Matrix{}, missingFunc("jacobian")
	}
	if _, err := checkStep("jacobian", h, DefaultStep); err != nil {
		return Matrix{}, err
	}
	y, err := f(x)
	if err != nil {
		return Matrix{}, callbackErr("jacobian", err)
	}
	dst, err := newResult("jacobian", len(y), len(x))
	if err != nil {
		return Matrix{}, err
	}
	return filledMatrix(dst, func(dst Matrix) error { return JacobianTo(dst, f, x, h) })
}

// JacobianTo writes the central-difference Jacobian of f at x into dst,
// whose row count is m, the length of every value of f. Unlike Jacobian it
// does not call f at x itself: f is called only at the 2n points x ± h·eᵢ.
// f may be nil when x is empty (it is then never called). It returns
// ErrInvalid if h is negative, NaN or infinite (h = 0 chooses DefaultStep), or if f is nil and x is not
// empty, and ErrShape if dst does not have len(x) columns or f returns other
// than dst.Rows values.
func JacobianTo(dst Matrix, f VecFunc, x []float64, h float64) error {
	x = fresh(x, spanOf(dst.Data))
	const op = "jacobian"
	h, err := checkStep(op, h, DefaultStep)
	if err != nil {
		return err
	}
	// With no variables f is never called, and may be nil: the C library
	// checks h that way before it calls f itself.
	if f == nil && len(x) > 0 {
		return missingFunc(op)
	}
	if err := dst.check(op, "dst"); err != nil {
		return err
	}
	m, n := dst.Rows, len(x)
	if dst.Cols != n {
		return shapeErr(op, "dst has %d columns, x has length %d", dst.Cols, n)
	}
	p := append([]float64(nil), x...)
	plus := make([]float64, m)
	for i, xi := range x {
		p[i] = xi + h
		yp, err := f(p)
		if err != nil {
			return callbackErr(op, err)
		}
		if len(yp) != m {
			return shapeErr(op, "f returned %d values, f(x) has %d", len(yp), m)
		}
		copy(plus, yp) // f may reuse its buffer for the next value
		p[i] = xi - h
		ym, err := f(p)
		if err != nil {
			return callbackErr(op, err)
		}
		if len(ym) != m {
			return shapeErr(op, "f returned %d values, f(x) has %d", len(ym), m)
		}
		p[i] = xi
		for r := 0; r < m; r++ {
			dst.Data[r*n+i] = (plus[r] - ym[r]) / (2 * h)
		}
	}
	return nil
}

// Hessian returns the n×n central-difference Hessian of f at x, the matrix
// of second partial derivatives.
//
//	H[i][i] ≈ (f(x + h·eᵢ) − 2·f(x) + f(x − h·eᵢ)) / h²
//	H[i][j] ≈ (f(x + h·eᵢ + h·eⱼ) − f(x + h·eᵢ − h·eⱼ)
//	          − f(x − h·eᵢ + h·eⱼ) + f(x − h·eᵢ − h·eⱼ)) / (4h²)   (i < j)
//
// H[j][i] is H[i][j], so the result is exactly symmetric. The truncation
// error is O(h²·|f””|) and rounding adds about ε·|f|/h², so the default
// step is larger than the gradient's: DefaultHessianStep (1e-4). f is called
// 2n² + 1 times: at x, then for each i the two diagonal points and, for each
// j > i, the four corner points in the order written above.
//
// It returns ErrInvalid if f is nil or if h is negative, NaN or infinite;
// h = 0 chooses the default step.
func Hessian(f func([]float64) float64, x []float64, h float64) (Matrix, error) {
	return HessianErr(plain(f), x, h)
}

// HessianErr is Hessian for a function that may fail.
func HessianErr(f Func, x []float64, h float64) (Matrix, error) {
	if f == nil {
		return Matrix{}, missingFunc("hessian")
	}
	if _, err := checkStep("hessian", h, DefaultHessianStep); err != nil {
		return Matrix{}, err
	}
	dst, err := newResult("hessian", len(x), len(x))
	if err != nil {
		return Matrix{}, err
	}
	return filledMatrix(dst, func(dst Matrix) error { return HessianTo(dst, f, x, h) })
}

// HessianTo writes the central-difference Hessian of f at x into the n×n
// matrix dst. It returns ErrInvalid if h is negative, NaN or infinite (h = 0
// chooses DefaultHessianStep), and ErrShape if dst is not n×n.
func HessianTo(dst Matrix, f Func, x []float64, h float64) error {
	return hessianTo("hessian", dst, f, x, h)
}

func hessianTo(op string, dst Matrix, f Func, x []float64, h float64) error {
	x = fresh(x, spanOf(dst.Data))
	if f == nil {
		return missingFunc(op)
	}
	h, err := checkStep(op, h, DefaultHessianStep)
	if err != nil {
		return err
	}
	n := len(x)
	if err := dst.want(op, "dst", n, n); err != nil {
		return err
	}
	p := append([]float64(nil), x...)
	err = nil
	call := func() float64 {
		if err != nil {
			return 0
		}
		var v float64
		v, err = f(p)
		return v
	}
	f0 := call()
	for i := 0; i < n && err == nil; i++ {
		xi := x[i]
		p[i] = xi + h
		fp := call()
		p[i] = xi - h
		fm := call()
		p[i] = xi
		dst.Data[i*n+i] = (fp - float64(2*f0) + fm) / (h * h) // 2·f0 never fused: it may overflow
		for j := i + 1; j < n && err == nil; j++ {
			xj := x[j]
			p[i], p[j] = xi+h, xj+h
			fpp := call()
			p[j] = xj - h
			fpm := call()
			p[i], p[j] = xi-h, xj+h
			fmp := call()
			p[j] = xj - h
			fmm := call()
			p[i], p[j] = xi, xj
			v := (fpp - fpm - fmp + fmm) / (4 * h * h)
			dst.Data[i*n+j], dst.Data[j*n+i] = v, v
		}
	}
	if err != nil {
		return callbackErr(op, err)
	}
	return nil
}

// Taylor returns the value at x of the Taylor expansion of f of the given
// order (0, 1 or 2) around x0, with d = x − x0:
//
//	order 0:  f(x0)
//	order 1:  f(x0) + ∇f(x0)·d
//	order 2:  f(x0) + ∇f(x0)·d + ½·dᵀ·H(x0)·d
//
// The gradient and the Hessian are the central differences of Gradient and
// Hessian with their default steps (1e-5 and 1e-4). f is called at x0, then
// as Gradient calls it (order ≥ 1), then as Hessian does (order 2).
//
// It returns ErrShape if len(x0) != len(x) and ErrInvalid if order is not
// 0, 1 or 2.
func Taylor(f func([]float64) float64, x0, x []float64, order int) (float64, error) {
	return TaylorErr(plain(f), x0, x, order)
}

// TaylorErr is Taylor for a function that may fail.
func TaylorErr(f Func, x0, x []float64, order int) (float64, error) {
	const op = "taylor"
	if f == nil {
		return 0, missingFunc(op)
	}
	n := len(x0)
	if len(x) != n {
		return 0, shapeErr(op, "x0 has length %d, x has length %d", n, len(x))
	}
	if order < 0 || order > 2 {
		return 0, invalidErr(op, "order must be 0, 1 or 2, got %d", order)
	}
	p := append([]float64(nil), x0...)
	value, err := f(p)
	if err != nil || order == 0 {
		if err != nil {
			return 0, callbackErr(op, err)
		}
		return value, nil
	}
	d := make([]float64, n)
	for i := range d {
		d[i] = x[i] - x0[i]
	}
	g := make([]float64, n)
	if err := gradientTo(op, g, f, x0, DefaultStep); err != nil {
		return 0, err
	}
	value += dot(g, d)
	if order == 1 {
		return value, nil
	}
	hess, err := newResult(op, n, n)
	if err != nil {
		return 0, err
	}
	if err := hessianTo(op, hess, f, x0, DefaultHessianStep); err != nil {
		return 0, err
	}
	hd := make([]float64, n)
	for i := range hd {
		hd[i] = dot(hess.Row(i), d)
	}
	return value + 0.5*dot(d, hd), nil
}

// GradientDescentOptions holds the settings of GradientDescent. The zero
// value is the default run: LearningRate 0.01, MaxIter 1000, Tol 1e-6, and
// only the last iterate kept.
type GradientDescentOptions struct {
	// LearningRate is the step size; 0 means DefaultLearningRate (0.01).
	LearningRate float64
	// MaxIter bounds the number of updates; 0 means DefaultMaxIter (1000).
	MaxIter int
	// Tol stops the run when the norm of the gradient just used is below
	// it; 0 means DefaultTol (1e-6).
	Tol float64
	// KeepHistory asks for every iterate in the history matrix; without it
	// the history is the zero Matrix and the run keeps one iterate at a time.
	KeepHistory bool
	// Literal takes LearningRate, MaxIter and Tol as given, zero included
	// (a zero rate, no update, or no early stop), as the C library does
	// for the Python API's arguments.
	Literal bool
}

// resolve returns the rate, iteration bound and tolerance o stands for.
func (o GradientDescentOptions) resolve() (float64, int, float64) {
	lr, n, tol := o.LearningRate, o.MaxIter, o.Tol
	if !o.Literal {
		if lr == 0 {
			lr = DefaultLearningRate
		}
		if n == 0 {
			n = DefaultMaxIter
		}
		if tol == 0 {
			tol = DefaultTol
		}
	}
	return lr, n, tol
}

// GradientDescent minimises f from x0 by steps against the gradient and
// returns the last iterate and, when opts.KeepHistory is set, the history:
// row 0 is x0, row k the k-th iterate.
//
//	x ← x − learningRate·∇f(x)
//
// After each update it stops when the Euclidean norm of the gradient just
// used is below tol, and in any case after maxIter updates (learningRate,
// maxIter and tol are those of opts, see GradientDescentOptions). grad
// computes ∇f; when it is nil the central-difference Gradient of f
// (h = 1e-5) stands in, and f is used for nothing else. For f(x) = x²,
// x0 = 5 and a rate of 0.1, each step multiplies x by 0.8: ten steps give
// 5·0.8¹⁰ = 0.536870912.
//
// It returns ErrInvalid if learningRate is negative or not finite, maxIter
// is negative or above MaxLen, tol is negative or NaN, or both f and grad
// are nil; ErrShape if grad returns a slice of another length than x0. The
// messages name grad, learningRate and maxIter by their shared names grad_f,
// learning_rate and max_iter.
func GradientDescent(f func([]float64) float64, grad func([]float64) []float64, x0 []float64, opts GradientDescentOptions) (x []float64, history Matrix, err error) {
	return GradientDescentErr(plain(f), plainVec(grad), x0, opts)
}

// GradientDescentErr is GradientDescent for functions that may fail.
func GradientDescentErr(f Func, grad VecFunc, x0 []float64, opts GradientDescentOptions) (x []float64, history Matrix, err error) {
	return gradientDescentOpts(nil, f, grad, x0, opts)
}

// gradientDescentOpts is GradientDescentErr stopping with the error of cc.
func gradientDescentOpts(cc *canceller, f Func, grad VecFunc, x0 []float64, opts GradientDescentOptions) (x []float64, history Matrix, err error) {
	lr, maxIter, tol := opts.resolve()
	if opts.KeepHistory {
		return gradientDescent(cc, f, grad, x0, lr, maxIter, tol)
	}
	if err := checkDescent(f, grad, lr, maxIter, tol); err != nil {
		return nil, Matrix{}, err
	}
	// Two rows, reused: each call makes one update from row 0 into row 1,
	// exactly as the run with a full history does.
	n := len(x0)
	pair := NewMatrix(2, n)
	x = append([]float64(nil), x0...)
	for left := maxIter; left > 0; left-- {
		rows, stopped, err := gradientDescentTo(cc, pair, f, grad, x, lr, left, tol)
		if err != nil {
			return nil, Matrix{}, err
		}
		copy(x, pair.Row(rows-1))
		if stopped {
			break
		}
	}
	return x, Matrix{}, nil
}

func gradientDescent(cc *canceller, f Func, grad VecFunc, x0 []float64, learningRate float64, maxIter int, tol float64) (x []float64, history Matrix, err error) {
	if err := checkDescent(f, grad, learningRate, maxIter, tol); err != nil {
		return nil, Matrix{}, err
	}
	n := len(x0)
	// The history grows in chunks that double: the run may stop long
	// before maxIter. Each chunk continues from the last row of the one
	// before, which GradientDescentTo makes exact.
	history = Matrix{Cols: n}
	start, left := x0, maxIter
	for {
		chunk := NewMatrix(min(left, max(64, history.Rows))+1, n)
		rows, stopped, err := gradientDescentTo(cc, chunk, f, grad, start, learningRate, left, tol)
		if err != nil {
			return nil, Matrix{}, err
		}
		skip := 0
		if history.Rows > 0 {
			skip = 1 // row 0 repeats the last iterate of the chunk before
		}
		history.Data = append(history.Data, chunk.Data[skip*n:rows*n]...)
		history.Rows += rows - skip
		left -= rows - 1
		if stopped || left == 0 {
			break
		}
		start = chunk.Row(rows - 1)
	}
	return append([]float64(nil), history.Row(history.Rows-1)...), history, nil
}

// checkDescent checks the parameters of gradient descent.
func checkDescent(f Func, grad VecFunc, learningRate float64, maxIter int, tol float64) error {
	const op = "gradient_descent"
	if !(learningRate >= 0) || math.IsInf(learningRate, 1) {
		return invalidErr(op, "learning_rate must be non-negative and finite, got %s", pyFloat(learningRate))
	}
	if maxIter < 0 {
		return invalidErr(op, "max_iter must be non-negative, got %d", maxIter)
	}
	if err := checkCount(op, "max_iter", maxIter); err != nil {
		return err
	}
	if !(tol >= 0) {
		return invalidErr(op, "tol must be non-negative, got %s", pyFloat(tol))
	}
	if f == nil && grad == nil {
		return invalidErr(op, "f and grad_f are both missing")
	}
	return nil
}

// GradientDescentTo runs gradient descent from x0 and writes row 0 = x0 and
// then one row per iterate into history, for at most min(maxIter,
// history.Rows − 1) updates (opts.KeepHistory is implied: history is the
// caller's). It returns the number of rows written and
// whether the stopping rule ended the run (the norm of the gradient just
// used below tol). A run cut short by the size of history continues exactly
// where it stopped when called again with its last row as x0 and the
// remaining count as maxIter.
//
// It returns the errors of GradientDescent, and ErrShape if history does not
// have len(x0) columns or has no row.
func GradientDescentTo(history Matrix, f Func, grad VecFunc, x0 []float64, opts GradientDescentOptions) (rows int, stopped bool, err error) {
	lr, maxIter, tol := opts.resolve()
	return gradientDescentTo(nil, history, f, grad, x0, lr, maxIter, tol)
}

func gradientDescentTo(cc *canceller, history Matrix, f Func, grad VecFunc, x0 []float64, learningRate float64, maxIter int, tol float64) (rows int, stopped bool, err error) {
	x0 = fresh(x0, spanOf(history.Data))
	const op = "gradient_descent"
	n := len(x0)
	if err := checkDescent(f, grad, learningRate, maxIter, tol); err != nil {
		return 0, false, err
	}
	if err := history.check(op, "history"); err != nil {
		return 0, false, err
	}
	if history.Cols != n || history.Rows < 1 {
		return 0, false, shapeErr(op, "history is %dx%d, x0 has length %d", history.Rows, history.Cols, n)
	}
	x := history.Row(0)
	copy(x, x0)
	rows = 1
	var g []float64
	if grad == nil {
		g = make([]float64, n)
	}
	for k := 0; k < maxIter && rows < history.Rows; k++ {
		// Every step, not every checkWork: a step calls the caller's
		// functions, whose cost is unknown.
		if err := cc.err(); err != nil {
			return rows, false, err
		}
		if grad != nil {
			if g, err = grad(x); err != nil {
				return rows, false, callbackErr(op, err)
			}
			if len(g) != n {
				return rows, false, shapeErr(op, "grad_f returned %d values, x0 has %d", len(g), n)
			}
		} else if err := gradientTo(op, g, f, x, DefaultStep); err != nil {
			return rows, false, err
		}
		next := history.Row(rows)
		for i, xi := range x {
			// float64() keeps the product rounded on its own, never fused
			// into a multiply-add, so every platform takes the same steps.
			next[i] = xi - float64(learningRate*g[i])
		}
		rows++
		x = next
		if norm2(g) < tol {
			return rows, true, nil
		}
	}
	return rows, false, nil
}
