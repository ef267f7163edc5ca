package twinmath

import "math"

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
	// Work on Aᵀ, so that every column of A is a contiguous row. No scaling
	// of the whole matrix: it would make the entries of a column much smaller
	// than the largest of A subnormal, and lose them; the reflectors are
	// safe on their own (norm2 and Hypot scale, |v[i]| ≤ 1).
	ws := cc.scratch()
	at := ws.transpose(a)
	// Near the top of the range a reflector's v = x − α·e₁ overflows
	// (1e308·[[1, 1], [1, −1]]): then A is shifted down by just enough
	// powers of two (exact); Q is unchanged, R is shifted back.
	shift := max(powerOfTwoScale(at.Data)-qrTopExponent, 0)
	scaleBy(at.Data, shift)
	tau := ws.floats(k)
	for j := 0; j < k; j++ {
		if err := cc.tick((m - j) * (n - j)); err != nil {
			return err
		}
		tau[j] = eliminate(at.Data, m, n, j)
	}
	// R: the upper triangle.
	clear(r.Data)
	for i := 0; i < k; i++ {
		for c := i; c < n; c++ {
			r.Data[i*n+c] = math.Ldexp(at.Data[c*m+i], shift)
		}
	}
	// Q = H₀·H₁⋯Hₖ₋₁·[I; 0], on Qᵀ, whose rows are the columns of Q.
	qt, err := householderQ(cc, at, tau, k, m)
	if err != nil {
		return err
	}
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
