package main

/*
#include "libtwinmath.h"
*/
import "C"

import "github.com/twinmath/twinmath/go"

//export tm_entropy
func tm_entropy(p *C.tm_cdouble, n C.int64_t, base C.double, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		v, e := twinmath.Entropy(in(p, n), float64(base))
		return scalar(res, v, e)
	})
}

//export tm_cross_entropy
func tm_cross_entropy(p *C.tm_cdouble, np C.int64_t, q *C.tm_cdouble, nq C.int64_t, base C.double, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		v, e := twinmath.CrossEntropy(in(p, np), in(q, nq), float64(base))
		return scalar(res, v, e)
	})
}

//export tm_kl_divergence
func tm_kl_divergence(p *C.tm_cdouble, np C.int64_t, q *C.tm_cdouble, nq C.int64_t, base C.double, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		v, e := twinmath.KLDivergence(in(p, np), in(q, nq), float64(base))
		return scalar(res, v, e)
	})
}

//export tm_mutual_information
func tm_mutual_information(joint *C.tm_cdouble, rows, cols C.int64_t, base C.double, res *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		v, e := twinmath.MutualInformation(inMat(joint, rows, cols), float64(base))
		return scalar(res, v, e)
	})
}
