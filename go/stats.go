package twinmath

import "math"

// Summation. Means and variances of contiguous values (a vector, a row) are
// added pairwise: blocks of up to 128 values in eight interleaved partial
// sums, longer runs split in halves. Reductions down the columns of a
// matrix accumulate row by row, one running sum per column, which is what
// numpy does along axis 0 of a C-ordered array. The parity bounds
// (twinmath.tolerances) are those of recursive summation, which cover any
// order of the additions.

// sumStart starts every sum: −0 + x is x for every x, +0 and −0 included.
var sumStart = math.Copysign(0, -1)

// pairwiseSum returns Σ x[i], added pairwise. From pairwiseShareMin values
// the pieces of the first levels of the recursion are summed on several
// threads (pairwiseShared): the same additions, so the same bits.
func pairwiseSum(x []float64) float64 {
	if len(x) >= pairwiseShareMin && MaxThreads() > 1 {
		return pairwiseShared(len(x), func(lo, hi int) float64 { return pairwiseSumRec(x[lo:hi]) })
	}
	return pairwiseSumRec(x)
}

// pairwiseSumRec is pairwiseSum on the calling thread.
func pairwiseSumRec(x []float64) float64 {
	n := len(x)
	switch {
	case n < 8:
		s := sumStart
		for _, v := range x {
			s += v
		}
		return s
	case n <= 128:
		r0, r1, r2, r3 := x[0], x[1], x[2], x[3]
		r4, r5, r6, r7 := x[4], x[5], x[6], x[7]
		i := 8
		for ; i+8 <= n; i += 8 {
			r0 += x[i]
			r1 += x[i+1]
			r2 += x[i+2]
			r3 += x[i+3]
			r4 += x[i+4]
			r5 += x[i+5]
			r6 += x[i+6]
			r7 += x[i+7]
		}
		s := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
		for ; i < n; i++ {
			s += x[i]
		}
		return s
	}
	m := pairwiseCut(n)
	return pairwiseSumRec(x[:m]) + pairwiseSumRec(x[m:])
}

// pairwiseCut is where the pairwise recursion splits a run of n > 128
// values: near the middle, on a multiple of 8.
func pairwiseCut(n int) int {
	m := n / 2
	return m - m%8
}

// pairwiseSumSq returns Σ (x[i] − c)², added as pairwiseSum adds.
func pairwiseSumSq(x []float64, c float64) float64 {
	if len(x) >= pairwiseShareMin && MaxThreads() > 1 {
		return pairwiseShared(len(x), func(lo, hi int) float64 { return pairwiseSumSqRec(x[lo:hi], c) })
	}
	return pairwiseSumSqRec(x, c)
}

// pairwiseSumSqRec is pairwiseSumSq on the calling thread.
func pairwiseSumSqRec(x []float64, c float64) float64 {
	n := len(x)
	switch {
	case n < 8:
		s := sumStart
		for _, v := range x {
			d := v - c
			s += d * d
		}
		return s
	case n <= 128:
		d0, d1, d2, d3 := x[0]-c, x[1]-c, x[2]-c, x[3]-c
		d4, d5, d6, d7 := x[4]-c, x[5]-c, x[6]-c, x[7]-c
		r0, r1, r2, r3 := d0*d0, d1*d1, d2*d2, d3*d3
		r4, r5, r6, r7 := d4*d4, d5*d5, d6*d6, d7*d7
		i := 8
		for ; i+8 <= n; i += 8 {
			d0, d1, d2, d3 = x[i]-c, x[i+1]-c, x[i+2]-c, x[i+3]-c
			d4, d5, d6, d7 = x[i+4]-c, x[i+5]-c, x[i+6]-c, x[i+7]-c
			r0 += d0 * d0
			r1 += d1 * d1
			r2 += d2 * d2
			r3 += d3 * d3
			r4 += d4 * d4
			r5 += d5 * d5
			r6 += d6 * d6
			r7 += d7 * d7
		}
		s := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
		for ; i < n; i++ {
			d := x[i] - c
			s += d * d
		}
		return s
	}
	m := pairwiseCut(n)
	return pairwiseSumSqRec(x[:m], c) + pairwiseSumSqRec(x[m:], c)
}

// pairwiseShareMin is the number of values from which a pairwise sum is
// shared among threads: 2¹⁷, as the elementwise operations (at 10⁶ values
// the sum is bound by memory bandwidth, which two cores nearly double).
const pairwiseShareMin = 1 << 17

// pairwiseShared returns the pairwise sum of n values whose pieces
// part(lo, hi) sums: the recursion's first levels are cut out (two, four
// or eight pieces, as many as the threads or more), the pieces summed on
// the threads, and their sums added as the recursion adds them.
func pairwiseShared(n int, part func(lo, hi int) float64) float64 {
	depth := 1
	for 1<<depth < MaxThreads() && depth < 3 {
		depth++
	}
	var cuts [9]int
	k := 1
	var cut func(lo, hi, d int)
	cut = func(lo, hi, d int) {
		if d == 0 {
			cuts[k] = hi
			k++
			return
		}
		m := lo + pairwiseCut(hi-lo)
		cut(lo, m, d-1)
		cut(m, hi, d-1)
	}
	cut(0, n, depth)
	var sums [8]float64
	parts := 1 << depth
	forBlocks(parts, min(MaxThreads(), parts), func(i int) { sums[i] = part(cuts[i], cuts[i+1]) })
	var add func(s []float64) float64
	add = func(s []float64) float64 {
		if len(s) == 1 {
			return s[0]
		}
		return add(s[:len(s)/2]) + add(s[len(s)/2:])
	}
	return add(sums[:parts])
}

// Mean returns the arithmetic mean of the values of x.
//
//	mean = (Σᵢ x[i]) / n
//
// The sum is pairwise. NaN and ±Inf propagate as in any sum. It returns
// ErrInvalid if x is empty.
func Mean(x []float64) (float64, error) {
	if len(x) == 0 {
		return 0, invalidErr("mean", "x is empty")
	}
	return pairwiseSum(x) / float64(len(x)), nil
}

// MeanAxis returns the means of a along axis: axis 0 gives one mean per
// column (a.Cols values), axis 1 one per row (a.Rows values); −2 and −1 count
// from the end, as in numpy.
//
// It returns ErrInvalid for another axis, or if a mean would be over no
// values (a has no rows for axis 0, no columns for axis 1, and the result is
// not empty).
func MeanAxis(a Matrix, axis int) ([]float64, error) {
	dst, err := axisDst("mean", a, axis)
	if err != nil {
		return nil, err
	}
	return filledSlice(dst, func(dst []float64) error { return MeanAxisTo(dst, a, axis) })
}

// MeanAxisTo writes the means of a along axis into dst; see MeanAxis. It
// returns ErrShape if dst has the wrong length.
func MeanAxisTo(dst []float64, a Matrix, axis int) error {
	a = a.fresh(spanOf(dst))
	ax, n, err := reduceAxis("mean", dst, a, axis, 0)
	if err != nil {
		return err
	}
	if ax == 1 {
		for i := range dst {
			dst[i] = pairwiseSum(a.Row(i)) / float64(n)
		}
		return nil
	}
	columnSums(dst, a)
	for j := range dst {
		dst[j] /= float64(n)
	}
	return nil
}

// columnSums writes the sum of every column of a into dst, accumulating row
// by row.
func columnSums(dst []float64, a Matrix) {
	for j := range dst {
		dst[j] = sumStart
	}
	for i := 0; i < a.Rows; i++ {
		row := a.Row(i)
		for j, v := range row {
			dst[j] += v
		}
	}
}

// Variance returns the variance of the values of x with ddof delta degrees
// of freedom (0: the population variance, 1: the unbiased sample variance).
//
//	variance = Σᵢ (x[i] − mean)² / (n − ddof)
//
// It is computed by the two-pass algorithm: the mean first, then the sum of
// squared deviations from it, both added pairwise. Its relative error is
// about n·u + (n·u·κ)², κ = ‖x‖₂/√(Σ(x[i] − mean)²) the condition number of
// the data (Chan, Golub & LeVeque 1983). It returns ErrInvalid if x is
// empty, ddof is negative, or ddof ≥ n.
func Variance(x []float64, ddof int) (float64, error) {
	if err := checkDdof("variance", "x", len(x), 1, ddof); err != nil {
		return 0, err
	}
	return twoPassVariance(x, ddof), nil
}

func twoPassVariance(x []float64, ddof int) float64 {
	m := pairwiseSum(x) / float64(len(x))
	return pairwiseSumSq(x, m) / float64(len(x)-ddof)
}

// checkDdof checks a reduction over n values that makes results results:
// empty input, then the range of ddof.
func checkDdof(op, name string, n, results, ddof int) error {
	if n == 0 && results > 0 {
		return invalidErr(op, "%s is empty", name)
	}
	if ddof < 0 {
		return invalidErr(op, "ddof must be non-negative, got %d", ddof)
	}
	if ddof >= n && results > 0 {
		return invalidErr(op, "ddof must be less than the number of values (%d), got %d", n, ddof)
	}
	return nil
}

// VarianceAxis returns the variances of a along axis (see MeanAxis for the
// axes) with ddof delta degrees of freedom, each by the two-pass algorithm.
// It returns ErrInvalid for a bad axis, a negative ddof, or ddof at least
// the number of values along the axis.
func VarianceAxis(a Matrix, ddof, axis int) ([]float64, error) {
	dst, err := axisDst("variance", a, axis)
	if err != nil {
		return nil, err
	}
	return filledSlice(dst, func(dst []float64) error { return VarianceAxisTo(dst, a, ddof, axis) })
}

// VarianceAxisTo writes the variances of a along axis into dst; see
// VarianceAxis.
func VarianceAxisTo(dst []float64, a Matrix, ddof, axis int) error {
	return varianceAxisTo("variance", dst, a, ddof, axis)
}

func varianceAxisTo(op string, dst []float64, a Matrix, ddof, axis int) error {
	a = a.fresh(spanOf(dst))
	ax, _, err := reduceAxis(op, dst, a, axis, ddof)
	if err != nil {
		return err
	}
	if ax == 1 {
		for i := range dst {
			dst[i] = twoPassVariance(a.Row(i), ddof)
		}
		return nil
	}
	columnVariances(dst, a, ddof)
	return nil
}

// columnVariances writes the two-pass variance of every column of a (at
// least one row) into dst, accumulating row by row.
func columnVariances(dst []float64, a Matrix, ddof int) {
	mean := make([]float64, len(dst))
	columnSums(mean, a)
	for j := range mean {
		mean[j] /= float64(a.Rows)
		dst[j] = sumStart
	}
	for i := 0; i < a.Rows; i++ {
		for j, v := range a.Row(i) {
			d := v - mean[j]
			dst[j] += d * d
		}
	}
	for j := range dst {
		dst[j] /= float64(a.Rows - ddof)
	}
}

// Std returns the standard deviation of the values of x with ddof delta
// degrees of freedom, the square root of Variance.
//
//	std = √(Σᵢ (x[i] − mean)² / (n − ddof))
//
// It returns ErrInvalid if x is empty, ddof is negative, or ddof ≥ n.
func Std(x []float64, ddof int) (float64, error) {
	if err := checkDdof("std", "x", len(x), 1, ddof); err != nil {
		return 0, err
	}
	return math.Sqrt(twoPassVariance(x, ddof)), nil
}

// StdAxis returns the standard deviations of a along axis; see
// VarianceAxis.
func StdAxis(a Matrix, ddof, axis int) ([]float64, error) {
	dst, err := axisDst("std", a, axis)
	if err != nil {
		return nil, err
	}
	return filledSlice(dst, func(dst []float64) error { return StdAxisTo(dst, a, ddof, axis) })
}

// StdAxisTo writes the standard deviations of a along axis into dst.
func StdAxisTo(dst []float64, a Matrix, ddof, axis int) error {
	if err := varianceAxisTo("std", dst, a, ddof, axis); err != nil {
		return err
	}
	for i, v := range dst {
		dst[i] = math.Sqrt(v)
	}
	return nil
}

// normAxis returns axis as 0 or 1 for a matrix, or ErrInvalid.
func normAxis(op string, axis int) (int, error) {
	switch axis {
	case 0, -2:
		return 0, nil
	case 1, -1:
		return 1, nil
	}
	return 0, invalidErr(op, "axis %d is out of bounds for an array of dimension 2", axis)
}

// axisDst allocates the result of a reduction of a along axis.
func axisDst(op string, a Matrix, axis int) ([]float64, error) {
	if err := a.check(op, "x"); err != nil {
		return nil, err
	}
	ax, err := normAxis(op, axis)
	if err != nil {
		return nil, err
	}
	if ax == 0 {
		return make([]float64, a.Cols), nil
	}
	return make([]float64, a.Rows), nil
}

// reduceAxis checks a reduction of a along axis into dst and returns the
// axis as 0 or 1 and the number of values per result.
func reduceAxis(op string, dst []float64, a Matrix, axis, ddof int) (ax, n int, err error) {
	if err := a.check(op, "x"); err != nil {
		return 0, 0, err
	}
	if ax, err = normAxis(op, axis); err != nil {
		return 0, 0, err
	}
	results := a.Cols
	n = a.Rows
	if ax == 1 {
		results, n = a.Rows, a.Cols
	}
	if len(dst) != results {
		return 0, 0, shapeErr(op, "dst has length %d, want %d", len(dst), results)
	}
	if n == 0 && results > 0 {
		return 0, 0, invalidErr(op, "x has length 0 along axis %d", ax)
	}
	if err := checkDdof(op, "x", n, results, ddof); err != nil {
		return 0, 0, err
	}
	return ax, n, nil
}

// Covariance returns the d×d covariance matrix of the n×d data x, whose rows
// are samples and columns variables (numpy's cov(x, rowvar=False)).
//
//	C[j][k] = Σᵢ (x[i][j] − m[j])·(x[i][k] − m[k]) / (n − ddof),  m = the column means
//
// The means come first (two-pass), then the products of the centred
// columns. C is exactly symmetric. It returns ErrInvalid if x has no rows
// (and some columns), ddof is negative, or ddof ≥ n.
func Covariance(x Matrix, ddof int) (Matrix, error) {
	return covariance(nil, x, ddof)
}

// covariance is Covariance, stopping with the error of cc when cc is
// cancelled.
func covariance(cc *canceller, x Matrix, ddof int) (Matrix, error) {
	if err := x.check("covariance", "X"); err != nil {
		return Matrix{}, err
	}
	dst, err := newResult("covariance", x.Cols, x.Cols)
	if err != nil {
		return Matrix{}, err
	}
	return filledMatrix(dst, func(dst Matrix) error { return covarianceTo(cc, dst, x, ddof) })
}

// CovarianceTo writes the covariance matrix of x into dst; see Covariance.
// It returns ErrShape if dst is not x.Cols×x.Cols.
func CovarianceTo(dst, x Matrix, ddof int) error {
	return covarianceTo(nil, dst, x, ddof)
}

// covarianceTo is CovarianceTo, stopping with the error of cc when cc is
// cancelled (dst then holds part of the result).
func covarianceTo(cc *canceller, dst, x Matrix, ddof int) error {
	x = x.fresh(spanOf(dst.Data))
	const op = "covariance"
	if err := x.check(op, "X"); err != nil {
		return err
	}
	if err := dst.want(op, "dst", x.Cols, x.Cols); err != nil {
		return err
	}
	n, d := x.Rows, x.Cols
	if n == 0 && d > 0 {
		return invalidErr(op, "X has no rows")
	}
	if ddof < 0 {
		return invalidErr(op, "ddof must be non-negative, got %d", ddof)
	}
	if ddof >= n && d > 0 {
		return invalidErr(op, "ddof must be less than the number of samples (%d), got %d", n, ddof)
	}
	if d == 0 {
		return nil
	}
	mean := make([]float64, d)
	columnSums(mean, x)
	for j := range mean {
		mean[j] /= float64(n)
	}
	// The centred data, one column per row, so that every entry of C is a
	// dot product of two contiguous slices.
	ct := make([]float64, d*n)
	for i := 0; i < n; i++ {
		for j, v := range x.Row(i) {
			ct[j*n+i] = v - mean[j]
		}
	}
	f := float64(n - ddof)
	for j := 0; j < d; j++ {
		cj := ct[j*n : (j+1)*n]
		for k := j; k < d; k++ {
			c := dot(cj, ct[k*n:(k+1)*n]) / f
			dst.Data[j*d+k] = c
			dst.Data[k*d+j] = c
			if err := cc.tick(n); err != nil {
				return err
			}
		}
	}
	return nil
}

// Zscore standardises every column of the n×d data x: it returns the
// column means, the population standard deviations (ddof 0) and
//
//	xn[i][j] = (x[i][j] − mean[j]) / std[j]
//
// A column of zero spread (all its values equal, max − min = 0) has no scale
// to divide by: its mean is that value, its std is 1, and its xn column is
// 0. Only such a column is special: a column whose computed std merely
// rounds to a tiny number is divided by it, as numpy would. It returns
// ErrInvalid if x has no rows (and some columns).
func Zscore(x Matrix) (xn Matrix, mean, std []float64, err error) {
	if err := x.check("zscore", "X"); err != nil {
		return Matrix{}, nil, nil, err
	}
	xn = NewMatrix(x.Rows, x.Cols)
	mean, std = make([]float64, x.Cols), make([]float64, x.Cols)
	if err := ZscoreTo(xn, mean, std, x); err != nil {
		return Matrix{}, nil, nil, err
	}
	return xn, mean, std, nil
}

// ZscoreTo writes the standardised data, the means and the stds of x into
// xn, mean and std (xn may alias x); see Zscore. It returns ErrShape if the
// outputs have the wrong sizes.
func ZscoreTo(xn Matrix, mean, std []float64, x Matrix) error {
	x = x.fresh(spanOf(xn.Data), spanOf(mean), spanOf(std))
	const op = "zscore"
	if err := x.check(op, "X"); err != nil {
		return err
	}
	if err := xn.want(op, "dst", x.Rows, x.Cols); err != nil {
		return err
	}
	if len(mean) != x.Cols || len(std) != x.Cols {
		return shapeErr(op, "mean and std must have length %d, got %d and %d", x.Cols, len(mean), len(std))
	}
	if x.Rows == 0 {
		if x.Cols > 0 {
			return invalidErr(op, "X has no rows")
		}
		return nil
	}
	d := x.Cols
	columnSums(mean, x)
	for j := range mean {
		mean[j] /= float64(x.Rows)
	}
	columnVariances(std, x, 0)
	for j := range std {
		std[j] = math.Sqrt(std[j])
	}
	lo := append([]float64(nil), x.Row(0)...)
	hi := append([]float64(nil), x.Row(0)...)
	for i := 1; i < x.Rows; i++ {
		for j, v := range x.Row(i) {
			// NaN propagates into lo and hi, so that a column holding one
			// never counts as constant.
			if v < lo[j] || v != v {
				lo[j] = v
			}
			if v > hi[j] || v != v {
				hi[j] = v
			}
		}
	}
	for j := 0; j < d; j++ {
		if hi[j]-lo[j] == 0 {
			mean[j] = x.Data[j]
			std[j] = 1
		}
	}
	for i := 0; i < x.Rows; i++ {
		row, out := x.Row(i), xn.Row(i)
		for j, v := range row {
			out[j] = (v - mean[j]) / std[j]
		}
	}
	return nil
}

// Bayes returns P(A|B) by Bayes' theorem.
//
//	P(A|B) = P(B|A)·P(A) / P(B)
//
// The three arguments must be probabilities in [0, 1], pB must be
// positive, and P(B|A)·P(A) = P(A∩B) cannot exceed P(B); a product that
// exceeds it by no more than rounding of the inputs (4ε relative) is
// accepted and the result then capped at 1. It returns ErrInvalid
// otherwise; its messages name pBGivenA, pA and pB by their shared names
// p_b_given_a, p_a and p_b.
func Bayes(pBGivenA, pA, pB float64) (float64, error) {
	const op = "bayes"
	for _, p := range []struct {
		name string
		v    float64
	}{{"p_b_given_a", pBGivenA}, {"p_a", pA}, {"p_b", pB}} {
		if !(p.v >= 0 && p.v <= 1) {
			return 0, invalidErr(op, "%s must be a probability in [0, 1], got %s", p.name, pyFloat(p.v))
		}
	}
	if pB == 0 {
		return 0, invalidErr(op, "p_b must be positive, got %s", pyFloat(pB))
	}
	joint := pBGivenA * pA
	if joint > pB*(1+4*eps52) {
		return 0, invalidErr(op, "p_b_given_a * p_a = %s exceeds p_b = %s", pyFloat(joint), pyFloat(pB))
	}
	return min(joint/pB, 1), nil
}

// eps52 is the spacing of float64 values at 1, 2⁻⁵².
const eps52 = 0x1p-52

// Expectation returns the expected value of a discrete random variable that
// takes values[i] with probability probs[i].
//
//	E[X] = Σᵢ values[i]·p̂[i],  p̂ = probs normalised to sum 1
//
// probs is normalised as the information-theory functions normalise (see
// Entropy), so weights that do not sum to 1 are accepted. It returns
// ErrShape if the lengths differ, and ErrInvalid if probs is empty or not
// a distribution (NaN, Inf, a negative entry, or no positive one).
func Expectation(values, probs []float64) (float64, error) {
	const op = "expectation"
	if len(values) != len(probs) {
		return 0, shapeErr(op, "lengths %d and %d differ", len(values), len(probs))
	}
	p, err := normalisedDist(op, "probs", probs)
	if err != nil {
		return 0, err
	}
	return dot(values, p), nil
}

// sqrt2Pi is √(2π) rounded to float64.
const sqrt2Pi = 2.5066282746310002

// NormalPDF returns the density of the normal distribution N(mu, sigma²) at
// every x[i].
//
//	φ(x) = exp(−z²/2) / (σ·√(2π)),  z = (x − μ)/σ
//
// Special cases are:
//
//	NormalPDF(±Inf) = 0
//	NormalPDF(NaN) = NaN
//
// It returns ErrInvalid unless mu is finite and sigma positive and finite.
func NormalPDF(x []float64, mu, sigma float64) ([]float64, error) {
	return filledSlice(make([]float64, len(x)), func(dst []float64) error { return NormalPDFTo(dst, x, mu, sigma) })
}

// NormalPDFTo writes the normal density at every x[i] into dst, which may
// alias x; see NormalPDF. It returns ErrShape if len(dst) != len(x).
func NormalPDFTo(dst, x []float64, mu, sigma float64) error {
	x = freshElementwise(x, dst)
	if err := normalParams("normal_pdf", dst, x, mu, sigma); err != nil {
		return err
	}
	d := sigma * sqrt2Pi
	for i, v := range x {
		z := (v - mu) / sigma
		dst[i] = math.Exp(-0.5*z*z) / d
	}
	return nil
}

// NormalCDF returns the cumulative distribution function of N(mu, sigma²)
// at every x[i].
//
//	Φ(x) = erfc(−z/√2) / 2,  z = (x − μ)/σ
//
// erfc keeps the lower tail accurate where 1 + erf(z/√2) would cancel.
// Special cases are:
//
//	NormalCDF(−Inf) = 0
//	NormalCDF(+Inf) = 1
//	NormalCDF(NaN) = NaN
//
// It returns ErrInvalid unless mu is finite and sigma positive and finite.
func NormalCDF(x []float64, mu, sigma float64) ([]float64, error) {
	return filledSlice(make([]float64, len(x)), func(dst []float64) error { return NormalCDFTo(dst, x, mu, sigma) })
}

// NormalCDFTo writes the normal CDF at every x[i] into dst, which may alias
// x; see NormalCDF. It returns ErrShape if len(dst) != len(x).
func NormalCDFTo(dst, x []float64, mu, sigma float64) error {
	x = freshElementwise(x, dst)
	if err := normalParams("normal_cdf", dst, x, mu, sigma); err != nil {
		return err
	}
	for i, v := range x {
		z := (v - mu) / sigma
		dst[i] = 0.5 * math.Erfc(-z/math.Sqrt2)
	}
	return nil
}

func normalParams(op string, dst, x []float64, mu, sigma float64) error {
	if len(dst) != len(x) {
		return shapeErr(op, "dst has length %d, x has length %d", len(dst), len(x))
	}
	if math.IsNaN(mu) || math.IsInf(mu, 0) {
		return invalidErr(op, "mu must be finite, got %s", pyFloat(mu))
	}
	if !(sigma > 0) || math.IsInf(sigma, 0) {
		return invalidErr(op, "sigma must be positive and finite, got %s", pyFloat(sigma))
	}
	return nil
}

// ConfidenceInterval returns the normal-approximation confidence interval
// for the mean of the sample x at the given level.
//
//	mean ± z·s/√n,  s = Std(x, 1),  z = Φ⁻¹((1 + level)/2)
//
// The quantile z is computed by normalQuantile. The interval is
// approximate: it ignores the uncertainty of s (a t quantile would be
// wider for small n). NaN and Inf in x propagate. It returns ErrInvalid
// if x has fewer than two values or level is not in (0, 1).
func ConfidenceInterval(x []float64, level float64) (low, high float64, err error) {
	const op = "confidence_interval"
	if len(x) < 2 {
		return 0, 0, invalidErr(op, "x needs at least 2 values, got %d", len(x))
	}
	if !(level > 0 && level < 1) {
		return 0, 0, invalidErr(op, "level must be in (0, 1), got %s", pyFloat(level))
	}
	m := pairwiseSum(x) / float64(len(x))
	s := math.Sqrt(pairwiseSumSq(x, m) / float64(len(x)-1))
	z := normalQuantile((1 - level) / 2)
	half := z * s / math.Sqrt(float64(len(x)))
	return m - half, m + half, nil
}

// Coefficients of Acklam's rational approximation to the normal quantile
// (relative error below 1.15e−9): a, b for the central region, c, d for
// the tails.
var (
	acklamA = [6]float64{-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00}
	acklamB = [5]float64{-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01}
	acklamC = [6]float64{-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00}
	acklamD = [4]float64{7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00}
)

// acklamPoly returns c[0]·tⁿ⁻¹ + … + c[n−1]. The explicit conversions stop the
// compiler from fusing a multiply and an add (the Go spec allows it), so
// every platform rounds as Python does.
func acklamPoly(c []float64, t float64) float64 {
	r := c[0]
	for _, k := range c[1:] {
		r = float64(r*t) + k
	}
	return r
}

// normalQuantile returns z ≥ 0 with Q(z) = q, Q(z) = erfc(z/√2)/2 the upper
// tail of the standard normal distribution, for q in (0, 1/2]. Acklam's
// approximation gives z to about 1e−9; one Halley step on Q − q, evaluated
// with erfc, brings it to the accuracy of erfc itself. The Python
// reference (twinmath.ref.stats._normal_quantile) performs the same
// operations in the same order.
func normalQuantile(q float64) float64 {
	var z float64
	if q < 0.02425 {
		r := math.Sqrt(-2 * math.Log(q))
		z = -acklamPoly(acklamC[:], r) / (float64(acklamPoly(acklamD[:], r)*r) + 1)
	} else {
		t := 0.5 - q
		r := t * t
		z = float64(t*acklamPoly(acklamA[:], r)) / (float64(acklamPoly(acklamB[:], r)*r) + 1)
	}
	e := float64(0.5*math.Erfc(z/math.Sqrt2)) - q
	w := e * sqrt2Pi * math.Exp(0.5*z*z)
	return z + w/(1-float64(0.5*z*w))
}
