package twinmath_test

import (
	"errors"
	"fmt"

	"github.com/twinmath/twinmath/go"
)

// The Go code of README.md, run and checked by go test.
func Example_readme() {
	a, _ := twinmath.MatrixOf([][]float64{{1, 2}, {3, 4}})
	b, _ := twinmath.MatrixOf([][]float64{{5, 6}, {7, 8}})
	c, _ := twinmath.Matmul(a, b)
	d, _ := twinmath.Dot([]float64{1, 2, 3}, []float64{4, 5, 6})
	fmt.Println(c.RowsOf(), d)
	singular := twinmath.Matrix{Rows: 2, Cols: 2, Data: []float64{1, 2, 2, 4}}
	if _, err := twinmath.Inv(singular); errors.Is(err, twinmath.ErrSingular) {
		fmt.Println(err)
	}
	// Output:
	// [[19 22] [43 50]] 32
	// inv: singular matrix
}
