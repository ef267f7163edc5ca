package twinmath

import (
	"context"
	"sync"
)

// Workspace holds the scratch memory of the decompositions, for a caller
// that runs them again and again: after the first call of a given size,
// the workspace forms of Det, InvTo, SolveTo, LUTo, MatmulTo, CholeskyTo,
// QRTo, EighTo, EighLowerTo, SVDTo, PinvTo and LstsqTo (and their Context
// forms) allocate nothing on one thread (testing.AllocsPerRun = 0 with
// SetMaxThreads(1)). Their results are those of the plain functions, bit
// for bit, with the same errors, the same zero values beside errors, the
// same rules on overlapping outputs and inputs, and inputs never modified.
//
//	var ws twinmath.Workspace
//	for _, b := range rhs {
//		if err := ws.SolveTo(x, a, b); err != nil { … } // no allocation after the first
//	}
//
// The zero value is ready to use: the buffers grow, by doubling, to the
// largest need met so far and are kept for the next call. A nil *Workspace
// is valid too: its methods are then the plain functions, which allocate
// their scratch. A Workspace is for one goroutine at a time; use one per
// goroutine (its methods never keep the caller's matrices).
//
// What still allocates with a workspace: the first call of a larger size
// (it grows the buffers); the goroutines of the parallel paths (the packed
// product of large matrices, the rotations of large SVD and eigenvalue
// sweeps) when SetMaxThreads allows more than one thread, with their own
// packing buffers; and the error of a cancelled …Context call. An input
// that shares memory with an output is copied into the workspace, and a
// context that can be cancelled but is not costs nothing.
type Workspace struct {
	f     arena[float64]
	i     arena[int]
	rots  arena[rotSeq]
	sweep arena[sweep]
	c     arena[complex128]
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
func (a *arena[T]) settle(zero, grow bool) {
	if a.peak > len(a.buf) && grow {
		c := max(len(a.buf), 256)
		for c < a.peak {
			c *= 2
		}
		a.buf = make([]T, c)
	} else if zero {
		clear(a.buf[:min(a.peak, len(a.buf))]) // drop the references the call left
	}
	a.off, a.peak = 0, 0
}

// begin starts a call of op under ctx and returns its canceller, which
// carries the workspace to the scratch allocations of the call.
func (ws *Workspace) begin(ctx context.Context, op string) *canceller {
	if ctx != nil && ctx.Done() == nil {
		ctx = nil // never cancelled: no looks at it
	}
	ws.busy = true
	ws.cc = canceller{ctx: ctx, op: op, ws: ws}
	return &ws.cc
}

// end ends the call begun by begin. A cancelled call leaves the buffers as
// they were: growing them to its peak (a fresh, zeroed allocation of up to
// the call's whole scratch) would only delay the return of its error.
func (ws *Workspace) end() {
	grow := ws.cc.ctx == nil || ws.cc.ctx.Err() == nil
	ws.f.settle(false, grow)
	ws.i.settle(false, grow)
	ws.rots.settle(true, grow)
	ws.sweep.settle(true, grow)
	ws.c.settle(false, grow)
	ws.cc = canceller{}
	ws.busy = false
}

// usable reports whether w can serve a call: it is not nil, and not in a
// call already (a Workspace used again from within one of its own calls,
// which the package never does, falls back to allocating).
func (ws *Workspace) usable() bool { return ws != nil && !ws.busy }

// scratchPool keeps workspaces for the plain and Context forms of the
// operations whose scratch never reaches their outputs (withScratch).
var scratchPool = sync.Pool{New: func() any { return new(Workspace) }}

// withScratch calls f with cc, or, when cc carries no workspace, with a
// canceller like cc (op when cc is nil) that carries one from scratchPool:
// the same bits as without (the workspace forms' rule), without a fresh
// zeroed allocation for every piece of scratch. f must copy what it
// returns out of the scratch. A panic in f (which the C library's exports
// recover) skips the return to the pool: the workspace, in an unknown
// state, is dropped.
func withScratch(cc *canceller, op string, f func(cc *canceller) error) error {
	if cc.scratch() != nil {
		return f(cc)
	}
	ws := scratchPool.Get().(*Workspace)
	var ctx context.Context
	if cc != nil {
		ctx, op = cc.ctx, cc.op // the caller's names for its errors
	}
	err := f(ws.begin(ctx, op))
	ws.end()
	scratchPool.Put(ws)
	return err
}

// The scratch provider. The internal functions take their scratch from a
// *Workspace, nil when they are called by the plain functions: then every
// request is a new allocation, as before workspaces existed.

// floats returns n zeros.
func (ws *Workspace) floats(n int) []float64 {
	if ws == nil {
		return make([]float64, n)
	}
	return ws.f.take(n)
}

// floatsRaw returns n float64s of unspecified values (for packing buffers,
// which are written before they are read).
func (ws *Workspace) floatsRaw(n int) []float64 {
	if ws == nil {
		return make([]float64, n)
	}
	return ws.f.takeRaw(n)
}

// ints returns n zero ints.
func (ws *Workspace) ints(n int) []int {
	if ws == nil {
		return make([]int, n)
	}
	return ws.i.take(n)
}

// complexes returns n complex zeros.
func (ws *Workspace) complexes(n int) []complex128 {
	if ws == nil {
		return make([]complex128, n)
	}
	return ws.c.take(n)
}

// matrix returns a rows×cols matrix of zeros.
func (ws *Workspace) matrix(rows, cols int) Matrix {
	return Matrix{Rows: rows, Cols: cols, Data: ws.floats(rows * cols)}
}

// matrixRaw returns a rows×cols matrix of unspecified values (for scratch
// that is written in full before it is read).
func (ws *Workspace) matrixRaw(rows, cols int) Matrix {
	return Matrix{Rows: rows, Cols: cols, Data: ws.floatsRaw(rows * cols)}
}

// identity returns the n×n identity matrix.
func (ws *Workspace) identity(n int) Matrix {
	m := ws.matrix(n, n)
	for i := 0; i < n; i++ {
		m.Data[i*n+i] = 1
	}
	return m
}

// clone returns a copy of a.
func (ws *Workspace) clone(a Matrix) Matrix {
	c := Matrix{Rows: a.Rows, Cols: a.Cols, Data: ws.floatsRaw(len(a.Data))}
	copy(c.Data, a.Data)
	return c
}

// transpose returns the transpose of a (consistent).
func (ws *Workspace) transpose(a Matrix) Matrix {
	t := ws.matrix(a.Cols, a.Rows)
	transposeInto(t, a)
	return t
}

// scaledCopy is scaledCopy with the copy in w.
func (ws *Workspace) scaledCopy(a Matrix) (Matrix, int) {
	c := ws.clone(a)
	e := powerOfTwoScale(c.Data)
	scaleBy(c.Data, e)
	return c, e
}

// rotSeqs returns n empty rotation sequences.
func (ws *Workspace) rotSeqs(n int) []rotSeq {
	if ws == nil {
		return make([]rotSeq, n)
	}
	return ws.rots.take(n)
}

// sweeps returns n empty sweep records.
func (ws *Workspace) sweeps(n int) []sweep {
	if ws == nil {
		return make([]sweep, n)
	}
	return ws.sweep.take(n)
}

// fresh is m.fresh(outs...) with the copy, when m overlaps an output, in w.
func (ws *Workspace) fresh(m Matrix, outs ...span) Matrix {
	if ws == nil {
		return m.fresh(outs...)
	}
	s := spanOf(m.Data)
	for _, o := range outs {
		if s.overlaps(o) {
			return ws.clone(m)
		}
	}
	return m
}

// scratchMark is a position in a workspace's buffers.
type scratchMark struct{ f, i int }

// mark returns the present position, for release.
func (ws *Workspace) mark() scratchMark {
	if ws == nil {
		return scratchMark{}
	}
	return scratchMark{ws.f.off, ws.i.off}
}

// release gives back what was taken since m (the slices must not be used
// any more).
func (ws *Workspace) release(m scratchMark) {
	if ws == nil {
		return
	}
	ws.f.off, ws.i.off = m.f, m.i
}

// scratch returns the workspace of c's call, nil for none.
func (c *canceller) scratch() *Workspace {
	if c == nil {
		return nil
	}
	return c.ws
}

// The workspace forms. Each (w *Workspace) X is the function X of the
// package, with the same results (bit for bit), errors, overlap rules and
// zero values beside errors, taking its scratch memory from w; each
// XContext is XContext, stopping early when ctx is done. A nil w calls the
// plain function.

// Det is Det (the determinant of a) with its scratch in ws.
func (ws *Workspace) Det(a Matrix) (float64, error) {
	return ws.DetContext(context.Background(), a)
}

// DetContext is Det, stopping early when ctx is done.
func (ws *Workspace) DetContext(ctx context.Context, a Matrix) (float64, error) {
	if !ws.usable() {
		return DetContext(ctx, a)
	}
	defer ws.end()
	return det(ws.begin(ctx, "det"), a)
}

// InvTo is InvTo (the inverse of a, into dst) with its scratch in ws.
func (ws *Workspace) InvTo(dst, a Matrix) error {
	return ws.InvToContext(context.Background(), dst, a)
}

// InvToContext is InvTo, stopping early when ctx is done.
func (ws *Workspace) InvToContext(ctx context.Context, dst, a Matrix) error {
	if !ws.usable() {
		return InvToContext(ctx, dst, a)
	}
	defer ws.end()
	return invTo(ws.begin(ctx, "inv"), dst, a)
}

// SolveTo is SolveTo (the solution of A·X = B, into dst) with its scratch in ws.
func (ws *Workspace) SolveTo(dst, a, b Matrix) error {
	return ws.SolveToContext(context.Background(), dst, a, b)
}

// SolveToContext is SolveTo, stopping early when ctx is done.
func (ws *Workspace) SolveToContext(ctx context.Context, dst, a, b Matrix) error {
	if !ws.usable() {
		return SolveToContext(ctx, dst, a, b)
	}
	defer ws.end()
	return solveTo(ws.begin(ctx, "solve"), dst, a, b)
}

// LUTo is LUTo (the factors of LU(a), into p, l and u) with its scratch in ws.
func (ws *Workspace) LUTo(p, l, u, a Matrix) error {
	return ws.LUToContext(context.Background(), p, l, u, a)
}

// LUToContext is LUTo, stopping early when ctx is done.
func (ws *Workspace) LUToContext(ctx context.Context, p, l, u, a Matrix) error {
	if !ws.usable() {
		return LUToContext(ctx, p, l, u, a)
	}
	defer ws.end()
	return luTo(ws.begin(ctx, "lu"), p, l, u, a)
}

// MatmulTo is MatmulTo (a·b, into dst) with its packing buffers in ws.
func (ws *Workspace) MatmulTo(dst, a, b Matrix) error {
	return ws.MatmulToContext(context.Background(), dst, a, b)
}

// MatmulToContext is MatmulTo, stopping early when ctx is done.
func (ws *Workspace) MatmulToContext(ctx context.Context, dst, a, b Matrix) error {
	if !ws.usable() {
		return MatmulToContext(ctx, dst, a, b)
	}
	defer ws.end()
	return matmulTo(ws.begin(ctx, "matmul"), dst, a, b)
}

// CholeskyTo is CholeskyTo (the Cholesky factor of a, into dst). Its only
// scratch is the copy of an a that overlaps dst; it is here so that a
// caller holding a Workspace finds every decomposition on it.
func (ws *Workspace) CholeskyTo(dst, a Matrix) error {
	return ws.CholeskyToContext(context.Background(), dst, a)
}

// CholeskyToContext is CholeskyTo, stopping early when ctx is done.
func (ws *Workspace) CholeskyToContext(ctx context.Context, dst, a Matrix) error {
	if !ws.usable() {
		return CholeskyToContext(ctx, dst, a)
	}
	defer ws.end()
	return choleskyTo(ws.begin(ctx, "cholesky"), dst, a)
}

// QRTo is QRTo (the factors of QR(a), into q and r) with its scratch in ws.
func (ws *Workspace) QRTo(q, r, a Matrix) error {
	return ws.QRToContext(context.Background(), q, r, a)
}

// QRToContext is QRTo, stopping early when ctx is done.
func (ws *Workspace) QRToContext(ctx context.Context, q, r, a Matrix) error {
	if !ws.usable() {
		return QRToContext(ctx, q, r, a)
	}
	defer ws.end()
	return qrTo(ws.begin(ctx, "qr"), q, r, a)
}

// EighTo is EighTo (the eigenvalues and eigenvectors of the symmetric a,
// into w and v) with its scratch in ws.
func (ws *Workspace) EighTo(w []float64, v Matrix, a Matrix) error {
	return ws.EighToContext(context.Background(), w, v, a)
}

// EighToContext is EighTo, stopping early when ctx is done.
func (ws *Workspace) EighToContext(ctx context.Context, w []float64, v Matrix, a Matrix) error {
	if !ws.usable() {
		return EighToContext(ctx, w, v, a)
	}
	defer ws.end()
	return eighTo(ws.begin(ctx, "eigh"), w, v, a, false)
}

// EighLowerTo is EighLowerTo (Eigh of the lower triangle of a, into w and
// v) with its scratch in ws.
func (ws *Workspace) EighLowerTo(w []float64, v Matrix, a Matrix) error {
	return ws.EighLowerToContext(context.Background(), w, v, a)
}

// EighLowerToContext is EighLowerTo, stopping early when ctx is done.
func (ws *Workspace) EighLowerToContext(ctx context.Context, w []float64, v Matrix, a Matrix) error {
	if !ws.usable() {
		return EighLowerToContext(ctx, w, v, a)
	}
	defer ws.end()
	return eighTo(ws.begin(ctx, "eigh"), w, v, a, true)
}

// SVDTo is SVDTo (the factors of SVD(a), into u, s and vt) with its
// scratch in w.
func (ws *Workspace) SVDTo(u Matrix, s []float64, vt Matrix, a Matrix) error {
	return ws.SVDToContext(context.Background(), u, s, vt, a)
}

// SVDToContext is SVDTo, stopping early when ctx is done.
func (ws *Workspace) SVDToContext(ctx context.Context, u Matrix, s []float64, vt Matrix, a Matrix) error {
	if !ws.usable() {
		return SVDToContext(ctx, u, s, vt, a)
	}
	defer ws.end()
	return svdTo(ws.begin(ctx, "svd"), u, s, vt, a)
}

// PinvTo is PinvTo (the pseudo-inverse of a, into dst) with its scratch in
// w.
func (ws *Workspace) PinvTo(dst, a Matrix, rcond float64) error {
	return ws.PinvToContext(context.Background(), dst, a, rcond)
}

// PinvToContext is PinvTo, stopping early when ctx is done.
func (ws *Workspace) PinvToContext(ctx context.Context, dst, a Matrix, rcond float64) error {
	if !ws.usable() {
		return PinvToContext(ctx, dst, a, rcond)
	}
	defer ws.end()
	return pinvTo(ws.begin(ctx, "pinv"), dst, a, rcond)
}

// LstsqTo is LstsqTo (the least-squares solution of A·X ≈ B, into dst)
// with its scratch in ws.
func (ws *Workspace) LstsqTo(dst, a, b Matrix, rcond float64) error {
	return ws.LstsqToContext(context.Background(), dst, a, b, rcond)
}

// LstsqToContext is LstsqTo, stopping early when ctx is done.
func (ws *Workspace) LstsqToContext(ctx context.Context, dst, a, b Matrix, rcond float64) error {
	if !ws.usable() {
		return LstsqToContext(ctx, dst, a, b, rcond)
	}
	defer ws.end()
	return lstsqTo(ws.begin(ctx, "lstsq"), dst, a, b, rcond)
}
