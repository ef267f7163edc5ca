package twinmath

import (
	"errors"
	"slices"
)

// Tensor is an array of any number of dimensions: Data holds its values in
// row-major (C) order, as a C-contiguous numpy array, so the entry at
// index (i₀, …, iₖ₋₁) is Data[((i₀·Shape[1] + i₁)·Shape[2] + …) + iₖ₋₁].
// A 0-D tensor (an empty Shape) holds one value.
type Tensor struct {
	Shape []int
	Data  []float64
}

// check returns ErrShape if t's fields are inconsistent (a negative
// dimension, or Data not holding the product of Shape), and ErrInvalid if
// that product exceeds MaxLen.
func (t Tensor) check(op, name string) error {
	size, err := shapeSize(op, name, t.Shape)
	if err != nil {
		return err
	}
	if len(t.Data) != size {
		return shapeErr(op, "%s has %d values, its shape %s holds %d", name, len(t.Data), pyShape(t.Shape), size)
	}
	return nil
}

// product returns the product of dims, which a checked shape keeps within
// MaxLen.
func product(dims []int) int {
	p := 1
	for _, d := range dims {
		p *= d
	}
	return p
}

// permuted returns the values of t with its axes in the order perm (numpy's
// t.transpose(perm)), as a new row-major array, and their shape. The
// identity permutation returns t's own values, not a copy.
func permuted(t Tensor, perm []int) ([]float64, []int) {
	nd := len(perm)
	shape := make([]int, nd)
	identity := true
	for i, p := range perm {
		shape[i] = t.Shape[p]
		identity = identity && p == i
	}
	if identity || len(t.Data) == 0 {
		return t.Data, shape
	}
	stride := make([]int, len(t.Shape))
	s := 1
	for i := len(t.Shape) - 1; i >= 0; i-- {
		stride[i] = s
		s *= t.Shape[i]
	}
	step := make([]int, nd) // the source stride of each destination axis
	for i, p := range perm {
		step[i] = stride[p]
	}
	dst := make([]float64, len(t.Data))
	idx := make([]int, nd)
	src := 0
	for k := range dst {
		dst[k] = t.Data[src]
		// Advance the destination index as an odometer, the last axis fastest.
		for i := nd - 1; i >= 0; i-- {
			idx[i]++
			src += step[i]
			if idx[i] < shape[i] {
				break
			}
			src -= idx[i] * step[i]
			idx[i] = 0
		}
	}
	return dst, shape
}

// renamed returns err with the operation op in place of the one it names,
// for a sentinel that carries no detail (ErrSingular from Solve and Inv).
func renamed(op string, err error) error {
	if errors.Is(err, ErrSingular) {
		return opError(op, ErrSingular, "")
	}
	return err
}

// Tensorsolve returns the tensor x solving tensordot(a, x, x.ndim) = b, as
// numpy.linalg.tensorsolve: the axes of a listed in axes are first moved,
// in that order, to the end (nil leaves a as it is); x then has the shape of
// a's last dimensions, a.Shape[len(b.Shape):] (numpy's a.shape[-(a.ndim −
// b.ndim):], which for len(b.Shape) ≥ len(a.Shape) is a.Shape[len(b.Shape) −
// len(a.Shape):]), and the system is a reshaped to the q×q matrix, q the
// number of unknowns, against b's q values taken in row-major order, solved
// as Solve. Unknowns of no values (q = 0) give an empty x.
//
// It returns ErrShape if the fields of a or b are inconsistent, if a's size
// is not q², or if b does not hold q values; ErrInvalid if an axis is not
// one of a's (0 ≤ axis < len(a.Shape)), or a or b holds NaN or Inf; and
// ErrSingular as Solve.
func Tensorsolve(a, b Tensor, axes []int) (Tensor, error) {
	return tensorsolve(nil, a, b, axes)
}

// tensorsolve is Tensorsolve, stopping with the error of cc when cc is
// cancelled.
func tensorsolve(cc *canceller, a, b Tensor, axes []int) (Tensor, error) {
	const op = "tensorsolve"
	if err := a.check(op, "a"); err != nil {
		return Tensor{}, err
	}
	if err := b.check(op, "b"); err != nil {
		return Tensor{}, err
	}
	an, bn := len(a.Shape), len(b.Shape)
	order := make([]int, an)
	for i := range order {
		order[i] = i
	}
	for i, k := range axes {
		if k < 0 || k >= an {
			return Tensor{}, invalidErr(op, "axes[%d] is %d, not an axis of a, which has %d dimensions", i, k, an)
		}
		// numpy's list.remove(k) and append: a repeated axis moves again.
		order = append(slices.DeleteFunc(order, func(v int) bool { return v == k }), k)
	}
	shape := make([]int, an)
	for i, p := range order {
		shape[i] = a.Shape[p]
	}
	start := bn
	if bn >= an {
		start = min(bn-an, an)
	}
	xShape := slices.Clone(shape[start:])
	q := product(xShape)
	if !(q == 0 && len(a.Data) == 0) && (q == 0 || len(a.Data)%q != 0 || len(a.Data)/q != q) {
		return Tensor{}, shapeErr(op, "a of shape %s (its axes moved) must hold prod(a.shape[b.ndim:])² values for b of %d dimensions, got %d and %d",
			pyShape(shape), bn, len(a.Data), q)
	}
	if len(b.Data) != q {
		return Tensor{}, shapeErr(op, "b has %d values but the unknowns of shape %s are %d", len(b.Data), pyShape(xShape), q)
	}
	if q == 0 {
		return Tensor{Shape: xShape, Data: []float64{}}, nil
	}
	if err := checkFinite(op, "a", a.Data); err != nil {
		return Tensor{}, err
	}
	if err := checkFinite(op, "b", b.Data); err != nil {
		return Tensor{}, err
	}
	m, _ := permuted(a, order)
	x, err := solveAlloc(cc, Matrix{Rows: q, Cols: q, Data: m}, Matrix{Rows: q, Cols: 1, Data: b.Data})
	if err != nil {
		return Tensor{}, renamed(op, err)
	}
	return Tensor{Shape: xShape, Data: x.Data}, nil
}

// Tensorinv returns the inverse of a with respect to tensordot over ind
// axes, as numpy.linalg.tensorinv: a is reshaped to the matrix of
// prod(a.Shape[ind:]) rows and prod(a.Shape[:ind]) columns, which must be
// square, inverted as Inv, and the inverse has the shape a.Shape[ind:] +
// a.Shape[:ind]. Then tensordot(Tensorinv(a, ind), a, ind) is the
// identity.
//
// It returns ErrInvalid if ind < 1, a is empty or holds NaN or Inf; ErrShape
// if a's fields are inconsistent or the matrix is not square; and
// ErrSingular as Inv.
func Tensorinv(a Tensor, ind int) (Tensor, error) {
	return tensorinv(nil, a, ind)
}

// tensorinv is Tensorinv, stopping with the error of cc when cc is
// cancelled.
func tensorinv(cc *canceller, a Tensor, ind int) (Tensor, error) {
	const op = "tensorinv"
	if ind < 1 {
		return Tensor{}, invalidErr(op, "ind must be a positive integer, got %d", ind)
	}
	if err := a.check(op, "a"); err != nil {
		return Tensor{}, err
	}
	k := min(ind, len(a.Shape))
	rows, cols := product(a.Shape[k:]), product(a.Shape[:k])
	if rows != cols {
		return Tensor{}, shapeErr(op, "a of shape %s with ind %d is not square: prod(a.shape[ind:]) is %d, prod(a.shape[:ind]) %d",
			pyShape(a.Shape), ind, rows, cols)
	}
	if rows == 0 {
		return Tensor{}, invalidErr(op, "a is empty")
	}
	if err := checkFinite(op, "a", a.Data); err != nil {
		return Tensor{}, err
	}
	inv, err := invAlloc(cc, Matrix{Rows: rows, Cols: cols, Data: a.Data})
	if err != nil {
		return Tensor{}, renamed(op, err)
	}
	return Tensor{Shape: append(slices.Clone(a.Shape[k:]), a.Shape[:k]...), Data: inv.Data}, nil
}

// Tensordot returns the sum of products of a and b over the axes axesA of
// a and axesB of b, paired in order, as numpy.tensordot(a, b, (axesA,
// axesB)): the result's shape is a's other dimensions followed by b's.
// A negative axis counts from the end. The sum is the matrix product of a
// and b reshaped (their summed axes last in a, first in b), computed as
// Matmul; with no axes it is the outer product.
//
// It returns ErrShape if the fields of a or b are inconsistent, the two
// lists differ in length, or paired axes differ in length ("shape-mismatch
// for sum"), and ErrInvalid if an axis is out of range or repeated.
func Tensordot(a, b Tensor, axesA, axesB []int) (Tensor, error) {
	return tensordot(nil, a, b, axesA, axesB)
}

// tensordot is Tensordot, stopping with the error of cc when cc is
// cancelled.
func tensordot(cc *canceller, a, b Tensor, axesA, axesB []int) (Tensor, error) {
	const op = "tensordot"
	if err := a.check(op, "a"); err != nil {
		return Tensor{}, err
	}
	if err := b.check(op, "b"); err != nil {
		return Tensor{}, err
	}
	if len(axesA) != len(axesB) {
		return Tensor{}, shapeErr(op, "shape-mismatch for sum: %d axes of a but %d of b", len(axesA), len(axesB))
	}
	sa, err := normalAxes(op, "a", axesA, len(a.Shape))
	if err != nil {
		return Tensor{}, err
	}
	sb, err := normalAxes(op, "b", axesB, len(b.Shape))
	if err != nil {
		return Tensor{}, err
	}
	for i := range sa {
		if a.Shape[sa[i]] != b.Shape[sb[i]] {
			return Tensor{}, shapeErr(op, "shape-mismatch for sum: axis %d of a has length %d, axis %d of b %d",
				sa[i], a.Shape[sa[i]], sb[i], b.Shape[sb[i]])
		}
	}
	freeA, freeB := others(sa, len(a.Shape)), others(sb, len(b.Shape))
	ma, shapeA := permuted(a, append(slices.Clone(freeA), sa...))
	mb, shapeB := permuted(b, append(slices.Clone(sb), freeB...))
	m, k := product(shapeA[:len(freeA)]), product(shapeA[len(freeA):])
	n := product(shapeB[len(sb):])
	c, err := matmulAlloc(cc, Matrix{Rows: m, Cols: k, Data: ma}, Matrix{Rows: k, Cols: n, Data: mb})
	if err != nil {
		return Tensor{}, err
	}
	return Tensor{Shape: append(slices.Clone(shapeA[:len(freeA)]), shapeB[len(sb):]...), Data: c.Data}, nil
}

// TensordotN is Tensordot over the last n axes of a and the first n of b,
// in order: numpy.tensordot(a, b, n). n = 0 gives the outer product, n = 1
// (for matrices) the matrix product, n = 2 (numpy's default) a double
// contraction. It returns ErrInvalid if n is negative or exceeds the
// dimensions of a or b, and Tensordot's errors.
func TensordotN(a, b Tensor, n int) (Tensor, error) {
	return tensordotN(nil, a, b, n)
}

// tensordotN is TensordotN, stopping with the error of cc when cc is
// cancelled.
func tensordotN(cc *canceller, a, b Tensor, n int) (Tensor, error) {
	const op = "tensordot"
	if n < 0 {
		return Tensor{}, invalidErr(op, "axes must be a non-negative integer, got %d", n)
	}
	if n > len(a.Shape) || n > len(b.Shape) {
		return Tensor{}, invalidErr(op, "axes is %d, more than the dimensions of a (%d) or b (%d)", n, len(a.Shape), len(b.Shape))
	}
	axesA, axesB := make([]int, n), make([]int, n)
	for i := range n {
		axesA[i], axesB[i] = len(a.Shape)-n+i, i
	}
	return tensordot(cc, a, b, axesA, axesB)
}

// normalAxes returns axes with negative ones counted from the end, checked
// to lie in range and not to repeat.
func normalAxes(op, name string, axes []int, nd int) ([]int, error) {
	out := make([]int, len(axes))
	for i, k := range axes {
		if k < -nd || k >= nd {
			return nil, invalidErr(op, "axis %d is out of bounds for %s of %d dimensions", k, name, nd)
		}
		if k < 0 {
			k += nd
		}
		if slices.Contains(out[:i], k) {
			return nil, invalidErr(op, "duplicate axes are not allowed: axis %d of %s is summed twice", k, name)
		}
		out[i] = k
	}
	return out, nil
}

// others returns the axes 0 … nd−1 not in axes, in order.
func others(axes []int, nd int) []int {
	var out []int
	for k := range nd {
		if !slices.Contains(axes, k) {
			out = append(out, k)
		}
	}
	return out
}

// NormAxis returns the ord-norms of the lanes along one axis of the array
// of the given shape whose values x holds in row-major order, as
// numpy.linalg.norm(x, ord, axis) with an integer axis: each lane is a
// vector, its norm that of VectorNorm, and the result holds them in
// row-major order over the shape without that axis. A negative axis counts
// from the end. A lane of no values has norm 0 (+Inf for ord < 0).
//
// It returns ErrShape if len(x) is not the product of shape or a dimension
// is negative, and ErrInvalid if axis is out of range or ord is NaN.
func NormAxis(x []float64, shape []int, axis int, ord float64) ([]float64, error) {
	const op = "norm"
	if ord != ord {
		return nil, invalidErr(op, "ord must be a number, got nan")
	}
	size, err := shapeSize(op, "v", shape)
	if err != nil {
		return nil, err
	}
	if len(x) != size {
		return nil, shapeErr(op, "v has %d values, its shape %s holds %d", len(x), pyShape(shape), size)
	}
	nd := len(shape)
	if axis < -nd || axis >= nd {
		return nil, invalidErr(op, "axis %d is out of bounds for v of %d dimensions", axis, nd)
	}
	if axis < 0 {
		axis += nd
	}
	// The array is outer × n × inner with the axis in the middle; lane
	// (o, i) holds the n values at o·n·inner + i + j·inner.
	outer, n, inner := product(shape[:axis]), shape[axis], product(shape[axis+1:])
	dst := make([]float64, outer*inner)
	lane := make([]float64, n)
	for o := range outer {
		for i := range inner {
			for j := range lane {
				lane[j] = x[o*n*inner+i+j*inner]
			}
			dst[o*inner+i], _ = VectorNorm(lane, ord) // ord is not NaN: no error
		}
	}
	return dst, nil
}
