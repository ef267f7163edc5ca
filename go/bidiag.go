package twinmath

import "math"

// Householder bidiagonalisation, the first stage of the SVD (LAPACK's
// dgebd2): a tall M×N matrix T (M ≥ N) is reduced to an upper bidiagonal B by
// reflections from both sides,
//
//	B = Qᵀ·T·P    Q = H₀·H₁⋯Hₙ₋₁ (M×M), P = G₀·G₁⋯Gₙ₋₂ (N×N)
//
// Hₖ zeroes column k below the diagonal, Gₖ row k right of the
// superdiagonal. T is row-major, so both reflections work on whole rows,
// in one pass over the trailing block per step (see bidiagonalize). Each
// reflection is orthogonal and computed as in QR, so B is the exact
// bidiagonal form of T + E with ‖E‖₂ = O(N·ε·‖T‖₂)
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
//
// Step k applies Hₖ (C ← C − τ·x·wᵀ, w = Cᵀx, on the trailing block C of
// rows k.. and columns k+1..) and Gₖ (a dot product and an axpy per row) in
// one pass over the rows, which also gathers column k+1 and accumulates
// S = Σᵢ t[i][k+1]·t[i][k+2:] over the rows below k+1: the next step's w is
// then t[k+1][k+2:] + S/(α − β), the scaling householder applies to the
// column, without another pass. Each row is read and written once per
// step instead of three times; where householder rescales a tiny column
// (and the scaling would differ) w is computed by its own pass instead.
// It stops with the error of cc, which it looks at every step, when cc is
// cancelled.
func bidiagonalize(cc *canceller, t []float64, m, n int) (bidiagonal, error) {
	ws := cc.scratch()
	b := bidiagonal{
		m: m, n: n,
		d: ws.floats(n), e: ws.floats(max(n-1, 0)),
		hv: ws.floats(n * m), gv: ws.floats(n * n),
		ht: ws.floats(n), gt: ws.floats(n),
	}
	w, acc := ws.floats(n), ws.floats(n)
	parts := ws.floatsRaw((m + bidiagRows - 1) / bidiagRows * n) // each block's part of S
	// Column 0, gathered; later columns are gathered by the pass before.
	for i := 0; i < m; i++ {
		b.hv[i] = t[i*n]
	}
	fused := false // whether acc holds S for the current step
	for k := 0; k < n; k++ {
		if err := cc.tick(4 * (m - k) * (n - k)); err != nil {
			return bidiagonal{}, err
		}
		x := b.hv[k*m+k : (k+1)*m]
		alpha := x[0]
		beta, tau := householder(x)
		x[0] = 1
		b.d[k], b.ht[k] = beta, tau
		if k+1 >= n {
			break
		}
		wk := w[:n-k-1]
		if tau != 0 {
			d := alpha - beta
			if fused && math.Abs(beta) >= 0x1p-969 && math.Abs(d) >= 0x1p-1022 {
				// w = t[k][k+1:] + S/(α − β): v = x/(α − β) below entry k.
				copy(wk, t[k*n+k+1:(k+1)*n])
				axpy(wk, 1/d, acc[:n-k-1])
			} else {
				clear(wk)
				for i, xi := range x {
					axpy(wk, xi, t[(k+i)*n+k+1:(k+i+1)*n])
				}
			}
			axpy(t[k*n+k+1:(k+1)*n], -tau, wk)
		}
		// Gₖ from row k, columns k+1..n−1 (contiguous).
		y := t[k*n+k+1 : (k+1)*n]
		gbeta, gtau := householder(y)
		y[0] = 1
		b.e[k], b.gt[k] = gbeta, gtau
		copy(b.gv[k*n+k+1:(k+1)*n], y)
		// One pass over rows k+1..: Hₖ, Gₖ, then gather column k+1 and
		// accumulate S for step k+1, in blocks of bidiagRows rows, each
		// with its own part of S, added in the blocks' order.
		ps := bidiagPass{t: t, n: n, k: k, m: m, x: x, wk: wk, y: y, tau: tau, gtau: gtau,
			next: b.hv[(k+1)*m : (k+2)*m], ls: max(n-k-2, 0), parts: parts}
		blocks := (m - k - 1 + bidiagRows - 1) / bidiagRows
		if workers := min(MaxThreads(), blocks); workers > 1 && (m-k-1)*(n-k-1) >= bidiagParallel {
			h := &bidiagPass{}
			*h = ps
			forBlocks(blocks, workers, h.rows)
		} else {
			for blk := 0; blk < blocks; blk++ {
				ps.rows(blk)
			}
		}
		s := acc[:ps.ls]
		copy(s, parts[:ps.ls])
		for blk := 1; blk < blocks; blk++ {
			for j, v := range parts[blk*ps.ls : (blk+1)*ps.ls] {
				s[j] += v
			}
		}
		fused = true
	}
	return b, nil
}

// bidiagRows is the number of rows in the blocks of a step's pass, and
// bidiagParallel the size of the trailing block (in entries) from which
// the blocks are shared among threads. The blocks, and so the bits, depend
// on the sizes alone.
const (
	bidiagRows     = 64
	bidiagParallel = 1 << 15
)

// bidiagPass is the pass of step k of bidiagonalize over rows k+1..: the
// matrix, Hₖ's vector x and its wk = Cᵀx, Gₖ's vector y, their τ, the
// column k+1 being gathered (next) and the blocks' parts of S (ls entries
// each).
type bidiagPass struct {
	t           []float64
	n, k, m, ls int
	x, wk, y    []float64
	tau, gtau   float64
	next, parts []float64
}

// rows runs the pass over block blk of the rows after k.
func (p *bidiagPass) rows(blk int) {
	k, n := p.k, p.n
	lo := k + 1 + blk*bidiagRows
	hi := min(lo+bidiagRows, p.m)
	s := p.parts[blk*p.ls : (blk+1)*p.ls]
	clear(s)
	for i := lo; i < hi; i++ {
		row := p.t[i*n+k+1 : (i+1)*n]
		if p.tau != 0 {
			axpy(row, -p.tau*p.x[i-k], p.wk)
		}
		if p.gtau != 0 {
			axpy(row, -p.gtau*dot(row, p.y), p.y)
		}
		p.next[i] = row[0]
		if i > k+1 && len(s) > 0 {
			axpy(s, row[0], row[1:])
		}
	}
}

// svdBidiag computes the SVD of the row-major M×N matrix t (M ≥ N ≥ 1,
// destroyed) by bidiagonalisation and implicit-shift QR: s holds the
// singular values (non-negative, unsorted); with wantUV, column i of u
// (M×N) and of v (N×N), both row-major, are the left and right singular
// vectors of s[i]. It returns ok = false if the QR iteration does not
// converge, and the error of cc when cc is cancelled.
func svdBidiag(cc *canceller, t []float64, m, n int, wantUV bool) (s, u, v []float64, ok bool, err error) {
	b, err := bidiagonalize(cc, t, m, n)
	if err != nil {
		return nil, nil, nil, false, err
	}
	ws := cc.scratch()
	var ut, vt []float64
	if wantUV {
		ut, vt = ws.identity(n).Data, ws.identity(n).Data
	}
	if ok, err := bidiagQR(cc, b.d, b.e, ut, vt); !ok || err != nil {
		return nil, nil, nil, false, err
	}
	if wantUV {
		// U = Q·[U_B; 0] and V = P·V_B, U_B and V_B the transposes of ut
		// and vt.
		u = ws.floats(m * n)
		v = ws.floats(n * n)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				u[j*n+i] = ut[i*n+j]
				v[j*n+i] = vt[i*n+j]
			}
		}
		if err := applyReflectors(cc, u, m, n, b.hv, b.ht, 0, false); err != nil {
			return nil, nil, nil, false, err
		}
		if err := applyReflectors(cc, v, n, n, b.gv, b.gt[:max(n-1, 0)], 1, false); err != nil {
			return nil, nil, nil, false, err
		}
	}
	return b.d, u, v, true, nil
}

// reflectorBlock is the number of reflections applyReflectors combines
// into one block update.
const reflectorBlock = 32

// compactT writes into t (row stride ldt, cleared first) the upper
// triangular T of the compact WY form R₀⋯R_{b−1} = I − V·T·Vᵀ of the b =
// len(tau) reflections Rᵢ = I − τᵢ·vᵢ·vᵢᵀ whose vectors are the rows of
// the b×n vbt (LAPACK's dlarft): column i is T[i][i] = τᵢ,
// T[:i, i] = −τᵢ·T[:i, :i]·(V[:, :i]ᵀ·vᵢ). w is scratch of b entries.
func compactT(t []float64, ldt int, vbt []float64, n int, tau, w []float64) {
	clear(t)
	for i, ti := range tau {
		vi := vbt[i*n : (i+1)*n]
		for j := 0; j < i; j++ {
			w[j] = -ti * dot(vbt[j*n:(j+1)*n], vi)
		}
		for j := 0; j < i; j++ {
			s := 0.0
			for l := j; l < i; l++ {
				s += t[j*ldt+l] * w[l]
			}
			t[j*ldt+i] = s
		}
		t[i*ldt+i] = ti
	}
}

// applyReflectors computes c ← R₀·R₁⋯R_{K−1}·c (c ← R_{K−1}⋯R₀·c with
// trans) for the row-major L×r matrix c, K = len(tau), Rₖ = I − τₖ·vₖ·vₖᵀ
// with vₖ in vs[k·L : (k+1)·L]: zero before entry off+k, 1 there. Blocks of
// reflectorBlock reflections are combined as I − V·T·Vᵀ (the compact WY
// form of Schreiber & Van Loan, LAPACK's dlarft and dlarfb; its transpose
// I − V·Tᵀ·Vᵀ with trans), so that most of the work goes through the
// matrix product. It stops with the error of cc, which it looks at after
// each block, when cc is cancelled.
func applyReflectors(cc *canceller, c []float64, L, r int, vs, tau []float64, off int, trans bool) error {
	K := len(tau)
	if K == 0 || r == 0 {
		return nil
	}
	nb := reflectorBlock
	ws := cc.scratch()
	mk := ws.mark()
	defer ws.release(mk)
	t := ws.floatsRaw(nb * nb) // cleared for each block
	w := ws.floats(nb)
	last := (K - 1) / nb * nb
	for step := 0; step <= last; step += nb {
		k0 := last - step
		if trans {
			k0 = step
		}
		k1 := min(k0+nb, K)
		b := k1 - k0
		top := off + k0
		n := L - top
		if n <= 0 {
			continue
		}
		// vbt: the block's vectors as rows (b×n), from entry top on.
		mb := ws.mark()
		vbt := ws.matrixRaw(b, n) // written in full
		for k := k0; k < k1; k++ {
			copy(vbt.Data[(k-k0)*n:(k-k0+1)*n], vs[k*L+top:(k+1)*L])
		}
		compactT(t, nb, vbt.Data, n, tau[k0:k1], w)
		// c[top:] ← c[top:] − V·(T·(Vᵀ·c[top:])).
		sub := Matrix{Rows: n, Cols: r, Data: c[top*r : L*r]}
		x := ws.matrixRaw(b, r) // the product overwrites it
		matmulScratch(ws, x, vbt, sub)
		y := ws.matrix(b, r)
		for i := 0; i < b; i++ {
			yi := y.Data[i*r : (i+1)*r]
			if trans { // row i of Tᵀ: column i of T, entries 0..i
				for l := 0; l <= i; l++ {
					if tl := t[l*nb+i]; tl != 0 {
						axpy(yi, tl, x.Data[l*r:(l+1)*r])
					}
				}
				continue
			}
			for l := i; l < b; l++ {
				if tl := t[i*nb+l]; tl != 0 {
					axpy(yi, tl, x.Data[l*r:(l+1)*r])
				}
			}
		}
		vb := ws.transpose(vbt)
		_ = subProduct(ws, nil, sub.Data, r, vb, y) // a nil canceller never stops it
		ws.release(mb)
		if err := cc.tick(4 * b * n * r); err != nil {
			return err
		}
	}
	return nil
}

// svdTall is svdBidiag for a matrix at least 5/3 times as tall as wide: it
// first factors T = Q·R (Householder QR, columns contiguous in a transposed
// copy) and bidiagonalises the N×N R instead of T, so that the reflections
// of the bidiagonalisation touch N×N instead of M×N entries (LAPACK's
// dgesvd does the same above M = 1.6·N). With R = U_R·Σ·Vᵀ, T = (Q·U_R)·Σ·Vᵀ.
// The QR factorisation is backward stable too, so the bound is the same.
func svdTall(cc *canceller, t []float64, m, n int, wantUV bool) (s, u, v []float64, ok bool, err error) {
	if 3*m < 5*n {
		return svdBidiag(cc, t, m, n, wantUV)
	}
	r, qv, tau, err := tallQR(cc, t, m, n)
	if err != nil {
		return nil, nil, nil, false, err
	}
	s, ur, v, ok, err := svdBidiag(cc, r, n, n, wantUV)
	if !ok || err != nil || !wantUV {
		return s, nil, nil, ok, err
	}
	u = cc.scratch().floats(m * n)
	copy(u, ur)
	if err := applyReflectors(cc, u, m, n, qv, tau, 0, false); err != nil {
		return nil, nil, nil, false, err
	}
	return s, u, v, true, nil
}

// tallQR factors the row-major M×N t = Q·R (M ≥ N) by Householder QR and
// returns R (N×N, row-major) and Q's reflectors as applyReflectors takes
// them (row j of qv, length M, from entry j on).
func tallQR(cc *canceller, t []float64, m, n int) (r, qv, tau []float64, err error) {
	ws := cc.scratch()
	at := ws.transpose(Matrix{Rows: m, Cols: n, Data: t}) // row c: column c
	tau = ws.floats(n)
	for j := 0; j < n; j++ {
		if err := cc.tick(2 * (m - j) * (n - j)); err != nil {
			return nil, nil, nil, err
		}
		tau[j] = eliminate(at.Data, m, n, j)
	}
	r = ws.floats(n * n)
	for i := 0; i < n; i++ {
		for c := i; c < n; c++ {
			r[i*n+c] = at.Data[c*m+i]
		}
	}
	for j := 0; j < n; j++ {
		row := at.Data[j*m : (j+1)*m]
		clear(row[:j])
		row[j] = 1
	}
	return r, at.Data, tau, nil
}

// svdSolveTall computes, for the row-major M×N matrix t (M ≥ N ≥ 1) and the
// row-major M×K matrix b (both destroyed), the singular values s of T
// (unsorted), its right singular vectors V (N×N, column i for s[i]) and
// C = Uᵀ·B (N×K, row i for s[i]) without forming U: the reflections Qᵀ and
// the rotations U_Bᵀ that would build Uᵀ are applied to B instead, as
// LAPACK's dgelss does, at K instead of M columns each.
func svdSolveTall(cc *canceller, t []float64, m, n int, b []float64, k int) (s, v, c []float64, ok bool, err error) {
	if 3*m >= 5*n {
		r, qv, tau, err := tallQR(cc, t, m, n)
		if err != nil {
			return nil, nil, nil, false, err
		}
		if err := applyReflectors(cc, b, m, k, qv, tau, 0, true); err != nil {
			return nil, nil, nil, false, err
		}
		return svdSolveTall(cc, r, n, n, b[:n*k], k)
	}
	bd, err := bidiagonalize(cc, t, m, n)
	if err != nil {
		return nil, nil, nil, false, err
	}
	if err := applyReflectors(cc, b, m, k, bd.hv, bd.ht, 0, true); err != nil {
		return nil, nil, nil, false, err
	}
	c = b[:n*k]
	ws := cc.scratch()
	vt := ws.identity(n).Data
	if ok, err := bidiagQR(cc, bd.d, bd.e, c, vt); !ok || err != nil {
		return nil, nil, nil, false, err
	}
	v = ws.floats(n * n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v[j*n+i] = vt[i*n+j]
		}
	}
	if err := applyReflectors(cc, v, n, n, bd.gv, bd.gt[:max(n-1, 0)], 1, false); err != nil {
		return nil, nil, nil, false, err
	}
	return bd.d, v, c, true, nil
}
