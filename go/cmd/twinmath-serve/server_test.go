package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twinmath/twinmath/go"
)

func testModel() *twinmath.LogisticModel {
	return &twinmath.LogisticModel{W: []float64{0.5, -1.25, 2}, B: 0.125, Mean: []float64{1, 2, 3}, Std: []float64{1, 0.5, 4}}
}

func testServer(t *testing.T, m twinmath.Model) *httptest.Server {
	t.Helper()
	kind := "logistic_regression"
	if _, ok := m.(*twinmath.MLPModel); ok {
		kind = "mlp"
	}
	srv := httptest.NewServer(newHandler(m, kind, options{maxBody: 4096, timeout: 5 * time.Second}, log.New(io.Discard, "", 0)))
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, url, body string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Post(url+"/predict", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s: the answer is not JSON: %v", body, err)
	}
	return resp.StatusCode, out
}

func TestPredictMatchesTheModel(t *testing.T) {
	m := testModel()
	srv := testServer(t, m)
	rows := [][]float64{{1, 2, 3}, {-4, 0.5, 7}, {0.1, 1e-300, -2.5e10}, {1, 2.5, 3}}
	body, _ := json.Marshal(map[string]any{"rows": rows})
	code, out := post(t, srv.URL, string(body))
	if code != http.StatusOK {
		t.Fatalf("status %d: %v", code, out)
	}
	x, _ := twinmath.MatrixOf(rows)
	want := twinmath.NewMatrix(len(rows), 1)
	if err := m.PredictProbaTo(want, x); err != nil {
		t.Fatal(err)
	}
	probs, labels := out["probabilities"].([]any), out["labels"].([]any)
	for i, p := range want.Data {
		// encoding/json writes the shortest text that reads back as the same
		// float64, so the probabilities arrive bit for bit.
		if got := probs[i].(float64); math.Float64bits(got) != math.Float64bits(p) {
			t.Errorf("row %d: probability %v, want %v", i, got, p)
		}
		if l := labels[i].(float64); (l == 1) != (p > 0.5) {
			t.Errorf("row %d: label %v for probability %v", i, l, p)
		}
	}
}

func TestPredictNetwork(t *testing.T) {
	m := &twinmath.MLPModel{
		W1: twinmath.Matrix{Rows: 2, Cols: 2, Data: []float64{1, -1, 1, 1}}, B1: []float64{0, 0},
		W2: twinmath.Matrix{Rows: 2, Cols: 2, Data: []float64{3, -3, -3, 3}}, B2: []float64{0, 0},
		Mean: []float64{0, 0}, Std: []float64{1, 1},
	}
	srv := testServer(t, m)
	code, out := post(t, srv.URL, `{"rows": [[2, -2], [-2, 2]]}`)
	if code != http.StatusOK {
		t.Fatalf("status %d: %v", code, out)
	}
	probs := out["probabilities"].([]any)
	if len(probs) != 2 || len(probs[0].([]any)) != 2 {
		t.Fatalf("probabilities %v, want two rows of two", probs)
	}
	if labels := out["labels"].([]any); labels[0].(float64) != 0 || labels[1].(float64) != 1 {
		t.Errorf("labels %v, want [0 1]", labels)
	}
}

func TestBadRequests(t *testing.T) {
	srv := testServer(t, testModel())
	cases := []struct{ name, body, want string }{
		{"not json", `{"rows": [[1, 2, 3]`, "malformed JSON"},
		{"not an object", `[[1, 2, 3]]`, "malformed JSON"},
		{"unknown field", `{"row": [[1, 2, 3]]}`, "malformed JSON"},
		{"trailing data", `{"rows": [[1, 2, 3]]} {}`, "malformed JSON: data after the JSON object"},
		{"no rows", `{"rows": []}`, "no rows"},
		{"null", `null`, "no rows"},
		{"narrow", `{"rows": [[1, 2, 3], [1, 2]]}`, "row 1 has 2 values, the model takes 3"},
		{"wide", `{"rows": [[1, 2, 3, 4]]}`, "row 0 has 4 values, the model takes 3"},
		{"NaN literal", `{"rows": [[NaN, 2, 3]]}`, "malformed JSON"},
		{"NaN text", `{"rows": [[1, "NaN", 3]]}`, "malformed JSON"},
		{"overflow", `{"rows": [[1, 2, 1e999]]}`, "row 0, value 2 is not a finite number: 1e999"},
		{"text", `{"rows": [[1, "x", 3]]}`, "malformed JSON"},
		{"oversize", `{"rows": [[` + strings.Repeat("1, ", 2000) + `1]]}`, "the request body is larger than 4096 bytes"},
	}
	for _, c := range cases {
		code, out := post(t, srv.URL, c.body)
		msg, _ := out["error"].(string)
		if code != http.StatusBadRequest || !strings.Contains(msg, c.want) {
			t.Errorf("%s: status %d, error %q; want 400 and %q", c.name, code, msg, c.want)
		}
	}
	resp, err := http.Get(srv.URL + "/predict")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /predict: status %d, want 405", resp.StatusCode)
	}
}

func TestHealthz(t *testing.T) {
	srv := testServer(t, testModel())
	resp, err := http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out) //nolint:errcheck // checked through out
	if resp.StatusCode != 200 || out["status"] != "ok" || out["n_features"] != 3.0 || out["kind"] != "logistic_regression" {
		t.Errorf("status %d, %v", resp.StatusCode, out)
	}
}

func TestRecoverKeepsServing(t *testing.T) {
	var logged bytes.Buffer
	h := recoverer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/boom" {
			panic("boom")
		}
		w.WriteHeader(http.StatusNoContent)
	}), log.New(&logged, "", 0))
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, c := range []struct {
		path string
		want int
	}{{"/boom", 500}, {"/fine", 204}, {"/boom", 500}, {"/fine", 204}} {
		resp, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s: status %d, want %d", c.path, resp.StatusCode, c.want)
		}
	}
	if !strings.Contains(logged.String(), "panic serving GET /boom: boom") {
		t.Errorf("log %q", logged.String())
	}
}

// lines sends what is written to it, line by line, on a channel.
type lines chan string

func (l lines) Write(p []byte) (int, error) {
	sc := bufio.NewScanner(bytes.NewReader(p))
	for sc.Scan() {
		l <- sc.Text()
	}
	return len(p), nil
}

func writeModel(t *testing.T, m twinmath.Model) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "model.tm")
	var buf bytes.Buffer
	if err := twinmath.SaveModel(&buf, m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunServesAndShutsDown(t *testing.T) {
	path := writeModel(t, testModel())
	ctx, cancel := context.WithCancel(context.Background())
	out := make(lines, 4)
	status := make(chan int, 1)
	go func() {
		status <- run(ctx, []string{"-model", path, "-addr", "127.0.0.1:0", "-timeout", "300ms"}, out, io.Discard)
	}()
	var url string
	select {
	case l := <-out:
		url = strings.TrimPrefix(l, "listening on ")
	case s := <-status:
		t.Fatalf("run returned %d before listening", s)
	case <-time.After(10 * time.Second):
		t.Fatal("not listening after 10 s")
	}
	code, body := post(t, url, `{"rows": [[1, 2, 3]]}`)
	if code != 200 {
		t.Fatalf("status %d: %v", code, body)
	}

	// A client that sends its headers and then stalls is cut off by the
	// read timeout rather than holding a connection for ever.
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{") //nolint:errcheck // seen below
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))                                     //nolint:errcheck // a bound on the test
	start := time.Now()
	reply, _ := io.ReadAll(conn)
	if waited := time.Since(start); waited > 3*time.Second {
		t.Errorf("a stalled request held its connection for %v (timeout 300ms)", waited)
	}
	// The request timeout answers 503, the read timeout 400 or nothing.
	if len(reply) > 0 && !bytes.Contains(reply, []byte(" 503 ")) && !bytes.Contains(reply, []byte(" 400 ")) {
		t.Errorf("a stalled request got %q", reply)
	}

	cancel()
	select {
	case s := <-status:
		if s != 0 {
			t.Errorf("exit status %d after shutdown, want 0", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no shutdown after 10 s")
	}
}

func TestRunRefusesBadModels(t *testing.T) {
	good := writeModel(t, testModel())
	data, _ := os.ReadFile(good)
	bad := filepath.Join(t.TempDir(), "bad.tm")
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"truncated": {data[:len(data)-8], "load_model: invalid input: file is truncated"},
		"checksum":  {append(data[:len(data)-1:len(data)-1], data[len(data)-1]^1), "checksum mismatch"},
		"missing":   {nil, "no such file"},
	} {
		path := bad
		if c.data == nil {
			path = filepath.Join(t.TempDir(), "missing.tm")
		} else if err := os.WriteFile(bad, c.data, 0o600); err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		if s := run(context.Background(), []string{"-model", path, "-addr", "127.0.0.1:0"}, io.Discard, &stderr); s != 1 {
			t.Errorf("%s: exit status %d, want 1", name, s)
		}
		if !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%s: stderr %q, want %q", name, stderr.String(), c.want)
		}
	}
	if s := run(context.Background(), nil, io.Discard, io.Discard); s != 2 {
		t.Errorf("no -model: exit status %d, want 2", s)
	}
}
