package twinmath

import "testing"

func FuzzLinalg(f *testing.F) {
	seeds(f, 7)
	f.Fuzz(func(t *testing.T, op byte, data []byte) {
		z := &fz{b: data}
		c := newChecker(t, z)
		var a, b Matrix
		if z.byte()%4 == 0 {
			a, b = z.matrix(), z.matrix()
		} else {
			a = z.square()
			b = Matrix{Rows: a.Rows, Cols: 1 + z.small(3)}
			b.Data = make([]float64, b.Rows*b.Cols)
			for i := range b.Data {
				b.Data[i] = z.float()
			}
		}
		c.keepMatrix(a, b)
		switch op % 7 {
		case 0:
			r, err := Matmul(a, b)
			c.done("Matmul", err, r.Data)
		case 1:
			r, err := Transpose(a)
			c.done("Transpose", err, r.Data)
		case 2:
			r, err := Trace(a)
			c.done("Trace", err, []float64{r})
		case 3:
			r, err := Det(a)
			c.done("Det", err, []float64{r})
		case 4:
			r, err := Inv(a)
			c.done("Inv", err, r.Data)
		case 5:
			r, err := Solve(a, b)
			c.done("Solve", err, r.Data)
		case 6:
			rows := make([][]float64, z.small(4))
			for i := range rows {
				rows[i] = z.vec()
			}
			r, err := MatrixOf(rows)
			c.done("MatrixOf", err, r.Data)
		}
	})
}
