package twinmath

import (
	"math"
	"testing"
)

func init() {
	vectorOps["sigmoid"] = func(c *vcase) (any, error) { return c.like("x", Sigmoid(c.flatArg("x"))), nil }
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
