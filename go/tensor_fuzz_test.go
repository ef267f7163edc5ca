package twinmath

import (
	"math"
	"slices"
	"testing"
)

// tensor returns a tensor of up to four axes, mostly consistent (its Data
// the size its shape gives, at most 64 values), sometimes not.
func (f *fz) tensor() Tensor {
	shape := make([]int, f.small(5))
	size := 1
	for i := range shape {
		shape[i] = f.dim()
		if shape[i] < 0 || shape[i] > 64 {
			size = 65 // an impossible shape: any Data
		} else if size <= 64 {
			size *= shape[i]
		}
	}
	if size > 64 || f.byte() == 255 {
		size = f.small(5)
		f.special = true
	}
	d := make([]float64, size)
	for i := range d {
		d[i] = f.float()
	}
	return Tensor{Shape: shape, Data: d}
}

// axes returns up to three axis numbers, in range or not.
func (f *fz) axes() []int {
	if f.byte()%4 == 0 {
		return nil
	}
	ax := make([]int, f.small(4))
	for i := range ax {
		ax[i] = f.count()
	}
	return ax
}

// FuzzTensor covers tensordot, tensorsolve, tensorinv and the norm along an
// axis (tensor.go).
func FuzzTensor(f *testing.F) {
	fuzzOps(f, 5, func(t *testing.T, op byte, z *fz, c *checker) {
		a, b := z.tensor(), z.tensor()
		axA, axB := z.axes(), z.axes()
		n := z.count()
		ord := []float64{2, 1, math.Inf(1), math.Inf(-1), 0, -1, 3, math.NaN()}[z.small(8)]
		c.keep(a.Data, b.Data)
		shapes := append(append([]int(nil), a.Shape...), b.Shape...)
		axesIn := append(append([]int(nil), axA...), axB...)
		defer func() {
			if !slices.Equal(shapes, append(append([]int(nil), a.Shape...), b.Shape...)) || !slices.Equal(axesIn, append(append([]int(nil), axA...), axB...)) {
				t.Fatalf("a shape or an axes argument changed")
			}
		}()
		switch op % 5 {
		case 0:
			r, err := Tensordot(a, b, axA, axB)
			c.done("Tensordot", err, r.Data)
		case 1:
			r, err := TensordotN(a, b, n)
			c.done("TensordotN", err, r.Data)
		case 2:
			r, err := Tensorsolve(a, b, axA)
			c.done("Tensorsolve", err, r.Data)
		case 3:
			r, err := Tensorinv(a, n)
			c.done("Tensorinv", err, r.Data)
		case 4:
			// The norm of no entries for a negative order is +Inf (numpy's).
			c.allowed = func(x float64) bool { return ord < 0 && math.IsInf(x, 1) }
			r, err := NormAxis(a.Data, a.Shape, n, ord)
			c.done("NormAxis", err, r)
		}
	})
}
