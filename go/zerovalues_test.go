package twinmath

import (
	"bytes"
	"errors"
	"math"
	refl "reflect"
	"strings"
	"testing"
)

// Every public function that returns results and an error returns the zero
// value of every result beside a non-nil error: no partial result leaks.
// Each call below fails; the failures include callbacks that fail late, the
// likeliest place for a half-filled result.
func TestZeroValuesBesideErrors(t *testing.T) {
	nan := math.NaN()
	bad := Matrix{Rows: 2, Cols: 2, Data: []float64{1, nan, 3, 4}}
	wide := NewMatrix(2, 3)
	sing := Matrix{Rows: 2, Cols: 2, Data: []float64{1, 2, 2, 4}}
	asym := Matrix{Rows: 2, Cols: 2, Data: []float64{4, 1, 2, 3}}
	calls := 0
	late := func(x []float64) (float64, error) {
		calls++
		if calls > 3 {
			return 0, errors.New("late failure")
		}
		return x[0] * x[0], nil
	}
	lateVec := func(x []float64) ([]float64, error) {
		calls++
		if calls > 3 {
			return nil, errors.New("late failure")
		}
		return []float64{x[0], x[1]}, nil
	}
	x3 := []float64{1, 2, 3}
	y4 := []float64{0, 1, 0, 2}
	X42 := Matrix{Rows: 4, Cols: 2, Data: []float64{1, 2, 3, 4, 5, 6, 7, 8}}
	cases := []struct {
		name string
		f    func() []any
	}{
		{"DerivativeErr", func() []any {
			r, e := DerivativeErr(func(x float64) (float64, error) { return late([]float64{x}) }, 1, -1)
			return []any{r, e}
		}},
		{"GradientErr", func() []any { calls = 0; r, e := GradientErr(late, x3, 0); return []any{r, e} }},
		{"JacobianErr", func() []any { calls = 0; r, e := JacobianErr(lateVec, x3[:2], 0); return []any{r, e} }},
		{"HessianErr", func() []any { calls = 0; r, e := HessianErr(late, x3, 0); return []any{r, e} }},
		{"TaylorErr", func() []any { calls = 0; r, e := TaylorErr(late, x3, x3, 2); return []any{r, e} }},
		{"GradientDescentErr", func() []any {
			calls = 0
			x, h, e := GradientDescentErr(late, nil, x3, GradientDescentOptions{KeepHistory: true})
			return []any{x, h, e}
		}},
		{"GradientDescentErr without history", func() []any {
			calls = 0
			x, h, e := GradientDescentErr(late, nil, x3, GradientDescentOptions{})
			return []any{x, h, e}
		}},
		{"Cholesky", func() []any { r, e := Cholesky(sing); return []any{r, e} }},
		{"Eig", func() []any { w, v, e := Eig(bad); return []any{w, v, e} }},
		{"Eigh", func() []any { w, v, e := Eigh(asym); return []any{w, v, e} }},
		{"EighLower", func() []any { w, v, e := EighLower(wide); return []any{w, v, e} }},
		{"Entropy", func() []any { r, e := Entropy([]float64{-1, 2}, 2); return []any{r, e} }},
		{"CrossEntropy", func() []any { r, e := CrossEntropy(x3, x3[:2], 2); return []any{r, e} }},
		{"KLDivergence", func() []any { r, e := KLDivergence(x3, x3[:2], 2); return []any{r, e} }},
		{"MutualInformation", func() []any { r, e := MutualInformation(bad, 2); return []any{r, e} }},
		{"MatrixOf", func() []any { r, e := MatrixOf([][]float64{{1}, {1, 2}}); return []any{r, e} }},
		{"Matmul", func() []any { r, e := Matmul(wide, wide); return []any{r, e} }},
		{"Transpose", func() []any { r, e := Transpose(Matrix{Rows: 2, Cols: 2}); return []any{r, e} }},
		{"Trace", func() []any { r, e := Trace(wide); return []any{r, e} }},
		{"Det", func() []any { r, e := Det(bad); return []any{r, e} }},
		{"Inv", func() []any { r, e := Inv(sing); return []any{r, e} }},
		{"Solve", func() []any { r, e := Solve(sing, Identity(2)); return []any{r, e} }},
		{"MakeClassification", func() []any { X, y, e := MakeClassification(-1, 2, 0); return []any{X, y, e} }},
		{"TrainTestSplit", func() []any { a, b, c, d, e := TrainTestSplit(X42, y4[:3], 0.25, 0); return []any{a, b, c, d, e} }},
		{"LogisticRegression", func() []any { w, b, l, e := LogisticRegression(X42, y4, LogisticOptions{}); return []any{w, b, l, e} }},
		{"PredictProba", func() []any { r, e := PredictProba(X42, x3, 0); return []any{r, e} }},
		{"Predict", func() []any { r, e := Predict(X42, x3, 0); return []any{r, e} }},
		{"Accuracy", func() []any { r, e := Accuracy(x3, x3[:2]); return []any{r, e} }},
		{"LU", func() []any { p, l, u, e := LU(Matrix{Rows: 2, Cols: 2}); return []any{p, l, u, e} }},
		{"LoadModel", func() []any { m, e := LoadModel(strings.NewReader("{")); return []any{m, e} }},
		{"SoftmaxAxis", func() []any { r, e := SoftmaxAxis(x3, []int{2}, 0); return []any{r, e} }},
		{"ForwardPass", func() []any { r, e := ForwardPass(X42, wide, x3, wide, x3); return []any{r, e} }},
		{"BackwardPass", func() []any {
			r, e := BackwardPass(X42, X42, ForwardPassResult{X42, X42, X42, X42}, wide, wide)
			return []any{r, e}
		}},
		{"NewSGD", func() []any { r, e := NewSGD(-1); return []any{r, e} }},
		{"NewMomentum", func() []any { r, e := NewMomentum(0.1, 1); return []any{r, e} }},
		{"NewAdam", func() []any { r, e := NewAdam(0.1, 0.9, 0.999, 0); return []any{r, e} }},
		{"PCA", func() []any { c, x, p, e := PCA(X42, 3); return []any{c, x, p, e} }},
		{"Pinv", func() []any { r, e := Pinv(bad, 1e-15); return []any{r, e} }},
		{"Lstsq", func() []any { r, e := Lstsq(X42, wide, 1e-15); return []any{r, e} }},
		{"MatrixRank", func() []any { r, e := MatrixRank(bad); return []any{r, e} }},
		{"QR", func() []any { q, r, e := QR(bad); return []any{q, r, e} }},
		{"QRComplete", func() []any { q, r, e := QRComplete(bad); return []any{q, r, e} }},
		{"QRRaw", func() []any { h, tau, e := QRRaw(bad); return []any{h, tau, e} }},
		{"SVDFull", func() []any { u, s, vt, e := SVDFull(bad); return []any{u, s, vt, e} }},
		{"Mean", func() []any { r, e := Mean(nil); return []any{r, e} }},
		{"MeanAxis", func() []any { r, e := MeanAxis(X42, 2); return []any{r, e} }},
		{"Variance", func() []any { r, e := Variance(x3, 3); return []any{r, e} }},
		{"VarianceAxis", func() []any { r, e := VarianceAxis(X42, 0, 2); return []any{r, e} }},
		{"Std", func() []any { r, e := Std(x3, -1); return []any{r, e} }},
		{"StdAxis", func() []any { r, e := StdAxis(X42, 0, 2); return []any{r, e} }},
		{"Covariance", func() []any { r, e := Covariance(X42, -1); return []any{r, e} }},
		{"Zscore", func() []any { a, b, c, e := Zscore(Matrix{Rows: 2, Cols: 2}); return []any{a, b, c, e} }},
		{"Bayes", func() []any { r, e := Bayes(0.5, 0.5, 0); return []any{r, e} }},
		{"Expectation", func() []any { r, e := Expectation(x3, x3[:2]); return []any{r, e} }},
		{"NormalPDF", func() []any { r, e := NormalPDF(x3, 0, -1); return []any{r, e} }},
		{"NormalCDF", func() []any { r, e := NormalCDF(x3, 0, -1); return []any{r, e} }},
		{"ConfidenceInterval", func() []any { a, b, e := ConfidenceInterval(x3[:1], 0.95); return []any{a, b, e} }},
		{"SVD", func() []any { u, s, v, e := SVD(bad); return []any{u, s, v, e} }},
		{"TruncatedSVD", func() []any { a, b, c, d, e := TruncatedSVD(X42, 5); return []any{a, b, c, d, e} }},
		{"SVDValues", func() []any { r, e := SVDValues(bad); return []any{r, e} }},
		{"SymbolicDerivative", func() []any { r, e := SymbolicDerivative("x +", "x"); return []any{r, e} }},
		{"Add", func() []any { r, e := Add(x3, x3[:2]); return []any{r, e} }},
		{"Subtract", func() []any { r, e := Subtract(x3, x3[:2]); return []any{r, e} }},
		{"Dot", func() []any { r, e := Dot(x3, x3[:2]); return []any{r, e} }},
		{"Norm", func() []any { r, e := Norm(x3, -3); return []any{r, e} }},
		{"MatrixNorm", func() []any { r, e := MatrixNorm(X42, 3); return []any{r, e} }},
		{"FrobeniusNorm", func() []any { r, e := FrobeniusNorm(Matrix{Rows: 2, Cols: 2}); return []any{r, e} }},
		{"CosineSimilarity", func() []any { r, e := CosineSimilarity(x3, x3[:2]); return []any{r, e} }},
		{"Project", func() []any { r, e := Project(x3, x3[:2]); return []any{r, e} }},
	}
	for _, c := range cases {
		out := c.f()
		err, _ := out[len(out)-1].(error)
		if err == nil {
			t.Errorf("%s: no error; the case must fail", c.name)
			continue
		}
		for i, v := range out[:len(out)-1] {
			if rv := refl.ValueOf(v); rv.IsValid() && !rv.IsZero() {
				t.Errorf("%s: result %d is %v beside the error %v, want the zero value", c.name, i, v, err)
			}
		}
	}
	var buf bytes.Buffer
	if err := SaveModel(&buf, nil); err == nil {
		t.Error("SaveModel of a nil model: no error")
	}
}
