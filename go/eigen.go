package twinmath

import "math"

// Eigenvalues and eigenvectors.
//
// Eigh: the symmetric matrix (its lower triangle) is reduced to tridiagonal
// form T = QᵀAQ by Householder reflections, and T is diagonalised by the
// implicit QL algorithm with Wilkinson shifts, the plane rotations being
// accumulated into Q. Eig: the matrix is balanced (permuted and scaled by
// powers of two, as LAPACK's dgebal), reduced to upper Hessenberg form by
// Householder reflections, and brought to real Schur form T = ZᵀAZ by the
// Francis double-shift QR algorithm (as LAPACK's dlahqr); the eigenvectors of
// the quasi-triangular T are found by back substitution (as LAPACK's dtrevc)
// and transformed back with Z and the balancing.
//
// Both keep the Schur or eigenvector basis transposed, one vector per row, so
// that every rotation and reflection touches contiguous memory.
//
// This file holds what the two share; Eigh is in eigh.go, Eig in eig.go
// (balancing, Hessenberg reduction) and schur.go (Francis QR, back
// substitution).

const (
	eigULP    = 0x1p-52   // ε, the spacing of floats at 1 (LAPACK's dlamch('P'))
	eigSafmin = 0x1p-1022 // the smallest normal float (LAPACK's dlamch('S'))
	// eigTie is the relative tolerance under which two magnitudes (or two
	// real parts) count as tied in the canonical forms: √ε, far above the
	// rounding differences of two implementations and far below the spread
	// of distinct values. See docs/conventions.md, "Eigenvalues".
	eigTie = 0x1p-26
)

// eigIterFactor bounds the iterations: 30 per eigenvalue, as LAPACK allows.
// The tests lower it to provoke ErrNoConvergence.
var eigIterFactor = 30

// ComplexMatrix is a dense row-major complex matrix: entry (i, j) is
// Data[i*Cols+j]. Its layout is that of a C-contiguous complex128 numpy array
// (real and imaginary parts interleaved), so the C library fills numpy's
// buffer without copying.
type ComplexMatrix struct {
	Rows, Cols int
	Data       []complex128
}

// NewComplexMatrix returns a rows×cols matrix of zeros.
func NewComplexMatrix(rows, cols int) ComplexMatrix {
	return ComplexMatrix{Rows: rows, Cols: cols, Data: make([]complex128, rows*cols)}
}

// At returns entry (i, j).
func (m ComplexMatrix) At(i, j int) complex128 { return m.Data[i*m.Cols+j] }

// scaleToUnit multiplies data by the power of two 2⁻ᵉ that brings its largest
// magnitude into [1/2, 1) when that magnitude lies outside [2⁻⁴⁶⁰, 2⁴⁶⁰]
// (about 1e-138 to 1e138, as LAPACK's dgeev and dsyev scale), and returns e
// (0 when no scaling is needed). The scaling is exact, and keeps every later
// square and product in range.
func scaleToUnit(data []float64) int {
	m := maxAbs(data)
	if m == 0 || (m >= 0x1p-460 && m <= 0x1p460) {
		return 0
	}
	_, e := math.Frexp(m)
	for i, x := range data {
		data[i] = math.Ldexp(x, -e)
	}
	return e
}

// eigReflector computes a Householder reflection H = I − τ·v·vᵀ with
// H·x = β·e₁ and v[0] = 1, as LAPACK's dlarfg: x[1:] is overwritten with
// v[1:] and x[0] with 1. τ = 0 (H = I) when x[1:] is zero.
func eigReflector(x []float64) (beta, tau float64) {
	alpha := x[0]
	xnorm := norm2(x[1:])
	if xnorm == 0 {
		x[0] = 1
		return alpha, 0
	}
	beta = -math.Copysign(math.Hypot(alpha, xnorm), alpha)
	if math.Abs(beta) < eigSafmin {
		// Subnormal entries carry too few bits for τ and v to make an
		// orthogonal H: compute them from x scaled by a power of two
		// (exact; H does not change with the scale), as dlarfg does.
		_, e := math.Frexp(max(math.Abs(alpha), xnorm))
		for i := range x {
			x[i] = math.Ldexp(x[i], -e)
		}
		b, t := eigReflector(x)
		return math.Ldexp(b, e), t
	}
	x[0] = 1
	tau = (beta - alpha) / beta
	// Dividing (rather than multiplying by the reciprocal) cannot overflow:
	// |x[i]| ≤ ‖x[1:]‖ ≤ |α − β|.
	d := alpha - beta
	for i := 1; i < len(x); i++ {
		x[i] /= d
	}
	return beta, tau
}
