package main

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"bytes"
	"fmt"
	"unsafe"

	"github.com/twinmath/twinmath/go"
)

//export tm_save_model
func tm_save_model(kind C.int, w1 *C.tm_cdouble, r1, c1 C.int64_t, b1 *C.tm_cdouble, nb1 C.int64_t,
	w2 *C.tm_cdouble, r2, c2 C.int64_t, b2 *C.tm_cdouble, nb2 C.int64_t,
	mean *C.tm_cdouble, nmean C.int64_t, std *C.tm_cdouble, nstd C.int64_t, activation *C.tm_cchar,
	dst *C.uint8_t, capacity C.int64_t, length *C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		var m twinmath.Model
		switch kind {
		case C.TM_MODEL_LOGISTIC_REGRESSION:
			b := in(b1, nb1)
			if len(b) != 1 {
				return fmt.Errorf("save_model: %w: b must be one value, got %d", twinmath.ErrShape, len(b))
			}
			m = &twinmath.LogisticModel{W: in(w1, r1), B: b[0], Mean: in(mean, nmean), Std: in(std, nstd)}
		case C.TM_MODEL_MLP:
			if activation == nil {
				panic(argError("NULL activation"))
			}
			m = &twinmath.MLPModel{W1: inMat(w1, r1, c1), B1: in(b1, nb1), W2: inMat(w2, r2, c2), B2: in(b2, nb2),
				Activation: C.GoString(activation), Mean: in(mean, nmean), Std: in(std, nstd)}
		default:
			return fmt.Errorf("save_model: %w: unknown model kind %d", twinmath.ErrInvalid, kind)
		}
		var buf bytes.Buffer
		if e := twinmath.SaveModel(&buf, m); e != nil {
			return e
		}
		if int64(buf.Len()) > int64(capacity) {
			return fmt.Errorf("save_model: %w: the file has %d bytes, dst only %d", twinmath.ErrShape, buf.Len(), capacity)
		}
		copy(bytesOut(dst, capacity), buf.Bytes())
		*length = C.int64_t(buf.Len())
		return nil
	})
}

//export tm_load_model_dims
func tm_load_model_dims(data *C.tm_cbyte, n C.int64_t, kind *C.int, dims *C.int64_t, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		m, e := twinmath.LoadModel(bytes.NewReader(bytesIn(data, n)))
		if e != nil {
			return e
		}
		d := unsafe.Slice((*C.int64_t)(dims), 3)
		switch m := m.(type) {
		case *twinmath.LogisticModel:
			*kind = C.TM_MODEL_LOGISTIC_REGRESSION
			d[0], d[1], d[2] = C.int64_t(len(m.W)), 1, 1
		case *twinmath.MLPModel:
			*kind = C.TM_MODEL_MLP
			d[0], d[1], d[2] = C.int64_t(m.W1.Rows), C.int64_t(m.W1.Cols), C.int64_t(m.W2.Cols)
		}
		return nil
	})
}

//export tm_load_model
func tm_load_model(data *C.tm_cbyte, n C.int64_t, w1, b1, w2, b2, mean, std *C.double, err *C.char, errlen C.size_t) C.int {
	return call(err, errlen, func() error {
		m, e := twinmath.LoadModel(bytes.NewReader(bytesIn(data, n)))
		if e != nil {
			return e
		}
		switch m := m.(type) {
		case *twinmath.LogisticModel:
			d := C.int64_t(len(m.W))
			copy(out(w1, d), m.W)
			out(b1, 1)[0] = m.B
			copy(out(mean, d), m.Mean)
			copy(out(std, d), m.Std)
		case *twinmath.MLPModel:
			d, h, k := C.int64_t(m.W1.Rows), C.int64_t(m.W1.Cols), C.int64_t(m.W2.Cols)
			copy(out(w1, d*h), m.W1.Data)
			copy(out(b1, h), m.B1)
			copy(out(w2, h*k), m.W2.Data)
			copy(out(b2, k), m.B2)
			copy(out(mean, d), m.Mean)
			copy(out(std, d), m.Std)
		}
		return nil
	})
}

// bytesIn returns the n bytes at p as a slice, without copying; checked
// applies to bytes as to doubles (a length that is not negative, a pointer
// that is not NULL when the length is not zero).
func bytesIn(p *C.tm_cbyte, n C.int64_t) []byte {
	return unsafe.Slice((*byte)(checked(unsafe.Pointer(p), n)), int(n))
}

// bytesOut returns the n bytes at p as a writable slice, without copying.
func bytesOut(p *C.uint8_t, n C.int64_t) []byte {
	return unsafe.Slice((*byte)(checked(unsafe.Pointer(p), n)), int(n))
}
