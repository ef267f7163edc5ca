package main

/*
#include "libtwinmath.h"

// cgo cannot call a C function pointer: these call the caller's callbacks.
static inline int tm_call_scalar(tm_scalar_fn f, void *ctx, const double *x, int64_t n, double *out) {
	return f(ctx, x, n, out);
}
static inline int tm_call_vector(tm_vector_fn f, void *ctx, const double *x, int64_t n,
                                 const double **out, int64_t *m) {
	return f(ctx, x, n, out, m);
}
*/
import "C"

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/twinmath/twinmath/go"
)

// failed is the error of a callback that returned a non-zero status. The
// calculus operations wrap it with twinmath.ErrCallback, which call reports
// as TM_ERR_CALLBACK; what went wrong is the caller's to know.
type failed C.int

func (s failed) Error() string { return fmt.Sprintf("the callback returned status %d", int(s)) }

// first returns a pointer to the first value of x (nil for an empty x),
// which the callback reads during the call only.
func first(x []float64) *C.double {
	if len(x) == 0 {
		return nil
	}
	return (*C.double)(unsafe.Pointer(&x[0]))
}

// zeroStep keeps h = 0 an error for the C library, as in the Python API
// (whose default step is explicit), while the Go package reads h = 0 as
// "use the default step". It gives the package's own message for h = 0.
func zeroStep(op string, h C.double) error {
	if h != 0 {
		return nil
	}
	got := "0.0"
	if math.Signbit(float64(h)) {
		got = "-0.0"
	}
	return fmt.Errorf("%s: %w: h must be positive and finite, got %s", op, twinmath.ErrInvalid, got)
}

// scalarFn wraps a C scalar callback as a twinmath.Func; nil stays nil.
func scalarFn(f C.tm_scalar_fn, ctx unsafe.Pointer) twinmath.Func {
	if f == nil {
		return nil
	}
	out := new(C.double)
	return func(x []float64) (float64, error) {
		if st := C.tm_call_scalar(f, ctx, first(x), C.int64_t(len(x)), out); st != 0 {
			return 0, failed(st)
		}
		return float64(*out), nil
	}
}

// vectorFn wraps a C vector callback as a twinmath.VecFunc; nil stays nil.
// The slice it returns is the callback's memory, valid until the next call,
// which is all the calculus operations need (they copy).
func vectorFn(f C.tm_vector_fn, ctx unsafe.Pointer) twinmath.VecFunc {
	if f == nil {
		return nil
	}
	type result struct {
		p *C.double
		m C.int64_t
	}
	r := new(result)
	return func(x []float64) ([]float64, error) {
		r.p, r.m = nil, 0
		if st := C.tm_call_vector(f, ctx, first(x), C.int64_t(len(x)), &r.p, &r.m); st != 0 {
			return nil, failed(st)
		}
		return unsafe.Slice((*float64)(checked(unsafe.Pointer(r.p), r.m)), int(r.m)), nil
	}
}

//export tm_derivative
func tm_derivative(f C.tm_scalar_fn, ctx unsafe.Pointer, x, h C.double, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		if e := zeroStep("derivative", h); e != nil {
			return e
		}
		g := scalarFn(f, ctx)
		v, e := twinmath.DerivativeErr(func(x float64) (float64, error) { return g([]float64{x}) }, float64(x), float64(h))
		return scalar(res, v, e)
	})
}

//export tm_gradient
func tm_gradient(f C.tm_scalar_fn, ctx unsafe.Pointer, x *C.tm_cdouble, n C.int64_t, h C.double, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		if e := zeroStep("gradient", h); e != nil {
			return e
		}
		return twinmath.GradientTo(out(dst, n), scalarFn(f, ctx), in(x, n), float64(h))
	})
}

//export tm_jacobian
func tm_jacobian(f C.tm_vector_fn, ctx unsafe.Pointer, x *C.tm_cdouble, n C.int64_t, h C.double, m C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		if e := zeroStep("jacobian", h); e != nil {
			return e
		}
		return twinmath.JacobianTo(outMat(dst, m, n), vectorFn(f, ctx), in(x, n), float64(h))
	})
}

//export tm_hessian
func tm_hessian(f C.tm_scalar_fn, ctx unsafe.Pointer, x *C.tm_cdouble, n C.int64_t, h C.double, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		if e := zeroStep("hessian", h); e != nil {
			return e
		}
		return twinmath.HessianTo(outMat(dst, n, n), scalarFn(f, ctx), in(x, n), float64(h))
	})
}

//export tm_taylor
func tm_taylor(f C.tm_scalar_fn, ctx unsafe.Pointer, x0 *C.tm_cdouble, n0 C.int64_t, x *C.tm_cdouble, n C.int64_t, order C.int64_t, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		v, e := twinmath.TaylorErr(scalarFn(f, ctx), in(x0, n0), in(x, n), int(order))
		return scalar(res, v, e)
	})
}

//export tm_gradient_descent
func tm_gradient_descent(f C.tm_scalar_fn, grad C.tm_vector_fn, ctx unsafe.Pointer, x0 *C.tm_cdouble, n C.int64_t,
	learningRate C.double, maxIter C.int64_t, tol C.double, history *C.double, rows C.int64_t,
	written *C.int64_t, stopped *C.int, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		k, done, e := twinmath.GradientDescentTo(outMat(history, rows, n), scalarFn(f, ctx), vectorFn(grad, ctx), in(x0, n), twinmath.GradientDescentOptions{LearningRate: float64(learningRate), MaxIter: int(maxIter), Tol: float64(tol), Literal: true})
		*written, *stopped = C.int64_t(k), 0
		if done {
			*stopped = 1
		}
		return e
	})
}

//export tm_symbolic_derivative
func tm_symbolic_derivative(expression *C.tm_cchar, nexpr C.int64_t, variable *C.tm_cchar, nvar C.int64_t,
	dst *C.char, dstlen C.size_t, length *C.size_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		e := C.GoStringN((*C.char)(checkedText(unsafe.Pointer(expression), nexpr)), C.int(nexpr))
		v := C.GoStringN((*C.char)(checkedText(unsafe.Pointer(variable), nvar)), C.int(nvar))
		s, er := twinmath.SymbolicDerivative(e, v)
		if er != nil {
			return er
		}
		*length = C.size_t(len(s))
		if C.size_t(len(s)) < dstlen {
			b := unsafe.Slice((*byte)(unsafe.Pointer(dst)), len(s)+1)
			copy(b, s)
			b[len(s)] = 0
		}
		return nil
	})
}

// checkedText returns p after checking that it may hold n bytes of text.
func checkedText(p unsafe.Pointer, n C.int64_t) unsafe.Pointer {
	if n < 0 || n > 1<<31-1 {
		panic(argError(fmt.Sprintf("text length %d out of range", n)))
	}
	if p == nil && n > 0 {
		panic(argError("NULL pointer for non-empty text"))
	}
	return p
}
