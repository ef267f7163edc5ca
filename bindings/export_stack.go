package main

// The batched (stacked) calls. A stack crosses the boundary as one pointer
// to count packed rows×cols matrices (a C-contiguous numpy array of shape
// (count, rows, cols)) and the three counts; its results are packed the
// same way, or one double per matrix. One C call does the whole batch: the
// Go package spreads the matrices over its threads (tm_set_max_threads),
// and the call is cancellable as a whole. Each export follows the convention
// of the single-matrix calls: it recovers panics, returns a status, writes
// the message to err, and an error names the first failing matrix (in index
// order, whatever the number of threads) as "(matrix i of the stack)".

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"context"
	"fmt"

	"github.com/twinmath/twinmath/go"
)

// inStack wraps count packed rows×cols input matrices.
func inStack(p *C.tm_cdouble, count, rows, cols C.int64_t) twinmath.Stack {
	n := stackSize(count, rows, cols)
	return twinmath.Stack{Count: int(count), Rows: int(rows), Cols: int(cols), Stride: int(rows * cols), Data: in(p, n)}
}

// outStack wraps count packed rows×cols output matrices.
func outStack(p *C.double, count, rows, cols C.int64_t) twinmath.Stack {
	n := stackSize(count, rows, cols)
	return twinmath.Stack{Count: int(count), Rows: int(rows), Cols: int(cols), Stride: int(rows * cols), Data: out(p, n)}
}

// stackSize returns count·rows·cols, checking the counts for the contract.
func stackSize(count, rows, cols C.int64_t) C.int64_t {
	n := size(rows, cols)
	if count < 0 {
		panic(argError(fmt.Sprintf("negative stack count %d", count)))
	}
	if n > 0 && count > (1<<62)/n {
		panic(argError(fmt.Sprintf("stack of %d matrices of %dx%d too large", count, rows, cols)))
	}
	return count * n
}

//export tm_det_stack
func tm_det_stack(a *C.tm_cdouble, count, m, n C.int64_t, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.DetStackToContext(ctx, out(dst, count), inStack(a, count, m, n))
	})
}

//export tm_slogdet_stack
func tm_slogdet_stack(a *C.tm_cdouble, count, m, n C.int64_t, sign, logabsdet *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.SlogdetStackToContext(ctx, out(sign, count), out(logabsdet, count), inStack(a, count, m, n))
	})
}

//export tm_inv_stack
func tm_inv_stack(a *C.tm_cdouble, count, m, n C.int64_t, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.InvStackToContext(ctx, outStack(dst, count, m, n), inStack(a, count, m, n))
	})
}

// pairs returns the number of pairs of two stacks of ca and cb matrices:
// the common count, or the other's when one holds a single matrix. For
// counts that do not pair, the Go package reports the error before it
// writes anything.
func pairs(ca, cb C.int64_t) C.int64_t {
	if ca == 1 {
		return cb
	}
	return ca
}

//export tm_solve_stack
func tm_solve_stack(a *C.tm_cdouble, ca, m, n C.int64_t, b *C.tm_cdouble, cb, nb, k C.int64_t, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.SolveStackToContext(ctx, outStack(dst, pairs(ca, cb), nb, k), inStack(a, ca, m, n), inStack(b, cb, nb, k))
	})
}

//export tm_matmul_stack
func tm_matmul_stack(a *C.tm_cdouble, ca, m, n C.int64_t, b *C.tm_cdouble, cb, n2, p C.int64_t, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.MatmulStackToContext(ctx, outStack(dst, pairs(ca, cb), m, p), inStack(a, ca, m, n), inStack(b, cb, n2, p))
	})
}
