module github.com/twinmath/twinmath/go/interop/gonum

go 1.24.0

require github.com/twinmath/twinmath/go v0.0.0

require gonum.org/v1/gonum v0.17.0

// The package is not published yet: build against the copy beside this module.
replace github.com/twinmath/twinmath/go => ../..
