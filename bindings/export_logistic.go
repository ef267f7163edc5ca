package main

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"context"

	"github.com/twinmath/twinmath/go"
)

//export tm_make_classification
func tm_make_classification(nSamples, nFeatures C.int64_t, seed C.uint64_t, x *C.double, y *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		// Bad counts are reported by the Go package in its own words; the
		// buffers of a call with such counts are empty.
		n, d := max(nSamples, 0), max(nFeatures, 0)
		return twinmath.MakeClassificationTo(outMat(x, n, d), out(y, n), int(nSamples), int(nFeatures), uint64(seed))
	})
}

//export tm_train_test_split
func tm_train_test_split(x *C.tm_cdouble, n, d C.int64_t, y *C.tm_cdouble, ny C.int64_t, testSize C.double, seed C.uint64_t,
	xTrain *C.double, nTrain C.int64_t, xTest *C.double, nTest C.int64_t, yTrain, yTest *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.TrainTestSplitTo(outMat(xTrain, nTrain, d), outMat(xTest, nTest, d), out(yTrain, nTrain), out(yTest, nTest),
			inMat(x, n, d), in(y, ny), float64(testSize), uint64(seed))
	})
}

//export tm_logistic_regression
func tm_logistic_regression(x *C.tm_cdouble, n, d C.int64_t, y *C.tm_cdouble, ny C.int64_t, learningRate C.double, maxIter C.int64_t,
	l2, l1 C.double, seed C.uint64_t, w *C.double, b *C.double, losses *C.double, cancel *C.tm_cflag, err *C.char, errlen C.size_t) C.int {
	return callCancellable(cancel, err, errlen, func(ctx context.Context) error {
		// A negative maxIter is reported by the Go package; its losses buffer is empty.
		r, e := twinmath.LogisticRegressionToContext(ctx, out(w, d), out(losses, max(maxIter, 0)), inMat(x, n, d), in(y, ny),
			float64(learningRate), int(maxIter), float64(l2), float64(l1), uint64(seed))
		return scalar(b, r, e)
	})
}

//export tm_predict_proba
func tm_predict_proba(x *C.tm_cdouble, n, d C.int64_t, w *C.tm_cdouble, nw C.int64_t, b C.double, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.PredictProbaTo(out(dst, n), inMat(x, n, d), in(w, nw), float64(b))
	})
}

//export tm_predict
func tm_predict(x *C.tm_cdouble, n, d C.int64_t, w *C.tm_cdouble, nw C.int64_t, b C.double, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.PredictTo(out(dst, n), inMat(x, n, d), in(w, nw), float64(b))
	})
}

//export tm_accuracy
func tm_accuracy(yTrue *C.tm_cdouble, n C.int64_t, yPred *C.tm_cdouble, m C.int64_t, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		r, e := twinmath.Accuracy(in(yTrue, n), in(yPred, m))
		return scalar(res, r, e)
	})
}
