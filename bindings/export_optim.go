package main

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"fmt"
	"unsafe"

	"github.com/twinmath/twinmath/go"
)

//export tm_sgd_new
func tm_sgd_new(learningRate C.double, handle *C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		o, e := twinmath.NewSGD(float64(learningRate))
		return adopt(handle, o, e)
	})
}

//export tm_sgd_step
func tm_sgd_step(h C.int64_t, nparams C.int64_t, params **C.double, pshapes *C.tm_cint64, npshapes C.int64_t,
	ngrads C.int64_t, grads **C.tm_cdouble, gshapes *C.tm_cint64, ngshapes C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return step[*twinmath.SGD](h, nparams, params, pshapes, npshapes, ngrads, grads, gshapes, ngshapes)
	})
}

//export tm_momentum_new
func tm_momentum_new(learningRate, momentum C.double, handle *C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		o, e := twinmath.NewMomentum(float64(learningRate), float64(momentum))
		return adopt(handle, o, e)
	})
}

//export tm_momentum_step
func tm_momentum_step(h C.int64_t, nparams C.int64_t, params **C.double, pshapes *C.tm_cint64, npshapes C.int64_t,
	ngrads C.int64_t, grads **C.tm_cdouble, gshapes *C.tm_cint64, ngshapes C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return step[*twinmath.Momentum](h, nparams, params, pshapes, npshapes, ngrads, grads, gshapes, ngshapes)
	})
}

//export tm_adam_new
func tm_adam_new(learningRate, beta1, beta2, epsilon C.double, handle *C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		o, e := twinmath.NewAdam(float64(learningRate), float64(beta1), float64(beta2), float64(epsilon))
		return adopt(handle, o, e)
	})
}

//export tm_adam_step
func tm_adam_step(h C.int64_t, nparams C.int64_t, params **C.double, pshapes *C.tm_cint64, npshapes C.int64_t,
	ngrads C.int64_t, grads **C.tm_cdouble, gshapes *C.tm_cint64, ngshapes C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return step[*twinmath.Adam](h, nparams, params, pshapes, npshapes, ngrads, grads, gshapes, ngshapes)
	})
}

// adopt stores a new optimiser behind a handle written to *handle, unless e
// reports that it could not be made.
func adopt(handle *C.int64_t, o any, e error) error {
	if e != nil {
		return e
	}
	if handle == nil {
		panic(argError("NULL handle pointer"))
	}
	*handle = C.int64_t(newHandle(o))
	return nil
}

// step runs one step of the optimiser of kind T behind h on the caller's
// arrays, which it wraps without copying: the parameters are updated where
// they lie.
func step[T twinmath.Optimizer](h, nparams C.int64_t, params **C.double, pshapes *C.tm_cint64, npshapes C.int64_t,
	ngrads C.int64_t, grads **C.tm_cdouble, gshapes *C.tm_cint64, ngshapes C.int64_t) error {
	ps, pdims := arrays(unsafe.Pointer(params), nparams, pshapes, npshapes)
	gs, gdims := arrays(unsafe.Pointer(grads), ngrads, gshapes, ngshapes)
	return with(h, func(o T) error {
		return o.StepShaped(ps, gs, pdims, gdims)
	})
}

// arrays wraps count arrays, given as an array of pointers and their shapes
// encoded one after the other as (ndim, dim 0, …, dim ndim−1) in nshapes
// int64 values.
func arrays(ptrs unsafe.Pointer, count C.int64_t, shapes *C.tm_cint64, nshapes C.int64_t) ([][]float64, [][]int) {
	ptr := unsafe.Slice((**C.double)(checkedPtr(ptrs, count)), int(count))
	flat := dims(shapes, nshapes)
	data := make([][]float64, count)
	shape := make([][]int, count)
	at := 0
	for i := range data {
		if at >= len(flat) || flat[at] < 0 || flat[at] > len(flat)-at-1 {
			panic(argError(fmt.Sprintf("shape of array %d runs past the %d shape values", i, len(flat))))
		}
		nd := flat[at]
		shape[i] = flat[at+1 : at+1+nd]
		at += 1 + nd
		size := C.int64_t(1)
		for _, d := range shape[i] {
			if d < 0 {
				panic(argError(fmt.Sprintf("negative dimension %d in the shape of array %d", d, i)))
			}
			size = size * C.int64_t(d)
		}
		data[i] = out(ptr[i], size)
	}
	if at != len(flat) {
		panic(argError(fmt.Sprintf("%d shape values, the shapes use %d", len(flat), at)))
	}
	return data, shape
}

// checkedPtr returns p after checking that it may hold count pointers.
func checkedPtr(p unsafe.Pointer, count C.int64_t) unsafe.Pointer {
	return checkedFor(p, count, "count", "NULL array of arrays with a non-zero count")
}
