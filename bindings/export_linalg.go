package main

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"context"

	"github.com/twinmath/twinmath/go"
)

//export tm_matmul
func tm_matmul(a *C.tm_cdouble, m, n C.int64_t, b *C.tm_cdouble, n2, p C.int64_t, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.MatmulToContext(ctx, outMat(dst, m, p), inMat(a, m, n), inMat(b, n2, p))
	})
}

//export tm_transpose
func tm_transpose(a *C.tm_cdouble, m, n C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.TransposeTo(outMat(dst, n, m), inMat(a, m, n))
	})
}

//export tm_trace
func tm_trace(a *C.tm_cdouble, m, n C.int64_t, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		r, e := twinmath.Trace(inMat(a, m, n))
		return scalar(res, r, e)
	})
}

//export tm_det
func tm_det(a *C.tm_cdouble, m, n C.int64_t, res *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		r, e := twinmath.DetContext(ctx, inMat(a, m, n))
		return scalar(res, r, e)
	})
}

//export tm_inv
func tm_inv(a *C.tm_cdouble, m, n C.int64_t, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.InvToContext(ctx, outMat(dst, m, n), inMat(a, m, n))
	})
}

//export tm_solve
func tm_solve(a *C.tm_cdouble, m, n C.int64_t, b *C.tm_cdouble, nb, k C.int64_t, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.SolveToContext(ctx, outMat(dst, nb, k), inMat(a, m, n), inMat(b, nb, k))
	})
}
