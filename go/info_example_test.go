package twinmath_test

import (
	"fmt"

	"github.com/twinmath/twinmath/go"
)

// The source material's distributions p and q; the values match the Python
// docstrings.
var (
	p = []float64{0.5, 0.3, 0.2}
	q = []float64{0.4, 0.4, 0.2}
)

func ExampleEntropy() {
	h, _ := twinmath.Entropy(p, 2)
	u, _ := twinmath.Entropy([]float64{1, 1, 1, 1}, 2)
	fmt.Printf("%.3f %v\n", h, u)
	// Output: 1.485 2
}

func ExampleCrossEntropy() {
	h, _ := twinmath.CrossEntropy(p, q, 2)
	fmt.Printf("%.3f\n", h)
	// Output: 1.522
}

func ExampleKLDivergence() {
	d, _ := twinmath.KLDivergence(p, q, 2)
	inf, _ := twinmath.KLDivergence([]float64{0.5, 0.5}, []float64{1, 0}, 2)
	fmt.Printf("%.3f %v\n", d, inf)
	// Output: 0.036 +Inf
}

func ExampleMutualInformation() {
	same, _ := twinmath.MatrixOf([][]float64{{0.5, 0}, {0, 0.5}})
	indep, _ := twinmath.MatrixOf([][]float64{{0.25, 0.25}, {0.25, 0.25}})
	a, _ := twinmath.MutualInformation(same, 2)
	b, _ := twinmath.MutualInformation(indep, 2)
	fmt.Println(a, b)
	// Output: 1 0
}
