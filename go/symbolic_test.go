package twinmath

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
)

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

func BenchmarkSymbolicDerivative(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_, _ = SymbolicDerivative("exp(sin(cos(x)))*log(1 + x**2) + sigmoid(w*x + b)**2", "x")
	}
}
