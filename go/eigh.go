package twinmath

import (
	"math"
	"slices"
)

// Eigh returns the eigenvalues and eigenvectors of the symmetric matrix a.
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
// a must be symmetric up to rounding: |a[i][j] − a[j][i]| ≤ SymmetryTol(a)
// = 16·n·ε·max|a| for every i, j (see SymmetryTol); the lower triangle is
// the one used. EighLower reads the lower triangle alone, as numpy's eigh
// does, for a matrix whose upper triangle is unset.
//
// It returns ErrShape if a is not square, ErrInvalid if a is empty, holds
// NaN or Inf (anywhere, the upper triangle included) or is not symmetric,
// and ErrNoConvergence if the QL iteration does not converge in 30·n steps.
func Eigh(a Matrix) (w []float64, v Matrix, err error) {
	return eighAlloc(nil, a, false)
}

// EighLower is Eigh reading only the lower triangle of a (the diagonal
// included): the upper triangle is never compared, only checked to be
// finite. It is numpy's eigh (UPLO="L") and the Python API's.
func EighLower(a Matrix) (w []float64, v Matrix, err error) {
	return eighAlloc(nil, a, true)
}

// eighAlloc is Eigh (EighLower if lower), stopping with the error of cc
// when cc is cancelled.
func eighAlloc(cc *canceller, a Matrix, lower bool) (w []float64, v Matrix, err error) {
	if err := a.square("eigh", "A", true); err != nil {
		return nil, Matrix{}, err
	}
	w, v = make([]float64, a.Rows), NewMatrix(a.Rows, a.Rows)
	if err := eighTo(cc, w, v, a, lower); err != nil {
		return nil, Matrix{}, err
	}
	return w, v, nil
}

// EighTo writes the eigenvalues of the symmetric matrix a into w (length n)
// and its eigenvectors into the columns of v (n×n); see Eigh. It returns
// ErrShape if w or v has the wrong size and ErrInvalid if a is not
// symmetric to within SymmetryTol(a).
func EighTo(w []float64, v Matrix, a Matrix) error {
	return eighTo(nil, w, v, a, false)
}

// EighLowerTo is EighTo reading only the lower triangle of a; see EighLower.
func EighLowerTo(w []float64, v Matrix, a Matrix) error {
	return eighTo(nil, w, v, a, true)
}

// symmetryFactor is c in the symmetry tolerance c·n·ε·max|a|; see SymmetryTol.
const symmetryFactor = 16

// SymmetryTol returns the largest difference |a[i][j] − a[j][i]| that Eigh
// accepts for the n×n matrix a: 16·n·ε·max|a[i][j]|, with ε = 2⁻⁵².
//
// A matrix symmetric in exact arithmetic but formed in floating point (a
// product B·Bᵀ, a covariance, a sum of outer products whose two triangles
// were summed in different orders) differs between its triangles by at most
// the rounding of two n-term sums, about 2·n·ε·max|a| for data of one scale;
// the factor 16 leaves a margin of 8 over that, while any asymmetry that is
// not rounding (a wrong entry, a swapped index) is far larger. Using the
// lower triangle then perturbs each eigenvalue by at most ‖E‖₂ ≤ n·tol
// (Weyl), of the order of the backward error of the eigensolver itself.
func SymmetryTol(a Matrix) float64 {
	big := 0.0
	for _, x := range a.Data {
		big = math.Max(big, math.Abs(x))
	}
	return symmetryFactor * float64(a.Rows) * 0x1p-52 * big
}

// checkSymmetric returns ErrInvalid if a (square, finite) is not symmetric
// to within SymmetryTol(a), naming the first offending pair.
func checkSymmetric(op string, a Matrix) error {
	n := a.Rows
	tol := -1.0
	for i := 1; i < n; i++ {
		for j := 0; j < i; j++ {
			x, y := a.Data[i*n+j], a.Data[j*n+i]
			if x == y {
				continue
			}
			if tol < 0 {
				tol = SymmetryTol(a)
			}
			if d := math.Abs(x - y); d > tol {
				return invalidErr(op, "A is not symmetric: A[%d][%d] = %s, A[%d][%d] = %s differ by more than %s (use the lower triangle alone with EighLower)",
					i, j, pyFloat(x), j, i, pyFloat(y), pyFloat(tol))
			}
		}
	}
	return nil
}

func eighTo(cc *canceller, w []float64, v Matrix, a Matrix, lower bool) error {
	if cc.scratch() == nil {
		return withScratch(cc, "eigh", func(cc *canceller) error { return eighTo(cc, w, v, a, lower) })
	}
	a = cc.scratch().fresh(a, spanOf(w), spanOf(v.Data))
	if err := a.square("eigh", "A", true); err != nil {
		return err
	}
	if !lower {
		if err := checkSymmetric("eigh", a); err != nil {
			return err
		}
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
	ws := cc.scratch()
	s := ws.floats(n * n)
	for i := 0; i < n; i++ {
		for j := 0; j <= i; j++ {
			s[i*n+j], s[j*n+i] = a.Data[i*n+j], a.Data[i*n+j]
		}
	}
	e := scaleToUnit(s)
	d, off := ws.floats(n), ws.floats(n)
	zt := ws.floats(n * n)
	if err := eighTridiagonal(cc, s, n, d, off, zt); isCancel(err) {
		return err
	} else if err != nil {
		return opError("eigh", ErrNoConvergence, "eigenvalues did not converge")
	}
	order := ws.ints(n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return ascending(d[x], d[y]) })
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

// eighTridiagonal reduces the symmetric n×n matrix s (both halves stored,
// destroyed) to tridiagonal form (d, off) and diagonalises that: the
// eigenvalues are left in d (unsorted) and the rows of zt become the
// eigenvectors that go with them. Below dcMin rows the implicit QL
// iteration rotates the rows of Qᵀ; from there divide and conquer
// (stedc.go) finds the eigenvectors of T, to which the reflections of the
// reduction are then applied in blocks.
func eighTridiagonal(cc *canceller, s []float64, n int, d, off, zt []float64) error {
	if n < dcMin {
		if err := tridiagonalizeBlocked(cc, s, n, d, off, zt); err != nil {
			return err
		}
		return implicitQL(cc, d, off, zt, n)
	}
	ws := cc.scratch()
	tau := ws.floats(n)
	if err := tridiagReduce(cc, s, n, d, off, tau); err != nil {
		return err
	}
	w := ws.floats(n * n)
	if err := tridiagDC(cc, d, off, w, n); err != nil {
		return err
	}
	return tridiagBack(cc, s, n, tau, w, zt)
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

// tridiagonalize reduces the symmetric n×n matrix s (both halves stored) to
// tridiagonal form T = QᵀSQ with the reflections H₀⋯Hₙ₋₃ = Q: diagonal d,
// off-diagonal off[0:n-1] (off[i] couples i and i+1, off[n-1] = 0). It
// writes Qᵀ into zt and destroys s.
//
// It stops with the error of cc when cc is cancelled.
func tridiagonalize(cc *canceller, s []float64, n int, d, off, zt []float64) error {
	ws := cc.scratch()
	mk := ws.mark()
	defer ws.release(mk)
	tau := ws.floats(n)
	p := ws.floats(n)
	for k := 0; k+2 < n; k++ {
		if err := cc.tick(3 * (n - k) * (n - k)); err != nil {
			return err
		}
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
		if err := cc.tick(2 * (n - k) * (n - k)); err != nil {
			return err
		}
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
	return nil
}

// implicitQL diagonalises the symmetric tridiagonal matrix (d, off) by the
// implicit QL algorithm with Wilkinson shifts, applying every rotation to
// the rows of zt (those of a sweep together, strip by strip of columns and
// on all GOMAXPROCS threads for large matrices, with the same result on any
// number of them), which then hold the eigenvectors of the eigenvalues left
// in d (unsorted). It fails after eigIterFactor·n iterations in all, and
// stops with the error of cc when cc is cancelled.
func implicitQL(cc *canceller, d, off, zt []float64, n int) error {
	budget := eigIterFactor * n
	// The rotations of a sweep, applied together (applySweep).
	ws := cc.scratch()
	mk := ws.mark()
	defer ws.release(mk)
	rc, rs := ws.floats(n), ws.floats(n)
	seqs := ws.rotSeqs(1)
	seqs[0] = rotSeq{zt, n, rc, rs}
	one := ws.sweeps(1)
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
				rotRows(zt[l*n:(l+1)*n], zt[(l+1)*n:(l+2)*n], c, s)
				d[l], d[l+1], off[l] = rt1, rt2, 0
				continue
			}
			if budget == 0 {
				return ErrNoConvergence
			}
			budget--
			if err := cc.tick(4 * n * (m - l + 1)); err != nil {
				return err
			}
			// Wilkinson's shift: the eigenvalue of the leading 2×2 block
			// nearer d[l].
			g := (d[l+1] - d[l]) / (2 * off[l])
			r := pythag(g, 1)
			g = d[m] - d[l] + off[l]/(g+math.Copysign(r, g))
			// Chase the bulge from the bottom of the block to its top with
			// plane rotations in planes (i, i+1).
			s, c, p := 1.0, 1.0, 0.0
			i := m - 1
			for ; i >= l; i-- {
				f, b := s*off[i], c*off[i]
				r = pythag(f, g)
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
				// Rows i and i+1 of zt: (c·zᵢ − s·zᵢ₊₁, s·zᵢ + c·zᵢ₊₁),
				// applied with the sweep's other rotations below.
				rc[i], rs[i] = c, -s
			}
			one[0] = sweep{seqs, i + 1, m, true}
			applySweeps(one)
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

// ascending compares x and y for a stable sort in ascending order, as the
// less function x < y does (NaN never occurs where it is used). Sorting with
// it through slices.SortStableFunc allocates nothing, unlike sort.SliceStable.
func ascending(x, y float64) int {
	switch {
	case x < y:
		return -1
	case y < x:
		return 1
	}
	return 0
}
