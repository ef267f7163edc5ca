package twinmath

import (
	"fmt"
	"math/rand"
	"testing"
)

// The sizes follow the rows of `make bench`, which times the same operations
// through Python; these time the Go package alone.

func BenchmarkDot(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{3, 1000, 1000000} {
		x, y := randMatrix(rng, 1, n).Data, randMatrix(rng, 1, n).Data
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) {
			b.SetBytes(int64(16 * n))
			for i := 0; i < b.N; i++ {
				_, _ = Dot(x, y)
			}
		})
	}
}

func BenchmarkAddTo(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	n := 1000000
	x, y, dst := randMatrix(rng, 1, n).Data, randMatrix(rng, 1, n).Data, make([]float64, n)
	b.SetBytes(int64(24 * n))
	for i := 0; i < b.N; i++ {
		_ = AddTo(dst, x, y)
	}
}

func BenchmarkMatmulTo(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{2, 64, 256, 1024} {
		x, y, dst := randMatrix(rng, n, n), randMatrix(rng, n, n), NewMatrix(n, n)
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_ = MatmulTo(dst, x, y)
			}
			b.ReportMetric(2*float64(n*n*n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

func BenchmarkLU300(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	a := randMatrix(rng, 300, 300)
	rhs := randMatrix(rng, 300, 1)
	dst300, dst1 := NewMatrix(300, 300), NewMatrix(300, 1)
	b.Run("det", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_, _ = Det(a)
		}
	})
	b.Run("inv", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_ = InvTo(dst300, a)
		}
	})
	b.Run("solve", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_ = SolveTo(dst1, a, rhs)
		}
	})
}

func BenchmarkDecompositions(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{100, 300} {
		a := randMatrix(rng, n, n)
		spd := mul(a, tr(a))
		for i := 0; i < n; i++ {
			spd.Data[i*n+i] += float64(n)
		}
		rhs := randMatrix(rng, n, 1)
		b.Run(fmt.Sprint("svd/n=", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_, _, _, _ = SVD(a)
			}
		})
		tall := randMatrix(rng, 10*n, n/10) // preconditioned by QR
		b.Run(fmt.Sprintf("svd/%dx%d", tall.Rows, tall.Cols), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_, _, _, _ = SVD(tall)
			}
		})
		b.Run(fmt.Sprint("qr/n=", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_, _, _ = QR(a)
			}
		})
		b.Run(fmt.Sprint("lu/n=", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_, _, _, _ = LU(a)
			}
		})
		b.Run(fmt.Sprint("cholesky/n=", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_, _ = Cholesky(spd)
			}
		})
		b.Run(fmt.Sprint("pca/n=", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_, _, _, _ = PCA(a, 2)
			}
		})
		b.Run(fmt.Sprint("lstsq/n=", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_, _ = Lstsq(a, rhs, -1)
			}
		})
	}
}
