package twinmath_test

import (
	"fmt"

	"github.com/twinmath/twinmath/go"
)

// A Workspace carried through a loop: the first call grows it, the later
// ones reuse its memory and allocate nothing.
func ExampleWorkspace() {
	var ws twinmath.Workspace // the zero value is ready to use
	a := twinmath.Matrix{Rows: 2, Cols: 2, Data: []float64{3, 1, 1, 2}}
	x := twinmath.NewMatrix(2, 1)
	for _, rhs := range [][]float64{{9, 8}, {5, 5}, {7, 9}} {
		b := twinmath.Matrix{Rows: 2, Cols: 1, Data: rhs}
		if err := ws.SolveTo(x, a, b); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(x.Data)
	}
	d, _ := ws.Det(a)
	fmt.Printf("%.6g\n", d)
	// Output:
	// [2 3]
	// [1 2]
	// [1 4]
	// 5
}
