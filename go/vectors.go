package twinmath

import (
	"math"
	"slices"
)

// Add returns the elementwise sum a + b in a new slice.
//
//	dst[i] = a[i] + b[i]
//
// It returns ErrShape if len(a) != len(b).
func Add(a, b []float64) ([]float64, error) {
	return filledSlice(make([]float64, len(a)), func(dst []float64) error { return AddTo(dst, a, b) })
}

// AddTo writes the elementwise sum a + b into dst, which may alias a or b.
// It returns ErrShape if the three lengths differ.
func AddTo(dst, a, b []float64) error {
	a, b = freshElementwise(a, dst), freshElementwise(b, dst)
	if err := sameLengths("add", dst, a, b); err != nil {
		return err
	}
	if len(a) < 2*elementBlock {
		addRange(dst, a, b)
		return nil
	}
	forRanges(len(a), elementBlock, func(lo, hi int) { addRange(dst[lo:hi], a[lo:hi], b[lo:hi]) })
	return nil
}

// addRange is AddTo's loop: dst[i] = a[i] + b[i] for i < len(a).
func addRange(dst, a, b []float64) {
	addKernel(dst[:len(a)], a, b[:len(a)])
}

// elementBlock is the length of the blocks that AddTo, SubtractTo and
// ScaleTo share among threads from two blocks on (each entry is computed
// alone, so the bits do not depend on the sharing). At 10⁶ entries the
// loops are bound by memory bandwidth, which two cores nearly double.
const elementBlock = 1 << 16

// Subtract returns the elementwise difference a − b in a new slice.
//
//	dst[i] = a[i] - b[i]
//
// It returns ErrShape if len(a) != len(b).
func Subtract(a, b []float64) ([]float64, error) {
	return filledSlice(make([]float64, len(a)), func(dst []float64) error { return SubtractTo(dst, a, b) })
}

// SubtractTo writes the elementwise difference a − b into dst, which may
// alias a or b. It returns ErrShape if the three lengths differ.
func SubtractTo(dst, a, b []float64) error {
	a, b = freshElementwise(a, dst), freshElementwise(b, dst)
	if err := sameLengths("subtract", dst, a, b); err != nil {
		return err
	}
	if len(a) < 2*elementBlock {
		subtractRange(dst, a, b)
		return nil
	}
	forRanges(len(a), elementBlock, func(lo, hi int) { subtractRange(dst[lo:hi], a[lo:hi], b[lo:hi]) })
	return nil
}

// subtractRange is SubtractTo's loop: dst[i] = a[i] − b[i] for i < len(a).
func subtractRange(dst, a, b []float64) {
	subKernel(dst[:len(a)], a, b[:len(a)])
}

// Scale returns c·v in a new slice.
//
//	dst[i] = c * v[i]
func Scale(v []float64, c float64) []float64 {
	dst := make([]float64, len(v))
	_ = ScaleTo(dst, v, c)
	return dst
}

// ScaleTo writes c·v into dst, which may alias v. It returns ErrShape if
// len(dst) != len(v).
func ScaleTo(dst, v []float64, c float64) error {
	v = freshElementwise(v, dst)
	if len(dst) != len(v) {
		return shapeErr("scale", "dst has length %d, v has length %d", len(dst), len(v))
	}
	if len(v) < 2*elementBlock {
		scaleRange(dst, v, c)
		return nil
	}
	forRanges(len(v), elementBlock, func(lo, hi int) { scaleRange(dst[lo:hi], v[lo:hi], c) })
	return nil
}

// scaleRange is ScaleTo's loop: dst[i] = c·v[i] for i < len(v).
func scaleRange(dst, v []float64, c float64) {
	scaleKernel(dst[:len(v)], v, c)
}

// Dot returns the dot product of a and b.
//
//	a·b = Σᵢ a[i]·b[i]
//
// The sum runs in several interleaved partial sums (four in Go, sixteen with
// fused multiply-adds where the CPU has AVX2 and FMA), so it may differ from
// a left-to-right sum by rounding, within n·ε·Σ|a[i]·b[i]|.
// It returns ErrShape if len(a) != len(b).
func Dot(a, b []float64) (float64, error) {
	if len(a) != len(b) {
		return 0, shapeErr("dot", "lengths %d and %d differ", len(a), len(b))
	}
	return dotBlocks(a, b), nil
}

// dotBlock is the length of the blocks of a long dot product: Dot sums each
// block with the kernel and then the blocks' sums in order, so the bits do
// not depend on how many goroutines share the blocks. Below two blocks the
// whole product is one block (the kernel alone), as it always was.
const dotBlock = 1 << 14

// dotBlocks is Dot's product: the kernel's below 2·dotBlock, else the sum,
// in block order, of the blocks' kernel sums, the blocks spread over up to
// MaxThreads goroutines (a product of 10⁶ is memory-bound, and two cores
// stream it in about half the time).
func dotBlocks(a, b []float64) float64 {
	n := len(a)
	if n < 2*dotBlock {
		return dot(a, b)
	}
	nb := (n + dotBlock - 1) / dotBlock
	var buf [64]float64
	part := buf[:0]
	if nb <= len(buf) {
		part = buf[:nb]
	} else {
		part = make([]float64, nb)
	}
	forBlocks(nb, min(MaxThreads(), nb), func(k int) {
		lo, hi := k*dotBlock, min((k+1)*dotBlock, n)
		part[k] = dot(a[lo:hi], b[lo:hi])
	})
	s := part[0]
	for _, p := range part[1:] {
		s += p
	}
	return s
}

// dot is the unchecked dot product; len(b) must be at least len(a).
func dot(a, b []float64) float64 {
	return dotKernel(a, b[:len(a)])
}

// Norm returns the ord-norm of the vector v.
//
//	ord 1:   Σᵢ |v[i]|
//	ord 2:   √(Σᵢ v[i]²)   (scaled, so that it neither overflows nor underflows)
//	ord +Inf: maxᵢ |v[i]|
//
// The norm of an empty vector is 0. Special cases are:
//
//	Norm(v) = NaN   if some v[i] is NaN
//	Norm(v) = +Inf  if some v[i] is ±Inf and none is NaN
//
// It returns ErrInvalid if ord is not 1, 2 or +Inf.
func Norm(v []float64, ord float64) (float64, error) {
	switch ord {
	case 1:
		return sumAbs(v), nil
	case 2:
		return norm2(v), nil
	case math.Inf(1):
		return maxAbs(v), nil
	}
	return 0, invalidErr("norm", "ord must be 1, 2 or inf for a vector, got %s", pyFloat(ord))
}

// MatrixNorm returns the ord-norm of the matrix a.
//
//	ord 1:    maxⱼ Σᵢ |a[i][j]|   (largest absolute column sum)
//	ord 2:    s₀, the largest singular value (the spectral norm)
//	ord +Inf: maxᵢ Σⱼ |a[i][j]|   (largest absolute row sum)
//
// and, as numpy.linalg.norm has them, ord −1, −2 and −Inf give the smallest
// absolute column sum, the smallest singular value and the smallest
// absolute row sum (not norms, but used by Cond).
//
// The norm of an empty matrix is 0; NaN and Inf propagate as in Norm
// (ord −2 of a matrix holding an infinity, and no NaN, is NaN: its smallest
// singular value is not defined). The singular values come from SVD; it
// returns ErrNoConvergence if they do not converge. It returns ErrInvalid
// for any other ord. See also FrobeniusNorm and NuclearNorm.
func MatrixNorm(a Matrix, ord float64) (float64, error) {
	return matrixNorm(nil, a, ord)
}

// matrixNorm is MatrixNorm, stopping with the error of cc when cc is
// cancelled (only the SVD of ord ±2 is long).
func matrixNorm(cc *canceller, a Matrix, ord float64) (float64, error) {
	if err := a.check("norm", "A"); err != nil {
		return 0, err
	}
	switch ord {
	case 1, -1:
		sums := make([]float64, a.Cols)
		for i := 0; i < a.Rows; i++ {
			for j, x := range a.Row(i) {
				sums[j] += math.Abs(x)
			}
		}
		return pick(sums, ord > 0), nil
	case math.Inf(1), math.Inf(-1):
		sums := make([]float64, a.Rows)
		for i := range sums {
			sums[i] = sumAbs(a.Row(i))
		}
		return pick(sums, ord > 0), nil
	case 2, -2:
		if len(a.Data) == 0 {
			return 0, nil
		}
		if m := maxAbs(a.Data); m != m || math.IsInf(m, 1) {
			if ord < 0 {
				return math.NaN(), nil
			}
			return m, nil
		}
		_, s, _, err := svd(cc, "norm", a, false)
		if err != nil {
			return 0, err
		}
		if ord < 0 {
			return s[len(s)-1], nil
		}
		return s[0], nil
	}
	return 0, invalidErr("norm", "ord must be 'fro', 'nuc', 1, -1, 2, -2, inf or -inf for a matrix, got %s", pyFloat(ord))
}

// FrobeniusNorm returns the Frobenius norm of a, the Euclidean norm of its
// entries, scaled against overflow and underflow as Norm is.
//
//	‖A‖_F = √(Σᵢⱼ a[i][j]²)
func FrobeniusNorm(a Matrix) (float64, error) {
	return frobeniusNorm(nil, a)
}

// frobeniusNorm is FrobeniusNorm with the signature of the norms that
// condByInverse takes; its O(m·n) work needs no canceller.
func frobeniusNorm(_ *canceller, a Matrix) (float64, error) {
	if err := a.check("norm", "A"); err != nil {
		return 0, err
	}
	return norm2(a.Data), nil
}

// pick returns the largest (largest set) or the smallest of the
// non-negative sums, 0 for none, NaN if one is NaN.
func pick(sums []float64, largest bool) float64 {
	if largest || len(sums) == 0 {
		return maxAbs(sums)
	}
	m := math.Inf(1)
	for _, x := range sums {
		if x < m {
			m = x
		} else if x != x {
			return x
		}
	}
	return m
}

func sumAbs(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += math.Abs(x)
	}
	return s
}

// maxAbs returns max |v[i]| (0 for an empty slice), or NaN if any v[i] is NaN.
func maxAbs(v []float64) float64 {
	m := maxAbsBits(v)
	if m > infBits {
		return math.NaN()
	}
	return math.Float64frombits(m)
}

// infBits is the bit pattern of +Inf; NaNs' patterns, sign cleared, lie
// above it.
const infBits = 0x7ff0000000000000

// maxAbsBits returns the largest bit pattern of |v[i]| (0 for an empty v).
// With the sign bit cleared, the patterns of floats order as their values, and
// every NaN's lies above +Inf's, so one pass of integer maxima, four at a time
// without branches, gives max|v[i]| and whether v holds NaN or Inf: several
// times faster than comparing floats with a test for NaN at each step.
// From 2·maxAbsBlock entries the blocks of maxAbsBlock are shared among
// threads (a scan of a large matrix is memory-bound, and two cores stream
// it in about half the time); the maximum is the same in any order.
func maxAbsBits(v []float64) uint64 {
	if len(v) < 2*maxAbsBlock || MaxThreads() == 1 {
		return maxAbsBitsSerial(v)
	}
	nb := (len(v) + maxAbsBlock - 1) / maxAbsBlock
	var buf [64]uint64
	part := buf[:0]
	if nb <= len(buf) {
		part = buf[:nb]
	} else {
		part = make([]uint64, nb)
	}
	forRanges(len(v), maxAbsBlock, func(lo, hi int) { part[lo/maxAbsBlock] = maxAbsBitsSerial(v[lo:hi]) })
	return slices.Max(part)
}

// maxAbsBlock is the length of the blocks that maxAbsBits shares among
// threads.
const maxAbsBlock = 1 << 17

// maxAbsBitsSerial is maxAbsBits on the calling goroutine, through
// maxAbsKernel.
func maxAbsBitsSerial(v []float64) uint64 {
	return maxAbsKernel(v)
}

// norm2 returns the Euclidean norm of v. The plain sum of squares is used
// when it is safely inside the normal range; otherwise every entry is scaled
// by max|v[i]| first, as LAPACK's dnrm2 does, so that huge or tiny entries do
// not overflow or underflow.
func norm2(v []float64) float64 {
	var s0, s1 float64
	n := len(v)
	i := 0
	for ; i+2 <= n; i += 2 {
		s0 += v[i] * v[i]
		s1 += v[i+1] * v[i+1]
	}
	if i < n {
		s0 += v[i] * v[i]
	}
	s := s0 + s1
	// Below 2⁻⁹⁰⁰ some squares may have lost bits to underflow; at +Inf the
	// sum may have overflowed. NaN (from a NaN entry) falls through to the
	// scaled path, which returns it.
	if s >= 0x1p-900 && s < math.Inf(1) {
		return math.Sqrt(s)
	}
	m := maxAbs(v)
	if m == 0 || math.IsInf(m, 1) || m != m {
		return m
	}
	s = 0
	for _, x := range v {
		y := x / m
		s += y * y
	}
	return m * math.Sqrt(s)
}

// CosineSimilarity returns the cosine of the angle between a and b.
//
//	cos θ = a·b / (‖a‖₂·‖b‖₂)
//
// Both vectors are first scaled by their largest magnitude, so the result is
// accurate for any finite input, and it is clamped to [−1, 1]. Special cases
// are:
//
//	CosineSimilarity(a, b) = 0    if a or b is the zero (or an empty) vector
//	CosineSimilarity(a, b) = NaN  if a or b holds a NaN or an Inf
//
// It returns ErrShape if len(a) != len(b).
func CosineSimilarity(a, b []float64) (float64, error) {
	if len(a) != len(b) {
		return 0, shapeErr("cosine_similarity", "lengths %d and %d differ", len(a), len(b))
	}
	ma, mb := maxAbs(a), maxAbs(b)
	if ma == 0 || mb == 0 {
		return 0, nil
	}
	var ab, aa, bb float64
	b = b[:len(a)]
	for i, x := range a {
		x /= ma
		y := b[i] / mb
		ab += x * y
		aa += x * x
		bb += y * y
	}
	c := ab / (math.Sqrt(aa) * math.Sqrt(bb))
	// Rounding can push |c| a few ulps past 1.
	if c > 1 {
		c = 1
	} else if c < -1 {
		c = -1
	}
	return c, nil
}

// Outer returns the outer product of a and b, a len(a)×len(b) matrix.
//
//	dst[i][j] = a[i]·b[j]
//
// It returns ErrInvalid if the result would hold more than MaxLen values.
func Outer(a, b []float64) (Matrix, error) {
	dst, err := newResult("outer", len(a), len(b))
	if err != nil {
		return Matrix{}, err
	}
	return filledMatrix(dst, func(dst Matrix) error { return OuterTo(dst, a, b) })
}

// OuterTo writes the outer product of a and b into dst. It returns ErrShape
// if dst is not len(a)×len(b).
func OuterTo(dst Matrix, a, b []float64) error {
	a, b = fresh(a, spanOf(dst.Data)), fresh(b, spanOf(dst.Data))
	if err := dst.want("outer", "dst", len(a), len(b)); err != nil {
		return err
	}
	for i, x := range a {
		row := dst.Data[i*len(b) : (i+1)*len(b)]
		for j, y := range b {
			row[j] = x * y
		}
	}
	return nil
}

// Project returns the orthogonal projection of a onto the line spanned by
// onto.
//
//	proj(a, u) = (a·u / u·u) u
//
// onto is scaled by its largest magnitude first, so u·u does not overflow
// or underflow. The projection onto the zero vector is the zero vector.
// It returns ErrShape if len(a) != len(onto).
func Project(a, onto []float64) ([]float64, error) {
	return filledSlice(make([]float64, len(a)), func(dst []float64) error { return ProjectTo(dst, a, onto) })
}

// ProjectTo writes the projection of a onto onto into dst, which may alias
// a or onto. It returns ErrShape if the three lengths differ.
func ProjectTo(dst, a, onto []float64) error {
	a, onto = freshElementwise(a, dst), freshElementwise(onto, dst)
	if err := sameLengths("project", dst, a, onto); err != nil {
		return err
	}
	m := maxAbs(onto)
	if m == 0 {
		clear(dst)
		return nil
	}
	var au, uu float64
	onto = onto[:len(a)]
	for i, x := range a {
		u := onto[i] / m
		au += x * u
		uu += u * u
	}
	c := au / uu
	for i, x := range onto {
		dst[i] = c * (x / m)
	}
	return nil
}

// sameLengths checks that a and b have equal lengths and that dst matches.
func sameLengths(op string, dst, a, b []float64) error {
	if len(a) != len(b) {
		return shapeErr(op, "lengths %d and %d differ", len(a), len(b))
	}
	if len(dst) != len(a) {
		return shapeErr(op, "dst has length %d, want %d", len(dst), len(a))
	}
	return nil
}
