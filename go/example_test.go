package twinmath_test

import (
	"fmt"
	"math"

	"github.com/twinmath/twinmath/go"
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

func ExampleLU() {
	a, _ := twinmath.MatrixOf([][]float64{{1, 2}, {3, 4}})
	p, l, u, _ := twinmath.LU(a)
	fmt.Println(p.RowsOf())
	fmt.Printf("%.6f\n%.6f\n", l.RowsOf(), u.RowsOf())
	// Output:
	// [[0 1] [1 0]]
	// [[1.000000 0.000000] [0.333333 1.000000]]
	// [[3.000000 4.000000] [0.000000 0.666667]]
}

func ExampleQR() {
	a, _ := twinmath.MatrixOf([][]float64{{3, 1}, {4, 2}})
	q, r, _ := twinmath.QR(a)
	fmt.Printf("%.6f\n%.6f\n", q.RowsOf(), r.RowsOf())
	// Output:
	// [[0.600000 -0.800000] [0.800000 0.600000]]
	// [[5.000000 2.200000] [0.000000 0.400000]]
}

func ExampleQRComplete() {
	a, _ := twinmath.MatrixOf([][]float64{{3}, {4}})
	q, r, _ := twinmath.QRComplete(a)
	fmt.Printf("%.6f\n%.6f\n", q.RowsOf(), r.RowsOf())
	// Output:
	// [[0.600000 -0.800000] [0.800000 0.600000]]
	// [[5.000000] [0.000000]]
}

func ExampleQRRaw() {
	a, _ := twinmath.MatrixOf([][]float64{{3, 1}, {4, 2}})
	h, tau, _ := twinmath.QRRaw(a)
	fmt.Printf("%.6f\n%.6f\n", h.RowsOf(), tau)
	// Output:
	// [[-5.000000 0.500000] [-2.200000 0.400000]]
	// [1.600000 0.000000]
}

func ExampleCholesky() {
	a, _ := twinmath.MatrixOf([][]float64{{4, 2}, {2, 5}})
	l, _ := twinmath.Cholesky(a)
	fmt.Println(l.RowsOf())
	// Output: [[2 0] [1 2]]
}

func ExampleSVD() {
	a, _ := twinmath.MatrixOf([][]float64{{3, 0}, {4, 5}})
	u, s, vt, _ := twinmath.SVD(a)
	fmt.Printf("%.6f\n%.6f\n%.6f\n", s, u.RowsOf(), vt.RowsOf())
	// Output:
	// [6.708204 2.236068]
	// [[0.316228 0.948683] [0.948683 -0.316228]]
	// [[0.707107 0.707107] [0.707107 -0.707107]]
}

func ExampleSVDFull() {
	a, _ := twinmath.MatrixOf([][]float64{{3}, {4}})
	u, s, vt, _ := twinmath.SVDFull(a)
	fmt.Printf("%.6f\n%.6f\n%.6f\n", s, u.RowsOf(), vt.RowsOf())
	// Output:
	// [5.000000]
	// [[0.600000 0.800000] [0.800000 -0.600000]]
	// [[1.000000]]
}

func ExampleTruncatedSVD() {
	a, _ := twinmath.MatrixOf([][]float64{{3, 0}, {4, 5}})
	_, s, _, ak, _ := twinmath.TruncatedSVD(a, 1)
	fmt.Printf("%.6f\n%.6f\n", s, ak.RowsOf())
	// Output:
	// [6.708204]
	// [[1.500000 1.500000] [4.500000 4.500000]]
}

func ExamplePinv() {
	a, _ := twinmath.MatrixOf([][]float64{{1, 1}, {1, 1}})
	p, _ := twinmath.Pinv(a, 1e-15)
	fmt.Printf("%.6f\n", p.RowsOf())
	// Output: [[0.250000 0.250000] [0.250000 0.250000]]
}

func ExampleLstsq() {
	// The line through (0, 1), (1, 2), (2, 2): intercept and slope.
	a, _ := twinmath.MatrixOf([][]float64{{1, 0}, {1, 1}, {1, 2}})
	b := twinmath.Matrix{Rows: 3, Cols: 1, Data: []float64{1, 2, 2}}
	x, _ := twinmath.Lstsq(a, b, -1) // rcond < 0: numpy's default
	fmt.Printf("%.6f\n", x.Data)
	// Output: [1.166667 0.500000]
}

func ExampleMatrixRank() {
	a, _ := twinmath.MatrixOf([][]float64{{1, 2}, {2, 4}})
	r, _ := twinmath.MatrixRank(a)
	fmt.Println(r)
	// Output: 1
}

func ExamplePCA() {
	x, _ := twinmath.MatrixOf([][]float64{{0, 0}, {1, 2}, {2, 4}, {5, 10}})
	comp, variance, proj, _ := twinmath.PCA(x, 1)
	fmt.Printf("%.6f\n%.6f\n%.6f\n", comp.RowsOf(), variance, proj.Data)
	// Output:
	// [[0.447214 0.894427]]
	// [23.333333]
	// [-4.472136 -2.236068 0.000000 6.708204]
}

func ExampleMatrixNorm_spectral() {
	a, _ := twinmath.MatrixOf([][]float64{{3, 0}, {0, -4}})
	n, _ := twinmath.MatrixNorm(a, 2)
	fmt.Println(n)
	// Output: 4
}

func ExampleSlogdet() {
	a, _ := twinmath.MatrixOf([][]float64{{1, 2}, {3, 4}})
	sign, logAbsDet, _ := twinmath.Slogdet(a)
	fmt.Printf("%v %.11f\n", sign, logAbsDet)
	// Output: -1 0.69314718056
}

func ExampleCond() {
	a, _ := twinmath.MatrixOf([][]float64{{1, 2}, {3, 4}})
	c2, _ := twinmath.Cond(a, 2)
	c1, _ := twinmath.Cond(a, 1)
	fmt.Printf("%.10f %.1f\n", c2, c1)
	// Output: 14.9330343737 21.0
}

func ExampleMatrixPower() {
	a, _ := twinmath.MatrixOf([][]float64{{1, 2}, {3, 4}})
	p, _ := twinmath.MatrixPower(a, 3)
	fmt.Println(p.RowsOf())
	// Output: [[37 54] [81 118]]
}

func ExampleMultiDot() {
	a := twinmath.Matrix{Rows: 1, Cols: 2, Data: []float64{1, 2}}
	b := twinmath.Matrix{Rows: 2, Cols: 1, Data: []float64{3, 4}}
	c := twinmath.Matrix{Rows: 1, Cols: 2, Data: []float64{5, 6}}
	p, _ := twinmath.MultiDot([]twinmath.Matrix{a, b, c})
	fmt.Println(p.RowsOf())
	// Output: [[55 66]]
}

func ExampleVectorNorm() {
	n, _ := twinmath.VectorNorm([]float64{3, -4}, math.Inf(-1))
	fmt.Println(n)
	// Output: 3
}
