package twinmath

import "math"

// The SVD of an upper bidiagonal matrix by implicit-shift QR, as LAPACK's
// dbdsqr (Demmel & Kahan 1990, "Accurate singular values of bidiagonal
// matrices"): each sweep chases a bulge from the top of an unreduced block
// to its bottom with plane rotations from the right and the left; the shift
// is the smaller singular value of the trailing 2×2 block, or zero when a
// shift would spoil the relative accuracy of the small singular values
// (the zero-shift sweep computes every entry without cancellation).
// Off-diagonal entries are set to zero by Demmel and Kahan's relative
// criteria, so the singular values of B come out with relative accuracy
// O(n·ε) each; every rotation is exactly orthogonal to within ε, so the
// vectors are those of B + F with ‖F‖₂ = O(n²·ε·‖B‖₂) at most (in practice
// O(n·ε)), the bound the residual checks certify.

const (
	bdEps = 0x1p-53 // LAPACK's dlamch('E'): unit roundoff
	// bdTol = max(10, min(100, ε^(−1/8)))·ε, dbdsqr's relative tolerance.
	bdTol = 98.70112 * bdEps
)

// bdIterFactor bounds the sweeps: bdIterFactor·n² inner steps in all, as
// dbdsqr's MAXITR = 6. A variable so that the tests can provoke
// ErrNoConvergence.
var bdIterFactor = 6

// rotRows applies the rotation [c s; −s c] to the rows x and y:
// x ← c·x + s·y, y ← c·y − s·x (LAPACK's drot).
func rotRows(x, y []float64, c, s float64) { rotKernel(x, y[:len(x)], c, s) }

// pythag returns √(a² + b²) as math.Hypot does, directly from the squares
// when neither can overflow and the larger cannot underflow (then the
// smaller's square is negligible even if it does): the sweeps of the
// bidiagonal and tridiagonal QR compute one or two per rotation.
func pythag(a, b float64) float64 {
	a, b = math.Abs(a), math.Abs(b)
	if a < 0x1p500 && b < 0x1p500 && (a > 0x1p-500 || b > 0x1p-500) {
		return math.Sqrt(a*a + b*b)
	}
	return math.Hypot(a, b)
}

// givens returns c, s and r with [c s; −s c]·(f, g) = (r, 0), c² + s² = 1
// (LAPACK's dlartg, up to the signs, which the sweeps do not need).
func givens(f, g float64) (c, s, r float64) {
	switch {
	case g == 0:
		return 1, 0, f
	case f == 0:
		return 0, 1, g
	}
	r = pythag(f, g)
	if math.Abs(f) > math.Abs(g) && f < 0 {
		r = -r
	}
	return f / r, g / r, r
}

// svd2x2 returns the singular value decomposition of the upper triangular
// [f g; 0 h], as LAPACK's dlasv2:
//
//	[cl sl; −sl cl]·[f g; 0 h]·[cr −sr; sr cr] = [smax 0; 0 smin]
//
// with |smax| ≥ |smin| (signed: the signs make the identity hold). Both are
// accurate to a few ulps, also when they differ vastly in size.
func svd2x2(f, g, h float64) (smin, smax, sr, cr, sl, cl float64) {
	ft, fa, ht, ha := f, math.Abs(f), h, math.Abs(h)
	pmax := 1 // which of f, g, h has the largest magnitude
	swap := ha > fa
	if swap {
		pmax = 3
		ft, ht = ht, ft
		fa, ha = ha, fa
	}
	gt, ga := g, math.Abs(g)
	var clt, crt, slt, srt float64
	if ga == 0 {
		smin, smax = ha, fa
		clt, crt, slt, srt = 1, 1, 0, 0
	} else {
		gasmal := true
		if ga > fa {
			pmax = 2
			if fa/ga < bdEps {
				// g dominates: the values are g and f·h/g to full accuracy.
				gasmal = false
				smax = ga
				if ha > 1 {
					smin = fa / (ga / ha)
				} else {
					smin = (fa / ga) * ha
				}
				clt, slt, srt, crt = 1, ht/gt, 1, ft/gt
			}
		}
		if gasmal {
			d := fa - ha
			l := 1.0
			if d != fa {
				l = d / fa
			}
			m := gt / ft
			t := 2 - l
			mm, tt := m*m, t*t
			s := math.Sqrt(tt + mm)
			r := math.Abs(m)
			if l != 0 {
				r = math.Sqrt(l*l + mm)
			}
			a := 0.5 * (s + r)
			smin, smax = ha/a, fa*a
			switch {
			case mm == 0 && l == 0:
				t = math.Copysign(2, ft) * math.Copysign(1, gt)
			case mm == 0:
				t = gt/math.Copysign(d, ft) + m/t
			default:
				t = (m/(s+t) + m/(r+l)) * (1 + a)
			}
			l = math.Sqrt(t*t + 4)
			crt, srt = 2/l, t/l
			clt = (crt + srt*m) / a
			slt = (ht / ft) * srt / a
		}
	}
	if swap {
		cl, sl, cr, sr = srt, crt, slt, clt
	} else {
		cl, sl, cr, sr = clt, slt, crt, srt
	}
	var tsign float64
	switch pmax {
	case 1:
		tsign = math.Copysign(1, cr) * math.Copysign(1, cl) * math.Copysign(1, f)
	case 2:
		tsign = math.Copysign(1, sr) * math.Copysign(1, cl) * math.Copysign(1, g)
	default:
		tsign = math.Copysign(1, sr) * math.Copysign(1, sl) * math.Copysign(1, h)
	}
	smax = math.Copysign(smax, tsign)
	smin = math.Copysign(smin, tsign*math.Copysign(1, f)*math.Copysign(1, h))
	return smin, smax, sr, cr, sl, cl
}

// bidiagQR diagonalises the n×n upper bidiagonal matrix with diagonal d and
// superdiagonal e (destroyed), B = U·Σ·Vᵀ: on return d holds the singular
// values, non-negative and unsorted. Each rotation of the columns of B is
// applied to the rows of vt and each rotation of its rows to the rows of ut
// (both with n rows of any common length; nil for none), so that rows
// holding Vᵀ and Uᵀ of some matrix C = U₀·B·V₀ᵀ on entry hold those of
// C's SVD on return. It returns false after bdIterFactor·n² inner steps
// without convergence, and stops with the error of cc, which it looks at
// before each sweep, when cc is cancelled.
func bidiagQR(cc *canceller, d, e []float64, ut, vt []float64) (bool, error) {
	n := len(d)
	if n == 0 {
		return true, nil
	}
	width := (len(ut) + len(vt)) / n
	row := func(a []float64, i int) []float64 {
		w := len(a) / n
		return a[i*w : (i+1)*w]
	}
	// The rotations of a sweep are recorded and applied together
	// (applySweeps); those of a 2×2 block at once.
	ws := cc.scratch()
	mk := ws.mark()
	defer ws.release(mk) // after the deferred flush below
	cr, sr, cl, sl := ws.floats(n), ws.floats(n), ws.floats(n), ws.floats(n)
	rotate2 := func(i int, c1, s1, c2, s2 float64) {
		cr[i], sr[i], cl[i], sl[i] = c1, s1, c2, s2
	}
	// The sweeps are recorded (their rotations copied) and applied
	// bdBatch at a time: the rows of ut and vt are then read from memory
	// once for bdBatch sweeps.
	batch := ws.sweeps(bdBatch)[:0]
	seqStore := ws.rotSeqs(2 * bdBatch) // two sequences per sweep at most
	var bufs []float64                  // the copies, 4·bdBatch rows of n, reused from one batch to the next
	flush := func() {
		applySweeps(batch)
		batch = batch[:0]
	}
	apply := func(lo, hi int) {
		seqs := seqStore[2*len(batch) : 2*len(batch) : 2*len(batch)+2]
		keep := func(a, c, s []float64) {
			if bufs == nil {
				bufs = ws.floats(4 * bdBatch * n)
			}
			i := 4*len(batch) + 2*len(seqs)
			cc, ss := bufs[i*n:(i+1)*n], bufs[(i+1)*n:(i+2)*n]
			copy(cc[lo:hi], c[lo:hi])
			copy(ss[lo:hi], s[lo:hi])
			seqs = append(seqs, rotSeq{a, len(a) / n, cc, ss})
		}
		if vt != nil {
			keep(vt, cr, sr)
		}
		if ut != nil {
			keep(ut, cl, sl)
		}
		if len(seqs) == 0 {
			return
		}
		batch = append(batch, sweep{seqs, lo, hi, false})
		if len(batch) == bdBatch {
			flush()
		}
	}
	defer flush() // on the early returns; a no-op after the last flush
	// thresh: below it an off-diagonal entry is negligible outright —
	// tol times an estimate of the smallest singular value (the recurrence
	// of Demmel & Kahan, which underestimates it by at most √n), or what
	// underflow allows.
	maxIter := bdIterFactor * n * n
	smin := math.Abs(d[0])
	if smin != 0 {
		mu := smin
		for i := 1; i < n; i++ {
			mu = math.Abs(d[i]) * (mu / (mu + math.Abs(e[i-1])))
			smin = math.Min(smin, mu)
			if smin == 0 {
				break
			}
		}
	}
	smin /= math.Sqrt(float64(n))
	thresh := math.Max(bdTol*smin, float64(maxIter)*eigSafmin)

	iter := 0
	m := n - 1 // the bottom of the block being worked on
	for m > 0 {
		if iter > maxIter {
			return false, nil
		}
		if err := cc.tick(6 * m * (width + 1)); err != nil {
			return false, err
		}
		// Find the top ll of the unreduced block ll..m.
		smax := math.Abs(d[m])
		ll := -1
		for i := m - 1; i >= 0; i-- {
			abss, abse := math.Abs(d[i]), math.Abs(e[i])
			if abse <= thresh {
				e[i] = 0
				ll = i
				break
			}
			smax = math.Max(smax, math.Max(abss, abse))
		}
		if ll == m-1 {
			m-- // d[m] has split off
			continue
		}
		ll++
		if ll == m-1 {
			// A 2×2 block: its SVD directly.
			sminv, smaxv, sr, cr, sl, cl := svd2x2(d[m-1], e[m-1], d[m])
			d[m-1], e[m-1], d[m] = smaxv, 0, sminv
			rotate2(m-1, cr, sr, cl, sl)
			apply(m-1, m)
			m -= 2
			continue
		}
		// Convergence tests, relative to the neighbouring entries, and the
		// estimate sminl of the block's smallest singular value.
		if math.Abs(e[m-1]) <= bdTol*math.Abs(d[m]) {
			e[m-1] = 0
			continue
		}
		mu := math.Abs(d[ll])
		sminl := mu
		split := false
		for i := ll; i < m; i++ {
			if math.Abs(e[i]) <= bdTol*mu {
				e[i] = 0
				split = true
				break
			}
			mu = math.Abs(d[i+1]) * (mu / (mu + math.Abs(e[i])))
			sminl = math.Min(sminl, mu)
		}
		if split {
			continue
		}
		// The shift: the smaller singular value of the trailing 2×2 block,
		// unless it is negligible beside the top entry or a shifted sweep
		// would lose the relative accuracy of the smallest values.
		shift := 0.0
		if float64(n)*bdTol*(sminl/smax) > math.Max(bdEps, 0.01*bdTol) {
			shift, _, _, _, _, _ = svd2x2(d[m-1], e[m-1], d[m])
			shift = math.Abs(shift)
			if sll := math.Abs(d[ll]); sll > 0 && (shift/sll)*(shift/sll) < bdEps {
				shift = 0
			}
		}
		iter += m - ll
		if shift == 0 {
			// Zero-shift sweep (Demmel & Kahan): no subtraction anywhere.
			cs, oldcs, oldsn := 1.0, 1.0, 0.0
			var sn, r float64
			for i := ll; i < m; i++ {
				cs, sn, r = givens(d[i]*cs, e[i])
				if i > ll {
					e[i-1] = oldsn * r
				}
				var di float64
				oldcs, oldsn, di = givens(oldcs*r, d[i+1]*sn)
				d[i] = di
				rotate2(i, cs, sn, oldcs, oldsn)
			}
			h := d[m] * cs
			d[m], e[m-1] = h*oldcs, h*oldsn
			apply(ll, m)
		} else {
			// Shifted sweep: the first rotation makes (B·Bᵀ − shift²)'s
			// first column, the others chase the bulge down.
			f := (math.Abs(d[ll]) - shift) * (math.Copysign(1, d[ll]) + shift/d[ll])
			g := e[ll]
			for i := ll; i < m; i++ {
				cr, sr, r := givens(f, g)
				if i > ll {
					e[i-1] = r
				}
				f = cr*d[i] + sr*e[i]
				e[i] = cr*e[i] - sr*d[i]
				g = sr * d[i+1]
				d[i+1] *= cr
				cl, sl, r := givens(f, g)
				d[i] = r
				f = cl*e[i] + sl*d[i+1]
				d[i+1] = cl*d[i+1] - sl*e[i]
				if i < m-1 {
					g = sl * e[i+1]
					e[i+1] *= cl
				}
				rotate2(i, cr, sr, cl, sl)
			}
			e[m-1] = f
			apply(ll, m)
		}
		if math.Abs(e[m-1]) <= thresh {
			e[m-1] = 0
		}
	}
	flush()
	// Non-negative singular values: a negative one flips its right vector.
	for i, x := range d {
		if x < 0 {
			d[i] = -x
			if vt != nil {
				v := row(vt, i)
				for j := range v {
					v[j] = -v[j]
				}
			}
		}
	}
	return true, nil
}

// rotSeq is a sequence of rotations to apply to the rows of a (each of
// length w): rotation i, [c[i] s[i]; −s[i] c[i]], to rows i and i+1.
type rotSeq struct {
	a    []float64
	w    int
	c, s []float64
}

// bdBatch is the number of sweeps bidiagQR applies together.
const bdBatch = 16

// rotColumns is the width of the column strips a sweep is applied in: the
// rows of a strip stay in the L1 cache from one rotation to the next, and
// a strip of a thousand rows in the L2 cache from one sweep of a batch to
// the next (of 32, 64 and 128 columns, 128 measured fastest at n = 1000).
const rotColumns = 128

// sweep is the record of one sweep for applySweeps: rotations lo..hi−1 of
// each sequence (the same matrices, in the same order, in every record),
// applied in that order (hi−1 down to lo with reverse).
type sweep struct {
	seqs    []rotSeq
	lo, hi  int
	reverse bool
}

// applySweeps applies the sweeps in order, as one after the other would,
// but strip by strip of columns for all of them together: a rotation of
// rows changes each column on its own, so every entry is computed by the
// same operations in the same order wherever the strips are cut, while each
// strip is read from memory once for all the sweeps instead of once for
// each. The strips run on all GOMAXPROCS threads when the work is large
// enough to pay for it, with the same result on any number of them.
func applySweeps(sw []sweep) {
	if len(sw) == 0 {
		return
	}
	seqs := sw[0].seqs
	work := 0
	for _, r := range sw {
		for _, q := range r.seqs {
			work += (r.hi - r.lo) * q.w
		}
	}
	workers := MaxThreads()
	if workers == 1 || work < 1<<14 {
		for q := range seqs {
			runSweeps(sw, q, 0, seqs[q].w)
		}
		return
	}
	// Split each sequence's columns so that there are about as many
	// pieces as threads.
	parts := max(1, (workers+len(seqs)-1)/len(seqs))
	type piece struct{ q, j0, j1 int }
	var pieces []piece
	for q := range seqs {
		w := seqs[q].w
		chunk := roundUp((w+parts-1)/parts, rotColumns)
		for j := 0; j < w; j += chunk {
			pieces = append(pieces, piece{q, j, min(j+chunk, w)})
		}
	}
	forBlocks(len(pieces), min(workers, len(pieces)), func(k int) {
		p := pieces[k]
		runSweeps(sw, p.q, p.j0, p.j1)
	})
}

// runSweeps applies the sweeps of sw to columns j0..j1−1 of sequence q.
// (A function, not a closure, so that the single-thread path allocates
// nothing.)
func runSweeps(sw []sweep, q int, j0, j1 int) {
	for j := j0; j < j1; j += rotColumns {
		jb := min(j+rotColumns, j1)
		for _, r := range sw {
			qs := r.seqs[q]
			rotChainStrip(qs.a, qs.w, j, jb-j, qs.c, qs.s, r.lo, r.hi, r.reverse)
		}
	}
}
