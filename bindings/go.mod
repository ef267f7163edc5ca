module github.com/twinmath/twinmath/bindings

go 1.22

require github.com/twinmath/twinmath/go v0.0.0

replace github.com/twinmath/twinmath/go => ../go
