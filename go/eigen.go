package twinmath

import (
	"math"
	"sort"
)

// Eigenvalues and eigenvectors.
//
// Eigh: the symmetric matrix (its lower triangle) is reduced to tridiagonal
// form T = QᵀAQ by Householder reflections, and T is diagonalised by the
// implicit QL algorithm with Wilkinson shifts, the plane rotations being
// accumulated into Q. Eig: the matrix is balanced (permuted and scaled by
// powers of two, as LAPACK's dgebal), reduced to upper Hessenberg form by
// Householder reflections, and brought to real Schur form T = ZᵀAZ by the
// Francis double-shift QR algorithm (as LAPACK's dlahqr); the eigenvectors of
// the quasi-triangular T are found by back substitution (as LAPACK's dtrevc)
// and transformed back with Z and the balancing.
//
// Both keep the Schur or eigenvector basis transposed, one vector per row, so
// that every rotation and reflection touches contiguous memory.

const (
	eigULP    = 0x1p-52   // ε, the spacing of floats at 1 (LAPACK's dlamch('P'))
	eigSafmin = 0x1p-1022 // the smallest normal float (LAPACK's dlamch('S'))
	// eigTie is the relative tolerance under which two magnitudes (or two
	// real parts) count as tied in the canonical forms: √ε, far above the
	// rounding differences of two implementations and far below the spread
	// of distinct values. See docs/conventions.md, "Eigenvalues".
	eigTie = 0x1p-26
)

// eigIterFactor bounds the iterations: 30 per eigenvalue, as LAPACK allows.
// The tests lower it to provoke ErrNoConvergence.
var eigIterFactor = 30

// ComplexMatrix is a dense row-major complex matrix: entry (i, j) is
// Data[i*Cols+j]. Its layout is that of a C-contiguous complex128 numpy array
// (real and imaginary parts interleaved), so the C library fills numpy's
// buffer without copying.
type ComplexMatrix struct {
	Rows, Cols int
	Data       []complex128
}

// NewComplexMatrix returns a rows×cols matrix of zeros.
func NewComplexMatrix(rows, cols int) ComplexMatrix {
	return ComplexMatrix{Rows: rows, Cols: cols, Data: make([]complex128, rows*cols)}
}

// At returns entry (i, j).
func (m ComplexMatrix) At(i, j int) complex128 { return m.Data[i*m.Cols+j] }

// Eigh returns the eigenvalues and eigenvectors of the symmetric matrix a,
// reading only its lower triangle (as numpy's eigh does by default).
//
//	A·V = V·diag(w),  VᵀV = I
//
// The eigenvalues w are real and ascending; column j of V is the unit
// eigenvector of w[j], with its largest-magnitude component positive (the
// first such component when several are equal to within a relative √ε).
// Special cases are:
//
//	Eigh(0ₙ) = (0, …, 0), Iₙ
//	Eigh([[a]]) = [a], [[1]]
//
// It returns ErrShape if a is not square, ErrInvalid if a is empty or holds
// NaN or Inf (anywhere, the upper triangle included), and ErrNoConvergence if
// the QL iteration does not converge in 30·n steps.
func Eigh(a Matrix) (w []float64, v Matrix, err error) {
	if err := a.square("eigh", "A", true); err != nil {
		return nil, Matrix{}, err
	}
	w, v = make([]float64, a.Rows), NewMatrix(a.Rows, a.Rows)
	if err := EighTo(w, v, a); err != nil {
		return nil, Matrix{}, err
	}
	return w, v, nil
}

// EighTo writes the eigenvalues of the symmetric matrix a into w (length n)
// and its eigenvectors into the columns of v (n×n); see Eigh. It returns
// ErrShape if w or v has the wrong size.
func EighTo(w []float64, v Matrix, a Matrix) error {
	if err := a.square("eigh", "A", true); err != nil {
		return err
	}
	n := a.Rows
	if len(w) != n {
		return shapeErr("eigh", "w has length %d, want %d", len(w), n)
	}
	if err := v.want("eigh", "V", n, n); err != nil {
		return err
	}
	// The symmetric matrix the lower triangle defines, both halves stored so
	// that every row is contiguous.
	s := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j <= i; j++ {
			s[i*n+j], s[j*n+i] = a.Data[i*n+j], a.Data[i*n+j]
		}
	}
	e := scaleToUnit(s)
	d, off := make([]float64, n), make([]float64, n)
	zt := make([]float64, n*n)
	tridiagonalize(s, n, d, off, zt)
	if err := implicitQL(d, off, zt, n); err != nil {
		return opError("eigh", ErrNoConvergence, "eigenvalues did not converge")
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return d[order[x]] < d[order[y]] })
	for j, k := range order {
		w[j] = math.Ldexp(d[k], e) + 0 // + 0 turns −0 into +0
		z := zt[k*n : (k+1)*n]
		if z[pivotIndex(z)] < 0 {
			for i := range z {
				z[i] = -z[i]
			}
		}
		for i, x := range z {
			v.Data[i*n+j] = x + 0
		}
	}
	return nil
}

// scaleToUnit multiplies data by the power of two 2⁻ᵉ that brings its largest
// magnitude into [1/2, 1) when that magnitude lies outside [2⁻⁴⁶⁰, 2⁴⁶⁰]
// (about 1e-138 to 1e138, as LAPACK's dgeev and dsyev scale), and returns e
// (0 when no scaling is needed). The scaling is exact, and keeps every later
// square and product in range.
func scaleToUnit(data []float64) int {
	m := maxAbs(data)
	if m == 0 || (m >= 0x1p-460 && m <= 0x1p460) {
		return 0
	}
	_, e := math.Frexp(m)
	for i, x := range data {
		data[i] = math.Ldexp(x, -e)
	}
	return e
}

// pivotIndex returns the index of the first component of x whose magnitude
// is within a relative eigTie of the largest: the component the canonical
// sign rule makes positive.
func pivotIndex(x []float64) int {
	lim := maxAbs(x) * (1 - eigTie)
	for i, v := range x {
		if math.Abs(v) >= lim {
			return i
		}
	}
	return 0
}

// eigReflector computes a Householder reflection H = I − τ·v·vᵀ with
// H·x = β·e₁ and v[0] = 1, as LAPACK's dlarfg: x[1:] is overwritten with
// v[1:] and x[0] with 1. τ = 0 (H = I) when x[1:] is zero.
func eigReflector(x []float64) (beta, tau float64) {
	alpha := x[0]
	xnorm := norm2(x[1:])
	if xnorm == 0 {
		x[0] = 1
		return alpha, 0
	}
	beta = -math.Copysign(math.Hypot(alpha, xnorm), alpha)
	if math.Abs(beta) < eigSafmin {
		// Subnormal entries carry too few bits for τ and v to make an
		// orthogonal H: compute them from x scaled by a power of two
		// (exact; H does not change with the scale), as dlarfg does.
		_, e := math.Frexp(max(math.Abs(alpha), xnorm))
		for i := range x {
			x[i] = math.Ldexp(x[i], -e)
		}
		b, t := eigReflector(x)
		return math.Ldexp(b, e), t
	}
	x[0] = 1
	tau = (beta - alpha) / beta
	// Dividing (rather than multiplying by the reciprocal) cannot overflow:
	// |x[i]| ≤ ‖x[1:]‖ ≤ |α − β|.
	d := alpha - beta
	for i := 1; i < len(x); i++ {
		x[i] /= d
	}
	return beta, tau
}

// tridiagonalize reduces the symmetric n×n matrix s (both halves stored) to
// tridiagonal form T = QᵀSQ with the reflections H₀⋯Hₙ₋₃ = Q: diagonal d,
// off-diagonal off[0:n-1] (off[i] couples i and i+1, off[n-1] = 0). It
// writes Qᵀ into zt and destroys s.
func tridiagonalize(s []float64, n int, d, off, zt []float64) {
	tau := make([]float64, n)
	p := make([]float64, n)
	for k := 0; k+2 < n; k++ {
		// Column k below the diagonal is row k right of it.
		v := s[k*n+k+1 : (k+1)*n]
		beta, t := eigReflector(v)
		d[k], off[k], tau[k] = s[k*n+k], beta, t
		if t == 0 {
			continue
		}
		// B ← H·B·H for the trailing block B, as the symmetric rank-2 update
		// B − v·qᵀ − q·vᵀ with p = τ·B·v and q = p − (τ/2)(pᵀv)·v.
		m := n - k - 1
		q := p[:m]
		for i := range q {
			q[i] = t * dot(s[(k+1+i)*n+k+1:(k+2+i)*n], v)
		}
		alpha := -0.5 * t * dot(q, v)
		axpy(q, alpha, v)
		for i := 0; i < m; i++ {
			axpy2(s[(k+1+i)*n+k+1:(k+2+i)*n], -v[i], q, -q[i], v)
		}
	}
	switch {
	case n >= 2:
		d[n-2], d[n-1] = s[(n-2)*n+n-2], s[n*n-1]
		off[n-2] = s[(n-1)*n+n-2]
	case n == 1:
		d[0] = s[0]
	}
	off[n-1] = 0
	// Qᵀ = Hₙ₋₃⋯H₀, accumulated as I·Hₙ₋₃⋯H₀: Hₖ changes columns k+1.. of
	// rows k+1.. only, each row by a dot product and an axpy.
	clear(zt)
	for i := 0; i < n; i++ {
		zt[i*n+i] = 1
	}
	for k := n - 3; k >= 0; k-- {
		t := tau[k]
		if t == 0 {
			continue
		}
		v := s[k*n+k+1 : (k+1)*n]
		for r := k + 1; r < n; r++ {
			z := zt[r*n+k+1 : (r+1)*n]
			axpy(z, -t*dot(z, v), v)
		}
	}
}

// implicitQL diagonalises the symmetric tridiagonal matrix (d, off) by the
// implicit QL algorithm with Wilkinson shifts, applying every rotation to
// the rows of zt, which then hold the eigenvectors of the eigenvalues left in
// d (unsorted). It fails after eigIterFactor·n iterations in all.
func implicitQL(d, off, zt []float64, n int) error {
	budget := eigIterFactor * n
	for l := 0; l < n; l++ {
		for {
			// The first negligible off-diagonal entry at or below l splits
			// off the block l..m. The test is LAPACK's (dsteqr):
			// e² ≤ ε²·|d[m]·d[m+1]| + safmin, relative to the neighbouring
			// diagonal, and absolute below √safmin = 2⁻⁵¹¹, where the
			// products of the sweep would underflow and stall it. As a
			// matrix with entries below 2⁻⁴⁶⁰ is scaled up first, that
			// floor is below 2ε·‖T‖: negligible normwise.
			m := l
			for ; m < n-1; m++ {
				e := math.Abs(off[m])
				if e*e <= (eigULP*eigULP*math.Abs(d[m]))*math.Abs(d[m+1])+eigSafmin {
					break
				}
			}
			if m == l {
				break // d[l] is an eigenvalue
			}
			if m == l+1 {
				// A 2×2 block: solve it directly, as dsteqr does.
				rt1, rt2, c, s := symmetric2x2(d[l], off[l], d[l+1])
				zi, zj := zt[l*n:(l+1)*n], zt[(l+1)*n:(l+2)*n]
				for k, x := range zi {
					y := zj[k]
					zi[k] = c*x + s*y
					zj[k] = c*y - s*x
				}
				d[l], d[l+1], off[l] = rt1, rt2, 0
				continue
			}
			if budget == 0 {
				return ErrNoConvergence
			}
			budget--
			// Wilkinson's shift: the eigenvalue of the leading 2×2 block
			// nearer d[l].
			g := (d[l+1] - d[l]) / (2 * off[l])
			r := math.Hypot(g, 1)
			g = d[m] - d[l] + off[l]/(g+math.Copysign(r, g))
			// Chase the bulge from the bottom of the block to its top with
			// plane rotations in planes (i, i+1).
			s, c, p := 1.0, 1.0, 0.0
			i := m - 1
			for ; i >= l; i-- {
				f, b := s*off[i], c*off[i]
				r = math.Hypot(f, g)
				off[i+1] = r
				if r == 0 {
					// Underflow: the block splits at i+1; undo the shift and
					// start again.
					d[i+1] -= p
					off[m] = 0
					break
				}
				s, c = f/r, g/r
				g = d[i+1] - p
				r = (d[i]-g)*s + 2*c*b
				p = s * r
				d[i+1] = g + p
				g = c*r - b
				zi, zj := zt[i*n:(i+1)*n], zt[(i+1)*n:(i+2)*n]
				for k, x := range zi {
					y := zj[k]
					zj[k] = s*x + c*y
					zi[k] = c*x - s*y
				}
			}
			if r == 0 && i >= l {
				continue
			}
			d[l] -= p
			off[l] = g
			off[m] = 0
		}
	}
	return nil
}

// symmetric2x2 returns the eigenvalues of [[a, b], [b, c]], rt1 of larger
// magnitude first, and the unit eigenvector (cs, sn) of rt1, as LAPACK's
// dlaev2: rt2 comes from the determinant, not from a difference, so it
// keeps its relative accuracy.
func symmetric2x2(a, b, c float64) (rt1, rt2, cs, sn float64) {
	sm, df := a+c, a-c
	adf, tb := math.Abs(df), b+b
	ab := math.Abs(tb)
	acmx, acmn := a, c
	if math.Abs(a) <= math.Abs(c) {
		acmx, acmn = c, a
	}
	var rt float64
	switch {
	case adf > ab:
		rt = adf * math.Sqrt(1+(ab/adf)*(ab/adf))
	case adf < ab:
		rt = ab * math.Sqrt(1+(adf/ab)*(adf/ab))
	default:
		rt = ab * math.Sqrt2
	}
	sgn1 := 1.0
	switch {
	case sm < 0:
		rt1, sgn1 = 0.5*(sm-rt), -1
		rt2 = (acmx/rt1)*acmn - (b/rt1)*b
	case sm > 0:
		rt1 = 0.5 * (sm + rt)
		rt2 = (acmx/rt1)*acmn - (b/rt1)*b
	default:
		rt1, rt2 = 0.5*rt, -0.5*rt
	}
	csv, sgn2 := df+rt, 1.0
	if df < 0 {
		csv, sgn2 = df-rt, -1
	}
	if math.Abs(csv) > ab {
		ct := -tb / csv
		sn = 1 / math.Sqrt(1+ct*ct)
		cs = ct * sn
	} else if ab == 0 {
		cs, sn = 1, 0
	} else {
		tn := -csv / tb
		cs = 1 / math.Sqrt(1+tn*tn)
		sn = tn * cs
	}
	if sgn1 == sgn2 {
		cs, sn = -sn, cs
	}
	return rt1, rt2, cs, sn
}

// Eig returns the eigenvalues and right eigenvectors of the square matrix a.
//
//	A·V = V·diag(w)
//
// The eigenvalues of a real matrix are real or come in complex conjugate
// pairs. They are sorted by real part, then by imaginary part (real parts
// equal to within √ε·max|w| count as equal); column j of V is the unit
// eigenvector of w[j], scaled so that its largest-magnitude component (the
// first within a relative √ε of the largest) is real and positive. A real
// eigenvalue has an imaginary part of exactly zero and a real eigenvector;
// the eigenvectors of a conjugate pair are conjugate. For a defective matrix
// (a repeated eigenvalue with too few eigenvectors) the columns of V are
// nearly parallel and V is nearly singular. Special cases are:
//
//	Eig(0ₙ) = (0, …, 0), Iₙ
//	Eig(diag(d)) = sorted d, the matching columns of Iₙ
//
// It returns ErrShape if a is not square, ErrInvalid if a is empty or holds
// NaN or Inf, and ErrNoConvergence if the QR iteration does not converge in
// 30·max(10, n) steps for some eigenvalue.
func Eig(a Matrix) (w []complex128, v ComplexMatrix, err error) {
	if err := a.square("eig", "A", true); err != nil {
		return nil, ComplexMatrix{}, err
	}
	w, v = make([]complex128, a.Rows), NewComplexMatrix(a.Rows, a.Rows)
	if _, err := EigTo(w, v, a); err != nil {
		return nil, ComplexMatrix{}, err
	}
	return w, v, nil
}

// EigTo writes the eigenvalues of a into w (length n) and its eigenvectors
// into the columns of v (n×n); see Eig. It reports whether every eigenvalue
// is real (has an imaginary part of exactly zero), in which case v is real
// too. It returns ErrShape if w or v has the wrong size.
func EigTo(w []complex128, v ComplexMatrix, a Matrix) (allReal bool, err error) {
	if err := a.square("eig", "A", true); err != nil {
		return false, err
	}
	n := a.Rows
	if len(w) != n {
		return false, shapeErr("eig", "w has length %d, want %d", len(w), n)
	}
	if v.Rows != n || v.Cols != n || len(v.Data) != n*n {
		return false, shapeErr("eig", "V is %dx%d with %d values, want %dx%d", v.Rows, v.Cols, len(v.Data), n, n)
	}
	as := a.Clone()
	e := scaleToUnit(as.Data)
	wr, wi, vr, scaled, err := schurEig(as, true)
	if err == nil && scaled && !backwardStable(as, wr, wi, vr) {
		// Balancing can ruin the eigenvectors of a badly scaled matrix
		// (James, Langou & Lowery, 2014): their residual in A is then far
		// above rounding level. Solve again without the scaling, which is
		// backward stable in A itself.
		wr, wi, vr, _, err = schurEig(as, false)
	}
	if err != nil {
		return false, opError("eig", ErrNoConvergence, "eigenvalues did not converge")
	}

	// The eigenvalues scaled back. A conjugate pair of a matrix scaled up
	// from subnormal entries may lose its imaginary part to underflow: it is
	// then a double real eigenvalue, and the two columns holding the real
	// and imaginary parts of its eigenvector span its invariant subspace.
	wro, wio := make([]float64, n), make([]float64, n)
	allReal = true
	for j := range wr {
		wro[j], wio[j] = math.Ldexp(wr[j], e)+0, math.Ldexp(wi[j], e)+0
		allReal = allReal && wio[j] == 0
	}
	// Gather the eigenvectors one per row of vt (a conjugate pair from the
	// two columns holding its real and imaginary parts), in canonical form.
	vt := make([]complex128, n*n)
	for j := 0; j < n; j++ {
		col := vt[j*n : (j+1)*n]
		switch {
		case wio[j] == 0:
			for i := range col {
				col[i] = complex(vr.Data[i*n+j], 0)
			}
		case wi[j] > 0:
			for i := range col {
				col[i] = complex(vr.Data[i*n+j], vr.Data[i*n+j+1])
			}
		default:
			for i := range col {
				col[i] = complex(vr.Data[i*n+j-1], -vr.Data[i*n+j])
			}
		}
		canonicalPhase(col)
	}
	for j, k := range eigOrder(wro, wio) {
		w[j] = complex(wro[k], wio[k])
		for i, c := range vt[k*n : (k+1)*n] {
			v.Data[i*n+j] = c
		}
	}
	return allReal, nil
}

// schurEig computes the eigenvalues wr + i·wi of the n×n matrix a and its
// eigenvectors vr in LAPACK's layout (see schurEigenvectors), after
// balancing a by permutations and, when scale is set, by a diagonal scaling;
// scaled reports whether that scaling changed anything.
func schurEig(a Matrix, scale bool) (wr, wi []float64, vr Matrix, scaled bool, err error) {
	n := a.Rows
	h := a.Clone().Data
	ilo, ihi, bal := balance(h, n, scale)
	for i := ilo; i <= ihi; i++ {
		scaled = scaled || bal[i] != 1
	}
	zt := hessenberg(h, n, ilo, ihi)
	wr, wi = make([]float64, n), make([]float64, n)
	if err := francisQR(h, zt, n, ilo, ihi, wr, wi); err != nil {
		return nil, nil, Matrix{}, false, err
	}
	// The eigenvectors of T, transformed back: Z·X, then the balancing undone.
	x := schurEigenvectors(h, n, wr, wi)
	z := NewMatrix(n, n)
	_ = TransposeTo(z, Matrix{Rows: n, Cols: n, Data: zt})
	vr = NewMatrix(n, n)
	matmul(vr, z, Matrix{Rows: n, Cols: n, Data: x})
	unbalance(vr.Data, n, ilo, ihi, bal)
	return wr, wi, vr, scaled, nil
}

// backwardStable reports whether every eigenpair (λ, v) in LAPACK's layout
// has a residual ‖A·v − λ·v‖ ≤ 30·√n·ε·‖A‖_F·‖v‖: below LAPACK's test
// threshold 30·n·ε·‖A‖₂ (as ‖A‖_F ≤ √n·‖A‖₂), and far above the rounding
// of the residual itself (about n·u·‖A‖_F·‖v‖) for n ≤ 3600.
func backwardStable(a Matrix, wr, wi []float64, vr Matrix) bool {
	n := a.Rows
	av := NewMatrix(n, n)
	matmul(av, a, vr)
	tol := 30 * math.Sqrt(float64(n)) * eigULP * norm2(a.Data)
	r, v := make([]float64, 2*n), make([]float64, 2*n)
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			x, ax := vr.Data[i*n+j], av.Data[i*n+j]
			switch {
			case wi[j] == 0:
				r[2*i], r[2*i+1] = ax-wr[j]*x, 0
				v[2*i], v[2*i+1] = x, 0
			case wi[j] > 0:
				// Columns j, j+1 hold x + i·y for λ = a + i·b:
				// A(x + iy) − λ(x + iy) = (Ax − ax + by) + i(Ay − bx − ay).
				y, ay := vr.Data[i*n+j+1], av.Data[i*n+j+1]
				r[2*i] = ax - wr[j]*x + wi[j]*y
				r[2*i+1] = ay - wi[j]*x - wr[j]*y
				v[2*i], v[2*i+1] = x, y
			default:
				continue // the conjugate of the pair before: the same residual
			}
		}
		if wi[j] >= 0 && norm2(r) > tol*norm2(v) {
			return false
		}
	}
	return true
}

// canonicalPhase scales x to unit norm and multiplies it by the unit complex
// number that makes its pivot (the first component whose magnitude is within
// a relative eigTie of the largest) real and positive. Zeros come out as +0.
func canonicalPhase(x []complex128) {
	mags := make([]float64, 2*len(x))
	for i, c := range x {
		mags[2*i], mags[2*i+1] = real(c), imag(c)
	}
	nrm := norm2(mags)
	if nrm == 0 {
		return
	}
	big := 0.0
	for i, c := range x {
		x[i] = complex(real(c)/nrm, imag(c)/nrm)
		big = max(big, cmplxAbs(x[i]))
	}
	p, lim := 0, big*(1-eigTie)
	for i, c := range x {
		if cmplxAbs(c) >= lim {
			p = i
			break
		}
	}
	r := cmplxAbs(x[p])
	u := complex(real(x[p])/r, -imag(x[p])/r) // conj(x[p]) / |x[p]|
	for i, c := range x {
		if imag(u) == 0 {
			// A real factor (±1): scale the parts apart, so that a real
			// vector stays exactly real.
			x[i] = complex(real(c)*real(u)+0, imag(c)*real(u)+0)
		} else {
			y := c * u
			x[i] = complex(real(y)+0, imag(y)+0)
		}
	}
	x[p] = complex(r, 0)
}

// cmplxAbs returns |c| without overflow or underflow.
func cmplxAbs(c complex128) float64 { return math.Hypot(real(c), imag(c)) }

// eigOrder returns the canonical order of the eigenvalues wr + i·wi: by real
// part, where real parts within eigTie·max|λ| of their neighbour form one
// group, ordered by imaginary part and then real part.
func eigOrder(wr, wi []float64) []int {
	n := len(wr)
	order := make([]int, n)
	big := 0.0
	for i := range order {
		order[i] = i
		big = max(big, math.Hypot(wr[i], wi[i]))
	}
	sort.SliceStable(order, func(x, y int) bool { return wr[order[x]] < wr[order[y]] })
	tol := eigTie * big
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && wr[order[hi]]-wr[order[hi-1]] <= tol {
			hi++
		}
		g := order[lo:hi]
		sort.SliceStable(g, func(x, y int) bool {
			p, q := g[x], g[y]
			if wi[p] != wi[q] {
				return wi[p] < wi[q]
			}
			return wr[p] < wr[q]
		})
		lo = hi
	}
	return order
}

// balance permutes and scales the n×n matrix h in place, as LAPACK's dgebal
// with job 'B' (job 'P' when scale is false): rows and columns that isolate
// an eigenvalue are moved to the bottom and to the top, leaving
// h[ilo:ihi+1, ilo:ihi+1] to the QR algorithm; that block is then scaled by
// a diagonal similarity of powers of two (exact) until its rows and columns
// have comparable 2-norms. bal[i] is the index swapped with i for i outside
// ilo..ihi and the scale factor inside.
func balance(h []float64, n int, scale bool) (ilo, ihi int, bal []float64) {
	bal = make([]float64, n)
	ilo, ihi = 0, n-1
	// Rows whose off-diagonal entries in the active columns are all zero.
	for found := true; found && ihi > ilo; {
		found = false
		for j := ihi; j >= ilo; j-- {
			if zeroOffDiagonal(h, n, j, ilo, ihi, true) {
				bal[ihi] = float64(j)
				swapRowCol(h, n, j, ihi)
				ihi--
				found = true
				break
			}
		}
	}
	// Columns whose off-diagonal entries in the active rows are all zero.
	for found := true; found && ihi > ilo; {
		found = false
		for j := ilo; j <= ihi; j++ {
			if zeroOffDiagonal(h, n, j, ilo, ihi, false) {
				bal[ilo] = float64(j)
				swapRowCol(h, n, j, ilo)
				ilo++
				found = true
				break
			}
		}
	}
	for i := ilo; i <= ihi; i++ {
		bal[i] = 1
	}
	if ihi <= ilo || !scale {
		return ilo, ihi, bal
	}
	// Scale row i by 1/f and column i by f (f a power of 2) while that
	// lowers ‖row‖₂ + ‖column‖₂ by 5% or more, keeping clear of overflow
	// and underflow.
	const radix = 2.0
	sfmin1 := eigSafmin / eigULP
	sfmax1 := 1 / sfmin1
	sfmin2 := sfmin1 * radix
	sfmax2 := 1 / sfmin2
	col := make([]float64, ihi-ilo+1)
	for noconv := true; noconv; {
		noconv = false
		for i := ilo; i <= ihi; i++ {
			for r := ilo; r <= ihi; r++ {
				col[r-ilo] = h[r*n+i]
			}
			c := norm2(col)
			r := norm2(h[i*n+ilo : i*n+ihi+1])
			ca := 0.0
			for k := 0; k <= ihi; k++ {
				ca = max(ca, math.Abs(h[k*n+i]))
			}
			ra := maxAbs(h[i*n+ilo : (i+1)*n])
			if c == 0 || r == 0 {
				continue
			}
			g, f, s := r/radix, 1.0, c+r
			for c < g && max(f, c, ca) < sfmax2 && min(r, g, ra) > sfmin2 {
				f, c, ca, r, g, ra = f*radix, c*radix, ca*radix, r/radix, g/radix, ra/radix
			}
			g = c / radix
			for g >= r && max(r, ra) < sfmax2 && min(f, c, g, ca) > sfmin2 {
				f, c, g, ca, r, ra = f/radix, c/radix, g/radix, ca/radix, r*radix, ra*radix
			}
			if c+r >= 0.95*s {
				continue
			}
			if f < 1 && bal[i] < 1 && f*bal[i] <= sfmin1 {
				continue
			}
			if f > 1 && bal[i] > 1 && bal[i] >= sfmax1/f {
				continue
			}
			bal[i] *= f
			noconv = true
			for k := ilo; k < n; k++ {
				h[i*n+k] /= f
			}
			for k := 0; k <= ihi; k++ {
				h[k*n+i] *= f
			}
		}
	}
	return ilo, ihi, bal
}

// zeroOffDiagonal reports whether row j (or column j) of h has only zeros
// in columns (rows) lo..hi other than j.
func zeroOffDiagonal(h []float64, n, j, lo, hi int, row bool) bool {
	for k := lo; k <= hi; k++ {
		x := h[k*n+j]
		if row {
			x = h[j*n+k]
		}
		if k != j && x != 0 {
			return false
		}
	}
	return true
}

// swapRowCol applies the symmetric permutation that exchanges indices i and
// j: rows i and j, then columns i and j.
func swapRowCol(h []float64, n, i, j int) {
	if i == j {
		return
	}
	ri, rj := h[i*n:(i+1)*n], h[j*n:(j+1)*n]
	for k := range ri {
		ri[k], rj[k] = rj[k], ri[k]
	}
	for k := 0; k < n; k++ {
		h[k*n+i], h[k*n+j] = h[k*n+j], h[k*n+i]
	}
}

// unbalance turns the eigenvectors of the balanced matrix (the columns of
// the n×n row-major v) into those of the original one, as LAPACK's dgebak:
// rows ilo..ihi are scaled back, then the exchanges are undone in reverse.
func unbalance(v []float64, n, ilo, ihi int, bal []float64) {
	for i := ilo; i <= ihi && ihi > ilo; i++ {
		if s := bal[i]; s != 1 {
			for k := i * n; k < (i+1)*n; k++ {
				v[k] *= s
			}
		}
	}
	swap := func(i int) {
		if j := int(bal[i]); j != i {
			ri, rj := v[i*n:(i+1)*n], v[j*n:(j+1)*n]
			for k := range ri {
				ri[k], rj[k] = rj[k], ri[k]
			}
		}
	}
	for i := ilo - 1; i >= 0; i-- {
		swap(i)
	}
	for i := ihi + 1; i < n; i++ {
		swap(i)
	}
}

// hessenberg reduces rows and columns ilo..ihi of the n×n matrix h to upper
// Hessenberg form H = QᵀAQ by Householder reflections (as LAPACK's dgehd2),
// zeroing the entries below the subdiagonal, and returns Qᵀ (identity
// outside ilo..ihi).
func hessenberg(h []float64, n, ilo, ihi int) []float64 {
	vs := make([][]float64, n)
	taus := make([]float64, n)
	wrk := make([]float64, n)
	for k := ilo; k+1 < ihi; k++ {
		m := ihi - k // rows k+1..ihi
		v := make([]float64, m)
		for i := range v {
			v[i] = h[(k+1+i)*n+k]
		}
		beta, t := eigReflector(v)
		h[(k+1)*n+k] = beta
		for i := 1; i < m; i++ {
			h[(k+1+i)*n+k] = 0
		}
		vs[k], taus[k] = v, t
		if t == 0 {
			continue
		}
		// From the left on rows k+1..ihi, columns k+1..n-1:
		// B ← B − τ·v·(vᵀB), vᵀB gathered row by row.
		u := wrk[:n-k-1]
		clear(u)
		for i := 0; i < m; i++ {
			axpy(u, v[i], h[(k+1+i)*n+k+1:(k+2+i)*n])
		}
		for i := 0; i < m; i++ {
			axpy(h[(k+1+i)*n+k+1:(k+2+i)*n], -t*v[i], u)
		}
		// From the right on rows 0..ihi, columns k+1..ihi.
		for r := 0; r <= ihi; r++ {
			row := h[r*n+k+1 : r*n+ihi+1]
			axpy(row, -t*dot(row, v), v)
		}
	}
	// Qᵀ = H_{ihi-2}⋯H_ilo, accumulated as I·H_{ihi-2}⋯H_ilo.
	zt := make([]float64, n*n)
	for i := 0; i < n; i++ {
		zt[i*n+i] = 1
	}
	for k := ihi - 2; k >= ilo; k-- {
		t, v := taus[k], vs[k]
		if t == 0 {
			continue
		}
		for r := k + 1; r <= ihi; r++ {
			row := zt[r*n+k+1 : r*n+ihi+1]
			axpy(row, -t*dot(row, v), v)
		}
	}
	return zt
}

// francisQR brings the upper Hessenberg matrix h (active in ilo..ihi) to
// real Schur form by the Francis double-shift QR algorithm, as LAPACK's
// dlahqr: the whole of h is updated (so that it ends quasi-triangular, its
// 2×2 diagonal blocks standardised with complex conjugate eigenvalues) and
// every transformation is applied to the rows of zt. The eigenvalues go to
// wr + i·wi, a conjugate pair with the positive imaginary part first. One
// departure from dlahqr: a converged 2×2 block whose off-diagonal entries
// are both at rounding level (√n·ε·‖H‖_F) is made diagonal, a double real
// eigenvalue, rather than left as a complex pair with nearly parallel
// eigenvectors.
func francisQR(h, zt []float64, n, ilo, ihi int, wr, wi []float64) error {
	at := func(i, j int) float64 { return h[i*n+j] }
	for i := 0; i < ilo; i++ {
		wr[i] = at(i, i)
	}
	for i := ihi + 1; i < n; i++ {
		wr[i] = at(i, i)
	}
	if ilo > ihi {
		return nil
	}
	if ilo == ihi {
		wr[ilo] = at(ilo, ilo)
		return nil
	}
	nh := ihi - ilo + 1
	smlnum := eigSafmin * (float64(nh) / eigULP)
	// The rounding level of the Schur form: √n·ε·‖H‖_F ≤ n·ε·‖H‖₂.
	noise := math.Sqrt(float64(n)) * eigULP * norm2(h)
	itmax := eigIterFactor * max(10, nh)
	const (
		exceptional = 10 // iterations without a deflation before an exceptional shift
		dat1        = 0.75
		dat2        = -0.4375
	)
	kdefl := 0
	var v [3]float64
	for i := ihi; i >= ilo; {
		l := ilo
		done := false
		for its := 0; its <= itmax; its++ {
			// Look for a single small subdiagonal entry (the criterion of
			// Ahues and Tisseur, as dlahqr).
			k := i
			for ; k > l; k-- {
				hk := math.Abs(at(k, k-1))
				if hk <= smlnum {
					break
				}
				tst := math.Abs(at(k-1, k-1)) + math.Abs(at(k, k))
				if tst == 0 {
					if k-2 >= ilo {
						tst += math.Abs(at(k-1, k-2))
					}
					if k+1 <= ihi {
						tst += math.Abs(at(k+1, k))
					}
				}
				if hk <= eigULP*tst {
					ab := max(hk, math.Abs(at(k-1, k)))
					ba := min(hk, math.Abs(at(k-1, k)))
					dk := math.Abs(at(k-1, k-1) - at(k, k))
					aa := max(math.Abs(at(k, k)), dk)
					bb := min(math.Abs(at(k, k)), dk)
					s := aa + ab
					if ba*(ab/s) <= max(smlnum, eigULP*(bb*(aa/s))) {
						break
					}
				}
			}
			l = k
			if l > ilo {
				h[l*n+l-1] = 0
			}
			if l >= i-1 {
				done = true
				break
			}
			kdefl++
			// The shifts: the eigenvalues of the trailing 2×2 block, or an
			// exceptional pair after every 10 iterations without progress.
			var h11, h12, h21, h22 float64
			switch {
			case kdefl%(2*exceptional) == 0:
				s := math.Abs(at(i, i-1)) + math.Abs(at(i-1, i-2))
				h11 = dat1*s + at(i, i)
				h12, h21, h22 = dat2*s, s, h11
			case kdefl%exceptional == 0:
				s := math.Abs(at(l+1, l)) + math.Abs(at(l+2, l+1))
				h11 = dat1*s + at(l, l)
				h12, h21, h22 = dat2*s, s, h11
			default:
				h11, h21, h12, h22 = at(i-1, i-1), at(i, i-1), at(i-1, i), at(i, i)
			}
			var rt1r, rt1i, rt2r, rt2i float64
			if s := math.Abs(h11) + math.Abs(h12) + math.Abs(h21) + math.Abs(h22); s != 0 {
				h11, h21, h12, h22 = h11/s, h21/s, h12/s, h22/s
				tr := (h11 + h22) / 2
				det := (h11-tr)*(h22-tr) - h12*h21
				rtdisc := math.Sqrt(math.Abs(det))
				if det >= 0 {
					// A complex conjugate pair.
					rt1r, rt1i = tr*s, rtdisc*s
					rt2r, rt2i = rt1r, -rt1i
				} else {
					// Two real shifts: use the one nearer h22 twice.
					rt1r, rt2r = tr+rtdisc, tr-rtdisc
					if math.Abs(rt1r-h22) <= math.Abs(rt2r-h22) {
						rt1r *= s
						rt2r = rt1r
					} else {
						rt2r *= s
						rt1r = rt2r
					}
				}
			}
			// Look for two consecutive small subdiagonal entries, to start
			// the bulge as low as possible.
			m := i - 2
			for ; m >= l; m-- {
				h21s := at(m+1, m)
				s := math.Abs(at(m, m)-rt2r) + math.Abs(rt2i) + math.Abs(h21s)
				h21s /= s
				v[0] = h21s*at(m, m+1) + (at(m, m)-rt1r)*((at(m, m)-rt2r)/s) - rt1i*(rt2i/s)
				v[1] = h21s * (at(m, m) + at(m+1, m+1) - rt1r - rt2r)
				v[2] = h21s * at(m+2, m+1)
				s = math.Abs(v[0]) + math.Abs(v[1]) + math.Abs(v[2])
				v[0], v[1], v[2] = v[0]/s, v[1]/s, v[2]/s
				if m == l {
					break
				}
				h00 := math.Abs(at(m, m-1)) * (math.Abs(v[1]) + math.Abs(v[2]))
				h01 := math.Abs(v[0]) * (math.Abs(at(m-1, m-1)) + math.Abs(at(m, m)) + math.Abs(at(m+1, m+1)))
				if h00 <= eigULP*h01 {
					break
				}
			}
			// The double-shift QR sweep: chase the bulge from m to i.
			for k := m; k < i; k++ {
				nr := min(3, i-k+1)
				if k > m {
					for j := 0; j < nr; j++ {
						v[j] = at(k+j, k-1)
					}
				}
				beta, t1 := eigReflector(v[:nr])
				if k > m {
					h[k*n+k-1] = beta
					h[(k+1)*n+k-1] = 0
					if k < i-1 {
						h[(k+2)*n+k-1] = 0
					}
				} else if m > l {
					// Rather than negating h[k][k-1], which goes wrong when
					// v[1] and v[2] underflow (as dlahqr notes).
					h[k*n+k-1] *= 1 - t1
				}
				if t1 == 0 {
					continue
				}
				applyReflector(h, zt, n, k, nr, v[1], v[2], t1, i, ilo, ihi)
			}
		}
		if !done {
			return ErrNoConvergence
		}
		if l == i {
			wr[i], wi[i] = at(i, i), 0
		} else {
			// A 2×2 block: standardise it and apply the rotation to the
			// rest of h and to zt.
			// The block is scaled by a power of two (exact) into [1/2, 1)
			// first: subnormal entries would leave too few bits for an
			// orthogonal rotation.
			blk := []float64{at(i-1, i-1), at(i-1, i), at(i, i-1), at(i, i)}
			_, e := math.Frexp(maxAbs(blk))
			for k := range blk {
				blk[k] = math.Ldexp(blk[k], -e)
			}
			a, b, c, d, cs, sn := standardize2x2(blk[0], blk[1], blk[2], blk[3])
			if c != 0 && math.Ldexp(max(math.Abs(b), math.Abs(c)), e) <= noise {
				// A complex pair from a block of rounding noise (a multiple
				// eigenvalue, split by rounding): its eigenvectors would be
				// nearly parallel. Dropping b and c (a change of H within
				// its rounding level) leaves the double real eigenvalue a
				// with independent eigenvectors.
				b, c = 0, 0
			}
			if c != 0 {
				wi[i-1] = math.Ldexp(math.Sqrt(math.Abs(b))*math.Sqrt(math.Abs(c)), e)
				wi[i] = -wi[i-1]
			}
			a, b, c, d = math.Ldexp(a, e), math.Ldexp(b, e), math.Ldexp(c, e), math.Ldexp(d, e)
			h[(i-1)*n+i-1], h[(i-1)*n+i], h[i*n+i-1], h[i*n+i] = a, b, c, d
			wr[i-1], wr[i] = a, d
			if c == 0 {
				wi[i-1], wi[i] = 0, 0 // the standardised block may underflow to triangular
			}
			rot := func(x, y []float64) {
				for k, xk := range x {
					yk := y[k]
					x[k] = cs*xk + sn*yk
					y[k] = cs*yk - sn*xk
				}
			}
			rot(h[(i-1)*n+i+1:i*n], h[i*n+i+1:(i+1)*n])
			for r := 0; r < i-1; r++ {
				x, y := h[r*n+i-1], h[r*n+i]
				h[r*n+i-1] = cs*x + sn*y
				h[r*n+i] = cs*y - sn*x
			}
			rot(zt[(i-1)*n+ilo:(i-1)*n+ihi+1], zt[i*n+ilo:i*n+ihi+1])
		}
		kdefl = 0
		i = l - 1
	}
	return nil
}

// applyReflector applies I − τ·u·uᵀ, u = (1, v2[, v3]) in rows/columns
// k..k+nr-1, to h from both sides (rows k.. over columns k..n-1, columns
// k.. over rows 0..min(k+3, i)) and to the rows of zt.
func applyReflector(h, zt []float64, n, k, nr int, v2, v3, t1 float64, i, ilo, ihi int) {
	t2 := t1 * v2
	if nr == 3 {
		t3 := t1 * v3
		r0, r1, r2 := h[k*n:(k+1)*n], h[(k+1)*n:(k+2)*n], h[(k+2)*n:(k+3)*n]
		for j := k; j < n; j++ {
			sum := r0[j] + v2*r1[j] + v3*r2[j]
			r0[j] -= sum * t1
			r1[j] -= sum * t2
			r2[j] -= sum * t3
		}
		for j := 0; j <= min(k+3, i); j++ {
			row := h[j*n+k : j*n+k+3]
			sum := row[0] + v2*row[1] + v3*row[2]
			row[0] -= sum * t1
			row[1] -= sum * t2
			row[2] -= sum * t3
		}
		z0, z1, z2 := zt[k*n+ilo:k*n+ihi+1], zt[(k+1)*n+ilo:(k+1)*n+ihi+1], zt[(k+2)*n+ilo:(k+2)*n+ihi+1]
		for j := range z0 {
			sum := z0[j] + v2*z1[j] + v3*z2[j]
			z0[j] -= sum * t1
			z1[j] -= sum * t2
			z2[j] -= sum * t3
		}
		return
	}
	r0, r1 := h[k*n:(k+1)*n], h[(k+1)*n:(k+2)*n]
	for j := k; j < n; j++ {
		sum := r0[j] + v2*r1[j]
		r0[j] -= sum * t1
		r1[j] -= sum * t2
	}
	for j := 0; j <= i; j++ {
		row := h[j*n+k : j*n+k+2]
		sum := row[0] + v2*row[1]
		row[0] -= sum * t1
		row[1] -= sum * t2
	}
	z0, z1 := zt[k*n+ilo:k*n+ihi+1], zt[(k+1)*n+ilo:(k+1)*n+ihi+1]
	for j := range z0 {
		sum := z0[j] + v2*z1[j]
		z0[j] -= sum * t1
		z1[j] -= sum * t2
	}
}

// standardize2x2 computes the Schur factorisation of a real 2×2 matrix in
// standard form, as LAPACK's dlanv2:
//
//	[a b; c d] = [cs −sn; sn cs]·[aa bb; cc dd]·[cs sn; −sn cs]
//
// where either cc = 0 (two real eigenvalues aa and dd) or aa = dd and
// bb·cc < 0 (the complex pair aa ± i·√(|bb|·|cc|)).
func standardize2x2(a, b, c, d float64) (aa, bb, cc, dd, cs, sn float64) {
	const multpl = 4
	sign := func(x float64) float64 { return math.Copysign(1, x) }
	switch {
	case c == 0:
		return a, b, c, d, 1, 0
	case b == 0:
		// Swap rows and columns.
		return d, -c, 0, a, 0, 1
	case a-d == 0 && sign(b) != sign(c):
		return a, b, c, d, 1, 0
	}
	temp := a - d
	p := 0.5 * temp
	bcmax := max(math.Abs(b), math.Abs(c))
	bcmis := min(math.Abs(b), math.Abs(c)) * sign(b) * sign(c)
	scale := max(math.Abs(p), bcmax)
	z := (p/scale)*p + (bcmax/scale)*bcmis
	if z >= multpl*eigULP {
		// Real eigenvalues: compute a and d, make c zero.
		z = p + math.Copysign(math.Sqrt(scale)*math.Sqrt(z), p)
		a = d + z
		d -= (bcmax / z) * bcmis
		tau := math.Hypot(c, z)
		return a, b - c, 0, d, z / tau, c / tau
	}
	// Complex or (almost) equal real eigenvalues: make the diagonal equal.
	sigma := b + c
	tau := math.Hypot(sigma, temp)
	cs = math.Sqrt(0.5 * (1 + math.Abs(sigma)/tau))
	sn = -(p / (tau * cs)) * sign(sigma)
	// [a1 b1; c1 d1] = [a b; c d]·[cs −sn; sn cs]
	a1, b1 := a*cs+b*sn, -a*sn+b*cs
	c1, d1 := c*cs+d*sn, -c*sn+d*cs
	// [a b; c d] = [cs sn; −sn cs]·[a1 b1; c1 d1]
	a, b = a1*cs+c1*sn, b1*cs+d1*sn
	c, d = -a1*sn+c1*cs, -b1*sn+d1*cs
	temp = 0.5 * (a + d)
	a, d = temp, temp
	if c != 0 {
		if b != 0 {
			if sign(b) == sign(c) {
				// Real eigenvalues after all: reduce to upper triangular.
				sab, sac := math.Sqrt(math.Abs(b)), math.Sqrt(math.Abs(c))
				p = math.Copysign(sab*sac, c)
				tau = 1 / math.Sqrt(math.Abs(b+c))
				a, d = temp+p, temp-p
				b -= c
				c = 0
				cs1, sn1 := sab*tau, sac*tau
				cs, sn = cs*cs1-sn*sn1, cs*sn1+sn*cs1
			}
		} else {
			b, c = -c, 0
			cs, sn = -sn, cs
		}
	}
	return a, b, c, d, cs, sn
}

// schurEigenvectors returns the eigenvectors of the n×n upper
// quasi-triangular matrix t (real Schur form, 2×2 blocks standardised) as
// the columns of an n×n row-major matrix, in LAPACK's layout: column j holds
// the eigenvector of a real eigenvalue wr[j]; for a conjugate pair at j, j+1
// columns j and j+1 hold the real and imaginary parts of the eigenvector of
// wr[j] + i·wi[j] (wi[j] > 0). Each is found by back substitution, as
// LAPACK's dtrevc: near-zero pivots are replaced by ε·|λ| (a defective
// eigenvalue still gets a vector) and the solution is rescaled whenever it
// might overflow. One departure: where the pivot and the right-hand side are
// both at rounding level (|T[j][j] − λ| ≤ √n·ε·‖T‖_F and |r[j]| ≤
// √n·ε·‖T‖_F·max|x|), the two eigenvalues are equal to working precision
// and their coupling is rounding noise, so x[j] is set to 0 — exact for a
// perturbation of T within √n·ε·‖T‖_F ≤ n·ε·‖T‖₂ — rather than amplified: a semisimple
// repeated eigenvalue then gets independent eigenvectors instead of nearly
// parallel ones. Each column is scaled to largest magnitude 1.
func schurEigenvectors(t []float64, n int, wr, wi []float64) []float64 {
	tt := make([]float64, n*n) // tᵀ: column j of t is row j of tt
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			tt[j*n+i] = t[i*n+j]
		}
	}
	// cnorm[j] = Σ_{i<j} |t[i][j]| bounds the growth of one update.
	cnorm := make([]float64, n)
	for j := range cnorm {
		cnorm[j] = sumAbs(tt[j*n : j*n+j])
	}
	smlnum := eigSafmin * (float64(n) / eigULP)
	bignum := (1 - eigULP) / smlnum
	tiny := math.Sqrt(float64(n)) * eigULP * norm2(t)
	x := make([]float64, n*n)
	xr, xi := make([]float64, n), make([]float64, n)
	for ki := n - 1; ki >= 0; ki-- {
		if wi[ki] == 0 {
			lam := wr[ki]
			smin := max(eigULP*math.Abs(lam), smlnum)
			clear(xi)
			xr[ki] = 1
			for k := 0; k < ki; k++ {
				xr[k] = -tt[ki*n+k]
			}
			backSubstitute(t, tt, n, ki, complex(lam, 0), smin, bignum, tiny, cnorm, xr[:ki+1], nil)
			emax := maxAbs(xr[:ki+1])
			for k := 0; k <= ki; k++ {
				x[k*n+ki] = xr[k] / emax
			}
			continue
		}
		// A conjugate pair at p = ki-1, ki: the eigenvector of
		// wr[p] + i·wi[p] has real part xr, imaginary part xi.
		p := ki - 1
		lam := complex(wr[p], wi[p])
		smin := max(eigULP*(math.Abs(wr[p])+math.Abs(wi[p])), smlnum)
		clear(xr)
		clear(xi)
		tpk, tkp := t[p*n+ki], t[ki*n+p]
		if math.Abs(tpk) >= math.Abs(tkp) {
			xr[p], xi[ki] = 1, wi[p]/tpk
		} else {
			xr[p], xi[ki] = -wi[p]/tkp, 1
		}
		for k := 0; k < p; k++ {
			xr[k] = -xr[p] * tt[p*n+k]
			xi[k] = -xi[ki] * tt[ki*n+k]
		}
		backSubstitute(t, tt, n, p, lam, smin, bignum, tiny, cnorm, xr[:ki+1], xi[:ki+1])
		emax := 0.0
		for k := 0; k <= ki; k++ {
			emax = max(emax, math.Abs(xr[k])+math.Abs(xi[k]))
		}
		for k := 0; k <= ki; k++ {
			x[k*n+p] = xr[k] / emax
			x[k*n+ki] = xi[k] / emax
		}
		ki--
	}
	return x
}

// backSubstitute solves (T[0:top, 0:top] − λI)·x = r for the upper
// quasi-triangular t, where x[0:top] holds r on entry and the solution on
// return (xi, the imaginary parts, is nil when λ is real). Entries of x from
// top on are part of the eigenvector and are rescaled with the rest. tiny is
// the rounding level √n·ε·‖T‖_F (see schurEigenvectors).
func backSubstitute(t, tt []float64, n, top int, lam complex128, smin, bignum, tiny float64, cnorm, xr, xi []float64) {
	xmax := 0.0 // max |x[k]| over the solved entries, for the noise test
	for k := top; k < len(xr); k++ {
		xmax = max(xmax, math.Abs(xr[k]))
		if xi != nil {
			xmax = max(xmax, math.Abs(xr[k])+math.Abs(xi[k]))
		}
	}
	scaleAll := func(s float64) {
		for k := range xr {
			xr[k] *= s
		}
		for k := range xi {
			xi[k] *= s
		}
		xmax *= s
	}
	get := func(k int) complex128 {
		if xi == nil {
			return complex(xr[k], 0)
		}
		return complex(xr[k], xi[k])
	}
	set := func(k int, c complex128) {
		xr[k] = real(c)
		if xi != nil {
			xi[k] = imag(c)
		}
		xmax = max(xmax, cabs1(c))
	}
	// update subtracts x[j]·(column j of t) from rows 0..lo-1, after
	// rescaling when the update might overflow.
	update := func(j, lo int, xmag float64) {
		if xmag > 1 && cnorm[j] > bignum/xmag {
			scaleAll(1 / xmag)
		}
		axpy(xr[:lo], -xr[j], tt[j*n:j*n+lo])
		if xi != nil {
			axpy(xi[:lo], -xi[j], tt[j*n:j*n+lo])
		}
	}
	for j := top - 1; j >= 0; {
		if j > 0 && t[j*n+j-1] != 0 {
			// A 2×2 diagonal block in rows j-1, j.
			c := [2][2]complex128{
				{complex(t[(j-1)*n+j-1], 0) - lam, complex(t[(j-1)*n+j], 0)},
				{complex(t[j*n+j-1], 0), complex(t[j*n+j], 0) - lam},
			}
			sol, s := solve2x2(c, [2]complex128{get(j - 1), get(j)}, smin, bignum, tiny, tiny*xmax)
			if s != 1 {
				scaleAll(s)
			}
			set(j-1, sol[0])
			set(j, sol[1])
			xmag := max(cabs1(sol[0]), cabs1(sol[1]))
			// Rows 0..j-2 lose both columns; rescale once for the pair.
			if xmag > 1 && max(cnorm[j-1], cnorm[j]) > bignum/xmag {
				scaleAll(1 / xmag)
			}
			update(j-1, j-1, 0)
			update(j, j-1, 0)
			j -= 2
			continue
		}
		den := complex(t[j*n+j], 0) - lam
		r := get(j)
		if cabs1(den) <= tiny && cabs1(r) <= tiny*xmax {
			// Equal eigenvalues, coupled only by rounding: x[j] = 0.
			set(j, 0)
			j--
			continue
		}
		if cabs1(den) < smin {
			den = complex(smin, 0)
		}
		if d := cabs1(den); d < 1 && cabs1(r) > bignum*d {
			scaleAll(1 / cabs1(r))
			r = get(j)
		}
		q := r / den
		set(j, q)
		update(j, j, cabs1(q))
		j--
	}
}

// cabs1 returns |re| + |im|, the magnitude LAPACK's dtrevc uses for scaling.
func cabs1(c complex128) float64 { return math.Abs(real(c)) + math.Abs(imag(c)) }

// solve2x2 solves the 2×2 system c·x = s·b by Gaussian elimination with
// complete pivoting, as LAPACK's dlaln2: a pivot smaller than smin is
// replaced by smin, and the scale s ≤ 1 keeps x from overflowing. When the
// second pivot and its right-hand side are both at rounding level (below
// tiny and noise), that component is set to 0 (see schurEigenvectors).
func solve2x2(c [2][2]complex128, b [2]complex128, smin, bignum, tiny, noise float64) (x [2]complex128, s float64) {
	pr, pc, big := 0, 0, -1.0
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			if m := cabs1(c[i][j]); m > big {
				pr, pc, big = i, j, m
			}
		}
	}
	s = 1
	if big < smin {
		// The whole block is negligible: solve with smin·I.
		bn := max(cabs1(b[0]), cabs1(b[1]))
		if smin < 1 && bn > bignum*smin {
			s = 1 / bn
		}
		x[0] = b[0] * complex(s/smin, 0)
		x[1] = b[1] * complex(s/smin, 0)
		return x, s
	}
	ur, uc := 1-pr, 1-pc
	u11 := c[pr][pc]
	l21 := c[ur][pc] / u11
	u12 := c[pr][uc]
	u22 := c[ur][uc] - l21*u12
	b1 := b[pr]
	b2 := b[ur] - l21*b1
	if cabs1(u22) <= tiny && cabs1(b2) <= noise {
		x[uc] = 0
		x[pc] = b1 / u11
		return x, s
	}
	if cabs1(u22) < smin {
		u22 = complex(smin, 0)
	}
	bn := max(cabs1(b1), cabs1(b2))
	if d := cabs1(u22); d < 1 && bn > bignum*d {
		s = 1 / bn
		b1 *= complex(s, 0)
		b2 *= complex(s, 0)
	}
	x[uc] = b2 / u22
	x[pc] = (b1 - u12*x[uc]) / u11
	return x, s
}
