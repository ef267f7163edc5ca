//go:build amd64 && !purego

package twinmath

import "math"

// AVX2 and FMA kernels, used when the CPU and the operating system support
// them (CPUID leaf 1: FMA, AVX, OSXSAVE; leaf 7: AVX2; XCR0: the XMM and YMM
// state saved across context switches), and AVX-512 ones beside them when
// the CPU has AVX-512F (leaf 7) and the operating system saves the opmask
// and ZMM state (XCR0 bits 5, 6, 7). Their Go specifications are in
// kernels.go. The AVX-512 kernels give the AVX2 ones' results bit for bit,
// except dotAVX512, which keeps more partial sums.

func init() {
	if !hasAVX2FMA() {
		return
	}
	kernelSets = append(kernelSets, kernelSet{
		name: "avx2", dot: dotAVX2, axpy: axpyAVX2, rot: rotAVX2, gemm: gemmAVX2, fused: true,
		secular: secularAVX2, rotChain: rotChainAVX2, reflect3: reflect3AVX2,
		add: addAVX2, sub: subAVX2, scale: scaleAVX2, div: divAVX2, axpyExact: axpyExactAVX2, maxAbs: maxAbsAVX2,
	})
	if hasAVX512F() {
		kernelSets = append(kernelSets, kernelSet{
			name: "avx512", dot: dotAVX512, axpy: axpyAVX512, rot: rotAVX512, gemm: gemmAVX2,
			gemmWide: gemmWideAVX512, wideM: wideMAVX512, wideN: 2 * nr, fused: true,
			secular: secularAVX512, rotChain: rotChainAVX512, reflect3: reflect3AVX2,
			add: addAVX2, sub: subAVX2, scale: scaleAVX2, div: divAVX2, axpyExact: axpyExactAVX2, maxAbs: maxAbsAVX2,
		})
	}
	useKernels(kernelSets[len(kernelSets)-1])
}

func hasAVX2FMA() bool {
	_, _, ecx1, _ := cpuid(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if ecx1&(fma|osxsave|avx) != fma|osxsave|avx {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&6 != 6 {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<5) != 0
}

// hasAVX512F reports AVX-512F with the opmask, upper-ZMM and ZMM16–31 state
// enabled by the operating system; call it after hasAVX2FMA.
func hasAVX512F() bool {
	if xcr0, _ := xgetbv(); xcr0&0xe6 != 0xe6 {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<16) != 0
}

// gemmAVX2 checks the panels' sizes (the assembly trusts them) and runs the
// 4×8 kernel.
func gemmAVX2(k int, a, b, c []float64, ldc int) {
	if k == 0 {
		return
	}
	_ = a[k*mr-1]
	_ = b[k*nr-1]
	_ = c[(mr-1)*ldc+nr-1]
	gemm4x8AVX2(k, a, b, c, ldc)
}

// wideMAVX512 is the number of rows of gemmWideAVX512's block. Of the
// blocks measured (8×16, 8×24, 12×16), 8×16 was the slowest and the two
// others alike within the noise; 12×16 keeps the number of columns a
// power of two, so that ncBlock cuts no block.
const wideMAVX512 = 12

// gemmWideAVX512 checks the panels' sizes and runs the 12×16 kernel.
func gemmWideAVX512(k int, a, b, c []float64, ldc int) {
	if k == 0 {
		return
	}
	_ = a[k*wideMAVX512-1]
	_ = b[k*2*nr-1]
	_ = c[(wideMAVX512-1)*ldc+2*nr-1]
	gemm12x16AVX512(k, a, b, c, ldc)
}

// reflect3AVX2 is reflect3Passes with axpyAVX2 (or axpyAVX512, whose
// results are the same) in one pass: each entry sees the six passes'
// fused multiply-adds in their order, with no copy of r0.
func reflect3AVX2(r0, r1, r2 []float64, v2, v3, t1, t2, t3 float64, _ []float64) {
	if len(r0) == 0 {
		return
	}
	_ = r1[len(r0)-1]
	_ = r2[len(r0)-1]
	reflect3FMA(r0, r1, r2, v2, v3, -t1, -t2, -t3)
}

//go:noescape
func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

//go:noescape
func xgetbv() (eax, edx uint32)

// dotAVX2 is dotKernel: sixteen partial sums in four YMM registers, fused
// multiply-adds, then a scalar tail.
//
//go:noescape
func dotAVX2(a, b []float64) float64

// axpyAVX2 is axpyKernel with fused multiply-adds, sixteen entries a step.
//
//go:noescape
func axpyAVX2(y []float64, alpha float64, x []float64)

// reflect3FMA applies, for each j < len(r0):
//
//	s = r0[j]; s = fma(v2, r1[j], s); s = fma(v3, r2[j], s)
//	r0[j] = fma(m1, s, r0[j]); r1[j] = fma(m2, s, r1[j]); r2[j] = fma(m3, s, r2[j])
//
// eight entries a step; r1 and r2 hold at least len(r0) entries.
//
//go:noescape
func reflect3FMA(r0, r1, r2 []float64, v2, v3, m1, m2, m3 float64)

// addAVX2, subAVX2, scaleAVX2 and divAVX2 are addKernel, subKernel,
// scaleKernel and divKernel in AVX2, sixteen entries a step: they check the
// lengths (the assembly trusts them) and run addPD, subPD, mulPD or divPD.
func addAVX2(dst, a, b []float64) {
	if len(dst) > 0 {
		_, _ = a[len(dst)-1], b[len(dst)-1]
		addPD(dst, a, b)
	}
}

func subAVX2(dst, a, b []float64) {
	if len(dst) > 0 {
		_, _ = a[len(dst)-1], b[len(dst)-1]
		subPD(dst, a, b)
	}
}

func scaleAVX2(dst, v []float64, c float64) {
	if len(dst) > 0 {
		_ = v[len(dst)-1]
		mulPD(dst, v, c)
	}
}

// axpyExactAVX2 is axpyExactKernel in AVX2, sixteen entries a step: it
// checks x's length and runs axpyRoundPD.
func axpyExactAVX2(y []float64, alpha float64, x []float64) {
	if len(y) > 0 {
		_ = x[len(y)-1]
		axpyRoundPD(y, alpha, x)
	}
}

// axpyRoundPD computes y[i] += alpha·x[i], the product rounded before the
// sum, for i < len(y).
//
//go:noescape
func axpyRoundPD(y []float64, alpha float64, x []float64)

// maxAbsAVX2 is maxAbsKernel in AVX2: maxAbsPD over the whole groups of
// four, the rest in Go.
func maxAbsAVX2(v []float64) uint64 {
	const abs = 1<<63 - 1
	n := len(v) &^ 3
	var m uint64
	if n > 0 {
		m = maxAbsPD(v[:n])
	}
	for _, x := range v[n:] {
		m = max(m, math.Float64bits(x)&abs)
	}
	return m
}

// maxAbsPD returns max |v[i]|'s bit pattern over groups of four values
// (len(v) a positive multiple of 4), in four registers of four lanes.
//
//go:noescape
func maxAbsPD(v []float64) uint64

func divAVX2(dst, v []float64, c float64) {
	if len(dst) > 0 {
		_ = v[len(dst)-1]
		divPD(dst, v, c)
	}
}

// divPD computes dst[i] = v[i]/c for i < len(dst).
//
//go:noescape
func divPD(dst, v []float64, c float64)

// addPD computes dst[i] = a[i] + b[i] for i < len(dst).
//
//go:noescape
func addPD(dst, a, b []float64)

// subPD computes dst[i] = a[i] − b[i] for i < len(dst).
//
//go:noescape
func subPD(dst, a, b []float64)

// mulPD computes dst[i] = c·v[i] for i < len(dst).
//
//go:noescape
func mulPD(dst, v []float64, c float64)

// rotAVX2 is rotKernel with fused multiply-adds, eight entries a step.
//
//go:noescape
func rotAVX2(x, y []float64, c, s float64)

// gemm4x8AVX2 is gemmGo for a full 4×8 tile: eight YMM accumulators, one
// broadcast of A and two loads of B per step of k.
//
//go:noescape
func gemm4x8AVX2(k int, a, b, c []float64, ldc int)

// dotAVX512 is dotKernel: thirty-two partial sums in four ZMM registers,
// fused multiply-adds, then a scalar tail.
//
//go:noescape
func dotAVX512(a, b []float64) float64

// axpyAVX512 is axpyKernel with fused multiply-adds, thirty-two entries a
// step (axpyAVX2's results).
//
//go:noescape
func axpyAVX512(y []float64, alpha float64, x []float64)

// rotAVX512 is rotKernel with fused multiply-adds, sixteen entries a step
// (rotAVX2's results).
//
//go:noescape
func rotAVX512(x, y []float64, c, s float64)

// gemm12x16AVX512 is gemmWideGo for 12×16 blocks: twenty-four ZMM
// accumulators, two loads of B and twelve broadcasts of A per step of k.
//
//go:noescape
func gemm12x16AVX512(k int, a, b, c []float64, ldc int)

// secularAVX512 is secularGo with eight lanes in one ZMM register, bit for
// bit: the same divisions, products and sums in the same order.
//
//go:noescape
func secularAVX512(z, d []float64, org, tau float64) (s, ds float64)

// secularAVX2 is secularAVX512 with the eight lanes in two registers: the
// same bits.
//
//go:noescape
func secularAVX2(z, d []float64, org, tau float64) (s, ds float64)

// rotChainAVX512 is rotChainStrip for the AVX-512 set: groups of eight
// columns down the whole chain, the carried row in a register (one load
// and one store per rotation instead of two of each), then the columns
// left over by rotChainGo; each entry sees rotAVX512's operations.
func rotChainAVX512(a []float64, w, j, cols int, c, s []float64, lo, hi int, reverse bool) {
	rotChainGroups(a, w, j, cols, c, s, lo, hi, reverse, 8, rotChainFwdAVX512, rotChainRevAVX512)
}

// rotChainAVX2 is rotChainAVX512 for the AVX2 set, in groups of four
// columns; each entry sees rotAVX2's operations.
func rotChainAVX2(a []float64, w, j, cols int, c, s []float64, lo, hi int, reverse bool) {
	rotChainGroups(a, w, j, cols, c, s, lo, hi, reverse, 4, rotChainFwdAVX2, rotChainRevAVX2)
}

// rotChainGroups runs the chain over the columns j … j+cols−1 with the
// kernels fwd and rev on whole groups of width columns, after checking the
// bounds they rely on, and with rotChainGo on the columns left over.
func rotChainGroups(a []float64, w, j, cols int, c, s []float64, lo, hi int, reverse bool, width int,
	fwd, rev func(a []float64, w, cols int, c, s []float64, lo, hi int)) {
	if hi <= lo {
		return
	}
	g := cols / width * width
	if g > 0 {
		_ = a[hi*w+j+g-1]
		_ = a[lo*w+j]
		_ = c[hi-1]
		_ = s[hi-1]
		if reverse {
			rev(a[j:], w, g, c, s, lo, hi)
		} else {
			fwd(a[j:], w, g, c, s, lo, hi)
		}
	}
	if g < cols {
		rotChainGo(a, w, j+g, cols-g, c, s, lo, hi, reverse)
	}
}

// rotChainFwdAVX512 applies rotations lo … hi−1 to rows (k, k+1) of a
// (stride w), columns 0 … cols−1, cols a multiple of 8; the caller checks
// the bounds.
//
//go:noescape
func rotChainFwdAVX512(a []float64, w, cols int, c, s []float64, lo, hi int)

// rotChainRevAVX512 is rotChainFwdAVX512 from rotation hi−1 down to lo.
//
//go:noescape
func rotChainRevAVX512(a []float64, w, cols int, c, s []float64, lo, hi int)

// rotChainFwdAVX2 is rotChainFwdAVX512 for cols a multiple of 4.
//
//go:noescape
func rotChainFwdAVX2(a []float64, w, cols int, c, s []float64, lo, hi int)

// rotChainRevAVX2 is rotChainRevAVX512 for cols a multiple of 4.
//
//go:noescape
func rotChainRevAVX2(a []float64, w, cols int, c, s []float64, lo, hi int)
