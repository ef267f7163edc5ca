package twinmath

import (
	"fmt"
	"math/rand"
	"testing"
)

// BenchmarkEigCPU times EigTo on one thread at the sizes of issue 10's eig
// rows and at n = 1000, in CPU time per operation (cpu-ms/op) beside the
// wall time: on a shared machine the CPU time varies less. The matrices are
// standard normal, as the rows of `make bench`; compare with numpy's eig on
// one OpenBLAS thread.
func BenchmarkEigCPU(b *testing.B) {
	defer SetMaxThreads(SetMaxThreads(1))
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{150, 300, 1000} {
		a := randMatrix(rng, n, n)
		w, v := make([]complex128, n), NewComplexMatrix(n, n)
		b.Run(fmt.Sprint("eig/n=", n), func(b *testing.B) {
			c0, ok := cpuSeconds()
			for i := 0; i < b.N; i++ {
				if _, err := EigTo(w, v, a); err != nil {
					b.Fatal(err)
				}
			}
			if c1, _ := cpuSeconds(); ok {
				b.ReportMetric((c1-c0)*1e3/float64(b.N), "cpu-ms/op")
			}
		})
	}
}
