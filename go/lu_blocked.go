package twinmath

import "math"

// Blocked right-looking LU factorisation with partial pivoting (LAPACK's
// dgetrf): a panel of luBlock columns is factored one column at a time, the
// rows right of it are solved with its unit lower triangle, and the
// trailing block receives the panel's whole update as one matrix product.
// The pivots are chosen as in the unblocked factorisation (the first entry
// of largest magnitude of the updated column), and every entry of L and U
// is the same sum of products, only added in another order, so the
// backward error bound of LU, |ΔA| ≤ γₙ·|L̂|·|Û| (Higham, Accuracy and
// Stability, Theorem 9.3), holds unchanged.

// luBlock is the width of a panel.
const luBlock = 32

// luFactorBlocked has the contract of luFactor: it overwrites the n×n
// row-major a with its LU factorisation with partial pivoting, records the
// interchanges in piv, and returns the sign of the permutation and whether
// some pivot was exactly zero; it stops with the error of cc, which it looks
// at after each panel, when cc is cancelled.
func luFactorBlocked(cc *canceller, a []float64, n int, piv []int) (sign float64, singular bool, err error) {
	sign = 1
	panel := make([]float64, luBlock*n)
	for j0 := 0; j0 < n; j0 += luBlock {
		j1 := min(j0+luBlock, n)
		// The panel, columns j0..j1−1 and rows j0..n−1, factored in a
		// transposed copy pt, where its columns are contiguous: the pivot
		// search and each update of a column are then loops over one
		// contiguous vector.
		pw, ph := j1-j0, n-j0
		pt := panel[:pw*ph]
		for i := 0; i < ph; i++ {
			for c, v := range a[(j0+i)*n+j0 : (j0+i)*n+j1] {
				pt[c*ph+i] = v
			}
		}
		for c := 0; c < pw; c++ {
			k := j0 + c
			col := pt[c*ph : (c+1)*ph]
			p, big := c, math.Abs(col[c])
			for i := c + 1; i < ph; i++ {
				if v := math.Abs(col[i]); v > big {
					p, big = i, v
				}
			}
			piv[k] = j0 + p
			if p != c {
				for c2 := 0; c2 < pw; c2++ {
					q := pt[c2*ph : (c2+1)*ph]
					q[c], q[p] = q[p], q[c]
				}
				sign = -sign
			}
			d := col[c]
			if d == 0 {
				singular = true
				continue
			}
			r, recip := 1/d, math.Abs(d) >= 0x1p-1022
			l := col[c+1:]
			for i := range l {
				if recip {
					l[i] *= r
				} else {
					l[i] /= d
				}
			}
			for c2 := c + 1; c2 < pw; c2++ {
				q := pt[c2*ph : (c2+1)*ph]
				if u := q[c]; u != 0 {
					axpy(q[c+1:], -u, l)
				}
			}
		}
		for i := 0; i < ph; i++ {
			row := a[(j0+i)*n+j0 : (j0+i)*n+j1]
			for c := range row {
				row[c] = pt[c*ph+i]
			}
		}
		// The panel's interchanges in the columns outside it.
		for k := j0; k < j1; k++ {
			if p := piv[k]; p != k {
				rk, rp := a[k*n:(k+1)*n], a[p*n:(p+1)*n]
				for j := 0; j < j0; j++ {
					rk[j], rp[j] = rp[j], rk[j]
				}
				for j := j1; j < n; j++ {
					rk[j], rp[j] = rp[j], rk[j]
				}
			}
		}
		if j1 == n {
			break
		}
		// U12 = L11⁻¹·A12, row by row.
		w := n - j1
		for i := j0 + 1; i < j1; i++ {
			ri := a[i*n+j1 : (i+1)*n]
			for k := j0; k < i; k++ {
				if l := a[i*n+k]; l != 0 {
					axpy(ri, -l, a[k*n+j1:(k+1)*n])
				}
			}
		}
		// A22 ← A22 − L21·U12.
		b, h := j1-j0, n-j1
		l21, u12 := NewMatrix(h, b), NewMatrix(b, w)
		for i := 0; i < h; i++ {
			copy(l21.Data[i*b:(i+1)*b], a[(j1+i)*n+j0:(j1+i)*n+j1])
		}
		for k := 0; k < b; k++ {
			copy(u12.Data[k*w:(k+1)*w], a[(j0+k)*n+j1:(j0+k+1)*n])
		}
		subProduct(a[j1*n+j1:], n, l21, u12)
		if err := cc.tick(ph * ph * pw); err != nil {
			return 0, false, err
		}
	}
	return sign, singular, nil
}

// subProduct computes C ← C − A·B for the a.Rows×b.Cols block C of a
// row-major matrix with row stride ldc whose first entry is c[0]; a is
// destroyed. With the packed kernel the product is accumulated into C in
// place, with A negated (exactly): no temporary of C's size is written.
func subProduct(c []float64, ldc int, a, b Matrix) {
	h, w := a.Rows, b.Cols
	if h == 0 || w == 0 {
		return
	}
	if gemmKernel != nil && h*a.Cols*w >= 1<<12 {
		for i, x := range a.Data {
			a.Data[i] = -x
		}
		_ = matmulPacked(nil, Matrix{Rows: h, Cols: ldc, Data: c}, a, b) // a nil canceller never stops it: the callers look between blocks
		return
	}
	z := NewMatrix(h, w)
	matmul(z, a, b)
	for i := 0; i < h; i++ {
		ci, zi := c[i*ldc:i*ldc+w], z.Data[i*w:(i+1)*w]
		for j := range ci {
			ci[j] -= zi[j]
		}
	}
}

// luSubstitute overwrites the n×k row-major x (holding P·B, the
// interchanges already applied) with the solution of L·U·X = P·B, for the
// factorisation lu of luFactor. Blocks of luBlock rows are solved one row
// at a time, after the rows solved before them are subtracted from the
// block in one matrix product; the sums of products are those of
// substitution, in another order, so its backward error bound (Higham,
// Theorem 8.5) holds unchanged. It stops with the error of cc, which it
// looks at after each block of rows, when cc is cancelled.
func luSubstitute(cc *canceller, lu []float64, n int, x Matrix) error {
	k := x.Cols
	row := func(i int) []float64 { return x.Data[i*k : (i+1)*k] }
	blocked := k >= 8 && n >= 2*luBlock
	// Forward: the unit lower triangle.
	for i0 := 0; i0 < n; i0 += luBlock {
		i1 := min(i0+luBlock, n)
		if blocked && i0 > 0 {
			l := NewMatrix(i1-i0, i0)
			for i := i0; i < i1; i++ {
				copy(l.Data[(i-i0)*i0:(i-i0+1)*i0], lu[i*n:i*n+i0])
			}
			subProduct(x.Data[i0*k:], k, l, Matrix{Rows: i0, Cols: k, Data: x.Data[:i0*k]})
		}
		j0 := 0
		if blocked {
			j0 = i0
		}
		for i := i0; i < i1; i++ {
			xi := row(i)
			for j := j0; j < i; j++ {
				if l := lu[i*n+j]; l != 0 {
					axpy(xi, -l, row(j))
				}
			}
		}
		if err := cc.tick(i1 * luBlock * k); err != nil {
			return err
		}
	}
	// Backward: the upper triangle, blocks from the bottom.
	for i1 := n; i1 > 0; i1 -= luBlock {
		i0 := max(i1-luBlock, 0)
		if blocked && i1 < n {
			u := NewMatrix(i1-i0, n-i1)
			for i := i0; i < i1; i++ {
				copy(u.Data[(i-i0)*(n-i1):(i-i0+1)*(n-i1)], lu[i*n+i1:(i+1)*n])
			}
			subProduct(x.Data[i0*k:], k, u, Matrix{Rows: n - i1, Cols: k, Data: x.Data[i1*k:]})
		}
		j1 := n
		if blocked {
			j1 = i1
		}
		for i := i1 - 1; i >= i0; i-- {
			xi := row(i)
			for j := i + 1; j < j1; j++ {
				if u := lu[i*n+j]; u != 0 {
					axpy(xi, -u, row(j))
				}
			}
			d := lu[i*n+i]
			for j := range xi {
				xi[j] /= d
			}
		}
		if err := cc.tick((n - i0) * luBlock * k); err != nil {
			return err
		}
	}
	return nil
}

// interchange applies the row interchanges of a factorisation to the rows of
// x, in the order they were made: row k with row piv[k].
func interchange(x Matrix, piv []int) {
	k := x.Cols
	for i, p := range piv {
		if p != i {
			ri, rp := x.Data[i*k:(i+1)*k], x.Data[p*k:(p+1)*k]
			for j := range ri {
				ri[j], rp[j] = rp[j], ri[j]
			}
		}
	}
}
