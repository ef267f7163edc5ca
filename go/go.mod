module github.com/twinmath/twinmath/go

go 1.22
