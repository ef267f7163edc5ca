package twinmath_test

import (
	"fmt"

	"github.com/twinmath/twinmath/go"
)

// The values match the Examples sections of the Python docstrings.

func ExampleSigmoidDerivative() {
	fmt.Printf("%.8f\n", twinmath.SigmoidDerivative([]float64{-2, 0, 2}))
	// Output: [0.10499359 0.25000000 0.10499359]
}

func ExampleRelu() {
	fmt.Println(twinmath.Relu([]float64{-1.5, 0, 2}))
	// Output: [0 0 2]
}

func ExampleTanh() {
	fmt.Printf("%.8f\n", twinmath.Tanh([]float64{0, 1, -1}))
	// Output: [0.00000000 0.76159416 -0.76159416]
}

func ExampleSoftmax() {
	fmt.Printf("%.8f\n", twinmath.Softmax([]float64{1, 2, 3}))
	// Rows of a matrix: axis 1 of the shape (2, 2).
	y, _ := twinmath.SoftmaxAxis([]float64{1, 1, 0, 1000}, []int{2, 2}, 1)
	fmt.Println(y)
	// Output:
	// [0.09003057 0.24472847 0.66524096]
	// [0.5 0.5 0 1]
}

func ExampleForwardPass() {
	x, _ := twinmath.MatrixOf([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}})
	w1 := twinmath.NewMatrix(2, 3)
	w2 := twinmath.Matrix{Rows: 3, Cols: 1, Data: []float64{1, 1, 1}}
	f, _ := twinmath.ForwardPass(x, w1, []float64{0, 0, 0}, w2, []float64{0})
	fmt.Println(f.A1.Row(0), f.Z2.Data)
	fmt.Printf("%.8f\n", f.A2.Data)
	// Output:
	// [0.5 0.5 0.5] [1.5 1.5 1.5 1.5]
	// [0.81757448 0.81757448 0.81757448 0.81757448]
}

func ExampleBackwardPass() {
	x, _ := twinmath.MatrixOf([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}})
	y := twinmath.Matrix{Rows: 4, Cols: 1, Data: []float64{0, 1, 1, 0}}
	w1 := twinmath.NewMatrix(2, 3)
	w2 := twinmath.Matrix{Rows: 3, Cols: 1, Data: []float64{1, 1, 1}}
	f, _ := twinmath.ForwardPass(x, w1, []float64{0, 0, 0}, w2, []float64{0})
	g, _ := twinmath.BackwardPass(x, y, f, w1, w2)
	fmt.Printf("%.8f %.8f\n", g.DB2, g.DW2.Data)
	// Output: [0.31757448] [0.15878724 0.15878724 0.15878724]
}
