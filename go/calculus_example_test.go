package twinmath_test

import (
	"errors"
	"fmt"
	"math"

	"github.com/twinmath/twinmath/go"
)

// The values match the Examples sections of the Python docstrings.

func ExampleDerivative() {
	d, _ := twinmath.Derivative(func(x float64) float64 { return x * x * x }, 2, twinmath.DefaultStep)
	fmt.Printf("%.6f\n", d)
	// Output: 12.000000
}

// The source material's partial derivatives of f(x, y) = x² + y² at (3, 4).
func ExampleGradient() {
	f := func(v []float64) float64 { return v[0]*v[0] + v[1]*v[1] }
	g, _ := twinmath.Gradient(f, []float64{3, 4}, twinmath.DefaultStep)
	fmt.Printf("df/dx = %.6f, df/dy = %.6f\n", g[0], g[1])
	// Output: df/dx = 6.000000, df/dy = 8.000000
}

func ExampleJacobian() {
	f := func(v []float64) []float64 { return []float64{v[0] * v[0] * v[1], 5*v[0] + v[1]} }
	J, _ := twinmath.Jacobian(f, []float64{1, 2}, twinmath.DefaultStep)
	for i := 0; i < J.Rows; i++ {
		fmt.Printf("%.6f\n", J.Row(i))
	}
	// Output:
	// [4.000000 1.000000]
	// [5.000000 1.000000]
}

func ExampleHessian() {
	f := func(v []float64) float64 { return v[0]*v[0]*v[1] + v[1]*v[1]*v[1] }
	H, _ := twinmath.Hessian(f, []float64{1, 2}, twinmath.DefaultHessianStep)
	for i := 0; i < H.Rows; i++ {
		fmt.Printf("%.4f\n", H.Row(i))
	}
	// Output:
	// [4.0000 2.0000]
	// [2.0000 12.0000]
}

// eˣ around 0 at 0.1: 1 + 0.1 + 0.01/2.
func ExampleTaylor() {
	f := func(v []float64) float64 { return math.Exp(v[0]) }
	t, _ := twinmath.Taylor(f, []float64{0}, []float64{0.1}, 2)
	fmt.Printf("%.6f\n", t)
	// Output: 1.105000
}

// The source material's example: f(x) = x² from 5 with rate 0.1, ten steps.
func ExampleGradientDescent() {
	grad := func(x []float64) []float64 { return []float64{2 * x[0]} }
	x, history, _ := twinmath.GradientDescent(nil, grad, []float64{5}, twinmath.GradientDescentOptions{LearningRate: 0.1, MaxIter: 10, KeepHistory: true})
	fmt.Printf("%.12g after %d steps\n", x[0], history.Rows-1)
	// Output: 0.536870912 after 10 steps
}

// A function that returns an error stops the loop; the error comes back
// wrapped, with ErrCallback.
func ExampleGradientDescentErr() {
	tooFar := errors.New("left the trust region")
	grad := func(x []float64) ([]float64, error) {
		if math.Abs(x[0]) > 100 {
			return nil, tooFar
		}
		return []float64{2 * x[0]}, nil
	}
	_, _, err := twinmath.GradientDescentErr(nil, grad, []float64{5}, twinmath.GradientDescentOptions{LearningRate: 1.5, MaxIter: 100}) // diverges: x ← −2x
	fmt.Println(err)
	fmt.Println(errors.Is(err, tooFar), errors.Is(err, twinmath.ErrCallback))
	// Output:
	// gradient_descent: callback failed: left the trust region
	// true true
}

func ExampleSymbolicDerivative() {
	d, _ := twinmath.SymbolicDerivative("x**2 + y**2", "y")
	fmt.Println(d)
	d, _ = twinmath.SymbolicDerivative("x**3 + sin(x)*exp(x)", "x")
	fmt.Println(d)
	_, err := twinmath.SymbolicDerivative("x +", "x")
	fmt.Println(err)
	// Output:
	// 2*y
	// 3*x**2 + cos(x)*exp(x) + sin(x)*exp(x)
	// symbolic_derivative: invalid input: unexpected end of expression at position 3
}
