package twinmath

import (
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
)

// Decompositions: LU with partial pivoting, Householder QR, Cholesky, the
// singular value decomposition by one-sided Jacobi rotations, and what stands
// on it (truncated SVD, pseudo-inverse, least squares, rank, PCA).
//
// Canonical forms, shared with the Python reference so that results compare
// entry by entry (docs/conventions.md, "Decompositions"):
//
//	lu:  A = P·L·U, P a permutation matrix, L unit lower triangular (m×k),
//	     U upper triangular (k×n), k = min(m, n); the pivot of each column
//	     is its first entry of largest magnitude.
//	qr:  R has a non-negative diagonal.
//	svd: singular values descending; the largest-magnitude entry of each
//	     U[:, i] is positive (the first such entry on ties), and Vt[i] is
//	     flipped with it.

// maxSweeps bounds the sweeps of the Jacobi SVD; LAPACK's dgesvj allows 30.
// Convergence is ultimately quadratic; random matrices from 5×5 to 300×300
// take 6 to 13 sweeps, the last one finding nothing left to rotate.
// A variable so that the tests can provoke ErrNoConvergence.
var maxSweeps = 30

// luFactor factors the n×n matrix a in place for det, inv and solve, whose
// results are compared under a rounding bound: its updates go through
// axpyKernel, with fused multiply-adds where the CPU has them. LU, whose
// factors are compared bit for bit, uses the exact update instead.
func luFactor(a []float64, n int, piv []int) (sign float64, singular bool) {
	return luFactorRect(a, n, n, piv, axpyKernel)
}

// axpyExact computes y[i] += alpha·x[i], rounding each product before the
// sum on every platform (the conversion forbids a fused multiply-add), as
// numpy's row operations do.
func axpyExact(y []float64, alpha float64, x []float64) {
	x = x[:len(y)]
	for i, v := range x {
		y[i] += float64(alpha * v)
	}
}

// luFactorRect overwrites the m×n row-major matrix a with its LU
// factorisation with partial pivoting, P·A = L·U: U on and above the
// diagonal, the multipliers of the unit lower triangle L below it. piv[k] is
// the row swapped with row k at step k (k < min(m, n)), as in LAPACK's ipiv.
// It returns the sign of the permutation and whether some pivot was exactly
// zero; like LAPACK's dgetf2 it completes the factorisation either way.
//
// The pivot of column k is the first entry of largest magnitude on or below
// the diagonal, the choice LAPACK's idamax makes. update(row i, −l, row k)
// performs each row operation; with axpyExact every a[i][j] − l·a[k][j]
// rounds the product before the difference (no fused multiply-add), so the
// factors are the same bits on every platform and in
// the Python reference, which performs the same operations with numpy.
func luFactorRect(a []float64, m, n int, piv []int, update func(y []float64, alpha float64, x []float64)) (sign float64, singular bool) {
	sign = 1
	for k := 0; k < min(m, n); k++ {
		p, big := k, math.Abs(a[k*n+k])
		for i := k + 1; i < m; i++ {
			if v := math.Abs(a[i*n+k]); v > big {
				p, big = i, v
			}
		}
		piv[k] = p
		if p != k {
			rk, rp := a[k*n:(k+1)*n], a[p*n:(p+1)*n]
			for j := range rk {
				rk[j], rp[j] = rp[j], rk[j]
			}
			sign = -sign
		}
		d := a[k*n+k]
		if d == 0 {
			// The whole column below is zero too: nothing to eliminate.
			singular = true
			continue
		}
		// Multiply by the reciprocal of the pivot, as LAPACK's dgetf2 does
		// (unless it would overflow).
		r, recip := 1/d, math.Abs(d) >= 0x1p-1022
		rk := a[k*n+k+1 : (k+1)*n]
		for i := k + 1; i < m; i++ {
			var l float64
			if recip {
				l = a[i*n+k] * r
			} else {
				l = a[i*n+k] / d
			}
			a[i*n+k] = l
			update(a[i*n+k+1:(i+1)*n], -l, rk)
		}
	}
	return sign, singular
}

// finiteMatrix returns ErrShape if a is inconsistent, and ErrInvalid if it
// is empty or holds NaN or Inf.
func (m Matrix) finiteMatrix(op, name string) error {
	if err := m.check(op, name); err != nil {
		return err
	}
	if m.Rows == 0 || m.Cols == 0 {
		return invalidErr(op, "%s is empty", name)
	}
	return checkFinite(op, name, m.Data)
}

// LU returns the LU factorisation with partial pivoting of the m×n matrix a,
// with k = min(m, n):
//
//	A = P·L·U    P m×m permutation, L m×k unit lower triangular, U k×n upper triangular
//
// as scipy.linalg.lu returns it. The pivot of each column is its first entry
// of largest magnitude; a zero pivot (a singular A) is no error, U then has a
// zero on its diagonal. It returns ErrInvalid if a is empty or holds NaN or
// Inf.
func LU(a Matrix) (p, l, u Matrix, err error) {
	k := min(a.Rows, a.Cols)
	p, l, u = NewMatrix(a.Rows, a.Rows), NewMatrix(a.Rows, k), NewMatrix(k, a.Cols)
	return p, l, u, LUTo(p, l, u, a)
}

// LUTo writes the factors of LU(a) into p (m×m), l (m×k) and u (k×n).
func LUTo(p, l, u, a Matrix) error {
	if err := a.finiteMatrix("lu", "A"); err != nil {
		return err
	}
	m, n := a.Rows, a.Cols
	k := min(m, n)
	for _, d := range []struct {
		mat        Matrix
		name       string
		rows, cols int
	}{{p, "P", m, m}, {l, "L", m, k}, {u, "U", k, n}} {
		if err := d.mat.want("lu", d.name, d.rows, d.cols); err != nil {
			return err
		}
	}
	f := a.Clone()
	piv := make([]int, k)
	luFactorRect(f.Data, m, n, piv, axpyExact)
	// perm[i] is the row of A that ended in row i: (Pᵀ·A)[i] = A[perm[i]].
	perm := make([]int, m)
	for i := range perm {
		perm[i] = i
	}
	for i, q := range piv {
		perm[i], perm[q] = perm[q], perm[i]
	}
	clear(p.Data)
	for i, r := range perm {
		p.Data[r*m+i] = 1
	}
	clear(l.Data)
	clear(u.Data)
	for i := 0; i < m; i++ {
		for j := 0; j < min(i, k); j++ {
			l.Data[i*k+j] = f.Data[i*n+j]
		}
		if i < k {
			l.Data[i*k+i] = 1
			copy(u.Data[i*n+i:(i+1)*n], f.Data[i*n+i:(i+1)*n])
		}
	}
	return nil
}

// Cholesky returns the lower triangular L with positive diagonal such that
//
//	A = L·Lᵀ
//
// for a symmetric positive definite a. Like LAPACK's dpotrf (and so
// numpy.linalg.cholesky) it reads only the lower triangle and the diagonal;
// the upper triangle is not checked for symmetry, but must be finite. It
// returns ErrShape if a is not square, ErrInvalid if a is empty or holds NaN
// or Inf, and ErrNotPositiveDefinite if a pivot Aⱼⱼ − Σₖ Lⱼₖ² is not
// positive.
func Cholesky(a Matrix) (Matrix, error) {
	dst := NewMatrix(a.Rows, a.Cols)
	return dst, CholeskyTo(dst, a)
}

// CholeskyTo writes the Cholesky factor of a into dst; see Cholesky.
func CholeskyTo(dst, a Matrix) error {
	if err := a.square("cholesky", "A", true); err != nil {
		return err
	}
	if err := dst.want("cholesky", "L", a.Rows, a.Cols); err != nil {
		return err
	}
	n := a.Rows
	clear(dst.Data)
	// Row by row (Cholesky–Banachiewicz): every sum is a dot product of two
	// contiguous rows of L.
	for i := 0; i < n; i++ {
		li := dst.Data[i*n : i*n+i+1]
		for j := 0; j <= i; j++ {
			lj := dst.Data[j*n : j*n+j]
			s := a.Data[i*n+j] - dot(li[:j], lj)
			if j < i {
				li[j] = s / dst.Data[j*n+j]
				continue
			}
			if !(s > 0) {
				return opError("cholesky", ErrNotPositiveDefinite, "")
			}
			li[i] = math.Sqrt(s)
		}
	}
	return nil
}

// powerOfTwoScale returns the exponent e with max|a| = f·2^e, f in [0.5, 1):
// dividing by 2^e is exact (barring underflow of entries 2¹⁰⁷⁴ times smaller)
// and brings the largest magnitude near 1, so squares neither overflow nor
// lose the largest entries to underflow. It returns 0 for a zero matrix.
func powerOfTwoScale(data []float64) int {
	m := maxAbs(data)
	if m == 0 {
		return 0
	}
	_, e := math.Frexp(m)
	return e
}

// scaledCopy returns a copy of a divided by 2^e, e = powerOfTwoScale(a).
func scaledCopy(a Matrix) (Matrix, int) {
	c := a.Clone()
	e := powerOfTwoScale(c.Data)
	scaleBy(c.Data, e)
	return c, e
}

// scaleBy divides every entry of data by 2^e.
func scaleBy(data []float64, e int) {
	if e == 0 {
		return
	}
	for i, v := range data {
		data[i] = math.Ldexp(v, -e)
	}
}

// householder turns x into a Householder reflector, as LAPACK's dlarfg:
// H = I − τ·v·vᵀ with v = (1, x[1:]) maps (x₀, x[1:]) to (β, 0). It returns
// β and τ and overwrites x[1:] with v[1:]. β = −sign(x₀)·‖x‖, so that
// x₀ − β never cancels; ‖x[1:]‖ is computed with scaling (norm2), and a
// column below 2⁻⁹⁶⁹ in norm is scaled up first.
func householder(x []float64) (beta, tau float64) {
	alpha := x[0]
	xnorm := norm2(x[1:])
	if xnorm == 0 {
		return alpha, 0
	}
	beta = -math.Copysign(math.Hypot(alpha, xnorm), alpha)
	// A column of subnormal size would give τ and v few significant bits:
	// scale it up by powers of two first (exactly), as dlarfg does.
	knt := 0
	for math.Abs(beta) < 0x1p-969 && knt < 2 {
		for i := 1; i < len(x); i++ {
			x[i] = math.Ldexp(x[i], 969)
		}
		alpha = math.Ldexp(alpha, 969)
		beta = -math.Copysign(math.Hypot(alpha, norm2(x[1:])), alpha)
		knt++
	}
	tau = (beta - alpha) / beta
	d := alpha - beta
	if math.Abs(d) >= 0x1p-1022 {
		r := 1 / d
		for i := 1; i < len(x); i++ {
			x[i] *= r
		}
	} else {
		for i := 1; i < len(x); i++ {
			x[i] /= d
		}
	}
	return math.Ldexp(beta, -969*knt), tau
}

// reflect applies H = I − τ·v·vᵀ, v = (1, v[1:]), to y in place.
func reflect(y, v []float64, tau float64) {
	w := tau * (y[0] + dot(v[1:], y[1:]))
	if w == 0 {
		return
	}
	y[0] -= w
	axpy(y[1:], -w, v[1:])
}

// eliminate runs step j of a Householder QR on at, the transpose of an
// m-row matrix with cols columns stored row by row (row c of at is column c):
// it builds the reflector of column j below the diagonal, applies it to the
// columns after j, stores β in the diagonal and the reflector's tail below it,
// and returns τ.
func eliminate(at []float64, m, cols, j int) (tau float64) {
	x := at[j*m+j : (j+1)*m]
	beta, tau := householder(x)
	if tau != 0 {
		for c := j + 1; c < cols; c++ {
			reflect(at[c*m+j:(c+1)*m], x, tau)
		}
	}
	x[0] = beta
	return tau
}

// QR returns the thin QR factorisation of the m×n matrix a, k = min(m, n):
//
//	A = Q·R    Q m×k with orthonormal columns, R k×n upper triangular, Rᵢᵢ ≥ 0
//
// computed with Householder reflections (Golub & Van Loan §5.2). The
// reflections choose the sign that avoids cancellation, as LAPACK's dgeqrf
// does; rows of R with a negative diagonal are then negated with the columns
// of Q, which makes the factorisation unique when the first k columns of A are
// independent. It returns ErrInvalid if a is empty or holds NaN or Inf.
func QR(a Matrix) (q, r Matrix, err error) {
	k := min(a.Rows, a.Cols)
	q, r = NewMatrix(a.Rows, k), NewMatrix(k, a.Cols)
	return q, r, QRTo(q, r, a)
}

// QRTo writes the factors of QR(a) into q (m×k) and r (k×n).
func QRTo(q, r, a Matrix) error {
	if err := a.finiteMatrix("qr", "A"); err != nil {
		return err
	}
	m, n := a.Rows, a.Cols
	k := min(m, n)
	if err := q.want("qr", "Q", m, k); err != nil {
		return err
	}
	if err := r.want("qr", "R", k, n); err != nil {
		return err
	}
	// Work on Aᵀ, so that every column of A is a contiguous row. No scaling
	// of the whole matrix: it would make the entries of a column much smaller
	// than the largest of A subnormal, and lose them; the reflectors are
	// safe on their own (norm2 and Hypot scale, |v[i]| ≤ 1).
	at, _ := Transpose(a)
	tau := make([]float64, k)
	for j := 0; j < k; j++ {
		tau[j] = eliminate(at.Data, m, n, j)
	}
	// R: the upper triangle.
	clear(r.Data)
	for i := 0; i < k; i++ {
		for c := i; c < n; c++ {
			r.Data[i*n+c] = at.Data[c*m+i]
		}
	}
	// Q = H₀·H₁⋯Hₖ₋₁·[I; 0], on Qᵀ, whose rows are the columns of Q.
	qt := householderQ(at, tau, k, m)
	for i := 0; i < k; i++ {
		neg := r.Data[i*n+i] < 0
		if neg {
			for c := i; c < n; c++ {
				r.Data[i*n+c] = -r.Data[i*n+c]
			}
		}
		for row := 0; row < m; row++ {
			v := qt.Data[i*m+row]
			if neg {
				v = -v
			}
			q.Data[row*k+i] = v
		}
	}
	return nil
}

// rotate applies the plane rotation [c −s; s c] to the pair (x, y):
// x ← c·x − s·y, y ← s·x + c·y.
func rotate(x, y []float64, c, s float64) {
	y = y[:len(x)]
	for i, xi := range x {
		yi := y[i]
		x[i] = c*xi - s*yi
		y[i] = s*xi + c*yi
	}
}

// tinySquare is the squared norm below which a row of the scaled matrix
// (largest entry in [0.5, 1)) counts as zero: its dot products would be
// subnormal, too imprecise to orthogonalise it, and its singular value is
// below 2⁻⁴⁵⁰ of the largest, far under the rounding error of the others.
const tinySquare = 0x1p-900

// jacobi orthogonalises the r rows of w (each of length c) with one-sided
// Jacobi (Hestenes) rotations, applying the same rotations to the rows of z
// (r×r) unless z is nil. A pair of rows p, q is rotated when
//
//	|w_p·w_q| > tol·‖w_p‖·‖w_q‖,   tol = √c·ε
//
// the relative criterion of Demmel & Veselić (1992) with LAPACK dgesvj's
// tolerance, which gives singular values to high relative accuracy. A sweep
// visits every pair once in round-robin order (Brent & Luk 1985): each of its
// rounds pairs every row with another, the pairs of a round are disjoint, and
// so they run on all GOMAXPROCS threads — with results that do not depend on
// the number of threads. It reports false if a sweep still rotated after
// maxSweeps sweeps.
func jacobi(w []float64, r, c int, z []float64) bool {
	tol := math.Sqrt(float64(c)) * 0x1p-52
	norms := make([]float64, r)
	// The circle method: slot 0 stays, the others turn one place per round;
	// an odd count gets a dummy row -1.
	slots := make([]int, r+r%2)
	for i := range slots {
		slots[i] = i
	}
	if r%2 == 1 {
		slots[r] = -1
	}
	half := len(slots) / 2
	workers := 1
	if p := runtime.GOMAXPROCS(0); p > 1 && r >= 64 && r*c >= 1<<14 {
		workers = min(p, half)
	}
	rotated := make([]bool, workers)
	var wg sync.WaitGroup
	for sweep := 0; sweep < maxSweeps; sweep++ {
		for p := range norms {
			norms[p] = dot(w[p*c:(p+1)*c], w[p*c:(p+1)*c])
		}
		clear(rotated)
		for round := 0; round < len(slots)-1; round++ {
			if workers == 1 {
				rotated[0] = jacobiPairs(w, c, z, r, norms, slots, 0, half, tol) || rotated[0]
			} else {
				chunk := (half + workers - 1) / workers
				for k := 0; k < workers; k++ {
					lo, hi := k*chunk, min((k+1)*chunk, half)
					wg.Add(1)
					go func(k, lo, hi int) {
						defer wg.Done()
						rotated[k] = jacobiPairs(w, c, z, r, norms, slots, lo, hi, tol) || rotated[k]
					}(k, lo, hi)
				}
				wg.Wait()
			}
			last := slots[len(slots)-1]
			copy(slots[2:], slots[1:len(slots)-1])
			slots[1] = last
		}
		if !slices.Contains(rotated, true) {
			return true
		}
	}
	return false
}

// jacobiPairs rotates the pairs (slots[i], slots[len−1−i]) for lo ≤ i < hi
// of one round, and reports whether it rotated any.
func jacobiPairs(w []float64, c int, z []float64, r int, norms []float64, slots []int, lo, hi int, tol float64) bool {
	rotated := false
	for i := lo; i < hi; i++ {
		p, q := slots[i], slots[len(slots)-1-i]
		if p < 0 || q < 0 {
			continue
		}
		a, b := norms[p], norms[q]
		if a < tinySquare || b < tinySquare {
			continue
		}
		wp, wq := w[p*c:(p+1)*c], w[q*c:(q+1)*c]
		g := dot(wp, wq)
		if math.Abs(g) <= tol*math.Sqrt(a)*math.Sqrt(b) {
			continue
		}
		rotated = true
		// The rotation that makes the pair orthogonal: t = tan θ is the
		// smaller root of t² + 2ζt − 1 = 0 (Rutishauser's form).
		zeta := (b - a) / (2 * g)
		t := math.Copysign(1, zeta) / (math.Abs(zeta) + math.Hypot(1, zeta))
		cs := 1 / math.Sqrt(1+t*t)
		sn := cs * t
		rotate(wp, wq, cs, sn)
		if z != nil {
			rotate(z[p*r:(p+1)*r], z[q*r:(q+1)*r], cs, sn)
		}
		norms[p], norms[q] = a-t*g, b+t*g
		// The updates cancel when a row loses most of its norm; then measure
		// it afresh.
		if norms[p] < a/8 {
			norms[p] = dot(wp, wp)
		}
		if norms[q] < b/8 {
			norms[q] = dot(wq, wq)
		}
	}
	return rotated
}

// svd computes the canonical thin SVD of the finite, non-empty m×n matrix a:
// u is m×k, s has k values, vt is k×n, k = min(m, n). Without wantUV only s
// is computed (u and vt are empty).
//
// It works on T, the tall one of A and Aᵀ (M×N, M ≥ N), orthogonalising the
// columns of T — the rows of Tᵀ, contiguous in memory — by one-sided Jacobi
// rotations: T·V = U·Σ. When T is at least twice as tall as wide, it first
// factors T·P = Q·R with column pivoting and orthogonalises the columns of
// X = Rᵀ (the rows of R) instead, as LAPACK's dgejsv does (Drmač & Veselić
// 2008): the rotations then work on N×N instead of N×M, and with
// X = U_X·Σ·V_Xᵀ, T = (Q·V_X)·Σ·(P·U_X)ᵀ. For squarer T the factorisation
// costs more than the sweeps it saves.
func svd(op string, a Matrix, wantUV bool) (u Matrix, s []float64, vt Matrix, err error) {
	tall := a.Rows >= a.Cols
	var t Matrix
	if tall {
		t = a.Clone()
	} else {
		t, _ = Transpose(a)
	}
	M, N := t.Rows, t.Cols
	e := powerOfTwoScale(t.Data)
	scaleBy(t.Data, e)
	// w: the N rows to orthogonalise, each of length L.
	precondition := M >= 2*N
	var w, qt Matrix
	var perm []int
	if precondition {
		qt, w, perm = qrcp(t, wantUV)
	} else {
		w, _ = Transpose(t)
	}
	L := w.Cols
	var z []float64
	if wantUV {
		z = Identity(N).Data
	}
	if !jacobi(w.Data, N, L, z) {
		return Matrix{}, nil, Matrix{}, opError(op, ErrNoConvergence, "")
	}
	sigma := make([]float64, N)
	for i := range sigma {
		row := w.Data[i*L : (i+1)*L]
		// A tiny row took part in no rotation, so it need not be orthogonal
		// to the others; its singular value counts as zero (tinySquare).
		if dot(row, row) < tinySquare {
			clear(row)
		}
		sigma[i] = norm2(row)
	}
	order := make([]int, N)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return sigma[order[i]] > sigma[order[j]] })
	s = make([]float64, N)
	for i, o := range order {
		s[i] = math.Ldexp(sigma[o], e)
	}
	if !wantUV {
		return Matrix{}, s, Matrix{}, nil
	}
	// Row i of wv: the i-th orthogonalised row, normalised; row i of zv: the
	// accumulated rotations of that row.
	wv, zv := NewMatrix(N, L), NewMatrix(N, N)
	for i, o := range order {
		if sigma[o] > 0 {
			row := w.Data[o*L : (o+1)*L]
			dst := wv.Data[i*L : (i+1)*L]
			for j, x := range row {
				dst[j] = x / sigma[o]
			}
		}
		copy(zv.Data[i*N:(i+1)*N], z[o*N:(o+1)*N])
	}
	complete(wv, s)
	// Rows of uT: the columns of U_T; rows of vT: the columns of V_T.
	uT, vT := wv, zv
	if precondition {
		// U_T = Q·V_X with V_X's columns the rows of zv; V_T = P·U_X, P
		// sending entry j to perm[j].
		uT = NewMatrix(N, M)
		matmul(uT, zv, qt)
		vT = NewMatrix(N, N)
		for i := 0; i < N; i++ {
			for j, p := range perm {
				vT.Data[i*N+p] = wv.Data[i*N+j]
			}
		}
	}
	uRows, vRows := uT, vT // row i: U[:, i] and Vt[i] of A
	if !tall {
		uRows, vRows = vT, uT // A = Tᵀ = V_T·Σ·U_Tᵀ
	}
	// Sign rule: the largest-magnitude entry of U[:, i] positive.
	for i := 0; i < N; i++ {
		ui := uRows.Data[i*uRows.Cols : (i+1)*uRows.Cols]
		best := 0
		for j, x := range ui {
			if math.Abs(x) > math.Abs(ui[best]) {
				best = j
			}
		}
		if ui[best] < 0 {
			for j := range ui {
				ui[j] = -ui[j]
			}
			vi := vRows.Data[i*vRows.Cols : (i+1)*vRows.Cols]
			for j := range vi {
				vi[j] = -vi[j]
			}
		}
	}
	u, _ = Transpose(uRows)
	return u, s, vRows, nil
}

// qrcp computes the Householder QR factorisation with column pivoting of
// the tall M×N matrix t (M ≥ N), t·P = Q·R, as LAPACK's dgeqp3: at step j
// the remaining column of largest norm (measured afresh, with norm2) is
// swapped to the front. It returns the rows of Qᵀ (N×M; only if wantQ), R
// (N×N upper triangular, |R₀₀| ≥ |R₁₁| ≥ …) and perm, with (t·P)[:, j] =
// t[:, perm[j]].
func qrcp(t Matrix, wantQ bool) (qt, r Matrix, perm []int) {
	M, N := t.Rows, t.Cols
	at, _ := Transpose(t) // row c: column c of t, contiguous
	perm = make([]int, N)
	for i := range perm {
		perm[i] = i
	}
	tau := make([]float64, N)
	for j := 0; j < N; j++ {
		best, big := j, -1.0
		for c := j; c < N; c++ {
			if v := norm2(at.Data[c*M+j : (c+1)*M]); v > big {
				best, big = c, v
			}
		}
		if best != j {
			rj, rb := at.Data[j*M:(j+1)*M], at.Data[best*M:(best+1)*M]
			for i := range rj {
				rj[i], rb[i] = rb[i], rj[i]
			}
			perm[j], perm[best] = perm[best], perm[j]
		}
		tau[j] = eliminate(at.Data, M, N, j)
	}
	r = NewMatrix(N, N)
	for i := 0; i < N; i++ {
		for c := i; c < N; c++ {
			r.Data[i*N+c] = at.Data[c*M+i]
		}
	}
	if wantQ {
		qt = householderQ(at, tau, N, M)
	}
	return qt, r, perm
}

// householderQ returns the first k columns of Q = H₀·H₁⋯Hₖ₋₁, as the rows of
// a k×m matrix, from reflectors stored below the diagonal of the rows of at
// (k×m or more rows; row j holds v_j from entry j + 1 on). The product is
// accumulated backwards, each reflector touching only the columns it can
// change.
func householderQ(at Matrix, tau []float64, k, m int) Matrix {
	qt := NewMatrix(k, m)
	for i := 0; i < k; i++ {
		qt.Data[i*m+i] = 1
	}
	for j := k - 1; j >= 0; j-- {
		if tau[j] == 0 {
			continue
		}
		v := at.Data[j*m+j : (j+1)*m]
		saved := v[0]
		v[0] = 1
		for c := j; c < k; c++ {
			reflect(qt.Data[c*m+j:(c+1)*m], v, tau[j])
		}
		v[0] = saved
	}
	return qt
}

// complete replaces the rows of q whose singular value is zero with unit
// vectors orthogonal to every other row: each is the standard basis vector
// with the largest component outside the span of the rows so far,
// orthogonalised twice (Gram–Schmidt, "twice is enough").
func complete(q Matrix, s []float64) {
	c := q.Cols
	for i, sv := range s {
		if sv > 0 {
			continue
		}
		done := func(j int) bool { return j != i && (s[j] > 0 || j < i) }
		bestJ, bestN := 0, -1.0
		v := make([]float64, c)
		for j := 0; j < c; j++ {
			clear(v)
			v[j] = 1
			orthogonalise(v, q, done)
			if n := norm2(v); n > bestN {
				bestJ, bestN = j, n
			}
		}
		clear(v)
		v[bestJ] = 1
		orthogonalise(v, q, done)
		orthogonalise(v, q, done)
		nv := norm2(v)
		row := q.Data[i*c : (i+1)*c]
		for j := range row {
			row[j] = v[j] / nv
		}
	}
}

// orthogonalise removes from v its components along the rows j of q with
// use(j).
func orthogonalise(v []float64, q Matrix, use func(int) bool) {
	for j := 0; j < q.Rows; j++ {
		if use(j) {
			row := q.Data[j*q.Cols : (j+1)*q.Cols]
			axpy(v, -dot(row, v), row)
		}
	}
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
// It uses one-sided Jacobi rotations (Hestenes 1958; Demmel & Veselić 1992)
// on the columns of a tall A or the rows of a wide one (after a QR
// factorisation with column pivoting when A is at least twice as tall as
// wide, or wide as tall), after an exact scaling by a power of two, on all
// GOMAXPROCS threads for large matrices with the same result on any number
// of them. Singular values come out with high relative accuracy,
// also for graded matrices, down to 2⁻⁴⁵⁰ ≈ 3e−136 of the largest (smaller
// ones are returned as 0, far below the rounding error of the largest). It returns ErrInvalid if a is empty or holds NaN
// or Inf, and ErrNoConvergence if 30 sweeps do not suffice.
func SVD(a Matrix) (u Matrix, s []float64, vt Matrix, err error) {
	if err := a.finiteMatrix("svd", "A"); err != nil {
		return Matrix{}, nil, Matrix{}, err
	}
	return svd("svd", a, true)
}

// SVDTo writes the factors of SVD(a) into u (m×k), s (k) and vt (k×n).
func SVDTo(u Matrix, s []float64, vt Matrix, a Matrix) error {
	if err := a.finiteMatrix("svd", "A"); err != nil {
		return err
	}
	k := min(a.Rows, a.Cols)
	if err := wantSVD("svd", u, s, vt, a.Rows, k, a.Cols); err != nil {
		return err
	}
	uu, ss, vv, err := svd("svd", a, true)
	if err != nil {
		return err
	}
	copy(u.Data, uu.Data)
	copy(s, ss)
	copy(vt.Data, vv.Data)
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
	if err := a.finiteMatrix("truncated_svd", "A"); err != nil {
		return Matrix{}, nil, Matrix{}, Matrix{}, err
	}
	if err := checkK("truncated_svd", k, min(a.Rows, a.Cols)); err != nil {
		return Matrix{}, nil, Matrix{}, Matrix{}, err
	}
	uk, sk, vtk, ak = NewMatrix(a.Rows, k), make([]float64, k), NewMatrix(k, a.Cols), NewMatrix(a.Rows, a.Cols)
	return uk, sk, vtk, ak, TruncatedSVDTo(uk, sk, vtk, ak, a, k)
}

// TruncatedSVDTo writes the results of TruncatedSVD(a, k) into uk (m×k),
// sk (k), vtk (k×n) and ak (m×n).
func TruncatedSVDTo(uk Matrix, sk []float64, vtk, ak, a Matrix, k int) error {
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
	u, s, vt, err := svd(op, a, true)
	if err != nil {
		return err
	}
	kk := len(s)
	for i := 0; i < a.Rows; i++ {
		copy(uk.Data[i*k:(i+1)*k], u.Data[i*kk:i*kk+k])
	}
	copy(sk, s[:k])
	copy(vtk.Data, vt.Data[:k*a.Cols])
	// Aₖ = (Uₖ·diag(sₖ))·Vtₖ.
	us := uk.Clone()
	for i := 0; i < a.Rows; i++ {
		for j := 0; j < k; j++ {
			us.Data[i*k+j] *= sk[j]
		}
	}
	matmul(ak, us, vtk)
	return nil
}

// SVDValues returns the singular values of a, descending, without the
// singular vectors. It returns ErrInvalid if a is empty or holds NaN or Inf,
// and ErrNoConvergence as SVD.
func SVDValues(a Matrix) ([]float64, error) {
	if err := a.finiteMatrix("svd", "A"); err != nil {
		return nil, err
	}
	_, s, _, err := svd("svd", a, false)
	return s, err
}

// pinvFromSVD returns V·diag(1/sᵢ)·Uᵀ over the singular values above cutoff.
func pinvFromSVD(u Matrix, s []float64, vt Matrix, cutoff float64) (vr, ur Matrix) {
	r := 0
	for r < len(s) && s[r] > cutoff {
		r++
	}
	m, n, k := u.Rows, vt.Cols, len(s)
	// vr = V_r (n×r), ur = diag(1/s)·U_rᵀ (r×m).
	vr, ur = NewMatrix(n, r), NewMatrix(r, m)
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
// if a is empty or holds NaN or Inf, or if rcond is negative or not finite,
// and ErrNoConvergence as SVD.
func Pinv(a Matrix, rcond float64) (Matrix, error) {
	dst := NewMatrix(a.Cols, a.Rows)
	return dst, PinvTo(dst, a, rcond)
}

// PinvTo writes Pinv(a, rcond) into dst (n×m).
func PinvTo(dst, a Matrix, rcond float64) error {
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
	as, e := scaledCopy(a)
	u, s, vt, err := svd("pinv", as, true)
	if err != nil {
		return err
	}
	vr, ur := pinvFromSVD(u, s, vt, rcond*s[0])
	matmul(dst, vr, ur)
	scaleBy(dst.Data, e)
	return nil
}

// Lstsq returns the minimum-norm least-squares solution of A·X ≈ B for an
// m×n matrix a and b of m rows (a vector is the m×1 matrix holding it):
//
//	X = A⁺·B = V·diag(1/sᵢ)·Uᵀ·B   over the sᵢ > rcond·s₀
//
// the solution numpy.linalg.lstsq returns first (LAPACK's dgelsd); singular
// values at or below the cutoff count as zero, so a rank-deficient A gives
// the solution of least norm. A negative rcond selects numpy's default,
// max(m, n)·ε. It returns ErrShape if b.Rows != a.Rows, ErrInvalid if a is
// empty, a or b holds NaN or Inf, or rcond is NaN or infinite, and
// ErrNoConvergence as SVD.
func Lstsq(a, b Matrix, rcond float64) (Matrix, error) {
	dst := NewMatrix(a.Cols, b.Cols)
	return dst, LstsqTo(dst, a, b, rcond)
}

// LstsqTo writes Lstsq(a, b, rcond) into dst (n×k).
func LstsqTo(dst, a, b Matrix, rcond float64) error {
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
	// X(A) = c·X(c·A) for c = 2⁻ᵉ, as in Pinv.
	as, e := scaledCopy(a)
	u, s, vt, err := svd(op, as, true)
	if err != nil {
		return err
	}
	vr, ur := pinvFromSVD(u, s, vt, rcond*s[0])
	// X = V_r·(diag(1/s)·U_rᵀ·B): the small product first.
	c := NewMatrix(ur.Rows, b.Cols)
	matmul(c, ur, b)
	matmul(dst, vr, c)
	scaleBy(dst.Data, e)
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
	if err := a.finiteMatrix("matrix_rank", "A"); err != nil {
		return 0, err
	}
	_, s, _, err := svd("matrix_rank", a, false)
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

// PCA returns the first k principal components of the data x (one sample per
// row, one feature per column), the variance each explains, and the data
// projected onto them. With Xc the centred data (each column minus its mean)
// and Xc = U·diag(s)·Vt its SVD in canonical form:
//
//	components = Vt[:k]                  k×d, orthonormal rows
//	explained  = s[:k]² / (N − 1)        the sample variance along each (ddof = 1)
//	projected  = Xc·componentsᵀ          N×k
//
// It returns ErrInvalid if x is empty, has fewer than two samples, holds NaN
// or Inf, or unless 1 ≤ k ≤ min(N, d), and ErrNoConvergence as SVD.
func PCA(x Matrix, k int) (components Matrix, explained []float64, projected Matrix, err error) {
	if err := checkPCA(x, k); err != nil {
		return Matrix{}, nil, Matrix{}, err
	}
	components, explained, projected = NewMatrix(k, x.Cols), make([]float64, k), NewMatrix(x.Rows, k)
	return components, explained, projected, PCATo(components, explained, projected, x, k)
}

func checkPCA(x Matrix, k int) error {
	const op = "pca"
	if err := x.check(op, "X"); err != nil {
		return err
	}
	if x.Rows == 0 || x.Cols == 0 {
		return invalidErr(op, "X is empty")
	}
	if x.Rows < 2 {
		return invalidErr(op, "X needs at least two samples, got %d", x.Rows)
	}
	if err := checkFinite(op, "X", x.Data); err != nil {
		return err
	}
	return checkK(op, k, min(x.Rows, x.Cols))
}

// PCATo writes the results of PCA(x, k) into components (k×d), explained (k)
// and projected (N×k).
func PCATo(components Matrix, explained []float64, projected, x Matrix, k int) error {
	const op = "pca"
	if err := checkPCA(x, k); err != nil {
		return err
	}
	N, d := x.Rows, x.Cols
	if err := components.want(op, "components", k, d); err != nil {
		return err
	}
	if len(explained) != k {
		return shapeErr(op, "explained_variance has length %d, want %d", len(explained), k)
	}
	if err := projected.want(op, "projected", N, k); err != nil {
		return err
	}
	mean := make([]float64, d)
	for i := 0; i < N; i++ {
		axpy(mean, 1, x.Row(i))
	}
	for j := range mean {
		mean[j] /= float64(N)
	}
	xc := x.Clone()
	for i := 0; i < N; i++ {
		axpy(xc.Row(i), -1, mean)
	}
	_, s, vt, err := svd(op, xc, true)
	if err != nil {
		return err
	}
	copy(components.Data, vt.Data[:k*d])
	for i := range explained {
		explained[i] = s[i] * s[i] / float64(N-1)
	}
	ct, _ := Transpose(components)
	matmul(projected, xc, ct)
	return nil
}
