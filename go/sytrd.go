package twinmath

// Blocked tridiagonalisation of a symmetric matrix, as LAPACK's dsytrd and
// dlatrd: the reflections H₀⋯Hₙ₋₃ = Q are those of the one-at-a-time
// reduction (T = QᵀSQ), but a panel of tridiagBlock of them is built
// before the trailing block is touched. Within the panel each new column is
// brought up to date from the panel's earlier ones, and p = τ·S·v is
// corrected for the update still pending, S − V·Wᵀ − W·Vᵀ; after the panel
// the pending update is one matrix product. Half the work is then the
// product, and the matrix-vector products read the trailing block once per
// reflection instead of twice. Each reflection is the same orthogonal
// transformation, computed from the same quantities up to rounding, so the
// backward error stays O(n·ε·‖S‖₂) (Higham, Accuracy and Stability, §19.3).

// tridiagBlock is the number of reflections of a panel.
const tridiagBlock = 32

// tridiagonalizeBlocked has the contract of tridiagonalize: it reduces the
// symmetric n×n matrix s (both halves stored, destroyed) to tridiagonal
// form with diagonal d, off-diagonal off[0:n−1] (off[n−1] = 0), and writes
// Qᵀ into zt. Below two panels it leaves the work to tridiagonalize. It
// stops with the error of cc, which it looks at after each panel, when cc
// is cancelled.
func tridiagonalizeBlocked(cc *canceller, s []float64, n int, d, off, zt []float64) error {
	if n < 2*tridiagBlock {
		return tridiagonalize(cc, s, n, d, off, zt)
	}
	K := max(n-2, 0) // the number of reflections
	tau := make([]float64, n)
	nb := tridiagBlock
	// Row j of vp and wp: the vectors vⱼ and wⱼ of the current panel,
	// zero up to the panel's column j.
	vp, wp := make([]float64, nb*n), make([]float64, nb*n)
	for k0 := 0; k0 < K; k0 += nb {
		b := min(nb, K-k0)
		clear(vp)
		clear(wp)
		for j := 0; j < b; j++ {
			i := k0 + j
			row := s[i*n+i : (i+1)*n]
			for l := 0; l < j; l++ {
				vl, wl := vp[l*n:(l+1)*n], wp[l*n:(l+1)*n]
				axpy2(row, -vl[i], wl[i:], -wl[i], vl[i:])
			}
			v := row[1:]
			beta, t := eigReflector(v)
			d[i], off[i], tau[i] = row[0], beta, t
			copy(vp[j*n+i+1:(j+1)*n], v)
			if t == 0 {
				continue
			}
			// p = τ·(S − V·Wᵀ − W·Vᵀ)·v over rows and columns i+1.., then
			// w = p − (τ/2)(pᵀv)·v.
			p := wp[j*n+i+1 : (j+1)*n]
			for r := range p {
				p[r] = dot(s[(i+1+r)*n+i+1:(i+2+r)*n], v)
			}
			for l := 0; l < j; l++ {
				vl, wl := vp[l*n+i+1:(l+1)*n], wp[l*n+i+1:(l+1)*n]
				axpy2(p, -dot(wl, v), vl, -dot(vl, v), wl)
			}
			for r := range p {
				p[r] *= t
			}
			axpy(p, -0.5*t*dot(p, v), v)
			// A panel of a large matrix is ~10⁹ flops: look at cc per column.
			if err := cc.tick(2 * (n - i) * (n - i)); err != nil {
				return err
			}
		}
		// The trailing block from k1 = k0 + b: S ← S − V·Wᵀ − W·Vᵀ, as
		// X·Y with X = [V W] and Y = [W V]ᵀ.
		k1 := k0 + b
		L := n - k1
		if L <= 0 {
			continue
		}
		x, y := NewMatrix(L, 2*b), NewMatrix(2*b, L)
		for l := 0; l < b; l++ {
			vl, wl := vp[l*n+k1:(l+1)*n], wp[l*n+k1:(l+1)*n]
			for r := 0; r < L; r++ {
				x.Data[r*2*b+l] = vl[r]
				x.Data[r*2*b+b+l] = wl[r]
			}
			copy(y.Data[l*L:(l+1)*L], wl)
			copy(y.Data[(b+l)*L:(b+l+1)*L], vl)
		}
		subProduct(s[k1*n+k1:], n, x, y)
		if err := cc.tick(4 * L * L * b); err != nil {
			return err
		}
	}
	switch {
	case n >= 2:
		d[n-2], d[n-1] = s[(n-2)*n+n-2], s[n*n-1]
		off[n-2] = s[(n-2)*n+n-1]
	case n == 1:
		d[0] = s[0]
	}
	off[n-1] = 0
	// Q = H₀⋯Hₙ₋₃ applied to the identity in blocks; zt = Qᵀ. Reflector k
	// lies in row k of s from entry k+1 on (1 there).
	for k := 0; k < K; k++ {
		clear(s[k*n : k*n+k+1])
	}
	q := Identity(n)
	if err := applyReflectors(cc, q.Data, n, n, s, tau[:K], 1, false); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			zt[j*n+i] = q.Data[i*n+j]
		}
	}
	return nil
}
