package twinmath

import "math"

// Optimizer updates parameter arrays in place from their gradients. SGD,
// Momentum and Adam implement it.
//
// Step takes the parameter arrays and their gradients as flat slices: each
// params[i] is updated in place from grads[i], which must have the same
// length. StepShaped does the same for arrays of any shape, given as
// row-major values and their shapes (as numpy lays out a C-contiguous array);
// the shapes are checked and quoted in errors. Step(p, g) is
// StepShaped(p, g, nil, nil), every array being 1-D.
//
// An optimiser with state (Momentum, Adam) keeps it per parameter array, by
// position: the first step fixes the number of arrays and their shapes, and a
// later step with another number or other shapes returns ErrShape. A step
// that returns an error changes nothing. The gradients must not share memory
// with the parameters. An Optimizer is not safe for concurrent use.
//
// StepSlice(p, g) is Step([][]float64{p}, [][]float64{g}): the form for a
// model with a single parameter array.
//
// The optimisers are made by their constructors (NewSGD, NewMomentum,
// NewAdam), which check the hyperparameters. A zero value (SGD{}, Adam{},
// …) or a nil pointer has none: its steps return ErrInvalid and change
// nothing, rather than silently leaving the parameters as they were.
type Optimizer interface {
	Step(params, grads [][]float64) error
	StepSlice(params, grads []float64) error
	StepShaped(params, grads [][]float64, paramShapes, gradShapes [][]int) error
}

// notMade is the error of a step on an optimiser its constructor did not make.
func notMade(op, kind string) error {
	return invalidErr(op, "a zero %s has no hyperparameters: make it with New%s", kind, kind)
}

// SGD is stochastic gradient descent: a step moves every parameter against
// its gradient, scaled by the learning rate α.
//
//	θ ← θ − α·∇
//
// It has no state.
type SGD struct {
	learningRate float64
	made         bool
}

// NewSGD returns an SGD optimiser. It returns ErrInvalid unless learningRate
// is finite and ≥ 0.
func NewSGD(learningRate float64) (*SGD, error) {
	if err := checkLearningRate("SGD", learningRate); err != nil {
		return nil, err
	}
	return &SGD{learningRate: learningRate, made: true}, nil
}

// Step updates params in place; see Optimizer.
func (o *SGD) Step(params, grads [][]float64) error {
	return o.StepShaped(params, grads, nil, nil)
}

// StepSlice updates the single parameter array params in place; see
// Optimizer.
func (o *SGD) StepSlice(params, grads []float64) error {
	return o.StepShaped([][]float64{params}, [][]float64{grads}, nil, nil)
}

// StepShaped updates params in place; see Optimizer.
func (o *SGD) StepShaped(params, grads [][]float64, paramShapes, gradShapes [][]int) error {
	if o == nil || !o.made {
		return notMade("SGD.step", "SGD")
	}
	if _, err := checkStepArgs("SGD.step", params, grads, paramShapes, gradShapes, nil); err != nil {
		return err
	}
	lr := o.learningRate
	for i, p := range params {
		g := grads[i]
		chunks(len(p), func(lo, hi int) {
			p, g := p[lo:hi], g[lo:hi]
			for j := range p {
				// The conversion rounds the product, so that no
				// architecture fuses it with the subtraction.
				p[j] -= float64(lr * g[j])
			}
		}, elementGrain)
	}
	return nil
}

// Momentum is gradient descent with momentum: a velocity v accumulates the
// scaled gradients, decaying by β, and the parameters move by it.
//
//	v ← β·v + α·∇
//	θ ← θ − v
//
// The velocities start at zero.
type Momentum struct {
	learningRate, momentum float64
	layout                 layout
	velocity               [][]float64
	made                   bool
}

// NewMomentum returns a Momentum optimiser with learning rate α and momentum
// β. It returns ErrInvalid unless learningRate is finite and ≥ 0 and
// momentum is in [0, 1).
func NewMomentum(learningRate, momentum float64) (*Momentum, error) {
	if err := checkLearningRate("Momentum", learningRate); err != nil {
		return nil, err
	}
	if err := checkDecay("Momentum", "momentum", momentum); err != nil {
		return nil, err
	}
	return &Momentum{learningRate: learningRate, momentum: momentum, made: true}, nil
}

// Step updates params in place; see Optimizer.
func (o *Momentum) Step(params, grads [][]float64) error {
	return o.StepShaped(params, grads, nil, nil)
}

// StepSlice updates the single parameter array params in place; see
// Optimizer.
func (o *Momentum) StepSlice(params, grads []float64) error {
	return o.StepShaped([][]float64{params}, [][]float64{grads}, nil, nil)
}

// StepShaped updates params in place; see Optimizer.
func (o *Momentum) StepShaped(params, grads [][]float64, paramShapes, gradShapes [][]int) error {
	if o == nil || !o.made {
		return notMade("Momentum.step", "Momentum")
	}
	first, err := checkStepArgs("Momentum.step", params, grads, paramShapes, gradShapes, &o.layout)
	if err != nil {
		return err
	}
	if first {
		o.velocity = zerosLike(params)
	}
	lr, beta := o.learningRate, o.momentum
	for i, p := range params {
		g, v := grads[i], o.velocity[i]
		chunks(len(p), func(lo, hi int) {
			p, g, v := p[lo:hi], g[lo:hi], v[lo:hi]
			for j := range p {
				v[j] = float64(beta*v[j]) + float64(lr*g[j])
				p[j] -= v[j]
			}
		}, elementGrain)
	}
	return nil
}

// Adam is adaptive moment estimation (Kingma & Ba, 2015): running means of
// the gradients (m) and of their squares (v), corrected for their start at
// zero, scale each parameter's step.
//
//	t ← t + 1
//	m ← β₁·m + (1 − β₁)·∇
//	v ← β₂·v + (1 − β₂)·∇²
//	m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
//	θ ← θ − α·m̂ / (√v̂ + ε)
//
// β₁ᵗ and β₂ᵗ are kept as running products (one multiplication per step, as
// the Python reference does, rather than math.Pow), and every expression is
// evaluated in the order written, so that both implementations round alike.
type Adam struct {
	learningRate, beta1, beta2, epsilon float64
	layout                              layout
	m, v                                [][]float64
	t                                   int
	beta1t, beta2t                      float64
	made                                bool
}

// NewAdam returns an Adam optimiser. It returns ErrInvalid unless
// learningRate is finite and ≥ 0, beta1 and beta2 are in [0, 1) and epsilon
// is finite and > 0.
func NewAdam(learningRate, beta1, beta2, epsilon float64) (*Adam, error) {
	if err := checkLearningRate("Adam", learningRate); err != nil {
		return nil, err
	}
	if err := checkDecay("Adam", "beta1", beta1); err != nil {
		return nil, err
	}
	if err := checkDecay("Adam", "beta2", beta2); err != nil {
		return nil, err
	}
	if !(epsilon > 0) || math.IsInf(epsilon, 0) {
		return nil, invalidErr("Adam", "epsilon must be finite and > 0, got %s", pyFloat(epsilon))
	}
	return &Adam{learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, beta1t: 1, beta2t: 1, made: true}, nil
}

// Step updates params in place; see Optimizer.
func (o *Adam) Step(params, grads [][]float64) error {
	return o.StepShaped(params, grads, nil, nil)
}

// StepSlice updates the single parameter array params in place; see
// Optimizer.
func (o *Adam) StepSlice(params, grads []float64) error {
	return o.StepShaped([][]float64{params}, [][]float64{grads}, nil, nil)
}

// StepShaped updates params in place; see Optimizer.
func (o *Adam) StepShaped(params, grads [][]float64, paramShapes, gradShapes [][]int) error {
	if o == nil || !o.made {
		return notMade("Adam.step", "Adam")
	}
	first, err := checkStepArgs("Adam.step", params, grads, paramShapes, gradShapes, &o.layout)
	if err != nil {
		return err
	}
	if first {
		o.m, o.v = zerosLike(params), zerosLike(params)
	}
	o.t++
	o.beta1t *= o.beta1
	o.beta2t *= o.beta2
	lr, b1, b2, eps := o.learningRate, o.beta1, o.beta2, o.epsilon
	c1, c2 := 1-b1, 1-b2
	d1, d2 := 1-o.beta1t, 1-o.beta2t
	for i, p := range params {
		g, m, v := grads[i], o.m[i], o.v[i]
		chunks(len(p), func(lo, hi int) {
			p, g, m, v := p[lo:hi], g[lo:hi], m[lo:hi], v[lo:hi]
			for j := range p {
				m[j] = float64(b1*m[j]) + float64(c1*g[j])
				v[j] = float64(b2*v[j]) + float64(c2*float64(g[j]*g[j]))
				mh, vh := m[j]/d1, v[j]/d2
				p[j] -= float64(lr*mh) / (math.Sqrt(vh) + eps)
			}
		}, elementGrain)
	}
	return nil
}

func checkLearningRate(op string, lr float64) error {
	if !(lr >= 0) || math.IsInf(lr, 1) {
		return invalidErr(op, "learning_rate must be finite and >= 0, got %s", pyFloat(lr))
	}
	return nil
}

func checkDecay(op, name string, beta float64) error {
	if !(beta >= 0 && beta < 1) {
		return invalidErr(op, "%s must be in [0, 1), got %s", name, pyFloat(beta))
	}
	return nil
}

// layout is what the first step of an optimiser with state fixed: the
// shapes of the parameter arrays.
type layout struct {
	fixed  bool
	shapes [][]int
}

// checkStepArgs checks the arguments of a step and, for an optimiser with state
// (l != nil), that they match the layout of its first step, which it records.
// It reports whether this is that first step. The checks run in this order:
// consistency of the Go arguments, the numbers of params and grads, the shape
// of each grad against its param, then the layout.
func checkStepArgs(op string, params, grads [][]float64, ps, gs [][]int, l *layout) (bool, error) {
	var err error
	if ps, err = shapesOf(op, "params", params, ps); err != nil {
		return false, err
	}
	if gs, err = shapesOf(op, "grads", grads, gs); err != nil {
		return false, err
	}
	if len(params) != len(grads) {
		return false, shapeErr(op, "%d params but %d grads", len(params), len(grads))
	}
	for i := range params {
		if !equalShapes(ps[i], gs[i]) {
			return false, shapeErr(op, "params[%d] has shape %s, grads[%d] has shape %s", i, pyShape(ps[i]), i, pyShape(gs[i]))
		}
	}
	if l == nil {
		return false, nil
	}
	if !l.fixed {
		l.fixed = true
		l.shapes = make([][]int, len(ps))
		for i, s := range ps {
			l.shapes[i] = append([]int{}, s...)
		}
		return true, nil
	}
	if len(params) != len(l.shapes) {
		return false, shapeErr(op, "%d params, the first step had %d", len(params), len(l.shapes))
	}
	for i, s := range ps {
		if !equalShapes(s, l.shapes[i]) {
			return false, shapeErr(op, "params[%d] has shape %s, the first step had %s", i, pyShape(s), pyShape(l.shapes[i]))
		}
	}
	return false, nil
}

// shapesOf returns the shapes of the arrays: those given, after checking that
// each matches its array's length, or each array's length as a 1-D shape.
func shapesOf(op, name string, arrays [][]float64, shapes [][]int) ([][]int, error) {
	if shapes == nil {
		shapes = make([][]int, len(arrays))
		for i, a := range arrays {
			shapes[i] = []int{len(a)}
		}
		return shapes, nil
	}
	if len(shapes) != len(arrays) {
		return nil, shapeErr(op, "%d shapes for %d %s", len(shapes), len(arrays), name)
	}
	for i, a := range arrays {
		size, err := shapeSize(op, name, shapes[i])
		if err != nil {
			return nil, err
		}
		if size != len(a) {
			return nil, shapeErr(op, "%s[%d] holds %d values, its shape %s holds %d", name, i, len(a), pyShape(shapes[i]), size)
		}
	}
	return shapes, nil
}

func equalShapes(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func zerosLike(arrays [][]float64) [][]float64 {
	out := make([][]float64, len(arrays))
	for i, a := range arrays {
		out[i] = make([]float64, len(a))
	}
	return out
}

// elementGrain is the fewest parameters worth a goroutine of their own.
const elementGrain = 1 << 15

// chunks runs f over [0, n), split into contiguous pieces of at least grain
// items on up to MaxThreads threads (forRanges), or in one piece when n is too small to
// repay starting them. Its callers' work is independent item by item, so the
// split does not change any result.
func chunks(n int, f func(lo, hi int), grain int) {
	workers := min(MaxThreads(), n/grain)
	if workers <= 1 {
		f(0, n)
		return
	}
	forRanges(n, (n+workers-1)/workers, f)
}
