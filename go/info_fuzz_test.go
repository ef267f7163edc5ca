package twinmath

import (
	"math"
	"testing"
)

func FuzzInfo(f *testing.F) {
	fuzzOps(f, 4, func(t *testing.T, op byte, z *fz, c *checker) {
		p, q := z.vec(), z.vec()
		if z.byte()%2 == 0 {
			for i := range p {
				p[i] = math.Abs(p[i])
			}
			for i := range q {
				q[i] = math.Abs(q[i])
			}
		}
		joint := z.matrix()
		base := []float64{math.E, 2, 10, 0, -1, 1, math.NaN(), math.Inf(1)}[z.small(8)]
		c.keep(p, q)
		c.keepMatrix(joint)
		// A zero of q where p is positive makes the cross entropy and the
		// divergence +Inf.
		c.allowed = func(x float64) bool { return math.IsInf(x, 1) }
		var r float64
		var err error
		switch op % 4 {
		case 0:
			r, err = Entropy(p, base)
		case 1:
			r, err = CrossEntropy(p, q, base)
		case 2:
			r, err = KLDivergence(p, q, base)
		case 3:
			r, err = MutualInformation(joint, base)
		}
		c.done("info", err, []float64{r})
	})
}
