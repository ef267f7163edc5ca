package twinmath

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

// sentinels are the errors every error of the package wraps one of.
var sentinelList = []error{ErrShape, ErrSingular, ErrNotPositiveDefinite, ErrNoConvergence, ErrInvalid, ErrCallback}

// wrapsSentinel reports whether err wraps one of the package's sentinels.
func wrapsSentinel(err error) bool {
	for _, s := range sentinelList {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// noPanic runs f and turns a panic into an error naming it.
func noPanic(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f()
}

// Inputs that once made the package panic or run out of memory: each must
// now give an error wrapping the sentinel named.
func TestBadShapesAndCountsGiveErrors(t *testing.T) {
	huge := Matrix{Rows: 1 << 32, Cols: 1 << 32}
	wraps := Matrix{Rows: 1<<62 + 1, Cols: 4, Data: make([]float64, 4)}
	column := Matrix{Rows: 1<<16 + 1, Cols: 1, Data: make([]float64, 1<<16+1)}
	x4 := Matrix{Rows: 2, Cols: 2, Data: []float64{1, 2, 3, 4}}
	rng := NewRng(1)
	cases := []struct {
		name string
		want error
		f    func() error
	}{
		{"Det huge", ErrShape, func() error { _, err := Det(huge); return err }},
		{"Eigh huge", ErrShape, func() error { _, _, err := Eigh(huge); return err }},
		{"Eig huge", ErrShape, func() error { _, _, err := Eig(huge); return err }},
		{"LU huge", ErrShape, func() error { _, _, _, err := LU(huge); return err }},
		{"Covariance huge", ErrShape, func() error { _, err := Covariance(huge, 1); return err }},
		{"Transpose huge", ErrShape, func() error { _, err := Transpose(huge); return err }},
		{"Inv huge", ErrShape, func() error { _, err := Inv(huge); return err }},
		{"SVD huge", ErrShape, func() error { _, _, _, err := SVD(huge); return err }},
		{"MatrixNorm wraps", ErrShape, func() error { _, err := MatrixNorm(wraps, 1); return err }},
		{"MatrixNorm inf wraps", ErrShape, func() error { _, err := MatrixNorm(wraps, math.Inf(1)); return err }},
		{"Covariance wraps", ErrShape, func() error { _, err := Covariance(wraps, 1); return err }},
		{"SVD wraps", ErrShape, func() error { _, _, _, err := SVD(wraps); return err }},
		{"QR wraps", ErrShape, func() error { _, _, err := QR(wraps); return err }},
		{"QRComplete wraps", ErrShape, func() error { _, _, err := QRComplete(wraps); return err }},
		{"QRRaw wraps", ErrShape, func() error { _, _, err := QRRaw(wraps); return err }},
		{"SVDFull wraps", ErrShape, func() error { _, _, _, err := SVDFull(wraps); return err }},
		{"SVDFull huge", ErrShape, func() error { _, _, _, err := SVDFull(huge); return err }},
		// A (2¹⁶ + 1)×1 column: its complete Q would hold more than 2³² entries.
		{"QRComplete column", ErrInvalid, func() error { _, _, err := QRComplete(column); return err }},
		{"SVDFull column", ErrInvalid, func() error { _, _, _, err := SVDFull(column); return err }},
		{"Predict wraps", ErrShape, func() error { _, err := Predict(wraps, make([]float64, 4), 0); return err }},
		{"Matmul wraps", ErrShape, func() error { _, err := Matmul(wraps, NewMatrix(4, 1)); return err }},
		{"Solve negative b", ErrShape, func() error { _, err := Solve(Identity(2), Matrix{Rows: 2, Cols: -1}); return err }},
		{"Matmul negative", ErrShape, func() error { _, err := Matmul(Matrix{Rows: -1}, Matrix{Cols: 2}); return err }},
		{"Transpose negative", ErrShape, func() error { _, err := Transpose(Matrix{Rows: -1, Cols: 2}); return err }},
		{"Inv negative", ErrShape, func() error { _, err := Inv(Matrix{Rows: -1, Cols: -1}); return err }},
		{"Cholesky negative", ErrShape, func() error { _, err := Cholesky(Matrix{Rows: -2, Cols: -2}); return err }},
		{"Pinv negative", ErrShape, func() error { _, err := Pinv(Matrix{Rows: -2, Cols: 3}, 1e-15); return err }},
		{"Lstsq negative", ErrShape, func() error { _, err := Lstsq(x4, Matrix{Rows: 2, Cols: -3}, -1); return err }},
		{"Matmul huge result", ErrInvalid, func() error { _, err := Matmul(Matrix{Rows: 1 << 32}, Matrix{Cols: 1 << 32}); return err }},
		{"MatrixNorm tall empty", ErrInvalid, func() error { _, err := MatrixNorm(Matrix{Rows: 1 << 62}, math.Inf(1)); return err }},
		{"LU tall", ErrInvalid, func() error { _, _, _, err := LU(NewMatrix(1<<17, 1)); return err }},
		{"Covariance wide", ErrInvalid, func() error { _, err := Covariance(NewMatrix(1, 1<<17), 0); return err }},
		{"Lstsq wide", ErrInvalid, func() error { _, err := Lstsq(NewMatrix(1, 1<<17), NewMatrix(1, 1<<17), -1); return err }},
		{"LogisticRegression maxIter", ErrInvalid, func() error {
			_, _, _, err := LogisticRegression(x4, []float64{0, 1}, LogisticOptions{LearningRate: 0.1, MaxIter: 1 << 62, Literal: true})
			return err
		}},
		{"MakeClassification huge", ErrInvalid, func() error { _, _, err := MakeClassification(1<<31, 1<<31, 0); return err }},
		{"Permutation", ErrInvalid, func() error { _, err := rng.Permutation(1 << 62); return err }},
		{"Random", ErrInvalid, func() error { _, err := rng.Random(1 << 62); return err }},
		{"Normal", ErrInvalid, func() error { _, err := rng.Normal(1 << 62); return err }},
		{"Integers", ErrInvalid, func() error { _, err := rng.Integers(0, 2, 1<<62); return err }},
		{"GradientDescent maxIter", ErrInvalid, func() error {
			_, _, err := GradientDescent(nil, func(x []float64) []float64 { return x }, []float64{1}, GradientDescentOptions{LearningRate: 0.1, MaxIter: 1 << 62, Tol: 0, KeepHistory: true, Literal: true})
			return err
		}},
		{"Hessian huge", ErrInvalid, func() error {
			_, err := Hessian(func([]float64) float64 { return 0 }, make([]float64, 1<<17), 1e-4)
			return err
		}},
		{"SoftmaxAxis shape wraps", ErrInvalid, func() error {
			_, err := SoftmaxAxis(make([]float64, 4), []int{1<<62 + 1, 4}, 0)
			return err
		}},
		{"SoftmaxAxis negative", ErrShape, func() error {
			_, err := SoftmaxAxis(nil, []int{-1, 0}, 0)
			return err
		}},
		{"SoftmaxAxis huge empty", ErrInvalid, func() error {
			_, err := SoftmaxAxis(nil, []int{1 << 40, 1 << 40, 0}, 2)
			return err
		}},
		{"ForwardPass huge", ErrInvalid, func() error {
			_, err := ForwardPass(Matrix{Rows: 1 << 32}, Matrix{Cols: 1 << 32}, nil, Matrix{Rows: 1 << 32}, nil)
			return err
		}},
		{"BackwardPass negative", ErrShape, func() error {
			_, err := BackwardPass(x4, x4, ForwardPassResult{x4, x4, x4, x4}, Matrix{Rows: -1, Cols: 2}, x4)
			return err
		}},
		{"Outer huge", ErrInvalid, func() error {
			_, err := Outer(make([]float64, 1<<17), make([]float64, 1<<17))
			return err
		}},
		{"StepShaped wraps", ErrInvalid, func() error {
			o, _ := NewSGD(0.1)
			return o.StepShaped([][]float64{make([]float64, 4)}, [][]float64{make([]float64, 4)}, [][]int{{1<<62 + 1, 4}}, [][]int{{4}})
		}},
		{"GradientDescent negative maxIter", ErrInvalid, func() error {
			_, _, err := GradientDescentErr(nil, func(x []float64) ([]float64, error) { return x, nil }, []float64{1}, GradientDescentOptions{LearningRate: 0.1, MaxIter: -1, Tol: 0, KeepHistory: true, Literal: true})
			return err
		}},
		{"Integers empty interval", ErrInvalid, func() error {
			v, err := rng.Integers(5, -71, 3)
			if v != nil {
				return fmt.Errorf("Integers returned %v with %v", v, err)
			}
			return err
		}},
		{"Derivative nil", ErrInvalid, func() error { _, err := Derivative(nil, 1, 1e-5); return err }},
		{"DerivativeErr nil", ErrInvalid, func() error { _, err := DerivativeErr(nil, 1, 1e-5); return err }},
		{"Gradient nil", ErrInvalid, func() error { _, err := Gradient(nil, []float64{1}, 1e-5); return err }},
		{"GradientErr nil", ErrInvalid, func() error { _, err := GradientErr(nil, []float64{1}, 1e-5); return err }},
		{"Hessian nil", ErrInvalid, func() error { _, err := Hessian(nil, []float64{1}, 1e-4); return err }},
		{"Jacobian nil", ErrInvalid, func() error { _, err := Jacobian(nil, []float64{1}, 1e-5); return err }},
		{"Taylor nil", ErrInvalid, func() error { _, err := Taylor(nil, []float64{1}, []float64{2}, 2); return err }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := noPanic(c.f)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want an error wrapping %v", err, c.want)
			}
		})
	}
}
