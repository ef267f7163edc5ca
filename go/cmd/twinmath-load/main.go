// Command twinmath-load is the load check of twinmath-serve, run by
// `make bench`: it trains a logistic-regression model on MakeClassification
// data, saves it, starts the service on a loopback port, sends a bounded
// number of prediction requests from concurrent clients, checks every
// answer against the model's own PredictProbaTo, and reports errors, lost
// requests, latency percentiles and the service's memory.
//
// Usage:
//
//	twinmath-load -serve ./build/twinmath-serve [-requests 20000] [-clients 16] [-rows 1] [-limit 2m]
//
// It exits with status 1 if any request failed, was lost or was answered
// wrongly, or if the service did not shut down cleanly.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/twinmath/twinmath/go"
)

func main() {
	serve := flag.String("serve", "", "the twinmath-serve binary (required)")
	requests := flag.Int("requests", 20000, "the number of requests")
	clients := flag.Int("clients", 16, "the number of concurrent clients")
	rows := flag.Int("rows", 1, "rows per request")
	limit := flag.Duration("limit", 2*time.Minute, "the longest the check may run")
	flag.Parse()
	if *serve == "" || *requests < 1 || *clients < 1 || *rows < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := check(*serve, *requests, *clients, *rows, *limit); err != nil {
		fmt.Fprintln(os.Stderr, "twinmath-load:", err)
		os.Exit(1)
	}
}

func check(serve string, requests, clients, rows int, limit time.Duration) error {
	const features = 8
	m, X, err := trainModel(features)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "twinmath-load")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "model.tm")
	var file bytes.Buffer
	if err := twinmath.SaveModel(&file, m); err != nil {
		return err
	}
	if err := os.WriteFile(path, file.Bytes(), 0o600); err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, serve, "-model", path, "-addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	defer cmd.Process.Kill() //nolint:errcheck // after a clean shutdown there is nothing to kill
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if !strings.HasPrefix(line, "listening on ") {
		return fmt.Errorf("the service did not start (%v): %s", err, stderr.String())
	}
	url := strings.TrimSpace(strings.TrimPrefix(line, "listening on ")) + "/predict"
	rssBefore := memory(cmd.Process.Pid)

	// The request bodies and their expected answers, made before the clock starts.
	type job struct {
		body []byte
		want []float64
	}
	jobs := make([]job, 256)
	for k := range jobs {
		batch := twinmath.NewMatrix(rows, features)
		for i := 0; i < rows; i++ {
			copy(batch.Row(i), X.Row((k*rows+i)%X.Rows))
		}
		want := twinmath.NewMatrix(rows, 1)
		if err := m.PredictProbaTo(want, batch); err != nil {
			return err
		}
		body, _ := json.Marshal(map[string]any{"rows": batch.RowsOf()})
		jobs[k] = job{body, want.Data}
	}

	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients},
	}
	var next, answered, failed, wrong, lost atomic.Int64
	latencies := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for k := int(next.Add(1) - 1); k < requests && ctx.Err() == nil; k = int(next.Add(1) - 1) {
				j := jobs[k%len(jobs)]
				t0 := time.Now()
				resp, err := client.Post(url, "application/json", bytes.NewReader(j.body))
				if err != nil {
					lost.Add(1)
					continue
				}
				var out struct{ Probabilities []float64 }
				err = json.NewDecoder(resp.Body).Decode(&out)
				io.Copy(io.Discard, resp.Body) //nolint:errcheck // draining for reuse
				resp.Body.Close()
				latencies[c] = append(latencies[c], time.Since(t0))
				answered.Add(1)
				switch {
				case resp.StatusCode != http.StatusOK || err != nil:
					failed.Add(1)
				case !sameBits(out.Probabilities, j.want):
					wrong.Add(1)
				}
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	rssAfter := memory(cmd.Process.Pid)

	all := slices.Concat(latencies...)
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(math.Ceil(p*float64(len(all))))-1)]
	}
	notSent := int64(requests) - answered.Load() - lost.Load()
	fmt.Printf("twinmath-serve load check: %d requests of %d row(s), %d clients, loopback\n", requests, rows, clients)
	fmt.Printf("  answered %d in %v (%.0f requests/s)\n", answered.Load(), elapsed.Round(time.Millisecond), float64(answered.Load())/elapsed.Seconds())
	fmt.Printf("  errors %d, wrong answers %d, lost %d, not sent (time limit) %d\n", failed.Load(), wrong.Load(), lost.Load(), notSent)
	fmt.Printf("  latency p50 %v, p99 %v, max %v\n", pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond))
	fmt.Printf("  service memory: RSS %s before, %s after, peak %s\n", rssBefore["VmRSS"], rssAfter["VmRSS"], rssAfter["VmHWM"])

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("the service did not shut down cleanly: %v\n%s", err, stderr.String())
	}
	if failed.Load()+wrong.Load()+lost.Load()+notSent > 0 {
		return fmt.Errorf("%d errors, %d wrong answers, %d lost, %d not sent", failed.Load(), wrong.Load(), lost.Load(), notSent)
	}
	return nil
}

// trainModel fits the pipeline of docs/pipeline.md and returns the model
// and the raw rows to send.
func trainModel(features int) (twinmath.Model, twinmath.Matrix, error) {
	X, y, err := twinmath.MakeClassification(2000, features, 1)
	if err != nil {
		return nil, X, err
	}
	xn, mean, std, err := twinmath.Zscore(X)
	if err != nil {
		return nil, X, err
	}
	w, b, _, err := twinmath.LogisticRegression(xn, y, 0.1, 200, 0, 0, 1)
	if err != nil {
		return nil, X, err
	}
	return &twinmath.LogisticModel{W: w, B: b, Mean: mean, Std: std}, X, nil
}

func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// memory returns the Vm* lines of /proc/pid/status ("?" where there are none).
func memory(pid int) map[string]string {
	out := map[string]string{"VmRSS": "?", "VmHWM": "?"}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return out
	}
	for _, l := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.HasPrefix(k, "Vm") {
			out[k] = strings.Join(strings.Fields(v), " ")
		}
	}
	return out
}
