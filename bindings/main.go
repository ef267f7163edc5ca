// Command bindings is the C shared library libtwinmath.so: the twinmath Go
// package behind the C interface declared in libtwinmath.h. Build it with
//
//	go build -buildmode=c-shared -o libtwinmath.so .
//
// Every export follows one pattern: wrap the caller's buffers as Go slices
// without copying, call the twinmath function, and turn its error — or a
// panic — into a status code and a message in the caller's buffer. No Go
// pointer is returned to C or kept after a call.
package main

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	"github.com/twinmath/twinmath/go"
)

func main() {}

//export tm_gomaxprocs
func tm_gomaxprocs() C.int {
	return C.int(runtime.GOMAXPROCS(0))
}

// argError reports a C argument that breaks the header's contract (a
// negative length, a NULL pointer with a non-zero length). The wrapping
// helpers panic with it and call recovers it into TM_ERR_INVALID.
type argError string

// call runs f and returns its status: TM_OK, the code of the sentinel its
// error wraps, TM_ERR_INVALID for a broken argument, or TM_ERR_INTERNAL for
// any other panic. The message is copied into buf.
func call(buf *C.char, n C.size_t, f func() error) (status C.int) {
	defer func() {
		if r := recover(); r != nil {
			if a, ok := r.(argError); ok {
				status = report(C.TM_ERR_INVALID, "invalid input: "+string(a), buf, n)
				return
			}
			status = report(C.TM_ERR_INTERNAL, fmt.Sprintf("internal error: %v", r), buf, n)
		}
	}()
	if err := f(); err != nil {
		return report(code(err), err.Error(), buf, n)
	}
	return C.TM_OK
}

// code maps an error to the status code of the sentinel it wraps.
func code(err error) C.int {
	switch {
	case errors.Is(err, twinmath.ErrCallback): // first: a callback's own error may wrap a sentinel
		return C.TM_ERR_CALLBACK
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return C.TM_ERR_CANCELLED
	case errors.Is(err, twinmath.ErrShape):
		return C.TM_ERR_SHAPE
	case errors.Is(err, twinmath.ErrSingular):
		return C.TM_ERR_SINGULAR
	case errors.Is(err, twinmath.ErrNotPositiveDefinite):
		return C.TM_ERR_NOT_POSITIVE_DEFINITE
	case errors.Is(err, twinmath.ErrNoConvergence):
		return C.TM_ERR_NO_CONVERGENCE
	case errors.Is(err, twinmath.ErrInvalid):
		return C.TM_ERR_INVALID
	}
	return C.TM_ERR_INTERNAL
}

// report copies msg, truncated and NUL-terminated, into the caller's buffer
// and returns status.
func report(status C.int, msg string, buf *C.char, n C.size_t) C.int {
	if buf != nil && n > 0 {
		dst := unsafe.Slice((*byte)(unsafe.Pointer(buf)), int(n))
		k := copy(dst[:len(dst)-1], msg)
		dst[k] = 0
	}
	return status
}

// in returns the n doubles at p as a slice, without copying.
func in(p *C.tm_cdouble, n C.int64_t) []float64 {
	return unsafe.Slice((*float64)(checked(unsafe.Pointer(p), n)), int(n))
}

// inBytes returns the n doubles in the 8·n bytes at p: the bytes
// themselves when p is aligned for a double (a Python bytes object's are),
// else a copy.
func inBytes(p *C.tm_cchar, n C.int64_t) []float64 {
	q := checked(unsafe.Pointer(p), n)
	if uintptr(q)%8 == 0 || n == 0 {
		return unsafe.Slice((*float64)(q), int(n))
	}
	x := make([]float64, n)
	copy(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(x))), 8*len(x)), unsafe.Slice((*byte)(q), 8*len(x)))
	return x
}

// out returns the n doubles at p as a writable slice, without copying.
func out(p *C.double, n C.int64_t) []float64 {
	return unsafe.Slice((*float64)(checked(unsafe.Pointer(p), n)), int(n))
}

// inMat wraps a rows×cols input matrix.
func inMat(p *C.tm_cdouble, rows, cols C.int64_t) twinmath.Matrix {
	return twinmath.Matrix{Rows: int(rows), Cols: int(cols), Data: in(p, size(rows, cols))}
}

// outMat wraps a rows×cols output matrix.
func outMat(p *C.double, rows, cols C.int64_t) twinmath.Matrix {
	return twinmath.Matrix{Rows: int(rows), Cols: int(cols), Data: out(p, size(rows, cols))}
}

// size returns rows·cols, checking both for the contract.
func size(rows, cols C.int64_t) C.int64_t {
	if rows < 0 || cols < 0 {
		panic(argError(fmt.Sprintf("negative dimension %dx%d", rows, cols)))
	}
	if rows > 0 && cols > (1<<62)/rows {
		panic(argError(fmt.Sprintf("dimension %dx%d too large", rows, cols)))
	}
	return rows * cols
}

// checked returns p after checking that it may hold n doubles.
func checked(p unsafe.Pointer, n C.int64_t) unsafe.Pointer {
	return checkedFor(p, n, "length", "NULL pointer for a non-empty array")
}

// checkedFor returns p after checking that n, the count of what it holds,
// is not negative, and that p is not NULL when n is positive (the message
// null).
func checkedFor(p unsafe.Pointer, n C.int64_t, what, null string) unsafe.Pointer {
	if n < 0 {
		panic(argError(fmt.Sprintf("negative %s %d", what, n)))
	}
	if p == nil && n > 0 {
		panic(argError(null))
	}
	return p
}

// scalar stores v in *dst unless err is set, and returns err.
func scalar(dst *C.double, v float64, err error) error {
	if err == nil {
		*dst = C.double(v)
	}
	return err
}
