package twinmath

import (
	"context"
	"errors"
	"math"
	"math/rand"
	"strings"
	"testing"
)

// A Context form of a single-matrix operation, with its plain form: each
// returns its results as float64 slices (a scalar as one value, a complex
// slice as its real and imaginary parts), so that one test checks them all.
type contextCase struct {
	ctx   func(ctx context.Context) ([][]float64, error)
	plain func() ([][]float64, error)
}

func scalars(v ...float64) [][]float64 {
	out := make([][]float64, len(v))
	for i, x := range v {
		out[i] = []float64{x}
	}
	return out
}

func interleaved(w []complex128) []float64 {
	if w == nil {
		return nil
	}
	out := make([]float64, 0, 2*len(w))
	for _, c := range w {
		out = append(out, real(c), imag(c))
	}
	return out
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// singleContextCases are the Context forms of the single-matrix
// operations (cond.go, spectrum.go, products.go, tensor.go, the norms),
// each on an input that takes many looks at the context to finish.
func singleContextCases() map[string]contextCase {
	rng := rand.New(rand.NewSource(4))
	big := randMatrix(rng, 300, 300)
	mid := randMatrix(rng, 150, 150)
	spd := symmetricDominant(rng, 300)
	t4 := Tensor{Shape: []int{20, 15, 20, 15}, Data: big.Data}
	t3 := Tensor{Shape: []int{20, 15, 300}, Data: big.Data}
	rhs := Tensor{Shape: []int{20, 15}, Data: big.Data[:300]}
	tensors := func(t Tensor, err error) ([][]float64, error) {
		return [][]float64{t.Data, floats(t.Shape)}, err
	}
	scalar := func(v float64, err error) ([][]float64, error) { return scalars(v), err }
	matrix := func(m Matrix, err error) ([][]float64, error) { return [][]float64{m.Data}, err }
	slice := func(s []float64, err error) ([][]float64, error) { return [][]float64{s}, err }
	eigvals := func(w []complex128, real bool, err error) ([][]float64, error) {
		return [][]float64{interleaved(w), {boolValue(real)}}, err
	}
	cases := map[string]contextCase{
		"slogdet": {
			func(ctx context.Context) ([][]float64, error) {
				s, l, err := SlogdetContext(ctx, big)
				return scalars(s, l), err
			},
			func() ([][]float64, error) { s, l, err := Slogdet(big); return scalars(s, l), err },
		},
		"condFrobenius": {
			func(ctx context.Context) ([][]float64, error) { return scalar(CondFrobeniusContext(ctx, big)) },
			func() ([][]float64, error) { return scalar(CondFrobenius(big)) },
		},
		"condNuclear": {
			func(ctx context.Context) ([][]float64, error) { return scalar(CondNuclearContext(ctx, mid)) },
			func() ([][]float64, error) { return scalar(CondNuclear(mid)) },
		},
		"nuclearNorm": {
			func(ctx context.Context) ([][]float64, error) { return scalar(NuclearNormContext(ctx, mid)) },
			func() ([][]float64, error) { return scalar(NuclearNorm(mid)) },
		},
		"eigvals": {
			func(ctx context.Context) ([][]float64, error) { return eigvals(EigvalsContext(ctx, mid)) },
			func() ([][]float64, error) { return eigvals(Eigvals(mid)) },
		},
		"eigvalsh": {
			func(ctx context.Context) ([][]float64, error) { return slice(EigvalshContext(ctx, spd)) },
			func() ([][]float64, error) { return slice(Eigvalsh(spd)) },
		},
		"svdvals": {
			func(ctx context.Context) ([][]float64, error) { return slice(SvdvalsContext(ctx, mid)) },
			func() ([][]float64, error) { return slice(Svdvals(mid)) },
		},
		"tensorsolve": {
			func(ctx context.Context) ([][]float64, error) { return tensors(TensorsolveContext(ctx, t4, rhs, nil)) },
			func() ([][]float64, error) { return tensors(Tensorsolve(t4, rhs, nil)) },
		},
		"tensorinv": {
			func(ctx context.Context) ([][]float64, error) { return tensors(TensorinvContext(ctx, t3, 2)) },
			func() ([][]float64, error) { return tensors(Tensorinv(t3, 2)) },
		},
		"tensordot": {
			func(ctx context.Context) ([][]float64, error) {
				return tensors(TensordotNContext(ctx, t3, t4.reshaped(300, 20, 15), 1))
			},
			func() ([][]float64, error) { return tensors(TensordotN(t3, t4.reshaped(300, 20, 15), 1)) },
		},
	}
	for _, p := range []float64{2, -2, 1, -1, math.Inf(1), math.Inf(-1)} {
		a := big
		if p == 2 || p == -2 {
			a = mid
		}
		cases["cond "+pyFloat(p)] = contextCase{
			func(ctx context.Context) ([][]float64, error) { return scalar(CondContext(ctx, a, p)) },
			func() ([][]float64, error) { return scalar(Cond(a, p)) },
		}
		if p == 2 || p == -2 {
			cases["matrixNorm "+pyFloat(p)] = contextCase{
				func(ctx context.Context) ([][]float64, error) { return scalar(MatrixNormContext(ctx, mid, p)) },
				func() ([][]float64, error) { return scalar(MatrixNorm(mid, p)) },
			}
		}
	}
	for _, n := range []int{2, 3, 5, -1, -4} {
		cases["matrixPower "+pyFloat(float64(n))] = contextCase{
			func(ctx context.Context) ([][]float64, error) { return matrix(MatrixPowerContext(ctx, big, n)) },
			func() ([][]float64, error) { return matrix(MatrixPower(big, n)) },
		}
	}
	rank := func(r int, err error) ([][]float64, error) { return scalars(float64(r)), err }
	full := func(r LstsqResult, err error) ([][]float64, error) {
		return [][]float64{r.X.Data, r.Residuals, {float64(r.Rank)}, r.S}, err
	}
	eigh := func(w []float64, v Matrix, err error) ([][]float64, error) { return [][]float64{w, v.Data}, err }
	tall := randMatrix(rng, 200, 120)
	tallRHS := randMatrix(rng, 200, 3)
	samples := randMatrix(rng, 400, 150)
	// A batch of 400 samples through a 150-100-20 network, and back.
	w1, b1 := randMatrix(rng, 150, 100), big.Data[:100]
	w2, b2 := randMatrix(rng, 100, 20), big.Data[100:120]
	labels := randMatrix(rng, 400, 20)
	fwd := func(r ForwardPassResult, err error) ([][]float64, error) {
		return [][]float64{r.A1.Data, r.A2.Data, r.Z1.Data, r.Z2.Data}, err
	}
	bwd := func(r BackwardPassResult, err error) ([][]float64, error) {
		return [][]float64{r.DW1.Data, r.DB1, r.DW2.Data, r.DB2}, err
	}
	pass, err := ForwardPass(samples, w1, b1, w2, b2)
	if err != nil {
		panic(err)
	}
	cases["forwardPass"] = contextCase{
		func(ctx context.Context) ([][]float64, error) {
			return fwd(ForwardPassContext(ctx, samples, w1, b1, w2, b2))
		},
		func() ([][]float64, error) { return fwd(ForwardPass(samples, w1, b1, w2, b2)) },
	}
	cases["backwardPass"] = contextCase{
		func(ctx context.Context) ([][]float64, error) {
			return bwd(BackwardPassContext(ctx, samples, labels, pass, w1, w2))
		},
		func() ([][]float64, error) { return bwd(BackwardPass(samples, labels, pass, w1, w2)) },
	}
	cases["covariance"] = contextCase{
		func(ctx context.Context) ([][]float64, error) { return matrix(CovarianceContext(ctx, samples, 1)) },
		func() ([][]float64, error) { return matrix(Covariance(samples, 1)) },
	}
	cases["svdValues"] = contextCase{
		func(ctx context.Context) ([][]float64, error) { return slice(SVDValuesContext(ctx, mid)) },
		func() ([][]float64, error) { return slice(SVDValues(mid)) },
	}
	cases["choleskyUpper"] = contextCase{
		func(ctx context.Context) ([][]float64, error) { return matrix(CholeskyUpperContext(ctx, spd)) },
		func() ([][]float64, error) { return matrix(CholeskyUpper(spd)) },
	}
	cases["eighUpper"] = contextCase{
		func(ctx context.Context) ([][]float64, error) { return eigh(EighUpperContext(ctx, spd)) },
		func() ([][]float64, error) { return eigh(EighUpper(spd)) },
	}
	cases["matrixRankTol"] = contextCase{
		func(ctx context.Context) ([][]float64, error) { return rank(MatrixRankTolContext(ctx, mid, 1e-3)) },
		func() ([][]float64, error) { return rank(MatrixRankTol(mid, 1e-3)) },
	}
	cases["matrixRankRtol"] = contextCase{
		func(ctx context.Context) ([][]float64, error) { return rank(MatrixRankRtolContext(ctx, mid, 1e-3)) },
		func() ([][]float64, error) { return rank(MatrixRankRtol(mid, 1e-3)) },
	}
	cases["lstsqFull"] = contextCase{
		func(ctx context.Context) ([][]float64, error) { return full(LstsqFullContext(ctx, tall, tallRHS, -1)) },
		func() ([][]float64, error) { return full(LstsqFull(tall, tallRHS, -1)) },
	}
	chain := []Matrix{randMatrix(rng, 200, 300), big, randMatrix(rng, 300, 250), randMatrix(rng, 250, 10)}
	cases["multiDot"] = contextCase{
		func(ctx context.Context) ([][]float64, error) { return matrix(MultiDotContext(ctx, chain)) },
		func() ([][]float64, error) { return matrix(MultiDot(chain)) },
	}
	return cases
}

// A cancelled call returns an error wrapping ctx.Err(), with the text
// "op: context canceled", and zero values; it stops at its first look at
// the done context (one more look per goroutine at most).
func TestContextSingleMatrixCancelled(t *testing.T) {
	const before = 3
	for name, c := range singleContextCases() {
		t.Run(name, func(t *testing.T) {
			for _, n := range []int64{0, before} {
				ctx := newCountdown(n)
				got, err := c.ctx(ctx)
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("after %d looks: error %v, want one wrapping context.Canceled (finished in %d looks: input too small?)", n, err, ctx.looks.Load())
				}
				if !strings.HasSuffix(err.Error(), ": context canceled") || strings.Count(err.Error(), ":") != 1 {
					t.Errorf("error text %q, want \"op: context canceled\"", err)
				}
				if looks, most := ctx.looks.Load(), n+1+int64(MaxThreads()); looks > most {
					t.Errorf("%d looks at the context, want at most %d: the work went on after it was done", looks, most)
				}
				for i, r := range got {
					for _, v := range r {
						if math.Float64bits(v) != 0 {
							t.Fatalf("result %d is %v beside the error, want the zero value", i, r)
						}
					}
				}
			}
		})
	}
}

// With a context that is never done, a Context form gives the bits of its
// plain form.
func TestContextSingleMatrixSameBits(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for name, c := range singleContextCases() {
		t.Run(name, func(t *testing.T) {
			want, err1 := c.plain()
			got, err2 := c.ctx(ctx)
			if len(want) != len(got) {
				t.Fatalf("%d results, want %d", len(got), len(want))
			}
			pairs := make([][]float64, 0, 2*len(want))
			for i := range want {
				pairs = append(pairs, want[i], got[i])
			}
			requireSameBits(t, name, err1, err2, pairs...)
		})
	}
}

// reshaped returns t's values under another shape.
func (t Tensor) reshaped(shape ...int) Tensor { return Tensor{Shape: shape, Data: t.Data} }
