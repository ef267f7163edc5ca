package main

// numpy.linalg's other functions on stacks (cond, matrix_power, diagonal,
// trace, matrix_transpose, matrix_norm): as export_stack.go, one call per
// batch, each matrix computed as the single-matrix call computes it.

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"context"

	"github.com/twinmath/twinmath/go"
)

// normKind maps the C kind of a norm (0 the order p, 1 Frobenius, 2
// nuclear) to the Go package's.
func normKind(kind C.int) string {
	switch kind {
	case 1:
		return "fro"
	case 2:
		return "nuc"
	}
	return ""
}

//export tm_cond_stack
func tm_cond_stack(a *C.tm_cdouble, count, m, n C.int64_t, p C.double, kind C.int, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.CondStackToContext(ctx, out(dst, count), inStack(a, count, m, n), float64(p), normKind(kind))
	})
}

//export tm_matrix_norm_stack
func tm_matrix_norm_stack(a *C.tm_cdouble, count, m, n C.int64_t, ord C.double, kind C.int, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.MatrixNormStackToContext(ctx, out(dst, count), inStack(a, count, m, n), float64(ord), normKind(kind))
	})
}

//export tm_matrix_power_stack
func tm_matrix_power_stack(a *C.tm_cdouble, count, m, n, k C.int64_t, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.MatrixPowerStackToContext(ctx, outStack(dst, count, m, n), inStack(a, count, m, n), int(k))
	})
}

//export tm_diagonal_stack
func tm_diagonal_stack(a *C.tm_cdouble, count, m, n, offset C.int64_t, dst *C.double, length C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.DiagonalStackTo(outStack(dst, count, 1, length), inStack(a, count, m, n), int(offset))
	})
}

//export tm_trace_stack
func tm_trace_stack(a *C.tm_cdouble, count, m, n, offset C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.TraceStackTo(out(dst, count), inStack(a, count, m, n), int(offset))
	})
}

//export tm_matrix_transpose_stack
func tm_matrix_transpose_stack(a *C.tm_cdouble, count, m, n C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.MatrixTransposeStackTo(outStack(dst, count, n, m), inStack(a, count, m, n))
	})
}

//export tm_cross_stack
func tm_cross_stack(a *C.tm_cdouble, ca, na C.int64_t, b *C.tm_cdouble, cb, nb C.int64_t, dst *C.double, count C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.CrossStackTo(outStack(dst, count, 1, 3), inStack(a, ca, 1, na), inStack(b, cb, 1, nb))
	})
}
