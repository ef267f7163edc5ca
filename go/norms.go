package twinmath

import "math"

// VectorNorm returns the ord-norm of the vector v for any ord, as
// numpy.linalg.vector_norm does:
//
//	ord +Inf: maxᵢ |v[i]|
//	ord −Inf: minᵢ |v[i]|
//	ord 0:    the number of non-zero entries
//	ord 1:    Σᵢ |v[i]|
//	ord 2:    √(Σᵢ v[i]²)   (scaled as Norm's, so that it neither overflows nor underflows)
//	other p:  (Σᵢ |v[i]|ᵖ)^(1/p)
//
// For other p the entries are first divided by max|v[i]|, so the sum neither
// overflows nor underflows for any finite v, and the result is multiplied
// back (divided by min|v[i]| for negative p). Negative p (and −Inf) give 0
// when some v[i] is 0. Special cases are:
//
//	VectorNorm(v, ord) = NaN   if some v[i] is NaN (ord ≠ 0)
//	VectorNorm(v, ord) = +Inf  if some v[i] is ±Inf, none is NaN and ord > 0
//	VectorNorm(empty, ord) = 0 for ord ≥ 0, +Inf for ord < 0 (the sum of no terms is 0)
//
// It returns ErrInvalid if ord is NaN.
func VectorNorm(v []float64, ord float64) (float64, error) {
	switch {
	case ord != ord:
		return 0, invalidErr("vector_norm", "ord must be a number, got nan")
	case ord == 1, ord == 2, math.IsInf(ord, 1):
		return Norm(v, ord)
	case ord == 0:
		var c float64
		for _, x := range v {
			if x != 0 {
				c++
			}
		}
		return c, nil
	case math.IsInf(ord, -1):
		m := math.Inf(1)
		for _, x := range v {
			a := math.Abs(x)
			if a < m {
				m = a
			} else if a != a {
				return a, nil
			}
		}
		return m, nil
	}
	if len(v) == 0 {
		if ord < 0 {
			return math.Inf(1), nil
		}
		return 0, nil
	}
	m := maxAbs(v)
	switch {
	case m != m:
		return m, nil
	case math.IsInf(m, 1) && ord > 0:
		return m, nil
	case math.IsInf(m, 1):
		// |x|^p of an infinite entry is 0 for p < 0: it drops out of the sum.
		finite := make([]float64, 0, len(v))
		for _, x := range v {
			if !math.IsInf(x, 0) {
				finite = append(finite, x)
			}
		}
		return VectorNorm(finite, ord)
	case m == 0:
		return 0, nil
	}
	if ord < 0 {
		// The smallest magnitude scales: every term is then at most 1, and
		// the one of the smallest entry is exactly 1.
		m, _ = VectorNorm(v, math.Inf(-1))
		if m == 0 {
			return 0, nil
		}
	}
	var s float64
	for _, x := range v {
		s += math.Pow(math.Abs(x)/m, ord)
	}
	return m * math.Pow(s, 1/ord), nil
}
