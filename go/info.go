package twinmath

import "math"

// Every function here first normalises its distributions: p is divided by
// its largest entry (so that nothing overflows) and then by the correctly
// rounded sum of the result (fsum, as Python's math.fsum). Both steps are
// correctly rounded, so the Python reference holds the same normalised
// distribution to the bit; the two implementations then differ only in
// their logarithms and in the order of the final sum.

// fsum returns the correctly rounded sum of the finite values x (whose
// partial sums must not overflow; here they are at most len(x)), computed
// exactly with Shewchuk's non-overlapping partial sums and rounded once,
// half to even, at the end: the result of Python's math.fsum.
func fsum(x []float64) float64 {
	var buf [32]float64
	partials := buf[:0]
	for _, v := range x {
		i := 0
		for _, y := range partials {
			if math.Abs(v) < math.Abs(y) {
				v, y = y, v
			}
			hi := v + y
			lo := y - (hi - v)
			if lo != 0 {
				partials[i] = lo
				i++
			}
			v = hi
		}
		partials = append(partials[:i], v)
	}
	n := len(partials)
	if n == 0 {
		return 0
	}
	n--
	hi := partials[n]
	var lo float64
	for n > 0 {
		n--
		v, y := hi, partials[n]
		hi = v + y
		lo = y - (hi - v)
		if lo != 0 {
			break
		}
	}
	// hi + lo is exact; if lo is half an ulp of hi and the next partial
	// lies on the same side, the exact sum is past the halfway point.
	if n > 0 && (lo < 0 && partials[n-1] < 0 || lo > 0 && partials[n-1] > 0) {
		y := lo * 2
		v := hi + y
		if v-hi == y {
			hi = v
		}
	}
	return hi
}

// normalised returns p divided by its sum, after checking that it is a
// distribution: not empty, finite, no negative entry, some positive one.
func normalisedDist(op, name string, p []float64) ([]float64, error) {
	if len(p) == 0 {
		return nil, invalidErr(op, "%s is empty", name)
	}
	if err := checkFinite(op, name, p); err != nil {
		return nil, err
	}
	m := 0.0
	for _, v := range p {
		if v < 0 {
			return nil, invalidErr(op, "%s has a negative entry %s", name, pyFloat(v))
		}
		m = max(m, v)
	}
	if m == 0 {
		return nil, invalidErr(op, "%s sums to zero", name)
	}
	out := make([]float64, len(p))
	for i, v := range p {
		out[i] = v / m
	}
	s := fsum(out)
	for i := range out {
		out[i] /= s
	}
	return out, nil
}

// safeLog returns ln x. math.Log on amd64 is wrong for subnormal x (it returns
// about −709 for 5e−324, whose logarithm is −744.4; Go issue 56600), so a
// subnormal x is scaled by 2⁵² first, exactly: ln x = ln(x·2⁵²) − 52·ln 2.
// That adds at most about 0.6 ulp to math.Log's error.
func safeLog(x float64) float64 {
	if x > 0 && x < 0x1p-1022 {
		return math.Log(x*0x1p52) - 52*math.Ln2
	}
	return math.Log(x)
}

// logBase returns ln(base), or ErrInvalid for a base that no logarithm has.
func logBase(op string, base float64) (float64, error) {
	if !(base > 0) || math.IsInf(base, 1) || base == 1 {
		return 0, invalidErr(op, "base must be positive, finite and not 1, got %s", pyFloat(base))
	}
	return safeLog(base), nil
}

// Entropy returns the Shannon entropy of the distribution p in units of
// log base (base 2: bits).
//
//	H(p) = −Σᵢ p̂ᵢ·log p̂ᵢ,  p̂ = p / Σp,  0·log 0 = 0
//
// It is computed as −Σ p̂ᵢ·ln p̂ᵢ / ln base. It returns ErrInvalid if p is
// not a distribution (empty, NaN or Inf, a negative entry, no positive
// one) or base is not positive, finite and other than 1.
func Entropy(p []float64, base float64) (float64, error) {
	const op = "entropy"
	pn, err := normalisedDist(op, "p", p)
	if err != nil {
		return 0, err
	}
	lb, err := logBase(op, base)
	if err != nil {
		return 0, err
	}
	// Adding +0 turns the −0 of a certain outcome into 0.
	return -crossSum(pn, pn)/lb + 0, nil
}

// crossSum returns Σᵢ pᵢ·ln qᵢ over the terms with pᵢ > 0, summed in order.
func crossSum(p, q []float64) float64 {
	s := sumStart
	for i, v := range p {
		if v > 0 {
			s += v * safeLog(q[i])
		}
	}
	return s
}

// CrossEntropy returns the cross-entropy of q relative to p, in units of
// log base.
//
//	H(p, q) = −Σᵢ p̂ᵢ·log q̂ᵢ,  terms with p̂ᵢ = 0 count 0
//
// It is +Inf if some p̂ᵢ > 0 has q̂ᵢ = 0. It returns ErrShape if the lengths
// differ and ErrInvalid as Entropy does.
func CrossEntropy(p, q []float64, base float64) (float64, error) {
	const op = "cross_entropy"
	pn, qn, lb, err := twoDistributions(op, p, q, base)
	if err != nil {
		return 0, err
	}
	return -crossSum(pn, qn)/lb + 0, nil
}

// KLDivergence returns the Kullback–Leibler divergence of q from p, in
// units of log base.
//
//	D(p‖q) = Σᵢ p̂ᵢ·log(p̂ᵢ/q̂ᵢ),  terms with p̂ᵢ = 0 count 0
//
// It is +Inf if some p̂ᵢ > 0 has q̂ᵢ = 0, as scipy.stats.entropy(p, q)
// returns: p puts mass where q says it is impossible. Where p̂ᵢ/q̂ᵢ would
// overflow (a subnormal q̂ᵢ) the term is p̂ᵢ·(log p̂ᵢ − log q̂ᵢ). It returns ErrShape
// if the lengths differ and ErrInvalid as Entropy does.
func KLDivergence(p, q []float64, base float64) (float64, error) {
	const op = "kl_divergence"
	pn, qn, lb, err := twoDistributions(op, p, q, base)
	if err != nil {
		return 0, err
	}
	s := sumStart
	for i, v := range pn {
		if v > 0 {
			l := safeLog(v / qn[i])
			if math.IsInf(l, 1) && qn[i] > 0 {
				// p̂ᵢ/q̂ᵢ overflows for a subnormal q̂ᵢ; the log does not.
				l = safeLog(v) - safeLog(qn[i])
			}
			s += v * l
		}
	}
	return s/lb + 0, nil
}

func twoDistributions(op string, p, q []float64, base float64) (pn, qn []float64, lb float64, err error) {
	if len(p) != len(q) {
		return nil, nil, 0, shapeErr(op, "lengths %d and %d differ", len(p), len(q))
	}
	if pn, err = normalisedDist(op, "p", p); err != nil {
		return nil, nil, 0, err
	}
	if qn, err = normalisedDist(op, "q", q); err != nil {
		return nil, nil, 0, err
	}
	lb, err = logBase(op, base)
	return pn, qn, lb, err
}

// MutualInformation returns the mutual information of X and Y from their
// joint probability table, joint[i][j] = P(X = i, Y = j), in units of log
// base.
//
//	I(X; Y) = Σᵢⱼ P̂ᵢⱼ·log(P̂ᵢⱼ / (P̂ᵢ·P̂ⱼ)),  P̂ = joint / Σ joint
//
// P̂ᵢ and P̂ⱼ are the row and column sums (the marginals), each correctly
// rounded; the ratio is formed as (P̂ᵢⱼ/P̂ᵢ)/P̂ⱼ, which cannot underflow.
// It returns ErrInvalid as Entropy does.
func MutualInformation(joint Matrix, base float64) (float64, error) {
	const op = "mutual_information"
	if err := joint.check(op, "joint"); err != nil {
		return 0, err
	}
	pn, err := normalisedDist(op, "joint", joint.Data)
	if err != nil {
		return 0, err
	}
	lb, err := logBase(op, base)
	if err != nil {
		return 0, err
	}
	r, c := joint.Rows, joint.Cols
	px, py := make([]float64, r), make([]float64, c)
	col := make([]float64, r)
	for i := range px {
		px[i] = fsum(pn[i*c : (i+1)*c])
	}
	for j := range py {
		for i := range col {
			col[i] = pn[i*c+j]
		}
		py[j] = fsum(col)
	}
	s := sumStart
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			v := pn[i*c+j]
			if v > 0 {
				t := v / px[i]
				ratio := t / py[j]
				l := safeLog(ratio)
				if math.IsInf(ratio, 1) {
					// Only when a marginal is subnormal: the ratio
					// overflows, its logarithm does not.
					l = safeLog(t) - safeLog(py[j])
				}
				s += v * l
			}
		}
	}
	return s/lb + 0, nil
}
