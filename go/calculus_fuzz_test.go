package twinmath

import (
	"errors"
	"math"
	"testing"
)

// fuzzFunc builds f(x) = Σₖ cₖ·gₖ(x[iₖ]) from fuzz bytes, gₖ from a table
// of functions; some of them overflow, divide by zero or take the square
// root of a negative number, and fail (return an error) at times.
type fuzzFunc struct {
	terms []fuzzTerm
	fail  int // fail on this call (counted from 1); 0: never
	calls int
	out   int // length of a vector function's value
}

type fuzzTerm struct {
	c    float64
	g, i int
}

var fuzzGs = []func(float64) float64{
	func(x float64) float64 { return x },
	func(x float64) float64 { return x * x },
	math.Sin,
	func(x float64) float64 { return x * x * x },
	math.Exp,
	func(x float64) float64 { return 1 / x },
	math.Sqrt,
	math.Abs,
}

// smoothGs is the number of leading functions that are smooth and moderate
// on moderate arguments.
const smoothGs = 4

func newFuzzFunc(z *fz) *fuzzFunc {
	f := &fuzzFunc{out: z.small(4)}
	for k := z.small(4); k >= 0; k-- {
		t := fuzzTerm{c: z.float(), g: z.small(len(fuzzGs)), i: z.small(8)}
		if t.g >= smoothGs {
			z.special = true
		}
		f.terms = append(f.terms, t)
	}
	if z.byte()%8 == 0 {
		f.fail = 1 + z.small(6)
	}
	return f
}

var errFuzz = errors.New("fuzz function failed")

func (f *fuzzFunc) eval(x []float64) (float64, error) {
	f.calls++
	if f.calls == f.fail {
		return 0, errFuzz
	}
	s := 0.0
	for _, t := range f.terms {
		v := 0.0
		if len(x) > 0 {
			v = x[t.i%len(x)]
		}
		s += t.c * fuzzGs[t.g](v)
	}
	return s, nil
}

func (f *fuzzFunc) vec(x []float64) ([]float64, error) {
	v, err := f.eval(x)
	out := make([]float64, f.out)
	for i := range out {
		out[i] = v * float64(i+1)
	}
	if f.calls%5 == 4 && f.fail != 0 {
		out = append(out, 1) // a value of another length
	}
	return out, err
}

func (f *fuzzFunc) scalar(x float64) (float64, error) { return f.eval([]float64{x}) }

func FuzzCalculus(f *testing.F) {
	fuzzOps(f, 9, func(t *testing.T, op byte, z *fz, c *checker) {
		fn := newFuzzFunc(z)
		x := z.vec()
		x1 := z.vec()
		if z.byte()%4 != 0 {
			x1 = append(x1[:0:0], x...)
			for i := range x1 {
				x1[i] += float64(i%3) - 1
			}
		}
		h := []float64{1e-5, 1e-4, 0, -1, math.NaN(), math.Inf(1), 0.5, 5e-324}[z.small(8)]
		if h == 5e-324 {
			z.special = true // h² underflows to 0: the Hessian is 0/0
		}
		c.keep(x, x1)
		var g VecFunc
		if z.byte()%2 == 0 {
			g = fn.vec
		}
		var ef Func = fn.eval
		if z.byte() == 255 {
			ef = nil
		}
		switch op % 9 {
		case 0:
			r, err := DerivativeErr(fn.scalar, z.float(), h)
			c.done("Derivative", err, []float64{r})
		case 1:
			r, err := GradientErr(ef, x, h)
			c.done("Gradient", err, r)
		case 2:
			r, err := JacobianErr(fn.vec, x, h)
			c.done("Jacobian", err, r.Data)
		case 3:
			r, err := HessianErr(ef, x, h)
			c.done("Hessian", err, r.Data)
		case 4:
			r, err := TaylorErr(ef, x, x1, z.count())
			c.done("Taylor", err, []float64{r})
		case 5, 6:
			z.special = true // a step may overflow: the rate and f are fuzzed
			r, hist, err := GradientDescentErr(ef, g, x, GradientDescentOptions{LearningRate: z.float(), MaxIter: min(z.count(), 50), Tol: z.float(), KeepHistory: true, Literal: true})
			c.done("GradientDescent", err, r, hist.Data)
		case 7:
			r, err := Derivative(math.Sin, z.float(), h)
			c.done("Derivative", err, []float64{r})
		case 8:
			_, err := Gradient(nil, x, h)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Gradient(nil) = %v", err)
			}
		}
	})
}

func FuzzSymbolicDerivative(f *testing.F) {
	for _, s := range []string{"x**2", "sin(x)*exp(x)", "log(x**2 + 1)", "2.5*x**2.5", "(x+1)/(x-1)",
		"sqrt(x)", "tanh(x)", "x**x", "cos(sin(tan(x)))", "-x", "((", "x**", "1e400*x", "abs(x)", "y*x"} {
		f.Add(s, "x")
	}
	f.Add("x", "1x")
	f.Add("lambda", "lambda")
	f.Fuzz(func(t *testing.T, expr, variable string) {
		if len(expr) > 200 {
			return // the grammar is recursive: depth, not length, is the point
		}
		d, err := SymbolicDerivative(expr, variable)
		if err != nil {
			if !wrapsSentinel(err) {
				t.Fatalf("SymbolicDerivative(%q, %q): error %q wraps no sentinel", expr, variable, err)
			}
			return
		}
		if d == "" {
			t.Fatalf("SymbolicDerivative(%q, %q) is empty", expr, variable)
		}
		// The result is an expression of the same grammar.
		if _, err := SymbolicDerivative(d, variable); err != nil {
			t.Fatalf("SymbolicDerivative(%q, %q) = %q, which does not parse: %v", expr, variable, d, err)
		}
	})
}
