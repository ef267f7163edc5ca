package twinmath

// The packed matrix product (the general matrix multiply, GEMM): the
// blocking, packing and macro-kernel around the micro-kernel gemmKernel of
// kernels.go, used by Matmul and by the blocked factorisations' updates.

import (
	"sync"
	"sync/atomic"
)

// Blocking of the packed product (the scheme of Goto and van de Geijn): a
// kcBlock×ncBlock panel of b (2 MiB) is packed and read from L2 and L3
// while mcBlock×kcBlock blocks of a (192 KiB, within L2) pass through it,
// each tile of the block run by gemmKernel over mr×nr entries. A deep
// kcBlock means few passes over each tile of the result (its loads and
// stores, the kernels' one access to memory that is not streamed): of
// the blockings measured at n = 1024 (kcBlock 128 to 1024, mcBlock 12 to
// 192, ncBlock 256 to 2048), 512×48×512 was among the fastest on one
// thread and on two.
const (
	kcBlock = 512
	mcBlock = 48  // a multiple of mr and of wideMAVX512
	ncBlock = 512 // a multiple of nr and of 2·nr
)

// matmulPacked accumulates a·b into the a.Rows×b.Cols top-left block of dst
// (row stride dst.Cols) with gemmKernel, or stops with the error of cc; see
// packedProduct.
func matmulPacked(cc *canceller, ws *Workspace, dst, a, b Matrix) error {
	return packedProduct(cc, ws, packed{dst: dst, a: a, b: b, m: a.Rows, k: a.Cols, p: b.Cols})
}

// aBlock returns the packed block of a's rows [ic, ic+mb) and columns
// [pc, pc+kb): the part of pr.ap that holds it when a is packed already,
// else buf with the block packed into it.
func (pr packed) aBlock(buf []float64, ic, mb, pc, kb int) []float64 {
	if pr.ap != nil {
		off := roundUp(pr.m, mr) * pc
		return pr.ap[off+ic*kb : off+(ic+roundUp(mb, mr))*kb]
	}
	packA(buf, pr.a, ic, mb, pc, kb, pr.neg)
	return buf
}

// clearBlock zeroes the rows [ic, ic+mb) and columns [jc, jc+nb) of pr.dst
// when pr.zero says it holds no sum yet and pc, the first row of b the
// block's products take, is 0.
func (pr packed) clearBlock(ic, mb, jc, nb, pc int) {
	if !pr.zero || pc != 0 {
		return
	}
	for i := ic; i < ic+mb; i++ {
		clear(pr.dst.Data[i*pr.dst.Cols+jc : i*pr.dst.Cols+jc+nb])
	}
}

// packed is one packed product: dst += a·b, or dst −= a·b when neg, for
// the m×k block a, the k×p block b and the m×p block dst, each given as a
// view whose Cols is its row stride (a block of a larger matrix).
type packed struct {
	dst, a, b Matrix
	m, k, p   int
	neg       bool
	// ap, when not nil, holds all of a packed already by packAll (negated
	// when neg): products that share one a (the chunks of a
	// factorisation's update, the column blocks of an inverse) then pack
	// it once.
	ap []float64
	// zero says that dst holds no sum yet: each block of it is cleared
	// just before its first products are added (by the thread that adds
	// them, while the block is in its caches), instead of in a pass of its
	// own before the product.
	zero bool
}

// aBufLen is the length of the buffer for the packed blocks of a that a
// part of rows rows of pr needs: only the scratch tile of macroKernel when
// a is packed already.
func (pr packed) aBufLen(rows int) int {
	if pr.ap != nil {
		return mr * nr
	}
	return packedALen(rows, pr.k)
}

// packedProduct computes pr with gemmKernel, or stops with the error of cc,
// which it looks at before each block of a (at most
// mcBlock·kcBlock·ncBlock ≈ 12.6 million multiply-adds, a few
// milliseconds). With neg, a is negated as it is packed (exactly), so the
// kernel's sums are those of dst + (−a)·b.
//
// From 2²¹ multiply-adds (some 60 µs on one core) the product runs on
// several threads. When it has at least as many rows as columns (in tiles)
// the threads share each packed panel of b and take its blocks of rows as
// they come (matmulShared); otherwise it is cut into one part per thread
// along its columns, in whole tiles of the widest kernel, and each thread
// packs and multiplies its part on its own (matmulParts). As every entry
// is the same sum over the same kcBlock blocks of the inner dimension
// whichever thread computes it (tile edges fall at multiples of mr and nr
// in every block and part), the bits do not depend on the number of
// threads. On one thread the packing buffers come from ws (the pool when
// ws is nil); on several, from the pool.
func packedProduct(cc *canceller, ws *Workspace, pr packed) error {
	m, n, p := pr.m, pr.k, pr.p
	if m == 0 || n == 0 || p == 0 {
		return cc.err()
	}
	s := productSplit{m: m, p: p, um: mr, un: nr, workers: 1}
	if gemmWideKernel != nil {
		s.um, s.un = wideM, wideN
	}
	rowUnits, colUnits := (m+s.um-1)/s.um, (p+s.un-1)/s.un
	s.byRows, s.units = rowUnits >= colUnits, max(rowUnits, colUnits)
	// Below 2²¹, sharing costs about what it saves, and it would make the
	// calls of a program that calls from several threads at once (two
	// Python threads inverting 200×200 matrices) compete for the cores:
	// 2¹⁹ was 5–8 % faster for det, inv and solve at n = 300 alone, but
	// took two threads' inv at n = 200 from a 2.0× speed-up to 1.3×.
	if m*n*p >= 1<<21 && !cc.oneThread() {
		s.workers = min(MaxThreads(), s.units)
	}
	if s.workers == 1 {
		var ap, bp []float64
		if ws != nil {
			mk := ws.mark()
			defer ws.release(mk)
			ap, bp = ws.floatsRaw(pr.aBufLen(m)), ws.floatsRaw(packedBLen(n, p))
		} else {
			pa, pb := getBuffer(&packingA, pr.aBufLen(m)), getBuffer(&packingB, packedBLen(n, p))
			defer putBuffer(&packingA, pa)
			defer putBuffer(&packingB, pb)
			ap, bp = *pa, *pb
		}
		return matmulPart(cc, pr, 0, m, 0, p, ap, bp)
	}
	if s.byRows {
		return matmulShared(cc, pr, min(s.workers, (m+mcBlock-1)/mcBlock))
	}
	return matmulParts(cc, pr, s)
}

// matmulShared computes pr on up to workers threads that share each packed
// panel of b (the scheme of BLIS's parallel loop over blocks of rows): the
// threads pack the panel's columns among them, then take its blocks of
// mcBlock rows of a as they come, each packing its own block of a. One
// copy of the panel is packed and held in the caches, where a part per
// thread packs a copy each, and a thread slowed by another program on its
// core takes fewer blocks instead of holding up the others. The first
// error of cc that a block meets stops the blocks not yet begun (without
// a look of their own at cc, so that a cancelled call looks at its context
// at most once more per thread), and is returned.
func matmulShared(cc *canceller, pr packed, workers int) error {
	m, n, p := pr.m, pr.k, pr.p
	pb := getBuffer(&packingB, packedBLen(n, p))
	defer putBuffer(&packingB, pb)
	bp := *pb
	var (
		stopped atomic.Bool
		mu      sync.Mutex
		first   error
	)
	rowBlocks := (m + mcBlock - 1) / mcBlock
	for jc := 0; jc < p; jc += ncBlock {
		nb := min(ncBlock, p-jc)
		panels := (nb + nr - 1) / nr
		for pc := 0; pc < n; pc += kcBlock {
			kb := min(kcBlock, n-pc)
			chunks := min(panels, 4*workers)
			forBlocks(chunks, workers, func(k int) {
				j0, j1 := k*panels/chunks*nr, min((k+1)*panels/chunks*nr, nb)
				packB(bp[j0*kb:], pr.b, pc, kb, jc+j0, j1-j0)
			})
			forBlocks(rowBlocks, workers, func(k int) {
				if stopped.Load() {
					return
				}
				if err := cc.err(); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					stopped.Store(true)
					return
				}
				ic := k * mcBlock
				mb := min(mcBlock, m-ic)
				pa := getBuffer(&packingA, pr.aBufLen(mb))
				ap := *pa
				apLen := len(ap) - mr*nr
				blk := pr.aBlock(ap[:apLen], ic, mb, pc, kb)
				pr.clearBlock(ic, mb, jc, nb, pc)
				macroKernel(pr.dst, blk, bp, ic, mb, jc, nb, kb, (*[mr * nr]float64)(ap[apLen:]))
				putBuffer(&packingA, pa)
			})
			if stopped.Load() {
				return first
			}
		}
	}
	return nil
}

// productSplit cuts an m×p product into one part per worker along its
// rows (byRows) or its columns, in units of um rows or un columns.
type productSplit struct {
	m, p, um, un   int
	units, workers int
	byRows         bool
}

// part returns the rows [r0, r1) and columns [c0, c1) of part k.
func (s productSplit) part(k int) (r0, r1, c0, c1 int) {
	lo, hi := k*s.units/s.workers, (k+1)*s.units/s.workers
	if s.byRows {
		return lo * s.um, min(hi*s.um, s.m), 0, s.p
	}
	return 0, s.m, lo * s.un, min(hi*s.un, s.p)
}

// matmulParts runs the parts of s with forBlocks (the caller takes them
// from the front, the helpers from the back), each with packing buffers
// from the pool; an error of cc stops the parts, and it returns the error
// a part met (without a look of its own at cc, so that a cancelled call
// looks at its context at most once more per thread).
func matmulParts(cc *canceller, pr packed, s productSplit) error {
	n := pr.k
	errs := make([]error, s.workers)
	forBlocks(s.workers, s.workers, func(k int) {
		r0, r1, c0, c1 := s.part(k)
		pa := getBuffer(&packingA, pr.aBufLen(r1-r0))
		defer putBuffer(&packingA, pa)
		pb := getBuffer(&packingB, packedBLen(n, c1-c0))
		defer putBuffer(&packingB, pb)
		errs[k] = matmulPart(cc, pr, r0, r1, c0, c1, *pa, *pb)
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// packedALen is the length of the buffer of packed blocks of a for rows
// rows and an inner dimension n: one block and the scratch tile of
// macroKernel after it.
func packedALen(rows, n int) int {
	return roundUp(min(mcBlock, rows), mr)*min(kcBlock, n) + mr*nr
}

// packedBLen is the length of the buffer of a packed panel of b for an
// inner dimension n and cols columns.
func packedBLen(n, cols int) int { return min(kcBlock, n) * roundUp(min(ncBlock, cols), nr) }

// matmulPart computes the rows [r0, r1) and columns [c0, c1) of pr, on the
// calling goroutine, with the packing buffers ap (pr.aBufLen) and bp
// (packedBLen); it stops with the error of cc before a block of a.
func matmulPart(cc *canceller, pr packed, r0, r1, c0, c1 int, ap, bp []float64) error {
	n := pr.k
	apLen := len(ap) - mr*nr
	edge := (*[mr * nr]float64)(ap[apLen:])
	for jc := c0; jc < c1; jc += ncBlock {
		nb := min(ncBlock, c1-jc)
		for pc := 0; pc < n; pc += kcBlock {
			kb := min(kcBlock, n-pc)
			packB(bp, pr.b, pc, kb, jc, nb)
			for ic := r0; ic < r1; ic += mcBlock {
				if err := cc.err(); err != nil {
					return err
				}
				mb := min(mcBlock, r1-ic)
				blk := pr.aBlock(ap[:apLen], ic, mb, pc, kb)
				pr.clearBlock(ic, mb, jc, nb, pc)
				macroKernel(pr.dst, blk, bp, ic, mb, jc, nb, kb, edge)
			}
		}
	}
	return nil
}

func roundUp(n, k int) int { return (n + k - 1) / k * k }

// packingA and packingB keep the packing buffers of recent products, of
// blocks of a and of panels of b (each pool holds buffers of one use, so
// that a request seldom meets one too small), for reuse: a stream of
// products then does not allocate (or zero) a buffer each time.
var packingA, packingB sync.Pool

// getBuffer returns a buffer of n float64s of unspecified values from
// pool; putBuffer gives it back. The pool holds the *[]float64 itself, so
// that a put does not allocate a new one.
func getBuffer(pool *sync.Pool, n int) *[]float64 {
	if b, ok := pool.Get().(*[]float64); ok && cap(*b) >= n {
		*b = (*b)[:n]
		return b
	}
	b := make([]float64, n)
	return &b
}

func putBuffer(pool *sync.Pool, b *[]float64) { pool.Put(b) }

// packA copies a[ic:ic+mb, pc:pc+kb] (negated when neg) into ap as panels
// of mr rows, each stored column by column (ap[panel][p*mr+i]); rows past
// mb are zero. A whole panel's rows are read side by side, so that its
// entries are stored in order.
func packA(ap []float64, a Matrix, ic, mb, pc, kb int, neg bool) {
	ir := 0
	for ; ir+mr <= mb; ir += mr {
		row := func(i int) []float64 {
			at := (ic+ir+i)*a.Cols + pc
			return a.Data[at : at+kb]
		}
		packPanel(ap[ir*kb:ir*kb+mr*kb], row(0), row(1), row(2), row(3), neg)
	}
	if ir == mb {
		return
	}
	panel := ap[ir*kb : ir*kb+mr*kb]
	for i := 0; i < mr; i++ {
		if ir+i >= mb {
			for p := 0; p < kb; p++ {
				panel[p*mr+i] = 0
			}
			continue
		}
		row := a.Data[(ic+ir+i)*a.Cols+pc : (ic+ir+i)*a.Cols+pc+kb]
		for p, v := range row {
			if neg {
				v = -v
			}
			panel[p*mr+i] = v
		}
	}
}

// packPanel stores the rows r0…r3 (of one length) column by column in
// panel (negated when neg).
func packPanel(panel, r0, r1, r2, r3 []float64, neg bool) {
	kb := len(r0)
	r1, r2, r3, panel = r1[:kb], r2[:kb], r3[:kb], panel[:mr*kb]
	if neg {
		for p := range r0 {
			q := panel[p*mr : p*mr+mr : p*mr+mr]
			q[0], q[1], q[2], q[3] = -r0[p], -r1[p], -r2[p], -r3[p]
		}
		return
	}
	for p := range r0 {
		q := panel[p*mr : p*mr+mr : p*mr+mr]
		q[0], q[1], q[2], q[3] = r0[p], r1[p], r2[p], r3[p]
	}
}

// packAll packs the m×k block a (negated when neg) into ap, of length
// packedAllLen(m, k), for the ap of a packed product: block by block of
// kcBlock columns, each as packA lays out all m rows.
func packAll(ap []float64, a Matrix, m, k int, neg bool) {
	for pc := 0; pc < k; pc += kcBlock {
		packA(ap[roundUp(m, mr)*pc:], a, 0, m, pc, min(kcBlock, k-pc), neg)
	}
}

// packedAllLen is the length of packAll's buffer for an m×k block.
func packedAllLen(m, k int) int { return roundUp(m, mr) * k }

// packB copies b[pc:pc+kb, jc:jc+nb] into bp as panels of nr columns, each
// stored row by row (bp[panel][p*nr+j]); columns past nb are zero.
func packB(bp []float64, b Matrix, pc, kb, jc, nb int) {
	// Whole panels row by row of b, so that b is read in order (each row
	// of b goes to all panels before the next is read); the entries are
	// moved one by one, as a call of memmove costs more than 64 bytes.
	full := nb / nr * nr
	for p := 0; p < kb; p++ {
		row := b.Data[(pc+p)*b.Cols+jc : (pc+p)*b.Cols+jc+nb]
		for jr := 0; jr < full; jr += nr {
			src, dst := row[jr:jr+nr:jr+nr], bp[jr*kb+p*nr:jr*kb+p*nr+nr:jr*kb+p*nr+nr]
			dst[0], dst[1], dst[2], dst[3] = src[0], src[1], src[2], src[3]
			dst[4], dst[5], dst[6], dst[7] = src[4], src[5], src[6], src[7]
		}
	}
	if full < nb {
		panel := bp[full*kb : full*kb+nr*kb]
		for p := 0; p < kb; p++ {
			row := b.Data[(pc+p)*b.Cols+jc+full : (pc+p)*b.Cols+jc+nb]
			dst := panel[p*nr : p*nr+nr]
			copy(dst, row)
			clear(dst[nb-full:])
		}
	}
}

// macroKernel runs gemmKernel over the tiles of one packed block of a and
// one packed panel of b, or gemmWideKernel over blocks of its tiles where
// there is one (each entry's sum is the same). Tiles cut by the edge of dst
// go through the scratch tile edge, whose valid part is then added to dst.
// (The caller's tile: one declared here would escape to the heap through
// the kernel's function value, an allocation per call.)
func macroKernel(dst Matrix, ap, bp []float64, ic, mb, jc, nb, kb int, edge *[mr * nr]float64) {
	ldc := dst.Cols
	jr := 0
	if gemmWideKernel != nil {
		wm, wn := wideM, wideN
		for ; jr+wn <= nb; jr += wn {
			bpanel := bp[jr*kb : (jr+wn)*kb]
			ir := 0
			for ; ir+wm <= mb; ir += wm {
				gemmWideKernel(kb, ap[ir*kb:(ir+wm)*kb], bpanel, dst.Data[(ic+ir)*ldc+jc+jr:], ldc)
			}
			for j := jr; j < jr+wn; j += nr {
				macroColumn(dst, ap, bp, ic, ir, mb, jc, j, nb, kb, edge)
			}
		}
	}
	for ; jr < nb; jr += nr {
		macroColumn(dst, ap, bp, ic, 0, mb, jc, jr, nb, kb, edge)
	}
}

// macroColumn runs gemmKernel over the tiles of rows ir0.. of the packed
// block of a and the panel of b at column jr.
func macroColumn(dst Matrix, ap, bp []float64, ic, ir0, mb, jc, jr, nb, kb int, edge *[mr * nr]float64) {
	ldc := dst.Cols
	bpanel := bp[jr*kb : jr*kb+nr*kb]
	for ir := ir0; ir < mb; ir += mr {
		apanel := ap[ir*kb : ir*kb+mr*kb]
		if ir+mr <= mb && jr+nr <= nb {
			gemmKernel(kb, apanel, bpanel, dst.Data[(ic+ir)*ldc+jc+jr:], ldc)
			continue
		}
		clear(edge[:])
		gemmKernel(kb, apanel, bpanel, edge[:], nr)
		for i := 0; i < min(mr, mb-ir); i++ {
			row := dst.Data[(ic+ir+i)*ldc+jc+jr : (ic+ir+i)*ldc+jc+min(jr+nr, nb)]
			for j := range row {
				row[j] += edge[i*nr+j]
			}
		}
	}
}
