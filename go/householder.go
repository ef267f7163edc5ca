package twinmath

import "math"

// householder turns x into a Householder reflector, as LAPACK's dlarfg:
// H = I − τ·v·vᵀ with v = (1, x[1:]) maps (x₀, x[1:]) to (β, 0). It returns
// β and τ and overwrites x[1:] with v[1:]. β = −sign(x₀)·‖x‖, so that
// x₀ − β never cancels; ‖x[1:]‖ is computed with scaling (norm2), and a
// column below 2⁻⁹⁶⁹ in norm is scaled up first.
func householder(x []float64) (beta, tau float64) {
	alpha := x[0]
	xnorm := norm2(x[1:])
	if xnorm == 0 {
		return alpha, 0
	}
	beta = -math.Copysign(math.Hypot(alpha, xnorm), alpha)
	// A column of subnormal size would give τ and v few significant bits:
	// scale it up by powers of two first (exactly), as dlarfg does.
	knt := 0
	for math.Abs(beta) < 0x1p-969 && knt < 2 {
		for i := 1; i < len(x); i++ {
			x[i] = math.Ldexp(x[i], 969)
		}
		alpha = math.Ldexp(alpha, 969)
		beta = -math.Copysign(math.Hypot(alpha, norm2(x[1:])), alpha)
		knt++
	}
	tau = (beta - alpha) / beta
	d := alpha - beta
	if math.Abs(d) >= 0x1p-1022 {
		r := 1 / d
		for i := 1; i < len(x); i++ {
			x[i] *= r
		}
	} else {
		for i := 1; i < len(x); i++ {
			x[i] /= d
		}
	}
	return math.Ldexp(beta, -969*knt), tau
}

// reflect applies H = I − τ·v·vᵀ, v = (1, v[1:]), to y in place.
func reflect(y, v []float64, tau float64) {
	w := tau * (y[0] + dot(v[1:], y[1:]))
	if w == 0 {
		return
	}
	y[0] -= w
	axpy(y[1:], -w, v[1:])
}

// eliminate runs step j of a Householder QR on at, the transpose of an
// m-row matrix with cols columns stored row by row (row c of at is column c):
// it builds the reflector of column j below the diagonal, applies it to the
// columns after j, stores β in the diagonal and the reflector's tail below it,
// and returns τ.
func eliminate(at []float64, m, cols, j int) (tau float64) {
	x := at[j*m+j : (j+1)*m]
	beta, tau := householder(x)
	if tau != 0 {
		for c := j + 1; c < cols; c++ {
			reflect(at[c*m+j:(c+1)*m], x, tau)
		}
	}
	x[0] = beta
	return tau
}

// householderQ returns the first cols columns (k ≤ cols ≤ m) of the m×m
// Q = H₀·H₁⋯Hₖ₋₁, as the rows of a cols×m matrix, from k reflectors stored
// below the diagonal of the rows of at (k×m or more rows; row j holds v_j
// from entry j + 1 on). The product is accumulated backwards, each
// reflector touching only the columns it can change: Hⱼ leaves eᵢ alone
// for i < j. It stops with the error of cc when cc is cancelled.
func householderQ(cc *canceller, at Matrix, tau []float64, k, m, cols int) (Matrix, error) {
	qt := cc.scratch().matrix(cols, m)
	for i := 0; i < cols; i++ {
		qt.Data[i*m+i] = 1
	}
	for j := k - 1; j >= 0; j-- {
		if err := cc.tick((cols - j) * (m - j)); err != nil {
			return Matrix{}, err
		}
		if tau[j] == 0 {
			continue
		}
		v := at.Data[j*m+j : (j+1)*m]
		saved := v[0]
		v[0] = 1
		for c := j; c < cols; c++ {
			reflect(qt.Data[c*m+j:(c+1)*m], v, tau[j])
		}
		v[0] = saved
	}
	return qt, nil
}
