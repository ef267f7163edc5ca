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

// lowerBlock is the height of the blocks of rows in which lowerUpdate
// updates the lower triangle of the trailing block (about half the
// product of the whole block, plus half a block per row block).
const lowerBlock = 64

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
	ws := cc.scratch()
	mk := ws.mark()
	defer ws.release(mk)
	tau := ws.floats(n)
	if err := tridiagReduce(cc, s, n, d, off, tau); err != nil {
		return err
	}
	q := ws.identity(n)
	return tridiagBack(cc, s, n, tau, q.Data, zt)
}

// tridiagReduce is the reduction of tridiagonalizeBlocked: it leaves T in d
// and off, reflector k in row k of s from entry k+1 on (1 there) and its τ
// in tau[k] (k < n−2).
func tridiagReduce(cc *canceller, s []float64, n int, d, off, tau []float64) error {
	K := max(n-2, 0) // the number of reflections
	nb := tridiagBlock
	// Row j of vp and wp: the vectors vⱼ and wⱼ of the current panel,
	// zero up to the panel's column j.
	ws := cc.scratch()
	mk := ws.mark()
	defer ws.release(mk)
	vp, wp := ws.floatsRaw(nb*n), ws.floatsRaw(nb*n) // cleared for each panel
	parts := ws.floatsRaw(symvPartsLen(n))           // cleared by symvLower
	for k0 := 0; k0 < K; k0 += nb {
		b := min(nb, K-k0)
		clear(vp)
		clear(wp)
		for j := 0; j < b; j++ {
			i := k0 + j
			// Column i below the diagonal, up to date in the lower
			// triangle, into row i (whose upper part the updates leave
			// stale), where the reflector is then kept.
			row := s[i*n+i : (i+1)*n]
			for c := 1; c < len(row); c++ {
				row[c] = s[(i+c)*n+i]
			}
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
			symvLower(p, s[(i+1)*n+i+1:], n, v, parts)
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
		// X·Y with X = [V W] and Y = [W V]ᵀ, on its lower triangle only
		// (the diagonal included), the only part read from here on: in
		// blocks of lowerBlock rows, each up to its last column (with the
		// packed kernel; the pure-Go one updates the whole block).
		k1 := k0 + b
		L := n - k1
		if L <= 0 {
			continue
		}
		mb := ws.mark()
		x, y := ws.matrixRaw(L, 2*b), ws.matrixRaw(2*b, L) // written in full
		for l := 0; l < b; l++ {
			vl, wl := vp[l*n+k1:(l+1)*n], wp[l*n+k1:(l+1)*n]
			for r := 0; r < L; r++ {
				x.Data[r*2*b+l] = vl[r]
				x.Data[r*2*b+b+l] = wl[r]
			}
			copy(y.Data[l*L:(l+1)*L], wl)
			copy(y.Data[(b+l)*L:(b+l+1)*L], vl)
		}
		err := lowerUpdate(ws, cc, s[k1*n+k1:], n, x, y)
		ws.release(mb)
		if err != nil {
			return err
		}
	}
	switch {
	case n >= 2:
		d[n-2], d[n-1] = s[(n-2)*n+n-2], s[n*n-1]
		off[n-2] = s[(n-1)*n+n-2] // the lower triangle
	case n == 1:
		d[0] = s[0]
	}
	off[n-1] = 0
	return nil
}

// tridiagBack computes zt = W·Qᵀ for the n×n row-major w, Q = H₀⋯Hₙ₋₃
// the reflections tridiagReduce left in s and tau: for the eigenvectors of
// T in the rows of w, those of the original matrix in the rows of zt (for
// w = I, zt = Qᵀ). The reflections are applied to Wᵀ in blocks, through
// the matrix product (LAPACK's dormtr); w is destroyed.
func tridiagBack(cc *canceller, s []float64, n int, tau, w, zt []float64) error {
	K := max(n-2, 0)
	for k := 0; k < K; k++ {
		clear(s[k*n : k*n+k+1])
	}
	// Wᵀ in zt, Q·Wᵀ in zt, its transpose in w, then copied to zt.
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			zt[j*n+i] = w[i*n+j]
		}
	}
	if err := applyReflectors(cc, zt, n, n, s, tau[:K], 1, false); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			w[j*n+i] = zt[i*n+j]
		}
	}
	copy(zt, w[:n*n])
	return nil
}

// lowerUpdate computes C ← C − X·Y on the lower triangle (the diagonal
// included) of the L×L block C whose first entry is c[0] (row stride ldc),
// for X L×w and Y w×L: with the packed kernel in blocks of lowerBlock rows,
// each up to its last column; with the pure-Go kernels, on the whole block.
// It stops with the error of cc, which the products look at, when cc is
// cancelled (C then holds part of the update).
func lowerUpdate(ws *Workspace, cc *canceller, c []float64, ldc int, x, y Matrix) error {
	if gemmKernel == nil {
		return subProduct(ws, cc, c, ldc, x, y)
	}
	L, w := x.Rows, x.Cols
	for r0 := 0; r0 < L; r0 += lowerBlock {
		r1 := min(r0+lowerBlock, L)
		if err := packedProduct(cc, ws, packed{
			dst: Matrix{Rows: r1 - r0, Cols: ldc, Data: c[r0*ldc:]},
			a:   Matrix{Rows: r1 - r0, Cols: w, Data: x.Data[r0*w:]},
			b:   y,
			m:   r1 - r0, k: w, p: r1, neg: true,
		}); err != nil {
			return err
		}
	}
	return nil
}

// symvLower computes p = B·v for the symmetric m×m block B whose first
// entry is b[0] (row stride ldb), m = len(p), reading its lower triangle
// only (LAPACK's dsymv): each row is read once, for a dot product with v and
// an axpy into p, half the memory traffic of a product with the whole
// block. Each pᵢ is the same sum of products in another order. The rows
// are taken in blocks of symvRows, each block summing into its own part of
// parts (symvPartsLen(m) entries), shared among threads from symvParallel
// entries of B; the parts are added in the blocks' order, so the bits
// depend on m alone.
func symvLower(p, b []float64, ldb int, v, parts []float64) {
	m := len(p)
	blocks := (m + symvRows - 1) / symvRows
	sp := symvPass{b: b, ldb: ldb, v: v, parts: parts, m: m}
	if workers := min(MaxThreads(), blocks); workers > 1 && m*m/2 >= symvParallel {
		h := &symvPass{}
		*h = sp
		forBlocks(blocks, workers, h.rows)
	} else {
		for blk := 0; blk < blocks; blk++ {
			sp.rows(blk)
		}
	}
	clear(p)
	for blk := 0; blk < blocks; blk++ {
		q := parts[blk*m : blk*m+min((blk+1)*symvRows, m)]
		for j, x := range q {
			p[j] += x
		}
	}
}

// symvRows is the number of rows in the blocks of symvLower, and
// symvParallel the number of entries of the lower triangle from which they
// are shared among threads.
const (
	symvRows     = 64
	symvParallel = 1 << 15
)

// symvPartsLen is the length of the parts that symvLower needs for an m×m
// block.
func symvPartsLen(m int) int { return (m + symvRows - 1) / symvRows * m }

// symvPass is one symvLower: the block, v, the parts, and the order.
type symvPass struct {
	b, v, parts []float64
	ldb, m      int
}

// rows sums the rows of block blk into its part: entry r of a row's dot
// product with v, and the row times v[r] into the entries before r.
func (s *symvPass) rows(blk int) {
	lo := blk * symvRows
	hi := min(lo+symvRows, s.m)
	q := s.parts[blk*s.m : blk*s.m+hi]
	clear(q)
	for r := lo; r < hi; r++ {
		row := s.b[r*s.ldb : r*s.ldb+r+1]
		q[r] += dot(row[:r], s.v) + row[r]*s.v[r]
		if r > 0 {
			axpy(q[:r], s.v[r], row[:r])
		}
	}
}
