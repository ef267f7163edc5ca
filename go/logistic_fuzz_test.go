package twinmath

import (
	"math"
	"testing"
)

func FuzzLogistic(f *testing.F) {
	fuzzOps(f, 5, func(t *testing.T, op byte, z *fz, c *checker) {
		x := z.matrix()
		y := make([]float64, max(0, min(max(x.Rows, 0), 8)+z.small(2)-1))
		for i := range y {
			if z.byte()%16 == 0 {
				y[i] = z.float()
			} else {
				y[i] = float64(i % 2)
			}
		}
		w := z.vec()
		b, rate, l2, l1 := z.float(), z.float(), z.float(), z.float()
		c.keepMatrix(x)
		c.keep(y, w)
		switch op % 5 {
		case 0:
			X, yy, err := MakeClassification(z.count(), z.count(), uint64(z.byte()))
			c.done("MakeClassification", err, X.Data, yy)
		case 1:
			a, b, ya, yb, err := TrainTestSplit(x, y, []float64{0.25, 0.5, 0, 1, -1, math.NaN(), 0.9}[z.small(7)], 3)
			c.done("TrainTestSplit", err, a.Data, b.Data, ya, yb)
		case 2:
			// A rate or penalty too large for the data diverges to ±Inf
			// and NaN, as in IEEE arithmetic it must.
			z.special = true
			ww, bb, losses, err := LogisticRegression(x, y, LogisticOptions{LearningRate: rate, MaxIter: z.count(), L2: l2, L1: l1, Seed: 5, Literal: true})
			c.done("LogisticRegression", err, ww, []float64{bb}, losses)
		case 3:
			r, err := PredictProba(x, w, b)
			c.done("PredictProba", err, r)
			r, err = Predict(x, w, b)
			c.done("Predict", err, r)
		case 4:
			r, err := Accuracy(y, w)
			c.done("Accuracy", err, []float64{r})
		}
	})
}
