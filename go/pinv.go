package twinmath

import (
	"math"
	"slices"
)

// pinvFromSVD returns V·diag(1/sᵢ)·Uᵀ over the singular values above cutoff.
func pinvFromSVD(ws *Workspace, u Matrix, s []float64, vt Matrix, cutoff float64) (vr, ur Matrix) {
	r := 0
	for r < len(s) && s[r] > cutoff {
		r++
	}
	m, n, k := u.Rows, vt.Cols, len(s)
	// vr = V_r (n×r), ur = diag(1/s)·U_rᵀ (r×m).
	vr, ur = ws.matrix(n, r), ws.matrix(r, m)
	for i := 0; i < n; i++ {
		for j := 0; j < r; j++ {
			vr.Data[i*r+j] = vt.Data[j*n+i]
		}
	}
	for i := 0; i < m; i++ {
		for j := 0; j < r; j++ {
			ur.Data[j*m+i] = u.Data[i*k+j] / s[j]
		}
	}
	return vr, ur
}

// Pinv returns the Moore–Penrose pseudo-inverse of the m×n matrix a, an n×m
// matrix, from its SVD:
//
//	A⁺ = V·diag(1/sᵢ)·Uᵀ   over the sᵢ > rcond·s₀ (the others count as zero)
//
// numpy.linalg.pinv's rule; its default rcond is 1e-15. It returns ErrInvalid
// if a is empty or holds NaN or Inf, if rcond is negative or not finite, or
// if an entry of A⁺ lies beyond the float range (a finite a whose retained
// singular values are below about 1/MaxFloat64, such as 2.225e-311·[[0, 1],
// [1, 1]]: "pinv: invalid input: the pseudo-inverse of A overflows"), and
// ErrNoConvergence as SVD.
func Pinv(a Matrix, rcond float64) (Matrix, error) {
	return pinvAlloc(nil, a, rcond)
}

// pinvAlloc is Pinv, stopping with the error of cc when cc is cancelled.
func pinvAlloc(cc *canceller, a Matrix, rcond float64) (Matrix, error) {
	if err := a.check("pinv", "A"); err != nil {
		return Matrix{}, err
	}
	dst := NewMatrix(a.Cols, a.Rows)
	if err := pinvTo(cc, dst, a, rcond); err != nil {
		return Matrix{}, err
	}
	return dst, nil
}

// PinvTo writes Pinv(a, rcond) into dst (n×m). When the pseudo-inverse
// overflows, dst holds it, infinities included, beside the error.
func PinvTo(dst, a Matrix, rcond float64) error {
	return pinvTo(nil, dst, a, rcond)
}

func pinvTo(cc *canceller, dst, a Matrix, rcond float64) error {
	if cc.scratch() == nil {
		return withScratch(cc, "pinv", func(cc *canceller) error { return pinvTo(cc, dst, a, rcond) })
	}
	a = cc.scratch().fresh(a, spanOf(dst.Data))
	if err := a.finiteMatrix("pinv", "A"); err != nil {
		return err
	}
	if !(rcond >= 0) || math.IsInf(rcond, 1) {
		return invalidErr("pinv", "rcond must be a finite non-negative number, got %s", pyFloat(rcond))
	}
	if err := dst.want("pinv", "dst", a.Cols, a.Rows); err != nil {
		return err
	}
	// pinv(A) = c·pinv(c·A) for c = 2⁻ᵉ, an exact scaling that keeps 1/sᵢ
	// finite for tiny matrices, as the reference does.
	ws := cc.scratch()
	as, e := ws.scaledCopy(a)
	u, s, vt, err := svd(cc, "pinv", as, true)
	if err != nil {
		return err
	}
	vr, ur := pinvFromSVD(ws, u, s, vt, rcond*s[0])
	if err := matmulCtx(cc, dst, vr, ur); err != nil {
		return err
	}
	scaleBy(dst.Data, e)
	if hasNonFinite(dst.Data) {
		return errPinvOverflow
	}
	return nil
}

// The errors of a finite input whose result lies beyond the float range:
// an entry that overflows when it is scaled back by 2⁻ᵉ has no float to
// stand for it, and a reciprocal 1/sᵢ that overflows already (a kept sᵢ
// below 1/MaxFloat64) leaves ±Inf or, met by a zero, NaN in the product. The entries that do
// not overflow are rounding residue of the large ones (of relative size ε,
// times 2⁻ᵉ), so the result is refused as a whole rather than returned with
// some infinities (docs/conventions.md, "Decompositions").
var (
	errPinvOverflow  = invalidErr("pinv", "the pseudo-inverse of A overflows")
	errLstsqOverflow = invalidErr("lstsq", "the solution overflows")
)

// hasNonFinite reports whether data holds ±Inf or NaN: from a finite input,
// an overflow.
func hasNonFinite(data []float64) bool {
	for _, v := range data {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return true
		}
	}
	return false
}

// Lstsq returns the minimum-norm least-squares solution of A·X ≈ B for an
// m×n matrix a and b of m rows (a vector is the m×1 matrix holding it):
//
//	X = A⁺·B = V·diag(1/sᵢ)·Uᵀ·B   over the sᵢ > rcond·s₀
//
// the solution numpy.linalg.lstsq returns first (LAPACK's dgelsd); singular
// values at or below the cutoff count as zero, so a rank-deficient A gives
// the solution of least norm. A negative rcond selects numpy's default,
// max(m, n)·ε. For m ≥ n, Uᵀ·B is formed without U: the reflections and
// rotations of the SVD are applied to B instead (as LAPACK's dgelss does).
// It returns ErrShape if b.Rows != a.Rows, ErrInvalid if a is
// empty, a or b holds NaN or Inf, rcond is NaN or infinite, or an entry of
// X lies beyond the float range ("lstsq: invalid input: the solution
// overflows"), and ErrNoConvergence as SVD.
func Lstsq(a, b Matrix, rcond float64) (Matrix, error) {
	return lstsqAlloc(nil, a, b, rcond)
}

// lstsqAlloc is Lstsq, stopping with the error of cc when cc is cancelled.
func lstsqAlloc(cc *canceller, a, b Matrix, rcond float64) (Matrix, error) {
	if err := a.check("lstsq", "A"); err != nil {
		return Matrix{}, err
	}
	if err := b.check("lstsq", "b"); err != nil {
		return Matrix{}, err
	}
	dst, err := newResult("lstsq", a.Cols, b.Cols)
	if err != nil {
		return Matrix{}, err
	}
	if err := lstsqTo(cc, dst, a, b, rcond); err != nil {
		return Matrix{}, err
	}
	return dst, nil
}

// LstsqTo writes Lstsq(a, b, rcond) into dst (n×k). When the solution
// overflows, dst holds it, infinities included, beside the error.
func LstsqTo(dst, a, b Matrix, rcond float64) error {
	return lstsqTo(nil, dst, a, b, rcond)
}

func lstsqTo(cc *canceller, dst, a, b Matrix, rcond float64) error {
	if cc.scratch() == nil {
		return withScratch(cc, "lstsq", func(cc *canceller) error { return lstsqTo(cc, dst, a, b, rcond) })
	}
	a, b = cc.scratch().fresh(a, spanOf(dst.Data)), cc.scratch().fresh(b, spanOf(dst.Data))
	const op = "lstsq"
	if err := a.check(op, "A"); err != nil {
		return err
	}
	if err := b.check(op, "b"); err != nil {
		return err
	}
	if b.Rows != a.Rows {
		return shapeErr(op, "A has %d rows but b has %d", a.Rows, b.Rows)
	}
	if err := a.finiteMatrix(op, "A"); err != nil {
		return err
	}
	if err := checkFinite(op, "b", b.Data); err != nil {
		return err
	}
	if math.IsNaN(rcond) || math.IsInf(rcond, 0) {
		return invalidErr(op, "rcond must be finite, got %s", pyFloat(rcond))
	}
	if err := dst.want(op, "dst", a.Cols, b.Cols); err != nil {
		return err
	}
	if rcond < 0 {
		rcond = float64(max(a.Rows, a.Cols)) * 0x1p-52
	}
	// X(A) = c·X(c·A) for c = 2⁻ᵉ, as in Pinv; a B beyond 2^500 is divided
	// by 2^f as well (X(A, B) = 2^f·X(A, B/2^f)), so X overflows only if it must.
	ws := cc.scratch()
	as, e := ws.scaledCopy(a)
	f := 0
	if powerOfTwoScale(b.Data) > 500 {
		b, f = ws.scaledCopy(b)
	}
	e -= f
	if a.Rows >= a.Cols {
		if ok, err := lstsqTall(cc, dst, as, b, rcond); err != nil {
			return err
		} else if !ok {
			return opError(op, ErrNoConvergence, "")
		}
		scaleBy(dst.Data, e)
		if hasNonFinite(dst.Data) {
			return errLstsqOverflow
		}
		return nil
	}
	u, s, vt, err := svd(cc, op, as, true)
	if err != nil {
		return err
	}
	vr, ur := pinvFromSVD(ws, u, s, vt, rcond*s[0])
	// X = V_r·(diag(1/s)·U_rᵀ·B): the small product first.
	c := ws.matrix(ur.Rows, b.Cols)
	if err := matmulCtx(cc, c, ur, b); err != nil {
		return err
	}
	if err := matmulCtx(cc, dst, vr, c); err != nil {
		return err
	}
	scaleBy(dst.Data, e)
	if hasNonFinite(dst.Data) {
		return errLstsqOverflow
	}
	return nil
}

// MatrixRank returns the numerical rank of a: the number of singular values
// above numpy's default tolerance,
//
//	tol = s₀·max(m, n)·ε
//
// It returns ErrInvalid if a is empty or holds NaN or Inf, and
// ErrNoConvergence as SVD.
func MatrixRank(a Matrix) (int, error) {
	return matrixRank(nil, a)
}

func matrixRank(cc *canceller, a Matrix) (int, error) {
	if err := a.finiteMatrix("matrix_rank", "A"); err != nil {
		return 0, err
	}
	// The rank of A is that of A/2^e: scaled, s₀·max(m, n)·ε cannot
	// overflow where s₀ itself would (1e308·ones(3, 3)).
	as, _ := scaledCopy(a)
	_, s, _, err := svd(cc, "matrix_rank", as, false)
	if err != nil {
		return 0, err
	}
	tol := s[0] * float64(max(a.Rows, a.Cols)) * 0x1p-52
	r := 0
	for _, v := range s {
		if v > tol {
			r++
		}
	}
	return r, nil
}

// lstsqTall writes V_r·diag(1/sᵢ)·U_rᵀ·B into dst for the scaled m×n matrix
// a with m ≥ n, over the singular values above rcond·s₀, without forming U
// (svdSolveTall). It returns false if the SVD does not converge.
func lstsqTall(cc *canceller, dst, a, b Matrix, rcond float64) (bool, error) {
	n, k := a.Cols, b.Cols
	ws := cc.scratch()
	sigma, v, c, ok, err := svdSolveTall(cc, a.Data, a.Rows, n, ws.clone(b).Data, k)
	if !ok || err != nil {
		return false, err
	}
	order := ws.ints(n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return ascending(sigma[j], sigma[i]) })
	cutoff := rcond * sigma[order[0]]
	r := 0
	for r < n && sigma[order[r]] > cutoff {
		r++
	}
	// X = V_r·(diag(1/s)·U_rᵀ·B), columns of V and rows of C in descending
	// order of the values, as in LstsqTo.
	vr, w := ws.matrix(n, r), ws.matrix(r, k)
	for j, o := range order[:r] {
		for i := 0; i < n; i++ {
			vr.Data[i*r+j] = v[i*n+o]
		}
		for l := 0; l < k; l++ {
			w.Data[j*k+l] = c[o*k+l] / sigma[o]
		}
	}
	matmulScratch(cc.scratch(), dst, vr, w)
	return true, nil
}
