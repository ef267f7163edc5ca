package twinmath

import "math"

// Slogdet returns the sign and the natural logarithm of the absolute value of
// the determinant of the square matrix a, from its LU factorisation with
// partial pivoting, so that determinants far beyond the range of float64
// keep their logarithm.
//
//	det(A) = sign · exp(logAbsDet)
//
// The product of the pivots is formed with a running binary exponent, as in
// Det, and its logarithm taken once. Rows whose largest magnitude lies
// beyond 2^±500 are first divided by the power of two of that magnitude
// (exact; the exponents are added back), so that tiny or huge rows do not
// give subnormal or overflowing pivots. Special cases are:
//
//	Slogdet(0×0) = 1, 0        (the empty product)
//	Slogdet(A) = 0, -Inf       if a pivot is exactly zero (A is singular)
//
// It returns ErrShape if a is not square and ErrInvalid if a holds NaN or
// Inf.
func Slogdet(a Matrix) (sign, logAbsDet float64, err error) {
	return slogdet(nil, a)
}

// slogdet is Slogdet, stopping with the error of cc when cc is cancelled.
func slogdet(cc *canceller, a Matrix) (sign, logAbsDet float64, err error) {
	if err := a.check("slogdet", "a"); err != nil {
		return 0, 0, err
	}
	if a.Rows != a.Cols {
		return 0, 0, shapeErr("slogdet", "a must be square, got %dx%d", a.Rows, a.Cols)
	}
	if err := checkFinite("slogdet", "a", a.Data); err != nil {
		return 0, 0, err
	}
	n := a.Rows
	if n == 0 {
		return 1, 0, nil
	}
	// The copy row by row, looking at cc as it goes: the first touch of a
	// fresh buffer of hundreds of megabytes takes seconds on some hosts.
	ws := cc.scratch() // nil: allocated
	lu, shift := ws.matrixRaw(n, n), 0
	for i := 0; i < n; i++ {
		if err := cc.tick(n); err != nil {
			return 0, 0, err
		}
		row := lu.Data[i*n : (i+1)*n]
		copy(row, a.Data[i*n:(i+1)*n])
		shift += scaleRowBeyond(row)
	}
	sign, _, err = luFactor(cc, lu.Data, n, ws.ints(n))
	if err != nil {
		return 0, 0, err
	}
	frac, exp := 1.0, shift
	for i := 0; i < n; i++ {
		f, e := math.Frexp(lu.Data[i*n+i])
		if f == 0 {
			return 0, math.Inf(-1), nil
		}
		frac, exp = frac*f, exp+e
		f, e = math.Frexp(frac)
		frac, exp = f, exp+e
	}
	if frac < 0 {
		sign, frac = -sign, -frac
	}
	return sign, math.Log(frac) + float64(exp)*math.Ln2, nil
}

// scaleRowBeyond divides row by 2ᵉ if its largest magnitude lies beyond
// 2^±500, e the binary exponent of that magnitude (math.Frexp), and
// returns e (0 for a row in range, which is left as it is): det(A) =
// 2^(sum of the rows' e)·det(the scaled A), exactly. So the LU
// factorisation meets neither subnormal nor overflowing pivots and
// multipliers where A's rows are tiny or huge (2.225e-311·[[0, 1], [1, 1]],
// 1e300·I, diag(1e300, 1e-300)). The reference does the same.
func scaleRowBeyond(row []float64) int {
	big := 0.0
	for _, v := range row {
		big = max(big, math.Abs(v))
	}
	_, e := math.Frexp(big)
	if e <= 500 && e >= -500 {
		return 0
	}
	for j, v := range row {
		row[j] = math.Ldexp(v, -e)
	}
	return e
}

// Cond returns the condition number of a in the matrix norm of order p, as
// numpy.linalg.cond does:
//
//	p = 2:   s₀ / sₖ₋₁   (largest over smallest singular value; any m×n)
//	p = −2:  sₖ₋₁ / s₀
//	p = 1, −1, +Inf, −Inf:  ‖A‖ₚ · ‖A⁻¹‖ₚ   (a must be square)
//
// See MatrixNorm for the norms; CondFrobenius and CondNuclear take the
// Frobenius and the nuclear norm. A singular matrix (an exactly zero
// singular value for p = ±2, an exactly zero pivot of the LU factorisation
// otherwise) has condition number +Inf, also where the ratio would be 0/0.
//
// It returns ErrInvalid if p is not one of the orders above or a holds NaN
// or Inf; ErrShape if a is empty (numpy's LinAlgError: cond is not defined
// on empty matrices) or p is not ±2 and a is not square; and
// ErrNoConvergence if the singular values do not converge.
func Cond(a Matrix, p float64) (float64, error) {
	return cond(nil, a, p)
}

// cond is Cond, stopping with the error of cc when cc is cancelled.
func cond(cc *canceller, a Matrix, p float64) (float64, error) {
	switch p {
	case 2, -2:
		if err := condShape(a, false); err != nil {
			return 0, err
		}
		if err := checkFinite("cond", "x", a.Data); err != nil {
			return 0, err
		}
		_, s, _, err := svd(cc, "cond", a, false)
		if err != nil {
			return 0, err
		}
		r := s[0] / s[len(s)-1]
		if p == -2 {
			r = s[len(s)-1] / s[0]
		}
		if r != r {
			return math.Inf(1), nil
		}
		return r, nil
	case 1, -1, math.Inf(1), math.Inf(-1):
		return condByInverse(cc, a, func(cc *canceller, m Matrix) (float64, error) { return matrixNorm(cc, m, p) })
	}
	return 0, invalidErr("cond", "p must be None, 'fro', 'nuc', 1, -1, 2, -2, inf or -inf, got %s", pyFloat(p))
}

// CondFrobenius returns the condition number of the square matrix a in the
// Frobenius norm, ‖A‖_F · ‖A⁻¹‖_F; errors and special cases as Cond.
func CondFrobenius(a Matrix) (float64, error) {
	return condByInverse(nil, a, frobeniusNorm)
}

// CondNuclear returns the condition number of the square matrix a in the
// nuclear norm, ‖A‖_* · ‖A⁻¹‖_*; errors and special cases as Cond.
func CondNuclear(a Matrix) (float64, error) {
	return condByInverse(nil, a, nuclearNorm)
}

// condByInverse returns norm(A)·norm(A⁻¹), +Inf when A is singular, or
// the error of cc when cc is cancelled.
func condByInverse(cc *canceller, a Matrix, norm func(*canceller, Matrix) (float64, error)) (float64, error) {
	if err := condShape(a, true); err != nil {
		return 0, err
	}
	if err := checkFinite("cond", "x", a.Data); err != nil {
		return 0, err
	}
	inv := cc.scratch().identity(a.Rows) // nil workspace: allocated
	if err := luSolve(cc, "cond", a, inv); isCancel(err) {
		return 0, err
	} else if err != nil {
		return math.Inf(1), nil // ErrSingular
	}
	na, err := norm(cc, a)
	if err != nil {
		return 0, err
	}
	ni, err := norm(cc, inv)
	if err != nil {
		return 0, err
	}
	if r := na * ni; r == r {
		return r, nil
	}
	return math.Inf(1), nil
}

// condShape returns ErrShape if a is not square (when square is asked for)
// or is empty: numpy raises LinAlgError for the empty matrix, whose σ₁/σₙ
// has no singular values and whose ‖A‖·‖A⁻¹‖ would be 0·0.
func condShape(a Matrix, square bool) error {
	if err := a.check("cond", "x"); err != nil {
		return err
	}
	return condDims(a.Rows, a.Cols, square)
}

// condDims is condShape on the dimensions of a matrix (of a stack).
func condDims(rows, cols int, square bool) error {
	if square && rows != cols {
		return shapeErr("cond", "x must be square, got %dx%d", rows, cols)
	}
	if rows == 0 || cols == 0 {
		return shapeErr("cond", "x is empty")
	}
	return nil
}

// NuclearNorm returns the nuclear (trace) norm of a, the sum of its singular
// values.
//
//	‖A‖_* = Σᵢ sᵢ
//
// The norm of an empty matrix is 0; it is NaN if a holds a NaN, else +Inf if
// a holds an infinity. It returns ErrNoConvergence if the singular values do
// not converge.
func NuclearNorm(a Matrix) (float64, error) {
	return nuclearNorm(nil, a)
}

// nuclearNorm is NuclearNorm, stopping with the error of cc when cc is
// cancelled.
func nuclearNorm(cc *canceller, a Matrix) (float64, error) {
	if err := a.check("norm", "A"); err != nil {
		return 0, err
	}
	if len(a.Data) == 0 {
		return 0, nil
	}
	if m := maxAbs(a.Data); m != m || math.IsInf(m, 1) {
		return m, nil
	}
	_, s, _, err := svd(cc, "norm", a, false)
	if err != nil {
		return 0, err
	}
	var t float64
	for _, v := range s {
		t += v
	}
	return t, nil
}
