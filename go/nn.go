package twinmath

import "math"

// Sigmoid returns the logistic function of every x[i] in a new slice.
//
//	σ(x) = 1 / (1 + e^(−x)),  x clipped to [−500, 500]
//
// The clip keeps e^(−x) finite, as the source material's numpy code does;
// σ(x) is then within [7.1e−218, 1]. Special cases are:
//
//	Sigmoid(NaN) = NaN
//	Sigmoid(+Inf) = 1
//	Sigmoid(−Inf) = 7.124576406741286e−218
func Sigmoid(x []float64) []float64 {
	dst := make([]float64, len(x))
	_ = SigmoidTo(dst, x)
	return dst
}

// SigmoidTo writes the logistic function of every x[i] into dst, which may
// alias x. It returns ErrShape if len(dst) != len(x).
func SigmoidTo(dst, x []float64) error {
	if len(dst) != len(x) {
		return shapeErr("sigmoid", "dst has length %d, x has length %d", len(dst), len(x))
	}
	for i, v := range x {
		dst[i] = sigmoid(v)
	}
	return nil
}

// sigmoid is σ for one value; Go's min and max return NaN for a NaN input.
func sigmoid(x float64) float64 {
	return 1 / (1 + math.Exp(-max(-500, min(500, x))))
}
