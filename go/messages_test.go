package twinmath

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The operation named at the head of every error message is the one name
// the C library, Python and the documentation share (docs/conventions.md,
// "Errors"): tm_<op> exists in the C header, or <Class>.<method> is
// tm_<class>_<method>, or <Class> (a constructor) is tm_<class>_new. A
// function that exists in Go alone names itself by its Go name.
func TestMessagesNameSharedOperations(t *testing.T) {
	header, err := os.ReadFile(filepath.Join("..", "bindings", "libtwinmath.h"))
	if errors.Is(err, fs.ErrNotExist) {
		// The module tested on its own, outside the repository: the in-tree
		// run (make test) checks the names.
		t.Skip("the C header that names the shared operations is not beside the module")
	}
	if err != nil {
		t.Fatalf("the C header is needed to know the shared names: %v", err)
	}
	exported := map[string]bool{}
	for _, m := range regexp.MustCompile(`\btm_([a-z0-9_]+)\(`).FindAllStringSubmatch(string(header), -1) {
		exported[m[1]] = true
	}
	goOnly := map[string]bool{"MatrixOf": true, "NewStack": true, "StackOf": true}
	files, _ := filepath.Glob("*.go")
	ops := regexp.MustCompile(`(?:const op = |opError\(|shapeErr\(|invalidErr\(|missingFunc\(|checkDraws\(|callbackErr\(|checkLearningRate\(|checkDecay\()"([^"]*)"`)
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ops.FindAllStringSubmatch(string(src), -1) {
			op := m[1]
			seen++
			class, method, isMethod := strings.Cut(op, ".")
			var c string
			switch {
			case goOnly[op]:
				continue
			case isMethod:
				c = strings.ToLower(class) + "_" + method
			case op != "" && op[0] >= 'A' && op[0] <= 'Z':
				c = strings.ToLower(op) + "_new"
			default:
				c = op
			}
			if !exported[c] {
				t.Errorf("%s: messages of %q name no shared operation (no tm_%s in the C header)", f, op, c)
			}
		}
	}
	if seen < 50 {
		t.Fatalf("found only %d operation names: the pattern has gone stale", seen)
	}
}
