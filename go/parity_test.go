package twinmath

// The shared test vectors: testdata/vectors/<op>.json, written from the
// Python reference by tests/gen_vectors.py. Each case holds the arguments and
// either the reference result with the entrywise bound on the difference
// ("exact": bit for bit) or the error the reference raised; a complex result
// is {"re": [...], "im": [...]}. This file reads them;
// each topic's _test.go registers a handler per operation in vectorOps.

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// vectorOps maps an operation's Python name to the function that runs one
// case of it through this package.
var vectorOps = map[string]func(c *vcase) (any, error){}

// vectorCompare holds the rule that judges a successful result of an
// operation whose results are not arrays (symbolic_derivative's
// expressions) against the reference's, in place of the entrywise one.
var vectorCompare = map[string]func(c *vcase, got any){}

type vfile struct {
	Op    string  `json:"op"`
	Cases []vcase `json:"cases"`
}

type vcase struct {
	ID      int                        `json:"id"`
	Comment string                     `json:"comment"`
	Args    map[string]json.RawMessage `json:"args"`
	Shapes  map[string][]int           `json:"shapes"`
	Exact   bool                       `json:"exact"`
	Parts   int                        `json:"parts"`
	Result  json.RawMessage            `json:"result"`
	Shape   json.RawMessage            `json:"result_shape"`
	Tol     json.RawMessage            `json:"tol"`
	Error   *struct {
		Type    string `json:"type"`
		Message string `json:"message"`
	} `json:"error"`
	t *testing.T
}

// sentinels maps the Python exception classes to the Go sentinel errors.
var sentinels = map[string]error{
	"ShapeError":               ErrShape,
	"SingularMatrixError":      ErrSingular,
	"NotPositiveDefiniteError": ErrNotPositiveDefinite,
	"ConvergenceError":         ErrNoConvergence,
	"ValueError":               ErrInvalid,
	"AxisError":                ErrInvalid, // a ValueError: the axis is checked in Python first
}

// num decodes a JSON number or one of the strings "nan", "inf", "-inf".
func num(raw json.RawMessage) (float64, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		switch s {
		case "nan":
			return math.NaN(), nil
		case "inf":
			return math.Inf(1), nil
		case "-inf":
			return math.Inf(-1), nil
		}
		return 0, fmt.Errorf("not a number: %q", s)
	}
	var f float64
	err := json.Unmarshal(raw, &f)
	return f, err
}

// tree decodes a nested JSON array of numbers into its flat values and shape.
func tree(raw json.RawMessage) (vals []float64, shape []int, err error) {
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		f, err := num(raw)
		return []float64{f}, nil, err
	}
	shape = []int{len(items)}
	for i, it := range items {
		v, s, err := tree(it)
		if err != nil {
			return nil, nil, err
		}
		if i == 0 {
			shape = append(shape, s...)
		}
		vals = append(vals, v...)
	}
	return vals, shape, nil
}

func (c *vcase) arg(name string) json.RawMessage {
	raw, ok := c.Args[name]
	if !ok {
		c.t.Fatalf("case %d: no argument %q", c.ID, name)
	}
	return raw
}

// ndim returns the number of dimensions of argument name.
func (c *vcase) ndim(name string) int {
	return len(c.Shapes[name])
}

func (c *vcase) vec(name string) []float64 {
	v, shape, err := tree(c.arg(name))
	if err != nil || len(shape) != 1 {
		c.t.Fatalf("case %d: argument %s is not a vector (%v)", c.ID, name, err)
	}
	return v
}

// mat returns argument name as a matrix; a vector becomes one column.
func (c *vcase) mat(name string) Matrix {
	v, _, err := tree(c.arg(name))
	if err != nil {
		c.t.Fatalf("case %d: argument %s: %v", c.ID, name, err)
	}
	// The shape comes from the file: JSON writes a 0×3 matrix as [].
	shape := c.Shapes[name]
	switch len(shape) {
	case 1:
		return Matrix{Rows: shape[0], Cols: 1, Data: v}
	case 2:
		return Matrix{Rows: shape[0], Cols: shape[1], Data: v}
	}
	c.t.Fatalf("case %d: argument %s has shape %v", c.ID, name, shape)
	return Matrix{}
}

// flatArg returns the values of argument name, whatever its shape (for
// elementwise operations).
func (c *vcase) flatArg(name string) []float64 {
	v, _, err := tree(c.arg(name))
	if err != nil {
		c.t.Fatalf("case %d: argument %s: %v", c.ID, name, err)
	}
	return v
}

// like returns vals shaped as argument name: a float64 for a scalar, a
// slice for a vector, a Matrix for a matrix.
func (c *vcase) like(name string, vals []float64) any {
	switch shape := c.Shapes[name]; len(shape) {
	case 0:
		return vals[0]
	case 1:
		return vals
	case 2:
		return Matrix{Rows: shape[0], Cols: shape[1], Data: vals}
	}
	c.t.Fatalf("case %d: argument %s has more than two dimensions", c.ID, name)
	return nil
}

func (c *vcase) num(name string) float64 {
	f, err := num(c.arg(name))
	if err != nil {
		c.t.Fatalf("case %d: argument %s: %v", c.ID, name, err)
	}
	return f
}

// str returns argument name if it is a JSON string, else "".
func (c *vcase) str(name string) string {
	var s string
	if json.Unmarshal(c.arg(name), &s) != nil {
		return ""
	}
	return s
}

// flat returns the values and the shape of a result: a float64, an int, a
// slice, a Matrix (one column stands for a vector) or a shaped array (a
// stacked result).
func flat(r any) ([]float64, []int) {
	switch v := r.(type) {
	case float64:
		return []float64{v}, []int{}
	case int:
		return []float64{float64(v)}, []int{}
	case []float64:
		return v, []int{len(v)}
	case Matrix:
		return v.Data, []int{v.Rows, v.Cols}
	case stackResult:
		return v.data, v.shape
	case Tensor:
		return v.Data, v.Shape
	}
	panic(fmt.Sprintf("unexpected result type %T", r))
}

// complexParts decodes a complex array written as {"re": [...], "im": [...]};
// ok is false for anything else.
func complexParts(raw json.RawMessage) (re, im []float64, ok bool) {
	var obj struct {
		Re json.RawMessage `json:"re"`
		Im json.RawMessage `json:"im"`
	}
	if json.Unmarshal(raw, &obj) != nil || obj.Re == nil || obj.Im == nil {
		return nil, nil, false
	}
	re, _, e1 := tree(obj.Re)
	im, _, e2 := tree(obj.Im)
	return re, im, e1 == nil && e2 == nil
}

// flatComplex returns the real and imaginary parts and the shape of a
// complex result ([]complex128 or ComplexMatrix); ok is false for others.
func flatComplex(r any) (re, im []float64, shape []int, ok bool) {
	var data []complex128
	switch v := r.(type) {
	case []complex128:
		data, shape = v, []int{len(v)}
	case ComplexMatrix:
		data, shape = v.Data, []int{v.Rows, v.Cols}
	default:
		return nil, nil, nil, false
	}
	for _, c := range data {
		re, im = append(re, real(c)), append(im, imag(c))
	}
	return re, im, shape, true
}

// sameShape compares a result's shape with the reference's; an n×1 matrix
// matches a vector of length n.
func sameShape(got, want []int) bool {
	if len(got) == 2 && len(want) == 1 && got[1] == 1 {
		got = got[:1]
	}
	return fmt.Sprint(got) == fmt.Sprint(want)
}

// alike reports whether x and y are the same float: NaN is alike NaN, and
// +0 is not alike -0.
func alike(x, y float64) bool {
	if math.IsNaN(x) || math.IsNaN(y) {
		return math.IsNaN(x) && math.IsNaN(y)
	}
	return math.Float64bits(x) == math.Float64bits(y)
}

// within reports whether got agrees with want under bound, as
// twinmath.tolerances.ratio judges: equal values (+0 and −0 included) and
// NaN with NaN agree, and where the bound is not finite no rounding bound
// exists and the entry is not judged. Exact cases use alike instead.
func within(got, want, bound float64) bool {
	if alike(got, want) || got == want {
		return true
	}
	if bound == 0 {
		return false
	}
	if math.IsInf(bound, 0) || math.IsNaN(bound) {
		return true
	}
	return math.Abs(got-want) <= bound
}

func (c *vcase) check(got any, err error) {
	t := c.t
	if c.Error != nil {
		want, ok := sentinels[c.Error.Type]
		switch {
		case !ok:
			t.Errorf("case %d (%s): unknown error type %s", c.ID, c.Comment, c.Error.Type)
		case err == nil:
			t.Errorf("case %d (%s): no error, want %s %q", c.ID, c.Comment, c.Error.Type, c.Error.Message)
		case !errors.Is(err, want) || err.Error() != c.Error.Message:
			t.Errorf("case %d (%s): error %q, want %s %q", c.ID, c.Comment, err, c.Error.Type, c.Error.Message)
		}
		return
	}
	if err != nil {
		t.Errorf("case %d (%s): unexpected error %v", c.ID, c.Comment, err)
		return
	}
	if c.Parts == 0 {
		var shape []int
		if err := json.Unmarshal(c.Shape, &shape); err != nil {
			t.Fatalf("case %d: result_shape: %v", c.ID, err)
		}
		c.part(0, got, c.Result, shape, c.Tol)
		return
	}
	// A result of several parts: the handler returns them as a []any.
	parts, ok := got.([]any)
	var results, tols []json.RawMessage
	var shapes [][]int
	e1, e2, e3 := json.Unmarshal(c.Result, &results), json.Unmarshal(c.Shape, &shapes), json.Unmarshal(c.Tol, &tols)
	if e1 != nil || e2 != nil || e3 != nil || len(results) != c.Parts || len(shapes) != c.Parts || len(tols) != c.Parts {
		t.Fatalf("case %d: malformed parts (%v %v %v)", c.ID, e1, e2, e3)
	}
	if !ok || len(parts) != c.Parts {
		t.Errorf("case %d (%s): %d-part result expected, got %T", c.ID, c.Comment, c.Parts, got)
		return
	}
	for i := range parts {
		c.part(i, parts[i], results[i], shapes[i], tols[i])
	}
}

// part compares one part of a result with the reference under its bound.
//
// A complex result is held to its bound in the real and the imaginary parts
// each. Whether eig's eigenvalues come out real is decided by rounding where
// eigenvalues (nearly) coincide, so a real result and a complex one are
// compared as complex numbers, the real one with zero imaginary parts.
func (c *vcase) part(i int, got any, result json.RawMessage, wantShape []int, tol json.RawMessage) {
	t := c.t
	gre, gim, shape, gotComplex := flatComplex(got)
	if re, im, ok := complexParts(result); ok {
		if !gotComplex {
			gre, shape = flat(got)
			gim = make([]float64, len(gre))
		}
		c.values(i, gre, shape, re, wantShape, tol)
		c.values(i, gim, shape, im, wantShape, tol)
		return
	}
	if gotComplex {
		want, _, e1 := tree(result)
		if e1 != nil {
			t.Fatalf("case %d: bad result: %v", c.ID, e1)
		}
		c.values(i, gre, shape, want, wantShape, tol)
		c.values(i, gim, shape, make([]float64, len(want)), wantShape, tol)
		return
	}
	want, _, e1 := tree(result)
	if e1 != nil {
		t.Fatalf("case %d: bad result: %v", c.ID, e1)
	}
	g, shape := flat(got)
	c.values(i, g, shape, want, wantShape, tol)
}

// values compares the values g (of shape shape) of part i with the
// reference's want under the bound tol (one value or one per entry).
func (c *vcase) values(i int, g []float64, shape []int, want []float64, wantShape []int, tol json.RawMessage) {
	t := c.t
	bounds, _, e2 := tree(tol)
	if e2 != nil {
		t.Fatalf("case %d: bad tol: %v", c.ID, e2)
	}
	if !sameShape(shape, wantShape) || len(g) != len(want) {
		t.Errorf("case %d (%s) part %d: shape %v, want %v", c.ID, c.Comment, i, shape, wantShape)
		return
	}
	for k := range g {
		b := bounds[0]
		if len(bounds) == len(g) {
			b = bounds[k]
		}
		if c.Exact && !alike(g[k], want[k]) || !c.Exact && !within(g[k], want[k], b) {
			t.Errorf("case %d (%s) part %d: value %d is %v, want %v within %v", c.ID, c.Comment, i, k, g[k], want[k], b)
			return
		}
	}
}

// TestSharedVectors runs every case of every vector file that has a handler,
// and fails for a file without one.
// readJSON decodes the JSON file at path into v.
func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

func TestSharedVectors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "vectors", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no vector files under testdata/vectors (%v)", err)
	}
	for _, path := range files {
		op := strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(op, func(t *testing.T) {
			run, ok := vectorOps[op]
			if !ok {
				t.Fatalf("no Go handler registered for %s", op)
			}
			var f vfile
			readJSON(t, path, &f)
			for i := range f.Cases {
				c := &f.Cases[i]
				c.t = t
				got, err := run(c)
				if compare := vectorCompare[op]; compare != nil && c.Error == nil && err == nil {
					compare(c, got)
					continue
				}
				c.check(got, err)
			}
		})
	}
}
