package twinmath

import (
	"math"
	"testing"
)

func FuzzVectors(f *testing.F) {
	fuzzOps(f, 10, func(t *testing.T, op byte, z *fz, c *checker) {
		a, b := z.vec(), z.vec()
		if z.byte()%2 == 0 && len(b) >= len(a) {
			b = b[:len(a)] // equal lengths most of the time
		}
		s := z.float()
		ord := []float64{1, 2, math.Inf(1), 0, -1, math.NaN(), 3}[z.small(7)]
		c.keep(a, b)
		switch op % 10 {
		case 0:
			r, err := Add(a, b)
			c.done("Add", err, r)
		case 1:
			r, err := Subtract(a, b)
			c.done("Subtract", err, r)
		case 2:
			r := Scale(a, s)
			c.done("Scale", nil, r)
		case 3:
			r, err := Dot(a, b)
			c.done("Dot", err, []float64{r})
		case 4:
			r, err := Norm(a, ord)
			c.done("Norm", err, []float64{r})
		case 5:
			m := z.matrix()
			c.keepMatrix(m)
			r, err := MatrixNorm(m, ord)
			c.done("MatrixNorm", err, []float64{r})
		case 6:
			m := z.matrix()
			c.keepMatrix(m)
			r, err := FrobeniusNorm(m)
			c.done("FrobeniusNorm", err, []float64{r})
		case 7:
			r, err := CosineSimilarity(a, b)
			if err == nil && !(r >= -1 && r <= 1) && r == r {
				t.Fatalf("CosineSimilarity = %v", r)
			}
			c.done("CosineSimilarity", err, []float64{r})
		case 8:
			r, err := Outer(a, b)
			c.done("Outer", err, r.Data)
		case 9:
			r, err := Project(a, b)
			c.done("Project", err, r)
		}
	})
}
