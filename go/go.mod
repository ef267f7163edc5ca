module twinmath

go 1.22
