package twinmath

import "testing"

func FuzzNN(f *testing.F) {
	fuzzOps(f, 8, func(t *testing.T, op byte, z *fz, c *checker) {
		x := z.vec()
		c.keep(x)
		switch op % 8 {
		case 0:
			c.done("Sigmoid", nil, Sigmoid(x))
		case 1:
			c.done("SigmoidDerivative", nil, SigmoidDerivative(x))
		case 2:
			c.done("Relu", nil, Relu(x))
		case 3:
			c.done("Tanh", nil, Tanh(x))
		case 4:
			c.done("Softmax", nil, Softmax(x))
		case 5:
			shape := make([]int, z.small(4))
			for i := range shape {
				shape[i] = z.dim()
			}
			r, err := SoftmaxAxis(x, shape, z.count())
			c.done("SoftmaxAxis", err, r)
		case 6:
			xm, w1, w2 := z.matrix(), z.matrix(), z.matrix()
			b1, b2 := z.vec(), z.vec()
			c.keepMatrix(xm, w1, w2)
			c.keep(b1, b2)
			r, err := ForwardPass(xm, w1, b1, w2, b2)
			c.done("ForwardPass", err, r.A1.Data, r.A2.Data, r.Z1.Data, r.Z2.Data)
		case 7:
			ms := make([]Matrix, 8)
			for i := range ms {
				ms[i] = z.matrix()
			}
			c.keepMatrix(ms...)
			r, err := BackwardPass(ms[0], ms[1], ForwardPassResult{A1: ms[2], A2: ms[3], Z1: ms[4], Z2: ms[5]}, ms[6], ms[7])
			c.done("BackwardPass", err, r.DW1.Data, r.DB1, r.DW2.Data, r.DB2)
		}
	})
}
