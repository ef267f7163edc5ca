package twinmath

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ModelFormatVersion is the version of the model file format that SaveModel
// writes and LoadModel reads (docs/serving.md).
const ModelFormatVersion = 1

// modelMagic opens every model file.
const modelMagic = "TWINMATH"

// modelPrefix is the length of the magic and of the header length before the
// JSON header.
const modelPrefix = len(modelMagic) + 4

// Model is a trained model that SaveModel writes and LoadModel reads: a
// *LogisticModel or an *MLPModel. Every model carries the standardisation
// the training pipeline applied to its inputs, and PredictProbaTo applies it
// to raw rows before the model's own arithmetic.
type Model interface {
	// NFeatures returns the number of values in one input row.
	NFeatures() int
	// NOutputs returns the number of probabilities the model gives per row.
	NOutputs() int
	// PredictProbaTo standardises the rows of X with the model's means and
	// standard deviations and writes the probabilities into dst
	// (X.Rows×NOutputs()). It returns ErrShape if X does not have
	// NFeatures() columns or dst has the wrong size.
	PredictProbaTo(dst, X Matrix) error

	kind() string
	arrays() []modelArray
	validate(op string, shape error) error
}

// LogisticModel is the model of LogisticRegression together with the
// standardisation of its inputs: a raw row x is standardised to
// (x − Mean)/Std (Zscore's mean and std) before σ(x·W + B).
type LogisticModel struct {
	W         []float64
	B         float64
	Mean, Std []float64
}

// MLPModel is the two-layer network of ForwardPass together with the
// standardisation of its inputs: W1 is d×h, B1 holds h values, W2 is h×k and
// B2 holds k values; a raw row x is standardised to (x − Mean)/Std before
// the forward pass. Activation is the activation of both layers; "sigmoid",
// the one ForwardPass uses, is the only one, and the empty string means it.
type MLPModel struct {
	W1         Matrix
	B1         []float64
	W2         Matrix
	B2         []float64
	Activation string
	Mean, Std  []float64
}

// modelArray is one array of a model file: its name, its shape and its values.
type modelArray struct {
	name  string
	shape []int
	data  []float64
}

// NFeatures returns len(m.W).
func (m *LogisticModel) NFeatures() int { return len(m.W) }

// NOutputs returns 1.
func (m *LogisticModel) NOutputs() int { return 1 }

// PredictProbaTo writes σ(z·W + B) for the standardised rows z of X into
// dst (X.Rows×1), with the arithmetic of PredictProba.
func (m *LogisticModel) PredictProbaTo(dst, X Matrix) error {
	const op = "predict_proba"
	z, err := standardiseRows(op, X, m.Mean, m.Std)
	if err != nil {
		return err
	}
	if err := dst.want(op, "dst", X.Rows, 1); err != nil {
		return err
	}
	return PredictProbaTo(dst.Data, z, m.W, m.B)
}

func (m *LogisticModel) kind() string { return "logistic_regression" }

func (m *LogisticModel) arrays() []modelArray {
	d := len(m.W)
	return []modelArray{
		{"w", []int{d}, m.W},
		{"b", []int{}, []float64{m.B}},
		{"mean", []int{len(m.Mean)}, m.Mean},
		{"std", []int{len(m.Std)}, m.Std},
	}
}

func (m *LogisticModel) validate(op string, shape error) error {
	d := len(m.W)
	if len(m.Mean) != d || len(m.Std) != d {
		return opError(op, shape, "w has %d values but mean and std have %d and %d", d, len(m.Mean), len(m.Std))
	}
	if d == 0 {
		return invalidErr(op, "w is empty")
	}
	return checkModelValues(op, m.arrays())
}

// NFeatures returns the rows of W1.
func (m *MLPModel) NFeatures() int { return m.W1.Rows }

// NOutputs returns the columns of W2.
func (m *MLPModel) NOutputs() int { return m.W2.Cols }

// PredictProbaTo writes the output activations of ForwardPass for the
// standardised rows of X into dst (X.Rows×NOutputs()).
func (m *MLPModel) PredictProbaTo(dst, X Matrix) error {
	const op = "predict_proba"
	z, err := standardiseRows(op, X, m.Mean, m.Std)
	if err != nil {
		return err
	}
	if err := dst.want(op, "dst", X.Rows, m.W2.Cols); err != nil {
		return err
	}
	f, err := ForwardPass(z, m.W1, m.B1, m.W2, m.B2)
	if err != nil {
		return err
	}
	copy(dst.Data, f.A2.Data)
	return nil
}

func (m *MLPModel) kind() string { return "mlp" }

func (m *MLPModel) arrays() []modelArray {
	return []modelArray{
		{"W1", []int{m.W1.Rows, m.W1.Cols}, m.W1.Data},
		{"b1", []int{len(m.B1)}, m.B1},
		{"W2", []int{m.W2.Rows, m.W2.Cols}, m.W2.Data},
		{"b2", []int{len(m.B2)}, m.B2},
		{"mean", []int{len(m.Mean)}, m.Mean},
		{"std", []int{len(m.Std)}, m.Std},
	}
}

func (m *MLPModel) validate(op string, shape error) error {
	if err := m.W1.check(op, "W1"); err != nil {
		return err
	}
	if err := m.W2.check(op, "W2"); err != nil {
		return err
	}
	d, h, k := m.W1.Rows, m.W1.Cols, m.W2.Cols
	switch {
	case len(m.B1) != h:
		return opError(op, shape, "W1 has %d columns but b1 has %d values", h, len(m.B1))
	case m.W2.Rows != h:
		return opError(op, shape, "W1 has %d columns but W2 has %d rows", h, m.W2.Rows)
	case len(m.B2) != k:
		return opError(op, shape, "W2 has %d columns but b2 has %d values", k, len(m.B2))
	case len(m.Mean) != d || len(m.Std) != d:
		return opError(op, shape, "W1 has %d rows but mean and std have %d and %d values", d, len(m.Mean), len(m.Std))
	case d == 0 || h == 0 || k == 0:
		return invalidErr(op, "W1 and W2 must not be empty")
	case m.Activation != "" && m.Activation != "sigmoid":
		return invalidErr(op, "activation must be sigmoid")
	}
	return checkModelValues(op, m.arrays())
}

// checkModelValues returns ErrInvalid if an array holds NaN or Inf or a
// standard deviation is not positive.
func checkModelValues(op string, arrays []modelArray) error {
	for _, a := range arrays {
		if err := checkFinite(op, a.name, a.data); err != nil {
			return err
		}
	}
	for _, s := range arrays[len(arrays)-1].data {
		if !(s > 0) {
			return invalidErr(op, "std must be positive, got %s", pyFloat(s))
		}
	}
	return nil
}

// standardiseRows returns (X − mean)/std, row by row, as numpy's (X - mean) / std.
func standardiseRows(op string, X Matrix, mean, std []float64) (Matrix, error) {
	if err := X.check(op, "X"); err != nil {
		return Matrix{}, err
	}
	if X.Cols != len(mean) {
		return Matrix{}, shapeErr(op, "X has %d columns, the model takes %d", X.Cols, len(mean))
	}
	z := NewMatrix(X.Rows, X.Cols)
	for i := 0; i < X.Rows; i++ {
		zr, xr := z.Row(i), X.Row(i)
		for j, v := range xr {
			zr[j] = (v - mean[j]) / std[j]
		}
	}
	return z, nil
}

// modelHeader is the JSON header of a model file; its fields are written in
// this order, with no spaces, so that both implementations write the same
// bytes.
type modelHeader struct {
	Version    int           `json:"version"`
	Kind       string        `json:"kind"`
	Activation string        `json:"activation"`
	Arrays     []arrayHeader `json:"arrays"`
	Checksum   string        `json:"checksum"`
}

type arrayHeader struct {
	Name  string `json:"name"`
	Shape []int  `json:"shape"`
}

// SaveModel writes m to w in the model file format of docs/serving.md: the
// magic "TWINMATH", the length of the JSON header as a little-endian uint32,
// the header (format version, kind, activation, the names and shapes of the
// arrays, the SHA-256 of the data) padded with spaces so that the data starts
// at a multiple of 8 bytes, then the arrays as little-endian float64 values.
// Python's save_model writes the same bytes for the same model.
//
// It returns ErrShape if the arrays of m do not fit together, ErrInvalid if
// m is empty, holds NaN or Inf, has a standard deviation that is not
// positive or an activation other than sigmoid, and the writer's error if
// writing fails.
func SaveModel(w io.Writer, m Model) error {
	const op = "save_model"
	if m == nil {
		return invalidErr(op, "the model is nil")
	}
	if err := m.validate(op, ErrShape); err != nil {
		return err
	}
	arrays := m.arrays()
	n := 0
	for _, a := range arrays {
		n += len(a.data)
	}
	data := make([]byte, 8*n)
	off := 0
	for _, a := range arrays {
		for _, v := range a.data {
			binary.LittleEndian.PutUint64(data[off:], math.Float64bits(v))
			off += 8
		}
	}
	sum := sha256.Sum256(data)
	h := modelHeader{Version: ModelFormatVersion, Kind: m.kind(), Activation: "sigmoid", Checksum: "sha256:" + hex.EncodeToString(sum[:])}
	for _, a := range arrays {
		h.Arrays = append(h.Arrays, arrayHeader{a.name, a.shape})
	}
	text, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if pad := (modelPrefix + len(text)) % 8; pad != 0 {
		text = append(text, strings.Repeat(" ", 8-pad)...)
	}
	var buf bytes.Buffer
	buf.Grow(modelPrefix + len(text) + len(data))
	buf.WriteString(modelMagic)
	buf.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(text))))
	buf.Write(text)
	buf.Write(data)
	_, err = w.Write(buf.Bytes())
	return err
}

// The arrays of each kind of model, in file order, with the rank of each.
var modelLayouts = map[string][]struct {
	name string
	rank int
}{
	"logistic_regression": {{"w", 1}, {"b", 0}, {"mean", 1}, {"std", 1}},
	"mlp":                 {{"W1", 2}, {"b1", 1}, {"W2", 2}, {"b2", 1}, {"mean", 1}, {"std", 1}},
}

// LoadModel reads a model file written by SaveModel (or by Python's
// save_model) from r and returns a *LogisticModel or an *MLPModel.
//
// Every problem with the file is ErrInvalid, with a detail saying which:
// the file is truncated or has trailing data, does not start with the
// magic, has a header that is not a JSON object, a format version other
// than ModelFormatVersion, an unknown kind or activation, arrays that are
// not those of the kind, a checksum that does not match the data, arrays
// whose shapes do not fit together, NaN or Inf in an array, or a standard
// deviation that is not positive. The checks run in that order, as in
// Python. It returns the reader's error if reading fails.
func LoadModel(r io.Reader) (Model, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return decodeModel(b)
}

func decodeModel(b []byte) (Model, error) {
	const op = "load_model"
	if len(b) < modelPrefix {
		return nil, invalidErr(op, "file is truncated: %d bytes, a model file has at least %d", len(b), modelPrefix)
	}
	if string(b[:len(modelMagic)]) != modelMagic {
		return nil, invalidErr(op, "not a twinmath model file (it does not start with %s)", modelMagic)
	}
	hlen := int(binary.LittleEndian.Uint32(b[len(modelMagic):]))
	if hlen > len(b)-modelPrefix {
		return nil, invalidErr(op, "file is truncated: %d bytes, the header alone needs %d", len(b), modelPrefix+hlen)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b[modelPrefix:modelPrefix+hlen], &raw); err != nil || raw == nil {
		return nil, invalidErr(op, "the header is not a JSON object")
	}
	version, ok := jsonInt(raw["version"])
	if !ok {
		return nil, invalidErr(op, "the header has no integer version")
	}
	if version != ModelFormatVersion {
		return nil, invalidErr(op, "format version %d is not supported (this library reads version %d)", version, ModelFormatVersion)
	}
	kind, _ := jsonString(raw["kind"])
	layout, ok := modelLayouts[kind]
	if !ok {
		return nil, invalidErr(op, "kind must be logistic_regression or mlp")
	}
	if a, _ := jsonString(raw["activation"]); a != "sigmoid" {
		return nil, invalidErr(op, "activation must be sigmoid")
	}
	names := make([]string, len(layout))
	for i, l := range layout {
		names[i] = fmt.Sprintf("%s (rank %d)", l.name, l.rank)
	}
	badArrays := invalidErr(op, "arrays must be %s, in that order, with positive sizes", strings.Join(names, ", "))
	var list []map[string]json.RawMessage
	if err := json.Unmarshal(raw["arrays"], &list); err != nil || len(list) != len(layout) {
		return nil, badArrays
	}
	shapes := make([][]int, len(layout))
	for i, a := range list {
		name, _ := jsonString(a["name"])
		var dims []json.RawMessage
		shape := bytes.TrimSpace(a["shape"])
		if name != layout[i].name || !bytes.HasPrefix(shape, []byte("[")) || json.Unmarshal(shape, &dims) != nil || len(dims) != layout[i].rank {
			return nil, badArrays
		}
		for _, d := range dims {
			v, ok := jsonInt(d)
			if !ok || v < 1 {
				return nil, badArrays
			}
			shapes[i] = append(shapes[i], v)
		}
	}
	// The size the header describes, in values; it cannot exceed what the
	// file holds, so the products are computed only while they stay below it.
	have := len(b) - modelPrefix - hlen
	want := 0
	for _, s := range shapes {
		size := 1
		for _, d := range s {
			if d > have/8+1 || size > (have/8+1)/d {
				return nil, invalidErr(op, "file is truncated: %d bytes of data, the header describes more", have)
			}
			size *= d
		}
		want += size
		if want > have/8+1 {
			return nil, invalidErr(op, "file is truncated: %d bytes of data, the header describes more", have)
		}
	}
	if 8*want > have {
		return nil, invalidErr(op, "file is truncated: %d bytes of data, the header describes more", have)
	}
	if 8*want < have {
		return nil, invalidErr(op, "file has trailing data: %d bytes of data, the header describes %d", have, 8*want)
	}
	data := b[modelPrefix+hlen:]
	sum, _ := jsonString(raw["checksum"])
	hexSum, found := strings.CutPrefix(sum, "sha256:")
	if got := sha256.Sum256(data); !found || len(hexSum) != 2*len(got) || hexSum != hex.EncodeToString(got[:]) {
		if !found || len(hexSum) != 2*len(got) || strings.Trim(hexSum, "0123456789abcdef") != "" {
			return nil, invalidErr(op, "checksum must be sha256: and 64 lowercase hex digits")
		}
		return nil, invalidErr(op, "checksum mismatch: the data is not what was written")
	}
	values := make([]float64, want)
	for i := range values {
		values[i] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:]))
	}
	part := make([][]float64, len(shapes))
	for i, s := range shapes {
		size := 1
		for _, d := range s {
			size *= d
		}
		part[i], values = values[:size:size], values[size:]
	}
	var m Model
	if kind == "logistic_regression" {
		m = &LogisticModel{W: part[0], B: part[1][0], Mean: part[2], Std: part[3]}
	} else {
		m = &MLPModel{
			W1: Matrix{Rows: shapes[0][0], Cols: shapes[0][1], Data: part[0]}, B1: part[1],
			W2: Matrix{Rows: shapes[2][0], Cols: shapes[2][1], Data: part[2]}, B2: part[3],
			Activation: "sigmoid", Mean: part[4], Std: part[5],
		}
	}
	if err := m.validate(op, ErrInvalid); err != nil {
		return nil, err
	}
	return m, nil
}

// jsonInt returns the value of a JSON integer literal (no fraction, no
// exponent), as Python's json module reads one into an int.
func jsonInt(raw json.RawMessage) (int, bool) {
	v, err := strconv.ParseInt(string(bytes.TrimSpace(raw)), 10, 64)
	if err != nil || v > math.MaxInt32 || v < math.MinInt32 {
		return 0, false
	}
	return int(v), true
}

// jsonString returns the value of a JSON string.
func jsonString(raw json.RawMessage) (string, bool) {
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err == nil && raw != nil
}
