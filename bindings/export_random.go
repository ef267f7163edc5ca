package main

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"unsafe"

	"github.com/twinmath/twinmath/go"
)

// outInt64 returns the n int64 values at p as a writable slice, without copying.
func outInt64(p *C.int64_t, n C.int64_t) []int64 {
	return unsafe.Slice((*int64)(checked(unsafe.Pointer(p), n)), int(n))
}

//export tm_rng_new
func tm_rng_new(seed C.uint64_t, handle *C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		*handle = C.int64_t(newHandle(twinmath.NewRng(uint64(seed))))
		return nil
	})
}

//export tm_rng_random
func tm_rng_random(h C.int64_t, dst *C.double, n C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return with(h, func(r *twinmath.Rng) error {
			r.RandomTo(out(dst, n))
			return nil
		})
	})
}

//export tm_rng_normal
func tm_rng_normal(h C.int64_t, dst *C.double, n C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return with(h, func(r *twinmath.Rng) error {
			r.NormalTo(out(dst, n))
			return nil
		})
	})
}

//export tm_rng_integers
func tm_rng_integers(h C.int64_t, low, high C.int64_t, dst *C.int64_t, n C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return with(h, func(r *twinmath.Rng) error {
			return r.IntegersTo(outInt64(dst, n), int64(low), int64(high))
		})
	})
}

//export tm_rng_permutation
func tm_rng_permutation(h C.int64_t, n C.int64_t, dst *C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		return with(h, func(r *twinmath.Rng) error {
			p, e := r.Permutation(int(n))
			if e != nil {
				return e
			}
			d := outInt64(dst, n)
			for i, v := range p {
				d[i] = int64(v)
			}
			return nil
		})
	})
}
