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
		return Stack{}, invalidErr("stack", "%d matrices of %dx%d would be more than %d values", count, rows, cols, MaxLen)
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
		if err := m.check("stack", "matrix"); err != nil {
			return Stack{}, err
		}
		if m.Rows != ms[0].Rows || m.Cols != ms[0].Cols {
			return Stack{}, shapeErr("stack", "matrix %d is %dx%d, matrix 0 is %dx%d", i, m.Rows, m.Cols, ms[0].Rows, ms[0].Cols)
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
// multiply-adds of one f, for the context checks (each goroutine has a
// canceller of its own, looking at the same context; f ticks it).
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
	if count == 0 {
		return nil
	}
	threads := min(MaxThreads(), count)
	// Few small matrices do not pay for goroutines (about a microsecond each).
	if total, ok := mulLen(count, max(work, 1)); ok && total < 1<<14 {
		threads = 1
	}
	if threads <= 1 {
		for i := 0; i < count; i++ {
			if err := f(cc, i); err != nil {
				return wrapStack(i, err)
			}
		}
		return nil
	}
	var (
		mu     sync.Mutex
		first  = count // lowest failing index so far
		firstE error
		wg     sync.WaitGroup
	)
	failedBelow := func(i int) bool {
		mu.Lock()
		defer mu.Unlock()
		return first < i
	}
	block := (count + threads - 1) / threads
	for lo := 0; lo < count; lo += block {
		hi := min(lo+block, count)
		var c *canceller
		if cc != nil {
			c = &canceller{ctx: cc.ctx, op: cc.op}
		}
		wg.Add(1)
		go func(lo, hi int, c *canceller) {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				if i&63 == 0 && failedBelow(i) {
					return
				}
				if err := f(c, i); err != nil {
					mu.Lock()
					if i < first {
						first, firstE = i, err
					}
					mu.Unlock()
					return
				}
			}
		}(lo, hi, c)
	}
	wg.Wait()
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

// DetStack returns the determinants of the square matrices of a, as Det
// computes each: out[i] = det(a.At(i)). An error names the first matrix (in
// index order) that failed, whatever the number of threads; StackIndex
// recovers its index.
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
	if err := a.check("det", "A"); err != nil {
		return nil, err
	}
	if a.Rows != a.Cols {
		return nil, shapeErr("det", "A must be square, got %dx%d", a.Rows, a.Cols)
	}
	if dst == nil {
		dst = make([]float64, a.Count)
	} else if len(dst) != a.Count {
		return nil, shapeErr("det", "dst has %d values, want %d", len(dst), a.Count)
	}
	n := a.Rows
	err := runStack(cc, a.Count, n*n*n/3+1, func(cc *canceller, i int) error {
		d, err := det(cc, a.At(i))
		dst[i] = d
		return err
	})
	if err != nil {
		return nil, err
	}
	return dst, nil
}
