package twinmath

import (
	"math"
	"testing"
)

func init() {
	vectorOps["sigmoid"] = func(c *vcase) (any, error) { return c.like("x", Sigmoid(c.flatArg("x"))), nil }
	vectorOps["sigmoid_derivative"] = func(c *vcase) (any, error) {
		return c.like("x", SigmoidDerivative(c.flatArg("x"))), nil
	}
	vectorOps["relu"] = func(c *vcase) (any, error) { return c.like("x", Relu(c.flatArg("x"))), nil }
	vectorOps["tanh"] = func(c *vcase) (any, error) { return c.like("x", Tanh(c.flatArg("x"))), nil }
	vectorOps["softmax"] = func(c *vcase) (any, error) {
		axis := -1
		if _, ok := c.Args["axis"]; ok {
			axis = int(c.num("axis"))
		}
		y, err := SoftmaxAxis(c.flatArg("x"), c.Shapes["x"], axis)
		if err != nil {
			return nil, err
		}
		return c.like("x", y), nil
	}
	vectorOps["forward_pass"] = func(c *vcase) (any, error) {
		r, err := ForwardPass(c.mat("X"), c.mat("W1"), c.flatArg("b1"), c.mat("W2"), c.flatArg("b2"))
		return []any{r.A1, r.A2, r.Z1, r.Z2}, err
	}
	vectorOps["backward_pass"] = func(c *vcase) (any, error) {
		r, err := BackwardPass(c.mat("X"), c.mat("y"),
			ForwardPassResult{A1: c.mat("a1"), A2: c.mat("a2"), Z1: c.mat("z1"), Z2: c.mat("z2")}, c.mat("W1"), c.mat("W2"))
		row := func(v []float64) Matrix { return Matrix{Rows: 1, Cols: len(v), Data: v} }
		return []any{r.DW1, row(r.DB1), r.DW2, row(r.DB2)}, err
	}
}

func TestSigmoidSpecialCases(t *testing.T) {
	// e^-500 = 7.124576406741286e-218 (the clip); σ(0) = 1/2 exactly.
	tests := []struct{ x, want float64 }{
		{0, 0.5},
		{nan, nan},
		{inf, 1},
		{-inf, 1 / (1 + math.Exp(500))},
		{-1000, 1 / (1 + math.Exp(500))},
		{40, 1},
	}
	for _, tt := range tests {
		if got := Sigmoid([]float64{tt.x})[0]; !alike(got, tt.want) {
			t.Errorf("Sigmoid(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
}
