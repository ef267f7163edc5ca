package twinmath_test

import (
	"bytes"
	"fmt"

	"github.com/twinmath/twinmath/go"
)

func ExampleLoadModel() {
	// A model trained on standardised data: the file keeps the means and
	// standard deviations, and PredictProbaTo applies them to raw rows.
	var file bytes.Buffer
	m := &twinmath.LogisticModel{W: []float64{2, -1}, B: 0.5, Mean: []float64{10, 0}, Std: []float64{5, 1}}
	if err := twinmath.SaveModel(&file, m); err != nil {
		fmt.Println(err)
		return
	}
	loaded, err := twinmath.LoadModel(&file)
	if err != nil {
		fmt.Println(err)
		return
	}
	x, _ := twinmath.MatrixOf([][]float64{{10, 0}, {15, 1}})
	p := twinmath.NewMatrix(2, 1)
	if err := loaded.PredictProbaTo(p, x); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%T %.6f\n", loaded, p.Data)
	// Output: *twinmath.LogisticModel [0.622459 0.817574]
}
