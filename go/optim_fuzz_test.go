package twinmath

import "testing"

func FuzzOptim(f *testing.F) {
	fuzzOps(f, 6, func(t *testing.T, op byte, z *fz, c *checker) {
		var o Optimizer
		var err error
		switch op % 3 {
		case 0:
			o, err = NewSGD(z.float())
		case 1:
			o, err = NewMomentum(z.float(), z.float())
		case 2:
			o, err = NewAdam(z.float(), z.float(), z.float(), z.float())
		}
		if err != nil {
			c.done("New", err)
			return
		}
		for step := 0; step < 1+z.small(3); step++ {
			n := z.small(3)
			params, grads := make([][]float64, n), make([][]float64, n+z.small(3)/2)
			for i := range params {
				params[i] = z.vec()
			}
			for i := range grads {
				grads[i] = z.vec()
				if i < n && z.byte()%4 != 0 {
					grads[i] = grads[i][:min(len(grads[i]), len(params[i]))]
					for len(grads[i]) < len(params[i]) {
						grads[i] = append(grads[i], z.float())
					}
				}
			}
			var ps, gs [][]int
			if op%6 >= 3 {
				ps, gs = make([][]int, n), make([][]int, len(grads))
				for i := range ps {
					ps[i] = []int{len(params[i])}
					if z.byte()%8 == 0 {
						ps[i] = []int{z.dim(), z.dim()}
					}
				}
				for i := range gs {
					gs[i] = []int{len(grads[i])}
				}
			}
			c.keep(grads...)
			before := make([][]float64, len(params))
			for i, p := range params {
				before[i] = append([]float64(nil), p...)
			}
			err := o.StepShaped(params, grads, ps, gs)
			if err != nil {
				// A refused step updates nothing.
				for i, p := range params {
					if !sameBits(p, before[i]) {
						t.Fatalf("a refused step changed params[%d]: %v, was %v", i, p, before[i])
					}
				}
				c.done("Step", err)
			} else {
				// params are updated in place: they are the results.
				c.done("Step", err, params...)
			}
			c.inputs, c.copies = nil, nil
		}
	})
}
