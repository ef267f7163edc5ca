package twinmath_test

import (
	"fmt"
	"math"

	"twinmath"
)

// The values match the Examples sections of the Python docstrings.

func ExampleDot() {
	d, err := twinmath.Dot([]float64{1, 2, 3}, []float64{4, 5, 6})
	fmt.Println(d, err)
	// Output: 32 <nil>
}

func ExampleDot_shapeError() {
	_, err := twinmath.Dot([]float64{1, 2, 3}, []float64{4, 5})
	fmt.Println(err)
	// Output: dot: shape mismatch: lengths 3 and 2 differ
}

func ExampleAdd() {
	s, _ := twinmath.Add([]float64{1, 2, 3}, []float64{4, 5, 6})
	fmt.Println(s)
	// Output: [5 7 9]
}

func ExampleNorm() {
	n, _ := twinmath.Norm([]float64{3, 4}, 2)
	fmt.Println(n)
	// Output: 5
}

func ExampleCosineSimilarity() {
	c, _ := twinmath.CosineSimilarity([]float64{1, 2, 3}, []float64{4, 5, 6})
	fmt.Printf("%.6f\n", c)
	// Output: 0.974632
}

func ExampleProject() {
	p, _ := twinmath.Project([]float64{2, 3}, []float64{1, 0})
	fmt.Println(p)
	// Output: [2 0]
}

func ExampleMatmul() {
	a, _ := twinmath.MatrixOf([][]float64{{1, 2}, {3, 4}})
	b, _ := twinmath.MatrixOf([][]float64{{5, 6}, {7, 8}})
	c, _ := twinmath.Matmul(a, b)
	fmt.Println(c.RowsOf())
	// Output: [[19 22] [43 50]]
}

func ExampleDet() {
	a, _ := twinmath.MatrixOf([][]float64{{1, 2}, {3, 4}})
	d, _ := twinmath.Det(a)
	fmt.Printf("%.12f\n", d)
	// Output: -2.000000000000
}

func ExampleInv() {
	a, _ := twinmath.MatrixOf([][]float64{{1, 2}, {3, 4}})
	x, _ := twinmath.Inv(a)
	for _, row := range x.RowsOf() {
		fmt.Printf("%.12f %.12f\n", row[0], row[1])
	}
	// Output:
	// -2.000000000000 1.000000000000
	// 1.500000000000 -0.500000000000
}

func ExampleInv_singular() {
	a, _ := twinmath.MatrixOf([][]float64{{1, 2}, {2, 4}})
	_, err := twinmath.Inv(a)
	fmt.Println(err)
	// Output: inv: singular matrix
}

func ExampleSolve() {
	a, _ := twinmath.MatrixOf([][]float64{{3, 1}, {1, 2}})
	b := twinmath.Matrix{Rows: 2, Cols: 1, Data: []float64{9, 8}}
	x, _ := twinmath.Solve(a, b)
	fmt.Printf("%.12f %.12f\n", x.Data[0], x.Data[1])
	// Output: 2.000000000000 3.000000000000
}

func ExampleSigmoid() {
	fmt.Println(twinmath.Sigmoid([]float64{0, 2}))
	// Output: [0.5 0.8807970779778823]
}

func ExampleEig() {
	// The source material's example: a diagonal matrix scales the axes.
	a, _ := twinmath.MatrixOf([][]float64{{2, 0}, {0, 3}})
	w, v, _ := twinmath.Eig(a)
	fmt.Println("Eigenvalues:", w)
	fmt.Println("Eigenvectors:", v.Data)
	// Output:
	// Eigenvalues: [(2+0i) (3+0i)]
	// Eigenvectors: [(1+0i) (0+0i) (0+0i) (1+0i)]
}

func ExampleEig_rotation() {
	// A rotation by 90° turns every real vector: its eigenvalues are ±i.
	a, _ := twinmath.MatrixOf([][]float64{{0, -1}, {1, 0}})
	w, _, _ := twinmath.Eig(a)
	fmt.Printf("%.12f\n", w)
	// Output: [(0.000000000000-1.000000000000i) (0.000000000000+1.000000000000i)]
}

func ExampleEigh() {
	a, _ := twinmath.MatrixOf([][]float64{{2, 1}, {1, 2}})
	w, v, _ := twinmath.Eigh(a)
	fmt.Printf("%.12f\n", w)
	for _, row := range v.RowsOf() {
		fmt.Printf("%.12f\n", []float64{row[0] * math.Sqrt2, row[1] * math.Sqrt2})
	}
	// Output:
	// [1.000000000000 3.000000000000]
	// [1.000000000000 1.000000000000]
	// [-1.000000000000 1.000000000000]
}
