package twinmath_test

import (
	"errors"
	"fmt"

	"github.com/twinmath/twinmath/go"
)

func ExampleInvStack() {
	a, _ := twinmath.NewStack(3, 2, 2)
	copy(a.Data, []float64{
		2, 0, 0, 4, // matrix 0
		1, 1, 0, 1, // matrix 1
		1, 2, 0, 0, // matrix 2: singular
	})
	d, _ := twinmath.DetStack(a)
	fmt.Println(d)
	x, _ := twinmath.InvStack(twinmath.Stack{Count: 2, Rows: 2, Cols: 2, Stride: 4, Data: a.Data[:8]})
	fmt.Println(x.At(0).Data, x.At(1).Data)
	_, err := twinmath.InvStack(a)
	i, _ := twinmath.StackIndex(err)
	fmt.Println(err, i, errors.Is(err, twinmath.ErrSingular))
	// Output:
	// [8 1 0]
	// [0.5 0 0 0.25] [1 -1 0 1]
	// inv: singular matrix (matrix 2 of the stack) 2 true
}
