package twinmath

import (
	"context"
	"math"
)

// qrTopExponent is the largest binary exponent of max|A| that QR factors
// without shifting A down first.
const qrTopExponent = 1000

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
	return qrAlloc(nil, a)
}

// qrAlloc is QR, stopping with the error of cc when cc is cancelled.
func qrAlloc(cc *canceller, a Matrix) (q, r Matrix, err error) {
	if err := a.finiteMatrix("qr", "A"); err != nil {
		return Matrix{}, Matrix{}, err
	}
	k := min(a.Rows, a.Cols)
	q, r = NewMatrix(a.Rows, k), NewMatrix(k, a.Cols)
	if err := qrTo(cc, q, r, a); err != nil {
		return Matrix{}, Matrix{}, err
	}
	return q, r, nil
}

// QRTo writes the factors of QR(a) into q (m×k) and r (k×n).
func QRTo(q, r, a Matrix) error {
	return qrTo(nil, q, r, a)
}

func qrTo(cc *canceller, q, r, a Matrix) error {
	if cc.scratch() == nil {
		return withScratch(cc, "qr", func(cc *canceller) error { return qrTo(cc, q, r, a) })
	}
	a = cc.scratch().fresh(a, spanOf(q.Data), spanOf(r.Data))
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
	return qrFill(cc, q, r, a)
}

// qrFill writes the canonical factors of the finite a into q (m×c, c = k
// or m) and r (c×n): R's rows below k are zero, and Q's columns from k on
// are those of the Householder product, H₀·H₁⋯Hₖ₋₁·eⱼ.
func qrFill(cc *canceller, q, r, a Matrix) error {
	m, n := a.Rows, a.Cols
	k, c := min(m, n), q.Cols
	at, tau, shift, err := qrFactor(cc, a)
	if err != nil {
		return err
	}
	// R: the upper triangle.
	clear(r.Data)
	for i := 0; i < k; i++ {
		for j := i; j < n; j++ {
			r.Data[i*n+j] = at.Data[j*m+i]
			if shift != 0 {
				r.Data[i*n+j] = math.Ldexp(r.Data[i*n+j], shift)
			}
		}
	}
	// Q = H₀·H₁⋯Hₖ₋₁·[I; 0], on Qᵀ, whose rows are the columns of Q.
	qt, err := householderQ(cc, at, tau, k, m, c)
	if err != nil {
		return err
	}
	for i := 0; i < c; i++ {
		neg := i < k && r.Data[i*n+i] < 0
		if neg {
			for j := i; j < n; j++ {
				r.Data[i*n+j] = -r.Data[i*n+j]
			}
		}
		for row := 0; row < m; row++ {
			v := qt.Data[i*m+row]
			if neg {
				v = -v
			}
			q.Data[row*c+i] = v
		}
	}
	return nil
}

// qrFactor runs the Householder QR of the finite, non-empty a on its
// transpose: at (n×m, row j is column j of A) holds R on and left of its
// diagonal (at[j][i] = R[i][j], i ≤ j) and the tail of reflector j right
// of it, LAPACK's dgeqrf layout transposed; tau holds the k τⱼ. R's
// entries are at's times 2^shift.
func qrFactor(cc *canceller, a Matrix) (at Matrix, tau []float64, shift int, err error) {
	m, n := a.Rows, a.Cols
	k := min(m, n)
	// Work on Aᵀ, so that every column of A is a contiguous row. No scaling
	// of the whole matrix: it would make the entries of a column much smaller
	// than the largest of A subnormal, and lose them; the reflectors are
	// safe on their own (norm2 and Hypot scale, |v[i]| ≤ 1).
	ws := cc.scratch()
	at = ws.transpose(a)
	// Near the top of the range a reflector's v = x − α·e₁ overflows
	// (1e308·[[1, 1], [1, −1]]): then A is shifted down by just enough
	// powers of two (exact); Q is unchanged, R is shifted back.
	shift = max(powerOfTwoScale(at.Data)-qrTopExponent, 0)
	scaleBy(at.Data, shift)
	tau = ws.floats(k)
	if k >= 2*qrBlock {
		if err := eliminateBlocked(cc, at.Data, m, n, k, tau); err != nil {
			return Matrix{}, nil, 0, err
		}
		return at, tau, shift, nil
	}
	for j := 0; j < k; j++ {
		if err := cc.tick((m - j) * (n - j)); err != nil {
			return Matrix{}, nil, 0, err
		}
		tau[j] = eliminate(at.Data, m, n, j)
	}
	return at, tau, shift, nil
}

// QRComplete returns the complete QR factorisation of the m×n matrix a
// (numpy's qr(a, mode="complete")):
//
//	A = Q·R    Q m×m orthogonal, R m×n upper triangular, Rᵢᵢ ≥ 0 (i < k)
//
// The first k = min(m, n) columns of Q and rows of R are those of QR. For
// m > n the last m − k columns of Q, a basis of the orthogonal complement
// of the first k, are the columns of the Householder product H₀·H₁⋯Hₖ₋₁
// as it stands (LAPACK's dorgqr forms the same ones), and the last m − k
// rows of R are zero. For m ≤ n it is QR. It returns ErrInvalid if a is
// empty or holds NaN or Inf, or if Q would have more than MaxLen entries.
func QRComplete(a Matrix) (q, r Matrix, err error) {
	return qrCompleteAlloc(nil, a)
}

// QRCompleteContext is QRComplete, stopping early when ctx is done.
func QRCompleteContext(ctx context.Context, a Matrix) (q, r Matrix, err error) {
	return qrCompleteAlloc(newCanceller(ctx, "qr"), a)
}

func qrCompleteAlloc(cc *canceller, a Matrix) (q, r Matrix, err error) {
	if err := a.finiteMatrix("qr", "A"); err != nil {
		return Matrix{}, Matrix{}, err
	}
	// Q is m×m: a tall A of a few columns may ask for far more than A holds.
	if q, err = newResult("qr", a.Rows, a.Rows); err != nil {
		return Matrix{}, Matrix{}, err
	}
	r = NewMatrix(a.Rows, a.Cols)
	if err := qrCompleteTo(cc, q, r, a); err != nil {
		return Matrix{}, Matrix{}, err
	}
	return q, r, nil
}

// QRCompleteTo writes the factors of QRComplete(a) into q (m×m) and r
// (m×n).
func QRCompleteTo(q, r, a Matrix) error {
	return qrCompleteTo(nil, q, r, a)
}

// QRCompleteToContext is QRCompleteTo, stopping early when ctx is done.
func QRCompleteToContext(ctx context.Context, q, r, a Matrix) error {
	return qrCompleteTo(newCanceller(ctx, "qr"), q, r, a)
}

func qrCompleteTo(cc *canceller, q, r, a Matrix) error {
	a = cc.scratch().fresh(a, spanOf(q.Data), spanOf(r.Data))
	if err := a.finiteMatrix("qr", "A"); err != nil {
		return err
	}
	if err := q.want("qr", "Q", a.Rows, a.Rows); err != nil {
		return err
	}
	if err := r.want("qr", "R", a.Rows, a.Cols); err != nil {
		return err
	}
	return qrFill(cc, q, r, a)
}

// QRRaw returns the Householder QR factorisation of the m×n matrix a in
// LAPACK's packed form, as numpy's qr(a, mode="raw") does: h is n×m, the
// transpose of dgeqrf's m×n result, and tau holds k = min(m, n) values.
//
//	h[j][i] = R[i][j]    i ≤ j (R not normalised: Rⱼⱼ = βⱼ may be negative)
//	h[j][i] = vⱼ[i]      i > j, vⱼ[j] = 1 implied
//	A = H₀·H₁⋯Hₖ₋₁·R    Hⱼ = I − τⱼ·vⱼ·vⱼᵀ
//
// Each reflector follows LAPACK's dlarfg: βⱼ = −sign(αⱼ)·‖x‖, τⱼ =
// (βⱼ − αⱼ)/βⱼ, and τⱼ = 0 (Hⱼ = I, βⱼ = αⱼ) when the column below the
// diagonal is already zero. It returns ErrInvalid if a is empty or holds
// NaN or Inf.
func QRRaw(a Matrix) (h Matrix, tau []float64, err error) {
	return qrRawAlloc(nil, a)
}

// QRRawContext is QRRaw, stopping early when ctx is done.
func QRRawContext(ctx context.Context, a Matrix) (h Matrix, tau []float64, err error) {
	return qrRawAlloc(newCanceller(ctx, "qr"), a)
}

func qrRawAlloc(cc *canceller, a Matrix) (h Matrix, tau []float64, err error) {
	if err := a.finiteMatrix("qr", "A"); err != nil {
		return Matrix{}, nil, err
	}
	h, tau = NewMatrix(a.Cols, a.Rows), make([]float64, min(a.Rows, a.Cols))
	if err := qrRawTo(cc, h, tau, a); err != nil {
		return Matrix{}, nil, err
	}
	return h, tau, nil
}

// QRRawTo writes the results of QRRaw(a) into h (n×m) and tau (k).
func QRRawTo(h Matrix, tau []float64, a Matrix) error {
	return qrRawTo(nil, h, tau, a)
}

// QRRawToContext is QRRawTo, stopping early when ctx is done.
func QRRawToContext(ctx context.Context, h Matrix, tau []float64, a Matrix) error {
	return qrRawTo(newCanceller(ctx, "qr"), h, tau, a)
}

func qrRawTo(cc *canceller, h Matrix, tau []float64, a Matrix) error {
	a = cc.scratch().fresh(a, spanOf(h.Data), spanOf(tau))
	if err := a.finiteMatrix("qr", "A"); err != nil {
		return err
	}
	m, n := a.Rows, a.Cols
	if err := h.want("qr", "h", n, m); err != nil {
		return err
	}
	if len(tau) != min(m, n) {
		return shapeErr("qr", "tau has length %d, want %d", len(tau), min(m, n))
	}
	at, t, shift, err := qrFactor(cc, a)
	if err != nil {
		return err
	}
	copy(h.Data, at.Data)
	copy(tau, t)
	if shift != 0 {
		for j := 0; j < n; j++ {
			row := h.Data[j*m : j*m+min(j+1, m)]
			for i := range row {
				row[i] = math.Ldexp(row[i], shift)
			}
		}
	}
	return nil
}
