package twinmath

import (
	"math"
	"slices"
)

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
	return eigAlloc(nil, a)
}

// eigAlloc is Eig, stopping with the error of cc when cc is cancelled.
func eigAlloc(cc *canceller, a Matrix) (w []complex128, v ComplexMatrix, err error) {
	if err := a.square("eig", "A", true); err != nil {
		return nil, ComplexMatrix{}, err
	}
	w, v = make([]complex128, a.Rows), NewComplexMatrix(a.Rows, a.Rows)
	if _, err := eigTo(cc, w, v, a); err != nil {
		return nil, ComplexMatrix{}, err
	}
	return w, v, nil
}

// EigTo writes the eigenvalues of a into w (length n) and its eigenvectors
// into the columns of v (n×n); see Eig. It reports whether every eigenvalue
// is real (has an imaginary part of exactly zero), in which case v is real
// too. It returns ErrShape if w or v has the wrong size.
func EigTo(w []complex128, v ComplexMatrix, a Matrix) (allReal bool, err error) {
	return eigTo(nil, w, v, a)
}

func eigTo(cc *canceller, w []complex128, v ComplexMatrix, a Matrix) (allReal bool, err error) {
	a = a.fresh(spanOf(w), spanOf(v.Data))
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
	err = withScratch(cc, "eig", func(cc *canceller) error {
		var err error
		allReal, err = eigScratch(cc, w, v, a)
		return err
	})
	return allReal, err
}

// eigScratch is eigTo after its checks, with its scratch from cc's
// workspace (nil-safe).
func eigScratch(cc *canceller, w []complex128, v ComplexMatrix, a Matrix) (allReal bool, err error) {
	ws, n := cc.scratch(), a.Rows
	as := ws.clone(a)
	e := scaleToUnit(as.Data)
	wr, wi, vr, scaled, err := schurEig(cc, as, true)
	stable := true
	if err == nil && scaled {
		stable, err = backwardStable(cc, as, wr, wi, vr)
	}
	if err == nil && !stable {
		// Balancing can ruin the eigenvectors of a badly scaled matrix
		// (James, Langou & Lowery, 2014): their residual in A is then far
		// above rounding level. Solve again without the scaling, which is
		// backward stable in A itself.
		wr, wi, vr, _, err = schurEig(cc, as, false)
	}
	if isCancel(err) {
		return false, err
	}
	if err != nil {
		return false, opError("eig", ErrNoConvergence, "eigenvalues did not converge")
	}

	// The eigenvalues scaled back. A conjugate pair of a matrix scaled up
	// from subnormal entries may lose its imaginary part to underflow: it is
	// then a double real eigenvalue, and the two columns holding the real
	// and imaginary parts of its eigenvector span its invariant subspace.
	wro, wio := ws.floats(n), ws.floats(n)
	allReal = true
	for j := range wr {
		wro[j], wio[j] = math.Ldexp(wr[j], e)+0, math.Ldexp(wi[j], e)+0
		allReal = allReal && wio[j] == 0
	}
	// Gather the eigenvectors one per row of vt (a conjugate pair from the
	// two columns holding its real and imaginary parts), in canonical form.
	vt, mags := ws.complexes(n*n), ws.floats(2*n)
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
		canonicalPhase(col, mags)
	}
	for j, k := range eigOrder(ws.ints(n), wro, wio) {
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
// scaled reports whether that scaling changed anything. It stops with the
// error of cc when cc is cancelled.
func schurEig(cc *canceller, a Matrix, scale bool) (wr, wi []float64, vr Matrix, scaled bool, err error) {
	ws, n := cc.scratch(), a.Rows
	h := ws.clone(a).Data
	ilo, ihi, bal := balance(ws, h, n, scale)
	for i := ilo; i <= ihi; i++ {
		scaled = scaled || bal[i] != 1
	}
	var zt []float64
	if ihi-ilo+1 >= hessBlockedMin {
		zt, err = hessenbergBlocked(cc, h, n, ilo, ihi)
	} else {
		zt, err = hessenberg(cc, ws, h, n, ilo, ihi)
	}
	if err != nil {
		return nil, nil, Matrix{}, false, err
	}
	wr, wi = ws.floats(n), ws.floats(n)
	if err := francisQR(cc, h, zt, n, ilo, ihi, wr, wi); err != nil {
		return nil, nil, Matrix{}, false, err
	}
	// The eigenvectors of T, transformed back: Z·X, then the balancing undone.
	x, err := schurEigenvectors(cc, h, n, wr, wi)
	if err != nil {
		return nil, nil, Matrix{}, false, err
	}
	z := ws.matrix(n, n)
	_ = TransposeTo(z, Matrix{Rows: n, Cols: n, Data: zt})
	vr = ws.matrix(n, n)
	if err := matmulCtx(cc, vr, z, Matrix{Rows: n, Cols: n, Data: x}); err != nil {
		return nil, nil, Matrix{}, false, err
	}
	unbalance(vr.Data, n, ilo, ihi, bal)
	return wr, wi, vr, scaled, nil
}

// backwardStable reports whether every eigenpair (λ, v) in LAPACK's layout
// has a residual ‖A·v − λ·v‖ ≤ 30·√n·ε·‖A‖_F·‖v‖: below LAPACK's test
// threshold 30·n·ε·‖A‖₂ (as ‖A‖_F ≤ √n·‖A‖₂), and far above the rounding
// of the residual itself (about n·u·‖A‖_F·‖v‖) for n ≤ 3600. It stops with
// the error of cc when cc is cancelled.
func backwardStable(cc *canceller, a Matrix, wr, wi []float64, vr Matrix) (bool, error) {
	ws, n := cc.scratch(), a.Rows
	av := ws.matrix(n, n)
	if err := matmulCtx(cc, av, a, vr); err != nil {
		return false, err
	}
	tol := 30 * math.Sqrt(float64(n)) * eigULP * norm2(a.Data)
	r, v := ws.floats(2*n), ws.floats(2*n)
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
			return false, nil
		}
	}
	return true, nil
}

// canonicalPhase scales x to unit norm and multiplies it by the unit complex
// number that makes its pivot (the first component whose magnitude is within
// a relative eigTie of the largest) real and positive. Zeros come out as +0.
// mags is scratch of 2·len(x) values.
func canonicalPhase(x []complex128, mags []float64) {
	mags = mags[:2*len(x)]
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
// group, ordered by imaginary part and then real part. order (len(wr)
// values) receives it.
func eigOrder(order []int, wr, wi []float64) []int {
	n := len(wr)
	big := 0.0
	for i := range order {
		order[i] = i
		big = max(big, math.Hypot(wr[i], wi[i]))
	}
	slices.SortStableFunc(order, func(p, q int) int { return ascending(wr[p], wr[q]) })
	tol := eigTie * big
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && wr[order[hi]]-wr[order[hi-1]] <= tol {
			hi++
		}
		slices.SortStableFunc(order[lo:hi], func(p, q int) int {
			if wi[p] != wi[q] {
				return ascending(wi[p], wi[q])
			}
			return ascending(wr[p], wr[q])
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
func balance(ws *Workspace, h []float64, n int, scale bool) (ilo, ihi int, bal []float64) {
	bal = ws.floats(n)
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
	col := ws.floats(ihi - ilo + 1)
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
// outside ilo..ihi), from ws; its scratch comes from ws too and is given
// back. It stops with the error of cc when cc is cancelled.
func hessenberg(cc *canceller, ws *Workspace, h []float64, n, ilo, ihi int) ([]float64, error) {
	zt := ws.floats(n * n)
	mk := ws.mark()
	defer ws.release(mk)
	vbuf := ws.floats(n * n) // v of step k (length ihi−k) at k·n
	taus := ws.floats(n)
	wrk := ws.floats(n)
	for k := ilo; k+1 < ihi; k++ {
		if err := cc.tick(4 * n * (ihi - k)); err != nil {
			return nil, err
		}
		v := vbuf[k*n : k*n+ihi-k] // rows k+1..ihi
		taus[k] = hessenbergStep(h, n, k, ihi, v, wrk)
	}
	// Qᵀ = H_{ihi-2}⋯H_ilo, accumulated as I·H_{ihi-2}⋯H_ilo.
	for i := 0; i < n; i++ {
		zt[i*n+i] = 1
	}
	for k := ihi - 2; k >= ilo; k-- {
		if err := cc.tick(2 * (ihi - k) * (ihi - k)); err != nil {
			return nil, err
		}
		t, v := taus[k], vbuf[k*n:k*n+ihi-k]
		if t == 0 {
			continue
		}
		for r := k + 1; r <= ihi; r++ {
			row := zt[r*n+k+1 : r*n+ihi+1]
			axpy(row, -t*dot(row, v), v)
		}
	}
	return zt, nil
}

// hessenbergStep applies the reflection that zeroes column k of h below its
// subdiagonal, rows k+1..ihi, to h from both sides (rows k+1..ihi over
// columns k+1..n-1, then columns k+1..ihi over rows 0..ihi), leaves its
// vector (1 first) in v (length ihi−k) and returns its τ. wrk holds n
// values.
func hessenbergStep(h []float64, n, k, ihi int, v, wrk []float64) float64 {
	m := ihi - k
	for i := range v {
		v[i] = h[(k+1+i)*n+k]
	}
	beta, t := eigReflector(v)
	h[(k+1)*n+k] = beta
	for i := 1; i < m; i++ {
		h[(k+1+i)*n+k] = 0
	}
	if t == 0 {
		return 0
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
	return t
}
