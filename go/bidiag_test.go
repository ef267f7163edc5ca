package twinmath

import (
	"math"
	"math/rand"
	"testing"
)

// bidiagFromRows returns the n×n upper bidiagonal matrix with diagonal d
// and superdiagonal e.
func bidiagMatrix(d, e []float64) Matrix {
	n := len(d)
	b := NewMatrix(n, n)
	for i := range d {
		b.Data[i*n+i] = d[i]
		if i+1 < n {
			b.Data[i*n+i+1] = e[i]
		}
	}
	return b
}

func TestBidiagonalize(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, s := range [][2]int{{1, 1}, {2, 1}, {5, 5}, {9, 4}, {40, 13}, {30, 30}} {
		m, n := s[0], s[1]
		a := randMatrix(rng, m, n)
		b, _ := bidiagonalize(nil, a.Clone().Data, m, n)
		// Q and P as matrices: their rows are the images of the unit rows.
		qt, pt := b.unblockedQP()
		// T = Q·B·Pᵀ with Q's first n columns the rows of qt.
		rec := mulMat(mulMat(tr(qt), bidiagMatrix(b.d, b.e)), pt)
		if r := residRatio(a, rec); r > thresh {
			t.Errorf("%dx%d: ‖T − Q·B·Pᵀ‖ ratio %.3g", m, n, r)
		}
		if r := orthoRatio(tr(qt), m); r > thresh {
			t.Errorf("%dx%d: ‖QᵀQ − I‖ ratio %.3g", m, n, r)
		}
		if r := orthoRatio(pt, n); r > thresh {
			t.Errorf("%dx%d: ‖PᵀP − I‖ ratio %.3g", m, n, r)
		}
	}
}

func TestSVD2x2(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	cases := [][3]float64{{1, 0, 1}, {0, 0, 0}, {3, 4, 0}, {0, 1, 0}, {1, 1e20, 1}, {1e-20, 1, 1e20}, {-2, 3, 5}, {2, -3, -5}, {1, 2, 1}}
	for i := 0; i < 50; i++ {
		cases = append(cases, [3]float64{rng.NormFloat64(), rng.NormFloat64() * math.Pow(10, float64(rng.Intn(9)-4)), rng.NormFloat64()})
	}
	for _, c := range cases {
		f, g, h := c[0], c[1], c[2]
		smin, smax, sr, cr, sl, cl := svd2x2(f, g, h)
		if math.Abs(smin) > math.Abs(smax) {
			t.Errorf("%v: |smin| %g > |smax| %g", c, smin, smax)
		}
		// [cl sl; −sl cl]·[f g; 0 h]·[cr −sr; sr cr]
		a00, a01 := cl*f, cl*g+sl*h
		a10, a11 := -sl*f, -sl*g+cl*h
		r := [4]float64{a00*cr + a01*sr, -a00*sr + a01*cr, a10*cr + a11*sr, -a10*sr + a11*cr}
		want := [4]float64{smax, 0, 0, smin}
		scale := math.Max(math.Abs(f), math.Max(math.Abs(g), math.Abs(h)))
		for k := range r {
			if math.Abs(r[k]-want[k]) > 8*eps*scale {
				t.Errorf("%v: rotated %v, want %v", c, r, want)
				break
			}
		}
		if math.Abs(cl*cl+sl*sl-1) > 4*eps || math.Abs(cr*cr+sr*sr-1) > 4*eps {
			t.Errorf("%v: rotations not orthogonal", c)
		}
		// The product of the values is the determinant f·h, to a few ulps.
		if math.Abs(smin*smax-f*h) > 8*eps*math.Abs(f*h) {
			t.Errorf("%v: smin·smax = %g, want %g", c, smin*smax, f*h)
		}
	}
}

func TestBidiagQR(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	type bcase struct {
		name string
		d, e []float64
	}
	var cases []bcase
	for _, n := range []int{1, 2, 3, 7, 60} {
		d, e := make([]float64, n), make([]float64, max(n-1, 0))
		for i := range d {
			d[i] = rng.NormFloat64()
		}
		for i := range e {
			e[i] = rng.NormFloat64()
		}
		cases = append(cases, bcase{"random", d, e})
	}
	// Graded: entries from 1 down to 1e-110; the singular values keep
	// their relative accuracy.
	g, ge := make([]float64, 12), make([]float64, 11)
	for i := range g {
		g[i] = math.Pow(10, -10*float64(i))
		if i < 11 {
			ge[i] = 0.5 * math.Pow(10, -10*float64(i))
		}
	}
	cases = append(cases, bcase{"graded", g, ge})
	cases = append(cases, bcase{"zero diagonal", []float64{0, 1, 0, 2}, []float64{1, 0, 3}})
	cases = append(cases, bcase{"zero", make([]float64, 4), make([]float64, 3)})
	for _, c := range cases {
		n := len(c.d)
		b := bidiagMatrix(c.d, c.e)
		d := append([]float64(nil), c.d...)
		e := append([]float64(nil), c.e...)
		ut, vt := Identity(n), Identity(n)
		if ok, _ := bidiagQR(nil, d, e, ut.Data, vt.Data); !ok {
			t.Fatalf("%s %d: no convergence", c.name, n)
		}
		for _, x := range d {
			if x < 0 {
				t.Errorf("%s %d: negative singular value %g", c.name, n, x)
			}
		}
		rec := mulMat(mulMat(tr(ut), diag(d)), vt)
		if r := residRatio(b, rec); r > thresh {
			t.Errorf("%s %d: ‖B − UΣVᵀ‖ ratio %.3g", c.name, n, r)
		}
		if r := orthoRatio(ut, n); r > thresh {
			t.Errorf("%s %d: ‖UᵀU − I‖ ratio %.3g", c.name, n, r)
		}
		if r := orthoRatio(vt, n); r > thresh {
			t.Errorf("%s %d: ‖VᵀV − I‖ ratio %.3g", c.name, n, r)
		}
		// Without vectors: the same values.
		d2 := append([]float64(nil), c.d...)
		e2 := append([]float64(nil), c.e...)
		if ok, _ := bidiagQR(nil, d2, e2, nil, nil); !ok {
			t.Fatalf("%s %d: no convergence without vectors", c.name, n)
		}
		for i := range d {
			if !alike(d[i], d2[i]) {
				t.Errorf("%s %d: value %d is %g with vectors, %g without", c.name, n, i, d[i], d2[i])
			}
		}
	}
	// The graded case: each value has relative accuracy. The product of the
	// singular values is |det B| = Π|d[i]| ≈ 1e-660: errors of ε·σ₁ on the
	// values below 1e-16 would change it entirely, relative errors of
	// O(n·ε) each change it by O(n²·ε). frexp keeps the products in range.
	d := append([]float64(nil), g...)
	e := append([]float64(nil), ge...)
	_, _ = bidiagQR(nil, d, e, nil, nil)
	gotF, gotE := 1.0, 0
	wantF, wantE := 1.0, 0
	for i := range d {
		f, x := math.Frexp(d[i])
		gotF, gotE = gotF*f, gotE+x
		f, x = math.Frexp(math.Abs(g[i]))
		wantF, wantE = wantF*f, wantE+x
	}
	if got, want := math.Ldexp(gotF, gotE-wantE), wantF; math.Abs(got-want) > 1e-12*want {
		t.Errorf("graded: Πσ/2^%d = %v, want |det B|/2^%d = %v", wantE, got, wantE, want)
	}
}

func TestBidiagQRNoConvergence(t *testing.T) {
	defer func(k int) { bdIterFactor = k }(bdIterFactor)
	bdIterFactor = 0
	if ok, _ := bidiagQR(nil, []float64{1, 2, 3}, []float64{1, 1}, nil, nil); ok {
		t.Error("converged without any sweep")
	}
}

func TestSVDBidiag(t *testing.T) {
	fam := families()
	rng := rand.New(rand.NewSource(13))
	fam["tall 100x7"] = randMatrix(rng, 100, 7)
	fam["tall 5x3"] = randMatrix(rng, 5, 3)
	fam["tall rank 2"] = mulMat(randMatrix(rng, 30, 2), randMatrix(rng, 2, 9))
	for name, a := range fam {
		tt := a
		if a.Rows < a.Cols {
			tt = tr(a)
		}
		m, n := tt.Rows, tt.Cols
		e := powerOfTwoScale(tt.Data)
		as := tt.Clone()
		scaleBy(as.Data, e)
		s, ud, vd, ok, _ := svdTall(nil, as.Clone().Data, m, n, true)
		if !ok {
			t.Fatalf("%s: no convergence", name)
		}
		u := Matrix{Rows: m, Cols: n, Data: ud}
		v := Matrix{Rows: n, Cols: n, Data: vd}
		rec := mulMat(mulMat(u, diag(s)), tr(v))
		if r := residRatio(as, rec); r > thresh {
			t.Errorf("%s: ‖T − UΣVᵀ‖ ratio %.3g", name, r)
		}
		if r := orthoRatio(u, m); r > thresh {
			t.Errorf("%s: ‖UᵀU − I‖ ratio %.3g", name, r)
		}
		if r := orthoRatio(v, m); r > thresh {
			t.Errorf("%s: ‖VᵀV − I‖ ratio %.3g", name, r)
		}
	}
}

// applyQ, the one-reflection-at-a-time specification of applyReflectors,
// replaces each of the r rows of u (length m, holding a vector of
// the bidiagonal's left space in its first n entries and zeros after them)
// with its image under Q = H₀⋯Hₙ₋₁: the left singular vectors of T from
// those of B.
func (b *bidiagonal) applyQ(u []float64, r int) {
	m := b.m
	for k := b.n - 1; k >= 0; k-- {
		tau := b.ht[k]
		if tau == 0 {
			continue
		}
		v := b.hv[k*m+k : (k+1)*m]
		for i := 0; i < r; i++ {
			row := u[i*m+k : (i+1)*m]
			axpy(row, -tau*dot(row, v), v)
		}
	}
}

// applyP replaces each of the r rows of v (length n) with its image under
// P = G₀⋯Gₙ₋₂: the right singular vectors of T from those of B.
func (b *bidiagonal) applyP(v []float64, r int) {
	n := b.n
	for k := n - 2; k >= 0; k-- {
		tau := b.gt[k]
		if tau == 0 {
			continue
		}
		g := b.gv[k*n+k+1 : (k+1)*n]
		for i := 0; i < r; i++ {
			row := v[i*n+k+1 : (i+1)*n]
			axpy(row, -tau*dot(row, g), g)
		}
	}
}

func TestApplyReflectors(t *testing.T) {
	rng := rand.New(rand.NewSource(12))
	for _, s := range [][2]int{{1, 1}, {7, 3}, {40, 40}, {100, 37}, {70, 69}} {
		m, n := s[0], s[1]
		b, _ := bidiagonalize(nil, randMatrix(rng, m, n).Data, m, n)
		// Rows: the images of the unit vectors, one reflection at a time.
		qt, pt := b.unblockedQP()
		// Columns: the same, blocked.
		q := NewMatrix(m, n)
		for i := 0; i < n; i++ {
			q.Data[i*n+i] = 1
		}
		_ = applyReflectors(nil, q.Data, m, n, b.hv, b.ht, 0, false)
		p := Identity(n)
		_ = applyReflectors(nil, p.Data, n, n, b.gv, b.gt[:n-1], 1, false)
		if r := residRatio(tr(qt), q); r > thresh {
			t.Errorf("%dx%d: Q blocked and unblocked differ, ratio %.3g", m, n, r)
		}
		if r := residRatio(tr(pt), p); r > thresh {
			t.Errorf("%dx%d: P blocked and unblocked differ, ratio %.3g", m, n, r)
		}
	}
}

func TestApplyReflectorsTransposed(t *testing.T) {
	rng := rand.New(rand.NewSource(14))
	m, n, k := 90, 70, 5
	b, _ := bidiagonalize(nil, randMatrix(rng, m, n).Data, m, n)
	x := randMatrix(rng, m, k)
	y := x.Clone()
	_ = applyReflectors(nil, y.Data, m, k, b.hv, b.ht, 0, false)
	_ = applyReflectors(nil, y.Data, m, k, b.hv, b.ht, 0, true)
	if r := residRatio(x, y); r > thresh {
		t.Errorf("Qᵀ·Q·X ≠ X, ratio %.3g", r)
	}
}

func TestSVDSolveTall(t *testing.T) {
	rng := rand.New(rand.NewSource(15))
	for _, s := range [][3]int{{1, 1, 1}, {6, 6, 2}, {40, 13, 1}, {100, 70, 3}, {120, 40, 4}} {
		m, n, k := s[0], s[1], s[2]
		a, b := randMatrix(rng, m, n), randMatrix(rng, m, k)
		sv, v, c, ok, _ := svdSolveTall(nil, a.Clone().Data, m, n, b.Clone().Data, k)
		if !ok {
			t.Fatalf("%v: no convergence", s)
		}
		// The same rotations as svdTall's (they depend on the bidiagonal
		// alone): the same values and V, and C = Uᵀ·B up to the order of
		// the operations.
		sv2, u2, v2, _, _ := svdTall(nil, a.Clone().Data, m, n, true)
		for i := range sv {
			if sv[i] != sv2[i] {
				t.Fatalf("%v: value %d is %v, svdTall gives %v", s, i, sv[i], sv2[i])
			}
		}
		if r := residRatio(Matrix{Rows: n, Cols: n, Data: v2}, Matrix{Rows: n, Cols: n, Data: v}); r > thresh {
			t.Errorf("%v: V differs from svdTall's, ratio %.3g", s, r)
		}
		want := mulMat(tr(Matrix{Rows: m, Cols: n, Data: u2}), b)
		if r := residRatio(want, Matrix{Rows: n, Cols: k, Data: c}); r > thresh {
			t.Errorf("%v: C differs from Uᵀ·B, ratio %.3g", s, r)
		}
	}
}

func TestPythag(t *testing.T) {
	inf := math.Inf(1)
	cases := [][2]float64{{3, 4}, {-3, 4}, {0, 0}, {0, -2}, {1e300, 1e300}, {1e-300, 1e-300}, {5e-324, 0}, {1e-160, 1}, {inf, nan}, {nan, 1}, {-inf, 0}, {0x1p500, 1}}
	rng := rand.New(rand.NewSource(16))
	for i := 0; i < 200; i++ {
		cases = append(cases, [2]float64{rng.NormFloat64(), rng.NormFloat64() * math.Pow(10, float64(rng.Intn(41)-20))})
	}
	for _, c := range cases {
		got, want := pythag(c[0], c[1]), math.Hypot(c[0], c[1])
		if !alike(got, want) && math.Abs(got-want) > 2*ulp(want) {
			t.Errorf("pythag(%v, %v) = %v, want %v", c[0], c[1], got, want)
		}
	}
}

// unblockedQP returns the first n columns of Q and P, as the rows of qt
// (n×m) and pt (n×n), one reflection at a time.
func (b *bidiagonal) unblockedQP() (qt, pt Matrix) {
	m, n := b.m, b.n
	qt = NewMatrix(n, m)
	for i := 0; i < n; i++ {
		qt.Data[i*m+i] = 1
	}
	b.applyQ(qt.Data, n)
	pt = Identity(n)
	b.applyP(pt.Data, n)
	return qt, pt
}
