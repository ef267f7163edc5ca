package main

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"context"
	"fmt"

	"github.com/twinmath/twinmath/go"
)

// inTensor wraps an input array of nd dimensions of the given shape.
func inTensor(p *C.tm_cdouble, nd C.int64_t, shape *C.tm_cint64) twinmath.Tensor {
	s := dims(shape, nd)
	n := C.int64_t(1)
	for _, d := range s {
		n = size(n, C.int64_t(d))
	}
	return twinmath.Tensor{Shape: s, Data: in(p, n)}
}

// ints returns the n int64 values at p as ints (nil for none).
func ints(p *C.tm_cint64, n C.int64_t) []int {
	if n == 0 {
		return nil
	}
	return dims(p, n)
}

// give copies the values of t into the caller's n doubles at dst.
func give(dst *C.double, n C.int64_t, t twinmath.Tensor, err error) error {
	if err != nil {
		return err
	}
	if int64(len(t.Data)) != int64(n) {
		panic(argError(fmt.Sprintf("dst holds %d values, the result %d", n, len(t.Data))))
	}
	copy(out(dst, n), t.Data)
	return nil
}

//export tm_tensorsolve
func tm_tensorsolve(a *C.tm_cdouble, nda C.int64_t, ashape *C.tm_cint64, b *C.tm_cdouble, ndb C.int64_t, bshape *C.tm_cint64,
	axes *C.tm_cint64, naxes C.int64_t, dst *C.double, ndst C.int64_t, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		var ax []int
		if axes != nil {
			ax = dims(axes, naxes)
		}
		x, e := twinmath.TensorsolveContext(ctx, inTensor(a, nda, ashape), inTensor(b, ndb, bshape), ax)
		return give(dst, ndst, x, e)
	})
}

//export tm_tensorinv
func tm_tensorinv(a *C.tm_cdouble, nda C.int64_t, ashape *C.tm_cint64, ind C.int64_t, dst *C.double, ndst C.int64_t, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		x, e := twinmath.TensorinvContext(ctx, inTensor(a, nda, ashape), int(ind))
		return give(dst, ndst, x, e)
	})
}

//export tm_tensordot
func tm_tensordot(a *C.tm_cdouble, nda C.int64_t, ashape *C.tm_cint64, b *C.tm_cdouble, ndb C.int64_t, bshape *C.tm_cint64,
	axesA, axesB *C.tm_cint64, naxes C.int64_t, dst *C.double, ndst C.int64_t, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		c, e := twinmath.TensordotContext(ctx, inTensor(a, nda, ashape), inTensor(b, ndb, bshape), ints(axesA, naxes), ints(axesB, naxes))
		return give(dst, ndst, c, e)
	})
}

//export tm_norm_axis
func tm_norm_axis(x *C.tm_cdouble, nd C.int64_t, shape *C.tm_cint64, axis C.int64_t, ord C.double, dst *C.double, ndst C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		t := inTensor(x, nd, shape)
		r, e := twinmath.NormAxis(t.Data, t.Shape, int(axis), float64(ord))
		return give(dst, ndst, twinmath.Tensor{Data: r}, e)
	})
}

//export tm_trace_offset
func tm_trace_offset(a *C.tm_cdouble, m, n, offset C.int64_t, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		r, e := twinmath.TraceOffset(inMat(a, m, n), int(offset))
		return scalar(res, r, e)
	})
}
