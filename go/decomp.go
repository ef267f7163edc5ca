package twinmath

import "math"

// Decompositions: LU with partial pivoting, Householder QR, Cholesky, the
// singular value decomposition by bidiagonalisation and implicit-shift QR,
// and what stands on it (truncated SVD, pseudo-inverse, least squares, rank, PCA).
//
// Canonical forms, shared with the Python reference so that results compare
// entry by entry (docs/conventions.md, "Decompositions"):
//
//	lu:  A = P·L·U, P a permutation matrix, L unit lower triangular (m×k),
//	     U upper triangular (k×n), k = min(m, n); the pivot of each column
//	     is its first entry of largest magnitude.
//	qr:  R has a non-negative diagonal.
//	svd: singular values descending; the largest-magnitude entry of each
//	     U[:, i] is positive (the first such entry on ties), and Vt[i] is
//	     flipped with it.
//
// This file holds what they share; each family has its own file (lu.go,
// qr.go, cholesky.go, svd.go, pinv.go, pca.go, householder.go).

// finiteMatrix returns ErrShape if a is inconsistent, and ErrInvalid if it
// is empty or holds NaN or Inf.
func (m Matrix) finiteMatrix(op, name string) error {
	if err := m.check(op, name); err != nil {
		return err
	}
	if m.Rows == 0 || m.Cols == 0 {
		return invalidErr(op, "%s is empty", name)
	}
	return checkFinite(op, name, m.Data)
}

// powerOfTwoScale returns the exponent e with max|a| = f·2^e, f in [0.5, 1):
// dividing by 2^e is exact (barring underflow of entries 2¹⁰⁷⁴ times smaller)
// and brings the largest magnitude near 1, so squares neither overflow nor
// lose the largest entries to underflow. It returns 0 for a zero matrix.
func powerOfTwoScale(data []float64) int {
	return scaleExponent(maxAbsBits(data))
}

// scaleExponent is powerOfTwoScale of data from maxAbsBits(data).
func scaleExponent(bits uint64) int {
	if bits == 0 {
		return 0
	}
	m := math.NaN()
	if bits <= infBits {
		m = math.Float64frombits(bits)
	}
	_, e := math.Frexp(m)
	return e
}

// scaledCopy returns a copy of a divided by 2^e, e = powerOfTwoScale(a).
func scaledCopy(a Matrix) (Matrix, int) {
	c := a.Clone()
	e := powerOfTwoScale(c.Data)
	scaleBy(c.Data, e)
	return c, e
}

// scaleBy divides every entry of data by 2^e.
func scaleBy(data []float64, e int) {
	if e == 0 {
		return
	}
	if e < -1023 || e > 1022 {
		for i, v := range data {
			data[i] = math.Ldexp(v, -e)
		}
		return
	}
	// 2^−e is a normal float64, so one multiplication rounds v·2^−e once,
	// as Ldexp does: the same bits, subnormal results included.
	f := math.Float64frombits(uint64(1023-e) << 52)
	for i, v := range data {
		data[i] = v * f
	}
}
