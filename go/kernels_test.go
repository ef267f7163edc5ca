package twinmath

import (
	"math"
	"math/rand"
	"runtime"
	"slices"
	"testing"
)

// The kernels in use (assembly where the CPU allows) against their pure-Go
// specifications in kernels.go. Fused multiply-adds round differently from a
// multiply and an add, so sums agree within the bound of two summation
// orders, 2·γn·Σ|terms| (γn ≤ 1.01·n·u, u = 2⁻⁵³); nothing else may differ.

func sumBound(n int, abs float64) float64 { return 2 * 1.01 * float64(n) * 0x1p-53 * abs }

// eachKernelSet runs f with every kernel set this CPU can run in turn (the
// pure-Go one, AVX2, AVX-512), then restores the one in use.
func eachKernelSet(t *testing.T, f func(t *testing.T, s kernelSet)) {
	saved := kernelSets[len(kernelSets)-1]
	defer useKernels(saved)
	for _, s := range kernelSets {
		useKernels(s)
		t.Run(s.name, func(t *testing.T) { f(t, s) })
	}
}

// kernelLengths are the vector lengths the kernels are tested at: every
// length to 70 (each tail of each unrolled loop) and a few random larger.
func kernelLengths(rng *rand.Rand) []int {
	ns := make([]int, 0, 80)
	for n := 0; n <= 70; n++ {
		ns = append(ns, n)
	}
	for i := 0; i < 6; i++ {
		ns = append(ns, 71+rng.Intn(500))
	}
	return ns
}

func TestDotKernel(t *testing.T) { eachKernelSet(t, testDotKernel) }

func testDotKernel(t *testing.T, _ kernelSet) {
	rng := rand.New(rand.NewSource(4))
	buf := randMatrix(rng, 1, 1200).Data
	for _, n := range kernelLengths(rng) {
		for _, off := range []int{0, 1, 3} { // unaligned starts
			a, b := buf[off:off+n], buf[600+off:600+off+n]
			got, want := dotKernel(a, b), dotGo(a, b)
			abs := 0.0
			for i := range a {
				abs += math.Abs(a[i] * b[i])
			}
			if math.Abs(got-want) > sumBound(n, abs) {
				t.Fatalf("n=%d off=%d: dotKernel %v, dotGo %v", n, off, got, want)
			}
			// a·a, both arguments one slice.
			self, selfWant := dotKernel(a, a), dotGo(a, a)
			if math.Abs(self-selfWant) > sumBound(n, dotGo(a, a)) {
				t.Fatalf("n=%d off=%d: dotKernel(a, a) %v, dotGo %v", n, off, self, selfWant)
			}
		}
	}
	if got := dotKernel([]float64{1, nan}, []float64{1, 1}); !math.IsNaN(got) {
		t.Errorf("NaN does not propagate: %v", got)
	}
}

func TestAxpyKernel(t *testing.T) { eachKernelSet(t, testAxpyKernel) }

func testAxpyKernel(t *testing.T, _ kernelSet) {
	rng := rand.New(rand.NewSource(5))
	for _, n := range kernelLengths(rng) {
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
			// y += alpha·y, x and y one slice: each entry is read before
			// it is written.
			y1, y2 = append([]float64(nil), y0...), append([]float64(nil), y0...)
			axpyKernel(y1[:n], 0.7, y1[:n])
			axpyGo(y2[:n], 0.7, y2[:n])
			for i := 0; i < n; i++ {
				if math.Abs(y1[i]-y2[i]) > sumBound(2, 1.7*math.Abs(y0[i])) {
					t.Fatalf("n=%d off=%d: aliased entry %d %v vs %v", n, off, i, y1[i], y2[i])
				}
			}
		}
	}
}

func TestRotKernel(t *testing.T) { eachKernelSet(t, testRotKernel) }

func testRotKernel(t *testing.T, _ kernelSet) {
	rng := rand.New(rand.NewSource(6))
	for _, n := range kernelLengths(rng) {
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

func TestGemmKernel(t *testing.T) { eachKernelSet(t, testGemmKernel) }

func testGemmKernel(t *testing.T, _ kernelSet) {
	if gemmKernel == nil {
		t.Skip("no gemm kernel in this set; matmul uses the pure-Go path")
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

// TestGemmWideKernel checks the kernel of blocks of tiles against gemmGo on
// each tile (within the bound of two orders of the sums) and against the
// set's own gemmKernel (bit for bit: each entry's sum is the same), with a
// row stride wider than the block and k at each length to 33 and larger.
func TestGemmWideKernel(t *testing.T) { eachKernelSet(t, testGemmWideKernel) }

func testGemmWideKernel(t *testing.T, _ kernelSet) {
	if gemmWideKernel == nil {
		t.Skip("no wide gemm kernel in this set")
	}
	rng := rand.New(rand.NewSource(8))
	ks := []int{64, 255, 256, 300}
	for k := 1; k <= 33; k++ {
		ks = append(ks, k)
	}
	for _, k := range ks {
		a, b := randMatrix(rng, 1, k*wideM).Data, randMatrix(rng, 1, k*wideN).Data
		ldc := wideN + 3
		c0 := randMatrix(rng, wideM+1, ldc).Data
		got, spec, tiles := append([]float64(nil), c0...), append([]float64(nil), c0...), append([]float64(nil), c0...)
		gemmWideKernel(k, a, b, got, ldc)
		gemmWideGo(k, a, b, spec, ldc)
		for jr := 0; jr < wideN; jr += nr {
			for ir := 0; ir < wideM; ir += mr {
				gemmKernel(k, a[ir*k:], b[jr*k:], tiles[ir*ldc+jr:], ldc)
			}
		}
		for i := 0; i <= wideM; i++ {
			for j := 0; j < ldc; j++ {
				g := got[i*ldc+j]
				if i >= wideM || j >= wideN {
					if g != c0[i*ldc+j] {
						t.Fatalf("k=%d: wrote outside the block at (%d, %d)", k, i, j)
					}
					continue
				}
				if g != tiles[i*ldc+j] {
					t.Fatalf("k=%d (%d, %d): %v, the tile kernel %v", k, i, j, g, tiles[i*ldc+j])
				}
				abs := math.Abs(c0[i*ldc+j])
				for p := 0; p < k; p++ {
					abs += math.Abs(a[(i/mr)*mr*k+p*mr+i%mr] * b[(j/nr)*nr*k+p*nr+j%nr])
				}
				if math.Abs(g-spec[i*ldc+j]) > sumBound(k+1, abs) {
					t.Fatalf("k=%d (%d, %d): %v, gemmWideGo %v", k, i, j, g, spec[i*ldc+j])
				}
			}
		}
	}
}

// TestMatmulPaths checks the packed product (tile edges, block edges,
// several threads) and the pure-Go fallback against the triple loop.
func TestMatmulPaths(t *testing.T) { eachKernelSet(t, testMatmulPaths) }

func testMatmulPaths(t *testing.T, _ kernelSet) {
	rng := rand.New(rand.NewSource(7))
	saved := gemmKernel
	defer func() { gemmKernel = saved }()
	for _, kernel := range []func(int, []float64, []float64, []float64, int){saved, gemmGo, nil} {
		if kernel == nil && saved == nil {
			continue
		}
		gemmKernel = kernel
		for _, s := range [][3]int{{5, 3, 9}, {4, 256, 8}, {97, 257, 13}, {200, 300, 520}, {33, 1, 17}, {12, 40, 16}, {13, 40, 33}, {107, 70, 531}} {
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

// TestMatmulPartsSameBits checks that the packed product gives the same
// bits on 1, 2, 3 and 5 threads with every kernel set, at shapes cut by
// rows, by columns, across block edges and inside a wider dst (the
// factorisations' updates), and that the columns of dst past the product
// are left alone.
func TestMatmulPartsSameBits(t *testing.T) { eachKernelSet(t, testMatmulPartsSameBits) }

func testMatmulPartsSameBits(t *testing.T, s kernelSet) {
	if s.gemm == nil {
		gemmKernel = gemmGo // the specification (eachKernelSet restores the set in use)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(5))
	defer SetMaxThreads(SetMaxThreads(0))
	rng := rand.New(rand.NewSource(11))
	for _, s := range [][4]int{{300, 260, 300, 300}, {1000, 40, 70, 70}, {70, 40, 1000, 1000}, {97, 300, 531, 531}, {203, 513, 101, 130}} {
		m, n, p, ldc := s[0], s[1], s[2], s[3]
		a, b := randMatrix(rng, m, n), randMatrix(rng, n, p)
		c0 := randMatrix(rng, m, ldc)
		var one []float64
		for _, threads := range []int{1, 2, 3, 5} {
			SetMaxThreads(threads)
			c := c0.Clone()
			if err := matmulPacked(nil, nil, c, a, b); err != nil {
				t.Fatal(err)
			}
			for i := 0; i < m; i++ {
				for j := p; j < ldc; j++ {
					if c.Data[i*ldc+j] != c0.Data[i*ldc+j] {
						t.Fatalf("%v, %d threads: wrote (%d, %d), past the product", s, threads, i, j)
					}
				}
			}
			// With zero, dst's blocks are cleared as the product goes:
			// what it held before (NaN here) is gone and the bits are
			// those of the sums added to zeros.
			z := c0.Clone()
			for i := 0; i < m; i++ {
				for j := 0; j < p; j++ {
					z.Data[i*ldc+j] = math.NaN()
				}
			}
			if err := packedProduct(nil, nil, packed{dst: z, a: a, b: b, m: m, k: n, p: p, zero: true}); err != nil {
				t.Fatal(err)
			}
			zeroed := c0.Clone()
			clearProduct(zeroed, m, p)
			if err := matmulPacked(nil, nil, zeroed, a, b); err != nil {
				t.Fatal(err)
			}
			for i := range z.Data {
				if math.Float64bits(z.Data[i]) != math.Float64bits(zeroed.Data[i]) {
					t.Fatalf("%v, %d threads: entry %d is %v with zero, %v added to zeros", s, threads, i, z.Data[i], zeroed.Data[i])
				}
			}
			if one == nil {
				one = c.Data
				continue
			}
			for i := range one {
				if math.Float64bits(c.Data[i]) != math.Float64bits(one[i]) {
					t.Fatalf("%v: entry %d is %v on %d threads, %v on one", s, i, c.Data[i], threads, one[i])
				}
			}
		}
	}
}

// TestMatmulWideSameAsTiles checks that the packed product gives the same
// bits with and without the wide kernel, at shapes that cut its blocks.
func TestMatmulWideSameAsTiles(t *testing.T) {
	saved := kernelSets[len(kernelSets)-1]
	defer useKernels(saved)
	rng := rand.New(rand.NewSource(9))
	for _, s := range kernelSets {
		if s.gemmWide == nil {
			continue
		}
		for _, sh := range [][3]int{{12, 40, 16}, {25, 300, 47}, {107, 513, 531}, {96, 256, 512}} {
			a, b := randMatrix(rng, sh[0], sh[1]), randMatrix(rng, sh[1], sh[2])
			useKernels(s)
			wide, _ := Matmul(a, b)
			narrow := s
			narrow.gemmWide = nil
			useKernels(narrow)
			tiles, _ := Matmul(a, b)
			for i := range wide.Data {
				if wide.Data[i] != tiles.Data[i] {
					t.Fatalf("%s %v: entry %d %v with the wide kernel, %v without", s.name, sh, i, wide.Data[i], tiles.Data[i])
				}
			}
		}
	}
}

// TestMatmulRowsNarrow holds the entry-at-a-time product of narrow b to the
// bits of the axpy kernels' product, with every kernel set: special values
// (±0, ±Inf, NaN, subnormals, huge) included, odd and even inner lengths.
func TestMatmulRowsNarrow(t *testing.T) { eachKernelSet(t, testMatmulRowsNarrow) }

func testMatmulRowsNarrow(t *testing.T, s kernelSet) {
	if axpyFused != s.fused {
		t.Fatalf("axpyFused %v with kernel set %s", axpyFused, s.name)
	}
	rng := rand.New(rand.NewSource(12))
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 5e-324, -2.2e-308, 1e308, -1e308}
	draw := func(r, c int) Matrix {
		m := randMatrix(rng, r, c)
		for i := range m.Data {
			switch rng.Intn(8) {
			case 0:
				m.Data[i] = special[rng.Intn(len(special))]
			case 1:
				m.Data[i] = math.Ldexp(m.Data[i], rng.Intn(200)-100)
			}
		}
		return m
	}
	for trial := 0; trial < 400; trial++ {
		m, n, p := 1+rng.Intn(5), 1+rng.Intn(12), 1+rng.Intn(narrowCols-1)
		if trial%40 == 0 {
			n = kBlock - rng.Intn(2)
		}
		a, b := draw(m, n), draw(n, p)
		got, want := NewMatrix(m, p), NewMatrix(m, p)
		matmulRows(got, a, b, 0, m)
		matmulRowsAxpy(want, a, b, 0, m)
		for i := range got.Data {
			g, w := got.Data[i], want.Data[i]
			if math.Float64bits(g) != math.Float64bits(w) && !(math.IsNaN(g) && math.IsNaN(w)) {
				t.Fatalf("%dx%d·%dx%d entry %d: narrow %v, axpy %v", m, n, n, p, i, g, w)
			}
		}
	}
}

// TestMaxAbs holds maxAbs (integer maxima of bit patterns) and checkFinite to
// their definitions on every special value, at every position and length
// around the four-wide loop.
func TestMaxAbs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	values := []float64{0, math.Copysign(0, -1), 5e-324, -5e-324, 2.2e-308, -1, 1.5, -1e308, math.MaxFloat64, inf, -inf, nan, -nan}
	rng := rand.New(rand.NewSource(5))
	for trial := 0; trial < 3000; trial++ {
		v := make([]float64, rng.Intn(11))
		for i := range v {
			v[i] = values[rng.Intn(len(values))]
			if rng.Intn(3) == 0 {
				v[i] = rng.NormFloat64()
			}
		}
		want, hasNaN, finite := 0.0, false, true
		for _, x := range v {
			if math.IsNaN(x) {
				hasNaN = true
			}
			if math.IsNaN(x) || math.IsInf(x, 0) {
				finite = false
			}
			if a := math.Abs(x); a > want {
				want = a
			}
		}
		got := maxAbs(v)
		if hasNaN != math.IsNaN(got) || (!hasNaN && math.Float64bits(got) != math.Float64bits(want)) {
			t.Fatalf("maxAbs(%v) = %v, want %v (NaN %v)", v, got, want, hasNaN)
		}
		if err := checkFinite("op", "A", v); (err == nil) != finite {
			t.Fatalf("checkFinite(%v) = %v, finite %v", v, err, finite)
		}
	}
}

// TestSecularKernelBits holds every kernel set's secularKernel to
// secularGo's bits, at every length to 70 and some longer, with poles on
// the origin (infinite terms) and NaN among the values.
func TestSecularKernelBits(t *testing.T) { eachKernelSet(t, testSecularKernelBits) }

func testSecularKernelBits(t *testing.T, _ kernelSet) {
	rng := rand.New(rand.NewSource(17))
	for _, n := range kernelLengths(rng) {
		z, d := make([]float64, n), make([]float64, n+3)
		for i := range z {
			z[i] = rng.NormFloat64()
		}
		for i := range d {
			d[i] = float64(i) + rng.Float64()
		}
		org, tau := d[n/2], 0.25*rng.Float64()
		if n > 5 {
			d[3] = org + tau // a pole on the root: an infinite term
			z[n-1] = math.NaN()
		}
		for _, zz := range [][]float64{z, z[:n/2]} {
			s, ds := secularKernel(zz, d, org, tau)
			ws, wds := secularGo(zz, d, org, tau)
			if math.Float64bits(s) != math.Float64bits(ws) || math.Float64bits(ds) != math.Float64bits(wds) {
				t.Fatalf("n=%d: (%v, %v), secularGo (%v, %v)", len(zz), s, ds, ws, wds)
			}
		}
	}
}

// TestRotChainBits holds every kernel set's rotChainStrip to rotKernel on
// each pair of rows in turn, bit for bit, forwards and in reverse, on strips
// of every width to 80 inside wider rows, with chains of every length to 9.
func TestRotChainBits(t *testing.T) { eachKernelSet(t, testRotChainBits) }

func testRotChainBits(t *testing.T, _ kernelSet) {
	rng := rand.New(rand.NewSource(19))
	const rows, w = 12, 97
	a0 := make([]float64, rows*w)
	for i := range a0 {
		a0[i] = rng.NormFloat64()
	}
	c, s := make([]float64, rows), make([]float64, rows)
	for i := range c {
		th := rng.Float64() * 6.3
		c[i], s[i] = math.Cos(th), math.Sin(th)
	}
	for cols := 0; cols <= 80; cols++ {
		j := (cols * 7) % (w - cols + 1)
		for lo := 0; lo < 3; lo++ {
			for hi := lo; hi <= lo+9 && hi < rows; hi++ {
				for _, reverse := range []bool{false, true} {
					got, want := append([]float64(nil), a0...), append([]float64(nil), a0...)
					rotChainStrip(got, w, j, cols, c, s, lo, hi, reverse)
					for k := lo; k < hi; k++ {
						i := k
						if reverse {
							i = lo + hi - 1 - k
						}
						rotKernel(want[i*w+j:i*w+j+cols], want[(i+1)*w+j:(i+1)*w+j+cols], c[i], s[i])
					}
					for i := range got {
						if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
							t.Fatalf("cols=%d j=%d lo=%d hi=%d reverse=%v: entry %d is %v, want %v", cols, j, lo, hi, reverse, i, got[i], want[i])
						}
					}
				}
			}
		}
	}
}

// TestReflect3Bits holds every kernel set's reflect3Kernel to the six
// passes of its axpyKernel (reflect3Passes), bit for bit: rows of every
// length to 70 and a few longer, at several offsets, with an entry past
// each row's end that must stay untouched, and with an Inf and a NaN among
// the entries.
func TestReflect3Bits(t *testing.T) { eachKernelSet(t, testReflect3Bits) }

func testReflect3Bits(t *testing.T, _ kernelSet) {
	rng := rand.New(rand.NewSource(23))
	for _, n := range kernelLengths(rng) {
		for _, off := range []int{0, 1, 3} {
			// The three rows, each n entries and a guard, one after the other.
			w := n + 1
			a0 := randMatrix(rng, 1, off+3*w).Data[off:]
			if n > 5 {
				a0[w+n/2] = math.Inf(1)
				a0[2*w+n-1] = math.NaN()
			}
			v2, v3 := rng.NormFloat64(), rng.NormFloat64()
			t1 := 1 + rng.Float64()
			got, want := slices.Clone(a0), slices.Clone(a0)
			rows := func(a []float64) ([]float64, []float64, []float64) {
				return a[:n], a[w : w+n], a[2*w : 2*w+n]
			}
			g0, g1, g2 := rows(got)
			reflect3Kernel(g0, g1, g2, v2, v3, t1, t1*v2, t1*v3, make([]float64, n))
			w0, w1, w2 := rows(want)
			reflect3Passes(w0, w1, w2, v2, v3, t1, t1*v2, t1*v3, make([]float64, n))
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("n=%d off=%d: entry %d is %v, want %v", n, off, i, got[i], want[i])
				}
			}
			for r := 0; r < 3; r++ {
				if math.Float64bits(got[r*w+n]) != math.Float64bits(a0[r*w+n]) {
					t.Fatalf("n=%d off=%d: row %d written past its end", n, off, r)
				}
			}
		}
	}
}

// TestElementwiseKernels holds every kernel set's addKernel, subKernel,
// scaleKernel, divKernel and axpyExactKernel to the Go loops bit for bit: every length to 70 and a few
// longer, several offsets, signed zeros, infinities, NaNs with their own
// payloads and subnormals among the entries, dst apart or the same slice
// as an operand, and an entry past dst's end that must stay untouched.
// Where the Go loop gives a NaN the kernel must give a NaN, not the same
// one: which of two NaNs (an operand's, or the one an invalid operation
// makes) an x86 instruction returns follows the order of its operands,
// which the Go compiler chooses.
func TestElementwiseKernels(t *testing.T) { eachKernelSet(t, testElementwiseKernels) }

func testElementwiseKernels(t *testing.T, _ kernelSet) {
	rng := rand.New(rand.NewSource(29))
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1),
		math.Float64frombits(0x7ff8000000000001), math.Float64frombits(0xfff8000000000abc),
		5e-324, -2.5e-310, math.MaxFloat64}
	fill := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			if rng.Intn(4) == 0 {
				v[i] = special[rng.Intn(len(special))]
			} else {
				v[i] = rng.NormFloat64() * math.Ldexp(1, rng.Intn(40)-20)
			}
		}
		return v
	}
	same := func(n, off int, what string, got, want []float64) {
		t.Helper()
		for i := range got {
			if i < n && math.IsNaN(got[i]) && math.IsNaN(want[i]) {
				continue
			}
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
				t.Fatalf("%s n=%d off=%d: entry %d is %v (%#x), want %v (%#x)", what, n, off, i,
					got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
			}
		}
	}
	for _, n := range kernelLengths(rng) {
		for _, off := range []int{0, 1, 3} {
			a, b := fill(n + off)[off:], fill(n + off)[off:]
			c := special[rng.Intn(len(special))]
			if rng.Intn(2) == 0 {
				c = rng.NormFloat64()
			}
			d0 := fill(n + off + 1)[off:] // one entry past dst's end
			for _, k := range []struct {
				name      string
				got, want func(dst, a, b []float64)
			}{
				{"add", addKernel, addGo},
				{"sub", subKernel, subGo},
				{"scale", func(dst, a, _ []float64) { scaleKernel(dst, a, c) }, func(dst, a, _ []float64) { scaleGo(dst, a, c) }},
				{"div", func(dst, a, _ []float64) { divKernel(dst, a, c) }, func(dst, a, _ []float64) { divGo(dst, a, c) }},
			} {
				got, want := slices.Clone(d0), slices.Clone(d0)
				k.got(got[:n], a, b)
				k.want(want[:n], a, b)
				same(n, off, k.name, got, want)
				// dst the same slice as the first operand, then as the second.
				ga, wa := slices.Clone(a), slices.Clone(a)
				k.got(ga, ga, b)
				k.want(wa, wa, b)
				same(n, off, k.name+" in a", ga, wa)
				gb, wb := slices.Clone(b), slices.Clone(b)
				k.got(gb, a, gb)
				k.want(wb, a, wb)
				same(n, off, k.name+" in b", gb, wb)
			}
			// y += c·a, the product rounded.
			got, want := slices.Clone(d0), slices.Clone(d0)
			axpyExactKernel(got[:n], c, a)
			axpyExact(want[:n], c, a)
			same(n, off, "axpyExact", got, want)
		}
	}
}

// TestMaxAbsKernel holds every kernel set's maxAbsKernel to maxAbsGo:
// every length to 70 and a few longer, several offsets, the largest
// magnitude (a normal, a subnormal, an Inf, a NaN, a −0 among zeros)
// placed at every position of the short vectors and at random in the
// long.
func TestMaxAbsKernel(t *testing.T) { eachKernelSet(t, testMaxAbsKernel) }

func testMaxAbsKernel(t *testing.T, _ kernelSet) {
	rng := rand.New(rand.NewSource(41))
	for _, n := range kernelLengths(rng) {
		for _, off := range []int{0, 1, 3} {
			v := make([]float64, n+off)[off:]
			for i := range v {
				v[i] = rng.NormFloat64()
			}
			if got, want := maxAbsKernel(v), maxAbsGo(v); got != want {
				t.Fatalf("n=%d off=%d: %#x, want %#x", n, off, got, want)
			}
			positions := []int{}
			if n <= 70 {
				for p := 0; p < n; p++ {
					positions = append(positions, p)
				}
			} else if n > 0 {
				positions = append(positions, 0, n-1, rng.Intn(n))
			}
			for _, p := range positions {
				for _, big := range []float64{-1e300, 1e-310, math.Inf(-1), math.NaN(), math.Float64frombits(0xfff0000000000123)} {
					w := slices.Clone(v)
					if big == 1e-310 {
						for i := range w {
							w[i] = 0
						}
						w[(p+1)%n] = math.Copysign(0, -1)
					}
					w[p] = big
					if got, want := maxAbsKernel(w), maxAbsGo(w); got != want {
						t.Fatalf("n=%d off=%d: %v at %d: %#x, want %#x", n, off, big, p, got, want)
					}
				}
			}
		}
	}
}

// TestMaxAbsBlocks checks that maxAbsBits over blocks shared among 1, 2
// and 3 threads gives the serial scan's pattern, with the largest entry, a
// NaN or an Inf in the first, a middle or the last (short) block.
func TestMaxAbsBlocks(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	defer SetMaxThreads(SetMaxThreads(0))
	rng := rand.New(rand.NewSource(6))
	n := 5*maxAbsBlock + 77
	v := make([]float64, n)
	for i := range v {
		v[i] = rng.NormFloat64()
	}
	for _, pos := range []int{0, maxAbsBlock - 1, 2*maxAbsBlock + 5, n - 1} {
		for _, x := range []float64{1e300, -1e300, math.Inf(-1), math.NaN()} {
			w := slices.Clone(v)
			w[pos] = x
			want := maxAbsBitsSerial(w)
			if want != math.Float64bits(math.Abs(x))&(1<<63-1) && !math.IsNaN(x) {
				t.Fatalf("serial scan missed %v at %d", x, pos)
			}
			for _, threads := range []int{1, 2, 3} {
				SetMaxThreads(threads)
				if got := maxAbsBits(w); got != want {
					t.Fatalf("%v at %d, %d threads: %#x, want %#x", x, pos, threads, got, want)
				}
			}
		}
	}
}

// clearProduct zeroes the m×p top-left block of c (row stride c.Cols).
func clearProduct(c Matrix, m, p int) {
	for i := 0; i < m; i++ {
		clear(c.Data[i*c.Cols : i*c.Cols+p])
	}
}
