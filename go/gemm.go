package twinmath

// The packed matrix product (the general matrix multiply, GEMM): the
// blocking, packing and macro-kernel around the micro-kernel gemmKernel of
// kernels.go, used by Matmul and by the blocked factorisations' updates.

import "sync"

// Blocking of the packed product (the scheme of Goto and van de Geijn): a
// kcBlock×ncBlock panel of b (1 MiB) is packed once and shared by all
// threads; each thread packs mcBlock×kcBlock of a (192 KiB, within L2) and
// runs gemmKernel over its mr×nr tiles.
const (
	kcBlock = 256
	mcBlock = 96  // a multiple of mr
	ncBlock = 512 // a multiple of nr
)

// matmulPacked accumulates a·b into dst (zeroed) with gemmKernel, or stops
// with the error of cc, which it looks at before each block of a (at most
// mcBlock·kcBlock·ncBlock ≈ 12.6 million multiply-adds, a few milliseconds).
// On one thread its packing buffers come from ws (the pool when ws is nil).
func matmulPacked(cc *canceller, ws *Workspace, dst, a, b Matrix) error {
	m, n, p := a.Rows, a.Cols, b.Cols
	workers := min(MaxThreads(), (m+mcBlock-1)/mcBlock)
	if m*n*p < 1<<21 {
		workers = 1 // starting goroutines costs more than it saves
	}
	kmax := min(kcBlock, n)
	// The packed block of a is followed by the scratch tile of macroKernel.
	apLen := roundUp(min(mcBlock, m), mr) * kmax
	var bp, ap []float64
	if ws != nil {
		mk := ws.mark()
		defer ws.release(mk)
		bp = ws.floatsRaw(kmax * roundUp(min(ncBlock, p), nr))
		if workers == 1 {
			ap = ws.floatsRaw(apLen + mr*nr)
		}
	} else {
		pb := getBuffer(kmax * roundUp(min(ncBlock, p), nr))
		defer putBuffer(pb)
		bp = *pb
		if workers == 1 {
			pa := getBuffer(apLen + mr*nr)
			defer putBuffer(pa)
			ap = *pa
		}
	}
	for jc := 0; jc < p; jc += ncBlock {
		nb := min(ncBlock, p-jc)
		for pc := 0; pc < n; pc += kcBlock {
			kb := min(kcBlock, n-pc)
			packB(bp, b, pc, kb, jc, nb)
			if workers == 1 {
				// On the calling goroutine: handing work to another thread
				// costs a wake-up, tens of microseconds when called from C.
				for ic := 0; ic < m; ic += mcBlock {
					if err := cc.err(); err != nil {
						return err
					}
					mb := min(mcBlock, m-ic)
					packA(ap, a, ic, mb, pc, kb)
					macroKernel(dst, ap[:apLen], bp, ic, mb, jc, nb, kb, (*[mr * nr]float64)(ap[apLen:]))
				}
				continue
			}
			var wg sync.WaitGroup
			next := make(chan int, (m+mcBlock-1)/mcBlock)
			for ic := 0; ic < m; ic += mcBlock {
				next <- ic
			}
			close(next)
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func(bp []float64, jc, nb, pc, kb int) {
					defer wg.Done()
					pa := getBuffer(apLen + mr*nr)
					defer putBuffer(pa)
					ap := *pa
					for ic := range next {
						if cc.err() != nil {
							return // reported below; the blocks left in next are dropped
						}
						mb := min(mcBlock, m-ic)
						packA(ap, a, ic, mb, pc, kb)
						macroKernel(dst, ap[:apLen], bp, ic, mb, jc, nb, kb, (*[mr * nr]float64)(ap[apLen:]))
					}
				}(bp, jc, nb, pc, kb) // arguments, not captured: captured, bp and the loop variables would move to the heap on every call
			}
			wg.Wait()
			if err := cc.err(); err != nil {
				return err
			}
		}
	}
	return nil
}

func roundUp(n, k int) int { return (n + k - 1) / k * k }

// packing keeps the packed panels of recent products for reuse, so that a
// stream of products does not allocate (or zero) a buffer each time.
var packing sync.Pool

// getBuffer returns a pooled buffer of n float64s of unspecified values;
// putBuffer gives it back. The pool holds the *[]float64 itself, so that a
// put does not allocate a new one.
func getBuffer(n int) *[]float64 {
	if b, ok := packing.Get().(*[]float64); ok && cap(*b) >= n {
		*b = (*b)[:n]
		return b
	}
	b := make([]float64, n)
	return &b
}

func putBuffer(b *[]float64) { packing.Put(b) }

// packA copies a[ic:ic+mb, pc:pc+kb] into ap as panels of mr rows, each
// stored column by column (ap[panel][p*mr+i]); rows past mb are zero.
func packA(ap []float64, a Matrix, ic, mb, pc, kb int) {
	for ir := 0; ir < mb; ir += mr {
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
				panel[p*mr+i] = v
			}
		}
	}
}

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
