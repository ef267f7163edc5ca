package twinmath

import (
	"math"
	"slices"
	"sort"
	"sync"
)

// maxSweeps bounds the sweeps of the Jacobi SVD; LAPACK's dgesvj allows 30.
// Convergence is ultimately quadratic; random matrices from 5×5 to 300×300
// take 6 to 13 sweeps, the last one finding nothing left to rotate.
// A variable so that the tests can provoke ErrNoConvergence.
var maxSweeps = 30

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
// maxSweeps sweeps, and stops with the error of cc, which it looks at after
// every round, when cc is cancelled.
func jacobi(cc *canceller, w []float64, r, c int, z []float64) (bool, error) {
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
	if p := MaxThreads(); p > 1 && r >= 64 && r*c >= 1<<14 {
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
			if err := cc.tick(half * (c + r) * 3); err != nil {
				return false, err
			}
		}
		if !slices.Contains(rotated, true) {
			return true, nil
		}
	}
	return false, nil
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
//
// It stops with the error of cc when cc is cancelled.
func svd(cc *canceller, op string, a Matrix, wantUV bool) (u Matrix, s []float64, vt Matrix, err error) {
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
		qt, w, perm, err = qrcp(cc, t, wantUV)
		if err != nil {
			return Matrix{}, nil, Matrix{}, err
		}
	} else {
		w, _ = Transpose(t)
	}
	L := w.Cols
	var z []float64
	if wantUV {
		z = Identity(N).Data
	}
	if ok, err := jacobi(cc, w.Data, N, L, z); err != nil {
		return Matrix{}, nil, Matrix{}, err
	} else if !ok {
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
	if err := complete(cc, wv, s); err != nil {
		return Matrix{}, nil, Matrix{}, err
	}
	// Rows of uT: the columns of U_T; rows of vT: the columns of V_T.
	uT, vT := wv, zv
	if precondition {
		// U_T = Q·V_X with V_X's columns the rows of zv; V_T = P·U_X, P
		// sending entry j to perm[j].
		uT = NewMatrix(N, M)
		if err := matmulCtx(cc, uT, zv, qt); err != nil {
			return Matrix{}, nil, Matrix{}, err
		}
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
// t[:, perm[j]]. It stops with the error of cc when cc is cancelled.
func qrcp(cc *canceller, t Matrix, wantQ bool) (qt, r Matrix, perm []int, err error) {
	M, N := t.Rows, t.Cols
	at, _ := Transpose(t) // row c: column c of t, contiguous
	perm = make([]int, N)
	for i := range perm {
		perm[i] = i
	}
	tau := make([]float64, N)
	for j := 0; j < N; j++ {
		if err := cc.tick((M - j) * (N - j)); err != nil {
			return Matrix{}, Matrix{}, nil, err
		}
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
		if qt, err = householderQ(cc, at, tau, N, M); err != nil {
			return Matrix{}, Matrix{}, nil, err
		}
	}
	return qt, r, perm, nil
}

// complete replaces the rows of q whose singular value is zero with unit
// vectors orthogonal to every other row: each is the standard basis vector
// with the largest component outside the span of the rows so far,
// orthogonalised twice (Gram–Schmidt, "twice is enough"). It stops with the
// error of cc when cc is cancelled.
func complete(cc *canceller, q Matrix, s []float64) error {
	c := q.Cols
	for i, sv := range s {
		if sv > 0 {
			continue
		}
		done := func(j int) bool { return j != i && (s[j] > 0 || j < i) }
		bestJ, bestN := 0, -1.0
		v := make([]float64, c)
		for j := 0; j < c; j++ {
			if err := cc.tick(q.Rows * c); err != nil {
				return err
			}
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
	return nil
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
	return uk, sk, vtk, ak, truncatedSVDTo(cc, uk, sk, vtk, ak, a, k)
}

// TruncatedSVDTo writes the results of TruncatedSVD(a, k) into uk (m×k),
// sk (k), vtk (k×n) and ak (m×n).
func TruncatedSVDTo(uk Matrix, sk []float64, vtk, ak, a Matrix, k int) error {
	return truncatedSVDTo(nil, uk, sk, vtk, ak, a, k)
}

func truncatedSVDTo(cc *canceller, uk Matrix, sk []float64, vtk, ak, a Matrix, k int) error {
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
	u, s, vt, err := svd(cc, op, a, true)
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
	return matmulCtx(cc, ak, us, vtk)
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
