package twinmath

import (
	"context"
	"sync"
)

// A Stack is Count matrices of Rows×Cols float64 values, each stored row by
// row, the i-th at Data[i*Stride:]: the layout of a C-contiguous numpy array
// of shape (Count, Rows, Cols) when Stride = Rows·Cols. Stride may exceed
// Rows·Cols (a gap after each matrix), never fall short of it. The batched
// operations (…Stack functions) take and return stacks; they read their
// inputs and never modify them.
type Stack struct {
	Count, Rows, Cols, Stride int
	Data                      []float64
}

// NewStack returns a stack of count zero rows×cols matrices, packed (Stride
// = rows·cols), or ErrInvalid if a count is negative or the stack would hold
// more than MaxLen values.
func NewStack(count, rows, cols int) (Stack, error) {
	s := Stack{Count: count, Rows: rows, Cols: cols}
	n, ok := stackLen(count, rows, cols)
	if !ok {
		return Stack{}, invalidErr("NewStack", "%d matrices of %dx%d would be more than %d values", count, rows, cols, MaxLen)
	}
	s.Stride = rows * cols
	s.Data = make([]float64, n)
	return s, nil
}

// StackOf packs the matrices ms, which must all have the same shape, into a
// new stack. An empty ms gives a stack of no 0×0 matrices.
func StackOf(ms ...Matrix) (Stack, error) {
	if len(ms) == 0 {
		return Stack{}, nil
	}
	for i, m := range ms {
		if err := m.check("StackOf", "matrix"); err != nil {
			return Stack{}, err
		}
		if m.Rows != ms[0].Rows || m.Cols != ms[0].Cols {
			return Stack{}, shapeErr("StackOf", "matrix %d is %dx%d, matrix 0 is %dx%d", i, m.Rows, m.Cols, ms[0].Rows, ms[0].Cols)
		}
	}
	s, err := NewStack(len(ms), ms[0].Rows, ms[0].Cols)
	if err != nil {
		return Stack{}, err
	}
	for i, m := range ms {
		copy(s.Data[i*s.Stride:], m.Data)
	}
	return s, nil
}

// At returns the i-th matrix of s, a view that shares s's memory (writing to
// it writes to s). It panics if i is out of range, as indexing does.
func (s Stack) At(i int) Matrix {
	if i < 0 || i >= s.Count {
		panic("twinmath: Stack.At index out of range")
	}
	n := s.Rows * s.Cols
	return Matrix{Rows: s.Rows, Cols: s.Cols, Data: s.Data[i*s.Stride : i*s.Stride+n : i*s.Stride+n]}
}

// stackLen returns the number of values count packed rows×cols matrices
// take, and false if a count is negative or that exceeds MaxLen. It never
// overflows.
func stackLen(count, rows, cols int) (int, bool) {
	n, ok := mulLen(rows, cols)
	if !ok {
		return 0, false
	}
	return mulLen(count, n)
}

// check returns ErrShape unless s is a consistent stack: counts not
// negative, Stride ≥ Rows·Cols and Data long enough for the last matrix;
// and ErrInvalid if a count exceeds MaxLen. All products are checked before
// they are formed, so no count can wrap around.
func (s Stack) check(op, name string) error {
	if s.Count < 0 || s.Rows < 0 || s.Cols < 0 || s.Stride < 0 {
		return shapeErr(op, "%s is %d matrices of %dx%d with stride %d", name, s.Count, s.Rows, s.Cols, s.Stride)
	}
	n, ok := mulLen(s.Rows, s.Cols)
	if !ok || s.Count > MaxLen || s.Stride > MaxLen {
		return invalidErr(op, "%s is %d matrices of %dx%d, more than %d values", name, s.Count, s.Rows, s.Cols, MaxLen)
	}
	if s.Stride < n {
		return shapeErr(op, "%s has stride %d, less than its %dx%d matrices", name, s.Stride, s.Rows, s.Cols)
	}
	if s.Count == 0 {
		return nil
	}
	span, ok := mulLen(s.Count-1, s.Stride)
	if !ok || span > MaxLen-n {
		return invalidErr(op, "%s spans more than %d values", name, MaxLen)
	}
	if len(s.Data) < span+n {
		return shapeErr(op, "%s needs %d values, holds %d", name, span+n, len(s.Data))
	}
	return nil
}

// stackErr tags the error of one matrix of a stack with its index, keeping
// its kind (errors.Is still sees ErrSingular, ErrShape, context.Canceled...).
type stackErr struct {
	index int
	err   error
}

func (e *stackErr) Error() string {
	return e.err.Error() + " (matrix " + itoa(e.index) + " of the stack)"
}
func (e *stackErr) Unwrap() error { return e.err }

// itoa formats a non-negative int without fmt.
func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	p := len(b)
	for ; i > 0; i /= 10 {
		p--
		b[p] = byte('0' + i%10)
	}
	return string(b[p:])
}

// StackIndex returns the index of the matrix of a stack whose failure err
// reports, and false if err is not the error of one matrix of a stack.
func StackIndex(err error) (int, bool) {
	for err != nil {
		if e, ok := err.(*stackErr); ok {
			return e.index, true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return 0, false
		}
		err = u.Unwrap()
	}
	return 0, false
}

// runStack runs f(cc, i) for every i in [0, count), spread over at most
// MaxThreads goroutines in contiguous blocks of indices. work is the
// multiply-adds of one f, for the context checks: the runner ticks the
// canceller with it before each f (each goroutine has a canceller of its
// own, looking at the same context), so even an f that never looks at cc
// stops within checkWork multiply-adds of a cancellation. An f of less work
// than that gets a nil cc (its own looks at the context would cost more
// than its arithmetic); a longer f ticks cc itself.
//
// The result is that of the lowest index that failed, whatever the number
// of threads: each block runs its indices in order and stops at its first
// failure, and a block only stops early for a failure at a lower index, so
// the lowest failing index is always reached. Each f writes only its own
// outputs, so the values do not depend on the split either.
//
// This is the runner every …Stack operation is built on: validate the
// stacks, allocate the outputs, then runStack with an f that computes
// matrix i with the single-matrix code on views (Stack.At).
func runStack(cc *canceller, count, work int, f func(cc *canceller, i int) error) error {
	return runStackWork(cc, count, work, func(w *stackWorker, i int) error { return f(w.cc, i) })
}

// runStackScratch is runStack with each matrix's f on its worker's
// Workspace (stackWorker.call): after the first matrix, the scratch of a
// decomposition is reused instead of allocated, with the workspace forms'
// bits. op names the call in a cancellation's error.
func runStackScratch(cc *canceller, op string, count, work int, f func(cc *canceller, i int) error) error {
	return runStackWork(cc, count, work, func(w *stackWorker, i int) error {
		return w.call(op, func(cc *canceller) error { return f(cc, i) })
	})
}

// A stackWorker is one goroutine of runStackWork: the canceller its f
// receives and buffers its f may reuse from one matrix to the next.
type stackWorker struct {
	cc *canceller
	lu luWork
	ws *Workspace // from scratchPool on the first call, back to it by done
}

// call runs f on one matrix with the worker's Workspace for its scratch (the
// workspace forms' bits): after the first matrix, small ones allocate
// nothing. f's canceller looks at w.cc's context, if any.
func (w *stackWorker) call(op string, f func(cc *canceller) error) error {
	var ctx context.Context
	if w.cc != nil {
		ctx = w.cc.ctx
	}
	if w.ws == nil {
		w.ws = scratchPool.Get().(*Workspace)
	}
	err := f(w.ws.begin(ctx, op))
	w.ws.end()
	return err
}

// done returns the worker's Workspace, if it took one, to the pool, for the
// next call's workers.
func (w *stackWorker) done() {
	if w.ws != nil {
		scratchPool.Put(w.ws)
		w.ws = nil
	}
}

// runStackWork is runStack handing f the worker that runs it, whose
// buffers (w.lu) spare each matrix its allocations.
func runStackWork(cc *canceller, count, work int, f func(w *stackWorker, i int) error) error {
	if count == 0 {
		return nil
	}
	threads := min(MaxThreads(), count)
	// Few small matrices do not pay for goroutines (about a microsecond each).
	if total, ok := mulLen(count, max(work, 1)); ok && total < 1<<14 {
		threads = 1
	}
	worker := func(c *canceller) *stackWorker {
		w := &stackWorker{cc: c}
		if work < checkWork {
			w.cc = nil
		}
		return w
	}
	if threads <= 1 {
		w := worker(cc)
		defer w.done()
		for i := 0; i < count; i++ {
			if err := cc.tick(work); err != nil {
				return err
			}
			if err := f(w, i); err != nil {
				return wrapStack(i, err)
			}
		}
		return nil
	}
	var (
		mu     sync.Mutex
		first  = count // lowest failing index so far
		firstE error
	)
	failedBelow := func(i int) bool {
		mu.Lock()
		defer mu.Unlock()
		return first < i
	}
	// One part per thread, shared through forBlocks: the caller works on
	// the first part instead of sleeping until the others are done.
	block := (count + threads - 1) / threads
	parts := (count + block - 1) / block
	forBlocks(parts, threads, func(k int) {
		lo, hi := k*block, min((k+1)*block, count)
		var c *canceller
		if cc != nil {
			c = &canceller{ctx: cc.ctx, op: cc.op}
		}
		w := worker(c)
		defer w.done()
		for i := lo; i < hi; i++ {
			if i&63 == 0 && failedBelow(i) {
				return
			}
			err := c.tick(work)
			if err == nil {
				err = f(w, i)
			}
			if err != nil {
				mu.Lock()
				if i < first {
					first, firstE = i, err
				}
				mu.Unlock()
				return
			}
		}
	})
	if firstE != nil {
		return wrapStack(first, firstE)
	}
	return nil
}

// wrapStack tags err with the index i, except a cancellation, which is the
// whole call's and keeps the text "op: context canceled".
func wrapStack(i int, err error) error {
	if isCancel(err) {
		return err
	}
	return &stackErr{index: i, err: err}
}

// fresh returns s, or s with a copy of its values if they overlap any of
// outs: a …StackTo call may write over its inputs, and its goroutines must
// not read a matrix another one is writing.
func (s Stack) fresh(outs ...span) Stack {
	s.Data = fresh(s.Data, outs...)
	return s
}

// want returns ErrShape unless s is a consistent stack of count rows×cols
// matrices.
func (s Stack) want(op, name string, count, rows, cols int) error {
	if err := s.check(op, name); err != nil {
		return err
	}
	if s.Count != count || s.Rows != rows || s.Cols != cols {
		return shapeErr(op, "%s is %d matrices of %dx%d, want %d of %dx%d", name, s.Count, s.Rows, s.Cols, count, rows, cols)
	}
	return nil
}

// filledStack returns a new stack of count rows×cols matrices written by
// fill, the allocating form of an operation whose To form is fill; on an
// error of NewStack or fill it returns that error and no stack.
func filledStack(count, rows, cols int, fill func(dst Stack) error) (Stack, error) {
	dst, err := NewStack(count, rows, cols)
	if err != nil {
		return Stack{}, err
	}
	if err := fill(dst); err != nil {
		return Stack{}, err
	}
	return dst, nil
}

// valuesDst returns dst, the slice of one value per matrix of a stack of
// count matrices for op, or a new one when dst is nil. It returns ErrShape
// if dst has another length.
func valuesDst[T any](op string, dst []T, count int) ([]T, error) {
	if dst == nil {
		return make([]T, count), nil
	}
	if len(dst) != count {
		return nil, shapeErr(op, "dst has %d values, want %d", len(dst), count)
	}
	return dst, nil
}

// pairCount returns the number of matrices of an operation on the pairs
// (a.At(i), b.At(i)): the common count, or the other's count when one stack
// holds a single matrix, which then pairs with every matrix of the other
// (numpy's broadcasting of a leading dimension of 1). Other counts are
// ErrShape.
func pairCount(op string, a, b Stack) (int, error) {
	switch {
	case a.Count == b.Count || b.Count == 1:
		return a.Count, nil
	case a.Count == 1:
		return b.Count, nil
	}
	return 0, shapeErr(op, "stacks of %d and %d matrices", a.Count, b.Count)
}

// pick returns the matrix of s paired with the i-th of a broadcast pair.
func (s Stack) pick(i int) Matrix {
	if s.Count == 1 {
		return s.At(0)
	}
	return s.At(i)
}

// ---- det, slogdet ---------------------------------------------------------

// DetStack returns the determinants of the square matrices of a, each as
// Det computes it: out[i] = det(a.At(i)); a 0×0 matrix has determinant 1.
// An error names the first matrix (in index order) that failed, whatever the
// number of threads: its text ends in "(matrix i of the stack)" and
// StackIndex recovers i. It returns ErrShape if the matrices are not square
// and ErrInvalid if one holds NaN or Inf.
func DetStack(a Stack) ([]float64, error) {
	return detStack(nil, a, nil)
}

// DetStackTo is DetStack writing the determinants to dst, of length
// a.Count.
func DetStackTo(dst []float64, a Stack) error {
	_, err := detStack(nil, a, dst)
	return err
}

// DetStackContext is DetStack, stopping early when ctx is done.
func DetStackContext(ctx context.Context, a Stack) ([]float64, error) {
	return detStack(newCanceller(ctx, "det"), a, nil)
}

// DetStackToContext is DetStackTo, stopping early when ctx is done.
func DetStackToContext(ctx context.Context, dst []float64, a Stack) error {
	_, err := detStack(newCanceller(ctx, "det"), a, dst)
	return err
}

func detStack(cc *canceller, a Stack, dst []float64) ([]float64, error) {
	if err := squareStack("det", "A", a); err != nil {
		return nil, err
	}
	dst, err := valuesDst("det", dst, a.Count)
	if err != nil {
		return nil, err
	}
	n := a.Rows
	err = runStackWork(cc, a.Count, n*n*n/3+1, func(w *stackWorker, i int) error {
		d, err := detWork(w.cc, a.At(i), &w.lu)
		dst[i] = d
		return err
	})
	if err != nil {
		return nil, err
	}
	return dst, nil
}

// SlogdetStack returns the signs and the logarithms of the absolute
// determinants of the square matrices of a, each as Slogdet computes them.
// Errors are those of Slogdet, naming the first failing matrix as DetStack
// does.
func SlogdetStack(a Stack) (sign, logAbsDet []float64, err error) {
	return slogdetStack(nil, a, nil, nil)
}

// SlogdetStackTo is SlogdetStack writing to sign and logAbsDet, each of
// length a.Count.
func SlogdetStackTo(sign, logAbsDet []float64, a Stack) error {
	_, _, err := slogdetStack(nil, a, sign, logAbsDet)
	return err
}

// SlogdetStackContext is SlogdetStack, stopping early when ctx is done.
func SlogdetStackContext(ctx context.Context, a Stack) (sign, logAbsDet []float64, err error) {
	return slogdetStack(newCanceller(ctx, "slogdet"), a, nil, nil)
}

// SlogdetStackToContext is SlogdetStackTo, stopping early when ctx is done.
func SlogdetStackToContext(ctx context.Context, sign, logAbsDet []float64, a Stack) error {
	_, _, err := slogdetStack(newCanceller(ctx, "slogdet"), a, sign, logAbsDet)
	return err
}

func slogdetStack(cc *canceller, a Stack, sign, logAbsDet []float64) ([]float64, []float64, error) {
	if err := squareStack("slogdet", "a", a); err != nil {
		return nil, nil, err
	}
	if sign == nil && logAbsDet == nil {
		sign, logAbsDet = make([]float64, a.Count), make([]float64, a.Count)
	} else if len(sign) != a.Count || len(logAbsDet) != a.Count {
		return nil, nil, shapeErr("slogdet", "sign and logAbsDet have %d and %d values, want %d", len(sign), len(logAbsDet), a.Count)
	}
	n := a.Rows
	err := runStackScratch(cc, "slogdet", a.Count, n*n*n/3+1, func(cc *canceller, i int) error {
		var err error
		sign[i], logAbsDet[i], err = slogdet(cc, a.At(i)) // the runner ticks cc
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return sign, logAbsDet, nil
}

// ---- inv, solve -----------------------------------------------------------

// InvStack returns the inverses of the square matrices of a, each as Inv
// computes it, packed in a new stack; a 0×0 matrix has the 0×0 inverse. A
// singular matrix is ErrSingular naming the first one (in index order),
// whatever the number of threads, as DetStack names a failure.
func InvStack(a Stack) (Stack, error) {
	return invStackAlloc(nil, a)
}

// InvStackTo writes the inverses of the matrices of a into dst, a stack of
// a.Count matrices of a's shape, which may share memory with a; see
// InvStack.
func InvStackTo(dst, a Stack) error {
	return invStackTo(nil, dst, a)
}

// InvStackContext is InvStack, stopping early when ctx is done.
func InvStackContext(ctx context.Context, a Stack) (Stack, error) {
	return invStackAlloc(newCanceller(ctx, "inv"), a)
}

// InvStackToContext is InvStackTo, stopping early when ctx is done.
func InvStackToContext(ctx context.Context, dst, a Stack) error {
	return invStackTo(newCanceller(ctx, "inv"), dst, a)
}

func invStackAlloc(cc *canceller, a Stack) (Stack, error) {
	if err := squareStack("inv", "A", a); err != nil {
		return Stack{}, err
	}
	return filledStack(a.Count, a.Rows, a.Cols, func(dst Stack) error { return invStackTo(cc, dst, a) })
}

func invStackTo(cc *canceller, dst, a Stack) error {
	a, err := squareInto("inv", "A", a, "dst", dst)
	if err != nil {
		return err
	}
	n := a.Rows
	return runStackWork(cc, a.Count, n*n*n+1, func(w *stackWorker, i int) error {
		return w.call("inv", func(cc *canceller) error { return invToWork(cc, dst.At(i), a.At(i), &w.lu) })
	})
}

// SolveStack returns the solutions X_i of A_i·X_i = B_i for the square
// matrices A_i of a and the n×k matrices B_i of b, each as Solve computes
// it, packed in a new stack. a and b hold the same number of matrices, or
// one of them a single matrix, which every matrix of the other pairs with.
// It returns ErrShape if the matrices of a are not square, those of b do
// not have as many rows or the counts do not pair; a failure of one pair
// (ErrInvalid, ErrSingular) names its index as DetStack does.
func SolveStack(a, b Stack) (Stack, error) {
	return solveStackAlloc(nil, a, b)
}

// SolveStackTo writes the solutions of the pairs of a and b into dst, a
// stack of matrices shaped as b's, as many as the pairs, which may share
// memory with a or b; see SolveStack.
func SolveStackTo(dst, a, b Stack) error {
	return solveStackTo(nil, dst, a, b)
}

// SolveStackContext is SolveStack, stopping early when ctx is done.
func SolveStackContext(ctx context.Context, a, b Stack) (Stack, error) {
	return solveStackAlloc(newCanceller(ctx, "solve"), a, b)
}

// SolveStackToContext is SolveStackTo, stopping early when ctx is done.
func SolveStackToContext(ctx context.Context, dst, a, b Stack) error {
	return solveStackTo(newCanceller(ctx, "solve"), dst, a, b)
}

// checkSolveStack checks the shapes of a and b and returns the number of
// pairs.
func checkSolveStack(a, b Stack) (int, error) {
	if err := a.check("solve", "A"); err != nil {
		return 0, err
	}
	if err := b.check("solve", "b"); err != nil {
		return 0, err
	}
	if a.Rows != a.Cols {
		return 0, shapeErr("solve", "A must be square, got %dx%d", a.Rows, a.Cols)
	}
	if b.Rows != a.Rows {
		return 0, shapeErr("solve", "A is %dx%d but b has %d rows", a.Rows, a.Cols, b.Rows)
	}
	return pairCount("solve", a, b)
}

func solveStackAlloc(cc *canceller, a, b Stack) (Stack, error) {
	count, err := checkSolveStack(a, b)
	if err != nil {
		return Stack{}, err
	}
	return filledStack(count, b.Rows, b.Cols, func(dst Stack) error { return solveStackTo(cc, dst, a, b) })
}

func solveStackTo(cc *canceller, dst, a, b Stack) error {
	count, err := checkSolveStack(a, b)
	if err != nil {
		return err
	}
	if err := dst.want("solve", "dst", count, b.Rows, b.Cols); err != nil {
		return err
	}
	a, b = a.fresh(spanOf(dst.Data)), b.fresh(spanOf(dst.Data))
	n, k := a.Rows, b.Cols
	return runStackWork(cc, count, n*n*n/3+n*n*k+1, func(w *stackWorker, i int) error {
		return w.call("solve", func(cc *canceller) error { return solveToWork(cc, dst.At(i), a.pick(i), b.pick(i), &w.lu) })
	})
}

// ---- matmul ---------------------------------------------------------------

// MatmulStack returns the products A_i·B_i of the matrices of a and b, each
// as Matmul computes it, packed in a new stack. a and b hold the same number
// of matrices, or one of them a single matrix, which every matrix of the
// other multiplies. It returns ErrShape if a.Cols != b.Rows or the counts do
// not pair.
func MatmulStack(a, b Stack) (Stack, error) {
	return matmulStackAlloc(nil, a, b)
}

// MatmulStackTo writes the products of the pairs of a and b into dst, a
// stack of a.Rows×b.Cols matrices, as many as the pairs, which may share
// memory with a or b; see MatmulStack.
func MatmulStackTo(dst, a, b Stack) error {
	return matmulStackTo(nil, dst, a, b)
}

// MatmulStackContext is MatmulStack, stopping early when ctx is done.
func MatmulStackContext(ctx context.Context, a, b Stack) (Stack, error) {
	return matmulStackAlloc(newCanceller(ctx, "matmul"), a, b)
}

// MatmulStackToContext is MatmulStackTo, stopping early when ctx is done.
func MatmulStackToContext(ctx context.Context, dst, a, b Stack) error {
	return matmulStackTo(newCanceller(ctx, "matmul"), dst, a, b)
}

func checkMatmulStack(a, b Stack) (int, error) {
	if err := a.check("matmul", "A"); err != nil {
		return 0, err
	}
	if err := b.check("matmul", "B"); err != nil {
		return 0, err
	}
	if a.Cols != b.Rows {
		return 0, shapeErr("matmul", "inner dimensions %d and %d differ", a.Cols, b.Rows)
	}
	return pairCount("matmul", a, b)
}

func matmulStackAlloc(cc *canceller, a, b Stack) (Stack, error) {
	count, err := checkMatmulStack(a, b)
	if err != nil {
		return Stack{}, err
	}
	return filledStack(count, a.Rows, b.Cols, func(dst Stack) error { return matmulStackTo(cc, dst, a, b) })
}

func matmulStackTo(cc *canceller, dst, a, b Stack) error {
	count, err := checkMatmulStack(a, b)
	if err != nil {
		return err
	}
	if err := dst.want("matmul", "dst", count, a.Rows, b.Cols); err != nil {
		return err
	}
	a, b = a.fresh(spanOf(dst.Data)), b.fresh(spanOf(dst.Data))
	work := a.Rows*a.Cols*b.Cols + 1
	if b.Cols < narrowCols && a.Cols <= kBlock {
		// matmulRowsNarrow on each product, without the dispatch and the
		// Matrix values: for 3×3 products these cost more than the arithmetic.
		m, n, p := a.Rows, a.Cols, b.Cols
		as, bs := a.Stride, b.Stride
		if a.Count == 1 {
			as = 0
		}
		if b.Count == 1 {
			bs = 0
		}
		return runStack(cc, count, work, func(_ *canceller, i int) error {
			c := dst.Data[i*dst.Stride : i*dst.Stride+m*p]
			clear(c)
			narrowProduct(c, a.Data[i*as:], b.Data[i*bs:], m, n, p)
			return nil
		})
	}
	if work <= matmulSmall {
		// What matmulCtx does for a product this small (one goroutine, no
		// packing, too short to look at cc), without its dispatch.
		return runStack(cc, count, work, func(_ *canceller, i int) error {
			d := dst.At(i)
			clear(d.Data)
			matmulRows(d, a.pick(i), b.pick(i), 0, d.Rows)
			return nil
		})
	}
	return runStack(cc, count, work, func(cc *canceller, i int) error {
		return matmulCtx(cc, dst.At(i), a.pick(i), b.pick(i))
	})
}
