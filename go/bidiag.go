package twinmath

// Householder bidiagonalisation, the first stage of the SVD (LAPACK's
// dgebd2): a tall M×N matrix T (M ≥ N) is reduced to an upper bidiagonal B by
// reflections from both sides,
//
//	B = Qᵀ·T·P    Q = H₀·H₁⋯Hₙ₋₁ (M×M), P = G₀·G₁⋯Gₙ₋₂ (N×N)
//
// Hₖ zeroes column k below the diagonal, Gₖ row k right of the
// superdiagonal. T is row-major, so both reflections work on whole rows:
// Hₖ by two passes of axpy over the rows of the trailing block, Gₖ by a dot
// product and an axpy per row. Each reflection is orthogonal and computed as
// in QR, so B is the exact bidiagonal form of T + E with ‖E‖₂ = O(N·ε·‖T‖₂)
// (Higham, Accuracy and Stability, §19.3 and §20): the SVD built on it is
// backward stable in the norm, as the residual checks require.

// bidiagonal holds the bidiagonal form of an M×N matrix and the reflections
// that produced it.
type bidiagonal struct {
	m, n int
	d, e []float64 // diagonal (n) and superdiagonal (n − 1) of B
	// hv: row k holds the reflector vector of Hₖ in entries k.. (entry k
	// is 1); ht: its τ. gv: row k holds that of Gₖ in entries k+1..; gt:
	// its τ.
	hv, gv []float64
	ht, gt []float64
}

// bidiagonalize reduces the row-major M×N matrix t (M ≥ N ≥ 1), destroying
// it.
func bidiagonalize(t []float64, m, n int) *bidiagonal {
	b := &bidiagonal{
		m: m, n: n,
		d: make([]float64, n), e: make([]float64, max(n-1, 0)),
		hv: make([]float64, n*m), gv: make([]float64, n*n),
		ht: make([]float64, n), gt: make([]float64, n),
	}
	w := make([]float64, n)
	for k := 0; k < n; k++ {
		// Hₖ from column k, rows k..m−1 (gathered: a column is strided).
		x := b.hv[k*m+k : (k+1)*m]
		for i := range x {
			x[i] = t[(k+i)*n+k]
		}
		beta, tau := householder(x)
		x[0] = 1
		b.d[k], b.ht[k] = beta, tau
		if tau != 0 && k+1 < n {
			// Trailing block C = t[k:, k+1:]: C ← C − τ·x·(xᵀC).
			wk := w[:n-k-1]
			clear(wk)
			for i, xi := range x {
				axpy(wk, xi, t[(k+i)*n+k+1:(k+i+1)*n])
			}
			for i, xi := range x {
				axpy(t[(k+i)*n+k+1:(k+i+1)*n], -tau*xi, wk)
			}
		}
		if k+1 >= n {
			continue
		}
		// Gₖ from row k, columns k+1..n−1 (contiguous).
		y := t[k*n+k+1 : (k+1)*n]
		beta, tau = householder(y)
		y[0] = 1
		b.e[k], b.gt[k] = beta, tau
		copy(b.gv[k*n+k+1:(k+1)*n], y)
		if tau != 0 {
			for i := k + 1; i < m; i++ {
				row := t[i*n+k+1 : (i+1)*n]
				axpy(row, -tau*dot(row, y), y)
			}
		}
	}
	return b
}

// applyQ replaces each of the r rows of u (length m, holding a vector of
// the bidiagonal's left space in its first n entries and zeros after them)
// with its image under Q = H₀⋯Hₙ₋₁: the left singular vectors of T from
// those of B.
func (b *bidiagonal) applyQ(u []float64, r int) {
	m := b.m
	for k := b.n - 1; k >= 0; k-- {
		tau := b.ht[k]
		if tau == 0 {
			continue
		}
		v := b.hv[k*m+k : (k+1)*m]
		for i := 0; i < r; i++ {
			row := u[i*m+k : (i+1)*m]
			axpy(row, -tau*dot(row, v), v)
		}
	}
}

// applyP replaces each of the r rows of v (length n) with its image under
// P = G₀⋯Gₙ₋₂: the right singular vectors of T from those of B.
func (b *bidiagonal) applyP(v []float64, r int) {
	n := b.n
	for k := n - 2; k >= 0; k-- {
		tau := b.gt[k]
		if tau == 0 {
			continue
		}
		g := b.gv[k*n+k+1 : (k+1)*n]
		for i := 0; i < r; i++ {
			row := v[i*n+k+1 : (i+1)*n]
			axpy(row, -tau*dot(row, g), g)
		}
	}
}

// svdBidiag computes the SVD of the row-major M×N matrix t (M ≥ N ≥ 1,
// destroyed) by bidiagonalisation and implicit-shift QR: s holds the
// singular values (non-negative, unsorted); with wantUV, row i of ut (N×M)
// and of vt (N×N) are the left and right singular vectors of s[i]. It
// returns ok = false if the QR iteration does not converge.
func svdBidiag(t []float64, m, n int, wantUV bool) (s, ut, vt []float64, ok bool) {
	b := bidiagonalize(t, m, n)
	var ub []float64
	if wantUV {
		ub, vt = Identity(n).Data, Identity(n).Data
	}
	if !bidiagQR(b.d, b.e, ub, vt) {
		return nil, nil, nil, false
	}
	if wantUV {
		ut = make([]float64, n*m)
		for i := 0; i < n; i++ {
			copy(ut[i*m:i*m+n], ub[i*n:(i+1)*n])
		}
		b.applyQ(ut, n)
		b.applyP(vt, n)
	}
	return b.d, ut, vt, true
}
