package twinmath

import (
	"math"
	"math/bits"
)

// Rng is a reproducible stream of random numbers: the xoshiro256** generator
// of Blackman and Vigna, its 256-bit state filled by SplitMix64 from a 64-bit
// seed. The Python class twinmath.Rng implements the same stream, so the same
// seed gives the same uniforms, integers and permutations bit for bit in both
// languages, and the same normals up to the rounding of the logarithm.
//
// Seeding: SplitMix64 starts from x = seed and outputs, four times,
//
//	x += 0x9E3779B97F4A7C15
//	z = (x ^ (x >> 30)) · 0xBF58476D1CE4E5B9
//	z = (z ^ (z >> 27)) · 0x94D049BB133111EB
//	s[i] = z ^ (z >> 31)
//
// (arithmetic modulo 2⁶⁴); four consecutive outputs are never all zero.
//
// Each 64-bit output of xoshiro256** is
//
//	out = rotl(s[1]·5, 7)·9
//	t = s[1] << 17
//	s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
//	s[2] ^= t; s[3] = rotl(s[3], 45)
//
// and everything else is built on these outputs, one at a time, as described
// at each method. An Rng is not safe for concurrent use.
type Rng struct {
	s     [4]uint64
	spare float64 // the second normal of the last polar pair
	ready bool    // spare is waiting to be used
}

// NewRng returns the stream of the given seed. Every seed, 0 and 2⁶⁴ − 1
// included, gives a distinct valid state.
func NewRng(seed uint64) *Rng {
	r := &Rng{}
	x := seed
	for i := range r.s {
		x += 0x9E3779B97F4A7C15
		z := x
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		r.s[i] = z ^ (z >> 31)
	}
	return r
}

// Uint64 returns the next 64-bit output of xoshiro256**.
func (r *Rng) Uint64() uint64 {
	s := &r.s
	out := bits.RotateLeft64(s[1]*5, 7) * 9
	t := s[1] << 17
	s[2] ^= s[0]
	s[3] ^= s[1]
	s[1] ^= s[2]
	s[0] ^= s[3]
	s[2] ^= t
	s[3] = bits.RotateLeft64(s[3], 45)
	return out
}

// Float64 returns a uniform number in [0, 1) from the top 53 bits of one
// output:
//
//	(out >> 11) · 2⁻⁵³
//
// Both steps are exact, so the value is a multiple of 2⁻⁵³.
func (r *Rng) Float64() float64 {
	return float64(r.Uint64()>>11) * 0x1p-53
}

// NormFloat64 returns a standard normal number by Marsaglia's polar method.
// It draws pairs of uniforms U₁, U₂ (Float64) until
//
//	u = 2U₁ − 1,  v = 2U₂ − 1,  s = u·u + v·v  satisfies 0 < s < 1,
//
// then returns u·f and keeps v·f for the next call, f = √(−2·ln(s) / s). The
// test on s uses only exact or correctly rounded operations, so the uniforms
// consumed are the same in every implementation; only ln may round
// differently.
func (r *Rng) NormFloat64() float64 {
	if r.ready {
		r.ready = false
		return r.spare
	}
	for {
		u := 2*r.Float64() - 1
		v := 2*r.Float64() - 1
		// The conversions forbid fusing into an FMA, which would change
		// which pairs are accepted.
		s := float64(u*u) + float64(v*v)
		if s > 0 && s < 1 {
			f := math.Sqrt(-2 * math.Log(s) / s)
			r.spare, r.ready = v*f, true
			return u * f
		}
	}
}

// below returns a uniform integer in [0, n), n ≥ 1, by Lemire's
// multiply-and-reject method (ACM TOMACS 29(1), 2019): the high word of
// out·n, retried while the low word is below 2⁶⁴ mod n, which removes the
// bias of a plain multiply or modulo. It takes one output, or more on a
// retry (probability below n/2⁶⁴).
func (r *Rng) below(n uint64) uint64 {
	hi, lo := bits.Mul64(r.Uint64(), n)
	if lo < n {
		t := -n % n
		for lo < t {
			hi, lo = bits.Mul64(r.Uint64(), n)
		}
	}
	return hi
}

// Random returns n uniform numbers in [0, 1), each drawn by Float64. It
// returns ErrInvalid if n < 0 or n > MaxLen.
func (r *Rng) Random(n int) ([]float64, error) {
	if err := checkDraws("Rng.random", n); err != nil {
		return nil, err
	}
	dst := make([]float64, n)
	r.RandomTo(dst)
	return dst, nil
}

// RandomTo fills dst with uniform numbers in [0, 1), in order.
func (r *Rng) RandomTo(dst []float64) {
	for i := range dst {
		dst[i] = r.Float64()
	}
}

// Normal returns n standard normal numbers, each drawn by NormFloat64 (a
// normal left over from an earlier call comes first). It returns ErrInvalid
// if n < 0 or n > MaxLen.
func (r *Rng) Normal(n int) ([]float64, error) {
	if err := checkDraws("Rng.normal", n); err != nil {
		return nil, err
	}
	dst := make([]float64, n)
	r.NormalTo(dst)
	return dst, nil
}

// NormalTo fills dst with standard normal numbers, in order.
func (r *Rng) NormalTo(dst []float64) {
	for i := range dst {
		dst[i] = r.NormFloat64()
	}
}

// Integers returns n uniform integers in [low, high), as numpy's
// Generator.integers. With r = high − low (modulo 2⁶⁴, so that every int64
// interval works) each value is, by Lemire's method,
//
//	low + ⌊out·r / 2⁶⁴⌋,  out redrawn while out·r mod 2⁶⁴ < 2⁶⁴ mod r
//
// which is exactly uniform (no modulo bias). It returns ErrInvalid if
// high <= low, n < 0 or n > MaxLen.
func (r *Rng) Integers(low, high int64, n int) ([]int64, error) {
	if err := checkDraws("Rng.integers", n); err != nil {
		return nil, err
	}
	dst := make([]int64, n)
	if err := r.IntegersTo(dst, low, high); err != nil {
		return nil, err
	}
	return dst, nil
}

// IntegersTo fills dst with uniform integers in [low, high), in order. It
// returns ErrInvalid, drawing nothing, if high <= low.
func (r *Rng) IntegersTo(dst []int64, low, high int64) error {
	if high <= low {
		return invalidErr("Rng.integers", "high must be greater than low, got low=%d, high=%d", low, high)
	}
	span := uint64(high) - uint64(low)
	for i := range dst {
		dst[i] = int64(uint64(low) + r.below(span))
	}
	return nil
}

// Permutation returns a random permutation of 0, 1, …, n−1 by the
// Fisher–Yates shuffle of the identity, from the end:
//
//	for i = n−1 down to 1: swap p[i] and p[j], j uniform in [0, i]
//
// each j drawn as Integers draws. That is n − 1 draws (none for n ≤ 1). It
// returns ErrInvalid if n < 0 or n > MaxLen.
func (r *Rng) Permutation(n int) ([]int, error) {
	if n < 0 {
		return nil, invalidErr("Rng.permutation", "n must be non-negative, got %d", n)
	}
	if err := checkCount("Rng.permutation", "n", n); err != nil {
		return nil, err
	}
	p := make([]int, n)
	r.PermutationTo(p)
	return p, nil
}

// PermutationTo fills dst with a random permutation of 0, 1, …, len(dst)−1,
// as Permutation does.
func (r *Rng) PermutationTo(dst []int) {
	for i := range dst {
		dst[i] = i
	}
	for i := len(dst) - 1; i > 0; i-- {
		j := r.below(uint64(i) + 1)
		dst[i], dst[j] = dst[j], dst[i]
	}
}

// checkDraws refuses a negative number of draws, in numpy's words, and one
// beyond MaxLen.
func checkDraws(op string, n int) error {
	if n < 0 {
		return invalidErr(op, "negative dimensions are not allowed")
	}
	return checkCount(op, "size", n)
}
