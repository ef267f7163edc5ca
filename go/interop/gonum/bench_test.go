package gonum_test

import (
	"math/rand"
	"testing"

	"github.com/twinmath/twinmath/go"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// BenchmarkVsGonum times twinmath and gonum on the same inputs, one pair of
// sub-benchmarks per row: <row>/twinmath and <row>/gonum. The rows follow
// `make bench`; cmd/benchratio turns the output into a table of ratios.
// Both sides allocate their results, as a caller of either library would.
func BenchmarkVsGonum(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{256, 1024} {
		x, y := random(rng, n, n), random(rng, n, n)
		pair(b, "matmul n="+itoa(n), func() error {
			_, err := twinmath.Matmul(x, y)
			return err
		}, func() {
			var c mat.Dense
			c.Mul(dense(x), dense(y))
		})
	}
	const n = 300
	a, s, rhs := random(rng, n, n), symmetric(rng, n), random(rng, n, 1)
	pair(b, "svd n=300", func() error {
		_, _, _, err := twinmath.SVD(a)
		return err
	}, func() {
		var f mat.SVD
		mustOK(b, f.Factorize(dense(a), mat.SVDThin))
	})
	pair(b, "eigh n=300", func() error {
		_, _, err := twinmath.Eigh(s)
		return err
	}, func() {
		var f mat.EigenSym
		mustOK(b, f.Factorize(symDense(s), true))
	})
	pair(b, "solve n=300", func() error {
		_, err := twinmath.Solve(a, rhs)
		return err
	}, func() {
		var x mat.Dense
		mustNil(b, x.Solve(dense(a), dense(rhs)))
	})
	pair(b, "det n=300", func() error {
		_, err := twinmath.Det(a)
		return err
	}, func() {
		_ = mat.Det(dense(a))
	})
	pair(b, "inv n=300", func() error {
		_, err := twinmath.Inv(a)
		return err
	}, func() {
		var x mat.Dense
		mustNil(b, x.Inverse(dense(a)))
	})
	spd := symmetric(rng, n)
	for i := 0; i < n; i++ {
		spd.Data[i*n+i] += n // diagonally dominant: positive definite
	}
	pair(b, "cholesky n=300", func() error {
		_, err := twinmath.Cholesky(spd)
		return err
	}, func() {
		var f mat.Cholesky
		mustOK(b, f.Factorize(symDense(spd)))
	})
	pair(b, "qr n=300", func() error {
		_, _, err := twinmath.QR(a)
		return err
	}, func() {
		var f mat.QR
		f.Factorize(dense(a))
		var q, r mat.Dense
		f.QTo(&q)
		f.RTo(&r)
	})
	// gonum has no lstsq or pinv of its own; the closest calls are the
	// minimum-norm solution through its SVD (pinv: of a·X = I), with numpy's
	// default cut-offs relative to σ₁ on both sides: max(m, n)·eps for lstsq,
	// 1e-15 for pinv.
	rcond := float64(n) * 2.220446049250313e-16
	pair(b, "lstsq n=300", func() error {
		_, err := twinmath.Lstsq(a, rhs, rcond)
		return err
	}, func() {
		svdSolve(b, dense(a), dense(rhs), rcond)
	})
	eye := mat.NewDiagDense(n, nil)
	for i := 0; i < n; i++ {
		eye.SetDiag(i, 1)
	}
	pair(b, "pinv n=300", func() error {
		_, err := twinmath.Pinv(a, 1e-15)
		return err
	}, func() {
		svdSolve(b, dense(a), eye, 1e-15)
	})
	for _, n := range []int{150, 300} {
		g := normal(rng, n, n)
		pair(b, "eig n="+itoa(n), func() error {
			_, _, err := twinmath.Eig(g)
			return err
		}, func() {
			var f mat.Eigen
			mustOK(b, f.Factorize(dense(g), mat.EigenRight))
		})
	}
	const m = 1000000
	u, v, dst := random(rng, 1, m).Data, random(rng, 1, m).Data, make([]float64, m)
	pair(b, "dot n=1e6", func() error {
		_, err := twinmath.Dot(u, v)
		return err
	}, func() {
		_ = floats.Dot(u, v)
	})
	pair(b, "add n=1e6", func() error {
		return twinmath.AddTo(dst, u, v)
	}, func() {
		floats.AddTo(dst, u, v)
	})
}

// pair runs one row: the twinmath function, then gonum's.
func pair(b *testing.B, row string, tm func() error, gn func()) {
	b.Run(row+"/twinmath", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := tm(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run(row+"/gonum", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			gn()
		}
	})
}

// svdSolve is gonum's minimum-norm least-squares solution of a·x = rhs,
// dropping the singular values below rcond·σ₁.
func svdSolve(b *testing.B, a *mat.Dense, rhs mat.Matrix, rcond float64) {
	var f mat.SVD
	mustOK(b, f.Factorize(a, mat.SVDThin))
	var x mat.Dense
	f.SolveTo(&x, rhs, f.Rank(rcond))
}

func mustOK(b *testing.B, ok bool) {
	if !ok {
		b.Fatal("gonum factorisation failed")
	}
}

func mustNil(b *testing.B, err error) {
	if err != nil {
		b.Fatal(err)
	}
}

// dense shares m's storage, as a gonum caller's matrix would be.
func dense(m twinmath.Matrix) *mat.Dense { return mat.NewDense(m.Rows, m.Cols, m.Data) }

func symDense(m twinmath.Matrix) *mat.SymDense { return mat.NewSymDense(m.Rows, m.Data) }

func random(rng *rand.Rand, r, c int) twinmath.Matrix {
	m := twinmath.NewMatrix(r, c)
	for i := range m.Data {
		m.Data[i] = rng.Float64()
	}
	return m
}

func normal(rng *rand.Rand, r, c int) twinmath.Matrix {
	m := twinmath.NewMatrix(r, c)
	for i := range m.Data {
		m.Data[i] = rng.NormFloat64()
	}
	return m
}

// symmetric is (g + gᵀ)/2 for a standard normal g.
func symmetric(rng *rand.Rand, n int) twinmath.Matrix {
	m := normal(rng, n, n)
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			v := (m.At(i, j) + m.At(j, i)) / 2
			m.Data[i*n+j], m.Data[j*n+i] = v, v
		}
	}
	return m
}

func itoa(n int) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}
