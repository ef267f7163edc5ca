package main

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"context"

	"github.com/twinmath/twinmath/go"
)

//export tm_mean
func tm_mean(x *C.tm_cdouble, n C.int64_t, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		v, e := twinmath.Mean(in(x, n))
		return scalar(res, v, e)
	})
}

//export tm_mean_axis
func tm_mean_axis(a *C.tm_cdouble, rows, cols, axis C.int64_t, dst *C.double, ndst C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.MeanAxisTo(out(dst, ndst), inMat(a, rows, cols), int(axis))
	})
}

//export tm_variance
func tm_variance(x *C.tm_cdouble, n, ddof C.int64_t, res *C.double, err *C.char, errlen C.size_t) C.int {
	return spread(twinmath.Variance, x, n, ddof, res, err, errlen)
}

//export tm_variance_axis
func tm_variance_axis(a *C.tm_cdouble, rows, cols, ddof, axis C.int64_t, dst *C.double, ndst C.int64_t, err *C.char, errlen C.size_t) C.int {
	return spreadAxis(twinmath.VarianceAxisTo, a, rows, cols, ddof, axis, dst, ndst, err, errlen)
}

//export tm_std
func tm_std(x *C.tm_cdouble, n, ddof C.int64_t, res *C.double, err *C.char, errlen C.size_t) C.int {
	return spread(twinmath.Std, x, n, ddof, res, err, errlen)
}

//export tm_std_axis
func tm_std_axis(a *C.tm_cdouble, rows, cols, ddof, axis C.int64_t, dst *C.double, ndst C.int64_t, err *C.char, errlen C.size_t) C.int {
	return spreadAxis(twinmath.StdAxisTo, a, rows, cols, ddof, axis, dst, ndst, err, errlen)
}

//export tm_covariance
func tm_covariance(x *C.tm_cdouble, rows, cols, ddof C.int64_t, dst *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		return twinmath.CovarianceToContext(ctx, outMat(dst, cols, cols), inMat(x, rows, cols), int(ddof))
	})
}

//export tm_zscore
func tm_zscore(x *C.tm_cdouble, rows, cols C.int64_t, xn, mean, std *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.ZscoreTo(outMat(xn, rows, cols), out(mean, cols), out(std, cols), inMat(x, rows, cols))
	})
}

//export tm_bayes
func tm_bayes(pBGivenA, pA, pB C.double, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		v, e := twinmath.Bayes(float64(pBGivenA), float64(pA), float64(pB))
		return scalar(res, v, e)
	})
}

//export tm_expectation
func tm_expectation(values *C.tm_cdouble, nv C.int64_t, probs *C.tm_cdouble, np C.int64_t, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		v, e := twinmath.Expectation(in(values, nv), in(probs, np))
		return scalar(res, v, e)
	})
}

//export tm_normal_pdf
func tm_normal_pdf(x *C.tm_cdouble, n C.int64_t, mu, sigma C.double, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.NormalPDFTo(out(dst, n), in(x, n), float64(mu), float64(sigma))
	})
}

//export tm_normal_cdf
func tm_normal_cdf(x *C.tm_cdouble, n C.int64_t, mu, sigma C.double, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.NormalCDFTo(out(dst, n), in(x, n), float64(mu), float64(sigma))
	})
}

//export tm_confidence_interval
func tm_confidence_interval(x *C.tm_cdouble, n C.int64_t, level C.double, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		lo, hi, e := twinmath.ConfidenceInterval(in(x, n), float64(level))
		if e == nil {
			d := out(dst, 2)
			d[0], d[1] = lo, hi
		}
		return e
	})
}

// spread calls f, the variance or the standard deviation, on the n doubles
// at x with ddof.
func spread(f func(x []float64, ddof int) (float64, error), x *C.tm_cdouble, n, ddof C.int64_t, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		v, e := f(in(x, n), int(ddof))
		return scalar(res, v, e)
	})
}

// spreadAxis calls f, the variance or the standard deviation along an axis,
// on the rows×cols matrix at a, writing ndst doubles at dst.
func spreadAxis(f func(dst []float64, a twinmath.Matrix, ddof, axis int) error, a *C.tm_cdouble, rows, cols, ddof, axis C.int64_t, dst *C.double, ndst C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return f(out(dst, ndst), inMat(a, rows, cols), int(ddof), int(axis))
	})
}
