package main

/*
#include "libtwinmath.h"
*/
import "C"

import "twinmath"

//export tm_sigmoid
func tm_sigmoid(x *C.tm_cdouble, n C.int64_t, dst *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return twinmath.SigmoidTo(out(dst, n), in(x, n))
	})
}
