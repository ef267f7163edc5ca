package main

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"context"
	"math"

	"github.com/twinmath/twinmath/go"
)

//export tm_add
func tm_add(a *C.tm_cdouble, na C.int64_t, b *C.tm_cdouble, nb C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.AddTo(out(dst, na), in(a, na), in(b, nb))
	})
}

//export tm_subtract
func tm_subtract(a *C.tm_cdouble, na C.int64_t, b *C.tm_cdouble, nb C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.SubtractTo(out(dst, na), in(a, na), in(b, nb))
	})
}

//export tm_scale
func tm_scale(v *C.tm_cdouble, n C.int64_t, c C.double, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.ScaleTo(out(dst, n), in(v, n), float64(c))
	})
}

//export tm_dot
func tm_dot(a *C.tm_cdouble, na C.int64_t, b *C.tm_cdouble, nb C.int64_t, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		v, e := twinmath.Dot(in(a, na), in(b, nb))
		return scalar(res, v, e)
	})
}

// tm_dot_bytes is tm_dot for short vectors passed as bytes, with three
// arguments instead of seven and the product returned: the Python wrapper
// passes two bytes objects, which cffi hands over without exporting a
// buffer. It returns NaN when the call fails (a negative n), and the caller
// then asks tm_dot for the status and message.
//
//export tm_dot_bytes
func tm_dot_bytes(a, b *C.tm_cchar, n C.int64_t) (r C.double) {
	defer func() {
		if recover() != nil {
			r = C.double(math.NaN())
		}
	}()
	v, err := twinmath.Dot(inBytes(a, n), inBytes(b, n))
	if err != nil {
		return C.double(math.NaN())
	}
	return C.double(v)
}

//export tm_norm
func tm_norm(v *C.tm_cdouble, n C.int64_t, ord C.double, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		r, e := twinmath.Norm(in(v, n), float64(ord))
		return scalar(res, r, e)
	})
}

//export tm_matrix_norm
func tm_matrix_norm(a *C.tm_cdouble, rows, cols C.int64_t, ord C.double, res *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		r, e := twinmath.MatrixNormContext(ctx, inMat(a, rows, cols), float64(ord))
		return scalar(res, r, e)
	})
}

//export tm_frobenius_norm
func tm_frobenius_norm(a *C.tm_cdouble, rows, cols C.int64_t, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		r, e := twinmath.FrobeniusNorm(inMat(a, rows, cols))
		return scalar(res, r, e)
	})
}

//export tm_cosine_similarity
func tm_cosine_similarity(a *C.tm_cdouble, na C.int64_t, b *C.tm_cdouble, nb C.int64_t, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		r, e := twinmath.CosineSimilarity(in(a, na), in(b, nb))
		return scalar(res, r, e)
	})
}

//export tm_outer
func tm_outer(a *C.tm_cdouble, na C.int64_t, b *C.tm_cdouble, nb C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.OuterTo(outMat(dst, na, nb), in(a, na), in(b, nb))
	})
}

//export tm_project
func tm_project(a *C.tm_cdouble, na C.int64_t, onto *C.tm_cdouble, nonto C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.ProjectTo(out(dst, na), in(a, na), in(onto, nonto))
	})
}

//export tm_cross
func tm_cross(a *C.tm_cdouble, na C.int64_t, b *C.tm_cdouble, nb C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.CrossTo(out(dst, 3), in(a, na), in(b, nb))
	})
}

//export tm_vector_norm
func tm_vector_norm(v *C.tm_cdouble, n C.int64_t, ord C.double, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		r, e := twinmath.VectorNorm(in(v, n), float64(ord))
		return scalar(res, r, e)
	})
}

//export tm_nuclear_norm
func tm_nuclear_norm(a *C.tm_cdouble, rows, cols C.int64_t, res *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		r, e := twinmath.NuclearNormContext(ctx, inMat(a, rows, cols))
		return scalar(res, r, e)
	})
}
