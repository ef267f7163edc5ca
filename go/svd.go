package twinmath

import (
	"context"
	"math"
	"slices"
)

// svd computes the canonical thin SVD of the finite, non-empty m×n matrix a:
// u is m×k, s has k values, vt is k×n, k = min(m, n). Without wantUV only s
// is computed (u and vt are empty).
//
// It works on T, the tall one of A and Aᵀ (M×N, M ≥ N), scaled by a power
// of two so that its largest entry lies in [1/2, 1): Householder
// bidiagonalisation T = Q·B·Pᵀ (after a QR factorisation when T is at least
// 5/3 times as tall as wide; bidiag.go), then implicit-shift QR on the
// bidiagonal B = U_B·Σ·V_Bᵀ (bdsqr.go), U_T = Q·U_B and V_T = P·V_B.
func svd(cc *canceller, op string, a Matrix, wantUV bool) (u Matrix, s []float64, vt Matrix, err error) {
	tall := a.Rows >= a.Cols
	ws := cc.scratch()
	var t Matrix
	if tall {
		t = ws.clone(a)
	} else {
		t = ws.transpose(a)
	}
	M, N := t.Rows, t.Cols
	e := powerOfTwoScale(t.Data)
	scaleBy(t.Data, e)
	sigma, uT, vT, ok, err := svdTall(cc, t.Data, M, N, wantUV)
	if err != nil {
		return Matrix{}, nil, Matrix{}, err
	}
	if !ok {
		return Matrix{}, nil, Matrix{}, opError(op, ErrNoConvergence, "")
	}
	order := ws.ints(N)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return ascending(sigma[j], sigma[i]) })
	s = ws.floats(N)
	for i, o := range order {
		s[i] = math.Ldexp(sigma[o], e) + 0 // + 0 turns −0 into +0: no singular value is negative
	}
	if !wantUV {
		return Matrix{}, s, Matrix{}, nil
	}
	// Column i of A's U and row i of its Vt, for the i-th largest value
	// sigma[o]: column o of U_T and of V_T (M×N and N×N, one singular
	// vector per column), swapped when A = Tᵀ = V_T·Σ·U_Tᵀ.
	uA, vA, mA, nA := uT, vT, M, N
	if !tall {
		uA, vA, mA, nA = vT, uT, N, M
	}
	u, vt = ws.matrix(mA, N), ws.matrix(N, nA)
	// Sign rule: the largest-magnitude entry of U[:, i] positive (the
	// first such entry on ties). One pass over U's rows finds each
	// column's entry, and one more writes U: uA is read in its order.
	big, at := ws.floats(N), ws.ints(N)
	for r := 0; r < mA; r++ {
		for o, x := range uA[r*N : (r+1)*N] {
			if r == 0 || math.Abs(x) > big[o] {
				big[o], at[o] = math.Abs(x), r
			}
		}
	}
	sign := ws.floats(N)
	for i, o := range order {
		sign[i] = 1
		if uA[at[o]*N+o] < 0 {
			sign[i] = -1
		}
	}
	for r := 0; r < mA; r++ {
		src, dst := uA[r*N:(r+1)*N], u.Data[r*N:(r+1)*N]
		for i, o := range order {
			dst[i] = sign[i] * src[o]
		}
	}
	for i, o := range order {
		vi := vt.Data[i*nA : (i+1)*nA]
		for r := range vi {
			vi[r] = sign[i] * vA[r*N+o]
		}
	}
	return u, s, vt, nil
}

// SVD returns the thin singular value decomposition of the m×n matrix a,
// k = min(m, n):
//
//	A = U·diag(s)·Vt    U m×k and Vtᵀ n×k with orthonormal columns, s₀ ≥ s₁ ≥ … ≥ 0
//
// in the canonical form: the largest-magnitude entry of each column of U is
// positive (the first such entry on ties) and the row of Vt is flipped with
// it. Singular vectors of a zero singular value complete the orthonormal set.
//
// It reduces A (the tall one of A and Aᵀ, exactly scaled by a power of
// two) to bidiagonal form by Householder reflections, after a QR
// factorisation when it is at least 5/3 times as tall as wide (Golub &
// Kahan 1965; LAPACK's dgebrd and dgesvd), and diagonalises the bidiagonal
// by implicit-shift QR with Demmel and Kahan's zero shift and convergence
// criteria (dbdsqr). The reflections are applied to the singular vectors in
// blocks through the matrix product, and the rotations of each QR sweep on
// all GOMAXPROCS threads, with the same result on any number of them. The
// method is backward stable: the factors are those of A + E with
// ‖E‖₂ = O(max(m, n)·ε·‖A‖₂), so each singular value is within that of the
// exact one (normwise, as for LAPACK's drivers). It returns ErrInvalid if
// a is empty or holds NaN or Inf, and ErrNoConvergence if the QR iteration
// takes more than 6·k² inner steps.
func SVD(a Matrix) (u Matrix, s []float64, vt Matrix, err error) {
	return svdChecked(nil, a)
}

func svdChecked(cc *canceller, a Matrix) (u Matrix, s []float64, vt Matrix, err error) {
	if err := a.finiteMatrix("svd", "A"); err != nil {
		return Matrix{}, nil, Matrix{}, err
	}
	return svd(cc, "svd", a, true)
}

// SVDTo writes the factors of SVD(a) into u (m×k), s (k) and vt (k×n).
func SVDTo(u Matrix, s []float64, vt Matrix, a Matrix) error {
	return svdTo(nil, u, s, vt, a)
}

func svdTo(cc *canceller, u Matrix, s []float64, vt Matrix, a Matrix) error {
	if cc.scratch() == nil {
		return withScratch(cc, "svd", func(cc *canceller) error { return svdTo(cc, u, s, vt, a) })
	}
	a = cc.scratch().fresh(a, spanOf(u.Data), spanOf(s), spanOf(vt.Data))
	if err := a.finiteMatrix("svd", "A"); err != nil {
		return err
	}
	k := min(a.Rows, a.Cols)
	if err := wantSVD("svd", u, s, vt, a.Rows, k, a.Cols); err != nil {
		return err
	}
	uu, ss, vv, err := svd(cc, "svd", a, true)
	if err != nil {
		return err
	}
	copy(u.Data, uu.Data)
	copy(s, ss)
	copy(vt.Data, vv.Data)
	return nil
}

// SVDFull returns the full singular value decomposition of the m×n matrix
// a (numpy's svd(a, full_matrices=True)), k = min(m, n):
//
//	A = U[:, :k]·diag(s)·Vt[:k, :]    U m×m and Vt n×n orthogonal
//
// The first k columns of U, s and the first k rows of Vt are those of SVD,
// in its canonical form. The other columns of U (m > n) or rows of Vt
// (m < n), a basis of the orthogonal complement, are columns k.. of the
// Householder product of the QR factorisation of the thin factor (the
// thin U, or Vtᵀ), each with its largest-magnitude entry positive (the
// first such entry on ties). For m = n it is SVD. It returns SVD's errors,
// and ErrInvalid if U or Vt would have more than MaxLen entries.
func SVDFull(a Matrix) (u Matrix, s []float64, vt Matrix, err error) {
	return svdFullAlloc(nil, a)
}

// SVDFullContext is SVDFull, stopping early when ctx is done.
func SVDFullContext(ctx context.Context, a Matrix) (u Matrix, s []float64, vt Matrix, err error) {
	return svdFullAlloc(newCanceller(ctx, "svd"), a)
}

func svdFullAlloc(cc *canceller, a Matrix) (u Matrix, s []float64, vt Matrix, err error) {
	if err := a.finiteMatrix("svd", "A"); err != nil {
		return Matrix{}, nil, Matrix{}, err
	}
	// U is m×m and Vt n×n: far more than a long, thin A holds.
	if u, err = newResult("svd", a.Rows, a.Rows); err != nil {
		return Matrix{}, nil, Matrix{}, err
	}
	if vt, err = newResult("svd", a.Cols, a.Cols); err != nil {
		return Matrix{}, nil, Matrix{}, err
	}
	s = make([]float64, min(a.Rows, a.Cols))
	if err := svdFullTo(cc, u, s, vt, a); err != nil {
		return Matrix{}, nil, Matrix{}, err
	}
	return u, s, vt, nil
}

// SVDFullTo writes the factors of SVDFull(a) into u (m×m), s (k) and vt
// (n×n).
func SVDFullTo(u Matrix, s []float64, vt Matrix, a Matrix) error {
	return svdFullTo(nil, u, s, vt, a)
}

// SVDFullToContext is SVDFullTo, stopping early when ctx is done.
func SVDFullToContext(ctx context.Context, u Matrix, s []float64, vt Matrix, a Matrix) error {
	return svdFullTo(newCanceller(ctx, "svd"), u, s, vt, a)
}

func svdFullTo(cc *canceller, u Matrix, s []float64, vt Matrix, a Matrix) error {
	ws := cc.scratch()
	a = ws.fresh(a, spanOf(u.Data), spanOf(s), spanOf(vt.Data))
	if err := a.finiteMatrix("svd", "A"); err != nil {
		return err
	}
	m, n := a.Rows, a.Cols
	if err := u.want("svd", "U", m, m); err != nil {
		return err
	}
	if len(s) != min(m, n) {
		return shapeErr("svd", "s has length %d, want %d", len(s), min(m, n))
	}
	if err := vt.want("svd", "Vt", n, n); err != nil {
		return err
	}
	uu, ss, vv, err := svd(cc, "svd", a, true)
	if err != nil {
		return err
	}
	copy(s, ss)
	switch {
	case m > n:
		copy(vt.Data, vv.Data)
		return completeBasis(cc, u, uu)
	case m < n:
		copy(u.Data, uu.Data)
		v := ws.matrix(n, n)
		if err := completeBasis(cc, v, ws.transpose(vv)); err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				vt.Data[i*n+j] = v.Data[j*n+i]
			}
		}
	default:
		copy(u.Data, uu.Data)
		copy(vt.Data, vv.Data)
	}
	return nil
}

// completeBasis writes into dst (p×p) the p×k matrix w, whose columns are
// orthonormal (k < p), followed by p − k columns that complete them to an
// orthogonal matrix: columns k.. of Q = H₀·H₁⋯Hₖ₋₁ of the Householder QR of
// w, which are orthogonal to Q's first k columns, and those span w's
// columns (W = Q·R). Each completing column is given a positive
// largest-magnitude entry (the first such entry on ties).
func completeBasis(cc *canceller, dst, w Matrix) error {
	p, k := w.Rows, w.Cols
	at, tau, _, err := qrFactor(cc, w) // |wᵢⱼ| ≤ 1: never shifted
	if err != nil {
		return err
	}
	qt, err := householderQ(cc, at, tau, k, p, p)
	if err != nil {
		return err
	}
	for i := 0; i < p; i++ {
		copy(dst.Data[i*p:i*p+k], w.Data[i*k:(i+1)*k])
	}
	for c := k; c < p; c++ {
		col := qt.Data[c*p : (c+1)*p]
		best := 0
		for r := 1; r < p; r++ {
			if math.Abs(col[r]) > math.Abs(col[best]) {
				best = r
			}
		}
		sign := 1.0
		if col[best] < 0 {
			sign = -1
		}
		for r := 0; r < p; r++ {
			dst.Data[r*p+c] = sign * col[r]
		}
	}
	return nil
}

func wantSVD(op string, u Matrix, s []float64, vt Matrix, m, k, n int) error {
	if err := u.want(op, "U", m, k); err != nil {
		return err
	}
	if len(s) != k {
		return shapeErr(op, "s has length %d, want %d", len(s), k)
	}
	return vt.want(op, "Vt", k, n)
}

// checkK returns ErrInvalid unless 1 ≤ k ≤ most.
func checkK(op string, k, most int) error {
	if k < 1 || k > most {
		return invalidErr(op, "k must be between 1 and %d, got %d", most, k)
	}
	return nil
}

// TruncatedSVD returns the first k singular triplets of a and the rank-k
// matrix they rebuild, the best rank-k approximation of A in the 2- and
// Frobenius norms (Eckart–Young):
//
//	Aₖ = Uₖ·diag(sₖ)·Vtₖ    Uₖ m×k, sₖ k values, Vtₖ k×n
//
// in SVD's canonical form. It returns ErrInvalid if a is empty or holds NaN
// or Inf, or unless 1 ≤ k ≤ min(m, n), and ErrNoConvergence as SVD.
func TruncatedSVD(a Matrix, k int) (uk Matrix, sk []float64, vtk, ak Matrix, err error) {
	return truncatedSVD(nil, a, k)
}

func truncatedSVD(cc *canceller, a Matrix, k int) (uk Matrix, sk []float64, vtk, ak Matrix, err error) {
	if err := a.finiteMatrix("truncated_svd", "A"); err != nil {
		return Matrix{}, nil, Matrix{}, Matrix{}, err
	}
	if err := checkK("truncated_svd", k, min(a.Rows, a.Cols)); err != nil {
		return Matrix{}, nil, Matrix{}, Matrix{}, err
	}
	uk, sk, vtk, ak = NewMatrix(a.Rows, k), make([]float64, k), NewMatrix(k, a.Cols), NewMatrix(a.Rows, a.Cols)
	if err := truncatedSVDTo(cc, uk, sk, vtk, ak, a, k); err != nil {
		return Matrix{}, nil, Matrix{}, Matrix{}, err
	}
	return uk, sk, vtk, ak, nil
}

// TruncatedSVDTo writes the results of TruncatedSVD(a, k) into uk (m×k),
// sk (k), vtk (k×n) and ak (m×n).
func TruncatedSVDTo(uk Matrix, sk []float64, vtk, ak, a Matrix, k int) error {
	return truncatedSVDTo(nil, uk, sk, vtk, ak, a, k)
}

func truncatedSVDTo(cc *canceller, uk Matrix, sk []float64, vtk, ak, a Matrix, k int) error {
	a = a.fresh(spanOf(uk.Data), spanOf(sk), spanOf(vtk.Data), spanOf(ak.Data))
	const op = "truncated_svd"
	if err := a.finiteMatrix(op, "A"); err != nil {
		return err
	}
	if err := checkK(op, k, min(a.Rows, a.Cols)); err != nil {
		return err
	}
	if err := wantSVD(op, uk, sk, vtk, a.Rows, k, a.Cols); err != nil {
		return err
	}
	if err := ak.want(op, "A_k", a.Rows, a.Cols); err != nil {
		return err
	}
	// The SVD of A/2^e (the same vectors, bit for bit: svd divides by 2^e
	// itself), so that Aₖ = 2^e·(Uₖ·diag(sₖ/2^e))·Vtₖ overflows only where
	// Aₖ does, even when a singular value is beyond the range.
	as, e := scaledCopy(a)
	u, s, vt, err := svd(cc, op, as, true)
	if err != nil {
		return err
	}
	kk := len(s)
	for i := 0; i < a.Rows; i++ {
		copy(uk.Data[i*k:(i+1)*k], u.Data[i*kk:i*kk+k])
	}
	for j := range sk {
		sk[j] = math.Ldexp(s[j], e)
	}
	copy(vtk.Data, vt.Data[:k*a.Cols])
	// Aₖ = (Uₖ·diag(sₖ))·Vtₖ.
	us := uk.Clone()
	for i := 0; i < a.Rows; i++ {
		for j := 0; j < k; j++ {
			us.Data[i*k+j] *= s[j]
		}
	}
	if err := matmulCtx(cc, ak, us, vtk); err != nil {
		return err
	}
	scaleBy(ak.Data, -e)
	return nil
}

// SVDValues returns the singular values of a, descending, without the
// singular vectors. It returns ErrInvalid if a is empty or holds NaN or Inf,
// and ErrNoConvergence as SVD.
func SVDValues(a Matrix) ([]float64, error) {
	if err := a.finiteMatrix("svd", "A"); err != nil {
		return nil, err
	}
	_, s, _, err := svd(nil, "svd", a, false)
	return s, err
}
