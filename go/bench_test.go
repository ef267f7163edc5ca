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

// BenchmarkLarge times the rows of `make bench` at n = 1000: solve (one
// right-hand side), eigh and svd.
func BenchmarkLarge(b *testing.B) {
	const n = 1000
	rng := rand.New(rand.NewSource(1))
	a := randMatrix(rng, n, n)
	sym := NewMatrix(n, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			sym.Data[i*n+j] = a.Data[i*n+j] + a.Data[j*n+i]
		}
	}
	rhs, dst := randMatrix(rng, n, 1), NewMatrix(n, 1)
	b.Run("solve", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_ = SolveTo(dst, a, rhs)
		}
	})
	b.Run("eigh", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_, _, _ = Eigh(sym)
		}
	})
	b.Run("svd", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_, _, _, _ = SVD(a)
		}
	})
}

func BenchmarkMeanVariance(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	x := randMatrix(rng, 1, 1000000).Data
	b.Run("mean n=1e6", func(b *testing.B) {
		b.SetBytes(8 * 1000000)
		for i := 0; i < b.N; i++ {
			_, _ = Mean(x)
		}
	})
	b.Run("variance n=1e6", func(b *testing.B) {
		b.SetBytes(8 * 1000000)
		for i := 0; i < b.N; i++ {
			_, _ = Variance(x, 0)
		}
	})
}

func BenchmarkCovariance1000x50(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	x, dst := randMatrix(rng, 1000, 50), NewMatrix(50, 50)
	for i := 0; i < b.N; i++ {
		_ = CovarianceTo(dst, x, 1)
	}
}

func BenchmarkRngRandomTo(b *testing.B) {
	r, dst := NewRng(0), make([]float64, 1000000)
	for i := 0; i < b.N; i++ {
		r.RandomTo(dst)
	}
}

func BenchmarkRngNormalTo(b *testing.B) {
	r, dst := NewRng(0), make([]float64, 1000000)
	for i := 0; i < b.N; i++ {
		r.NormalTo(dst)
	}
}

func BenchmarkLogisticRegression(b *testing.B) {
	// 1000×20, 1000 iterations: the row of `make bench`.
	X, y, _ := MakeClassification(1000, 20, 1)
	w, losses := make([]float64, 20), make([]float64, 1000)
	for i := 0; i < b.N; i++ {
		_, _ = LogisticRegressionTo(w, losses, X, y, LogisticOptions{LearningRate: 0.01, MaxIter: 1000})
	}
}

func BenchmarkSoftmaxRows(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	x := randMatrix(rng, 1000, 1000)
	dst := make([]float64, len(x.Data))
	for i := 0; i < b.N; i++ {
		_ = SoftmaxAxisTo(dst, x.Data, []int{1000, 1000}, -1)
	}
}

func BenchmarkForwardPass(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	x, w1, w2 := randMatrix(rng, 1000, 100), randMatrix(rng, 100, 50), randMatrix(rng, 50, 10)
	b1, b2 := randMatrix(rng, 1, 50).Data, randMatrix(rng, 1, 10).Data
	dst := ForwardPassResult{A1: NewMatrix(1000, 50), A2: NewMatrix(1000, 10), Z1: NewMatrix(1000, 50), Z2: NewMatrix(1000, 10)}
	for i := 0; i < b.N; i++ {
		_ = ForwardPassTo(dst, x, w1, b1, w2, b2)
	}
}

// BenchmarkAdamStep times one step on 10⁶ parameters; 1000 steps take 1000
// times as long (every step is the same pass over θ, ∇, m and v).
func BenchmarkAdamStep(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	n := 1000000
	p, g := randMatrix(rng, 1, n).Data, randMatrix(rng, 1, n).Data
	opt, _ := NewAdam(1e-3, 0.9, 0.999, 1e-8)
	b.SetBytes(int64(8 * 5 * n)) // θ and m and v read and written, ∇ read
	for i := 0; i < b.N; i++ {
		_ = opt.Step([][]float64{p}, [][]float64{g})
	}
}

func BenchmarkEigen(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{100, 300} {
		a := randMatrix(rng, n, n)
		s := NewMatrix(n, n) // Eigh refuses a asymmetric: (A + Aᵀ)/2
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				s.Data[i*n+j] = (a.Data[i*n+j] + a.Data[j*n+i]) / 2
			}
		}
		w, v := make([]float64, n), NewMatrix(n, n)
		b.Run(fmt.Sprint("eigh/n=", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := EighTo(w, v, s); err != nil {
					b.Fatal(err)
				}
			}
		})
		wc, vc := make([]complex128, n), NewComplexMatrix(n, n)
		b.Run(fmt.Sprint("eig/n=", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_, _ = EigTo(wc, vc, a)
			}
		})
	}
}

func BenchmarkDecompositions(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{100, 300} {
		a := randMatrix(rng, n, n)
		spd := mulMat(a, tr(a))
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

// BenchmarkKernelSets times the product, dot, axpy and the decompositions
// at n=300 with each kernel set this CPU can run (pure Go, AVX2, AVX-512),
// in CPU time per operation (cpu-ms/op) beside the wall time: on a shared
// machine the CPU time varies less. Run it with -cpu 1.
func BenchmarkKernelSets(b *testing.B) {
	saved := kernelSets[len(kernelSets)-1]
	defer useKernels(saved)
	rng := rand.New(rand.NewSource(1))
	x, y := randMatrix(rng, 1, 1000000).Data, randMatrix(rng, 1, 1000000).Data
	a := randMatrix(rng, 300, 300)
	sym := Matrix{Rows: 300, Cols: 300, Data: make([]float64, 300*300)}
	for i := 0; i < 300; i++ {
		for j := 0; j < 300; j++ {
			sym.Data[i*300+j] = a.Data[i*300+j] + a.Data[j*300+i]
		}
	}
	rhs := randMatrix(rng, 300, 1)
	mats := map[int][3]Matrix{}
	for _, n := range []int{256, 1024} {
		mats[n] = [3]Matrix{randMatrix(rng, n, n), randMatrix(rng, n, n), NewMatrix(n, n)}
	}
	ops := []struct {
		name string
		f    func()
	}{
		{"matmul/n=256", func() { m := mats[256]; _ = MatmulTo(m[2], m[0], m[1]) }},
		{"matmul/n=1024", func() { m := mats[1024]; _ = MatmulTo(m[2], m[0], m[1]) }},
		{"dot/n=1e6", func() { _ = dotKernel(x, y) }},
		{"axpy/n=1e6", func() { axpyKernel(y, 1e-9, x) }},
		{"solve/n=300", func() { _, _ = Solve(a, rhs) }},
		{"det/n=300", func() { _, _ = Det(a) }},
		{"inv/n=300", func() { _, _ = Inv(a) }},
		{"eigh/n=300", func() { _, _, _ = Eigh(sym) }},
		{"svd/n=300", func() { _, _, _, _ = SVD(a) }},
		{"lstsq/n=300", func() { _, _ = Lstsq(a, rhs, -1) }},
		{"pinv/n=300", func() { _, _ = Pinv(a, 1e-15) }},
	}
	for _, s := range kernelSets {
		for _, op := range ops {
			b.Run(s.name+"/"+op.name, func(b *testing.B) {
				useKernels(s)
				defer useKernels(saved)
				c0, ok := cpuSeconds()
				for i := 0; i < b.N; i++ {
					op.f()
				}
				if c1, _ := cpuSeconds(); ok {
					b.ReportMetric((c1-c0)*1e3/float64(b.N), "cpu-ms/op")
				}
			})
		}
	}
}

// BenchmarkWorkspace compares the plain and the workspace forms at n = 300
// (A·X = B with B 300×1, as BenchmarkLU300): the workspace form reuses its
// scratch, so it allocates nothing once it has grown (B/op and allocs/op).
// One thread, so that the goroutines of the parallel paths do not count.
func BenchmarkWorkspace(b *testing.B) {
	defer SetMaxThreads(SetMaxThreads(1))
	rng := rand.New(rand.NewSource(1))
	a, rhs := randMatrix(rng, 300, 300), randMatrix(rng, 300, 1)
	dst, u, vt, s := NewMatrix(300, 1), NewMatrix(300, 300), NewMatrix(300, 300), make([]float64, 300)
	var ws Workspace
	b.Run("SolveTo", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_ = SolveTo(dst, a, rhs)
		}
	})
	b.Run("ws.SolveTo", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_ = ws.SolveTo(dst, a, rhs)
		}
	})
	b.Run("SVDTo", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_ = SVDTo(u, s, vt, a)
		}
	})
	b.Run("ws.SVDTo", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_ = ws.SVDTo(u, s, vt, a)
		}
	})
}
