package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/twinmath/twinmath/go"
)

// options are the limits of the service.
type options struct {
	maxBody int64         // the largest request body, in bytes
	timeout time.Duration // the longest a request may take
}

// predictRequest is the body of POST /predict: raw rows, one value per
// feature, before standardisation (the model applies it).
type predictRequest struct {
	Rows [][]json.Number `json:"rows"`
}

// predictResponse is the answer of POST /predict. For a model with one
// output, Probabilities holds one number per row and a label is 1 where it
// is greater than 0.5 (as Predict); for several outputs, one list per row
// and the label is the index of the largest (the first on ties).
type predictResponse struct {
	Probabilities any   `json:"probabilities"`
	Labels        []int `json:"labels"`
}

type errorResponse struct {
	Error string `json:"error"`
}

// newHandler returns the service's handler for model m.
func newHandler(m twinmath.Model, kind string, opt options, logger *log.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{
			"status": "ok", "kind": kind, "n_features": m.NFeatures(), "n_outputs": m.NOutputs(),
			"format_version": twinmath.ModelFormatVersion,
		})
	})
	mux.HandleFunc("POST /predict", func(w http.ResponseWriter, r *http.Request) {
		predict(w, r, m, opt)
	})
	h := http.TimeoutHandler(mux, opt.timeout, `{"error":"the request took too long"}`)
	return recoverer(h, logger)
}

// recoverer answers 500 instead of letting a panic in h end the connection
// without an answer; the service keeps running.
func recoverer(h http.Handler, logger *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				logger.Printf("panic serving %s %s: %v", r.Method, r.URL.Path, v)
				writeJSON(w, http.StatusInternalServerError, errorResponse{"internal error"})
			}
		}()
		// Every answer is JSON, the timeout's too.
		w.Header().Set("Content-Type", "application/json")
		h.ServeHTTP(w, r)
	})
}

func predict(w http.ResponseWriter, r *http.Request, m twinmath.Model, opt options) {
	X, err := readRows(w, r, m.NFeatures(), opt.maxBody)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errorResponse{err.Error()})
		return
	}
	k := m.NOutputs()
	p := twinmath.NewMatrix(X.Rows, k)
	if err := m.PredictProbaTo(p, X); err != nil {
		// The rows were checked against the model: not the caller's fault.
		writeJSON(w, http.StatusInternalServerError, errorResponse{err.Error()})
		return
	}
	labels := make([]int, X.Rows)
	var probs any
	if k == 1 {
		for i, v := range p.Data {
			if v > 0.5 {
				labels[i] = 1
			}
		}
		probs = p.Data
	} else {
		rows := p.RowsOf()
		for i, row := range rows {
			for j, v := range row {
				if v > row[labels[i]] {
					labels[i] = j
				}
			}
		}
		probs = rows
	}
	writeJSON(w, http.StatusOK, predictResponse{probs, labels})
}

// readRows decodes the body of a prediction request into a matrix of
// nFeatures columns, or returns the error to show the caller.
func readRows(w http.ResponseWriter, r *http.Request, nFeatures int, maxBody int64) (twinmath.Matrix, error) {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	var req predictRequest
	err := dec.Decode(&req)
	if err == nil && dec.More() {
		err = errors.New("data after the JSON object")
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return twinmath.Matrix{}, fmt.Errorf("the request body is larger than %d bytes", maxBody)
	case err != nil:
		return twinmath.Matrix{}, fmt.Errorf(`malformed JSON: %v; want {"rows": [[number, ...], ...]}`, err)
	case len(req.Rows) == 0:
		return twinmath.Matrix{}, errors.New(`no rows: want {"rows": [[number, ...], ...]}`)
	}
	X := twinmath.NewMatrix(len(req.Rows), nFeatures)
	for i, row := range req.Rows {
		if len(row) != nFeatures {
			return twinmath.Matrix{}, fmt.Errorf("row %d has %d values, the model takes %d", i, len(row), nFeatures)
		}
		for j, v := range row {
			x, err := strconv.ParseFloat(v.String(), 64)
			if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
				return twinmath.Matrix{}, fmt.Errorf("row %d, value %d is not a finite number: %s", i, j, v)
			}
			X.Data[i*nFeatures+j] = x
		}
	}
	return X, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) //nolint:errcheck // the client may have gone; nothing to do then
}
