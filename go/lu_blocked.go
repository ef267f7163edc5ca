package twinmath

import (
	"math"
	"sync"
)

// Recursive LU factorisation with partial pivoting (LAPACK's dgetrf2, the
// panel factorisation of dgetrf): the columns are split in two halves; the
// left half is factored (recursively), its interchanges are applied to the
// right half, the top of the right half is solved with the left half's unit
// lower triangle, the rest of it receives the left half's update as one
// matrix product, and the bottom right block is factored (recursively).
// Strips of at most luLeaf columns are factored one column at a time in a
// transposed copy, where each column is contiguous. Nearly all the work is
// then in the matrix products, at every scale. The pivots are chosen as in
// the unblocked factorisation (the first entry of largest magnitude of the
// updated column), and every entry of L and U is the same sum of products,
// only added in another order, so the backward error bound of LU,
// |ΔA| ≤ γₙ·|L̂|·|Û| (Higham, Accuracy and Stability, Theorem 9.3), holds
// unchanged.

// luBlock is half the order from which luFactor takes the recursive
// factorisation.
const luBlock = 32

// luLeaf is the width of the strips factored one column at a time.
const luLeaf = 8

// luFactorBlocked has the contract of luFactor: it overwrites the n×n
// row-major a with its LU factorisation with partial pivoting, records the
// interchanges in piv, and returns the sign of the permutation and whether
// some pivot was exactly zero; it stops with the error of cc, which it looks
// at after each product, when cc is cancelled.
func luFactorBlocked(cc *canceller, a []float64, n int, piv []int) (sign float64, singular bool, err error) {
	ws := cc.scratch()
	mk := ws.mark()
	defer ws.release(mk)
	if n >= luAheadMin {
		singular, err = luFactorAhead(cc, a, n, piv)
	} else {
		f := luRec{cc: cc, ws: ws, lda: n, buf: ws.floats(luLeaf * n)}
		err = f.factor(a, n, n, piv)
		singular = f.singular
	}
	if err != nil {
		return 0, false, err
	}
	sign = 1
	for k, p := range piv {
		if p != k {
			sign = -sign
		}
	}
	return sign, singular, nil
}

// luRec holds what the recursion shares: the row stride of the matrix, a
// buffer for the transposed strips, and the verdict so far.
type luRec struct {
	cc       *canceller
	ws       *Workspace
	lda      int
	buf      []float64
	singular bool
}

// factor factors the m×n block (m ≥ n) whose first entry is a[0], with row
// stride f.lda: piv[k] (k < n) is the row, counted from the block's first,
// swapped with row k. The interchanges are made within the block's columns
// only.
func (f *luRec) factor(a []float64, m, n int, piv []int) error {
	lda := f.lda
	if n <= luLeaf {
		f.leaf(a, m, n, piv)
		return nil
	}
	n1 := n / 2
	if n1 > luLeaf {
		n1 = n1 / luLeaf * luLeaf
	}
	n2 := n - n1
	if err := f.factor(a, m, n1, piv[:n1]); err != nil {
		return err
	}
	swapRows(a[n1:], lda, n2, piv[:n1], 0)
	// A12 ← L11⁻¹·A12, then A22 ← A22 − L21·A12.
	if err := trsmLowerUnit(f.ws, f.cc, a, lda, n1, a[n1:], lda, n2); err != nil {
		return err
	}
	if err := gemmSub(f.ws, f.cc, m-n1, n2, n1, a[n1*lda:], lda, a[n1:], lda, a[n1*lda+n1:], lda); err != nil {
		return err
	}
	if err := f.factor(a[n1*lda+n1:], m-n1, n2, piv[n1:]); err != nil {
		return err
	}
	for k := n1; k < n; k++ {
		piv[k] += n1
	}
	swapRows(a, lda, n1, piv[n1:], n1)
	return nil
}

// swapRows swaps, in the w columns from a[0] (row stride lda), row k0+k
// with row piv[k] for each k in order.
func swapRows(a []float64, lda, w int, piv []int, k0 int) {
	for k, p := range piv {
		if p != k0+k {
			rk, rp := a[(k0+k)*lda:(k0+k)*lda+w], a[p*lda:p*lda+w]
			for j := range rk {
				rk[j], rp[j] = rp[j], rk[j]
			}
		}
	}
}

// leaf factors the m×n block at a[0] (n ≤ luLeaf) one column at a time, as
// luFactorRect does, in a transposed copy whose columns are contiguous.
func (f *luRec) leaf(a []float64, m, n int, piv []int) {
	lda := f.lda
	t := f.buf[:n*m]
	transposeStrided(t, m, a, lda, m, n)
	for c := 0; c < n; c++ {
		col := t[c*m : (c+1)*m]
		p, big := c, math.Abs(col[c])
		for i := c + 1; i < m; i++ {
			if v := math.Abs(col[i]); v > big {
				p, big = i, v
			}
		}
		piv[c] = p
		if p != c {
			for c2 := 0; c2 < n; c2++ {
				q := t[c2*m : (c2+1)*m]
				q[c], q[p] = q[p], q[c]
			}
		}
		d := col[c]
		if d == 0 {
			f.singular = true
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
		for c2 := c + 1; c2 < n; c2++ {
			q := t[c2*m : (c2+1)*m]
			if u := q[c]; u != 0 {
				axpy(q[c+1:], -u, l)
			}
		}
	}
	transposeStrided(a, lda, t, m, n, m)
}

// trsmLowerUnit overwrites the n×w block b (row stride ldb) with L⁻¹·b, for
// the unit lower triangle L of the n×n block l (row stride ldl); see
// trsmLower.
func trsmLowerUnit(ws *Workspace, cc *canceller, l []float64, ldl, n int, b []float64, ldb, w int) error {
	return trsmLower(ws, cc, l, ldl, n, b, ldb, w, true)
}

// trsmLower overwrites the n×w block b (row stride ldb) with L⁻¹·b, for
// the lower triangle L of the n×n block l (row stride ldl), whose diagonal
// is taken as ones when unit: the top half of the rows is solved,
// subtracted from the bottom half in one matrix product, and the bottom
// half solved, recursively; below luLeaf rows, row by row (each row's
// earlier rows subtracted, then divided by its diagonal entry). It stops
// with the error of cc, which the products look at, when cc is cancelled.
func trsmLower(ws *Workspace, cc *canceller, l []float64, ldl, n int, b []float64, ldb, w int, unit bool) error {
	if n <= 2*luLeaf || w == 0 {
		for i := 0; i < n; i++ {
			bi := b[i*ldb : i*ldb+w]
			for k := 0; k < i; k++ {
				if x := l[i*ldl+k]; x != 0 {
					axpy(bi, -x, b[k*ldb:k*ldb+w])
				}
			}
			if !unit {
				divKernel(bi, bi, l[i*ldl+i])
			}
		}
		return cc.tick(n * n * w / 2)
	}
	n1 := n / 2
	if err := trsmLower(ws, cc, l, ldl, n1, b, ldb, w, unit); err != nil {
		return err
	}
	if err := gemmSub(ws, cc, n-n1, w, n1, l[n1*ldl:], ldl, b, ldb, b[n1*ldb:], ldb); err != nil {
		return err
	}
	return trsmLower(ws, cc, l[n1*ldl+n1:], ldl, n-n1, b[n1*ldb:], ldb, w, unit)
}

// gemmSub computes C ← C − A·B for the m×k block A at a[0], the k×w block B
// at b[0] and the m×w block C at c[0], of row strides lda, ldb and ldc, with
// the packed kernel where there is one and the product is large enough
// (packedProduct, with A negated as it is packed: on several threads from
// 2²¹ multiply-adds, its packing buffers from ws, or the pool, on one). It
// stops with the error of cc, which it looks at between blocks
// of the product (C then holds part of it), when cc is cancelled.
func gemmSub(ws *Workspace, cc *canceller, m, w, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) error {
	return gemmSubPacked(ws, cc, m, w, k, a, lda, nil, b, ldb, c, ldc)
}

// gemmSubPacked is gemmSub with A packed already (by packAll, negated) in
// ap when ap is not nil; the products small enough to be summed row by
// row read a itself, so the bits are those of gemmSub.
func gemmSubPacked(ws *Workspace, cc *canceller, m, w, k int, a []float64, lda int, ap, b []float64, ldb int, c []float64, ldc int) error {
	if m == 0 || w == 0 || k == 0 {
		return nil
	}
	if gemmKernel == nil || m*w*k < 1<<12 {
		for i := 0; i < m; i++ {
			ci := c[i*ldc : i*ldc+w]
			for p := 0; p < k; p++ {
				if x := a[i*lda+p]; x != 0 {
					axpy(ci, -x, b[p*ldb:p*ldb+w])
				}
			}
			if err := cc.tick(w * k); err != nil {
				return err
			}
		}
		return nil
	}
	return packedProduct(cc, ws, packed{
		dst: Matrix{Rows: m, Cols: ldc, Data: c},
		a:   Matrix{Rows: m, Cols: lda, Data: a},
		b:   Matrix{Rows: k, Cols: ldb, Data: b},
		m:   m, k: k, p: w, neg: true, ap: ap,
	})
}

// subProduct computes C ← C − A·B for the a.Rows×b.Cols block C of a
// row-major matrix with row stride ldc whose first entry is c[0]. With the
// packed kernel the product is accumulated into C in place, with A negated
// (exactly) as it is packed: no temporary of C's size is written. Its
// scratch comes from ws. It stops with the error of cc (C then holds part
// of the product) when cc is cancelled: the product looks at it between
// its blocks.
func subProduct(ws *Workspace, cc *canceller, c []float64, ldc int, a, b Matrix) error {
	h, w := a.Rows, b.Cols
	if h == 0 || w == 0 {
		return nil
	}
	if gemmKernel != nil && h*a.Cols*w >= 1<<12 {
		return packedProduct(cc, ws, packed{dst: Matrix{Rows: h, Cols: ldc, Data: c}, a: a, b: b, m: h, k: a.Cols, p: w, neg: true})
	}
	mk := ws.mark()
	defer ws.release(mk)
	z := ws.matrix(h, w)
	if err := matmulWork(cc, ws, z, a, b); err != nil {
		return err
	}
	for i := 0; i < h; i++ {
		ci, zi := c[i*ldc:i*ldc+w], z.Data[i*w:(i+1)*w]
		for j := range ci {
			ci[j] -= zi[j]
		}
	}
	return nil
}

// luSubstitute overwrites the n×k row-major x (holding P·B, the
// interchanges already applied) with the solution of L·U·X = P·B, for the
// factorisation lu of luFactor: X ← L⁻¹·X, then X ← U⁻¹·X, each
// recursively (trsmLowerUnit, trsmUpper), so that nearly all the work is in
// matrix products of half the order and more. The sums of products are
// those of substitution, in another order, so its backward error bound
// (Higham, Theorem 8.5) holds unchanged. It stops with the error of cc,
// which the products and the row-by-row leaves look at, when cc is
// cancelled.
func luSubstitute(cc *canceller, lu []float64, n int, x Matrix) error {
	k := x.Cols
	if k < luDotColumns {
		return luSubstituteDot(cc, lu, n, x)
	}
	ws := cc.scratch()
	if err := trsmLowerUnit(ws, cc, lu, n, n, x.Data, k, k); err != nil {
		return err
	}
	return trsmUpper(ws, cc, lu, n, n, x.Data, k, k, nil)
}

// luInvert overwrites the n×n row-major x, holding the identity, with
// A⁻¹ = U⁻¹·L⁻¹·P for the factorisation lu of luFactor (P·A = L·U, piv its
// interchanges): X ← L⁻¹, then X ← U⁻¹·X, then X ← X·P, in blocks of
// invBlock columns, each solved on its own. L⁻¹ is lower triangular, so
// the block from column c0 is zero above row c0 and is solved with L from
// row c0 down only: a sixth of n³ multiply-adds instead of a half (LAPACK's
// dgetri saves the same by inverting the triangles). The terms left out
// are exact zeros, so every entry is the sum of products of substitution
// with P·I, in another order, and the bound of luSubstitute holds. From
// invParallel multiply-adds the blocks are shared among threads; a
// column's sums do not depend on the others in its block, so the bits do
// not depend on the number of threads. It stops with the error of cc when
// cc is cancelled.
func luInvert(cc *canceller, lu []float64, n int, piv []int, x Matrix) error {
	nb := (n + invBlock - 1) / invBlock
	ws := cc.scratch()
	mk := ws.mark()
	defer ws.release(mk)
	var tree []float64
	if gemmKernel != nil && nb > 1 && n <= invTreeMax {
		tree = ws.floatsRaw(upperTreeLen(n))
		packUpperTree(tree, lu, n, n)
	}
	if workers := min(MaxThreads(), nb); workers > 1 && n*n*n/2 >= invParallel && !cc.oneThread() {
		forBlocks(nb, workers, func(k int) { _ = invertBlock(cc.part(), nil, lu, n, x, k, tree) }) // a cancellation is reported below
		if err := cc.err(); err != nil {
			return err
		}
	} else {
		for k := 0; k < nb; k++ {
			if err := invertBlock(cc, ws, lu, n, x, k, tree); err != nil {
				return err
			}
		}
	}
	permuteColumns(ws, x, piv)
	return nil
}

// permuteColumns overwrites the n×n x with X·P, P = Sₙ₋₁···S₀ where Sₖ
// swaps k and piv[k]: the column swaps from the last interchange to the
// first. Their composition is found first, as the column of X that each
// column of X·P is, and then each row is gathered once: a swap of two
// columns of a row-major matrix would touch every row.
func permuteColumns(ws *Workspace, x Matrix, piv []int) {
	n := x.Cols
	mk := ws.mark()
	defer ws.release(mk)
	src, row := ws.ints(n), ws.floatsRaw(n)
	for j := range src {
		src[j] = j
	}
	for k := n - 1; k >= 0; k-- {
		if p := piv[k]; p != k {
			src[k], src[p] = src[p], src[k]
		}
	}
	for i := 0; i < x.Rows; i++ {
		r := x.Data[i*n : (i+1)*n]
		for j, s := range src {
			row[j] = r[s]
		}
		copy(r, row)
	}
}

// invertBlock solves block k of luInvert's columns: L·Y = I from the
// block's diagonal down, then U·X = Y (with U's products packed in tree
// when it is not nil).
func invertBlock(cc *canceller, ws *Workspace, lu []float64, n int, x Matrix, k int, tree []float64) error {
	c0 := k * invBlock
	w := min(invBlock, n-c0)
	if err := trsmLowerUnit(ws, cc, lu[c0*n+c0:], n, n-c0, x.Data[c0*n+c0:], n, w); err != nil {
		return err
	}
	return trsmUpper(ws, cc, lu, n, n, x.Data[c0:], n, w, tree)
}

// invTreeMax is the largest order for which luInvert packs U's products
// once for all its blocks of columns (upperTreeLen(n) ≈ n²/2 entries, 16
// MiB at n = 2048): each block packed them again before, and packing took
// about a fifth of the time of the blocks at n = 300. Above it each block
// packs its own, and the scratch stays that of the factorisation.
const invTreeMax = 2048

// upperTreeLen is the length of the buffer of packUpperTree for n rows.
func upperTreeLen(n int) int {
	if n <= 2*luLeaf {
		return 0
	}
	n1 := n / 2
	return packedAllLen(n1, n-n1) + upperTreeLen(n-n1) + upperTreeLen(n1)
}

// packUpperTree packs (negated, by packAll) the blocks of the n×n upper
// triangle u (row stride ldu) that trsmUpper multiplies by, in the order
// its recursion splits them: the block right of the top half's diagonal,
// then the tree of the bottom half, then that of the top half.
func packUpperTree(tree, u []float64, ldu, n int) {
	if n <= 2*luLeaf {
		return
	}
	n1 := n / 2
	s := packedAllLen(n1, n-n1)
	packAll(tree, Matrix{Rows: n1, Cols: ldu, Data: u[n1:]}, n1, n-n1, true)
	packUpperTree(tree[s:], u[n1*ldu+n1:], ldu, n-n1)
	packUpperTree(tree[s+upperTreeLen(n-n1):], u, ldu, n1)
}

// invParallel is the size of the solves (n³/2 multiply-adds) from which
// luInvert shares its blocks among threads: from n = 204. Below, sharing
// saves little, and a program calling from several threads at once (two
// Python threads inverting 200×200 matrices) would have its calls compete
// for the cores.
const invParallel = 1 << 22

// invBlock is the width of the blocks of columns in which luInvert solves
// L·Y = I.
const invBlock = 64

// trsmUpper overwrites the n×w block b (row stride ldb) with U⁻¹·b, for the
// upper triangle U, diagonal included, of the n×n block u (row stride
// ldu): the bottom half of the rows is solved, subtracted from the top
// half in one matrix product, and the top half solved, recursively; below
// 2·luLeaf rows, row by row from the bottom. The products' blocks of u
// are taken from tree, packed by packUpperTree, when it is not nil. It
// stops with the error of cc, which the products look at, when cc is
// cancelled.
func trsmUpper(ws *Workspace, cc *canceller, u []float64, ldu, n int, b []float64, ldb, w int, tree []float64) error {
	if n <= 2*luLeaf || w == 0 {
		for i := n - 1; i >= 0; i-- {
			bi := b[i*ldb : i*ldb+w]
			for k := i + 1; k < n; k++ {
				if x := u[i*ldu+k]; x != 0 {
					axpy(bi, -x, b[k*ldb:k*ldb+w])
				}
			}
			d := u[i*ldu+i]
			for j := range bi {
				bi[j] /= d
			}
		}
		return cc.tick(n * n * w / 2)
	}
	n1 := n / 2
	var self, bottom, top []float64
	if tree != nil {
		s, sb := packedAllLen(n1, n-n1), upperTreeLen(n-n1)
		self, bottom, top = tree[:s], tree[s:s+sb], tree[s+sb:]
	}
	if err := trsmUpper(ws, cc, u[n1*ldu+n1:], ldu, n-n1, b[n1*ldb:], ldb, w, bottom); err != nil {
		return err
	}
	if err := gemmSubPacked(ws, cc, n1, w, n-n1, u[n1:], ldu, self, b[n1*ldb:], ldb, b, ldb); err != nil {
		return err
	}
	return trsmUpper(ws, cc, u, ldu, n1, b, ldb, w, top)
}

// luDotColumns is the number of right-hand sides from which luSubstitute
// works on whole rows of X; below it, one column at a time with dot
// products.
const luDotColumns = 8

// luSubstituteDot is luSubstitute one column of x at a time: each entry of
// the solution is its right-hand side less one dot product with a row of L
// or U (the sums of products of substitution, in another order: the bound
// of Higham, Theorem 8.5, holds unchanged).
func luSubstituteDot(cc *canceller, lu []float64, n int, x Matrix) error {
	k := x.Cols
	ws := cc.scratch()
	mk := ws.mark()
	defer ws.release(mk)
	y := ws.floats(n)
	for c := 0; c < k; c++ {
		for i := range y {
			y[i] = x.Data[i*k+c]
		}
		for i := 1; i < n; i++ {
			y[i] -= dot(lu[i*n:i*n+i], y)
		}
		for i := n - 1; i >= 0; i-- {
			y[i] = (y[i] - dot(lu[i*n+i+1:(i+1)*n], y[i+1:])) / lu[i*n+i]
		}
		for i, v := range y {
			x.Data[i*k+c] = v
		}
		if err := cc.tick(n * n); err != nil {
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

// The right-looking blocked factorisation with look-ahead (the scheme of
// LAPACK's dgetrf, with the next panel factored while the rest of the
// trailing matrix is updated, as the parallel LAPACKs do): the columns are
// cut into panels of luAheadBlock; at each step the factored panel's
// interchanges, triangular solve and product are applied to the columns on
// its right in chunks of at most luAheadChunk columns, and the first
// chunk, the next panel, is factored (recursively, luRec) as soon as its
// own update is done, while the other threads update the other chunks. The
// panel factorisation, the narrow part of the work, is then off the path
// that the threads wait on. Each chunk's update and each panel's
// factorisation is the same sequence of operations whichever thread runs
// it and in whatever order, so the bits depend on n alone; every entry of
// L and U is still the unblocked factorisation's sum of products, added in
// another order, so the error bound of luRec holds unchanged.

// luAheadMin is the order from which luFactorBlocked takes the look-ahead
// factorisation. Against the recursive one it took 20 to 25 % off det,
// solve and inv at n = 300 and solve at n = 1000 on two threads, and the
// same time on one. Below it the recursive one is kept: its products stay
// on one thread below 2²¹ multiply-adds, leaving the second core to a
// second caller (two Python threads inverting 200×200 matrices).
const luAheadMin = 256

// luAheadBlock is the width of the panels of the look-ahead factorisation,
// and luAheadChunk the width of the chunks of columns whose updates are
// shared among the threads. Of 64, 96 and 128 (chunks 64 to 256), 64 was
// the fastest at n = 300 and as fast as the others at n = 1000.
const (
	luAheadBlock = 64
	luAheadChunk = 64
)

// luAhead is the state of a look-ahead factorisation: the matrix, the
// panels' factorisation, the step in hand (the panel [c, t0) is factored,
// the next one is [t0, t0+w1)), and the first error of a step's chunks.
type luAhead struct {
	cc        *canceller
	ws        *Workspace // nil when the chunks run on several threads
	a         []float64
	n         int
	piv       []int
	f         luRec
	l21       []float64 // the panel below its triangle, packed once for the chunks' products
	c, t0, w1 int
	mu        sync.Mutex
	failed    error
}

// luFactorAhead has the contract of luFactorBlocked, the sign aside: it
// overwrites the n×n row-major a with its LU factorisation with partial
// pivoting and records the interchanges in piv; it reports whether some
// pivot was exactly zero, or stops with the error of cc, which its
// products look at, when cc is cancelled. On one thread it allocates
// nothing.
func luFactorAhead(cc *canceller, a []float64, n int, piv []int) (singular bool, err error) {
	ws := cc.scratch()
	mk := ws.mark()
	defer ws.release(mk)
	s := luAhead{cc: cc, ws: ws, a: a, n: n, piv: piv, f: luRec{cc: cc, ws: ws, lda: n, buf: ws.floats(luLeaf * n)}}
	if gemmKernel != nil {
		s.l21 = ws.floatsRaw(packedAllLen(n, luAheadBlock))
	}
	// The first panel is factored alone, its products on all threads.
	w := min(luAheadBlock, n)
	if err := s.f.factor(a, n, w, piv[:w]); err != nil {
		return false, err
	}
	for s.c = 0; s.c+w < n; s.c = s.t0 {
		s.t0 = s.c + w
		s.w1 = min(luAheadBlock, n-s.t0)
		chunks := 1 + (n-s.t0-s.w1+luAheadChunk-1)/luAheadChunk
		if s.l21 != nil {
			packAll(s.l21, Matrix{Rows: n - s.t0, Cols: n, Data: a[s.t0*n+s.c:]}, n-s.t0, w, true)
		}
		// The last panel (chunks = 1) is factored alone, its products on
		// all threads too.
		if workers := min(MaxThreads(), chunks); workers > 1 {
			err = s.shared(chunks, workers)
		} else {
			for k := 0; k < chunks && err == nil; k++ {
				err = s.chunk(k, cc)
			}
		}
		if err != nil {
			return false, err
		}
		for k := s.t0; k < s.t0+s.w1; k++ {
			piv[k] += s.t0
		}
		w = s.w1
	}
	// The interchanges of each panel in the columns on its left, shared
	// among the threads in blocks of columns.
	if last := (n - 1) / luAheadBlock * luAheadBlock; MaxThreads() > 1 {
		h := &luAhead{a: a, n: n, piv: piv}
		forRanges(last, luAheadChunk, h.swapLeft)
	} else {
		s.swapLeft(0, last)
	}
	return s.f.singular, cc.err()
}

// shared runs the chunks of a step on up to workers threads, each chunk
// with a canceller of its own whose products stay on its goroutine, and
// scratch from the pool.
func (s *luAhead) shared(chunks, workers int) error {
	h := &luAhead{cc: s.cc, a: s.a, n: s.n, piv: s.piv, f: s.f, l21: s.l21, c: s.c, t0: s.t0, w1: s.w1}
	h.f.cc, h.f.ws = s.cc.part(), nil
	forBlocks(chunks, workers, func(k int) {
		h.mu.Lock()
		stop := h.failed != nil
		h.mu.Unlock()
		if stop { // a chunk was cancelled: the others are not begun
			return
		}
		pc := h.f.cc
		if k > 0 {
			pc = h.cc.part()
		}
		if err := h.chunk(k, pc); err != nil {
			h.mu.Lock()
			if h.failed == nil {
				h.failed = err
			}
			h.mu.Unlock()
		}
	})
	s.f.singular = h.f.singular
	if h.failed != nil {
		return h.failed
	}
	return s.cc.err()
}

// chunk runs chunk k of the step with the canceller pc and the scratch of
// s.ws (the pool when it is nil): chunk 0 updates the next panel and
// factors it (with s.f, whose canceller the caller chose), chunk k > 0
// updates the columns t0 + w1 + (k−1)·luAheadChunk on.
func (s *luAhead) chunk(k int, pc *canceller) error {
	if k == 0 {
		if err := s.update(pc, s.t0, s.w1); err != nil {
			return err
		}
		return s.f.factor(s.a[s.t0*s.n+s.t0:], s.n-s.t0, s.w1, s.piv[s.t0:s.t0+s.w1])
	}
	col0 := s.t0 + s.w1 + (k-1)*luAheadChunk
	return s.update(pc, col0, min(luAheadChunk, s.n-col0))
}

// update applies the factored panel [c, t0) to the width columns from col0
// on: its interchanges, the solve with its unit lower triangle, and the
// product of its part below the triangle.
func (s *luAhead) update(pc *canceller, col0, width int) error {
	a, n, c, t0 := s.a, s.n, s.c, s.t0
	w := t0 - c
	swapRows(a[col0:], n, width, s.piv[c:t0], c)
	if err := trsmLowerUnit(s.ws, pc, a[c*n+c:], n, w, a[c*n+col0:], n, width); err != nil {
		return err
	}
	if s.l21 == nil {
		return gemmSub(s.ws, pc, n-t0, width, w, a[t0*n+c:], n, a[c*n+col0:], n, a[t0*n+col0:], n)
	}
	// gemmSub's packed product, with the panel packed once for all chunks.
	return packedProduct(pc, s.ws, packed{
		dst: Matrix{Rows: n - t0, Cols: n, Data: a[t0*n+col0:]},
		a:   Matrix{Rows: n - t0, Cols: n, Data: a[t0*n+c:]},
		b:   Matrix{Rows: w, Cols: n, Data: a[c*n+col0:]},
		m:   n - t0, k: w, p: width, neg: true, ap: s.l21,
	})
}

// swapLeft applies the interchanges of every panel to the columns [lo, hi)
// on its left, panel by panel.
func (s *luAhead) swapLeft(lo, hi int) {
	for c := luAheadBlock * (lo/luAheadBlock + 1); c < s.n; c += luAheadBlock {
		swapRows(s.a[lo:], s.n, min(hi, c)-lo, s.piv[c:min(c+luAheadBlock, s.n)], c)
	}
}
