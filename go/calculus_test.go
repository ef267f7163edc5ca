package twinmath

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// The test functions of python/twinmath/parity/calculus.py, by the names the
// shared vectors hold. Each performs the same floating-point operations in
// the same order as its Python twin (float64() keeps every product rounded
// on its own, never fused into a multiply-add), so both return the same bits.
var (
	testScalars = map[string]func(float64) float64{
		"fn:square": func(x float64) float64 { return x * x },
		"fn:twice":  func(x float64) float64 { return 2 * x },
		"fn:cube":   func(x float64) float64 { return float64(x*x) * x },
		"fn:bump":   func(x float64) float64 { return 1 / (1 + float64(x*x)) },
	}
	testFuncs = map[string]func([]float64) float64{
		"fn:sumsq": func(x []float64) float64 {
			s := 0.0
			for _, t := range x {
				s += float64(t * t)
			}
			return s
		},
		"fn:rosenbrock": func(x []float64) float64 {
			s := 0.0
			for i := 0; i+1 < len(x); i++ {
				a := x[i+1] - float64(x[i]*x[i])
				b := 1 - x[i]
				s += float64(float64(100*a)*a) + float64(b*b)
			}
			return s
		},
	}
	testVecFuncs = map[string]func([]float64) []float64{
		"fn:double": func(x []float64) []float64 {
			y := make([]float64, len(x))
			for i, t := range x {
				y[i] = 2 * t
			}
			return y
		},
		"fn:rosenbrock_grad": func(x []float64) []float64 {
			g := make([]float64, len(x))
			for i := range x {
				if i+1 < len(x) {
					g[i] = float64(float64(-400*x[i])*(x[i+1]-float64(x[i]*x[i]))) - float64(2*(1-x[i]))
				}
				if i > 0 {
					g[i] += float64(200 * (x[i] - float64(x[i-1]*x[i-1])))
				}
			}
			return g
		},
		"fn:example": func(x []float64) []float64 {
			return []float64{float64(x[0]*x[0]) * x[1], float64(5*x[0]) + x[1]}
		},
		"fn:cyclic": func(x []float64) []float64 {
			y := make([]float64, len(x))
			for i := range x {
				y[i] = x[i] * x[(i+1)%len(x)]
			}
			return y
		},
		"fn:moments": func(x []float64) []float64 {
			s1, s2 := 0.0, 0.0
			for _, t := range x {
				s1 += t
				s2 += float64(t * t)
			}
			return []float64{s1, s2}
		},
		"fn:ragged": func(x []float64) []float64 {
			if x[0] <= 1 {
				return append([]float64(nil), x[:1]...)
			}
			return append([]float64(nil), x[:2]...)
		},
	}
)

// scalarOf returns the test function name as a function of a vector: a
// field as it is, a scalar function of its one coordinate.
func (c *vcase) field(name string) func([]float64) float64 {
	n := c.str(name)
	if f, ok := testFuncs[n]; ok {
		return f
	}
	if f, ok := testScalars[n]; ok {
		return func(x []float64) float64 { return f(x[0]) }
	}
	if f, ok := testVecFuncs[n]; ok { // a vector function used as a scalar one: m must be 1
		return func(x []float64) float64 { return f(x)[0] }
	}
	c.t.Fatalf("case %d: no test function %q", c.ID, n)
	return nil
}

// vecField returns the test function name as a vector function; a scalar
// function returns one value.
func (c *vcase) vecField(name string) func([]float64) []float64 {
	n := c.str(name)
	if f, ok := testVecFuncs[n]; ok {
		return f
	}
	if f, ok := testScalars[n]; ok {
		return func(x []float64) []float64 { return []float64{f(x[0])} }
	}
	if f, ok := testFuncs[n]; ok {
		return func(x []float64) []float64 { return []float64{f(x)} }
	}
	c.t.Fatalf("case %d: no test function %q", c.ID, n)
	return nil
}

// optional returns argument name, or def when the case leaves it out.
func (c *vcase) optional(name string, def float64) float64 {
	if _, ok := c.Args[name]; !ok {
		return def
	}
	return c.num(name)
}

// pythonStep is the C library's check that keeps h = 0 an error for the
// Python API (the Go package reads h = 0 as the default step).
// differenced returns the vector handler of op, a difference with the step
// h of the case (def when it has none), which it first refuses as the Python
// side does.
func differenced(op string, def float64, run func(c *vcase, h float64) (any, error)) func(c *vcase) (any, error) {
	return func(c *vcase) (any, error) {
		h := c.optional("h", def)
		if err := pythonStep(op, h); err != nil {
			return nil, err
		}
		return run(c, h)
	}
}

func pythonStep(op string, h float64) error {
	if h == 0 {
		return invalidErr(op, "h must be positive and finite, got %s", pyFloat(h))
	}
	return nil
}

func init() {
	vectorOps["derivative"] = differenced("derivative", DefaultStep, func(c *vcase, h float64) (any, error) {
		return Derivative(testScalars[c.str("f")], c.num("x"), h)
	})
	vectorOps["gradient"] = differenced("gradient", DefaultStep, func(c *vcase, h float64) (any, error) {
		return Gradient(c.field("f"), c.vec("x"), h)
	})
	vectorOps["hessian"] = differenced("hessian", DefaultHessianStep, func(c *vcase, h float64) (any, error) {
		return Hessian(c.field("f"), c.vec("x"), h)
	})
	vectorOps["jacobian"] = differenced("jacobian", DefaultStep, func(c *vcase, h float64) (any, error) {
		return Jacobian(c.vecField("f"), c.vec("x"), h)
	})
	vectorOps["taylor"] = func(c *vcase) (any, error) {
		return Taylor(c.field("f"), c.flatArg("x0"), c.flatArg("x"), int(c.optional("order", 2)))
	}
	vectorOps["gradient_descent"] = func(c *vcase) (any, error) {
		x, hist, err := GradientDescent(c.field("f"), c.vecField("grad_f"), c.flatArg("x0"), GradientDescentOptions{LearningRate: c.optional("learning_rate", 0.01), MaxIter: int(c.optional("max_iter", 1000)), Tol: c.optional("tol", 1e-6), KeepHistory: true, Literal: true})
		if err != nil {
			return nil, err
		}
		if c.ndim("x0") == 0 {
			return []any{x[0], hist}, nil
		}
		return []any{x, hist}, nil
	}
	vectorOps["symbolic_derivative"] = func(c *vcase) (any, error) {
		return SymbolicDerivative(c.str("expression"), c.str("variable"))
	}
	vectorCompare["symbolic_derivative"] = func(c *vcase, got any) {
		var want string
		if err := json.Unmarshal(c.Result, &want); err != nil {
			c.t.Fatalf("case %d: result is not text: %v", c.ID, err)
		}
		if msg := sameFunction(got.(string), want); msg != "" {
			c.t.Errorf("case %d (%s): %s", c.ID, c.Comment, msg)
		}
	}
}

// ---- finite differences ------------------------------------------------------

// The source material's partial derivatives: f(x, y) = x² + y² at (3, 4).
func TestPartialDerivativesWorkedExample(t *testing.T) {
	f := func(v []float64) float64 { return v[0]*v[0] + v[1]*v[1] }
	g, err := Gradient(f, []float64{3, 4}, DefaultStep)
	if err != nil {
		t.Fatal(err)
	}
	// f''' = 0, so only rounding remains: f is correct to γ₂ = 2u relative
	// and |f| ≤ 25.0001 near (3, 4), giving 2u·25/h, plus the rounded points
	// u·(|x| + h)·|f'|/h (twinmath.tolerances.calculus.central_difference_error).
	const u = 0x1p-53
	h := DefaultStep
	for i, want := range []float64{6, 8} {
		bound := 2*u*25.0001/h + u*(4+h)*8/h + 2*u*8
		if math.Abs(g[i]-want) > bound {
			t.Errorf("df/d%c = %v, want %v within %g", "xy"[i], g[i], want, bound)
		}
	}
}

func TestDerivativeSpecialCases(t *testing.T) {
	cube := func(x float64) float64 { return x * x * x }
	tests := []struct {
		name    string
		f       func(float64) float64
		x, h    float64
		want    float64
		message string
	}{
		// A linear function's central difference is exact when x ± h and the
		// values are: (6 − 2)/2 = 2.
		{"linear", func(x float64) float64 { return 2 * x }, 2, 1, 2, ""},
		// (x+h)³ − (x−h)³ = 6x²h + 2h³: (54 + 2)/2 = 28 at x = 3, h = 1.
		{"cube, h = 1", cube, 3, 1, 28, ""},
		{"nan", cube, nan, 1e-5, nan, ""},
		{"h < 0", cube, 1, -1e-5, 0, "derivative: invalid input: h must be positive and finite, got -1e-05"},
		{"h nan", cube, 1, nan, 0, "derivative: invalid input: h must be positive and finite, got nan"},
		{"h inf", cube, 1, inf, 0, "derivative: invalid input: h must be positive and finite, got inf"},
	}
	for _, tt := range tests {
		got, err := Derivative(tt.f, tt.x, tt.h)
		switch {
		case tt.message != "":
			if err == nil || err.Error() != tt.message || !errors.Is(err, ErrInvalid) {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.message)
			}
		case err != nil || !alike(got, tt.want):
			t.Errorf("%s: Derivative = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

// h = 0 chooses the documented default step: the points f is called at are
// x ± DefaultStep for the first derivatives and x ± DefaultHessianStep for
// the Hessian.
func TestZeroStepChoosesTheDefault(t *testing.T) {
	var got []float64
	record := func(x []float64) float64 {
		got = append(got, x[0])
		return x[0] * x[0]
	}
	check := func(name string, err error, h float64) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s with h = 0: %v", name, err)
		}
		if len(got) < 2 || !containsValue(got, 1+h) || !containsValue(got, 1-h) {
			t.Errorf("%s with h = 0 called f at %v, want 1 ± %g among them", name, got, h)
		}
		got = nil
	}
	sq := func(x float64) float64 { return record([]float64{x}) }
	d, err := Derivative(sq, 1, 0)
	check("Derivative", err, DefaultStep)
	if want, _ := Derivative(sq, 1, DefaultStep); d != want {
		t.Errorf("Derivative with h = 0 = %v, want %v (the value at h = DefaultStep)", d, want)
	}
	_, err = Gradient(record, []float64{1}, 0)
	check("Gradient", err, DefaultStep)
	_, err = Jacobian(func(x []float64) []float64 { return []float64{record(x)} }, []float64{1}, 0)
	check("Jacobian", err, DefaultStep)
	_, err = Hessian(record, []float64{1}, 0)
	check("Hessian", err, DefaultHessianStep)
}

func containsValue(xs []float64, v float64) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}

// The points are the documented ones, in the documented order.
func TestCallOrder(t *testing.T) {
	var got []string
	record := func(x []float64) float64 {
		got = append(got, fmt.Sprint(x))
		return 0
	}
	h := 0.5
	if _, err := Gradient(record, []float64{1, 2}, h); err != nil {
		t.Fatal(err)
	}
	want := "[1.5 2] [0.5 2] [1 2.5] [1 1.5]"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("Gradient called f at %s, want %s", s, want)
	}
	got = nil
	if _, err := Hessian(record, []float64{1, 2}, h); err != nil {
		t.Fatal(err)
	}
	want = "[1 2] [1.5 2] [0.5 2] [1.5 2.5] [1.5 1.5] [0.5 2.5] [0.5 1.5] [1 2.5] [1 1.5]"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("Hessian called f at %s, want %s", s, want)
	}
}

func TestHessianOfAQuadraticForm(t *testing.T) {
	// f(x) = ½xᵀAx + bᵀx has Hessian A. The central differences of a
	// quadratic have no truncation error; with small integers, h = 1/4 and
	// x a multiple of 1/4 every value and difference is exact.
	a := [][]float64{{4, 1, -2}, {1, 3, 0}, {-2, 0, 5}}
	f := func(x []float64) float64 {
		s := 0.0
		for i := range x {
			s += x[i]
			for j := range x {
				s += 0.5 * a[i][j] * x[i] * x[j]
			}
		}
		return s
	}
	H, err := Hessian(f, []float64{0.5, -1, 2}, 0.25)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		for j := range a {
			if H.At(i, j) != a[i][j] {
				t.Errorf("H[%d][%d] = %v, want %v", i, j, H.At(i, j), a[i][j])
			}
		}
	}
}

func TestHessianIsSymmetric(t *testing.T) {
	f := func(x []float64) float64 { return math.Sin(x[0]*x[1]) * math.Exp(x[2]) / (1 + x[0]*x[0]) }
	H, err := Hessian(f, []float64{0.3, -1.7, 0.2}, DefaultHessianStep)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if !alike(H.At(i, j), H.At(j, i)) {
				t.Errorf("H[%d][%d] = %v but H[%d][%d] = %v", i, j, H.At(i, j), j, i, H.At(j, i))
			}
		}
	}
}

func TestJacobianOfALinearMap(t *testing.T) {
	// f(x) = Ax is linear: with h = 1/2 and x of small dyadic values the
	// central differences are exact, so J is A exactly.
	a := [][]float64{{1, 2, 3}, {-4, 0, 0.5}}
	f := func(x []float64) []float64 {
		y := make([]float64, len(a))
		for r := range a {
			for i, v := range x {
				y[r] += a[r][i] * v
			}
		}
		return y
	}
	J, err := Jacobian(f, []float64{1, -0.5, 2}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if J.Rows != 2 || J.Cols != 3 {
		t.Fatalf("J is %dx%d, want 2x3", J.Rows, J.Cols)
	}
	for r := range a {
		for i := range a[r] {
			if J.At(r, i) != a[r][i] {
				t.Errorf("J[%d][%d] = %v, want %v", r, i, J.At(r, i), a[r][i])
			}
		}
	}
}

func TestJacobianErrors(t *testing.T) {
	ragged := func(x []float64) []float64 { return x[:1+int(x[0])] }
	if _, err := Jacobian(ragged, []float64{0.9, 2}, 0.25); err == nil ||
		err.Error() != "jacobian: shape mismatch: f returned 2 values, f(x) has 1" || !errors.Is(err, ErrShape) {
		t.Errorf("Jacobian of a ragged f: %v", err)
	}
	f := func(x []float64) ([]float64, error) { return x, nil }
	if err := JacobianTo(NewMatrix(2, 3), f, []float64{1, 2}, DefaultStep); !errors.Is(err, ErrShape) {
		t.Errorf("JacobianTo with dst 2x3 for n = 2: %v", err)
	}
	// No variables: f(x) still sets m, and nothing else is called.
	J, err := Jacobian(func([]float64) []float64 { return []float64{1, 2} }, nil, DefaultStep)
	if err != nil || J.Rows != 2 || J.Cols != 0 {
		t.Errorf("Jacobian with n = 0: %dx%d, %v; want 2x0", J.Rows, J.Cols, err)
	}
}

// An error from f stops the loop at once and comes back wrapped, with both
// ErrCallback and the function's own error to be found.
func TestCallbackErrorsStopTheLoop(t *testing.T) {
	stop := errors.New("stop here")
	calls, failAt := 0, 0
	f := func(x []float64) (float64, error) {
		if calls++; calls == failAt {
			return 0, stop
		}
		return x[0], nil
	}
	f1 := func(x float64) (float64, error) { return f([]float64{x}) }
	vf := func(x []float64) ([]float64, error) {
		v, err := f(x)
		return []float64{v}, err
	}
	x3 := []float64{1, 2, 3}
	tests := []struct {
		op     string
		failAt int // the call that fails; the operation makes more than that
		run    func() error
	}{
		{"derivative", 2, func() error { _, err := DerivativeErr(f1, 1, DefaultStep); return err }},
		{"gradient", 3, func() error { _, err := GradientErr(f, x3, DefaultStep); return err }},
		{"hessian", 3, func() error { _, err := HessianErr(f, x3, DefaultHessianStep); return err }},
		{"jacobian", 3, func() error { _, err := JacobianErr(vf, x3, DefaultStep); return err }},
		{"taylor", 3, func() error { _, err := TaylorErr(f, x3, x3, 2); return err }},
		{"gradient_descent", 3, func() error {
			_, _, err := GradientDescentErr(nil, vf, x3[:1], GradientDescentOptions{LearningRate: 0.1, MaxIter: 10, Tol: 0, KeepHistory: true, Literal: true})
			return err
		}},
	}
	for _, tt := range tests {
		calls, failAt = 0, tt.failAt
		err := tt.run()
		if !errors.Is(err, ErrCallback) || !errors.Is(err, stop) || calls != tt.failAt {
			t.Errorf("%s: error %v after %d calls; want ErrCallback wrapping %q after %d", tt.op, err, calls, stop, tt.failAt)
			continue
		}
		if want := tt.op + ": callback failed: stop here"; err.Error() != want {
			t.Errorf("%s: error text %q, want %q", tt.op, err, want)
		}
	}
}

func TestTaylor(t *testing.T) {
	// A quadratic is its own second-order expansion, and the central
	// differences of a quadratic have no truncation error: only rounding
	// separates Taylor from f(x). f(x, y) = x² + 3xy from (1, 2) to (1.5, 1):
	// f = 2.25 + 4.5 = 6.75.
	f := func(v []float64) float64 { return v[0]*v[0] + 3*v[0]*v[1] }
	for order, want := range []float64{7, 7 + 8*0.5 + 3*(-1), 6.75} {
		got, err := Taylor(f, []float64{1, 2}, []float64{1.5, 1}, order)
		// Rounding: |f| ≤ 8 near x0, so the gradient errs by about
		// 2u·8/1e-5 ≈ 1.8e-10 per entry and the Hessian by 4·2u·8/1e-8 ≈
		// 7e-7 per entry, times |d| ≤ 1: well within 1e-5.
		if err != nil || math.Abs(got-want) > 1e-5 {
			t.Errorf("order %d: %v, %v; want %v", order, got, err, want)
		}
	}
	if _, err := Taylor(f, []float64{1, 2}, []float64{1}, 1); !errors.Is(err, ErrShape) {
		t.Errorf("lengths differ: %v", err)
	}
	if _, err := Taylor(f, []float64{1, 2}, []float64{1, 2}, 3); err == nil ||
		err.Error() != "taylor: invalid input: order must be 0, 1 or 2, got 3" {
		t.Errorf("order 3: %v", err)
	}
}

// ---- gradient descent ----------------------------------------------------------

// The source material's example: f(x) = x², x = 5, rate 0.1, ten steps.
func TestGradientDescentWorkedExample(t *testing.T) {
	x, hist, err := GradientDescent(nil, func(x []float64) []float64 { return []float64{2 * x[0]} }, []float64{5}, GradientDescentOptions{LearningRate: 0.1, MaxIter: 10, Tol: 1e-6, KeepHistory: true, Literal: true})
	if err != nil {
		t.Fatal(err)
	}
	// Each step maps x to x − fl(0.1·2x) = 0.8x with relative error below
	// 2u (0.1 is stored within u; the product and the difference round
	// once each, and 0.2x/0.8x = 1/4 scales the product's errors): ten
	// steps stay within 20u relative of 5·0.8¹⁰ = 0.536870912.
	if want := 0.536870912; math.Abs(x[0]-want) > 20*0x1p-53*want {
		t.Errorf("x = %v, want %v", x[0], want)
	}
	if hist.Rows != 11 || hist.Cols != 1 || hist.At(0, 0) != 5 || hist.At(10, 0) != x[0] {
		t.Errorf("history %dx%d from %v to %v, want 11x1 from 5 to x", hist.Rows, hist.Cols, hist.At(0, 0), hist.At(hist.Rows-1, 0))
	}
}

// The source material's quadratic example converges: f = x² + y² from (3, 4).
func TestGradientDescentConverges(t *testing.T) {
	grad := func(x []float64) []float64 { return []float64{2 * x[0], 2 * x[1]} }
	x, hist, err := GradientDescent(nil, grad, []float64{3, 4}, GradientDescentOptions{LearningRate: 0.01, MaxIter: 1000, Tol: 1e-6, KeepHistory: true, Literal: true})
	if err != nil {
		t.Fatal(err)
	}
	// It stops after the first update whose gradient (2·x before the
	// update) has norm below 1e-6, so ‖x‖ < 0.5e-6·0.98 there, and the
	// gradient before had norm at least 1e-6.
	k := hist.Rows - 1
	if k >= 1000 || norm2(x) >= 0.5e-6 || 2*norm2(hist.Row(k-2)) < 1e-6 {
		t.Errorf("stopped after %d steps at %v (‖x‖ = %g)", k, x, norm2(x))
	}
	// Without grad, the central-difference gradient of f stands in.
	f := func(v []float64) float64 { return v[0]*v[0] + v[1]*v[1] }
	x2, hist2, err := GradientDescent(f, nil, []float64{3, 4}, GradientDescentOptions{LearningRate: 0.01, MaxIter: 1000, Tol: 1e-6, KeepHistory: true, Literal: true})
	if err != nil || hist2.Rows < 2 || norm2(x2) > 1e-6 {
		t.Errorf("numerical gradient: %v after %d steps, %v", x2, hist2.Rows-1, err)
	}
}

func TestGradientDescentToContinues(t *testing.T) {
	// A run cut into pieces by the size of history is the same run.
	grad := func(x []float64) ([]float64, error) { return []float64{2*x[0] - x[1], x[1] - x[0]}, nil }
	whole := NewMatrix(101, 2)
	rows, stopped, err := GradientDescentTo(whole, nil, grad, []float64{1, -1}, GradientDescentOptions{LearningRate: 0.1, MaxIter: 100, Tol: 0, Literal: true})
	if err != nil || rows != 101 || stopped {
		t.Fatalf("whole run: %d rows, stopped %v, %v", rows, stopped, err)
	}
	pieces := [][]float64{whole.Row(0)}
	start, left := []float64{1, -1}, 100
	for left > 0 {
		part := NewMatrix(8, 2)
		k, _, err := GradientDescentTo(part, nil, grad, start, GradientDescentOptions{LearningRate: 0.1, MaxIter: left, Tol: 0, Literal: true})
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < k; i++ {
			pieces = append(pieces, part.Row(i))
		}
		left -= k - 1
		start = part.Row(k - 1)
	}
	for i, p := range pieces {
		if !alike(p[0], whole.At(i, 0)) || !alike(p[1], whole.At(i, 1)) {
			t.Fatalf("row %d: %v in pieces, %v whole", i, p, whole.Row(i))
		}
	}
	if len(pieces) != 101 {
		t.Errorf("%d rows in pieces, want 101", len(pieces))
	}
}

func TestGradientDescentErrors(t *testing.T) {
	grad := func(x []float64) []float64 { return x }
	tests := []struct {
		rate    float64
		maxIter int
		tol     float64
		want    string
	}{
		{-0.1, 10, 0, "gradient_descent: invalid input: learning_rate must be non-negative and finite, got -0.1"},
		{nan, 10, 0, "gradient_descent: invalid input: learning_rate must be non-negative and finite, got nan"},
		{inf, 10, 0, "gradient_descent: invalid input: learning_rate must be non-negative and finite, got inf"},
		{0.1, -1, 0, "gradient_descent: invalid input: max_iter must be non-negative, got -1"},
		{0.1, 10, -1, "gradient_descent: invalid input: tol must be non-negative, got -1.0"},
		{0.1, 10, nan, "gradient_descent: invalid input: tol must be non-negative, got nan"},
	}
	for _, tt := range tests {
		_, _, err := GradientDescent(nil, grad, []float64{1}, GradientDescentOptions{LearningRate: tt.rate, MaxIter: tt.maxIter, Tol: tt.tol, KeepHistory: true, Literal: true})
		if err == nil || err.Error() != tt.want || !errors.Is(err, ErrInvalid) {
			t.Errorf("rate %v, maxIter %d, tol %v: %v; want %q", tt.rate, tt.maxIter, tt.tol, err, tt.want)
		}
	}
	if _, _, err := GradientDescent(nil, nil, []float64{1}, GradientDescentOptions{LearningRate: 0.1, MaxIter: 10, Tol: 0, KeepHistory: true, Literal: true}); !errors.Is(err, ErrInvalid) {
		t.Errorf("no functions: %v", err)
	}
	short := func(x []float64) []float64 { return x[:1] }
	if _, _, err := GradientDescent(nil, short, []float64{1, 2}, GradientDescentOptions{LearningRate: 0.1, MaxIter: 10, Tol: 0, KeepHistory: true, Literal: true}); err == nil ||
		err.Error() != "gradient_descent: shape mismatch: grad_f returned 1 values, x0 has 2" {
		t.Errorf("short gradient: %v", err)
	}
}

// ---- benchmarks (the rows of `make bench` time the same through Python) ----------

func BenchmarkGradient100(b *testing.B) {
	x := make([]float64, 100)
	for i := range x {
		x[i] = float64(i) / 100
	}
	f := testFuncs["fn:sumsq"]
	for i := 0; i < b.N; i++ {
		_, _ = Gradient(f, x, DefaultStep)
	}
}

func BenchmarkHessian10(b *testing.B) {
	x := []float64{-1.2, 1, 0.5, 0.3, -0.7, 1.1, 0.9, -0.2, 0.4, 0.8}
	f := testFuncs["fn:rosenbrock"]
	for i := 0; i < b.N; i++ {
		_, _ = Hessian(f, x, DefaultHessianStep)
	}
}

func BenchmarkGradientDescent(b *testing.B) {
	grad := testVecFuncs["fn:rosenbrock_grad"]
	for i := 0; i < b.N; i++ {
		_, _, _ = GradientDescent(nil, grad, []float64{-1.2, 1}, GradientDescentOptions{LearningRate: 1e-3, MaxIter: 1000, Tol: 0, KeepHistory: true, Literal: true})
	}
}

// The zero GradientDescentOptions is the documented default run; without
// KeepHistory the last iterate is the same and the history is empty;
// Literal keeps a zero MaxIter (no update).
func TestGradientDescentOptions(t *testing.T) {
	grad := func(x []float64) []float64 { return []float64{2 * x[0], 4 * x[1]} }
	x0 := []float64{3, -2}
	xd, hd, err := GradientDescent(nil, grad, x0, GradientDescentOptions{KeepHistory: true})
	if err != nil {
		t.Fatal(err)
	}
	xe, he, err := GradientDescent(nil, grad, x0, GradientDescentOptions{LearningRate: 0.01, MaxIter: 1000, Tol: 1e-6, KeepHistory: true, Literal: true})
	if err != nil || xd[0] != xe[0] || xd[1] != xe[1] || hd.Rows != he.Rows {
		t.Errorf("zero options: %v (%d rows), explicit defaults: %v (%d rows), %v", xd, hd.Rows, xe, he.Rows, err)
	}
	xn, hn, err := GradientDescent(nil, grad, x0, GradientDescentOptions{})
	if err != nil || xn[0] != xd[0] || xn[1] != xd[1] || hn.Rows != 0 || hn.Data != nil {
		t.Errorf("without history: %v, %v, %v; want %v and the zero Matrix", xn, hn, err, xd)
	}
	short := GradientDescentOptions{LearningRate: 0.1, MaxIter: 7, Tol: 0, Literal: true}
	xs, _, _ := GradientDescent(nil, grad, x0, short)
	short.KeepHistory = true
	xk, hk, _ := GradientDescent(nil, grad, x0, short)
	if xs[0] != xk[0] || xs[1] != xk[1] || hk.Rows != 8 {
		t.Errorf("7 steps: %v without history, %v with %d rows", xs, xk, hk.Rows)
	}
	x, h, err := GradientDescent(nil, grad, x0, GradientDescentOptions{MaxIter: 0, KeepHistory: true, Literal: true})
	if err != nil || x[0] != 3 || x[1] != -2 || h.Rows != 1 {
		t.Errorf("Literal MaxIter 0: %v, %d rows, %v", x, h.Rows, err)
	}
	if _, _, err := GradientDescent(nil, grad, x0, GradientDescentOptions{MaxIter: -1}); !errors.Is(err, ErrInvalid) {
		t.Errorf("MaxIter -1: %v", err)
	}
}
