package twinmath

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Sigmoid returns the logistic function of every x[i] in a new slice.
//
//	σ(x) = 1 / (1 + e^(−x)),  x clipped to [−500, 500]
//
// The clip keeps e^(−x) finite, as the source material's numpy code does;
// σ(x) is then within [7.1e−218, 1]. Special cases are:
//
//	Sigmoid(NaN) = NaN
//	Sigmoid(+Inf) = 1
//	Sigmoid(−Inf) = 7.124576406741286e−218
func Sigmoid(x []float64) []float64 {
	dst := make([]float64, len(x))
	_ = SigmoidTo(dst, x)
	return dst
}

// SigmoidTo writes the logistic function of every x[i] into dst, which may
// alias x. It returns ErrShape if len(dst) != len(x).
func SigmoidTo(dst, x []float64) error {
	x = freshElementwise(x, dst)
	if len(dst) != len(x) {
		return shapeErr("sigmoid", "dst has length %d, x has length %d", len(dst), len(x))
	}
	for i, v := range x {
		dst[i] = sigmoid(v)
	}
	return nil
}

// sigmoid is σ for one value; Go's min and max return NaN for a NaN input.
func sigmoid(x float64) float64 {
	return 1 / (1 + math.Exp(-max(-500, min(500, x))))
}

// SigmoidDerivative returns the derivative of the logistic function at every
// x[i], in a new slice.
//
//	σ'(x) = σ(x)·(1 − σ(x)),  σ as in Sigmoid (x clipped to [−500, 500])
//
// The result lies in [0, 1/4]; it is largest at 0. Special cases are:
//
//	SigmoidDerivative(0) = 0.25
//	SigmoidDerivative(NaN) = NaN
//	SigmoidDerivative(±Inf) = σ(±500)·(1 − σ(±500))  (0 and 7.124576406741286e−218)
func SigmoidDerivative(x []float64) []float64 {
	dst := make([]float64, len(x))
	_ = SigmoidDerivativeTo(dst, x)
	return dst
}

// SigmoidDerivativeTo writes σ'(x[i]) into dst, which may alias x. It
// returns ErrShape if len(dst) != len(x).
func SigmoidDerivativeTo(dst, x []float64) error {
	x = freshElementwise(x, dst)
	if len(dst) != len(x) {
		return shapeErr("sigmoid_derivative", "dst has length %d, x has length %d", len(dst), len(x))
	}
	for i, v := range x {
		dst[i] = sigmoidDerivative(v)
	}
	return nil
}

// sigmoidDerivative is σ' for one value, computed as the reference does:
// s·(1 − s) with s = σ(x).
func sigmoidDerivative(x float64) float64 {
	s := sigmoid(x)
	return s * (1 - s)
}

// Relu returns the rectified linear unit of every x[i] in a new slice.
//
//	relu(x) = x if x > 0, else 0
//
// Special cases are:
//
//	Relu(±0) = +0
//	Relu(+Inf) = +Inf
//	Relu(−Inf) = 0
//	Relu(NaN) = NaN
func Relu(x []float64) []float64 {
	dst := make([]float64, len(x))
	_ = ReluTo(dst, x)
	return dst
}

// ReluTo writes relu(x[i]) into dst, which may alias x. It returns ErrShape
// if len(dst) != len(x).
func ReluTo(dst, x []float64) error {
	x = freshElementwise(x, dst)
	if len(dst) != len(x) {
		return shapeErr("relu", "dst has length %d, x has length %d", len(dst), len(x))
	}
	for i, v := range x {
		// NaN <= 0 is false, so NaN passes through; −0 becomes +0.
		if v <= 0 {
			v = 0
		}
		dst[i] = v
	}
	return nil
}

// Tanh returns the hyperbolic tangent of every x[i] in a new slice.
//
//	tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x))
//
// Special cases are (as math.Tanh):
//
//	Tanh(±0) = ±0
//	Tanh(±Inf) = ±1
//	Tanh(NaN) = NaN
func Tanh(x []float64) []float64 {
	dst := make([]float64, len(x))
	_ = TanhTo(dst, x)
	return dst
}

// TanhTo writes tanh(x[i]) into dst, which may alias x. It returns ErrShape
// if len(dst) != len(x).
func TanhTo(dst, x []float64) error {
	x = freshElementwise(x, dst)
	if len(dst) != len(x) {
		return shapeErr("tanh", "dst has length %d, x has length %d", len(dst), len(x))
	}
	for i, v := range x {
		dst[i] = math.Tanh(v)
	}
	return nil
}

// Softmax returns the softmax of the vector x in a new slice.
//
//	softmax(x)ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m),  m = maxⱼ xⱼ
//
// Subtracting the maximum leaves the result unchanged and keeps every
// exponent ≤ 0, so nothing overflows. The result of an empty x is empty.
// Special cases are:
//
//	x holding NaN: every entry NaN
//	x holding +Inf: every entry NaN (Inf − Inf)
//	x all −Inf: every entry NaN (0/0)
//	−Inf among finite values: 0 at its place
func Softmax(x []float64) []float64 {
	dst := make([]float64, len(x))
	_ = SoftmaxTo(dst, x)
	return dst
}

// SoftmaxTo writes the softmax of the vector x into dst, which may alias x.
// It returns ErrShape if len(dst) != len(x).
func SoftmaxTo(dst, x []float64) error {
	x = freshElementwise(x, dst)
	if len(dst) != len(x) {
		return shapeErr("softmax", "dst has length %d, x has length %d", len(dst), len(x))
	}
	softmaxLane(dst, x, 0, len(x), 1)
	return nil
}

// SoftmaxAxis returns the softmax along one axis of the array of the given
// shape whose values x holds in row-major order (as a C-contiguous numpy
// array): each lane along that axis is normalised as in Softmax. A negative
// axis counts from the end; a 0-D array (an empty shape) is a lane of one
// value and takes axis 0 or −1.
//
// It returns ErrShape if len(x) is not the product of shape or a dimension
// is negative, and ErrInvalid if axis is out of range.
func SoftmaxAxis(x []float64, shape []int, axis int) ([]float64, error) {
	return filledSlice(make([]float64, len(x)), func(dst []float64) error { return SoftmaxAxisTo(dst, x, shape, axis) })
}

// SoftmaxAxisTo writes the softmax of x along axis into dst, which may alias
// x; see SoftmaxAxis. It also returns ErrShape if len(dst) != len(x).
func SoftmaxAxisTo(dst, x []float64, shape []int, axis int) error {
	x = freshElementwise(x, dst)
	size, err := shapeSize("softmax", "x", shape)
	if err != nil {
		return err
	}
	if len(x) != size {
		return shapeErr("softmax", "x has %d values, its shape %s holds %d", len(x), pyShape(shape), size)
	}
	if len(dst) != len(x) {
		return shapeErr("softmax", "dst has length %d, x has length %d", len(dst), len(x))
	}
	nd := max(len(shape), 1)
	if axis < -nd || axis >= nd {
		return invalidErr("softmax", "axis %d is out of bounds for an array of dimension %d", axis, len(shape))
	}
	if len(shape) == 0 {
		softmaxLane(dst, x, 0, 1, 1)
		return nil
	}
	if axis < 0 {
		axis += nd
	}
	// The array is outer × n × inner with the axis in the middle; lane
	// (o, i) holds the n values at o·n·inner + i + j·inner.
	outer, n, inner := 1, shape[axis], 1
	for _, d := range shape[:axis] {
		outer *= d
	}
	for _, d := range shape[axis+1:] {
		inner *= d
	}
	lanes := outer * inner
	run := func(lo, hi int) {
		for l := lo; l < hi; l++ {
			o, i := l/inner, l%inner
			softmaxLane(dst, x, o*n*inner+i, n, inner)
		}
	}
	// Lanes are independent: large arrays are split among goroutines by lane,
	// which changes no result.
	if n > 0 && lanes > 1 && lanes*n >= 1<<16 {
		chunks(lanes, run, max(1, (1<<15)/n))
		return nil
	}
	run(0, lanes)
	return nil
}

// softmaxLane normalises the n values x[start], x[start+stride], … into the
// same places of dst. The maximum propagates NaN (as numpy's max does), and
// the sum runs left to right.
func softmaxLane(dst, x []float64, start, n, stride int) {
	if n == 0 {
		return
	}
	m := math.Inf(-1)
	for j := 0; j < n; j++ {
		v := x[start+j*stride]
		if v > m || v != v {
			m = v
			if v != v {
				break
			}
		}
	}
	var s float64
	for j := 0; j < n; j++ {
		k := start + j*stride
		e := math.Exp(x[k] - m)
		dst[k] = e
		s += e
	}
	for j := 0; j < n; j++ {
		dst[start+j*stride] /= s
	}
}

// shapeSize returns the number of values an array of the given shape holds,
// ErrShape for a negative dimension, and ErrInvalid if the product of its
// non-zero dimensions exceeds MaxLen (so that no product of some of its
// dimensions can overflow).
func shapeSize(op, name string, shape []int) (int, error) {
	size, nonzero := 1, 1
	for _, d := range shape {
		if d < 0 {
			return 0, shapeErr(op, "%s has a negative dimension in its shape %s", name, pyShape(shape))
		}
	}
	for _, d := range shape {
		if d == 0 {
			size = 0
			continue
		}
		var ok bool
		if nonzero, ok = mulLen(nonzero, d); !ok {
			return 0, invalidErr(op, "%s has the shape %s, more than %d values", name, pyShape(shape), MaxLen)
		}
	}
	if size != 0 {
		size = nonzero
	}
	return size, nil
}

// named is a matrix argument with its name in messages.
type named struct {
	m    Matrix
	name string
}

// checkMatrices runs check on each argument in order.
func checkMatrices(op string, args ...named) error {
	for _, a := range args {
		if err := a.m.check(op, a.name); err != nil {
			return err
		}
	}
	return nil
}

func checkBackwardArgs(x, y, a1, a2, z1, z2, w1, w2 Matrix) error {
	return checkMatrices("backward_pass", named{x, "X"}, named{y, "y"}, named{a1, "a1"}, named{a2, "a2"},
		named{z1, "z1"}, named{z2, "z2"}, named{w1, "W1"}, named{w2, "W2"})
}

// pyShape formats a shape as Python prints a tuple: (), (3,), (2, 3).
func pyShape(shape []int) string {
	if len(shape) == 1 {
		return fmt.Sprintf("(%d,)", shape[0])
	}
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// ForwardPassResult holds the activations and pre-activations of a forward
// pass through the two-layer network: A1 and Z1 are m×h, A2 and Z2 are m×k.
type ForwardPassResult struct {
	A1, A2, Z1, Z2 Matrix
}

// ForwardPass runs the m samples in the rows of x through a network with one
// hidden layer of h sigmoid units and k sigmoid outputs.
//
//	Z1 = X·W1 + b1,  A1 = σ(Z1)
//	Z2 = A1·W2 + b2, A2 = σ(Z2)
//
// x is m×n, w1 n×h, b1 holds h values, w2 h×k and b2 k values; the biases
// are added to every row. The products are those of Matmul, and σ is
// Sigmoid. NaN and Inf propagate. It returns ErrShape if the shapes do not
// fit together.
func ForwardPass(x, w1 Matrix, b1 []float64, w2 Matrix, b2 []float64) (ForwardPassResult, error) {
	return forwardPass(nil, x, w1, b1, w2, b2)
}

// forwardPass is ForwardPass, stopping with the error of cc when cc is
// cancelled.
func forwardPass(cc *canceller, x, w1 Matrix, b1 []float64, w2 Matrix, b2 []float64) (ForwardPassResult, error) {
	const op = "forward_pass"
	if err := checkMatrices(op, named{x, "X"}, named{w1, "W1"}, named{w2, "W2"}); err != nil {
		return ForwardPassResult{}, err
	}
	m, h, k := x.Rows, w1.Cols, w2.Cols
	if _, ok := mulLen(m, h); !ok {
		return ForwardPassResult{}, invalidErr(op, "the hidden layer would be %dx%d, more than %d values", m, h, MaxLen)
	}
	if _, ok := mulLen(m, k); !ok {
		return ForwardPassResult{}, invalidErr(op, "the output would be %dx%d, more than %d values", m, k, MaxLen)
	}
	dst := ForwardPassResult{A1: NewMatrix(m, h), A2: NewMatrix(m, k), Z1: NewMatrix(m, h), Z2: NewMatrix(m, k)}
	if err := forwardPassTo(cc, dst, x, w1, b1, w2, b2); err != nil {
		return ForwardPassResult{}, err
	}
	return dst, nil
}

// ForwardPassTo writes the forward pass into dst, whose matrices must be of
// the sizes ForwardPass gives and may share memory with the inputs; see ForwardPass.
func ForwardPassTo(dst ForwardPassResult, x, w1 Matrix, b1 []float64, w2 Matrix, b2 []float64) error {
	return forwardPassTo(nil, dst, x, w1, b1, w2, b2)
}

// forwardPassTo is ForwardPassTo, stopping with the error of cc (dst then
// holds part of the result) when cc is cancelled.
func forwardPassTo(cc *canceller, dst ForwardPassResult, x, w1 Matrix, b1 []float64, w2 Matrix, b2 []float64) error {
	outs := []span{spanOf(dst.A1.Data), spanOf(dst.A2.Data), spanOf(dst.Z1.Data), spanOf(dst.Z2.Data)}
	x, w1, w2 = x.fresh(outs...), w1.fresh(outs...), w2.fresh(outs...)
	b1, b2 = fresh(b1, outs...), fresh(b2, outs...)
	const op = "forward_pass"
	if err := checkMatrices(op, named{x, "X"}, named{w1, "W1"}, named{w2, "W2"}); err != nil {
		return err
	}
	m, h, k := x.Rows, w1.Cols, w2.Cols
	if w1.Rows != x.Cols {
		return shapeErr(op, "W1 is %dx%d, want %d rows (the columns of X)", w1.Rows, w1.Cols, x.Cols)
	}
	if len(b1) != h {
		return shapeErr(op, "b1 has %d values, want %d (the columns of W1)", len(b1), h)
	}
	if w2.Rows != h {
		return shapeErr(op, "W2 is %dx%d, want %d rows (the columns of W1)", w2.Rows, w2.Cols, h)
	}
	if len(b2) != k {
		return shapeErr(op, "b2 has %d values, want %d (the columns of W2)", len(b2), k)
	}
	for _, d := range []struct {
		m          Matrix
		name       string
		rows, cols int
	}{{dst.A1, "dst.A1", m, h}, {dst.A2, "dst.A2", m, k}, {dst.Z1, "dst.Z1", m, h}, {dst.Z2, "dst.Z2", m, k}} {
		if err := d.m.want(op, d.name, d.rows, d.cols); err != nil {
			return err
		}
	}
	if err := layer(cc, dst.Z1, dst.A1, x, w1, b1); err != nil {
		return err
	}
	return layer(cc, dst.Z2, dst.A2, dst.A1, w2, b2)
}

// layer computes z = in·w + b (b added to every row, after the product, as
// numpy's np.dot(in, w) + b) and a = σ(z), or stops with the error of cc.
func layer(cc *canceller, z, a, in, w Matrix, b []float64) error {
	if err := matmulCtx(cc, z, in, w); err != nil {
		return err
	}
	for i := 0; i < z.Rows; i++ {
		row := z.Row(i)
		for j := range row {
			row[j] += b[j]
		}
	}
	for i, v := range z.Data {
		a.Data[i] = sigmoid(v)
	}
	return nil
}

// BackwardPassResult holds the gradients of the loss with respect to the
// weights and biases: DW1 is n×h, DB1 holds h values, DW2 is h×k and DB2
// holds k values.
type BackwardPassResult struct {
	DW1 Matrix
	DB1 []float64
	DW2 Matrix
	DB2 []float64
}

// BackwardPass returns the gradients of the network of ForwardPass by
// backpropagation, averaged over the m samples, given the targets y (m×k)
// and the result fwd of ForwardPass(x, w1, b1, w2, b2): passing the forward
// pass as one value, not its four matrices, leaves no A1 and Z1 to swap.
//
//	dZ2 = A2 − Y
//	dW2 = (1/m)·A1ᵀ·dZ2,   db2 = (1/m)·Σᵢ dZ2[i]
//	dZ1 = (dZ2·W2ᵀ) ⊙ σ'(Z1)
//	dW1 = (1/m)·Xᵀ·dZ1,    db1 = (1/m)·Σᵢ dZ1[i]
//
// dZ2 = A2 − Y is the gradient of the binary cross-entropy
// −(1/m)·Σ [y·log a2 + (1 − y)·log(1 − a2)] with respect to Z2 (times m) when
// the outputs are sigmoids, so these are the gradients of that loss. w1 is
// not needed by the formulas; it fixes the shape of dW1 and is checked.
// The scaling by 1/m multiplies by the rounded reciprocal after each sum, as
// the reference does. NaN and Inf propagate.
//
// It returns ErrShape if the shapes do not fit together (x m×n, w1 n×h, w2
// h×k, fwd.A1 and fwd.Z1 m×h, y, fwd.A2 and fwd.Z2 m×k; the messages call
// them a1, z1, a2 and z2) and ErrInvalid if m is 0 (there is no average over
// no samples).
func BackwardPass(x, y Matrix, fwd ForwardPassResult, w1, w2 Matrix) (BackwardPassResult, error) {
	return backwardPass(nil, x, y, fwd, w1, w2)
}

// backwardPass is BackwardPass, stopping with the error of cc when cc is
// cancelled.
func backwardPass(cc *canceller, x, y Matrix, fwd ForwardPassResult, w1, w2 Matrix) (BackwardPassResult, error) {
	if err := checkBackwardArgs(x, y, fwd.A1, fwd.A2, fwd.Z1, fwd.Z2, w1, w2); err != nil {
		return BackwardPassResult{}, err
	}
	n, h, k := w1.Rows, w1.Cols, w2.Cols
	dst := BackwardPassResult{
		DW1: NewMatrix(n, h), DB1: make([]float64, h),
		DW2: NewMatrix(w2.Rows, k), DB2: make([]float64, k),
	}
	if err := backwardPassTo(cc, dst, x, y, fwd.A1, fwd.A2, fwd.Z1, fwd.Z2, w1, w2); err != nil {
		return BackwardPassResult{}, err
	}
	return dst, nil
}

// BackwardPassTo writes the gradients into dst, whose parts must be of the
// sizes BackwardPass gives and may share memory with the inputs; see BackwardPass.
func BackwardPassTo(dst BackwardPassResult, x, y Matrix, fwd ForwardPassResult, w1, w2 Matrix) error {
	return backwardPassTo(nil, dst, x, y, fwd.A1, fwd.A2, fwd.Z1, fwd.Z2, w1, w2)
}

// backwardPassTo is BackwardPassTo with the forward pass's four matrices,
// stopping with the error of cc (dst then holds part of the result) when cc
// is cancelled.
func backwardPassTo(cc *canceller, dst BackwardPassResult, x, y, a1, a2, z1, z2, w1, w2 Matrix) error {
	outs := []span{spanOf(dst.DW1.Data), spanOf(dst.DB1), spanOf(dst.DW2.Data), spanOf(dst.DB2)}
	x, y, a1, a2 = x.fresh(outs...), y.fresh(outs...), a1.fresh(outs...), a2.fresh(outs...)
	z1, z2, w1, w2 = z1.fresh(outs...), z2.fresh(outs...), w1.fresh(outs...), w2.fresh(outs...)
	const op = "backward_pass"
	if err := checkBackwardArgs(x, y, a1, a2, z1, z2, w1, w2); err != nil {
		return err
	}
	m, n, h, k := x.Rows, x.Cols, w1.Cols, w2.Cols
	if w1.Rows != n {
		return shapeErr(op, "W1 is %dx%d, want %d rows (the columns of X)", w1.Rows, w1.Cols, n)
	}
	if w2.Rows != h {
		return shapeErr(op, "W2 is %dx%d, want %d rows (the columns of W1)", w2.Rows, w2.Cols, h)
	}
	for _, a := range []struct {
		m          Matrix
		name       string
		rows, cols int
	}{{y, "y", m, k}, {a1, "a1", m, h}, {a2, "a2", m, k}, {z1, "z1", m, h}, {z2, "z2", m, k},
		{dst.DW1, "dst.DW1", n, h}, {dst.DW2, "dst.DW2", h, k}} {
		if err := a.m.want(op, a.name, a.rows, a.cols); err != nil {
			return err
		}
	}
	if len(dst.DB1) != h || len(dst.DB2) != k {
		return shapeErr(op, "dst.DB1 and dst.DB2 have %d and %d values, want %d and %d", len(dst.DB1), len(dst.DB2), h, k)
	}
	if m == 0 {
		return invalidErr(op, "X has no rows (no samples to average over)")
	}
	c := 1 / float64(m)
	dz2 := NewMatrix(m, k)
	for i, v := range a2.Data {
		dz2.Data[i] = v - y.Data[i]
	}
	if err := matmulT(cc, dst.DW2, a1, dz2, c); err != nil {
		return err
	}
	columnMeans(dst.DB2, dz2, c)
	// dZ1 = (dZ2·W2ᵀ) ⊙ σ'(Z1)
	w2t := NewMatrix(k, h)
	_ = TransposeTo(w2t, w2)
	dz1 := NewMatrix(m, h)
	if err := matmulCtx(cc, dz1, dz2, w2t); err != nil {
		return err
	}
	for i, v := range z1.Data {
		dz1.Data[i] *= sigmoidDerivative(v)
	}
	if err := matmulT(cc, dst.DW1, x, dz1, c); err != nil {
		return err
	}
	columnMeans(dst.DB1, dz1, c)
	return nil
}

// matmulT computes dst = c·(aᵀ·b), multiplying each entry of the product by
// c, or stops with the error of cc.
func matmulT(cc *canceller, dst, a, b Matrix, c float64) error {
	at := NewMatrix(a.Cols, a.Rows)
	_ = TransposeTo(at, a)
	if err := matmulCtx(cc, dst, at, b); err != nil {
		return err
	}
	for i := range dst.Data {
		dst.Data[i] *= c
	}
	return nil
}

// columnMeans computes dst[j] = c·Σᵢ a[i][j], the sum running down the rows.
func columnMeans(dst []float64, a Matrix, c float64) {
	clear(dst)
	for i := 0; i < a.Rows; i++ {
		for j, v := range a.Row(i) {
			dst[j] += v
		}
	}
	for j := range dst {
		dst[j] *= c
	}
}
