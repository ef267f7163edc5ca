package twinmath

import "math"

// Small-bulge multishift QR sweeps, as LAPACK's dlaqr0 and dlaqr5 (Braman,
// Byers & Mathias, 2002). Instead of one double-shift bulge per sweep, a
// chain of many 3×3 bulges, three rows apart, is chased down the active
// block at once: each carries two of the shifts (the eigenvalues of the
// trailing ns×ns block). The chain moves through a window of rows a slab
// of steps at a time; inside the window the reflections are applied to H
// directly and accumulated into an orthogonal U, and outside it — the
// columns to the right of the window, the rows above it and the Schur
// vectors — they are applied afterwards as one product with U each, through
// the matrix product. The bulges of a chain touch disjoint rows and columns
// and each reads only entries the bulges below it have finished with, so
// the chain computes the same transformations, up to rounding, as the
// double-shift sweeps with the same shifts one after the other; each is an
// orthogonal similarity, and the backward error stays O(n·ε·‖H‖).

// qrMultiMin is the order of the active block from which francisQR uses
// multishift sweeps; below it (and for every exceptional shift) it uses
// the double-shift sweep. Measured with BenchmarkEigCPU.
var qrMultiMin = 200

// qrShifts returns the number of shifts of a multishift sweep over an
// active block of order nh (even; LAPACK's iparmq table in spirit, the
// values measured with BenchmarkEigCPU).
func qrShifts(nh int) int {
	switch {
	case nh < 590:
		return 32
	case nh < 3000:
		return 48
	default:
		return 128
	}
}

// qrWork holds the scratch of the multishift sweeps and the aggressive
// early deflation, kept from one iteration to the next.
type qrWork struct{ u, ut, buf []float64 }

// take returns (*b)[:n], growing *b when it is shorter.
func take(b *[]float64, n int) []float64 {
	if cap(*b) < n {
		*b = make([]float64, n)
	}
	return (*b)[:n]
}

// multishiftSweep chases a chain of bulges carrying the shifts of the
// trailing block through rows l..i of the Hessenberg matrix h, updating
// the whole of h (rows 0.., columns ..n-1) and the rows of zt (columns
// ilo..ihi). It reports false, having changed nothing, when the shifts
// cannot be computed. It stops with the error of cc, which it looks at
// after every step of the chain, when cc is cancelled.
func multishiftSweep(cc *canceller, wk *qrWork, h, zt []float64, n, l, i, ilo, ihi int) (bool, error) {
	nh := i - l + 1
	ns := min(qrShifts(nh), nh/6*2)
	if ns < 2 {
		return false, nil
	}
	// The shifts: the eigenvalues of the trailing ns×ns block.
	blk := make([]float64, ns*ns)
	for r := 0; r < ns; r++ {
		copy(blk[r*ns:(r+1)*ns], h[(i-ns+1+r)*n+i-ns+1:(i-ns+1+r)*n+i+1])
	}
	sr, si := make([]float64, ns), make([]float64, ns)
	dummy := make([]float64, ns*ns)
	if err := francisQR(nil, blk, dummy, ns, 0, ns-1, sr, si); err != nil {
		return false, nil
	}
	// Pairs: complex conjugate pairs (adjacent, the positive imaginary
	// part first), then the real shifts two by two.
	type pair struct{ r1, i1, r2, i2 float64 }
	var pairs []pair
	var reals []float64
	for k := 0; k < ns; k++ {
		switch {
		case si[k] > 0 && k+1 < ns:
			pairs = append(pairs, pair{sr[k], si[k], sr[k+1], si[k+1]})
			k++
		case si[k] == 0:
			reals = append(reals, sr[k])
		}
	}
	for k := 0; k+1 < len(reals); k += 2 {
		pairs = append(pairs, pair{reals[k], 0, reals[k+1], 0})
	}
	nbul := len(pairs)
	if nbul == 0 {
		return false, nil
	}
	at := func(r, c int) float64 { return h[r*n+c] }
	// Bulge b is at k = l + s − 3b at step s; the chain is through after
	// step (i−1−l) + 3(nbul−1).
	last := (i - 1 - l) + 3*(nbul-1)
	ks := max(3*nbul, 12) // steps per slab
	nwMax := ks + 3*nbul + 4
	u, utBuf := take(&wk.u, nwMax*nwMax), take(&wk.ut, nwMax*nwMax)
	buf := take(&wk.buf, 2*nwMax*max(n, nwMax))
	var v [3]float64
	for s0 := 0; s0 <= last; s0 += ks {
		s1 := min(s0+ks, last+1)
		kmin := max(l, l+s0-3*(nbul-1))
		kmax := min(i-1, l+s1-1)
		w0, w1 := kmin, min(i, kmax+3)
		nw := w1 - w0 + 1
		uw := u[:nw*nw]
		clear(uw)
		for r := 0; r < nw; r++ {
			uw[r*nw+r] = 1
		}
		for s := s0; s < s1; s++ {
			for b := 0; b < nbul; b++ {
				k := l + s - 3*b
				if k < l || k > i-1 {
					continue
				}
				nr := min(3, i-k+1)
				if k == l {
					// Introduce bulge b: the first column of
					// (H − σ₁)(H − σ₂), scaled.
					p := pairs[b]
					h21s := at(l+1, l)
					sc := math.Abs(at(l, l)-p.r2) + math.Abs(p.i2) + math.Abs(h21s)
					if sc == 0 {
						continue
					}
					h21s /= sc
					v[0] = h21s*at(l, l+1) + (at(l, l)-p.r1)*((at(l, l)-p.r2)/sc) - p.i1*(p.i2/sc)
					v[1] = h21s * (at(l, l) + at(l+1, l+1) - p.r1 - p.r2)
					v[2] = 0
					if nr == 3 {
						v[2] = h21s * at(l+2, l+1)
					}
					sc = math.Abs(v[0]) + math.Abs(v[1]) + math.Abs(v[2])
					if sc == 0 {
						continue
					}
					v[0], v[1], v[2] = v[0]/sc, v[1]/sc, v[2]/sc
				} else {
					for j := 0; j < nr; j++ {
						v[j] = at(k+j, k-1)
					}
				}
				beta, t1 := eigReflector(v[:nr])
				if k > l {
					h[k*n+k-1] = beta
					h[(k+1)*n+k-1] = 0
					if nr == 3 {
						h[(k+2)*n+k-1] = 0
					}
				}
				if t1 == 0 {
					continue
				}
				v2, v3 := v[1], 0.0
				if nr == 3 {
					v3 = v[2]
				}
				t2, t3 := t1*v2, t1*v3
				// From the left: rows k..k+nr-1, columns k..w1.
				r0, r1 := h[k*n:(k+1)*n], h[(k+1)*n:(k+2)*n]
				if nr == 3 {
					r2 := h[(k+2)*n : (k+3)*n]
					for j := k; j <= w1; j++ {
						sum := r0[j] + v2*r1[j] + v3*r2[j]
						r0[j] -= sum * t1
						r1[j] -= sum * t2
						r2[j] -= sum * t3
					}
				} else {
					for j := k; j <= w1; j++ {
						sum := r0[j] + v2*r1[j]
						r0[j] -= sum * t1
						r1[j] -= sum * t2
					}
				}
				// From the right: columns k..k+nr-1, rows w0..min(k+3, i),
				// and the columns of U.
				rightCols(h[k:], n, w0, min(k+3, i)+1, nr, v2, v3, t1, t2, t3)
				rightCols(uw[k-w0:], nw, 0, nw, nr, v2, v3, t1, t2, t3)
			}
			if err := cc.tick(10 * nbul * nw); err != nil {
				return true, err
			}
		}
		// The deferred updates through U.
		ut := utBuf[:nw*nw]
		for r := 0; r < nw; r++ {
			for c := 0; c < nw; c++ {
				ut[c*nw+r] = uw[r*nw+c]
			}
		}
		utm := Matrix{Rows: nw, Cols: nw, Data: ut}
		if w1+1 < n {
			mulBlock(h, n, w0, w1+1, nw, n-w1-1, utm, true, buf)
		}
		if w0 > 0 {
			mulBlock(h, n, 0, w0, w0, nw, Matrix{Rows: nw, Cols: nw, Data: uw}, false, buf)
		}
		mulBlock(zt, n, w0, ilo, nw, ihi-ilo+1, utm, true, buf)
		if err := cc.tick(2 * nw * nw * (n + ihi - ilo)); err != nil {
			return true, err
		}
	}
	return true, nil
}

// rightCols applies the reflection I − t1·(1, v2[, v3])(1, v2[, v3])ᵀ from
// the right to nr columns of rows r0..r1-1 of the row-major a (stride ld),
// the first column at a[0]; t2 = t1·v2, t3 = t1·v3.
func rightCols(a []float64, ld, r0, r1, nr int, v2, v3, t1, t2, t3 float64) {
	if nr == 3 {
		for r := r0; r < r1; r++ {
			row := a[r*ld : r*ld+3]
			sum := row[0] + v2*row[1] + v3*row[2]
			row[0] -= sum * t1
			row[1] -= sum * t2
			row[2] -= sum * t3
		}
		return
	}
	for r := r0; r < r1; r++ {
		row := a[r*ld : r*ld+2]
		sum := row[0] + v2*row[1]
		row[0] -= sum * t1
		row[1] -= sum * t2
	}
}

// mulBlock replaces the rows×cols block of the row-major a (stride ld)
// whose first entry is a[r0·ld + c0] with m·B (left) or B·m (not left),
// through the matrix product, as B − (I − m)·B (or B − B·(I − m)), which
// accumulates into the block where it lies; buf holds rows·cols + k²
// values, k the order of m.
func mulBlock(a []float64, ld, r0, c0, rows, cols int, m Matrix, left bool, buf []float64) {
	if rows == 0 || cols == 0 {
		return
	}
	b := Matrix{Rows: rows, Cols: cols, Data: buf[:rows*cols]}
	for r := 0; r < rows; r++ {
		copy(b.Data[r*cols:(r+1)*cols], a[(r0+r)*ld+c0:(r0+r)*ld+c0+cols])
	}
	k := m.Rows
	d := Matrix{Rows: k, Cols: k, Data: buf[rows*cols : rows*cols+k*k]}
	for i, x := range m.Data[:k*k] {
		d.Data[i] = -x
	}
	for i := 0; i < k; i++ {
		d.Data[i*k+i]++
	}
	if left {
		_ = subProduct(nil, nil, a[r0*ld+c0:], ld, d, b) // a nil canceller never stops it
	} else {
		_ = subProduct(nil, nil, a[r0*ld+c0:], ld, b, d) // a nil canceller never stops it
	}
}

// aedFraction: when aggressive early deflation deflates more than this
// fraction of its window, francisQR looks again before sweeping (LAPACK's
// nibble, 14%).
const aedFraction = 0.14

// aggressiveDeflation looks for converged eigenvalues in the trailing
// nw×nw window of the active block l..i of the Hessenberg matrix h, as
// LAPACK's dlaqr3 without reordering (Braman, Byers & Mathias, 2002): the
// window W = V·T·Vᵀ is brought to real Schur form, the subdiagonal entry s
// coupling it to the rest becomes the spike s·Vᵀe₁, and each 1×1 or 2×2
// block of T from the bottom whose spike entries are negligible
// (|sⱼ| ≤ ε·|λ|, dlaqr3's test) deflates; the first that is not ends the
// search. The undeflated top of T with its spike is brought back to
// Hessenberg form, and V (with that reduction) is applied to the rest of h
// and to the rows of zt through the matrix product. It returns the number
// of eigenvalues deflated, which then sit at the bottom of the block
// decoupled by zeros (0, and h unchanged, when there are none).
func aggressiveDeflation(cc *canceller, wk *qrWork, h, zt []float64, n, l, i, ilo, ihi, nw int) (int, error) {
	nw = min(nw, i-l)
	if nw < 3 {
		return 0, nil
	}
	kw := i - nw + 1
	s := h[kw*n+kw-1]
	if s == 0 {
		return 0, nil
	}
	t := make([]float64, nw*nw)
	for r := 0; r < nw; r++ {
		copy(t[r*nw:(r+1)*nw], h[(kw+r)*n+kw:(kw+r)*n+i+1])
	}
	zw := make([]float64, nw*nw) // Vᵀ
	for r := 0; r < nw; r++ {
		zw[r*nw+r] = 1
	}
	wr, wi := make([]float64, nw), make([]float64, nw)
	if err := francisQR(cc, t, zw, nw, 0, nw-1, wr, wi); err != nil {
		if isCancel(err) {
			return 0, err
		}
		return 0, nil
	}
	spike := make([]float64, nw)
	for r := range spike {
		spike[r] = s * zw[r*nw]
	}
	smlnum := eigSafmin * (float64(n) / eigULP)
	j := nw - 1
	for j >= 0 {
		if j == 0 || t[j*nw+j-1] == 0 {
			foo := math.Abs(t[j*nw+j])
			if foo == 0 {
				foo = math.Abs(s)
			}
			if math.Abs(spike[j]) > max(smlnum, eigULP*foo) {
				break
			}
			spike[j] = 0
			j--
			continue
		}
		foo := math.Abs(t[j*nw+j]) + math.Sqrt(math.Abs(t[j*nw+j-1]))*math.Sqrt(math.Abs(t[(j-1)*nw+j]))
		if foo == 0 {
			foo = math.Abs(s)
		}
		if max(math.Abs(spike[j]), math.Abs(spike[j-1])) > max(smlnum, eigULP*foo) {
			break
		}
		spike[j], spike[j-1] = 0, 0
		j -= 2
	}
	m := j + 1 // undeflated
	kd := nw - m
	if kd == 0 {
		return 0, nil
	}
	if m > 1 {
		// A reflection P taking the spike to β·e₁, applied to T from both
		// sides and to Vᵀ from the left; then the top m×m of T back to
		// Hessenberg form.
		v := append([]float64(nil), spike[:m]...)
		beta, tau := eigReflector(v)
		if tau != 0 {
			reflectRows(t, nw, m, v, tau)
			for r := 0; r < m; r++ {
				row := t[r*nw : r*nw+m]
				axpy(row, -tau*dot(row, v), v)
			}
			reflectRows(zw, nw, m, v, tau)
		}
		clear(spike)
		spike[0] = beta
		if m > 2 {
			// Scratch of its own (nil): a workspace gives back only at the
			// end of its call, and one window after another would pile
			// their reduction's output up in it.
			q2t, err := hessenberg(cc, nil, t, nw, 0, m-1)
			if err != nil {
				return 0, err
			}
			z2 := NewMatrix(nw, nw)
			matmul(z2, Matrix{Rows: nw, Cols: nw, Data: q2t}, Matrix{Rows: nw, Cols: nw, Data: zw})
			copy(zw, z2.Data)
		}
	}
	for r := 0; r < nw; r++ {
		copy(h[(kw+r)*n+kw:(kw+r)*n+i+1], t[r*nw:(r+1)*nw])
		h[(kw+r)*n+kw-1] = spike[r]
	}
	buf := take(&wk.buf, 2*nw*max(n, nw))
	zwm := Matrix{Rows: nw, Cols: nw, Data: zw}
	if i+1 < n {
		mulBlock(h, n, kw, i+1, nw, n-i-1, zwm, true, buf)
	}
	vm, _ := Transpose(zwm)
	mulBlock(h, n, 0, kw, kw, nw, vm, false, buf)
	mulBlock(zt, n, kw, ilo, nw, ihi-ilo+1, zwm, true, buf)
	if err := cc.tick(2 * nw * nw * (n + ihi - ilo)); err != nil {
		return kd, err
	}
	return kd, nil
}

// reflectRows applies I − τ·v·vᵀ (v of m values) from the left to the
// first m rows of the row-major a of ld columns, column by column.
func reflectRows(a []float64, ld, m int, v []float64, tau float64) {
	for c := 0; c < ld; c++ {
		sum := 0.0
		for r := 0; r < m; r++ {
			sum += v[r] * a[r*ld+c]
		}
		for r := 0; r < m; r++ {
			a[r*ld+c] -= tau * v[r] * sum
		}
	}
}
