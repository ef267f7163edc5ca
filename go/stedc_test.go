package twinmath

import (
	"fmt"
	"math"
	"math/rand"
	"testing"
)

// tridiagRatios returns ‖T·V − V·Λ‖_F/(n·ε·‖T‖_F) and ‖VᵀV − I‖_F/(n·ε)
// for the eigenvalues w and the eigenvectors in the rows of z.
func tridiagRatios(d, off, w, z []float64) (res, orth float64) {
	n := len(d)
	var r2, o2, t2 float64
	for i := 0; i < n; i++ {
		t2 += d[i] * d[i]
		if i+1 < n {
			t2 += 2 * off[i] * off[i]
		}
	}
	for k := 0; k < n; k++ {
		v := z[k*n : (k+1)*n]
		for i := 0; i < n; i++ {
			tv := d[i] * v[i]
			if i > 0 {
				tv += off[i-1] * v[i-1]
			}
			if i+1 < n {
				tv += off[i] * v[i+1]
			}
			r := tv - w[k]*v[i]
			r2 += r * r
		}
		for l := 0; l < n; l++ {
			g := dot(v, z[l*n:(l+1)*n])
			if l == k {
				g--
			}
			o2 += g * g
		}
	}
	fn := float64(n) * eps
	if t2 == 0 {
		return math.Sqrt(r2), math.Sqrt(o2) / fn
	}
	return math.Sqrt(r2) / (fn * math.Sqrt(t2)), math.Sqrt(o2) / fn
}

func TestTridiagDC(t *testing.T) {
	rng := rand.New(rand.NewSource(41))
	type tri struct{ d, off []float64 }
	cases := map[string]tri{}
	add := func(name string, n int, f func(i int) (float64, float64)) {
		d, off := make([]float64, n), make([]float64, n)
		for i := 0; i < n; i++ {
			d[i], off[i] = f(i)
		}
		off[n-1] = 0
		cases[name] = tri{d, off}
	}
	for _, n := range []int{50, 51, 77, 128, 300} {
		add(fmt.Sprint("random ", n), n, func(int) (float64, float64) { return rng.NormFloat64(), rng.NormFloat64() })
	}
	// (1, 2, 1): eigenvalues 2 − 2cos(kπ/(n+1)), well separated.
	add("(1,2,1) 200", 200, func(int) (float64, float64) { return 2, 1 })
	// Wilkinson's W⁺₂₁ glued by small off-diagonal entries: pairs of
	// eigenvalues equal to many digits, much deflation.
	add("glued Wilkinson 5×21", 105, func(i int) (float64, float64) {
		e := 1.0
		if i%21 == 20 {
			e = 1e-9
		}
		return math.Abs(float64(i%21 - 10)), e
	})
	// Zero off-diagonal entries: T is diagonal in pieces.
	add("diagonal pieces 120", 120, func(i int) (float64, float64) {
		if i%7 == 0 {
			return float64(i % 5), 0
		}
		return float64(i % 5), rng.NormFloat64()
	})
	add("identity 60", 60, func(int) (float64, float64) { return 1, 0 })
	add("constant diagonal, tiny coupling 90", 90, func(int) (float64, float64) { return 3, 1e-12 })
	// Graded, from 1e-8 to 1e8.
	add("graded 100", 100, func(i int) (float64, float64) {
		s := math.Pow(10, -8+16*float64(i)/99)
		return s * rng.NormFloat64(), s * rng.NormFloat64()
	})
	add("scaled 1e-200 64", 64, func(int) (float64, float64) { return 1e-200 * rng.NormFloat64(), 1e-200 * rng.NormFloat64() })
	add("scaled 1e200 64", 64, func(int) (float64, float64) { return 1e200 * rng.NormFloat64(), 1e200 * rng.NormFloat64() })
	for name, c := range cases {
		n := len(c.d)
		w, off := append([]float64(nil), c.d...), append([]float64(nil), c.off...)
		z := make([]float64, n*n)
		if err := tridiagDC(nil, w, off, z, n); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// The residuals and QL's eigenvalues on T scaled to entries near 1
		// (by a power of two, exactly), where the squares of the norms
		// neither overflow nor underflow and the QL iteration (which eighTo
		// runs on scaled matrices) is within its range.
		_, e := math.Frexp(math.Max(maxAbs(c.d), maxAbs(c.off)))
		sc := func(x []float64) []float64 {
			y := make([]float64, len(x))
			for i, v := range x {
				y[i] = math.Ldexp(v, -e)
			}
			return y
		}
		c = tri{sc(c.d), sc(c.off)}
		w = sc(w)
		res, orth := tridiagRatios(c.d, c.off, w, z)
		if res > eigThresh || orth > eigThresh || math.IsNaN(res+orth) {
			t.Errorf("%s: residual ratio %.3g, orthogonality ratio %.3g", name, res, orth)
		}
		// The eigenvalues are those of the QL iteration.
		wq, offq := append([]float64(nil), c.d...), append([]float64(nil), c.off...)
		zq := make([]float64, n*n)
		for i := 0; i < n; i++ {
			zq[i*n+i] = 1
		}
		if err := implicitQL(nil, wq, offq, zq, n); err != nil {
			t.Fatalf("%s: QL: %v", name, err)
		}
		a, b := sortedCopy(w), sortedCopy(wq)
		big := math.Max(maxAbs(a), maxAbs(b))
		for i := range a {
			if math.Abs(a[i]-b[i]) > float64(n)*eigThresh*eps*big {
				t.Errorf("%s: eigenvalue %d is %v, QL's %v", name, i, a[i], b[i])
				break
			}
		}
	}
}

// The secular equation's roots lie strictly between their poles, and the
// residual of the equation is at the level of its rounding.
func TestSecularRoot(t *testing.T) {
	rng := rand.New(rand.NewSource(42))
	for trial := 0; trial < 50; trial++ {
		k := 2 + rng.Intn(40)
		d, z := make([]float64, k), make([]float64, k)
		x := 0.0
		for i := range d {
			x += math.Pow(10, -12*rng.Float64()) // gaps from 1e-12 to 1
			d[i] = x
			z[i] = rng.NormFloat64() * math.Pow(10, -6*rng.Float64())
		}
		nz := math.Sqrt(dotSelf(z))
		for i := range z {
			z[i] /= nz
		}
		rho := math.Pow(10, 4*rng.Float64()-2)
		for i := 0; i < k; i++ {
			o, tau := secularRoot(d, z, rho, i)
			lam := d[o] + tau
			lo, hi := d[i], d[i]+rho
			if i+1 < k {
				hi = d[i+1]
			}
			if !(lam >= lo && lam <= hi) || (o != i && o != i+1 && !(i == k-1 && o == k-1)) {
				t.Fatalf("trial %d root %d: λ = %v outside [%v, %v] (origin %d)", trial, i, lam, lo, hi, o)
			}
			f, scale := 1/rho, 1/rho
			for j := range d {
				q := z[j] * z[j] / ((d[j] - d[o]) - tau)
				f += q
				scale += math.Abs(q)
			}
			if math.Abs(f) > 64*float64(k)*eps*scale {
				t.Errorf("trial %d root %d: f(λ) = %.3g against a scale %.3g", trial, i, f, scale)
			}
		}
	}
}

func sortedCopy(x []float64) []float64 {
	y := append([]float64(nil), x...)
	for i := 1; i < len(y); i++ {
		for j := i; j > 0 && y[j] < y[j-1]; j-- {
			y[j], y[j-1] = y[j-1], y[j]
		}
	}
	return y
}
