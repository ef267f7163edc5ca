package gonum_test

import (
	"fmt"

	"github.com/twinmath/twinmath/go"
	tmgonum "github.com/twinmath/twinmath/go/interop/gonum"
	"gonum.org/v1/gonum/mat"
)

func Example() {
	// A gonum matrix handed to twinmath and back, without a copy.
	d := mat.NewDense(2, 2, []float64{4, 1, 1, 3})
	m, shared := tmgonum.FromDense(d)
	inv, err := twinmath.Inv(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(shared)
	fmt.Printf("%.4f\n", mat.Formatted(tmgonum.ToDense(inv)))
	// Output:
	// true
	// ⎡ 0.2727  -0.0909⎤
	// ⎣-0.0909   0.3636⎦
}
