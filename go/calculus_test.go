package twinmath

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
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

func init() {
	vectorOps["derivative"] = func(c *vcase) (any, error) {
		return Derivative(testScalars[c.str("f")], c.num("x"), c.optional("h", DefaultStep))
	}
	vectorOps["gradient"] = func(c *vcase) (any, error) {
		return Gradient(c.field("f"), c.vec("x"), c.optional("h", DefaultStep))
	}
	vectorOps["hessian"] = func(c *vcase) (any, error) {
		return Hessian(c.field("f"), c.vec("x"), c.optional("h", DefaultHessianStep))
	}
	vectorOps["jacobian"] = func(c *vcase) (any, error) {
		return Jacobian(c.vecField("f"), c.vec("x"), c.optional("h", DefaultStep))
	}
	vectorOps["taylor"] = func(c *vcase) (any, error) {
		return Taylor(c.field("f"), c.flatArg("x0"), c.flatArg("x"), int(c.optional("order", 2)))
	}
	vectorOps["gradient_descent"] = func(c *vcase) (any, error) {
		x, hist, err := GradientDescent(c.field("f"), c.vecField("grad_f"), c.flatArg("x0"),
			c.optional("learning_rate", 0.01), int(c.optional("max_iter", 1000)), c.optional("tol", 1e-6))
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
		{"h = 0", cube, 1, 0, 0, "derivative: invalid input: h must be positive and finite, got 0.0"},
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
		{"gradient_descent", 3, func() error { _, _, err := GradientDescentErr(nil, vf, x3[:1], 0.1, 10, 0); return err }},
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
	x, hist, err := GradientDescent(nil, func(x []float64) []float64 { return []float64{2 * x[0]} },
		[]float64{5}, 0.1, 10, 1e-6)
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
	x, hist, err := GradientDescent(nil, grad, []float64{3, 4}, 0.01, 1000, 1e-6)
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
	x2, hist2, err := GradientDescent(f, nil, []float64{3, 4}, 0.01, 1000, 1e-6)
	if err != nil || hist2.Rows < 2 || norm2(x2) > 1e-6 {
		t.Errorf("numerical gradient: %v after %d steps, %v", x2, hist2.Rows-1, err)
	}
}

func TestGradientDescentToContinues(t *testing.T) {
	// A run cut into pieces by the size of history is the same run.
	grad := func(x []float64) ([]float64, error) { return []float64{2*x[0] - x[1], x[1] - x[0]}, nil }
	whole := NewMatrix(101, 2)
	rows, stopped, err := GradientDescentTo(whole, nil, grad, []float64{1, -1}, 0.1, 100, 0)
	if err != nil || rows != 101 || stopped {
		t.Fatalf("whole run: %d rows, stopped %v, %v", rows, stopped, err)
	}
	pieces := [][]float64{whole.Row(0)}
	start, left := []float64{1, -1}, 100
	for left > 0 {
		part := NewMatrix(8, 2)
		k, _, err := GradientDescentTo(part, nil, grad, start, 0.1, left, 0)
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
		_, _, err := GradientDescent(nil, grad, []float64{1}, tt.rate, tt.maxIter, tt.tol)
		if err == nil || err.Error() != tt.want || !errors.Is(err, ErrInvalid) {
			t.Errorf("rate %v, maxIter %d, tol %v: %v; want %q", tt.rate, tt.maxIter, tt.tol, err, tt.want)
		}
	}
	if _, _, err := GradientDescent(nil, nil, []float64{1}, 0.1, 10, 0); !errors.Is(err, ErrInvalid) {
		t.Errorf("no functions: %v", err)
	}
	short := func(x []float64) []float64 { return x[:1] }
	if _, _, err := GradientDescent(nil, short, []float64{1, 2}, 0.1, 10, 0); err == nil ||
		err.Error() != "gradient_descent: shape mismatch: grad_f returned 1 values, x0 has 2" {
		t.Errorf("short gradient: %v", err)
	}
}

// ---- symbolic derivatives --------------------------------------------------------

func TestSymbolicDerivative(t *testing.T) {
	// Expected texts are the textbook derivatives after the documented
	// simplification; each also passes the numerical check below.
	tests := []struct{ expr, v, want string }{
		{"x**2", "x", "2*x"},
		{"x**3 + sin(x)*exp(x)", "x", "3*x**2 + cos(x)*exp(x) + sin(x)*exp(x)"},
		{"x**2 + y**2", "y", "2*y"},
		{"x**2 + y**2", "x", "2*x"},
		{"3*x + 2", "x", "3"},
		{"y", "x", "0"},
		{"x/3", "x", "1/3"},
		{"x/3 + 2*x/6", "x", "2/3"},
		{"-x**-2", "x", "2*x**(-3)"},
		{"x**0.5", "x", "1/2*x**(-1/2)"},
		{"0.1*x + 0.2*x - 0.3*x", "x", "0"},
		{"2.5e-1*x**2", "x", "1/2*x"},
		{"2**x", "x", "2**x*log(2)"},
		{"exp(2*x)", "x", "2*exp(2*x)"},
		{"log(x)", "x", "1/x"},
		{"sqrt(x)", "x", "1/(2*sqrt(x))"},
		{"cos(x)", "x", "-sin(x)"},
		{"tan(x)", "x", "tan(x)**2 + 1"},
		{"sigmoid(x)", "x", "exp(-x)/(1 + exp(-x))**2"},
		{"1/(1 + x)", "x", "-1/(1 + x)**2"},
		{"(x - 1)/(x + 1)", "x", "(x + 1 - (x - 1))/(x + 1)**2"},
		{"x**x", "x", "x**x*(log(x) + 1)"},
		{"-(x*y)", "x", "-y"},
		{"x*y*z", "y", "x*z"},
		{"2**3**x", "x", "2**3**x*log(2)*3**x*log(3)"},
		{"(-x)**3", "x", "-3*(-x)**2"},
	}
	for _, tt := range tests {
		got, err := SymbolicDerivative(tt.expr, tt.v)
		if err != nil || got != tt.want {
			t.Errorf("d/d%s %s = %q, %v; want %q", tt.v, tt.expr, got, err, tt.want)
		}
	}
}

func TestSymbolicDerivativeErrors(t *testing.T) {
	tests := []struct{ expr, v, want string }{
		{"", "x", "unexpected end of expression at position 0"},
		{"x +", "x", "unexpected end of expression at position 3"},
		{"x $ 2", "x", "unexpected character '$' at position 2"},
		{"x + é", "x", "unexpected character U+00E9 at position 4"},
		{"x\x00", "x", "unexpected character U+0000 at position 1"},
		{"x y", "x", "unexpected 'y' at position 2"},
		{"(x", "x", "expected ')' at position 2"},
		{"x)", "x", "unexpected ')' at position 1"},
		{"foo(x)", "x", "unknown function 'foo' at position 0"},
		{"sin x", "x", "expected '(' after 'sin' at position 4"},
		{"x + None", "x", "reserved word 'None' at position 4"},
		{"1e1001", "x", "number '1e1001' is out of range at position 0"},
		{"x*2.5E-1001", "x", "number '2.5E-1001' is out of range at position 2"},
		{strings.Repeat("(", 64) + "x" + strings.Repeat(")", 64), "x", "expression nested deeper than 64 levels at position 64"},
		{"x", "x y", "variable must be a name, got 'x y'"},
		{"x", "exp", "variable 'exp' is the name of a function"},
	}
	for _, tt := range tests {
		_, err := SymbolicDerivative(tt.expr, tt.v)
		want := "symbolic_derivative: invalid input: " + tt.want
		if err == nil || err.Error() != want || !errors.Is(err, ErrInvalid) {
			t.Errorf("%q, %q: %v; want %q", tt.expr, tt.v, err, want)
		}
	}
	// Within the exponent range, constants are exact however small.
	if d, err := SymbolicDerivative("1e-400*x", "x"); err != nil || d != "1/1"+strings.Repeat("0", 400) {
		t.Errorf("1e-400: %.20q…, %v", d, err)
	}
}

// The printed result parses back to an expression that takes the same values.
func TestSymbolicDerivativeAgainstCentralDifferences(t *testing.T) {
	exprs := []string{
		"x**3 + sin(x)*exp(x)", "sigmoid(2*x - 1)", "log(1 + x**2)/sqrt(x)", "tan(x/2)**2",
		"x**x", "exp(-x**2/2)", "(x - 1)*(x + 2)/(x**2 + 1)", "cos(sin(x))*2**x", "-x**-2 + 1/x",
	}
	for _, e := range exprs {
		d, err := SymbolicDerivative(e, "x")
		if err != nil {
			t.Fatalf("%s: %v", e, err)
		}
		f, err1 := parseExpression(e)
		df, err2 := parseExpression(d)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", e, err1, err2)
		}
		for _, x := range []float64{0.4, 0.9, 1.7} {
			env := map[string]float64{"x": x}
			fx := func(v float64) float64 { env["x"] = v; r, _ := evalBound(f, env); return r }
			num, _ := Derivative(fx, x, 1e-5)
			env["x"] = x
			sym, _ := evalBound(df, env)
			// The central difference is within h²/6·|f'''| + ε·|f|/h of f'; for
			// these expressions at these points |f'''| < 1e3 and |f| < 10, so
			// within 2e-7; relative 1e-6 leaves room for larger values.
			if math.Abs(num-sym) > 1e-6*(1+math.Abs(sym)) {
				t.Errorf("d/dx %s at %v: %s gives %v, central difference %v", e, x, d, sym, num)
			}
		}
	}
}

// evalBound returns the value of e where the names take the values of env,
// and a first-order bound on its rounding error: the running error analysis
// of Higham §3.3 (u per arithmetic operation, 2u for a math library
// function, 4u for Pow, propagated through the derivative of each step).
func evalBound(e *node, env map[string]float64) (v, err float64) {
	const u = 0x1p-53
	switch e.kind {
	case nNum:
		v = e.value()
		return v, u * math.Abs(v)
	case nName:
		return env[e.name], 0
	case nNeg:
		a, ea := evalBound(e.a, env)
		return -a, ea
	case nCall:
		a, ea := evalBound(e.a, env)
		switch e.name {
		case "sin":
			v, err = math.Sin(a), math.Abs(math.Cos(a))*ea
		case "cos":
			v, err = math.Cos(a), math.Abs(math.Sin(a))*ea
		case "tan":
			v, err = math.Tan(a), ea/(math.Cos(a)*math.Cos(a))
		case "exp":
			v = math.Exp(a)
			err = v * ea
		case "log":
			v, err = math.Log(a), ea/math.Abs(a)
		case "sqrt":
			v = math.Sqrt(a)
			return v, ea/(2*v) + u*v
		}
		return v, err + 2*u*math.Abs(v)
	}
	a, ea := evalBound(e.a, env)
	b, eb := evalBound(e.b, env)
	switch e.kind {
	case nAdd:
		v, err = a+b, ea+eb
	case nSub:
		v, err = a-b, ea+eb
	case nMul:
		v, err = a*b, math.Abs(a)*eb+math.Abs(b)*ea+ea*eb
	case nDiv:
		v = a / b
		err = (ea + math.Abs(v)*eb) / (math.Abs(b) - eb)
	case nPow:
		v = math.Pow(a, b)
		err = math.Abs(b*math.Pow(a, b-1))*ea + math.Abs(v*math.Log(math.Abs(a)))*eb + 3*u*math.Abs(v)
	}
	return v, err + u*math.Abs(v)
}

// sameFunction checks that two expressions (Go's derivative and sympy's, in
// the shared vectors) take the same values at two points, every name set to
// a value in [0.5, 1.5]: equal within the sum of their running error bounds,
// doubled for the second-order terms the bounds leave out. It returns "" or
// what differs.
func sameFunction(got, want string) string {
	g, err := parseExpression(got)
	if err != nil {
		return fmt.Sprintf("Go's result %q does not parse: %v", got, err)
	}
	w, err := parseExpression(want)
	if err != nil {
		return fmt.Sprintf("the reference's %q does not parse: %v", want, err)
	}
	set := map[string]bool{}
	collectNames(g, set)
	collectNames(w, set)
	names := make([]string, 0, len(set))
	for name := range set {
		names = append(names, name)
	}
	sort.Strings(names)
	for p := 0; p < 2; p++ {
		env := map[string]float64{}
		for k, name := range names {
			env[name] = 0.5 + math.Mod(0.37*float64(k+1)+0.61*float64(p), 1)
		}
		a, ea := evalBound(g, env)
		b, eb := evalBound(w, env)
		if !(math.Abs(a-b) <= 2*(ea+eb)) && !(math.IsNaN(a) && math.IsNaN(b)) {
			return fmt.Sprintf("%q is %v but the reference's %q is %v at %v (bound %g)", got, a, want, b, env, 2*(ea+eb))
		}
	}
	return ""
}

func collectNames(e *node, names map[string]bool) {
	if e == nil {
		return
	}
	if e.kind == nName {
		names[e.name] = true
	}
	collectNames(e.a, names)
	collectNames(e.b, names)
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
		_, _, _ = GradientDescent(nil, grad, []float64{-1.2, 1}, 1e-3, 1000, 0)
	}
}

func BenchmarkSymbolicDerivative(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_, _ = SymbolicDerivative("exp(sin(cos(x)))*log(1 + x**2) + sigmoid(w*x + b)**2", "x")
	}
}
