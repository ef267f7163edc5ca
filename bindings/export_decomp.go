package main

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"context"

	"github.com/twinmath/twinmath/go"
)

//export tm_lu
func tm_lu(a *C.tm_cdouble, m, n C.int64_t, p, l, u *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		k := min(m, n)
		return twinmath.LUToContext(ctx, outMat(p, m, m), outMat(l, m, k), outMat(u, k, n), inMat(a, m, n))
	})
}

//export tm_qr
func tm_qr(a *C.tm_cdouble, m, n C.int64_t, q, r *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		k := min(m, n)
		return twinmath.QRToContext(ctx, outMat(q, m, k), outMat(r, k, n), inMat(a, m, n))
	})
}

//export tm_qr_complete
func tm_qr_complete(a *C.tm_cdouble, m, n C.int64_t, q, r *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.QRCompleteToContext(ctx, outMat(q, m, m), outMat(r, m, n), inMat(a, m, n))
	})
}

//export tm_qr_raw
func tm_qr_raw(a *C.tm_cdouble, m, n C.int64_t, h, tau *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.QRRawToContext(ctx, outMat(h, n, m), out(tau, min(m, n)), inMat(a, m, n))
	})
}

//export tm_cholesky
func tm_cholesky(a *C.tm_cdouble, m, n C.int64_t, l *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.CholeskyToContext(ctx, outMat(l, m, n), inMat(a, m, n))
	})
}

//export tm_svd
func tm_svd(a *C.tm_cdouble, m, n C.int64_t, u, s, vt *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		k := min(m, n)
		return twinmath.SVDToContext(ctx, outMat(u, m, k), out(s, k), outMat(vt, k, n), inMat(a, m, n))
	})
}

//export tm_svd_full
func tm_svd_full(a *C.tm_cdouble, m, n C.int64_t, u, s, vt *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.SVDFullToContext(ctx, outMat(u, m, m), out(s, min(m, n)), outMat(vt, n, n), inMat(a, m, n))
	})
}

//export tm_truncated_svd
func tm_truncated_svd(a *C.tm_cdouble, m, n, k C.int64_t, u, s, vt, ak *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		kk := inRange(k, min(m, n))
		return twinmath.TruncatedSVDToContext(ctx, outMat(u, m, kk), out(s, kk), outMat(vt, kk, n), outMat(ak, m, n), inMat(a, m, n), int(k))
	})
}

//export tm_pinv
func tm_pinv(a *C.tm_cdouble, m, n C.int64_t, rcond C.double, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.PinvToContext(ctx, outMat(dst, n, m), inMat(a, m, n), float64(rcond))
	})
}

//export tm_lstsq
func tm_lstsq(a *C.tm_cdouble, m, n C.int64_t, b *C.tm_cdouble, mb, k C.int64_t, rcond C.double, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.LstsqToContext(ctx, outMat(dst, n, k), inMat(a, m, n), inMat(b, mb, k), float64(rcond))
	})
}

//export tm_matrix_rank
func tm_matrix_rank(a *C.tm_cdouble, m, n C.int64_t, res *C.int64_t, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		r, e := twinmath.MatrixRankContext(ctx, inMat(a, m, n))
		if e == nil {
			*res = C.int64_t(r)
		}
		return e
	})
}

//export tm_pca
func tm_pca(x *C.tm_cdouble, rows, cols, k C.int64_t, components, explained, projected *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		kk := inRange(k, min(rows, cols))
		return twinmath.PCAToContext(ctx, outMat(components, kk, cols), out(explained, kk), outMat(projected, rows, kk), inMat(x, rows, cols), int(k))
	})
}

// inRange returns k if 1 <= k <= most, else 0: the outputs of a k out of range
// are not allocated (the caller passes empty buffers), and the Go function
// reports the bad k before it would write them.
func inRange(k, most C.int64_t) C.int64_t {
	if k < 1 || k > most {
		return 0
	}
	return k
}

//export tm_svdvals
func tm_svdvals(a *C.tm_cdouble, m, n C.int64_t, s *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.SvdvalsToContext(ctx, out(s, min(m, n)), inMat(a, m, n))
	})
}
