package twinmath

import "math"

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

// qrBlock is the number of reflections that qrFactor and householderQ
// combine into one block update, from 2·qrBlock reflections on.
const qrBlock = 32

// eliminateBlocked runs the k steps of a Householder QR on at (see
// eliminate) in panels of qrBlock (LAPACK's dgeqrf): each panel's
// reflections are applied, one at a time, to the panel only; then, as one
// block I − V·T·Vᵀ, to all the columns after it (reflectBlockRows), so that
// most of the work goes through the matrix product. Each reflection is the
// same as in the unblocked factorisation up to rounding, and blocked
// Householder QR is backward stable with a bound of the same form
// (Higham, Accuracy and Stability, §19.5). It stops with the error of cc
// when cc is cancelled.
func eliminateBlocked(cc *canceller, at []float64, m, cols, k int, tau []float64) error {
	ws := cc.scratch()
	for j0 := 0; j0 < k; j0 += qrBlock {
		j1 := min(j0+qrBlock, k)
		for j := j0; j < j1; j++ {
			if err := cc.tick((m - j) * (j1 - j)); err != nil {
				return err
			}
			tau[j] = eliminate(at, m, j1, j)
		}
		if j1 == cols {
			continue
		}
		mk := ws.mark()
		vbt, t := blockOfReflectors(ws, at, m, j0, j1, tau[j0:j1])
		err := reflectBlockRows(ws, cc, at[j1*m+j0:], m, cols-j1, m-j0, vbt, j1-j0, t, false)
		ws.release(mk)
		if err != nil {
			return err
		}
	}
	return nil
}

// blockOfReflectors returns, for the reflections j0 … j1−1 stored in the rows
// of at (row j holds vⱼ from entry j + 1 on), their vectors from entry j0
// on as the rows of vbt ((j1−j0)×(m−j0): zero before each one's own entry,
// 1 there) and the T of their compact WY form (compactT, row stride
// qrBlock), both in ws.
func blockOfReflectors(ws *Workspace, at []float64, m, j0, j1 int, tau []float64) (vbt, t []float64) {
	b, n := j1-j0, m-j0
	vbt = ws.floatsRaw(b * n) // written in full
	for l := 0; l < b; l++ {
		row := vbt[l*n : (l+1)*n]
		clear(row[:l])
		row[l] = 1
		copy(row[l+1:], at[(j0+l)*m+j0+l+1:(j0+l+1)*m])
	}
	t = ws.floatsRaw(qrBlock * qrBlock) // cleared by compactT
	compactT(t, qrBlock, vbt, n, tau, ws.floatsRaw(b))
	return vbt, t
}

// reflectBlockRows applies the block of b reflections I − V·T·Vᵀ (vbt
// holds Vᵀ, b×n; t is T, row stride qrBlock) to each of the r rows y of
// the block at y[0] (row stride ldy, n columns) as y ← y·(I − V·T·Vᵀ),
// or y ← y·(I − V·Tᵀ·Vᵀ) with trans: Y ← Y − ((Y·V)·T)·Vᵀ, the two outer
// products through the matrix product. It stops with the error of cc when
// cc is cancelled.
func reflectBlockRows(ws *Workspace, cc *canceller, y []float64, ldy, r, n int, vbt []float64, b int, t []float64, trans bool) error {
	mk := ws.mark()
	defer ws.release(mk)
	// With the packed kernel at every size (the rows' bits do not depend
	// on how many there are, so that QRComplete's Q begins with QR's).
	x := ws.matrix(r, b) // X = Y·V
	if gemmKernel != nil {
		vb := ws.matrixRaw(n, b) // written in full
		for l := 0; l < b; l++ {
			for c, v := range vbt[l*n : (l+1)*n] {
				vb.Data[c*b+l] = v
			}
		}
		if err := packedProduct(cc, ws, packed{dst: x, a: Matrix{Rows: r, Cols: ldy, Data: y}, b: vb, m: r, k: n, p: b}); err != nil {
			return err
		}
	} else {
		for i := 0; i < r; i++ {
			yi := y[i*ldy : i*ldy+n]
			for l := 0; l < b; l++ {
				x.Data[i*b+l] = dot(yi, vbt[l*n:(l+1)*n])
			}
		}
	}
	// X ← X·T (X·Tᵀ with trans): with the packed kernel, into a fresh Z;
	// with the pure-Go ones in place row by row (T is upper triangular, so
	// entry j of the product needs X's entries up to j, from j on with
	// trans, taken in the order that leaves them unread).
	if gemmKernel != nil {
		tm := ws.matrixRaw(b, b) // written in full
		for i := 0; i < b; i++ {
			for j := 0; j < b; j++ {
				if trans {
					tm.Data[i*b+j] = t[j*qrBlock+i]
				} else {
					tm.Data[i*b+j] = t[i*qrBlock+j]
				}
			}
		}
		z := ws.matrix(r, b)
		if err := matmulPacked(cc, ws, z, x, tm); err != nil {
			return err
		}
		return packedProduct(cc, ws, packed{
			dst: Matrix{Rows: r, Cols: ldy, Data: y},
			a:   z,
			b:   Matrix{Rows: b, Cols: n, Data: vbt},
			m:   r, k: b, p: n, neg: true,
		})
	}
	for i := 0; i < r; i++ {
		xi := x.Data[i*b : (i+1)*b]
		if trans {
			for j := 0; j < b; j++ {
				s := 0.0
				for l := j; l < b; l++ {
					s += xi[l] * t[j*qrBlock+l]
				}
				xi[j] = s
			}
			continue
		}
		for j := b - 1; j >= 0; j-- {
			s := 0.0
			for l := 0; l <= j; l++ {
				s += xi[l] * t[l*qrBlock+j]
			}
			xi[j] = s
		}
	}
	return gemmSub(ws, cc, r, n, b, x.Data, b, vbt, n, y, ldy)
}

// householderQ returns the first cols columns (k ≤ cols ≤ m) of the m×m
// Q = H₀·H₁⋯Hₖ₋₁, as the rows of a cols×m matrix, from k reflectors stored
// below the diagonal of the rows of at (k×m or more rows; row j holds v_j
// from entry j + 1 on). The product is accumulated backwards, each
// reflector touching only the columns it can change: Hⱼ leaves eᵢ alone
// for i < j; from 2·qrBlock reflectors on, qrBlock of them at a time
// (reflectBlockRows). It stops with the error of cc when cc is cancelled.
func householderQ(cc *canceller, at Matrix, tau []float64, k, m, cols int) (Matrix, error) {
	ws := cc.scratch()
	qt := ws.matrix(cols, m)
	for i := 0; i < cols; i++ {
		qt.Data[i*m+i] = 1
	}
	if k >= 2*qrBlock {
		// In blocks from the last: Qᵀ's rows j0.. from entry j0 on take
		// y ← y·(I − V·Tᵀ·Vᵀ), the block's product applied to each
		// column of Q (LAPACK's dorgqr); the rows before j0 are still
		// those of the identity there.
		for j0 := (k - 1) / qrBlock * qrBlock; j0 >= 0; j0 -= qrBlock {
			j1 := min(j0+qrBlock, k)
			mk := ws.mark()
			vbt, t := blockOfReflectors(ws, at.Data, m, j0, j1, tau[j0:j1])
			err := reflectBlockRows(ws, cc, qt.Data[j0*m+j0:], m, cols-j0, m-j0, vbt, j1-j0, t, true)
			ws.release(mk)
			if err != nil {
				return Matrix{}, err
			}
		}
		return qt, nil
	}
	for j := k - 1; j >= 0; j-- {
		if err := cc.tick((cols - j) * (m - j)); err != nil {
			return Matrix{}, err
		}
		if tau[j] == 0 {
			continue
		}
		v := at.Data[j*m+j : (j+1)*m]
		saved := v[0]
		v[0] = 1
		for c := j; c < cols; c++ {
			reflect(qt.Data[c*m+j:(c+1)*m], v, tau[j])
		}
		v[0] = saved
	}
	return qt, nil
}
