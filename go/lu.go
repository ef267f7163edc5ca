package twinmath

import "math"

// luFactor factors the n×n matrix a in place for det, inv and solve, whose
// results are compared under a rounding bound: its updates go through
// axpyKernel, with fused multiply-adds where the CPU has them, and from two
// panels of columns on through the blocked factorisation (lu_blocked.go).
// LU, whose factors are compared bit for bit, uses the exact update instead.
func luFactor(cc *canceller, a []float64, n int, piv []int) (sign float64, singular bool, err error) {
	if n >= 2*luBlock {
		return luFactorBlocked(cc, a, n, piv)
	}
	return luFactorRect(cc, a, n, n, piv, axpyKernel)
}

// axpyExact is axpyExactKernel in Go: y[i] += alpha·x[i], rounding each
// product before the sum on every platform (the conversion forbids a fused
// multiply-add), as numpy's row operations do.
func axpyExact(y []float64, alpha float64, x []float64) {
	x = x[:len(y)]
	for i, v := range x {
		y[i] += float64(alpha * v)
	}
}

// luFactorRect overwrites the m×n row-major matrix a with its LU
// factorisation with partial pivoting, P·A = L·U: U on and above the
// diagonal, the multipliers of the unit lower triangle L below it. piv[k] is
// the row swapped with row k at step k (k < min(m, n)), as in LAPACK's ipiv.
// It returns the sign of the permutation and whether some pivot was exactly
// zero; like LAPACK's dgetf2 it completes the factorisation either way.
//
// The pivot of column k is the first entry of largest magnitude on or below
// the diagonal, the choice LAPACK's idamax makes. update(row i, −l, row k)
// performs each row operation; with axpyExactKernel every a[i][j] − l·a[k][j]
// rounds the product before the difference (no fused multiply-add), so the
// factors are the same bits on every platform and in
// the Python reference, which performs the same operations with numpy.
// It stops with the error of cc when cc is cancelled.
func luFactorRect(cc *canceller, a []float64, m, n int, piv []int, update func(y []float64, alpha float64, x []float64)) (sign float64, singular bool, err error) {
	sign = 1
	for k := 0; k < min(m, n); k++ {
		if err := cc.tick((m - k) * (n - k)); err != nil {
			return 0, false, err
		}
		p, big := k, math.Abs(a[k*n+k])
		for i := k + 1; i < m; i++ {
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
		// (unless it would overflow).
		r, recip := 1/d, math.Abs(d) >= 0x1p-1022
		rk := a[k*n+k+1 : (k+1)*n]
		for i := k + 1; i < m; i++ {
			var l float64
			if recip {
				l = a[i*n+k] * r
			} else {
				l = a[i*n+k] / d
			}
			a[i*n+k] = l
			update(a[i*n+k+1:(i+1)*n], -l, rk)
		}
	}
	return sign, singular, nil
}

// LU returns the LU factorisation with partial pivoting of the m×n matrix a,
// with k = min(m, n):
//
//	A = P·L·U    P m×m permutation, L m×k unit lower triangular, U k×n upper triangular
//
// as scipy.linalg.lu returns it. The pivot of each column is its first entry
// of largest magnitude; a zero pivot (a singular A) is no error, U then has a
// zero on its diagonal. It returns ErrInvalid if a is empty or holds NaN or
// Inf.
func LU(a Matrix) (p, l, u Matrix, err error) {
	return luAlloc(nil, a)
}

// luAlloc is LU, stopping with the error of cc when cc is cancelled.
func luAlloc(cc *canceller, a Matrix) (p, l, u Matrix, err error) {
	if err := a.finiteMatrix("lu", "A"); err != nil {
		return Matrix{}, Matrix{}, Matrix{}, err
	}
	k := min(a.Rows, a.Cols)
	if p, err = newResult("lu", a.Rows, a.Rows); err != nil {
		return Matrix{}, Matrix{}, Matrix{}, err
	}
	l, u = NewMatrix(a.Rows, k), NewMatrix(k, a.Cols)
	if err := luTo(cc, p, l, u, a); err != nil {
		return Matrix{}, Matrix{}, Matrix{}, err
	}
	return p, l, u, nil
}

// LUTo writes the factors of LU(a) into p (m×m), l (m×k) and u (k×n).
func LUTo(p, l, u, a Matrix) error {
	return luTo(nil, p, l, u, a)
}

func luTo(cc *canceller, p, l, u, a Matrix) error {
	if cc.scratch() == nil {
		return withScratch(cc, "lu", func(cc *canceller) error { return luTo(cc, p, l, u, a) })
	}
	a = cc.scratch().fresh(a, spanOf(p.Data), spanOf(l.Data), spanOf(u.Data))
	if err := a.finiteMatrix("lu", "A"); err != nil {
		return err
	}
	m, n := a.Rows, a.Cols
	k := min(m, n)
	for _, d := range []struct {
		mat        Matrix
		name       string
		rows, cols int
	}{{p, "P", m, m}, {l, "L", m, k}, {u, "U", k, n}} {
		if err := d.mat.want("lu", d.name, d.rows, d.cols); err != nil {
			return err
		}
	}
	ws := cc.scratch()
	f := ws.clone(a)
	piv := ws.ints(k)
	if _, _, err := luFactorRect(cc, f.Data, m, n, piv, axpyExactKernel); err != nil {
		return err
	}
	// perm[i] is the row of A that ended in row i: (Pᵀ·A)[i] = A[perm[i]].
	perm := ws.ints(m)
	for i := range perm {
		perm[i] = i
	}
	for i, q := range piv {
		perm[i], perm[q] = perm[q], perm[i]
	}
	clear(p.Data)
	for i, r := range perm {
		p.Data[r*m+i] = 1
	}
	clear(l.Data)
	clear(u.Data)
	for i := 0; i < m; i++ {
		for j := 0; j < min(i, k); j++ {
			l.Data[i*k+j] = f.Data[i*n+j]
		}
		if i < k {
			l.Data[i*k+i] = 1
			copy(u.Data[i*n+i:(i+1)*n], f.Data[i*n+i:(i+1)*n])
		}
	}
	return nil
}
