package twinmath

import "math"

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
//
// It stops with the error of cc when cc is cancelled.
func francisQR(cc *canceller, h, zt []float64, n, ilo, ihi int, wr, wi []float64) error {
	at := func(i, j int) float64 { return h[i*n+j] }
	ws := cc.scratch()
	mk := ws.mark()
	defer ws.release(mk)
	tmp := ws.floats(n) // reflect3's copy of a row
	v := ws.floats(3)   // a reflector's vector
	blk := ws.floats(4) // a 2×2 block, scaled
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
	var wk qrWork
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
			// A double-shift sweep updates whole rows and columns of h and zt.
			if err := cc.tick(6 * n * (i - l + 1)); err != nil {
				return err
			}
			// A large active block: a multishift sweep, unless the shifts
			// are due to be exceptional.
			if i-l+1 >= qrMultiMin && kdefl%exceptional != 0 {
				nw := qrShifts(i-l+1) * 3 / 2
				kd, err := aggressiveDeflation(cc, &wk, h, zt, n, l, i, ilo, ihi, nw)
				if err != nil {
					return err
				}
				if kd > 0 {
					kdefl = 0
				}
				if float64(kd) > aedFraction*float64(nw) {
					continue
				}
				ok, err := multishiftSweep(cc, &wk, h, zt, n, l, i-kd, ilo, ihi)
				if err != nil {
					return err
				}
				if ok {
					continue
				}
			}
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
				applyReflector(h, zt, n, k, nr, v[1], v[2], t1, i, ilo, ihi, tmp)
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
			blk[0], blk[1], blk[2], blk[3] = at(i-1, i-1), at(i-1, i), at(i, i-1), at(i, i)
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
func applyReflector(h, zt []float64, n, k, nr int, v2, v3, t1 float64, i, ilo, ihi int, tmp []float64) {
	t2 := t1 * v2
	if nr == 3 {
		t3 := t1 * v3
		reflect3(h[k*n+k:(k+1)*n], h[(k+1)*n+k:(k+2)*n], h[(k+2)*n+k:(k+3)*n], v2, v3, t1, t2, t3, tmp)
		for j := 0; j <= min(k+3, i); j++ {
			row := h[j*n+k : j*n+k+3]
			sum := row[0] + v2*row[1] + v3*row[2]
			row[0] -= sum * t1
			row[1] -= sum * t2
			row[2] -= sum * t3
		}
		reflect3(zt[k*n+ilo:k*n+ihi+1], zt[(k+1)*n+ilo:(k+1)*n+ihi+1], zt[(k+2)*n+ilo:(k+2)*n+ihi+1], v2, v3, t1, t2, t3, tmp)
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

// reflect3Min is the length from which reflect3 works through
// reflect3Kernel.
const reflect3Min = 32

// reflect3 applies the reflection I − t1·(1, v2, v3)ᵀ(1, v2, v3) to the
// rows r0, r1, r2 (t2 = t1·v2, t3 = t1·v3):
//
//	sum = r0[j] + v2·r1[j] + v3·r2[j]; r0[j] −= t1·sum; r1[j] −= t2·sum; r2[j] −= t3·sum
//
// for long rows through reflect3Kernel, the passes of axpyKernel (fused
// multiply-adds where the CPU has them: the sums of products of the
// reflection, rounded otherwise, within its backward error bound).
func reflect3(r0, r1, r2 []float64, v2, v3, t1, t2, t3 float64, tmp []float64) {
	r1, r2 = r1[:len(r0)], r2[:len(r0)]
	if len(r0) < reflect3Min {
		for j := range r0 {
			sum := r0[j] + v2*r1[j] + v3*r2[j]
			r0[j] -= sum * t1
			r1[j] -= sum * t2
			r2[j] -= sum * t3
		}
		return
	}
	reflect3Kernel(r0, r1, r2, v2, v3, t1, t2, t3, tmp)
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
// It stops with the error of cc when cc is cancelled.
func schurEigenvectors(cc *canceller, t []float64, n int, wr, wi []float64) ([]float64, error) {
	ws := cc.scratch()
	x := ws.floats(n * n)
	mk := ws.mark()
	defer ws.release(mk)
	tt := ws.floats(n * n) // tᵀ: column j of t is row j of tt
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			tt[j*n+i] = t[i*n+j]
		}
	}
	// cnorm[j] = Σ_{i<j} |t[i][j]| bounds the growth of one update.
	cnorm := ws.floats(n)
	for j := range cnorm {
		cnorm[j] = sumAbs(tt[j*n : j*n+j])
	}
	smlnum := eigSafmin * (float64(n) / eigULP)
	bignum := (1 - eigULP) / smlnum
	tiny := math.Sqrt(float64(n)) * eigULP * norm2(t)
	xr, xi := ws.floats(n), ws.floats(n)
	for ki := n - 1; ki >= 0; ki-- {
		if err := cc.tick(ki * ki); err != nil {
			return nil, err
		}
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
	return x, nil
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
