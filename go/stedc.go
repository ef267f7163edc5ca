package twinmath

import (
	"math"
	"slices"
)

// Divide and conquer for the eigenvectors of a symmetric tridiagonal matrix
// (Cuppen's method as LAPACK's dstedc and dlaed0–dlaed4 arrange it, with
// the eigenvectors of Gu and Eisenstat). The matrix is torn in two at its
// middle off-diagonal entry β,
//
//	T = diag(T₁, T₂) + |β|·v·vᵀ,   v = (0, …, 0, 1, ±1, 0, …, 0),
//
// (|β| taken off the two diagonal entries beside the tear), the halves are
// solved (recursively, down to blocks of dcLeaf rows, which the implicit QL
// iteration solves), and the rank-one modification of their eigenvalues,
// D + ρ·z·zᵀ, is solved from the secular equation
//
//	f(λ) = 1/ρ + Σⱼ zⱼ²/(dⱼ − λ) = 0.
//
// Components of z below a tolerance and pairs of nearly equal dⱼ are
// deflated first (their eigenpairs are those of D, up to a rotation of the
// pair); each remaining root is found by a rational iteration in its
// interval between two poles, with its distance from the nearer pole as
// unknown so that every difference dⱼ − λᵢ is computed accurately. z is
// then recomputed from the roots (Löwner's formula), which makes the
// computed eigenvectors of D + ρ·z·zᵀ orthogonal to working accuracy, and
// the eigenvectors of T are those of the halves times them: a matrix
// product, where nearly all the work is. The result is the same orthogonal
// diagonalisation as the QL iteration's, with the backward error
// O(n·ε·‖T‖) of both (Gu and Eisenstat, SIAM J. Matrix Anal. Appl. 16,
// 1995).

// dcLeaf is the order of the blocks left to the QL iteration (LAPACK's
// SMLSIZ).
const dcLeaf = 25

// dcMin is the order from which eighTo uses divide and conquer.
const dcMin = 2 * dcLeaf

// tridiagDC diagonalises the symmetric tridiagonal matrix (d, off) (off[i]
// couples i and i+1; off[n−1] is ignored), leaving its eigenvalues in d
// (unsorted) and writing into the rows of w (n×n) the unit eigenvectors
// that go with them. off is destroyed. It returns ErrNoConvergence if the QL
// iteration of a block fails, and stops with the error of cc when cc is
// cancelled.
func tridiagDC(cc *canceller, d, off, w []float64, n int) error {
	// Scale T by a power of two to a largest entry near one (exactly), so
	// that the deflation tolerance, relative to the entries, meets z (a
	// unit vector) on the same scale.
	big := math.Max(maxAbs(d), maxAbs(off[:n-1]))
	e := 0
	if big != 0 {
		_, e = math.Frexp(big)
		for i := range d {
			d[i] = math.Ldexp(d[i], -e)
		}
		for i := range off[:n-1] {
			off[i] = math.Ldexp(off[i], -e)
		}
	}
	clear(w[:n*n])
	s := dcSolver{cc: cc, d: d, off: off, w: w, n: n}
	if err := s.solve(0, n); err != nil {
		return err
	}
	for i := range d {
		d[i] = math.Ldexp(d[i], e)
	}
	return nil
}

// dcSolver holds the matrix the recursion works on: the subproblem of rows
// lo..hi−1 keeps its eigenvalues in d[lo:hi] and its eigenvectors in the
// rows of the diagonal block w[lo:hi, lo:hi] (stride n; zero outside the
// diagonal blocks of the subproblems solved).
type dcSolver struct {
	cc     *canceller
	d, off []float64
	w      []float64
	n      int
}

func (s *dcSolver) solve(lo, hi int) error {
	m := hi - lo
	if m <= dcLeaf {
		return s.leaf(lo, hi)
	}
	mid := lo + m/2
	beta := s.off[mid-1]
	rho := math.Abs(beta)
	s.d[mid-1] -= rho
	s.d[mid] -= rho
	if err := s.solve(lo, mid); err != nil {
		return err
	}
	if err := s.solve(mid, hi); err != nil {
		return err
	}
	return s.merge(lo, mid, hi, rho, beta < 0)
}

// leaf solves the block lo..hi−1 by the implicit QL iteration.
func (s *dcSolver) leaf(lo, hi int) error {
	m, n := hi-lo, s.n
	ws := s.cc.scratch()
	mk := ws.mark()
	defer ws.release(mk)
	off := ws.floats(m)
	copy(off, s.off[lo:hi-1])
	z := ws.floats(m * m)
	for i := 0; i < m; i++ {
		z[i*m+i] = 1
	}
	if err := implicitQL(s.cc, s.d[lo:hi], off, z, m); err != nil {
		return err
	}
	for i := 0; i < m; i++ {
		copy(s.w[(lo+i)*n+lo:(lo+i)*n+hi], z[i*m:(i+1)*m])
	}
	return nil
}

// merge solves the block lo..hi−1 from its halves lo..mid−1 and mid..hi−1,
// torn apart by ρ·v·vᵀ (v's second one negative if neg).
func (s *dcSolver) merge(lo, mid, hi int, rho float64, neg bool) error {
	n, m, n1 := s.n, hi-lo, mid-lo
	row := func(i int) []float64 { return s.w[(lo+i)*n+lo : (lo+i)*n+hi] }
	// z = diag(Q₁, Q₂)ᵀ·v: the last component of each eigenvector of the
	// first half, ± the first of each of the second; scaled to a unit
	// vector (‖z‖² = 2), ρ doubled.
	d := s.d[lo:hi]
	ws := s.cc.scratch()
	mk := ws.mark()
	defer ws.release(mk)
	z := ws.floats(m)
	for i := 0; i < m; i++ {
		if i < n1 {
			z[i] = row(i)[n1-1] / math.Sqrt2
		} else {
			z[i] = row(i)[n1] / math.Sqrt2
			if neg {
				z[i] = -z[i]
			}
		}
	}
	rho *= 2
	// Sort the eigenvalues of the halves; r[i] is the row of the i-th.
	r := ws.ints(m)
	for i := range r {
		r[i] = i
	}
	slices.SortStableFunc(r, func(a, b int) int { return ascending(d[a], d[b]) })
	ds, zs := ws.floats(m), ws.floats(m)
	for i, k := range r {
		ds[i], zs[i] = d[k], z[k]
	}
	// Which halves each row has entries in (bit 1: the first, bit 2: the
	// second); a deflating rotation of two rows gives both the union.
	side := ws.ints(m)
	for i, k := range r {
		side[i] = 1
		if k >= n1 {
			side[i] = 2
		}
	}
	// Deflation (LAPACK's dlaed2): a component ρ·|zⱼ| ≤ tol leaves dⱼ an
	// eigenvalue; two poles closer than tol (after the rotation that zeroes
	// the first one's component) leave the first.
	tol := 8 * eigULP * math.Max(maxAbs(ds), maxAbs(zs))
	keep, defl := ws.ints(m)[:0], ws.ints(m)[:0] // m entries in all
	jl := -1
	for j := 0; j < m; j++ {
		if rho*math.Abs(zs[j]) <= tol {
			defl = append(defl, j)
			continue
		}
		if jl < 0 {
			jl = j
			continue
		}
		sv, cv := zs[jl], zs[j]
		tau := math.Hypot(cv, sv)
		t := ds[j] - ds[jl]
		cv /= tau
		sv = -sv / tau
		if math.Abs(t*cv*sv) <= tol {
			zs[j], zs[jl] = tau, 0
			rotRows(row(r[jl]), row(r[j]), cv, sv)
			side[jl] |= side[j]
			side[j] = side[jl]
			t = ds[jl]*cv*cv + ds[j]*sv*sv
			ds[j] = ds[jl]*sv*sv + ds[j]*cv*cv
			ds[jl] = t
			defl = append(defl, jl)
		} else {
			keep = append(keep, jl)
		}
		jl = j
	}
	if jl >= 0 {
		keep = append(keep, jl)
	}
	k := len(keep)
	dl, zl := ws.floats(k), ws.floats(k)
	for i, j := range keep {
		dl[i], zl[i] = ds[j], zs[j]
	}
	// The roots: λᵢ = dl[org[i]] + tau[i]; then delta[i*k+j] = dl[j] − λᵢ,
	// accurately; Löwner's ẑ; and the eigenvectors uᵢ. Each root, row of
	// delta, ẑⱼ and uᵢ is computed alone, so large merges share them among
	// threads with the same bits.
	org, tau := ws.ints(k), ws.floats(k)
	delta, zh, u := ws.floatsRaw(k*k), ws.floatsRaw(k), ws.matrixRaw(k, k) // written in full below
	sec := secular{dl: dl, zl: zl, rho: rho, org: org, tau: tau, delta: delta, zh: zh, u: u.Data}
	if k < parallelMerge || MaxThreads() == 1 {
		sec.roots(0, k)
		sec.deltas(0, k)
		sec.lowner(0, k)
		sec.vectors(0, k)
	} else {
		forRanges(k, mergeGrain, sec.roots)
		forRanges(k, mergeGrain, sec.deltas)
		forRanges(k, mergeGrain, sec.lowner)
		forRanges(k, mergeGrain, sec.vectors)
	}
	if err := s.cc.tick(20 * k * k); err != nil {
		return err
	}
	// New rows: uᵢ combines the rows keep[·] of the halves; the left n1
	// columns come from the rows with entries in the first half, the
	// right ones from those with entries in the second.
	out := ws.floats(m * m)
	cols := ws.ints(k)
	for part := 0; part < 2; part++ {
		bit, c0, c1 := 1, 0, n1
		if part == 1 {
			bit, c0, c1 = 2, n1, m
		}
		cols := cols[:0]
		for j, kj := range keep {
			if side[kj]&bit != 0 {
				cols = append(cols, j)
			}
		}
		if len(cols) == 0 {
			continue
		}
		w := c1 - c0
		ua, bb, prod := ws.matrixRaw(k, len(cols)), ws.matrixRaw(len(cols), w), ws.matrixRaw(k, w) // written in full
		for i := 0; i < k; i++ {
			for c, j := range cols {
				ua.Data[i*len(cols)+c] = u.Data[i*k+j]
			}
		}
		for c, j := range cols {
			copy(bb.Data[c*w:(c+1)*w], row(r[keep[j]])[c0:c1])
		}
		if err := matmulCtx(s.cc, prod, ua, bb); err != nil {
			return err
		}
		for i := 0; i < k; i++ {
			copy(out[i*m+c0:i*m+c1], prod.Data[i*w:(i+1)*w])
		}
	}
	for i, j := range defl {
		copy(out[(k+i)*m:(k+i+1)*m], row(r[j]))
	}
	for i := 0; i < k; i++ {
		d[i] = dl[org[i]] + tau[i]
	}
	for i, j := range defl {
		d[k+i] = ds[j]
	}
	for i := 0; i < m; i++ {
		copy(row(i), out[i*m:(i+1)*m])
	}
	return nil
}

// secularRoot returns the i-th root λ of 1/ρ + Σⱼ z[j]²/(d[j] − λ) = 0,
// for d strictly increasing, z without zeros and ρ > 0, as an origin o (an
// index of d) and the distance tau = λ − d[o], o the pole nearer the root.
// The root lies between d[i] and d[i+1] (between d[k−1] and d[k−1] + ρ·‖z‖²
// for the last one); it is found by the rational iteration of Gragg (the
// secular function approximated, at each step, by one with the two poles
// beside the root, whose value and slope are those of the sums on either
// side of it), kept within a bracket by bisection.
func secularRoot(d, z []float64, rho float64, i int) (o int, tau float64) {
	k := len(d)
	if k == 1 {
		return 0, rho * z[0] * z[0]
	}
	// The two poles beside the root: p1 = d[il], p2 = d[il+1].
	il := i
	var lo, hi float64
	last := i == k-1
	if last {
		il = k - 2
		o = k - 1
		lo, hi = 0, rho*dotSelf(z)
	} else {
		gap := d[i+1] - d[i]
		// f at the midpoint decides which pole is nearer.
		mid := 0.5 * gap
		sum, _ := secularKernel(z, d, d[i], mid)
		f := 1/rho + sum
		if f >= 0 {
			o, lo, hi = i, 0, mid
		} else {
			o, lo, hi = i+1, -mid, 0
		}
	}
	org := d[o]
	p1, p2 := d[il]-org, d[il+1]-org
	tau = 0.5 * (lo + hi)
	for iter := 0; iter < 400; iter++ {
		psi, dpsi := secularKernel(z[:il+1], d, org, tau)
		phi, dphi := secularKernel(z[il+1:], d[il+1:], org, tau)
		f := 1/rho + psi + phi
		if f == 0 {
			return o, tau
		}
		// f rises with λ: the root is right of tau when f < 0.
		if f < 0 {
			lo = tau
		} else {
			hi = tau
		}
		errBound := 8*(phi-psi+1/rho) + math.Abs(tau)*(dpsi+dphi)
		if math.Abs(f) <= eigULP*errBound || hi-lo <= 2*eigULP*math.Max(math.Abs(lo), math.Abs(hi)) {
			return o, tau
		}
		// The model c + b1/(p1 − x) + b2/(p2 − x) with the value and slope
		// of ψ and φ at tau; its root in the bracket is the next tau.
		q1, q2 := p1-tau, p2-tau
		b1, b2 := dpsi*q1*q1, dphi*q2*q2
		c := 1/rho + (psi - b1/q1) + (phi - b2/q2)
		next := math.NaN()
		qa := c
		qb := -(c*(p1+p2) + b1 + b2)
		qc := c*p1*p2 + b1*p2 + b2*p1
		if qa == 0 {
			if qb != 0 {
				next = -qc / qb
			}
		} else if disc := qb*qb - 4*qa*qc; disc >= 0 {
			q := -0.5 * (qb + math.Copysign(math.Sqrt(disc), qb))
			x1, x2 := q/qa, math.NaN()
			if q != 0 {
				x2 = qc / q
			}
			if x1 > lo && x1 < hi {
				next = x1
			} else if x2 > lo && x2 < hi {
				next = x2
			}
		}
		if !(next > lo && next < hi) {
			next = 0.5 * (lo + hi)
		}
		if next == tau {
			return o, tau
		}
		tau = next
	}
	return o, tau
}

// dotSelf returns Σ x[i]².
func dotSelf(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return s
}

// parallelMerge is the number of roots from which a merge shares its
// secular equation's roots and vectors among threads.
const parallelMerge = 64

// mergeGrain is the number of roots (or rows, or entries of ẑ) in one
// block of a shared merge.
const mergeGrain = 16

// secular holds a merge's secular equation (the poles dl, the weights zl,
// rho) and what merge computes from it, by ranges of indices.
type secular struct {
	dl, zl []float64
	rho    float64
	org    []int
	tau    []float64
	delta  []float64 // k×k: delta[i*k+j] = dl[j] − λᵢ
	zh     []float64
	u      []float64 // k×k: row i is uᵢ
}

// roots finds the roots i in [lo, hi): λᵢ = dl[org[i]] + tau[i].
func (q secular) roots(lo, hi int) {
	for i := lo; i < hi; i++ {
		q.org[i], q.tau[i] = secularRoot(q.dl, q.zl, q.rho, i)
	}
}

// deltas fills the rows [lo, hi) of delta.
func (q secular) deltas(lo, hi int) {
	k := len(q.dl)
	for i := lo; i < hi; i++ {
		o := q.dl[q.org[i]]
		row := q.delta[i*k : (i+1)*k]
		for j := range row {
			row[j] = (q.dl[j] - o) - q.tau[i]
		}
	}
}

// lowner computes ẑⱼ for j in [lo, hi) by Löwner's formula: ẑⱼ² =
// Πᵢ(λᵢ − dⱼ) / (ρ·Πᵢ≠ⱼ(dᵢ − dⱼ)), as a product of positive ratios (each
// dᵢ paired with a root beside it).
func (q secular) lowner(lo, hi int) {
	k, dl, delta := len(q.dl), q.dl, q.delta
	for j := lo; j < hi; j++ {
		p := -delta[(k-1)*k+j] / q.rho
		for i := 0; i < j; i++ {
			p *= -delta[i*k+j] / (dl[i] - dl[j])
		}
		for i := j + 1; i < k; i++ {
			p *= -delta[(i-1)*k+j] / (dl[i] - dl[j])
		}
		q.zh[j] = math.Copysign(math.Sqrt(math.Abs(p)), q.zl[j])
	}
}

// vectors computes the eigenvectors uᵢ of D + ρ·z·zᵀ for i in [lo, hi):
// uᵢ[j] = ẑⱼ/(dⱼ − λᵢ), normalised.
func (q secular) vectors(lo, hi int) {
	k := len(q.dl)
	for i := lo; i < hi; i++ {
		ui := q.u[i*k : (i+1)*k]
		for j := range ui {
			ui[j] = q.zh[j] / q.delta[i*k+j]
		}
		nrm := norm2(ui)
		for j := range ui {
			ui[j] /= nrm
		}
	}
}
