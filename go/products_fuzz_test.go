package twinmath

import (
	"math"
	"testing"
)

// FuzzProducts covers matrix powers, chains of products and the cross
// product (products.go).
func FuzzProducts(f *testing.F) {
	fuzzOps(f, 3, func(t *testing.T, op byte, z *fz, c *checker) {
		switch op % 3 {
		case 0:
			a := decompInput(z, true)
			n := z.count()
			c.keepMatrix(a)
			// Powers of moderate matrices overflow for large n.
			c.allowed = func(x float64) bool { return math.IsInf(x, 0) || math.IsNaN(x) }
			r, err := MatrixPower(a, n)
			c.done("MatrixPower", err, r.Data)
		case 1:
			ms := make([]Matrix, z.small(5))
			for i := range ms {
				if z.byte()%4 == 0 || i == 0 {
					ms[i] = z.matrix()
				} else {
					// Mostly a chain that fits.
					r := ms[i-1].Cols
					if r < 0 || r > 6 {
						r = 1
					}
					ms[i] = NewMatrix(r, 1+z.small(5))
					for j := range ms[i].Data {
						ms[i].Data[j] = z.float()
					}
				}
			}
			c.keepMatrix(ms...)
			r, err := MultiDot(ms)
			c.done("MultiDot", err, r.Data)
		case 2:
			a, b := z.vec(), z.vec()
			c.keep(a, b)
			r, err := Cross(a, b)
			c.done("Cross", err, r)
		}
	})
}
