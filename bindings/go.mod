module twinmath/bindings

go 1.22

require twinmath v0.0.0

replace twinmath => ../go
