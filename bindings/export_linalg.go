package main

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"context"
	"unsafe"

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

//export tm_slogdet
func tm_slogdet(a *C.tm_cdouble, m, n C.int64_t, sign, logabsdet *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		s, l, e := twinmath.SlogdetContext(ctx, inMat(a, m, n))
		if e == nil {
			*sign, *logabsdet = C.double(s), C.double(l)
		}
		return e
	})
}

//export tm_cond
func tm_cond(a *C.tm_cdouble, m, n C.int64_t, p C.double, res *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		r, e := twinmath.CondContext(ctx, inMat(a, m, n), float64(p))
		return scalar(res, r, e)
	})
}

//export tm_cond_fro
func tm_cond_fro(a *C.tm_cdouble, m, n C.int64_t, res *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		r, e := twinmath.CondFrobeniusContext(ctx, inMat(a, m, n))
		return scalar(res, r, e)
	})
}

//export tm_cond_nuc
func tm_cond_nuc(a *C.tm_cdouble, m, n C.int64_t, res *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		r, e := twinmath.CondNuclearContext(ctx, inMat(a, m, n))
		return scalar(res, r, e)
	})
}

//export tm_matrix_power
func tm_matrix_power(a *C.tm_cdouble, m, n, k C.int64_t, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.MatrixPowerToContext(ctx, outMat(dst, m, n), inMat(a, m, n), int(k))
	})
}

//export tm_multi_dot
func tm_multi_dot(count C.int64_t, arrays **C.tm_cdouble, shape *C.tm_cint64, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		ptrs := unsafe.Slice((**C.tm_cdouble)(checkedPtr(unsafe.Pointer(arrays), count)), int(count))
		p := dims(shape, count+1)
		ms := make([]twinmath.Matrix, count)
		for i := range ms {
			ms[i] = inMat(ptrs[i], C.int64_t(p[i]), C.int64_t(p[i+1]))
		}
		if count < 2 {
			return twinmath.MultiDotToContext(ctx, twinmath.Matrix{}, ms)
		}
		return twinmath.MultiDotToContext(ctx, outMat(dst, C.int64_t(p[0]), C.int64_t(p[count])), ms)
	})
}

//export tm_diagonal
func tm_diagonal(a *C.tm_cdouble, m, n, offset C.int64_t, dst *C.double, length C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.DiagonalTo(out(dst, length), inMat(a, m, n), int(offset))
	})
}

//export tm_matrix_transpose
func tm_matrix_transpose(a *C.tm_cdouble, m, n C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.TransposeTo(outMat(dst, n, m), inMat(a, m, n))
	})
}
