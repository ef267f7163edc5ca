package twinmath

import "math"

// The inner loops that dominate the cost of dot products, LU elimination,
// matrix products and the rotations of the SVD. Each kernel is a function
// variable: the pure-Go version below is the specification and the
// fallback; on amd64 with AVX2 and FMA,
// kernels_amd64.go swaps in assembly versions (build tag purego keeps the Go
// ones). The assembly fuses multiplies and adds, which changes rounding
// within the bounds the parity suite allows for sums of products; the
// elementwise kernels (Add, Subtract, Scale) do one operation an entry and
// give the Go loops' bits.

var (
	// dotKernel returns Σᵢ a[i]·b[i]; len(b) ≥ len(a).
	dotKernel = dotGo
	// axpyKernel computes y[i] += alpha·x[i]; len(x) ≥ len(y).
	axpyKernel = axpyGo
	// rotKernel applies the plane rotation [c s; −s c] to the pair (x, y);
	// len(y) ≥ len(x).
	rotKernel = rotGo
	// gemmKernel computes the mr×nr tile C += Ã·B̃ of packed panels; nil when
	// only the pure-Go product (matmulRows) is available.
	gemmKernel func(k int, a, b, c []float64, ldc int)
	// gemmWideKernel computes wideM×wideN entries at once, the block of
	// mr×nr tiles whose wideM/mr panels of A follow one another in a and
	// whose wideN/nr panels of B follow one another in b: gemmWideGo, each
	// entry's sum in gemmGo's order. nil when there is none.
	gemmWideKernel func(k int, a, b, c []float64, ldc int)
	wideM, wideN   int
	// rotChainStrip applies the chain of rotations k = lo … hi−1 (from
	// hi−1 down to lo when reverse) to the rows (k, k+1) of a strip, as
	// rotKernel on each pair in turn would, bit for bit: rows at stride w
	// in a, columns j … j+cols−1 (rotChainGo, or a kernel that keeps the
	// row carried from one rotation to the next in registers).
	rotChainStrip = rotChainGo
	// secularKernel returns Σⱼ z[j]·tⱼ and Σⱼ tⱼ², tⱼ = z[j]/((d[j] − org)
	// − tau), for j < len(z) (len(d) ≥ len(z)): the sums of the secular
	// equation of the divide-and-conquer eigensolver. Every set gives
	// secularGo's bits (eight lanes, no fused operations).
	secularKernel = secularGo
	// reflect3Kernel applies the reflection I − t1·(1, v2, v3)ᵀ(1, v2, v3)
	// to the rows r0, r1, r2 (len(r1), len(r2) ≥ len(r0); t2 = t1·v2,
	// t3 = t1·v3) as reflect3Passes does with axpyKernel, bit for bit:
	// reflect3Passes, or a kernel that does the six passes in one.
	reflect3Kernel = reflect3Passes
	// addKernel, subKernel, scaleKernel and divKernel compute
	// dst[i] = a[i] + b[i], a[i] − b[i], c·a[i] and a[i]/c for i < len(dst)
	// (a and b hold at least len(dst) entries; dst may be a or b): one
	// operation an entry, so every set gives the Go loops' bits (of a NaN
	// result, a NaN).
	addKernel   = addGo
	subKernel   = subGo
	scaleKernel = scaleGo
	divKernel   = divGo
	// axpyExactKernel computes y[i] += alpha·x[i] (len(x) ≥ len(y)),
	// rounding the product before the sum: every set gives axpyExact's
	// bits (of a NaN result, a NaN).
	axpyExactKernel = axpyExact
	// maxAbsKernel returns the largest bit pattern of |v[i]| (0 for an
	// empty v), as maxAbsBitsSerial: every set gives its result.
	maxAbsKernel = maxAbsGo
	// axpyFused says whether axpyKernel rounds y[i] + alpha·x[i] once (a
	// fused multiply-add) rather than twice, so that code computing one entry
	// at a time can give its bits (matmulRowsNarrow).
	axpyFused bool
)

// kernelSet is one choice of the kernels above.
type kernelSet struct {
	name         string
	dot          func(a, b []float64) float64
	axpy         func(y []float64, alpha float64, x []float64)
	rot          func(x, y []float64, c, s float64)
	gemm         func(k int, a, b, c []float64, ldc int)
	gemmWide     func(k int, a, b, c []float64, ldc int)
	secular      func(z, d []float64, org, tau float64) (s, ds float64)                      // nil: secularGo
	rotChain     func(a []float64, w, j, cols int, c, s []float64, lo, hi int, reverse bool) // nil: rotChainGo
	reflect3     func(r0, r1, r2 []float64, v2, v3, t1, t2, t3 float64, tmp []float64)       // nil: reflect3Passes
	add, sub     func(dst, a, b []float64)                                                   // nil: addGo, subGo
	scale, div   func(dst, a []float64, c float64)                                           // nil: scaleGo, divGo
	axpyExact    func(y []float64, alpha float64, x []float64)                               // nil: axpyExact
	maxAbs       func(v []float64) uint64                                                    // nil: maxAbsGo
	wideM, wideN int
	fused        bool // axpy fuses its multiply-adds
}

// kernelSets lists the sets this CPU can run, the one in use last: the
// pure-Go specifications, then those that init functions add.
var kernelSets = []kernelSet{{name: "go", dot: dotGo, axpy: axpyGo, rot: rotGo}}

// useKernels makes s the kernels in use (tests run every set in turn).
func useKernels(s kernelSet) {
	dotKernel, axpyKernel, rotKernel = s.dot, s.axpy, s.rot
	gemmKernel, gemmWideKernel = s.gemm, s.gemmWide
	wideM, wideN = s.wideM, s.wideN
	axpyFused = s.fused
	rotChainStrip = rotChainGo
	if s.rotChain != nil {
		rotChainStrip = s.rotChain
	}
	secularKernel = secularGo
	if s.secular != nil {
		secularKernel = s.secular
	}
	reflect3Kernel = reflect3Passes
	if s.reflect3 != nil {
		reflect3Kernel = s.reflect3
	}
	addKernel, subKernel, scaleKernel, divKernel = addGo, subGo, scaleGo, divGo
	if s.add != nil {
		addKernel, subKernel, scaleKernel, divKernel = s.add, s.sub, s.scale, s.div
	}
	axpyExactKernel = axpyExact
	if s.axpyExact != nil {
		axpyExactKernel = s.axpyExact
	}
	maxAbsKernel = maxAbsGo
	if s.maxAbs != nil {
		maxAbsKernel = s.maxAbs
	}
}

// The shape of gemmKernel's tile: mr rows of A by nr columns of B.
const (
	mr = 4
	nr = 8
)

// dotGo is dotKernel in Go: four interleaved partial sums.
//
//	s0 += a[i]*b[i]; s1 += a[i+1]*b[i+1]; s2 += ...; s3 += ...
//	return (s0 + s1) + (s2 + s3)
func dotGo(a, b []float64) float64 {
	var s0, s1, s2, s3 float64
	n := len(a)
	b = b[:n]
	i := 0
	for ; i+4 <= n; i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < n; i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// axpyGo is axpyKernel in Go.
//
//	for i := range y { y[i] += alpha * x[i] }
func axpyGo(y []float64, alpha float64, x []float64) {
	x = x[:len(y)]
	for i := range y {
		y[i] += alpha * x[i]
	}
}

// reflect3Passes is reflect3Kernel in six passes of axpyKernel over a copy
// of r0 in tmp (len(tmp) ≥ len(r0)):
//
//	tmp = r0; tmp += v2·r1; tmp += v3·r2; r0 −= t1·tmp; r1 −= t2·tmp; r2 −= t3·tmp
func reflect3Passes(r0, r1, r2 []float64, v2, v3, t1, t2, t3 float64, tmp []float64) {
	buf := tmp[:len(r0)]
	copy(buf, r0)
	axpyKernel(buf, v2, r1)
	axpyKernel(buf, v3, r2)
	axpyKernel(r0, -t1, buf)
	axpyKernel(r1, -t2, buf)
	axpyKernel(r2, -t3, buf)
}

// addGo is addKernel in Go.
func addGo(dst, a, b []float64) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i, x := range a {
		dst[i] = x + b[i]
	}
}

// subGo is subKernel in Go.
func subGo(dst, a, b []float64) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i, x := range a {
		dst[i] = x - b[i]
	}
}

// scaleGo is scaleKernel in Go.
func scaleGo(dst, a []float64, c float64) {
	a = a[:len(dst)]
	for i, x := range a {
		dst[i] = c * x
	}
}

// divGo is divKernel in Go.
func divGo(dst, a []float64, c float64) {
	a = a[:len(dst)]
	for i, x := range a {
		dst[i] = x / c
	}
}

// maxAbsGo is maxAbsKernel in Go: four running maxima of the patterns with
// the sign bit cleared.
func maxAbsGo(v []float64) uint64 {
	const abs = 1<<63 - 1
	var m0, m1, m2, m3 uint64
	i := 0
	for ; i+4 <= len(v); i += 4 {
		m0 = max(m0, math.Float64bits(v[i])&abs)
		m1 = max(m1, math.Float64bits(v[i+1])&abs)
		m2 = max(m2, math.Float64bits(v[i+2])&abs)
		m3 = max(m3, math.Float64bits(v[i+3])&abs)
	}
	for ; i < len(v); i++ {
		m0 = max(m0, math.Float64bits(v[i])&abs)
	}
	return max(m0, m1, m2, m3)
}

// rotGo is rotKernel in Go (LAPACK's drot).
//
//	for i := range x { x[i], y[i] = c*x[i] + s*y[i], c*y[i] - s*x[i] }
func rotGo(x, y []float64, c, s float64) {
	y = y[:len(x)]
	for i, xi := range x {
		yi := y[i]
		x[i] = c*xi + s*yi
		y[i] = c*yi - s*xi
	}
}

// gemmGo is gemmKernel in Go, the specification of the assembly version:
// a holds k columns of mr values (a[p*mr+i] = A[i][p]), b holds k rows of nr
// values (b[p*nr+j] = B[p][j]), and c is the tile's first entry in a
// row-major matrix with row stride ldc.
//
//	for p < k, i < mr, j < nr: c[i*ldc+j] += a[p*mr+i] * b[p*nr+j]
func gemmGo(k int, a, b, c []float64, ldc int) {
	var acc [mr * nr]float64
	for p := 0; p < k; p++ {
		ap, bp := a[p*mr:p*mr+mr], b[p*nr:p*nr+nr]
		for i, x := range ap {
			row := acc[i*nr : i*nr+nr]
			for j, y := range bp {
				row[j] += x * y
			}
		}
	}
	for i := 0; i < mr; i++ {
		row := c[i*ldc : i*ldc+nr]
		for j := range row {
			row[j] += acc[i*nr+j]
		}
	}
}

// gemmWideGo is gemmWideKernel in Go: gemmGo on each of its tiles.
func gemmWideGo(k int, a, b, c []float64, ldc int) {
	for jr := 0; jr < wideN; jr += nr {
		for ir := 0; ir < wideM; ir += mr {
			gemmGo(k, a[ir*k:], b[jr*k:], c[ir*ldc+jr:], ldc)
		}
	}
}

// secularGo is secularKernel in Go, the specification of the assembly
// version: eight lanes of partial sums, lane l taking the terms j ≡ l
// (mod 8) of the first len(z)/8·8, reduced as
//
//	((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7))
//
// and then the remaining terms one by one. The conversions float64(…)
// keep each product rounded on its own (no fused multiply-add).
func secularGo(z, d []float64, org, tau float64) (s, ds float64) {
	var a, b [8]float64
	n := len(z)
	d = d[:n]
	i := 0
	for ; i+8 <= n; i += 8 {
		for l := 0; l < 8; l++ {
			t := z[i+l] / ((d[i+l] - org) - tau)
			a[l] += float64(z[i+l] * t)
			b[l] += float64(t * t)
		}
	}
	s = ((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7]))
	ds = ((b[0] + b[4]) + (b[2] + b[6])) + ((b[1] + b[5]) + (b[3] + b[7]))
	for ; i < n; i++ {
		t := z[i] / ((d[i] - org) - tau)
		s += float64(z[i] * t)
		ds += float64(t * t)
	}
	return s, ds
}

// rotChainGo is rotChainStrip with rotKernel on each pair of rows.
func rotChainGo(a []float64, w, j, cols int, c, s []float64, lo, hi int, reverse bool) {
	for k := lo; k < hi; k++ {
		i := k
		if reverse {
			i = lo + hi - 1 - k
		}
		x, y := a[i*w+j:i*w+j+cols], a[(i+1)*w+j:(i+1)*w+j+cols]
		rotKernel(x, y, c[i], s[i])
	}
}
