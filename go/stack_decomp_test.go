package twinmath

import (
	"context"
	"errors"
	"math"
	"math/rand"
	"strings"
	"testing"
)

// The stacked decompositions and eigensolvers compute each matrix as the
// single-matrix form does: bit for bit, whatever the number of threads.

func init() {
	// Stacked shared vectors: a 3-D or higher argument goes to the …Stack
	// form. A stack of empty matrices, or of none, gives numpy's empty
	// shapes, as the Python wrappers return them without a call.
	stacked := func(op, name string, single func(*vcase) (any, error), f func(c *vcase, a Stack, lead []int) (any, error)) {
		vectorOps[op] = func(c *vcase) (any, error) {
			if c.ndim(name) <= 2 {
				return single(c)
			}
			a, lead := c.stack(name)
			return f(c, a, lead)
		}
	}
	shape := func(lead []int, dims ...int) []int { return append(append([]int(nil), lead...), dims...) }
	zeros := func(lead []int, dims ...int) stackResult {
		s := shape(lead, dims...)
		return stackResult{make([]float64, prod(s)), s}
	}
	stacked("eigh", "A", vectorOps["eigh"], func(_ *vcase, a Stack, lead []int) (any, error) {
		n := a.Rows
		if a.Count == 0 || n == 0 {
			return []any{zeros(lead, n), zeros(lead, n, n)}, nil
		}
		w, v, err := EighLowerStack(a)
		return []any{stackResult{w.Data, shape(lead, n)}, stackResult{v.Data, shape(lead, n, n)}}, err
	})
	stacked("eigvalsh", "a", vectorOps["eigvalsh"], func(c *vcase, a Stack, lead []int) (any, error) {
		if _, ok := c.Args["UPLO"]; ok && c.str("UPLO") == "U" && a.Rows == a.Cols {
			a = transposeStack(a) // its lower triangles are a's upper ones
		}
		w, err := EigvalshStack(a)
		return stackResult{w.Data, shape(lead, a.Rows)}, err
	})
	stacked("svd", "A", vectorOps["svd"], func(_ *vcase, a Stack, lead []int) (any, error) {
		m, n := a.Rows, a.Cols
		k := min(m, n)
		if a.Count == 0 || k == 0 {
			return []any{zeros(lead, m, k), zeros(lead, k), zeros(lead, k, n)}, nil
		}
		u, s, vt, err := SVDStack(a)
		return []any{stackResult{u.Data, shape(lead, m, k)}, stackResult{s.Data, shape(lead, k)}, stackResult{vt.Data, shape(lead, k, n)}}, err
	})
	stacked("svdvals", "x", vectorOps["svdvals"], func(_ *vcase, a Stack, lead []int) (any, error) {
		k := min(a.Rows, a.Cols)
		s, err := SvdvalsStack(a)
		return stackResult{s.Data, shape(lead, k)}, err
	})
	stacked("qr", "A", vectorOps["qr"], func(_ *vcase, a Stack, lead []int) (any, error) {
		m, n := a.Rows, a.Cols
		k := min(m, n)
		if a.Count == 0 || k == 0 {
			return []any{stackResult{eyeStack(a.Count, m, k).Data, shape(lead, m, k)}, zeros(lead, k, n)}, nil
		}
		q, r, err := QRStack(a)
		return []any{stackResult{q.Data, shape(lead, m, k)}, stackResult{r.Data, shape(lead, k, n)}}, err
	})
	stacked("pinv", "A", vectorOps["pinv"], func(c *vcase, a Stack, lead []int) (any, error) {
		if a.Count == 0 || a.Rows*a.Cols == 0 {
			return zeros(lead, a.Cols, a.Rows), nil
		}
		p, err := PinvStack(a, c.num("rcond"))
		return stackResult{p.Data, shape(lead, a.Cols, a.Rows)}, err
	})
	stacked("matrix_rank", "A", vectorOps["matrix_rank"], func(_ *vcase, a Stack, lead []int) (any, error) {
		if a.Count == 0 || a.Rows*a.Cols == 0 {
			return zeros(lead), nil
		}
		r, err := MatrixRankStack(a)
		f := make([]float64, len(r))
		for i, x := range r {
			f[i] = float64(x)
		}
		return stackResult{f, shape(lead)}, err
	})
	stacked("cholesky", "A", vectorOps["cholesky"], func(_ *vcase, a Stack, lead []int) (any, error) {
		l, err := CholeskyStack(a)
		return stackResult{l.Data, shape(lead, a.Rows, a.Cols)}, err
	})
}

// transposeStack returns the stack of the transposes of the matrices of a.
func transposeStack(a Stack) Stack {
	t, _ := NewStack(a.Count, a.Cols, a.Rows)
	for i := 0; i < a.Count; i++ {
		m := a.At(i)
		for r := 0; r < m.Rows; r++ {
			for c := 0; c < m.Cols; c++ {
				t.Data[i*t.Stride+c*a.Rows+r] = m.Data[r*m.Cols+c]
			}
		}
	}
	return t
}

// complexParts128 returns the real and imaginary parts of z, interleaved.
func complexParts128(z []complex128) []float64 {
	f := make([]float64, 0, 2*len(z))
	for _, x := range z {
		f = append(f, real(x), imag(x))
	}
	return f
}

// eyeStack returns count copies of the m×k identity (numpy's eye(m, k)).
func eyeStack(count, m, k int) Stack {
	s, _ := NewStack(count, m, k)
	for i := 0; i < count; i++ {
		for j := 0; j < min(m, k); j++ {
			s.Data[i*s.Stride+j*k+j] = 1
		}
	}
	return s
}

// randomStack returns count m×n matrices of normal entries, made symmetric
// (and, with spd, positive definite: AᵀA + I) when square.
func randomStack(rng *rand.Rand, count, m, n int, spd bool) Stack {
	s, _ := NewStack(count, m, n)
	for i := range s.Data {
		s.Data[i] = rng.NormFloat64()
	}
	if !spd {
		return s
	}
	for i := 0; i < count; i++ {
		a := s.At(i)
		at, _ := Transpose(a)
		p, _ := Matmul(at, a)
		for j := 0; j < n; j++ {
			p.Data[j*n+j]++
		}
		copy(a.Data, p.Data)
	}
	return s
}

// stackOps runs each stacked operation on a and returns its outputs and
// the same outputs computed matrix by matrix with the single-matrix form.
var stackOps = []struct {
	name   string
	square bool
	stack  func(a Stack) ([][]float64, error)
	single func(a Matrix) ([][]float64, error)
}{
	{"eigh", true,
		func(a Stack) ([][]float64, error) {
			w, v, err := EighLowerStack(a)
			return [][]float64{w.Data, v.Data}, err
		},
		func(a Matrix) ([][]float64, error) { w, v, err := EighLower(a); return [][]float64{w, v.Data}, err }},
	{"eigvalsh", true,
		func(a Stack) ([][]float64, error) { w, err := EigvalshStack(a); return [][]float64{w.Data}, err },
		func(a Matrix) ([][]float64, error) { w, err := Eigvalsh(a); return [][]float64{w}, err }},
	{"svd", false,
		func(a Stack) ([][]float64, error) {
			u, s, vt, err := SVDStack(a)
			return [][]float64{u.Data, s.Data, vt.Data}, err
		},
		func(a Matrix) ([][]float64, error) {
			u, s, vt, err := SVD(a)
			return [][]float64{u.Data, s, vt.Data}, err
		}},
	{"svdvals", false,
		func(a Stack) ([][]float64, error) { s, err := SvdvalsStack(a); return [][]float64{s.Data}, err },
		func(a Matrix) ([][]float64, error) { s, err := Svdvals(a); return [][]float64{s}, err }},
	{"qr", false,
		func(a Stack) ([][]float64, error) { q, r, err := QRStack(a); return [][]float64{q.Data, r.Data}, err },
		func(a Matrix) ([][]float64, error) { q, r, err := QR(a); return [][]float64{q.Data, r.Data}, err }},
	{"qr complete", false,
		func(a Stack) ([][]float64, error) {
			q, r, err := QRCompleteStack(a)
			return [][]float64{q.Data, r.Data}, err
		},
		func(a Matrix) ([][]float64, error) {
			q, r, err := QRComplete(a)
			return [][]float64{q.Data, r.Data}, err
		}},
	{"qr raw", false,
		func(a Stack) ([][]float64, error) {
			h, tau, err := QRRawStack(a)
			return [][]float64{h.Data, tau.Data}, err
		},
		func(a Matrix) ([][]float64, error) { h, tau, err := QRRaw(a); return [][]float64{h.Data, tau}, err }},
	{"svd full", false,
		func(a Stack) ([][]float64, error) {
			u, s, vt, err := SVDFullStack(a)
			return [][]float64{u.Data, s.Data, vt.Data}, err
		},
		func(a Matrix) ([][]float64, error) {
			u, s, vt, err := SVDFull(a)
			return [][]float64{u.Data, s, vt.Data}, err
		}},
	{"pinv", false,
		func(a Stack) ([][]float64, error) { p, err := PinvStack(a, 1e-15); return [][]float64{p.Data}, err },
		func(a Matrix) ([][]float64, error) { p, err := Pinv(a, 1e-15); return [][]float64{p.Data}, err }},
	{"matrix_rank", false,
		func(a Stack) ([][]float64, error) {
			r, err := MatrixRankStack(a)
			f := make([]float64, len(r))
			for i, x := range r {
				f[i] = float64(x)
			}
			return [][]float64{f}, err
		},
		func(a Matrix) ([][]float64, error) { r, err := MatrixRank(a); return [][]float64{{float64(r)}}, err }},
	{"eig", false,
		func(a Stack) ([][]float64, error) {
			w, v, _, err := EigStack(a)
			return [][]float64{complexParts128(w), complexParts128(v)}, err
		},
		func(a Matrix) ([][]float64, error) {
			w, v := make([]complex128, a.Rows), NewComplexMatrix(a.Rows, a.Rows)
			_, err := EigTo(w, v, a)
			return [][]float64{complexParts128(w), complexParts128(v.Data)}, err
		}},
	{"eigvals", false,
		func(a Stack) ([][]float64, error) {
			w, _, err := EigvalsStack(a)
			return [][]float64{complexParts128(w)}, err
		},
		func(a Matrix) ([][]float64, error) {
			w, _, err := Eigvals(a)
			return [][]float64{complexParts128(w)}, err
		}},
	{"cholesky", true,
		func(a Stack) ([][]float64, error) { l, err := CholeskyStack(a); return [][]float64{l.Data}, err },
		func(a Matrix) ([][]float64, error) { l, err := Cholesky(a); return [][]float64{l.Data}, err }},
}

func TestDecompStackSameAsSingle(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	defer SetMaxThreads(SetMaxThreads(1))
	for _, op := range stackOps {
		for _, dims := range [][2]int{{1, 1}, {3, 3}, {5, 5}, {4, 2}, {2, 5}} {
			if (op.square || strings.HasPrefix(op.name, "eig")) && dims[0] != dims[1] {
				continue
			}
			// Enough work for the runner to use its threads.
			a := randomStack(rng, 3000, dims[0], dims[1], op.square)
			SetMaxThreads(1)
			one, err := op.stack(a)
			if err != nil {
				t.Fatalf("%s %v: %v", op.name, dims, err)
			}
			for i := 0; i < a.Count; i += 97 {
				want, err := op.single(a.At(i))
				if err != nil {
					t.Fatalf("%s %v matrix %d: %v", op.name, dims, i, err)
				}
				for p := range want {
					k := len(want[p])
					if !sameBits(one[p][i*k:(i+1)*k], want[p]) {
						t.Fatalf("%s %v matrix %d, output %d: %v, the single form %v", op.name, dims, i, p, one[p][i*k:(i+1)*k], want[p])
					}
				}
			}
			sameAcrossThreads(t, op.name, dims, a, op.stack, one)
		}
	}
}

// sameAcrossThreads checks that stack(a) gives one, its result with 1
// thread, bit for bit with 2, 3 and 8 threads.
func sameAcrossThreads(t *testing.T, name string, dims [2]int, a Stack, stack func(Stack) ([][]float64, error), one [][]float64) {
	t.Helper()
	for _, th := range []int{2, 3, 8} {
		SetMaxThreads(th)
		many, err := stack(a)
		if err != nil {
			t.Fatalf("%s %v, %d threads: %v", name, dims, th, err)
		}
		for p := range one {
			if !sameBits(many[p], one[p]) {
				t.Fatalf("%s %v: output %d differs between 1 and %d threads", name, dims, p, th)
			}
		}
	}
}

func TestDecompStackErrors(t *testing.T) {
	defer SetMaxThreads(SetMaxThreads(1))
	rng := rand.New(rand.NewSource(8))
	for _, op := range stackOps {
		const count, n = 4000, 3
		a := randomStack(rng, count, n, n, true)
		// Two bad matrices: the first one (by index) is reported.
		a.Data[2100*n*n+3] = math.NaN()
		a.Data[3900*n*n] = math.Inf(1)
		SetMaxThreads(1)
		_, err1 := op.stack(a)
		_, single := op.single(a.At(2100))
		if i, ok := StackIndex(err1); !ok || i != 2100 || !errors.Is(err1, ErrInvalid) ||
			err1.Error() != single.Error()+" (matrix 2100 of the stack)" {
			t.Errorf("%s: %v, want %v naming matrix 2100", op.name, err1, single)
		}
		for _, th := range []int{2, 3, 8} {
			SetMaxThreads(th)
			if _, err := op.stack(a); err == nil || err.Error() != err1.Error() {
				t.Errorf("%s, %d threads: %v, want %v", op.name, th, err, err1)
			}
		}
		if op.square {
			b, _ := NewStack(2, 2, 3)
			_, err := op.stack(b)
			if !errors.Is(err, ErrShape) || !strings.HasSuffix(err.Error(), "must be square, got 2x3") {
				t.Errorf("%s, not square: %v", op.name, err)
			}
			if _, ok := StackIndex(err); ok {
				t.Errorf("%s, not square: a shape error names no matrix: %v", op.name, err)
			}
		}
		bad := Stack{Count: 2, Rows: 2, Cols: 2, Stride: 4, Data: make([]float64, 7)}
		if _, err := op.stack(bad); !errors.Is(err, ErrShape) {
			t.Errorf("%s, short data: %v", op.name, err)
		}
		if out, err := op.stack(Stack{Rows: 3, Cols: 3, Stride: 9}); err != nil || len(out[0]) != 0 {
			t.Errorf("%s, no matrices: %v, %v", op.name, out, err)
		}
	}
	SetMaxThreads(1)
	a := randomStack(rng, 5, 3, 3, true)
	a.Data[2*9] = -100 // matrix 2 is not positive definite
	_, err := CholeskyStack(a)
	if i, ok := StackIndex(err); !ok || i != 2 || !errors.Is(err, ErrNotPositiveDefinite) {
		t.Errorf("cholesky: %v", err)
	}
}

func TestDecompStackOutputs(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	a := randomStack(rng, 6, 4, 4, true)
	keep := append([]float64(nil), a.Data...)
	// Outputs may share memory with the input.
	w, v, err := EighLowerStack(a)
	if err != nil {
		t.Fatal(err)
	}
	w2, _ := NewStack(6, 1, 4)
	alias := Stack{Count: 6, Rows: 4, Cols: 4, Stride: 16, Data: append([]float64(nil), a.Data...)}
	if err := EighLowerStackTo(w2, alias, alias); err != nil || !sameBits(w2.Data, w.Data) || !sameBits(alias.Data, v.Data) {
		t.Errorf("eigh into its input: %v", err)
	}
	l, _ := CholeskyStack(a)
	alias.Data = append(alias.Data[:0], a.Data...)
	if err := CholeskyStackTo(alias, alias); err != nil || !sameBits(alias.Data, l.Data) {
		t.Errorf("cholesky into its input: %v", err)
	}
	if !sameBits(a.Data, keep) {
		t.Error("an input was modified")
	}
	// Outputs of the wrong shape.
	if err := EigvalshStackTo(w2, Stack{Count: 5, Rows: 4, Cols: 4, Stride: 16, Data: a.Data}); !errors.Is(err, ErrShape) {
		t.Errorf("eigvalsh, wrong count: %v", err)
	}
	u, s, vt := eyeStack(6, 4, 4), eyeStack(6, 1, 3), eyeStack(6, 4, 4)
	if err := SVDStackTo(u, s, vt, a); !errors.Is(err, ErrShape) {
		t.Errorf("svd, short s: %v", err)
	}
	q, r := eyeStack(6, 4, 4), eyeStack(6, 4, 3)
	if err := QRStackTo(q, r, a); !errors.Is(err, ErrShape) {
		t.Errorf("qr, narrow R: %v", err)
	}
	if err := QRCompleteStackTo(q, r, a); !errors.Is(err, ErrShape) {
		t.Errorf("qr complete, narrow R: %v", err)
	}
	if err := QRRawStackTo(q, eyeStack(6, 1, 3), a); !errors.Is(err, ErrShape) {
		t.Errorf("qr raw, short tau: %v", err)
	}
	if err := SVDFullStackTo(u, s, vt, a); !errors.Is(err, ErrShape) {
		t.Errorf("svd full, short s: %v", err)
	}
}

func TestDecompStackContext(t *testing.T) {
	const c = 50000
	a := randomStack(rand.New(rand.NewSource(10)), c, 6, 6, true)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, err := range map[string]error{
		"eigh":     EighLowerStackToContext(ctx, eyeStack(c, 1, 6), eyeStack(c, 6, 6), a),
		"eigvalsh": EigvalshStackToContext(ctx, eyeStack(c, 1, 6), a),
		"svd":      SVDStackToContext(ctx, eyeStack(c, 6, 6), eyeStack(c, 1, 6), eyeStack(c, 6, 6), a),
		"svdvals":  SvdvalsStackToContext(ctx, eyeStack(c, 1, 6), a),
		"qr":       QRStackToContext(ctx, eyeStack(c, 6, 6), eyeStack(c, 6, 6), a),
		"qr ":      QRCompleteStackToContext(ctx, eyeStack(c, 6, 6), eyeStack(c, 6, 6), a),
		"qr  ":     QRRawStackToContext(ctx, eyeStack(c, 6, 6), eyeStack(c, 1, 6), a),
		"svd ":     SVDFullStackToContext(ctx, eyeStack(c, 6, 6), eyeStack(c, 1, 6), eyeStack(c, 6, 6), a),
		"cholesky": CholeskyStackToContext(ctx, eyeStack(c, 6, 6), a),
	} {
		if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), strings.TrimSpace(name)+": ") {
			t.Errorf("%s, cancelled: %v", name, err)
		}
	}
	a.Count = 100
	if _, _, err := EighLowerStackContext(context.Background(), a); err != nil {
		t.Error(err)
	}
	if _, _, _, err := SVDStackContext(context.Background(), a); err != nil {
		t.Error(err)
	}
}

func benchStack3x3(b *testing.B, f func(Stack) error) {
	a := randomStack(rand.New(rand.NewSource(11)), 10000, 3, 3, true)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := f(a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEighStack is eigh of 10,000 symmetric 3×3 matrices.
func BenchmarkEighStack(b *testing.B) {
	w, v := eyeStack(10000, 1, 3), eyeStack(10000, 3, 3)
	benchStack3x3(b, func(a Stack) error { return EighLowerStackTo(w, v, a) })
}

// BenchmarkSVDStack is the SVD of 10,000 3×3 matrices.
func BenchmarkSVDStack(b *testing.B) {
	u, s, vt := eyeStack(10000, 3, 3), eyeStack(10000, 1, 3), eyeStack(10000, 3, 3)
	benchStack3x3(b, func(a Stack) error { return SVDStackTo(u, s, vt, a) })
}
