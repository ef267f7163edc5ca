package twinmath

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The sentinel errors. Every error returned by this package wraps exactly one
// of them; the C library maps each to a status code and Python to an exception
// class (see docs/conventions.md).
var (
	// ErrShape reports arguments whose shapes do not fit together.
	ErrShape = errors.New("shape mismatch")
	// ErrSingular reports a singular matrix where an inverse is needed.
	ErrSingular = errors.New("singular matrix")
	// ErrNotPositiveDefinite reports a matrix that is not positive definite.
	ErrNotPositiveDefinite = errors.New("not positive definite")
	// ErrNoConvergence reports an iteration that did not converge.
	ErrNoConvergence = errors.New("no convergence")
	// ErrInvalid reports a bad value: NaN or Inf given to a factorisation,
	// empty input, a parameter out of range, or a distribution that is not one.
	ErrInvalid = errors.New("invalid input")
)

// opError builds the error text "op: sentinel: detail" that both
// implementations produce for the same bad input.
func opError(op string, sentinel error, format string, args ...any) error {
	if format == "" {
		return fmt.Errorf("%s: %w", op, sentinel)
	}
	return fmt.Errorf("%s: %w: %s", op, sentinel, fmt.Sprintf(format, args...))
}

func shapeErr(op, format string, args ...any) error {
	return opError(op, ErrShape, format, args...)
}

func invalidErr(op, format string, args ...any) error {
	return opError(op, ErrInvalid, format, args...)
}

// pyFloat formats x as Python's repr(float) does, so that messages quoting a
// number read the same from both implementations.
func pyFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	// Python switches to scientific notation when the decimal exponent is
	// below -4 or at least 16.
	e := strconv.FormatFloat(x, 'e', -1, 64)
	mant, exp, _ := strings.Cut(e, "e")
	n, _ := strconv.Atoi(exp)
	if n < -4 || n >= 16 {
		sign := "+"
		if n < 0 {
			sign, n = "-", -n
		}
		return fmt.Sprintf("%se%s%02d", mant, sign, n)
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// checkFinite returns ErrInvalid if any entry of data is NaN or ±Inf.
func checkFinite(op, name string, data []float64) error {
	_, err := finiteMax(op, name, data)
	return err
}

// finiteMax is checkFinite, returning maxAbsBits(data) as well (for the
// scaling of a factorisation, which then needs no second pass).
func finiteMax(op, name string, data []float64) (uint64, error) {
	m := maxAbsBits(data)
	if m >= infBits {
		return m, invalidErr(op, "%s contains NaN or Inf", name)
	}
	return m, nil
}

// MaxLen is the largest count the package accepts: the length of a vector,
// either dimension of a matrix, the number of entries of a result, the number
// of draws from an Rng and the number of iterations of an optimisation. A
// larger count (or one whose product with another overflows) is refused with
// ErrInvalid before anything is allocated. 2³² float64 values take 32 GiB;
// within the limit, a result the machine cannot hold still ends the process,
// as any failed Go allocation does.
const MaxLen = min(1<<32, math.MaxInt)

// mulLen returns a·b for counts a and b, and false if either is negative or
// the product exceeds MaxLen. It never overflows.
func mulLen(a, b int) (int, bool) {
	if a < 0 || b < 0 || a > MaxLen || b > MaxLen {
		return 0, false
	}
	if a == 0 || b == 0 {
		return 0, true
	}
	if a > MaxLen/b {
		return 0, false
	}
	return a * b, true
}

// checkCount returns ErrInvalid if the count n (named name) exceeds MaxLen.
// Negative counts are the caller's to refuse, each with its own message.
func checkCount(op, name string, n int) error {
	if n > MaxLen {
		return invalidErr(op, "%s must be at most %d, got %d", name, MaxLen, n)
	}
	return nil
}

// newResult allocates a rows×cols result for op, or returns ErrInvalid if
// it would have more than MaxLen entries. rows and cols are not negative.
func newResult(op string, rows, cols int) (Matrix, error) {
	n, ok := mulLen(rows, cols)
	if !ok {
		return Matrix{}, invalidErr(op, "the result would be %dx%d, more than %d values", rows, cols, MaxLen)
	}
	return Matrix{Rows: rows, Cols: cols, Data: make([]float64, n)}, nil
}

// filledSlice returns dst once fill has written it, or the error of fill
// and no slice: the allocating form of an operation whose To form is fill.
func filledSlice(dst []float64, fill func(dst []float64) error) ([]float64, error) {
	if err := fill(dst); err != nil {
		return nil, err
	}
	return dst, nil
}

// filledMatrix returns dst once fill has written it, or the error of fill
// and no matrix: the allocating form of an operation whose To form is fill.
func filledMatrix(dst Matrix, fill func(dst Matrix) error) (Matrix, error) {
	if err := fill(dst); err != nil {
		return Matrix{}, err
	}
	return dst, nil
}
