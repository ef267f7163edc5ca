package twinmath

import "testing"

func FuzzStats(f *testing.F) {
	fuzzOps(f, 14, func(t *testing.T, op byte, z *fz, c *checker) {
		x, p := z.vec(), z.vec()
		m := z.matrix()
		ddof, axis := z.count(), z.count()
		s1, s2, s3 := z.float(), z.float(), z.float()
		c.keep(x, p)
		c.keepMatrix(m)
		switch op % 14 {
		case 0:
			r, err := Mean(x)
			c.done("Mean", err, []float64{r})
		case 1:
			r, err := MeanAxis(m, axis)
			c.done("MeanAxis", err, r)
		case 2:
			r, err := Variance(x, ddof)
			c.done("Variance", err, []float64{r})
		case 3:
			r, err := VarianceAxis(m, ddof, axis)
			c.done("VarianceAxis", err, r)
		case 4:
			r, err := Std(x, ddof)
			c.done("Std", err, []float64{r})
		case 5:
			r, err := StdAxis(m, ddof, axis)
			c.done("StdAxis", err, r)
		case 6:
			r, err := Covariance(m, ddof)
			c.done("Covariance", err, r.Data)
		case 7:
			xn, mean, std, err := Zscore(m)
			c.done("Zscore", err, xn.Data, mean, std)
		case 8:
			r, err := Bayes(s1, s2, s3)
			c.done("Bayes", err, []float64{r})
		case 9:
			r, err := Expectation(x, p)
			c.done("Expectation", err, []float64{r})
		case 10:
			r, err := NormalPDF(x, s1, s2)
			c.done("NormalPDF", err, r)
		case 11:
			r, err := NormalCDF(x, s1, s2)
			c.done("NormalCDF", err, r)
		case 12:
			lo, hi, err := ConfidenceInterval(x, s1)
			if err == nil && lo > hi {
				t.Fatalf("ConfidenceInterval = (%v, %v)", lo, hi)
			}
			c.done("ConfidenceInterval", err, []float64{lo}, []float64{hi})
		case 13:
			lo, hi, err := ConfidenceInterval(x, []float64{0.95, 0.5, 0.99, 0, 1}[z.small(5)])
			c.done("ConfidenceInterval", err, []float64{lo}, []float64{hi})
		}
	})
}
