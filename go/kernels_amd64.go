//go:build amd64 && !purego

package twinmath

// AVX2 and FMA kernels, used when the CPU and the operating system support
// them (CPUID leaf 1: FMA, AVX, OSXSAVE; leaf 7: AVX2; XCR0: the XMM and YMM
// state saved across context switches). Their Go specifications are in
// kernels.go.

func init() {
	if hasAVX2FMA() {
		dotKernel = dotAVX2
		axpyKernel = axpyAVX2
		rotKernel = rotAVX2
		gemmKernel = gemmAVX2
	}
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

// rotAVX2 is rotKernel with fused multiply-adds, eight entries a step.
//
//go:noescape
func rotAVX2(x, y []float64, c, s float64)

// gemm4x8AVX2 is gemmGo for a full 4×8 tile: eight YMM accumulators, one
// broadcast of A and two loads of B per step of k.
//
//go:noescape
func gemm4x8AVX2(k int, a, b, c []float64, ldc int)
