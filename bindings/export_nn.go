package main

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"context"
	"fmt"
	"unsafe"

	"github.com/twinmath/twinmath/go"
)

//export tm_sigmoid
func tm_sigmoid(x *C.tm_cdouble, n C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return elementwise(twinmath.SigmoidTo, x, n, dst, err, errlen)
}

//export tm_sigmoid_derivative
func tm_sigmoid_derivative(x *C.tm_cdouble, n C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return elementwise(twinmath.SigmoidDerivativeTo, x, n, dst, err, errlen)
}

//export tm_relu
func tm_relu(x *C.tm_cdouble, n C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return elementwise(twinmath.ReluTo, x, n, dst, err, errlen)
}

//export tm_tanh
func tm_tanh(x *C.tm_cdouble, n C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return elementwise(twinmath.TanhTo, x, n, dst, err, errlen)
}

//export tm_softmax
func tm_softmax(x *C.tm_cdouble, shape *C.tm_cint64, ndim C.int64_t, axis C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		s := dims(shape, ndim)
		n := C.int64_t(1)
		for _, d := range s {
			n *= C.int64_t(max(d, 0))
		}
		return twinmath.SoftmaxAxisTo(out(dst, n), in(x, n), s, int(axis))
	})
}

//export tm_forward_pass
func tm_forward_pass(x *C.tm_cdouble, m, n C.int64_t, w1 *C.tm_cdouble, n1, h C.int64_t, b1 *C.tm_cdouble, nb1 C.int64_t,
	w2 *C.tm_cdouble, h2, k C.int64_t, b2 *C.tm_cdouble, nb2 C.int64_t,
	a1, a2, z1, z2 *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		dst := twinmath.ForwardPassResult{A1: outMat(a1, m, h), A2: outMat(a2, m, k), Z1: outMat(z1, m, h), Z2: outMat(z2, m, k)}
		return twinmath.ForwardPassToContext(ctx, dst, inMat(x, m, n), inMat(w1, n1, h), in(b1, nb1), inMat(w2, h2, k), in(b2, nb2))
	})
}

//export tm_backward_pass
func tm_backward_pass(x *C.tm_cdouble, m, n C.int64_t, y *C.tm_cdouble, my, ky C.int64_t,
	a1 *C.tm_cdouble, ma1, ha1 C.int64_t, a2 *C.tm_cdouble, ma2, ka2 C.int64_t,
	z1 *C.tm_cdouble, mz1, hz1 C.int64_t, z2 *C.tm_cdouble, mz2, kz2 C.int64_t,
	w1 *C.tm_cdouble, n1, h C.int64_t, w2 *C.tm_cdouble, h2, k C.int64_t,
	dw1, db1, dw2, db2 *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		dst := twinmath.BackwardPassResult{DW1: outMat(dw1, n1, h), DB1: out(db1, h), DW2: outMat(dw2, h2, k), DB2: out(db2, k)}
		fwd := twinmath.ForwardPassResult{A1: inMat(a1, ma1, ha1), A2: inMat(a2, ma2, ka2), Z1: inMat(z1, mz1, hz1), Z2: inMat(z2, mz2, kz2)}
		return twinmath.BackwardPassToContext(ctx, dst, inMat(x, m, n), inMat(y, my, ky), fwd, inMat(w1, n1, h), inMat(w2, h2, k))
	})
}

// dims returns the ndim dimensions at p, without copying; a negative ndim
// breaks the header's contract.
func dims(p *C.tm_cint64, ndim C.int64_t) []int {
	if ndim < 0 {
		panic(argError(fmt.Sprintf("negative number of dimensions %d", ndim)))
	}
	if p == nil && ndim > 0 {
		panic(argError("NULL shape for a non-empty shape"))
	}
	raw := unsafe.Slice((*int64)(unsafe.Pointer(p)), int(ndim))
	s := make([]int, ndim)
	for i, d := range raw {
		s[i] = int(d)
	}
	return s
}

// elementwise calls f, an elementwise function of the Go package, on the n
// doubles at x, writing n doubles at dst.
func elementwise(f func(dst, x []float64) error, x *C.tm_cdouble, n C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return f(out(dst, n), in(x, n))
	})
}
