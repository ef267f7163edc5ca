package main

// The batched decompositions and eigensolvers: as export_stack.go, each
// matrix computed as the single-matrix call computes it.

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"context"

	"github.com/twinmath/twinmath/go"
)

//export tm_eigh_stack
func tm_eigh_stack(a *C.tm_cdouble, count, m, n C.int64_t, w, v *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.EighLowerStackToContext(ctx, outStack(w, count, 1, m), outStack(v, count, m, m), inStack(a, count, m, n))
	})
}

//export tm_eigvalsh_stack
func tm_eigvalsh_stack(a *C.tm_cdouble, count, m, n C.int64_t, w *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.EigvalshStackToContext(ctx, outStack(w, count, 1, m), inStack(a, count, m, n))
	})
}

//export tm_svd_stack
func tm_svd_stack(a *C.tm_cdouble, count, m, n C.int64_t, u, s, vt *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		k := min(m, n)
		return twinmath.SVDStackToContext(ctx, outStack(u, count, m, k), outStack(s, count, 1, k), outStack(vt, count, k, n), inStack(a, count, m, n))
	})
}

//export tm_svdvals_stack
func tm_svdvals_stack(a *C.tm_cdouble, count, m, n C.int64_t, s *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.SvdvalsStackToContext(ctx, outStack(s, count, 1, min(m, n)), inStack(a, count, m, n))
	})
}

//export tm_qr_stack
func tm_qr_stack(a *C.tm_cdouble, count, m, n C.int64_t, q, r *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		k := min(m, n)
		return twinmath.QRStackToContext(ctx, outStack(q, count, m, k), outStack(r, count, k, n), inStack(a, count, m, n))
	})
}

//export tm_qr_complete_stack
func tm_qr_complete_stack(a *C.tm_cdouble, count, m, n C.int64_t, q, r *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.QRCompleteStackToContext(ctx, outStack(q, count, m, m), outStack(r, count, m, n), inStack(a, count, m, n))
	})
}

//export tm_qr_raw_stack
func tm_qr_raw_stack(a *C.tm_cdouble, count, m, n C.int64_t, h, tau *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.QRRawStackToContext(ctx, outStack(h, count, n, m), outStack(tau, count, 1, min(m, n)), inStack(a, count, m, n))
	})
}

//export tm_svd_full_stack
func tm_svd_full_stack(a *C.tm_cdouble, count, m, n C.int64_t, u, s, vt *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.SVDFullStackToContext(ctx, outStack(u, count, m, m), outStack(s, count, 1, min(m, n)), outStack(vt, count, n, n), inStack(a, count, m, n))
	})
}

//export tm_cholesky_stack
func tm_cholesky_stack(a *C.tm_cdouble, count, m, n C.int64_t, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.CholeskyStackToContext(ctx, outStack(dst, count, m, n), inStack(a, count, m, n))
	})
}

//export tm_pinv_stack
func tm_pinv_stack(a *C.tm_cdouble, count, m, n C.int64_t, rcond C.double, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.PinvStackToContext(ctx, outStack(dst, count, n, m), inStack(a, count, m, n), float64(rcond))
	})
}

//export tm_matrix_rank_stack
func tm_matrix_rank_stack(a *C.tm_cdouble, count, m, n C.int64_t, dst *C.int64_t, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		s := inStack(a, count, m, n)
		ranks := make([]int, s.Count)
		if err := twinmath.MatrixRankStackToContext(ctx, ranks, s); err != nil {
			return err
		}
		out := outInt64(dst, count)
		for i, r := range ranks {
			out[i] = int64(r)
		}
		return nil
	})
}

//export tm_eig_stack
func tm_eig_stack(a *C.tm_cdouble, count, m, n C.int64_t, w, v *C.double, allReal *C.int, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		k := stackSize(count, 1, m)
		r, e := twinmath.EigStackToContext(ctx, outComplex(w, k), outComplex(v, stackSize(count, m, m)), inStack(a, count, m, n))
		if e == nil {
			*allReal = 0
			if r {
				*allReal = 1
			}
		}
		return e
	})
}

//export tm_eigvals_stack
func tm_eigvals_stack(a *C.tm_cdouble, count, m, n C.int64_t, w *C.double, allReal *C.int, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		r, e := twinmath.EigvalsStackToContext(ctx, outComplex(w, stackSize(count, 1, m)), inStack(a, count, m, n))
		if e == nil {
			*allReal = 0
			if r {
				*allReal = 1
			}
		}
		return e
	})
}

//export tm_pinv_stack_rconds
func tm_pinv_stack_rconds(a *C.tm_cdouble, count, m, n C.int64_t, rcond *C.tm_cdouble, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.PinvStackRcondsToContext(ctx, outStack(dst, count, n, m), inStack(a, count, m, n), in(rcond, count))
	})
}
