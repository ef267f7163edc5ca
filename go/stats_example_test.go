package twinmath_test

import (
	"fmt"

	"github.com/twinmath/twinmath/go"
)

// The values match the Examples sections of the Python docstrings.

func ExampleMean() {
	m, _ := twinmath.Mean([]float64{10, 20, 30, 40, 50})
	fmt.Println(m)
	// Output: 30
}

func ExampleVariance() {
	v, _ := twinmath.Variance([]float64{10, 20, 30, 40, 50}, 0)
	s, _ := twinmath.Variance([]float64{10, 20, 30, 40, 50}, 1)
	fmt.Println(v, s)
	// Output: 200 250
}

func ExampleMeanAxis() {
	a, _ := twinmath.MatrixOf([][]float64{{1, 2}, {3, 4}})
	m, _ := twinmath.MeanAxis(a, 0)
	fmt.Println(m)
	// Output: [2 3]
}

func ExampleStd() {
	s, _ := twinmath.Std([]float64{2, 4, 4, 4, 5, 5, 7, 9}, 0)
	fmt.Println(s)
	// Output: 2
}

func ExampleCovariance() {
	x, _ := twinmath.MatrixOf([][]float64{{1, 2}, {2, 4}, {3, 6}})
	c, _ := twinmath.Covariance(x, 1)
	fmt.Println(c.RowsOf())
	// Output: [[1 2] [2 4]]
}

func ExampleZscore() {
	x, _ := twinmath.MatrixOf([][]float64{{1, 5}, {3, 5}})
	xn, mean, std, _ := twinmath.Zscore(x)
	fmt.Println(xn.RowsOf(), mean, std)
	// Output: [[-1 0] [1 0]] [2 5] [1 1]
}

func ExampleBayes() {
	p, _ := twinmath.Bayes(0.8, 0.3, 0.5)
	fmt.Println(p)
	// Output: 0.48
}

func ExampleBayes_invalid() {
	_, err := twinmath.Bayes(0.9, 0.9, 0.1)
	fmt.Println(err)
	// Output: bayes: invalid input: p_b_given_a * p_a = 0.81 exceeds p_b = 0.1
}

func ExampleExpectation() {
	e, _ := twinmath.Expectation([]float64{1, 2, 3, 4, 5, 6}, []float64{1, 1, 1, 1, 1, 1})
	fmt.Println(e)
	// Output: 3.5
}

func ExampleNormalPDF() {
	p, _ := twinmath.NormalPDF([]float64{0}, 0, 1)
	q, _ := twinmath.NormalPDF([]float64{0, 1}, 1, 2)
	fmt.Println(p, q)
	// Output: [0.3989422804014327] [0.17603266338214976 0.19947114020071635]
}

func ExampleNormalCDF() {
	c, _ := twinmath.NormalCDF([]float64{0, -1.959963984540054, 1.959963984540054}, 0, 1)
	fmt.Printf("%.3f\n", c)
	// Output: [0.500 0.025 0.975]
}

func ExampleConfidenceInterval() {
	lo, hi, _ := twinmath.ConfidenceInterval([]float64{10, 20, 30, 40, 50}, 0.95)
	fmt.Printf("%.4f %.4f\n", lo, hi)
	// Output: 16.1410 43.8590
}
