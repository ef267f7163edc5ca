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

func ExampleCondStack() {
	a, _ := twinmath.NewStack(3, 2, 2)
	copy(a.Data, []float64{
		2, 0, 0, 1, // matrix 0
		1, 1, 0, 1, // matrix 1
		1, 2, 2, 4, // matrix 2: singular
	})
	c, _ := twinmath.CondStack(a, 1)
	fmt.Println(c)
	_, err := twinmath.CondStack(twinmath.Stack{Count: 2, Rows: 0, Cols: 0}, 2)
	fmt.Println(err, errors.Is(err, twinmath.ErrShape))
	// Output:
	// [2 4 +Inf]
	// cond: shape mismatch: x is empty true
}

func ExampleMatrixPowerStack() {
	a, _ := twinmath.NewStack(2, 2, 2)
	copy(a.Data, []float64{
		1, 1, 0, 1, // matrix 0
		2, 0, 0, 4, // matrix 1
	})
	p, _ := twinmath.MatrixPowerStack(a, 3)
	fmt.Println(p.At(0).Data, p.At(1).Data)
	q, _ := twinmath.MatrixPowerStack(a, -2)
	fmt.Println(q.At(0).Data, q.At(1).Data)
	// Output:
	// [1 3 0 1] [8 0 0 64]
	// [1 -2 0 1] [0.25 0 0 0.0625]
}

func ExampleMatrixNormStack() {
	a, _ := twinmath.NewStack(2, 2, 2)
	copy(a.Data, []float64{1, 2, 3, 4, 3, 0, 0, -4})
	one, _ := twinmath.MatrixNormStack(a, 1, "")
	nuc, _ := twinmath.MatrixNormStack(a, 0, "nuc")
	tr, _ := twinmath.TraceStack(a, 0)
	fmt.Println(one, nuc[1], tr)
	// Output:
	// [6 4] 7 [5 -1]
}

func ExampleCrossStack() {
	a := twinmath.Stack{Count: 2, Rows: 1, Cols: 3, Stride: 3, Data: []float64{1, 2, 3, 4, 5, 6}}
	n := twinmath.Stack{Count: 1, Rows: 1, Cols: 3, Stride: 3, Data: []float64{0, 0, 1}} // meets every row of a
	c, _ := twinmath.CrossStack(a, n)
	fmt.Println(c.At(0).Data, c.At(1).Data)
	// Output:
	// [2 -1 0] [5 -4 0]
}
