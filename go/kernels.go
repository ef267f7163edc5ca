package twinmath

// The inner loops that dominate the cost of dot products, LU elimination,
// matrix products and the rotations of the SVD. Each kernel is a function
// variable: the pure-Go version below is the specification and the
// fallback; on amd64 with AVX2 and FMA,
// kernels_amd64.go swaps in assembly versions (build tag purego keeps the Go
// ones). The assembly fuses multiplies and adds, which changes rounding
// within the bounds the parity suite allows for sums of products; the
// elementwise operations (Add, Scale, ...) never use these kernels and stay
// bit for bit.

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
