package twinmath

import "context"

// Workspace holds the scratch memory of the decompositions, for a caller
// that runs them again and again: after the first call of a given size,
// the workspace forms of Det, InvTo, SolveTo, LUTo, MatmulTo, CholeskyTo,
// QRTo, EighTo, EighLowerTo, SVDTo, PinvTo and LstsqTo allocate nothing on
// one thread (testing.AllocsPerRun = 0 with SetMaxThreads(1)). Their
// results are those of the plain functions, bit for bit, with the same
// errors, the same rules on overlapping outputs and inputs (an input that
// shares memory with an output is read as it was before the call; its copy
// is then the one allocation) and inputs never modified.
//
// The zero value is ready to use: the buffers grow, by doubling, to the
// largest need met so far and are kept for the next call. A nil *Workspace
// is valid too: its methods are then the plain functions, which allocate
// their scratch. A Workspace is for one goroutine at a time; use one per
// goroutine (its methods never keep the caller's matrices).
//
// What still allocates, with a workspace: the goroutines of the parallel
// paths (the packed product of large matrices, the rotations of large SVD
// and eigenvalue sweeps) when SetMaxThreads allows more than one thread,
// with their packing buffers; a …Context method under a context that can
// be cancelled allocates nothing either, but the error of a cancelled call
// is built then. The first call of a larger size grows the buffers.
type Workspace struct {
	f     arena[float64]
	i     arena[int]
	rots  arena[rotSeq]
	sweep arena[sweep]
	cc    canceller
	busy  bool
}

// arena hands out the slices of one call from buf, stack-wise: off counts
// the elements handed out so far (whether they fitted in buf or not), and
// peak the most at any time. A request beyond buf is served by make; at the
// end of the call buf grows, doubling, to hold peak, so the next call of the
// same sizes fits.
type arena[T any] struct {
	buf       []T
	off, peak int
}

// take returns n zero elements.
func (a *arena[T]) take(n int) []T {
	s := a.takeRaw(n)
	clear(s)
	return s
}

// takeRaw returns n elements of unspecified values.
func (a *arena[T]) takeRaw(n int) []T {
	lo := a.off
	a.off += n
	a.peak = max(a.peak, a.off)
	if a.off <= len(a.buf) {
		return a.buf[lo:a.off:a.off]
	}
	return make([]T, n)
}

// settle ends a call: buf grows to hold peak, and everything is released.
func (a *arena[T]) settle(zero bool) {
	if a.peak > len(a.buf) {
		c := max(len(a.buf), 256)
		for c < a.peak {
			c *= 2
		}
		a.buf = make([]T, c)
	} else if zero {
		clear(a.buf[:a.peak]) // drop the references the call left
	}
	a.off, a.peak = 0, 0
}

// begin starts a call of op under ctx and returns its canceller, which
// carries the workspace to the scratch allocations of the call.
func (w *Workspace) begin(ctx context.Context, op string) *canceller {
	if ctx != nil && ctx.Done() == nil {
		ctx = nil // never cancelled: no looks at it
	}
	w.busy = true
	w.cc = canceller{ctx: ctx, op: op, ws: w}
	return &w.cc
}

// end ends the call begun by begin.
func (w *Workspace) end() {
	w.f.settle(false)
	w.i.settle(false)
	w.rots.settle(true)
	w.sweep.settle(true)
	w.cc = canceller{}
	w.busy = false
}

// usable reports whether w can serve a call: it is not nil, and not in a
// call already (a Workspace used again from within one of its own calls,
// which the package never does, falls back to allocating).
func (w *Workspace) usable() bool { return w != nil && !w.busy }

// The scratch provider. The internal functions take their scratch from a
// *Workspace, nil when they are called by the plain functions: then every
// request is a new allocation, as before workspaces existed.

// floats returns n zeros.
func (w *Workspace) floats(n int) []float64 {
	if w == nil {
		return make([]float64, n)
	}
	return w.f.take(n)
}

// floatsRaw returns n float64s of unspecified values (for packing buffers,
// which are written before they are read).
func (w *Workspace) floatsRaw(n int) []float64 {
	if w == nil {
		return make([]float64, n)
	}
	return w.f.takeRaw(n)
}

// ints returns n zero ints.
func (w *Workspace) ints(n int) []int {
	if w == nil {
		return make([]int, n)
	}
	return w.i.take(n)
}

// matrix returns a rows×cols matrix of zeros.
func (w *Workspace) matrix(rows, cols int) Matrix {
	return Matrix{Rows: rows, Cols: cols, Data: w.floats(rows * cols)}
}

// identity returns the n×n identity matrix.
func (w *Workspace) identity(n int) Matrix {
	m := w.matrix(n, n)
	for i := 0; i < n; i++ {
		m.Data[i*n+i] = 1
	}
	return m
}

// clone returns a copy of a.
func (w *Workspace) clone(a Matrix) Matrix {
	c := Matrix{Rows: a.Rows, Cols: a.Cols, Data: w.floatsRaw(len(a.Data))}
	copy(c.Data, a.Data)
	return c
}

// transpose returns the transpose of a (consistent).
func (w *Workspace) transpose(a Matrix) Matrix {
	t := w.matrix(a.Cols, a.Rows)
	transposeInto(t, a)
	return t
}

// scaledCopy is scaledCopy with the copy in w.
func (w *Workspace) scaledCopy(a Matrix) (Matrix, int) {
	c := w.clone(a)
	e := powerOfTwoScale(c.Data)
	scaleBy(c.Data, e)
	return c, e
}

// rotSeqs returns n empty rotation sequences.
func (w *Workspace) rotSeqs(n int) []rotSeq {
	if w == nil {
		return make([]rotSeq, n)
	}
	return w.rots.take(n)
}

// sweeps returns n empty sweep records.
func (w *Workspace) sweeps(n int) []sweep {
	if w == nil {
		return make([]sweep, n)
	}
	return w.sweep.take(n)
}

// scratchMark is a position in a workspace's buffers.
type scratchMark struct{ f, i int }

// mark returns the present position, for release.
func (w *Workspace) mark() scratchMark {
	if w == nil {
		return scratchMark{}
	}
	return scratchMark{w.f.off, w.i.off}
}

// release gives back what was taken since m (the slices must not be used
// any more).
func (w *Workspace) release(m scratchMark) {
	if w == nil {
		return
	}
	w.f.off, w.i.off = m.f, m.i
}

// scratch returns the workspace of c's call, nil for none.
func (c *canceller) scratch() *Workspace {
	if c == nil {
		return nil
	}
	return c.ws
}
