package twinmath

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math"
	"strings"
	"testing"
)

func testLogisticModel() *LogisticModel {
	return &LogisticModel{W: []float64{0.5, -1.25, 2}, B: 0.125, Mean: []float64{1, 2, 3}, Std: []float64{1, 0.5, 4}}
}

func testMLPModel() *MLPModel {
	return &MLPModel{
		W1: Matrix{Rows: 2, Cols: 3, Data: []float64{0.1, -0.2, 0.3, 0.4, 0.5, -0.6}}, B1: []float64{0, 0.1, -0.1},
		W2: Matrix{Rows: 3, Cols: 1, Data: []float64{1, -1, 0.5}}, B2: []float64{0.25},
		Activation: "sigmoid", Mean: []float64{0.5, -0.5}, Std: []float64{2, 3},
	}
}

func saved(t *testing.T, m Model) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := SaveModel(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestModelRoundTrip(t *testing.T) {
	x := Matrix{Rows: 2, Cols: 3, Data: []float64{1, 2, 3, -4, 0.5, 7}}
	for _, m := range []Model{testLogisticModel(), testMLPModel()} {
		b := saved(t, m)
		if len(b)%8 != 0 || string(b[:8]) != "TWINMATH" {
			t.Fatalf("%T: file of %d bytes starting %q", m, len(b), b[:8])
		}
		got, err := LoadModel(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%T: %v", m, err)
		}
		if again := saved(t, got); !bytes.Equal(again, b) {
			t.Errorf("%T: saving the loaded model gives other bytes", m)
		}
		xm := x
		if m.NFeatures() == 2 {
			xm = Matrix{Rows: 3, Cols: 2, Data: x.Data}
		}
		want, have := NewMatrix(xm.Rows, m.NOutputs()), NewMatrix(xm.Rows, got.NOutputs())
		if err := m.PredictProbaTo(want, xm); err != nil {
			t.Fatal(err)
		}
		if err := got.PredictProbaTo(have, xm); err != nil {
			t.Fatal(err)
		}
		for i := range want.Data {
			if math.Float64bits(want.Data[i]) != math.Float64bits(have.Data[i]) {
				t.Errorf("%T: probability %d is %v, want %v", m, i, have.Data[i], want.Data[i])
			}
		}
	}
}

func TestLogisticModelPredictsAsPredictProba(t *testing.T) {
	m := testLogisticModel()
	x := Matrix{Rows: 2, Cols: 3, Data: []float64{1, 2, 3, -4, 0.5, 7}}
	z := x.Clone()
	standardise(z, m.Mean, m.Std)
	want, _ := PredictProba(z, m.W, m.B)
	got := NewMatrix(2, 1)
	if err := m.PredictProbaTo(got, x); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got.Data[i] != want[i] {
			t.Errorf("row %d: %v, want %v", i, got.Data[i], want[i])
		}
	}
	if err := m.PredictProbaTo(got, Matrix{Rows: 1, Cols: 2, Data: []float64{1, 2}}); !errors.Is(err, ErrShape) {
		t.Errorf("two columns for three features: %v, want ErrShape", err)
	}
}

// rewrite returns the file b with its header replaced by edit(header),
// padded as SaveModel pads it.
func rewrite(b []byte, edit func(string) string) []byte {
	n := int(binary.LittleEndian.Uint32(b[8:]))
	h := edit(strings.TrimRight(string(b[12:12+n]), " "))
	for (12+len(h))%8 != 0 {
		h += " "
	}
	out := append([]byte("TWINMATH"), binary.LittleEndian.AppendUint32(nil, uint32(len(h)))...)
	return append(append(out, h...), b[12+n:]...)
}

// withData returns the file b with new data and the checksum of that data.
func withData(b []byte, edit func([]byte)) []byte {
	n := int(binary.LittleEndian.Uint32(b[8:]))
	data := append([]byte(nil), b[12+n:]...)
	edit(data)
	old := sha256.Sum256(b[12+n:])
	sum := sha256.Sum256(data)
	out := rewrite(b, func(h string) string {
		return strings.Replace(h, hex.EncodeToString(old[:]), hex.EncodeToString(sum[:]), 1)
	})
	return append(out[:len(out)-len(data)], data...)
}

func TestLoadModelErrors(t *testing.T) {
	good := saved(t, testLogisticModel())
	mlp := saved(t, testMLPModel())
	nan := make([]byte, 8)
	binary.LittleEndian.PutUint64(nan, math.Float64bits(math.NaN()))
	cases := []struct {
		name string
		file []byte
		want string
	}{
		{"empty", nil, "file is truncated: 0 bytes, a model file has at least 12"},
		{"magic", append([]byte("twinmath"), good[8:]...), "not a twinmath model file (it does not start with TWINMATH)"},
		{"header cut", good[:40], "file is truncated: 40 bytes, the header alone needs"},
		{"data cut", good[:len(good)-8], "file is truncated: 72 bytes of data, the header describes more"},
		{"trailing", append(append([]byte(nil), good...), 0, 0, 0, 0, 0, 0, 0, 0), "file has trailing data: 88 bytes of data, the header describes 80"},
		{"not json", rewrite(good, func(h string) string { return h[1:] }), "the header is not a JSON object"},
		{"version", rewrite(good, func(h string) string { return strings.Replace(h, `"version":1`, `"version":2`, 1) }),
			"format version 2 is not supported (this library reads version 1)"},
		{"version text", rewrite(good, func(h string) string { return strings.Replace(h, `"version":1`, `"version":"1"`, 1) }),
			"the header has no integer version"},
		{"kind", rewrite(good, func(h string) string { return strings.Replace(h, `logistic_regression`, `svm`, 1) }),
			"kind must be logistic_regression or mlp"},
		{"activation", rewrite(good, func(h string) string { return strings.Replace(h, `sigmoid`, `relu`, 1) }),
			"activation must be sigmoid"},
		{"arrays", rewrite(good, func(h string) string { return strings.Replace(h, `"name":"w"`, `"name":"W"`, 1) }),
			"arrays must be w (rank 1), b (rank 0), mean (rank 1), std (rank 1), in that order, with positive sizes"},
		{"checksum", withData(good, func(d []byte) {}), ""},
		{"checksum mismatch", append(good[:len(good)-1:len(good)-1], good[len(good)-1]^1), "checksum mismatch: the data is not what was written"},
		{"checksum form", rewrite(good, func(h string) string { return strings.Replace(h, `sha256:`, `md5:`, 1) }),
			"checksum must be sha256: and 64 lowercase hex digits"},
		{"shape", withData(rewrite(mlp, func(h string) string {
			return strings.Replace(strings.Replace(h, `"shape":[3]`, `"shape":[2]`, 1), `"shape":[3,1]`, `"shape":[4,1]`, 1)
		}), func([]byte) {}), "W1 has 3 columns but b1 has 2 values"},
		{"nan", withData(good, func(d []byte) { copy(d[8:], nan) }), "w contains NaN or Inf"},
		{"std", withData(good, func(d []byte) { binary.LittleEndian.PutUint64(d[8*7:], math.Float64bits(-0.5)) }),
			"std must be positive, got -0.5"},
	}
	for _, c := range cases {
		m, err := LoadModel(bytes.NewReader(c.file))
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if !errors.Is(err, ErrInvalid) || m != nil || !strings.HasPrefix(err.Error(), "load_model: invalid input: "+c.want) {
			t.Errorf("%s: got %v, %v; want ErrInvalid %q", c.name, m, err, c.want)
		}
	}
}

func TestSaveModelErrors(t *testing.T) {
	short := testLogisticModel()
	short.Std = short.Std[:2]
	nan := testMLPModel()
	nan.B2 = []float64{math.Inf(1)}
	act := testMLPModel()
	act.Activation = "relu"
	cases := []struct {
		m        Model
		sentinel error
		want     string
	}{
		{short, ErrShape, "w has 3 values but mean and std have 3 and 2"},
		{nan, ErrInvalid, "b2 contains NaN or Inf"},
		{act, ErrInvalid, "activation must be sigmoid"},
		{&LogisticModel{}, ErrInvalid, "w is empty"},
		{nil, ErrInvalid, "the model is nil"},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		err := SaveModel(&buf, c.m)
		if !errors.Is(err, c.sentinel) || !strings.HasSuffix(err.Error(), c.want) || buf.Len() != 0 {
			t.Errorf("%T: %v, want %v %q and nothing written", c.m, err, c.sentinel, c.want)
		}
	}
}

// FuzzLoadModel holds LoadModel to its contract on any bytes: a model that
// saves and loads back to the same values, or ErrInvalid — never a panic.
// `go test` runs the seeds; `go test -fuzz FuzzLoadModel` explores.
func FuzzLoadModel(f *testing.F) {
	var buf bytes.Buffer
	for _, m := range []Model{testLogisticModel(), testMLPModel()} {
		buf.Reset()
		if err := SaveModel(&buf, m); err != nil {
			f.Fatal(err)
		}
		good := append([]byte(nil), buf.Bytes()...)
		f.Add(good)
		f.Add(good[:len(good)/2])
		f.Add(rewrite(good, func(h string) string { return strings.Replace(h, `"shape":[`, `"shape":[99999999,`, 1) }))
	}
	f.Add([]byte("TWINMATH\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := LoadModel(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrInvalid) || m != nil {
				t.Fatalf("%v, %v", m, err)
			}
			return
		}
		// The header may be spaced or ordered otherwise than SaveModel writes
		// it; the model must still save, and load back to the same bits.
		var out bytes.Buffer
		if err := SaveModel(&out, m); err != nil {
			t.Fatalf("a loaded model does not save: %v", err)
		}
		again, err := LoadModel(&out)
		if err != nil {
			t.Fatalf("a saved model does not load: %v", err)
		}
		a, b := m.arrays(), again.arrays()
		for i := range a {
			for j := range a[i].data {
				if math.Float64bits(a[i].data[j]) != math.Float64bits(b[i].data[j]) {
					t.Fatalf("%s[%d]: %v, then %v", a[i].name, j, a[i].data[j], b[i].data[j])
				}
			}
		}
	})
}
