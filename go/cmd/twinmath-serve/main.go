// Command twinmath-serve answers predictions of a model trained in Python and
// saved with save_model (or with twinmath.SaveModel).
//
// Usage:
//
//	twinmath-serve -model model.tm [-addr 127.0.0.1:8080] [-max-body 1048576] [-timeout 10s]
//
// It loads the model file and refuses to start if the file is not a valid
// model file. It answers
//
//	GET  /healthz   {"status": "ok", "kind": ..., "n_features": d, "n_outputs": k, "format_version": 1}
//	POST /predict   {"rows": [[x11, ..., x1d], ...]}  →  {"probabilities": [...], "labels": [...]}
//
// The rows are raw: the service standardises them with the mean and std
// stored in the model. A malformed body, a row of the wrong width, a value
// that is not a finite number or a body larger than -max-body gets 400 with
// {"error": "..."}; a request that takes longer than -timeout gets 503. On
// SIGTERM or SIGINT it stops accepting connections, finishes the requests
// in flight and exits. Once listening it prints "listening on http://ADDR"
// on standard output.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/twinmath/twinmath/go"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command: it returns the exit status, 0 after a graceful
// shutdown when ctx is done, 1 if the model or the address is bad, 2 for bad
// flags.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("twinmath-serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	modelPath := fs.String("model", "", "the model file to serve (required)")
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on (port 0: any free port)")
	maxBody := fs.Int64("max-body", 1<<20, "the largest request body, in bytes")
	timeout := fs.Duration("timeout", 10*time.Second, "the longest a request may take")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *modelPath == "" || fs.NArg() > 0 || *maxBody <= 0 || *timeout <= 0 {
		fmt.Fprintln(stderr, "twinmath-serve: -model is required; -max-body and -timeout must be positive")
		fs.Usage()
		return 2
	}
	logger := log.New(stderr, "twinmath-serve: ", log.LstdFlags)
	m, err := loadModel(*modelPath)
	if err != nil {
		fmt.Fprintf(stderr, "twinmath-serve: cannot serve %s: %v\n", *modelPath, err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "twinmath-serve: %v\n", err)
		return 1
	}
	kind := "logistic_regression"
	if _, ok := m.(*twinmath.MLPModel); ok {
		kind = "mlp"
	}
	srv := &http.Server{
		Handler:           newHandler(m, kind, options{maxBody: *maxBody, timeout: *timeout}, logger),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       *timeout,
		WriteTimeout:      *timeout + 5*time.Second,
		IdleTimeout:       60 * time.Second,
		ErrorLog:          logger,
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())
	logger.Printf("serving %s (%s, %d features) on %s", *modelPath, kind, m.NFeatures(), ln.Addr())
	select {
	case err := <-done:
		logger.Printf("server stopped: %v", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), *timeout+5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		logger.Printf("shutdown: %v", err)
		return 1
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		logger.Printf("server stopped: %v", err)
		return 1
	}
	logger.Printf("stopped")
	return 0
}

func loadModel(path string) (twinmath.Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return twinmath.LoadModel(f)
}
