package twinmath

import (
	"encoding/json"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// The optimisers' shared vectors: testdata/vectors/trajectories/<Optimizer>.json,
// written from the Python reference by tests/gen_trajectories.py. Each case is
// a run: options, initial arrays, the gradients of every step and the
// reference's arrays after every step, which the Go package must reproduce bit
// for bit, or the error the reference raised.

type trajectoryFile struct {
	Optimizer string           `json:"optimizer"`
	Cases     []trajectoryCase `json:"cases"`
}

type trajectoryCase struct {
	ID         int                        `json:"id"`
	Comment    string                     `json:"comment"`
	Options    map[string]json.RawMessage `json:"options"`
	Params     []json.RawMessage          `json:"params"`
	Shapes     [][]int                    `json:"shapes"`
	Grads      [][]json.RawMessage        `json:"grads"`
	GradShapes [][][]int                  `json:"grad_shapes"`
	Expected   [][]json.RawMessage        `json:"expected"`
	Error      *struct {
		Step    int    `json:"step"`
		Type    string `json:"type"`
		Message string `json:"message"`
	} `json:"error"`
}

func (c *trajectoryCase) option(t *testing.T, name string) float64 {
	raw, ok := c.Options[name]
	if !ok {
		t.Fatalf("case %d: no option %s", c.ID, name)
	}
	f, err := num(raw)
	if err != nil {
		t.Fatalf("case %d: option %s: %v", c.ID, name, err)
	}
	return f
}

// newOptimizer builds the optimiser a case names from its options.
func newOptimizer(t *testing.T, kind string, c *trajectoryCase) (Optimizer, error) {
	lr := c.option(t, "learning_rate")
	switch kind {
	case "SGD":
		return NewSGD(lr)
	case "Momentum":
		return NewMomentum(lr, c.option(t, "momentum"))
	case "Adam":
		return NewAdam(lr, c.option(t, "beta1"), c.option(t, "beta2"), c.option(t, "epsilon"))
	}
	t.Fatalf("unknown optimiser %s", kind)
	return nil, nil
}

func flatValues(t *testing.T, raws []json.RawMessage) [][]float64 {
	out := make([][]float64, len(raws))
	for i, raw := range raws {
		v, _, err := tree(raw)
		if err != nil {
			t.Fatal(err)
		}
		if v == nil {
			v = []float64{}
		}
		out[i] = v
	}
	return out
}

// wantError checks err against the error a case expects.
func wantError(t *testing.T, c *trajectoryCase, err error) {
	t.Helper()
	want := sentinels[c.Error.Type]
	if err == nil || !errors.Is(err, want) || err.Error() != c.Error.Message {
		t.Errorf("case %d (%s): error %v, want %s %q", c.ID, c.Comment, err, c.Error.Type, c.Error.Message)
	}
}

func TestTrajectoryVectors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "vectors", "trajectories", "*.json"))
	if err != nil || len(files) < 3 {
		t.Fatalf("no trajectory files under testdata/vectors/trajectories (%v)", err)
	}
	for _, path := range files {
		if filepath.Base(path) == "xor.json" {
			continue
		}
		t.Run(strings.TrimSuffix(filepath.Base(path), ".json"), func(t *testing.T) {
			var f trajectoryFile
			readJSON(t, path, &f)
			for i := range f.Cases {
				runTrajectory(t, f.Optimizer, &f.Cases[i])
			}
		})
	}
}

func runTrajectory(t *testing.T, kind string, c *trajectoryCase) {
	opt, err := newOptimizer(t, kind, c)
	if c.Error != nil && c.Error.Step == -1 {
		wantError(t, c, err)
		return
	}
	if err != nil {
		t.Fatalf("case %d (%s): %v", c.ID, c.Comment, err)
	}
	params := flatValues(t, c.Params)
	for step, raw := range c.Grads {
		err := opt.StepShaped(params, flatValues(t, raw), c.Shapes, c.GradShapes[step])
		if c.Error != nil && c.Error.Step == step {
			wantError(t, c, err)
			return
		}
		if err != nil {
			t.Errorf("case %d (%s) step %d: %v", c.ID, c.Comment, step, err)
			return
		}
		want := flatValues(t, c.Expected[step])
		for i := range params {
			for j := range params[i] {
				if !alike(params[i][j], want[i][j]) {
					t.Errorf("case %d (%s) step %d: params[%d][%d] = %v, want %v (bit for bit)",
						c.ID, c.Comment, step, i, j, params[i][j], want[i][j])
					return
				}
			}
		}
	}
	if c.Error != nil {
		t.Errorf("case %d (%s): no error, want %q", c.ID, c.Comment, c.Error.Message)
	}
}

// ---- the XOR network --------------------------------------------------------

// softplus is log(1 + e^z), evaluated as numpy's logaddexp(0, z) is.
func softplus(z float64) float64 {
	switch {
	case z == 0:
		return math.Ln2
	case z > 0:
		return z + math.Log1p(math.Exp(-z))
	}
	return math.Log1p(math.Exp(z))
}

// xorLoss is the loss the training runs record: Σ (softplus(z2) − y·z2) / m.
func xorLoss(z2, y Matrix) float64 {
	var s float64
	for i, z := range z2.Data {
		s += softplus(z) - y.Data[i]*z
	}
	return s / float64(z2.Rows)
}

// trainXOR trains the network [w1, b1, w2, b2] on (x, y) with opt for the
// given number of steps, and returns the loss before every step and after the
// last, and the final outputs.
func trainXOR(t *testing.T, opt Optimizer, x, y Matrix, params [][]float64, shapes [][]int, steps int) ([]float64, []float64) {
	w1 := Matrix{Rows: shapes[0][0], Cols: shapes[0][1], Data: params[0]}
	w2 := Matrix{Rows: shapes[2][0], Cols: shapes[2][1], Data: params[2]}
	losses := make([]float64, steps+1)
	for s := 0; ; s++ {
		f, err := ForwardPass(x, w1, params[1], w2, params[3])
		if err != nil {
			t.Fatal(err)
		}
		losses[s] = xorLoss(f.Z2, y)
		if s == steps {
			return losses, f.A2.Data
		}
		g, err := BackwardPass(x, y, f, w1, w2)
		if err != nil {
			t.Fatal(err)
		}
		if err := opt.StepShaped(params, [][]float64{g.DW1.Data, g.DB1, g.DW2.Data, g.DB2}, shapes,
			[][]int{{w1.Rows, w1.Cols}, {1, len(g.DB1)}, {w2.Rows, w2.Cols}, {1, len(g.DB2)}}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestXORLossCurves trains the network of the source material on XOR with
// each optimiser, as the Python reference did to write xor.json, and checks
// the loss curve against the reference's within the bound of
// tolerances.optim.training_bound, and that the four points are separated.
func TestXORLossCurves(t *testing.T) {
	var f struct {
		Steps  int               `json:"steps"`
		X      json.RawMessage   `json:"X"`
		Y      json.RawMessage   `json:"y"`
		Params []json.RawMessage `json:"params"`
		Shapes [][]int           `json:"shapes"`
		Runs   []struct {
			trajectoryCase
			Optimizer   string    `json:"optimizer"`
			Checkpoints []int     `json:"checkpoints"`
			Losses      []float64 `json:"losses"`
			Bounds      []float64 `json:"bounds"`
		} `json:"runs"`
	}
	readJSON(t, filepath.Join("testdata", "vectors", "trajectories", "xor.json"), &f)
	xv, _, _ := tree(f.X)
	yv, _, _ := tree(f.Y)
	x, y := Matrix{Rows: 4, Cols: 2, Data: xv}, Matrix{Rows: 4, Cols: 1, Data: yv}
	if len(f.Runs) != 3 {
		t.Fatalf("%d runs, want one per optimiser", len(f.Runs))
	}
	for _, run := range f.Runs {
		opt, err := newOptimizer(t, run.Optimizer, &run.trajectoryCase)
		if err != nil {
			t.Fatal(err)
		}
		losses, out := trainXOR(t, opt, x, y, flatValues(t, f.Params), f.Shapes, f.Steps)
		for i, s := range run.Checkpoints {
			if d := math.Abs(losses[s] - run.Losses[i]); !(d <= run.Bounds[i]) {
				t.Errorf("%s step %d: loss %v, reference %v: |Δ| = %.3g > bound %.3g",
					run.Optimizer, s, losses[s], run.Losses[i], d, run.Bounds[i])
			}
		}
		for i, p := range out {
			if (p > 0.5) != (y.Data[i] > 0.5) {
				t.Errorf("%s: output %v for point %d, label %v", run.Optimizer, p, i, y.Data[i])
			}
		}
	}
}

// ---- unit tests -------------------------------------------------------------

func TestOptimizerOptionErrors(t *testing.T) {
	tests := []struct {
		make func() error
		want string
	}{
		{func() error { _, err := NewSGD(-1); return err }, "SGD: invalid input: learning_rate must be finite and >= 0, got -1.0"},
		{func() error { _, err := NewSGD(math.Inf(1)); return err }, "SGD: invalid input: learning_rate must be finite and >= 0, got inf"},
		{func() error { _, err := NewMomentum(0.1, 1); return err }, "Momentum: invalid input: momentum must be in [0, 1), got 1.0"},
		{func() error { _, err := NewMomentum(math.NaN(), 0.5); return err }, "Momentum: invalid input: learning_rate must be finite and >= 0, got nan"},
		{func() error { _, err := NewAdam(0.1, -0.1, 0.9, 1e-8); return err }, "Adam: invalid input: beta1 must be in [0, 1), got -0.1"},
		{func() error { _, err := NewAdam(0.1, 0.9, 1, 1e-8); return err }, "Adam: invalid input: beta2 must be in [0, 1), got 1.0"},
		{func() error { _, err := NewAdam(0.1, 0.9, 0.999, 0); return err }, "Adam: invalid input: epsilon must be finite and > 0, got 0.0"},
	}
	for _, tt := range tests {
		if err := tt.make(); err == nil || !errors.Is(err, ErrInvalid) || err.Error() != tt.want {
			t.Errorf("got %v, want %q", err, tt.want)
		}
	}
}

func TestOptimizerLayoutIsFixedByTheFirstStep(t *testing.T) {
	for _, opt := range []Optimizer{mustMomentum(t), mustAdam(t)} {
		p := [][]float64{{1, 2, 3, 4, 5, 6}}
		if err := opt.StepShaped(p, [][]float64{{1, 1, 1, 1, 1, 1}}, [][]int{{2, 3}}, [][]int{{2, 3}}); err != nil {
			t.Fatal(err)
		}
		before := append([]float64(nil), p[0]...)
		err := opt.StepShaped(p, [][]float64{{1, 1, 1, 1, 1, 1}}, [][]int{{3, 2}}, [][]int{{3, 2}})
		if err == nil || !errors.Is(err, ErrShape) || !strings.HasSuffix(err.Error(), "params[0] has shape (3, 2), the first step had (2, 3)") {
			t.Errorf("%T: reshaped params: %v", opt, err)
		}
		err = opt.Step([][]float64{p[0], {1}}, [][]float64{p[0], {1}})
		if err == nil || !strings.HasSuffix(err.Error(), "shape mismatch: 2 params, the first step had 1") {
			t.Errorf("%T: another number of params: %v", opt, err)
		}
		for i := range p[0] {
			if p[0][i] != before[i] {
				t.Fatalf("%T: a failed step changed the parameters", opt)
			}
		}
	}
	// SGD has no state: any arrays, any step.
	sgd, _ := NewSGD(0.5)
	p := [][]float64{{1, 2}}
	if err := sgd.Step(p, [][]float64{{2, -2}}); err != nil || p[0][0] != 0 || p[0][1] != 3 {
		t.Errorf("SGD step: %v %v", p, err)
	}
	if err := sgd.Step([][]float64{{1}, {2, 3}}, [][]float64{{1}, {1, 1}}); err != nil {
		t.Errorf("SGD with other arrays: %v", err)
	}
}

func TestOptimizerShapeErrors(t *testing.T) {
	sgd, _ := NewSGD(0.1)
	tests := []struct {
		err  error
		want string
	}{
		{sgd.Step([][]float64{{1}}, nil), "SGD.step: shape mismatch: 1 params but 0 grads"},
		{sgd.Step([][]float64{{1, 2}}, [][]float64{{1}}), "SGD.step: shape mismatch: params[0] has shape (2,), grads[0] has shape (1,)"},
		{sgd.StepShaped([][]float64{{1, 2}}, [][]float64{{1, 2}}, [][]int{{2}}, [][]int{{1, 2}}),
			"SGD.step: shape mismatch: params[0] has shape (2,), grads[0] has shape (1, 2)"},
		{sgd.StepShaped([][]float64{{1, 2}}, [][]float64{{1, 2}}, [][]int{{3}}, [][]int{{2}}),
			"SGD.step: shape mismatch: params[0] holds 2 values, its shape (3,) holds 3"},
		{sgd.StepShaped([][]float64{{1}}, [][]float64{{1}}, [][]int{}, nil), "SGD.step: shape mismatch: 0 shapes for 1 params"},
		{sgd.StepShaped([][]float64{{}}, [][]float64{{}}, [][]int{{-1}}, [][]int{{0}}),
			"SGD.step: shape mismatch: params has a negative dimension in its shape (-1,)"},
	}
	for _, tt := range tests {
		if tt.err == nil || !errors.Is(tt.err, ErrShape) || tt.err.Error() != tt.want {
			t.Errorf("got %v, want %q", tt.err, tt.want)
		}
	}
}

func mustMomentum(t *testing.T) *Momentum {
	o, err := NewMomentum(0.1, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func mustAdam(t *testing.T) *Adam {
	o, err := NewAdam(0.1, 0.9, 0.999, 1e-8)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// TestAdamFirstStepIsAboutTheLearningRate: after one step m̂ = g and v̂ = g²
// exactly (the bias corrections divide by 1 − β), so each parameter moves by
// α·g/(|g| + ε), within α·ε/|g| of α·sign(g), plus the rounding of p (a few
// ulps of 3, 4.4e-16 each).
func TestAdamFirstStepIsAboutTheLearningRate(t *testing.T) {
	o := mustAdam(t)
	p := [][]float64{{1, 2, 3}}
	if err := o.Step(p, [][]float64{{0.5, -3, 1e-3}}); err != nil {
		t.Fatal(err)
	}
	want := []float64{0.9, 2.1, 2.9}
	for i := range want {
		if math.Abs(p[0][i]-want[i]) > 0.1*1e-8/1e-3+2e-15 {
			t.Errorf("p[%d] = %v, want about %v", i, p[0][i], want[i])
		}
	}
}

// TestStepsSplitAcrossGoroutines: a large array is updated in pieces on
// several goroutines; the result is the same as the one-piece update of a
// small copy of any part of it.
func TestStepsSplitAcrossGoroutines(t *testing.T) {
	n := 1 << 18
	p, g := make([]float64, n), make([]float64, n)
	for i := range p {
		p[i], g[i] = math.Sin(float64(i)), math.Cos(float64(i))
	}
	head := [][]float64{append([]float64(nil), p[:100]...)}
	tail := [][]float64{append([]float64(nil), p[n-100:]...)}
	big, small1, small2 := mustAdam(t), mustAdam(t), mustAdam(t)
	for step := 0; step < 3; step++ {
		if big.Step([][]float64{p}, [][]float64{g}) != nil || small1.Step(head, [][]float64{g[:100]}) != nil ||
			small2.Step(tail, [][]float64{g[n-100:]}) != nil {
			t.Fatal("step failed")
		}
	}
	for i := 0; i < 100; i++ {
		if !alike(p[i], head[0][i]) || !alike(p[n-100+i], tail[0][i]) {
			t.Fatalf("entry %d differs between the split and the whole update", i)
		}
	}
}

// A zero optimiser or a nil one refuses to step (ErrInvalid, parameters
// unchanged); StepSlice is Step on one array.
func TestZeroOptimizersAndStepSlice(t *testing.T) {
	var nilAdam *Adam
	for _, tt := range []struct {
		o    Optimizer
		want string
	}{
		{&SGD{}, "SGD.step: invalid input: a zero SGD has no hyperparameters: make it with NewSGD"},
		{&Momentum{}, "Momentum.step: invalid input: a zero Momentum has no hyperparameters: make it with NewMomentum"},
		{&Adam{}, "Adam.step: invalid input: a zero Adam has no hyperparameters: make it with NewAdam"},
		{nilAdam, "Adam.step: invalid input: a zero Adam has no hyperparameters: make it with NewAdam"},
	} {
		p := []float64{1, 2}
		err := tt.o.StepSlice(p, []float64{1, 1})
		if !errors.Is(err, ErrInvalid) || err.Error() != tt.want || p[0] != 1 || p[1] != 2 {
			t.Errorf("%T: %v, params %v; want %q and no change", tt.o, err, p, tt.want)
		}
	}
	sgd, _ := NewSGD(0.5)
	mom, _ := NewMomentum(0.5, 0.9)
	adam, _ := NewAdam(0.5, 0.9, 0.999, 1e-8)
	sgd2, _ := NewSGD(0.5)
	mom2, _ := NewMomentum(0.5, 0.9)
	adam2, _ := NewAdam(0.5, 0.9, 0.999, 1e-8)
	for i, o := range []Optimizer{sgd, mom, adam} {
		o2 := []Optimizer{sgd2, mom2, adam2}[i]
		p, q := []float64{1, -2}, []float64{1, -2}
		for k := 0; k < 3; k++ {
			g := []float64{0.5, float64(k)}
			if err := o.StepSlice(p, g); err != nil {
				t.Fatal(err)
			}
			if err := o2.Step([][]float64{q}, [][]float64{g}); err != nil {
				t.Fatal(err)
			}
		}
		if p[0] != q[0] || p[1] != q[1] || p[0] == 1 {
			t.Errorf("%T: StepSlice gave %v, Step %v", o, p, q)
		}
	}
}
