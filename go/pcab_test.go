package twinmath

import (
	"math/rand"
	"testing"
)

func BenchmarkSVD1000(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	a := randMatrix(rng, 1000, 1000)
	u, s, vt := NewMatrix(1000, 1000), make([]float64, 1000), NewMatrix(1000, 1000)
	for i := 0; i < b.N; i++ {
		_ = SVDTo(u, s, vt, a)
	}
}
