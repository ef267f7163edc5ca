package twinmath

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
)

func TestStackCheck(t *testing.T) {
	bad := []Stack{
		{Count: -1, Rows: 2, Cols: 2, Stride: 4},
		{Count: 1, Rows: 2, Cols: 2, Stride: 3, Data: make([]float64, 4)},
		{Count: 2, Rows: 2, Cols: 2, Stride: 4, Data: make([]float64, 7)},
		{Count: math.MaxInt, Rows: 1 << 40, Cols: 1 << 40, Stride: 1},
		{Count: math.MaxInt, Rows: 1, Cols: 1, Stride: math.MaxInt},
	}
	for _, s := range bad {
		if _, err := DetStack(s); err == nil {
			t.Errorf("DetStack(%d, %d, %d, %d) accepted", s.Count, s.Rows, s.Cols, s.Stride)
		}
	}
	if _, err := NewStack(math.MaxInt, 2, 2); !errors.Is(err, ErrInvalid) {
		t.Errorf("NewStack(MaxInt, 2, 2) = %v", err)
	}
}

func TestDetStack(t *testing.T) {
	a := Stack{Count: 3, Rows: 2, Cols: 2, Stride: 5, Data: []float64{
		2, 0, 0, 3, 99,
		1, 2, 2, 4, 99,
		1, 2, 3, 4,
	}}
	got, err := DetStack(a)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < a.Count; i++ {
		want, _ := Det(a.At(i))
		if got[i] != want {
			t.Errorf("det %d = %v, want %v", i, got[i], want)
		}
	}
	if e, _ := DetStack(Stack{Rows: 3, Cols: 3}); len(e) != 0 {
		t.Errorf("empty stack gave %v", e)
	}
}

// The results and the failing index do not depend on the number of threads.
func TestDetStackThreads(t *testing.T) {
	const count, n = 5000, 4
	s, _ := NewStack(count, n, n)
	for i := range s.Data {
		s.Data[i] = float64((i*7919)%13) - 6
	}
	// Two bad matrices: the first one (by index) is reported.
	s.Data[3100*n*n] = math.NaN()
	s.Data[4700*n*n] = math.NaN()
	defer SetMaxThreads(SetMaxThreads(1))
	_, err1 := DetStack(s)
	good := Stack{Count: 3000, Rows: n, Cols: n, Stride: n * n, Data: s.Data}
	d1, _ := DetStack(good)
	for _, th := range []int{2, 3, 8} {
		SetMaxThreads(th)
		_, err := DetStack(s)
		if i, ok := StackIndex(err); !ok || i != 3100 || err.Error() != err1.Error() || !errors.Is(err, ErrInvalid) {
			t.Errorf("%d threads: %v, want %v", th, err, err1)
		}
		d, _ := DetStack(good)
		for i := range d {
			if math.Float64bits(d[i]) != math.Float64bits(d1[i]) {
				t.Fatalf("%d threads: det %d = %v, one thread %v", th, i, d[i], d1[i])
			}
		}
	}
}

func TestDetStackContext(t *testing.T) {
	s, _ := NewStack(20000, 8, 8)
	for i := 0; i < s.Count; i++ {
		for j := 0; j < 8; j++ {
			s.Data[i*64+j*9] = 1
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := DetStackContext(ctx, s)
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "det: ") {
		t.Errorf("cancelled: %v", err)
	}
	if _, ok := StackIndex(err); ok {
		t.Errorf("a cancellation names a matrix: %v", err)
	}
}

func BenchmarkDetStack3x3(b *testing.B) {
	s, _ := NewStack(10000, 3, 3)
	for i := range s.Data {
		s.Data[i] = float64((i*7919)%13) - 6
	}
	dst := make([]float64, s.Count)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := DetStackTo(dst, s); err != nil {
			b.Fatal(err)
		}
	}
}
