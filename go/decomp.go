package twinmath

import "math"

// luFactor overwrites the n×n row-major matrix a with its LU factorisation
// with partial pivoting, P·A = L·U: U on and above the diagonal, the
// multipliers of the unit lower triangle L below it. piv[k] is the row
// swapped with row k at step k, as in LAPACK's ipiv. It returns the sign of
// the permutation and whether some pivot was exactly zero (A singular); like
// LAPACK's dgetf2 it completes the factorisation either way.
//
// The pivot of column k is the first entry of largest magnitude on or below
// the diagonal, the choice LAPACK's idamax makes.
func luFactor(a []float64, n int, piv []int) (sign float64, singular bool) {
	sign = 1
	for k := 0; k < n; k++ {
		p, big := k, math.Abs(a[k*n+k])
		for i := k + 1; i < n; i++ {
			if v := math.Abs(a[i*n+k]); v > big {
				p, big = i, v
			}
		}
		piv[k] = p
		if p != k {
			rk, rp := a[k*n:(k+1)*n], a[p*n:(p+1)*n]
			for j := range rk {
				rk[j], rp[j] = rp[j], rk[j]
			}
			sign = -sign
		}
		d := a[k*n+k]
		if d == 0 {
			// The whole column below is zero too: nothing to eliminate.
			singular = true
			continue
		}
		// Multiply by the reciprocal of the pivot, as LAPACK's dgetf2 does
		// (unless it would overflow), so that both implementations round
		// the multipliers alike.
		r, recip := 1/d, math.Abs(d) >= 0x1p-1022
		rk := a[k*n+k+1 : (k+1)*n]
		for i := k + 1; i < n; i++ {
			var l float64
			if recip {
				l = a[i*n+k] * r
			} else {
				l = a[i*n+k] / d
			}
			a[i*n+k] = l
			if l != 0 {
				axpy(a[i*n+k+1:(i+1)*n], -l, rk)
			}
		}
	}
	return sign, singular
}
