package twinmath

import (
	"math"
	"math/rand"
	"testing"
)

// The kernels in use (assembly where the CPU allows) against their pure-Go
// specifications in kernels.go. Fused multiply-adds round differently from a
// multiply and an add, so sums agree within the bound of two summation
// orders, 2·γn·Σ|terms| (γn ≤ 1.01·n·u, u = 2⁻⁵³); nothing else may differ.

func sumBound(n int, abs float64) float64 { return 2 * 1.01 * float64(n) * 0x1p-53 * abs }

func TestDotKernel(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	buf := randMatrix(rng, 1, 600).Data
	for n := 0; n <= 70; n++ {
		for _, off := range []int{0, 1, 3} { // unaligned starts
			a, b := buf[off:off+n], buf[300+off:300+off+n]
			got, want := dotKernel(a, b), dotGo(a, b)
			abs := 0.0
			for i := range a {
				abs += math.Abs(a[i] * b[i])
			}
			if math.Abs(got-want) > sumBound(n, abs) {
				t.Fatalf("n=%d off=%d: dotKernel %v, dotGo %v", n, off, got, want)
			}
		}
	}
	if got := dotKernel([]float64{1, nan}, []float64{1, 1}); !math.IsNaN(got) {
		t.Errorf("NaN does not propagate: %v", got)
	}
}

func TestAxpyKernel(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for n := 0; n <= 70; n++ {
		for _, off := range []int{0, 1, 3} {
			x := randMatrix(rng, 1, n+off).Data[off:]
			y0 := randMatrix(rng, 1, n+off+1).Data[off:]
			// One more entry past y's end must stay untouched.
			y1, y2 := append([]float64(nil), y0...), append([]float64(nil), y0...)
			axpyKernel(y1[:n], 0.7, x)
			axpyGo(y2[:n], 0.7, x)
			for i := 0; i < n; i++ {
				if math.Abs(y1[i]-y2[i]) > sumBound(2, math.Abs(y0[i])+math.Abs(0.7*x[i])) {
					t.Fatalf("n=%d off=%d: entry %d %v vs %v", n, off, i, y1[i], y2[i])
				}
			}
			if y1[n] != y0[n] {
				t.Fatalf("n=%d: axpyKernel wrote past the end of y", n)
			}
		}
	}
}

func TestRotKernel(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	for n := 0; n <= 40; n++ {
		for _, off := range []int{0, 1, 3} {
			x0 := randMatrix(rng, 1, n+off+1).Data[off:]
			y0 := randMatrix(rng, 1, n+off+1).Data[off:]
			c, s := 0.6, -0.8
			x1, y1 := append([]float64(nil), x0...), append([]float64(nil), y0...)
			x2, y2 := append([]float64(nil), x0...), append([]float64(nil), y0...)
			rotKernel(x1[:n], y1, c, s)
			rotGo(x2[:n], y2, c, s)
			for i := 0; i < n; i++ {
				b := sumBound(2, math.Abs(c*x0[i])+math.Abs(s*y0[i]))
				if math.Abs(x1[i]-x2[i]) > b || math.Abs(y1[i]-y2[i]) > b {
					t.Fatalf("n=%d off=%d: entry %d (%v, %v) vs (%v, %v)", n, off, i, x1[i], y1[i], x2[i], y2[i])
				}
			}
			// One more entry past the end must stay untouched.
			if x1[n] != x0[n] || y1[n] != y0[n] {
				t.Fatalf("n=%d: rotKernel wrote past the end", n)
			}
		}
	}
}

func TestGemmKernel(t *testing.T) {
	if gemmKernel == nil {
		t.Skip("no gemm kernel on this CPU; matmul uses the pure-Go path")
	}
	rng := rand.New(rand.NewSource(6))
	for _, k := range []int{1, 2, 7, 64} {
		a, b := randMatrix(rng, 1, k*mr).Data, randMatrix(rng, 1, k*nr).Data
		const ldc = 11 // a row stride wider than the tile
		c := randMatrix(rng, mr, ldc).Data
		want := append([]float64(nil), c...)
		gemmKernel(k, a, b, c, ldc)
		gemmGo(k, a, b, want, ldc)
		for i := 0; i < mr; i++ {
			for j := 0; j < ldc; j++ {
				got, w := c[i*ldc+j], want[i*ldc+j]
				if j >= nr && got != w {
					t.Fatalf("k=%d: wrote outside the tile at (%d, %d)", k, i, j)
				}
				if math.Abs(got-w) > sumBound(k+1, math.Abs(w)+float64(k)*16) {
					t.Fatalf("k=%d (%d, %d): %v vs %v", k, i, j, got, w)
				}
			}
		}
	}
}

// TestMatmulPaths checks the packed product (tile edges, block edges,
// several threads) and the pure-Go fallback against the triple loop.
func TestMatmulPaths(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	saved := gemmKernel
	defer func() { gemmKernel = saved }()
	for _, kernel := range []func(int, []float64, []float64, []float64, int){saved, gemmGo, nil} {
		if kernel == nil && saved == nil {
			continue
		}
		gemmKernel = kernel
		for _, s := range [][3]int{{5, 3, 9}, {4, 256, 8}, {97, 257, 13}, {200, 300, 520}, {33, 1, 17}} {
			a, b := randMatrix(rng, s[0], s[1]), randMatrix(rng, s[1], s[2])
			got, _ := Matmul(a, b)
			want, abs := naiveMatmul(a, b)
			g := 1.01 * float64(s[1]) * eps
			for i := range got.Data {
				if d := math.Abs(got.Data[i] - want.Data[i]); d > g*abs.Data[i] {
					t.Fatalf("kernel %v, %v: entry %d differs by %g > %g", kernel != nil, s, i, d, g*abs.Data[i])
				}
			}
		}
	}
}
