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

// outComplex returns the n complex values at p — 2n doubles, real and
// imaginary parts interleaved, the layout of a complex128 numpy array — as a
// writable slice, without copying.
func outComplex(p *C.double, n C.int64_t) []complex128 {
	return unsafe.Slice((*complex128)(checked(unsafe.Pointer(p), 2*n)), int(n))
}

//export tm_eigh
func tm_eigh(a *C.tm_cdouble, m, n C.int64_t, w *C.double, v *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.EighLowerToContext(ctx, out(w, m), outMat(v, m, m), inMat(a, m, n))
	})
}

//export tm_eig
func tm_eig(a *C.tm_cdouble, m, n C.int64_t, w *C.double, v *C.double, allReal *C.int, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		vs := outComplex(v, size(m, m))
		r, e := twinmath.EigToContext(ctx, outComplex(w, m), twinmath.ComplexMatrix{Rows: int(m), Cols: int(m), Data: vs}, inMat(a, m, n))
		if e == nil {
			*allReal = 0
			if r {
				*allReal = 1
			}
		}
		return e
	})
}

//export tm_eigvals
func tm_eigvals(a *C.tm_cdouble, m, n C.int64_t, w *C.double, allReal *C.int, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		r, e := twinmath.EigvalsToContext(ctx, outComplex(w, m), inMat(a, m, n))
		if e == nil {
			*allReal = 0
			if r {
				*allReal = 1
			}
		}
		return e
	})
}

//export tm_eigvalsh
func tm_eigvalsh(a *C.tm_cdouble, m, n C.int64_t, w *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.EigvalshToContext(ctx, out(w, m), inMat(a, m, n))
	})
}
