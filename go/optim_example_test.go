package twinmath_test

import (
	"fmt"
	"math"

	"github.com/twinmath/twinmath/go"
)

// The values match the Examples sections of the Python docstrings.

func ExampleSGD() {
	w := []float64{1, 2}
	opt, _ := twinmath.NewSGD(0.1)
	_ = opt.Step([][]float64{w}, [][]float64{{0.5, -1}})
	fmt.Println(w)
	// Output: [0.95 2.1]
}

func ExampleMomentum() {
	w := []float64{1}
	opt, _ := twinmath.NewMomentum(0.1, 0.9)
	for i := 0; i < 2; i++ {
		_ = opt.Step([][]float64{w}, [][]float64{{1}})
	}
	fmt.Printf("%.8f\n", w) // 1 − 0.1, then − (0.9·0.1 + 0.1)
	// Output: [0.71000000]
}

func ExampleAdam() {
	w := []float64{1, 2}
	opt, _ := twinmath.NewAdam(0.1, 0.9, 0.999, 1e-8)
	_ = opt.Step([][]float64{w}, [][]float64{{0.5, -3}}) // the first step is about α·sign(∇)
	fmt.Printf("%.8f\n", w)
	// Output: [0.90000000 2.10000000]
}

// Example_xor trains the 2-3-1 network of the source material on the four
// XOR points with each optimiser, from the same initial weights as
// twinmath.parity.optim.train_xor in Python, and prints the final loss and
// outputs; the Python runs print the same.
func Example_xor() {
	x, _ := twinmath.MatrixOf([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}})
	y := twinmath.Matrix{Rows: 4, Cols: 1, Data: []float64{0, 1, 1, 0}}
	sgd, _ := twinmath.NewSGD(1.0)
	momentum, _ := twinmath.NewMomentum(0.1, 0.9)
	adam, _ := twinmath.NewAdam(0.05, 0.9, 0.999, 1e-8)
	for _, run := range []struct {
		name string
		opt  twinmath.Optimizer
	}{{"SGD", sgd}, {"Momentum", momentum}, {"Adam", adam}} {
		w1, _ := twinmath.MatrixOf([][]float64{{1.2, -0.9, 0.4}, {-1.1, 0.8, 0.6}})
		w2 := twinmath.Matrix{Rows: 3, Cols: 1, Data: []float64{0.7, 0.6, -0.5}}
		b1, b2 := make([]float64, 3), make([]float64, 1)
		for step := 0; step < 2000; step++ {
			f, _ := twinmath.ForwardPass(x, w1, b1, w2, b2)
			g, _ := twinmath.BackwardPass(x, y, f, w1, w2)
			_ = run.opt.Step([][]float64{w1.Data, b1, w2.Data, b2}, [][]float64{g.DW1.Data, g.DB1, g.DW2.Data, g.DB2})
		}
		f, _ := twinmath.ForwardPass(x, w1, b1, w2, b2)
		// The binary cross-entropy Σ (log(1 + e^z) − y·z) / m of the outputs σ(z).
		var loss float64
		for i, z := range f.Z2.Data {
			loss += math.Max(z, 0) + math.Log1p(math.Exp(-math.Abs(z))) - y.Data[i]*z
		}
		fmt.Printf("%-8s loss %.6f  outputs %.3f\n", run.name, loss/4, f.A2.Data)
	}
	// Output:
	// SGD      loss 0.005150  outputs [0.006 0.995 0.995 0.005]
	// Momentum loss 0.005143  outputs [0.006 0.995 0.995 0.005]
	// Adam     loss 0.000437  outputs [0.000 1.000 0.999 0.000]
}
