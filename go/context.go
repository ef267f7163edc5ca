package twinmath

import (
	"context"
	"errors"
	"fmt"
)

// checkWork is the amount of work, in multiply-adds, between two looks at
// a context in a long loop: about 20 to 60 µs of arithmetic, so a look
// (ctx.Err, tens of nanoseconds) costs under 0.1% and a cancelled context
// stops the loop well within a millisecond of work.
const checkWork = 1 << 16

// A canceller lets the loops of a long operation stop early when the
// context of a …Context function is done. A nil *canceller never stops: the
// functions without a context pass nil, so their loops pay one nil test per
// check. A loop adds its work with
//
//	if err := cc.tick(work); err != nil { return err }
//
// which looks at the context only once checkWork multiply-adds have
// accumulated; tick is for one goroutine, err for any number.
//
// The canceller of a Workspace method also carries the workspace (ws) to
// the scratch allocations of the call; its ctx is then nil when the call
// cannot be cancelled.
type canceller struct {
	ctx    context.Context
	op     string
	work   int
	ws     *Workspace
	single bool // a part of a parallel loop: its products stay on its goroutine
}

// part returns the canceller of one part of a parallel loop of c's call:
// the same context and name, no workspace (a part takes its scratch from
// the pool), its own count of work for tick, and its products on its own
// goroutine (the loop already shares the threads).
func (c *canceller) part() *canceller {
	p := &canceller{single: true}
	if c != nil {
		p.ctx, p.op = c.ctx, c.op
	}
	return p
}

// oneThread reports whether c's products must stay on the calling
// goroutine.
func (c *canceller) oneThread() bool { return c != nil && c.single }

// newCanceller returns the canceller of op under ctx, or nil when ctx can
// never be cancelled.
func newCanceller(ctx context.Context, op string) *canceller {
	if ctx == nil || ctx.Done() == nil {
		return nil
	}
	return &canceller{ctx: ctx, op: op}
}

// tick adds work multiply-adds and, once enough have accumulated, returns
// the wrapped error of a done context.
func (c *canceller) tick(work int) error {
	if c == nil || c.ctx == nil {
		return nil
	}
	c.work += work
	if c.work < checkWork {
		return nil
	}
	c.work = 0
	return c.err()
}

// err returns the context's error, wrapped as "op: context canceled", or
// nil while it is not done. It is safe for concurrent use.
func (c *canceller) err() error {
	if c == nil || c.ctx == nil {
		return nil
	}
	if err := c.ctx.Err(); err != nil {
		return fmt.Errorf("%s: %w", c.op, err)
	}
	return nil
}

// isCancel reports whether err is a canceller's error, which the callers of
// an iteration pass through instead of turning into ErrNoConvergence.
func isCancel(err error) bool {
	return err != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded))
}

// The Context forms of the long operations. Each XContext (and XToContext)
// is X (XTo) that also stops when ctx is done: its loops look at ctx after
// every few tens of microseconds of work, so a cancelled call returns within
// about a millisecond with an error that wraps ctx.Err() (test it with
// errors.Is(err, context.Canceled) or context.DeadlineExceeded) and has the
// text "op: context canceled". The outputs of a …ToContext call that was
// cancelled hold unspecified values. With a context that is never done
// (context.Background()) a Context form is its plain form.

// DetContext is Det, stopping early when ctx is done.
func DetContext(ctx context.Context, a Matrix) (float64, error) {
	return det(newCanceller(ctx, "det"), a)
}

// InvContext is Inv, stopping early when ctx is done.
func InvContext(ctx context.Context, a Matrix) (Matrix, error) {
	return invAlloc(newCanceller(ctx, "inv"), a)
}

// InvToContext is InvTo, stopping early when ctx is done.
func InvToContext(ctx context.Context, dst, a Matrix) error {
	return invTo(newCanceller(ctx, "inv"), dst, a)
}

// SolveContext is Solve, stopping early when ctx is done.
func SolveContext(ctx context.Context, a, b Matrix) (Matrix, error) {
	return solveAlloc(newCanceller(ctx, "solve"), a, b)
}

// SolveToContext is SolveTo, stopping early when ctx is done.
func SolveToContext(ctx context.Context, dst, a, b Matrix) error {
	return solveTo(newCanceller(ctx, "solve"), dst, a, b)
}

// MatmulContext is Matmul, stopping early when ctx is done.
func MatmulContext(ctx context.Context, a, b Matrix) (Matrix, error) {
	return matmulAlloc(newCanceller(ctx, "matmul"), a, b)
}

// MatmulToContext is MatmulTo, stopping early when ctx is done.
func MatmulToContext(ctx context.Context, dst, a, b Matrix) error {
	return matmulTo(newCanceller(ctx, "matmul"), dst, a, b)
}

// LUContext is LU, stopping early when ctx is done.
func LUContext(ctx context.Context, a Matrix) (p, l, u Matrix, err error) {
	return luAlloc(newCanceller(ctx, "lu"), a)
}

// LUToContext is LUTo, stopping early when ctx is done.
func LUToContext(ctx context.Context, p, l, u, a Matrix) error {
	return luTo(newCanceller(ctx, "lu"), p, l, u, a)
}

// QRContext is QR, stopping early when ctx is done.
func QRContext(ctx context.Context, a Matrix) (q, r Matrix, err error) {
	return qrAlloc(newCanceller(ctx, "qr"), a)
}

// QRToContext is QRTo, stopping early when ctx is done.
func QRToContext(ctx context.Context, q, r, a Matrix) error {
	return qrTo(newCanceller(ctx, "qr"), q, r, a)
}

// CholeskyContext is Cholesky, stopping early when ctx is done.
func CholeskyContext(ctx context.Context, a Matrix) (Matrix, error) {
	return choleskyAlloc(newCanceller(ctx, "cholesky"), a)
}

// CholeskyToContext is CholeskyTo, stopping early when ctx is done.
func CholeskyToContext(ctx context.Context, dst, a Matrix) error {
	return choleskyTo(newCanceller(ctx, "cholesky"), dst, a)
}

// SVDContext is SVD, stopping early when ctx is done.
func SVDContext(ctx context.Context, a Matrix) (u Matrix, s []float64, vt Matrix, err error) {
	return svdChecked(newCanceller(ctx, "svd"), a)
}

// SVDToContext is SVDTo, stopping early when ctx is done.
func SVDToContext(ctx context.Context, u Matrix, s []float64, vt Matrix, a Matrix) error {
	return svdTo(newCanceller(ctx, "svd"), u, s, vt, a)
}

// TruncatedSVDContext is TruncatedSVD, stopping early when ctx is done.
func TruncatedSVDContext(ctx context.Context, a Matrix, k int) (uk Matrix, sk []float64, vtk, ak Matrix, err error) {
	return truncatedSVD(newCanceller(ctx, "truncated_svd"), a, k)
}

// TruncatedSVDToContext is TruncatedSVDTo, stopping early when ctx is done.
func TruncatedSVDToContext(ctx context.Context, uk Matrix, sk []float64, vtk, ak, a Matrix, k int) error {
	return truncatedSVDTo(newCanceller(ctx, "truncated_svd"), uk, sk, vtk, ak, a, k)
}

// PinvContext is Pinv, stopping early when ctx is done.
func PinvContext(ctx context.Context, a Matrix, rcond float64) (Matrix, error) {
	return pinvAlloc(newCanceller(ctx, "pinv"), a, rcond)
}

// PinvToContext is PinvTo, stopping early when ctx is done.
func PinvToContext(ctx context.Context, dst, a Matrix, rcond float64) error {
	return pinvTo(newCanceller(ctx, "pinv"), dst, a, rcond)
}

// LstsqContext is Lstsq, stopping early when ctx is done.
func LstsqContext(ctx context.Context, a, b Matrix, rcond float64) (Matrix, error) {
	return lstsqAlloc(newCanceller(ctx, "lstsq"), a, b, rcond)
}

// LstsqToContext is LstsqTo, stopping early when ctx is done.
func LstsqToContext(ctx context.Context, dst, a, b Matrix, rcond float64) error {
	return lstsqTo(newCanceller(ctx, "lstsq"), dst, a, b, rcond)
}

// MatrixRankContext is MatrixRank, stopping early when ctx is done.
func MatrixRankContext(ctx context.Context, a Matrix) (int, error) {
	return matrixRank(newCanceller(ctx, "matrix_rank"), a)
}

// PCAContext is PCA, stopping early when ctx is done.
func PCAContext(ctx context.Context, x Matrix, k int) (components Matrix, explained []float64, projected Matrix, err error) {
	return pcaAlloc(newCanceller(ctx, "pca"), x, k)
}

// PCAToContext is PCATo, stopping early when ctx is done.
func PCAToContext(ctx context.Context, components Matrix, explained []float64, projected, x Matrix, k int) error {
	return pcaTo(newCanceller(ctx, "pca"), components, explained, projected, x, k)
}

// EighContext is Eigh, stopping early when ctx is done.
func EighContext(ctx context.Context, a Matrix) (w []float64, v Matrix, err error) {
	return eighAlloc(newCanceller(ctx, "eigh"), a, false)
}

// EighToContext is EighTo, stopping early when ctx is done.
func EighToContext(ctx context.Context, w []float64, v Matrix, a Matrix) error {
	return eighTo(newCanceller(ctx, "eigh"), w, v, a, false)
}

// EighLowerContext is EighLower, stopping early when ctx is done.
func EighLowerContext(ctx context.Context, a Matrix) (w []float64, v Matrix, err error) {
	return eighAlloc(newCanceller(ctx, "eigh"), a, true)
}

// EighLowerToContext is EighLowerTo, stopping early when ctx is done.
func EighLowerToContext(ctx context.Context, w []float64, v Matrix, a Matrix) error {
	return eighTo(newCanceller(ctx, "eigh"), w, v, a, true)
}

// EigContext is Eig, stopping early when ctx is done.
func EigContext(ctx context.Context, a Matrix) (w []complex128, v ComplexMatrix, err error) {
	return eigAlloc(newCanceller(ctx, "eig"), a)
}

// EigToContext is EigTo, stopping early when ctx is done.
func EigToContext(ctx context.Context, w []complex128, v ComplexMatrix, a Matrix) (allReal bool, err error) {
	return eigTo(newCanceller(ctx, "eig"), w, v, a)
}

// LogisticRegressionContext is LogisticRegression, stopping early when ctx
// is done.
func LogisticRegressionContext(ctx context.Context, X Matrix, y []float64, opts LogisticOptions) (w []float64, b float64, losses []float64, err error) {
	lr, maxIter := opts.resolve()
	return logisticRegression(newCanceller(ctx, "logistic_regression"), X, y, lr, maxIter, opts.L2, opts.L1, opts.Seed)
}

// LogisticRegressionToContext is LogisticRegressionTo, stopping early when
// ctx is done.
func LogisticRegressionToContext(ctx context.Context, w, losses []float64, X Matrix, y []float64, opts LogisticOptions) (float64, error) {
	lr, maxIter := opts.resolve()
	return logisticRegressionTo(newCanceller(ctx, "logistic_regression"), w, losses, X, y, lr, maxIter, opts.L2, opts.L1, opts.Seed)
}

// GradientDescentContext is GradientDescentErr, stopping early when ctx is
// done; it looks at ctx before every step.
func GradientDescentContext(ctx context.Context, f Func, grad VecFunc, x0 []float64, opts GradientDescentOptions) (x []float64, history Matrix, err error) {
	return gradientDescentOpts(newCanceller(ctx, "gradient_descent"), f, grad, x0, opts)
}

// GradientDescentToContext is GradientDescentTo, stopping early when ctx is
// done; it looks at ctx before every step.
func GradientDescentToContext(ctx context.Context, history Matrix, f Func, grad VecFunc, x0 []float64, opts GradientDescentOptions) (rows int, stopped bool, err error) {
	lr, maxIter, tol := opts.resolve()
	return gradientDescentTo(newCanceller(ctx, "gradient_descent"), history, f, grad, x0, lr, maxIter, tol)
}

// SlogdetContext is Slogdet, stopping early when ctx is done.
func SlogdetContext(ctx context.Context, a Matrix) (sign, logAbsDet float64, err error) {
	return slogdet(newCanceller(ctx, "slogdet"), a)
}

// CondContext is Cond, stopping early when ctx is done.
func CondContext(ctx context.Context, a Matrix, p float64) (float64, error) {
	return cond(newCanceller(ctx, "cond"), a, p)
}

// CondFrobeniusContext is CondFrobenius, stopping early when ctx is done.
func CondFrobeniusContext(ctx context.Context, a Matrix) (float64, error) {
	return condByInverse(newCanceller(ctx, "cond"), a, frobeniusNorm)
}

// CondNuclearContext is CondNuclear, stopping early when ctx is done.
func CondNuclearContext(ctx context.Context, a Matrix) (float64, error) {
	return condByInverse(newCanceller(ctx, "cond"), a, nuclearNorm)
}

// NuclearNormContext is NuclearNorm, stopping early when ctx is done.
func NuclearNormContext(ctx context.Context, a Matrix) (float64, error) {
	return nuclearNorm(newCanceller(ctx, "norm"), a)
}

// MatrixNormContext is MatrixNorm, stopping early when ctx is done (only
// ord ±2, which takes the singular values, is long).
func MatrixNormContext(ctx context.Context, a Matrix, ord float64) (float64, error) {
	return matrixNorm(newCanceller(ctx, "norm"), a, ord)
}

// EigvalsContext is Eigvals, stopping early when ctx is done.
func EigvalsContext(ctx context.Context, a Matrix) (w []complex128, allReal bool, err error) {
	return eigvalsAlloc(newCanceller(ctx, "eigvals"), a)
}

// EigvalsToContext is EigvalsTo, stopping early when ctx is done.
func EigvalsToContext(ctx context.Context, w []complex128, a Matrix) (allReal bool, err error) {
	return eigvalsTo(newCanceller(ctx, "eigvals"), w, a)
}

// EigvalshContext is Eigvalsh, stopping early when ctx is done.
func EigvalshContext(ctx context.Context, a Matrix) ([]float64, error) {
	return eigvalshAlloc(newCanceller(ctx, "eigvalsh"), a)
}

// EigvalshToContext is EigvalshTo, stopping early when ctx is done.
func EigvalshToContext(ctx context.Context, w []float64, a Matrix) error {
	return eigvalshTo(newCanceller(ctx, "eigvalsh"), w, a)
}

// SvdvalsContext is Svdvals, stopping early when ctx is done.
func SvdvalsContext(ctx context.Context, a Matrix) ([]float64, error) {
	return svdvalsAlloc(newCanceller(ctx, "svdvals"), a)
}

// SvdvalsToContext is SvdvalsTo, stopping early when ctx is done.
func SvdvalsToContext(ctx context.Context, s []float64, a Matrix) error {
	return svdvalsTo(newCanceller(ctx, "svdvals"), s, a)
}

// MatrixPowerContext is MatrixPower, stopping early when ctx is done.
func MatrixPowerContext(ctx context.Context, a Matrix, n int) (Matrix, error) {
	return matrixPower(newCanceller(ctx, "matrix_power"), a, n)
}

// MatrixPowerToContext is MatrixPowerTo, stopping early when ctx is done.
func MatrixPowerToContext(ctx context.Context, dst, a Matrix, n int) error {
	return matrixPowerTo(newCanceller(ctx, "matrix_power"), dst, a, n)
}

// MultiDotContext is MultiDot, stopping early when ctx is done.
func MultiDotContext(ctx context.Context, ms []Matrix) (Matrix, error) {
	return multiDot(newCanceller(ctx, "multi_dot"), ms)
}

// MultiDotToContext is MultiDotTo, stopping early when ctx is done.
func MultiDotToContext(ctx context.Context, dst Matrix, ms []Matrix) error {
	return multiDotTo(newCanceller(ctx, "multi_dot"), dst, ms)
}

// TensorsolveContext is Tensorsolve, stopping early when ctx is done.
func TensorsolveContext(ctx context.Context, a, b Tensor, axes []int) (Tensor, error) {
	return tensorsolve(newCanceller(ctx, "tensorsolve"), a, b, axes)
}

// TensorinvContext is Tensorinv, stopping early when ctx is done.
func TensorinvContext(ctx context.Context, a Tensor, ind int) (Tensor, error) {
	return tensorinv(newCanceller(ctx, "tensorinv"), a, ind)
}

// TensordotContext is Tensordot, stopping early when ctx is done.
func TensordotContext(ctx context.Context, a, b Tensor, axesA, axesB []int) (Tensor, error) {
	return tensordot(newCanceller(ctx, "tensordot"), a, b, axesA, axesB)
}

// TensordotNContext is TensordotN, stopping early when ctx is done.
func TensordotNContext(ctx context.Context, a, b Tensor, n int) (Tensor, error) {
	return tensordotN(newCanceller(ctx, "tensordot"), a, b, n)
}

// CholeskyUpperContext is CholeskyUpper, stopping early when ctx is done.
func CholeskyUpperContext(ctx context.Context, a Matrix) (Matrix, error) {
	return choleskyUpper(newCanceller(ctx, "cholesky"), a)
}

// EighUpperContext is EighUpper, stopping early when ctx is done.
func EighUpperContext(ctx context.Context, a Matrix) (w []float64, v Matrix, err error) {
	return eighUpper(newCanceller(ctx, "eigh"), a)
}

// MatrixRankTolContext is MatrixRankTol, stopping early when ctx is done.
func MatrixRankTolContext(ctx context.Context, a Matrix, tol float64) (int, error) {
	return matrixRankTol(newCanceller(ctx, "matrix_rank"), a, tol)
}

// MatrixRankRtolContext is MatrixRankRtol, stopping early when ctx is done.
func MatrixRankRtolContext(ctx context.Context, a Matrix, rtol float64) (int, error) {
	return matrixRankRtol(newCanceller(ctx, "matrix_rank"), a, rtol)
}

// LstsqFullContext is LstsqFull, stopping early when ctx is done.
func LstsqFullContext(ctx context.Context, a, b Matrix, rcond float64) (LstsqResult, error) {
	return lstsqFull(newCanceller(ctx, "lstsq"), a, b, rcond)
}

// SVDValuesContext is SVDValues, stopping early when ctx is done.
func SVDValuesContext(ctx context.Context, a Matrix) ([]float64, error) {
	if err := a.finiteMatrix("svd", "A"); err != nil {
		return nil, err
	}
	_, s, _, err := svd(newCanceller(ctx, "svd"), "svd", a, false)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// CovarianceContext is Covariance, stopping early when ctx is done.
func CovarianceContext(ctx context.Context, x Matrix, ddof int) (Matrix, error) {
	return covariance(newCanceller(ctx, "covariance"), x, ddof)
}

// CovarianceToContext is CovarianceTo, stopping early when ctx is done.
func CovarianceToContext(ctx context.Context, dst, x Matrix, ddof int) error {
	return covarianceTo(newCanceller(ctx, "covariance"), dst, x, ddof)
}

// ForwardPassContext is ForwardPass, stopping early when ctx is done.
func ForwardPassContext(ctx context.Context, x, w1 Matrix, b1 []float64, w2 Matrix, b2 []float64) (ForwardPassResult, error) {
	return forwardPass(newCanceller(ctx, "forward_pass"), x, w1, b1, w2, b2)
}

// ForwardPassToContext is ForwardPassTo, stopping early when ctx is done.
func ForwardPassToContext(ctx context.Context, dst ForwardPassResult, x, w1 Matrix, b1 []float64, w2 Matrix, b2 []float64) error {
	return forwardPassTo(newCanceller(ctx, "forward_pass"), dst, x, w1, b1, w2, b2)
}

// BackwardPassContext is BackwardPass, stopping early when ctx is done.
func BackwardPassContext(ctx context.Context, x, y Matrix, fwd ForwardPassResult, w1, w2 Matrix) (BackwardPassResult, error) {
	return backwardPass(newCanceller(ctx, "backward_pass"), x, y, fwd, w1, w2)
}

// BackwardPassToContext is BackwardPassTo, stopping early when ctx is done.
func BackwardPassToContext(ctx context.Context, dst BackwardPassResult, x, y Matrix, fwd ForwardPassResult, w1, w2 Matrix) error {
	return backwardPassTo(newCanceller(ctx, "backward_pass"), dst, x, y, fwd.A1, fwd.A2, fwd.Z1, fwd.Z2, w1, w2)
}
