package twinmath

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// SymbolicDerivative returns the derivative of expression with respect to
// variable, as an expression in the same syntax.
//
// Expressions are written as in Python and sympy: numbers (12, 2.5, 1e-3),
// names, + − * / and ** (right-associative, binding tighter than a unary
// minus on its left: -x**2 is −(x²)), parentheses, and the functions sin,
// cos, tan, exp, log (natural), sqrt and sigmoid. Names other than variable
// are constants, so the result is the partial derivative. sigmoid(u) stands
// for 1/(1 + exp(−u)) and is written out that way in the result, which
// therefore parses in sympy (with the input's names as symbols) and equals
// sympy's derivative.
//
// The rules are the textbook ones — sum, product, quotient, power and chain
// rule — followed by basic simplification: constants fold and the identities
// of 0 and 1 apply (0 + a, a·1, a**1, a**0, …). Constants are exact
// rationals, decimal literals included (2.5 is 5/2, 0.1 is 1/10), as sympy
// reads them with its rationalize transformation; the result writes a
// constant that is not an integer as a fraction (x**2.5 gives 5/2*x**(3/2)).
//
// It returns ErrInvalid, with the position (in characters from 0) where
// parsing failed, for an expression outside that grammar, an unknown
// function, or a variable that is not a name. The messages are those of the
// Python reference, which runs the same grammar check before sympy.
func SymbolicDerivative(expression, variable string) (string, error) {
	e, err := parseExpression(expression)
	if err != nil {
		return "", err
	}
	if !isName(variable) || pythonKeywords[variable] {
		return "", invalidErr(symOp, "variable must be a name, got '%s'", variable)
	}
	if _, ok := functions[variable]; ok {
		return "", invalidErr(symOp, "variable '%s' is the name of a function", variable)
	}
	return diff(e, variable).String(), nil
}

const symOp = "symbolic_derivative"

// functions are the names that may be called; sigmoid is rewritten on
// parsing.
var functions = map[string]bool{
	"sin": true, "cos": true, "tan": true, "exp": true, "log": true, "sqrt": true, "sigmoid": true,
}

// pythonKeywords cannot be names: sympy's parser (Python's) rejects them.
var pythonKeywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

// maxExponent bounds the exponent a number is written with (1e1000).
const maxExponent = 1000

// ---- tokens ------------------------------------------------------------------

type tokenKind int

const (
	tokEnd tokenKind = iota
	tokNumber
	tokName
	tokOp // + - * / ** ( )
)

type token struct {
	kind tokenKind
	text string
	pos  int // in characters (runes), as Python counts
}

func isNameStart(r rune) bool {
	return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func isName(s string) bool {
	for i, r := range s {
		if !isNameStart(r) && (i == 0 || !isDigit(r)) {
			return false
		}
	}
	return s != ""
}

// tokenize splits the whole expression into tokens, so that a bad character
// is reported before any grammar error, as the reference does.
func tokenize(s string) ([]token, error) {
	rs := []rune(s) // positions count characters, as Python's do
	var toks []token
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			i++
		case isDigit(r) || r == '.' && i+1 < len(rs) && isDigit(rs[i+1]):
			j := i
			for j < len(rs) && isDigit(rs[j]) {
				j++
			}
			if j < len(rs) && rs[j] == '.' {
				j++
				for j < len(rs) && isDigit(rs[j]) {
					j++
				}
			}
			if j < len(rs) && (rs[j] == 'e' || rs[j] == 'E') {
				k := j + 1
				if k < len(rs) && (rs[k] == '+' || rs[k] == '-') {
					k++
				}
				if k < len(rs) && isDigit(rs[k]) {
					for k < len(rs) && isDigit(rs[k]) {
						k++
					}
					j = k
				}
			}
			text := string(rs[i:j])
			if k := strings.IndexAny(text, "eE"); k >= 0 {
				// Exact constants: bound the exponent, so that 1e999999999
				// does not ask for a billion digits.
				if e, err := strconv.Atoi(text[k+1:]); err != nil || e > maxExponent || e < -maxExponent {
					return nil, invalidErr(symOp, "number '%s' is out of range at position %d", text, i)
				}
			}
			toks = append(toks, token{tokNumber, text, i})
			i = j
		case isNameStart(r):
			j := i + 1
			for j < len(rs) && (isNameStart(rs[j]) || isDigit(rs[j])) {
				j++
			}
			text := string(rs[i:j])
			if pythonKeywords[text] {
				return nil, invalidErr(symOp, "reserved word '%s' at position %d", text, i)
			}
			toks = append(toks, token{tokName, text, i})
			i = j
		case r == '*' && i+1 < len(rs) && rs[i+1] == '*':
			toks = append(toks, token{tokOp, "**", i})
			i += 2
		case strings.ContainsRune("+-*/()", r):
			toks = append(toks, token{tokOp, string(r), i})
			i++
		default:
			return nil, invalidErr(symOp, "unexpected character %s at position %d", show(r), i)
		}
	}
	return append(toks, token{tokEnd, "", len(rs)}), nil
}

// show quotes a character for a message: 'c' if it is printable ASCII,
// else its code point, U+XXXX, so that no message holds a control character.
func show(r rune) string {
	if '!' <= r && r <= '~' {
		return "'" + string(r) + "'"
	}
	return fmt.Sprintf("U+%04X", r)
}

// ---- parser ------------------------------------------------------------------

// The grammar, Python's for this subset:
//
//	expr  = term {("+" | "-") term}
//	term  = unary {("*" | "/") unary}
//	unary = ("+" | "-") unary | power
//	power = atom ["**" unary]
//	atom  = number | name | function "(" expr ")" | "(" expr ")"
type parser struct {
	toks  []token
	i     int
	depth int // of nested unary calls: every nesting passes through one
}

// maxDepth bounds the nesting of parentheses, signs and exponents, so that
// neither implementation runs out of stack (Python's recursion limit is the
// tighter one); real expressions stay far below it.
const maxDepth = 64

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEnd {
		p.i++
	}
	return t
}

func (p *parser) is(text string) bool {
	t := p.peek()
	return t.kind == tokOp && t.text == text
}

// unexpected reports the token t where it does not belong.
func unexpected(t token) error {
	if t.kind == tokEnd {
		return invalidErr(symOp, "unexpected end of expression at position %d", t.pos)
	}
	return invalidErr(symOp, "unexpected '%s' at position %d", t.text, t.pos)
}

func parseExpression(s string) (*node, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEnd {
		return nil, unexpected(t)
	}
	return e, nil
}

func (p *parser) expr() (*node, error) {
	return p.binary(p.term, [2]string{"+", "-"}, [2]func(a, b *node) *node{add, sub})
}

func (p *parser) term() (*node, error) {
	return p.binary(p.unary, [2]string{"*", "/"}, [2]func(a, b *node) *node{mul, div})
}

// binary parses operand (op operand)*, left-associative, for the two
// operators ops, joining each pair with the builder of its operator.
func (p *parser) binary(operand func() (*node, error), ops [2]string, build [2]func(a, b *node) *node) (*node, error) {
	a, err := operand()
	for err == nil && (p.is(ops[0]) || p.is(ops[1])) {
		join := build[0]
		if p.next().text == ops[1] {
			join = build[1]
		}
		var b *node
		if b, err = operand(); err == nil {
			a = join(a, b)
		}
	}
	return a, err
}

func (p *parser) unary() (*node, error) {
	if p.depth++; p.depth > maxDepth {
		return nil, invalidErr(symOp, "expression nested deeper than %d levels at position %d", maxDepth, p.peek().pos)
	}
	defer func() { p.depth-- }()
	if p.is("+") || p.is("-") {
		op := p.next().text
		a, err := p.unary()
		if err != nil || op == "+" {
			return a, err
		}
		return neg(a), nil
	}
	return p.power()
}

func (p *parser) power() (*node, error) {
	a, err := p.atom()
	if err != nil || !p.is("**") {
		return a, err
	}
	p.next()
	b, err := p.unary()
	if err != nil {
		return nil, err
	}
	return pow(a, b), nil
}

func (p *parser) atom() (*node, error) {
	t := p.next()
	switch {
	case t.kind == tokNumber:
		return number(t.text), nil
	case t.kind == tokName && functions[t.text]:
		if !p.is("(") {
			return nil, invalidErr(symOp, "expected '(' after '%s' at position %d", t.text, p.peek().pos)
		}
		p.next()
		arg, err := p.closed()
		if err != nil {
			return nil, err
		}
		if t.text == "sigmoid" {
			return sigmoidOf(arg), nil
		}
		return call(t.text, arg), nil
	case t.kind == tokName:
		if p.is("(") {
			return nil, invalidErr(symOp, "unknown function '%s' at position %d", t.text, t.pos)
		}
		return &node{kind: nName, name: t.text}, nil
	case t.kind == tokOp && t.text == "(":
		return p.closed()
	}
	return nil, unexpected(t)
}

// closed parses an expression and the ")" that closes it.
func (p *parser) closed() (*node, error) {
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	if !p.is(")") {
		return nil, invalidErr(symOp, "expected ')' at position %d", p.peek().pos)
	}
	p.next()
	return e, nil
}

// ---- expressions ---------------------------------------------------------------

type nodeKind int

// The kinds in order of binding, loosest first; see prec.
const (
	nAdd nodeKind = iota
	nSub
	nMul
	nDiv
	nNeg
	nPow
	nNum // an exact rational constant
	nName
	nCall
)

type node struct {
	kind nodeKind
	rat  *big.Rat // nNum
	name string   // nName, nCall (the function)
	a, b *node
}

// number returns the exact value of a numeric literal: 2.5 is 5/2.
func number(text string) *node {
	r, _ := new(big.Rat).SetString(text) // the tokenizer let through only numbers
	return &node{kind: nNum, rat: r}
}

func ratNode(r *big.Rat) *node { return &node{kind: nNum, rat: r} }
func intNode(i int64) *node    { return ratNode(big.NewRat(i, 1)) }

func isConst(e *node) bool { return e.kind == nNum }

// value returns a constant as a float64.
func (e *node) value() float64 {
	v, _ := e.rat.Float64()
	return v
}

func isValue(e *node, v int64) bool {
	return e.kind == nNum && e.rat.IsInt() && e.rat.Num().IsInt64() && e.rat.Num().Int64() == v
}

// negative reports a constant below zero.
func negative(e *node) bool { return e.kind == nNum && e.rat.Sign() < 0 }

// fold applies an exact arithmetic operation to two constants; it returns
// nil when a or b is not a constant.
func fold(a, b *node, op func(z, x, y *big.Rat) *big.Rat) *node {
	if !isConst(a) || !isConst(b) {
		return nil
	}
	return ratNode(op(new(big.Rat), a.rat, b.rat))
}

// The constructors simplify as they build: constants fold and the
// identities of 0 and 1 apply.

func add(a, b *node) *node {
	if c := fold(a, b, (*big.Rat).Add); c != nil {
		return c
	}
	switch {
	case isValue(a, 0):
		return b
	case isValue(b, 0):
		return a
	case b.kind == nNeg:
		return sub(a, b.a)
	case negative(b):
		return sub(a, neg(b))
	case a.kind == nNeg: // −a + b = b − a
		return sub(b, a.a)
	}
	return &node{kind: nAdd, a: a, b: b}
}

func sub(a, b *node) *node {
	if c := fold(a, b, (*big.Rat).Sub); c != nil {
		return c
	}
	switch {
	case isValue(b, 0):
		return a
	case isValue(a, 0):
		return neg(b)
	case same(a, b):
		return intNode(0)
	case b.kind == nNeg:
		return add(a, b.a)
	case negative(b):
		return add(a, neg(b))
	}
	return &node{kind: nSub, a: a, b: b}
}

func mul(a, b *node) *node {
	if c := fold(a, b, (*big.Rat).Mul); c != nil {
		return c
	}
	switch {
	case isValue(a, 0) || isValue(b, 0):
		return intNode(0)
	case isValue(a, 1):
		return b
	case isValue(b, 1):
		return a
	case isValue(a, -1):
		return neg(b)
	case isValue(b, -1):
		return neg(a)
	case a.kind == nNeg:
		return neg(mul(a.a, b))
	case b.kind == nNeg:
		return neg(mul(a, b.a))
	case isConst(b):
		return mul(b, a) // constants first: 2*x, not x*2
	case b.kind == nMul && isConst(b.a) && isConst(a): // c·(d·b) = (cd)·b
		return mul(mul(a, b.a), b.b)
	case a.kind == nMul && isConst(a.a): // constants gather in front, where they fold:
		return mul(a.a, mul(a.b, b)) // (c·a)·b = c·(a·b)
	case b.kind == nMul && isConst(b.a): // a·(c·b) = c·(a·b)
		return mul(b.a, mul(a, b.b))
	case a.kind == nDiv && same(a.b, b): // (p/q)·q = p
		return a.a
	case b.kind == nDiv && same(b.b, a):
		return b.a
	}
	return &node{kind: nMul, a: a, b: b}
}

func div(a, b *node) *node {
	if isValue(b, 0) {
		return &node{kind: nDiv, a: a, b: b} // sympy's zoo; nothing to simplify
	}
	if c := fold(a, b, (*big.Rat).Quo); c != nil {
		return c
	}
	switch {
	case isValue(b, 1):
		return a
	case isValue(a, 0):
		return intNode(0)
	case same(a, b):
		return intNode(1)
	case a.kind == nNeg:
		return neg(div(a.a, b))
	case b.kind == nNeg:
		return neg(div(a, b.a))
	}
	return &node{kind: nDiv, a: a, b: b}
}

func neg(a *node) *node {
	switch {
	case a.kind == nNum:
		return ratNode(new(big.Rat).Neg(a.rat))
	case a.kind == nNeg:
		return a.a
	case a.kind == nMul && isConst(a.a):
		return mul(neg(a.a), a.b)
	case a.kind == nDiv && isConst(a.a):
		return div(neg(a.a), a.b)
	}
	return &node{kind: nNeg, a: a}
}

func pow(a, b *node) *node {
	switch {
	case isValue(b, 0):
		return intNode(1)
	case isValue(b, 1):
		return a
	case isValue(a, 1):
		return intNode(1)
	case a.kind == nNum && b.kind == nNum && b.rat.IsInt():
		// Exact powers of rationals, for small exponents.
		if e := b.rat.Num(); e.IsInt64() && abs64(e.Int64()) <= 64 && (a.rat.Sign() != 0 || e.Sign() > 0) {
			k := e.Int64()
			num := new(big.Int).Exp(a.rat.Num(), big.NewInt(abs64(k)), nil)
			den := new(big.Int).Exp(a.rat.Denom(), big.NewInt(abs64(k)), nil)
			if k < 0 {
				num, den = den, num
			}
			return ratNode(new(big.Rat).SetFrac(num, den))
		}
	}
	return &node{kind: nPow, a: a, b: b}
}

func abs64(k int64) int64 {
	if k < 0 {
		return -k
	}
	return k
}

func call(fn string, arg *node) *node { return &node{kind: nCall, name: fn, a: arg} }

// sigmoidOf returns σ(u) = 1/(1 + exp(−u)).
func sigmoidOf(u *node) *node {
	return div(intNode(1), add(intNode(1), call("exp", neg(u))))
}

// same reports whether a and b are the same expression, written the same way.
func same(a, b *node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.kind != b.kind || a.name != b.name {
		return false
	}
	switch a.kind {
	case nNum:
		return a.rat.Cmp(b.rat) == 0
	}
	return same(a.a, b.a) && same(a.b, b.b)
}

// depends reports whether e contains the name v.
func depends(e *node, v string) bool {
	if e == nil {
		return false
	}
	if e.kind == nName {
		return e.name == v
	}
	return depends(e.a, v) || depends(e.b, v)
}

// diff returns de/dv.
func diff(e *node, v string) *node {
	if !depends(e, v) {
		return intNode(0)
	}
	switch e.kind {
	case nName:
		return intNode(1)
	case nAdd:
		return add(diff(e.a, v), diff(e.b, v))
	case nSub:
		return sub(diff(e.a, v), diff(e.b, v))
	case nNeg:
		return neg(diff(e.a, v))
	case nMul:
		return add(mul(diff(e.a, v), e.b), mul(e.a, diff(e.b, v)))
	case nDiv:
		if !depends(e.b, v) {
			return div(diff(e.a, v), e.b)
		}
		num := sub(mul(diff(e.a, v), e.b), mul(e.a, diff(e.b, v)))
		return div(num, pow(e.b, intNode(2)))
	case nPow:
		a, b := e.a, e.b
		switch {
		case isConst(b): // (aᵇ)' = b·aᵇ⁻¹·a', the exponent folding: (x³)' = 3·x²
			return mul(mul(b, pow(a, sub(b, intNode(1)))), diff(a, v))
		case !depends(b, v): // (aᵇ)' = aᵇ·b·a'/a: for a symbolic b, the form sympy keeps
			return mul(e, mul(b, div(diff(a, v), a)))
		case !depends(a, v): // (aᵇ)' = aᵇ·log(a)·b'
			return mul(mul(e, call("log", a)), diff(b, v))
		}
		// (aᵇ)' = aᵇ·(b'·log(a) + b·a'/a)
		return mul(e, add(mul(diff(b, v), call("log", a)), div(mul(b, diff(a, v)), a)))
	case nCall:
		u, du := e.a, diff(e.a, v)
		switch e.name {
		case "sin":
			return mul(du, call("cos", u))
		case "cos":
			return neg(mul(du, call("sin", u)))
		case "tan": // 1/cos², written as sympy does
			return mul(du, add(pow(e, intNode(2)), intNode(1)))
		case "exp":
			return mul(du, e)
		case "log":
			return div(du, u)
		case "sqrt":
			return div(du, mul(intNode(2), e))
		}
	}
	panic("twinmath: symbolic derivative of an unknown node") // unreachable: the parser builds only these
}

// ---- printing ------------------------------------------------------------------

// prec returns how tightly e binds when printed: 1 for + and −, 2 for * and
// /, 3 for a unary minus, 4 for **, 5 for atoms. A negative integer prints
// with its sign (3), a fraction as a division (2).
func (e *node) prec() int {
	switch e.kind {
	case nAdd, nSub:
		return 1
	case nMul, nDiv:
		return 2
	case nNeg:
		return 3
	case nPow:
		return 4
	case nNum:
		if !e.rat.IsInt() {
			return 2
		}
		if e.rat.Sign() < 0 {
			return 3
		}
	}
	return 5
}

// String returns e in Python syntax with the parentheses it needs.
func (e *node) String() string {
	var b strings.Builder
	e.write(&b, 0)
	return b.String()
}

func (e *node) write(b *strings.Builder, min int) {
	if e.prec() < min {
		b.WriteByte('(')
		defer b.WriteByte(')')
	}
	// Binary operators are left-associative, except ** which is right-
	// associative: the operand on the other side needs one level more.
	binary := func(op string, left, right int) {
		e.a.write(b, left)
		b.WriteString(op)
		e.b.write(b, right)
	}
	switch e.kind {
	case nAdd: // + and * are associative: a + (b + c) needs no parentheses
		binary(" + ", 1, 2-btoi(e.b.kind == nAdd))
	case nSub:
		binary(" - ", 1, 2)
	case nMul:
		binary("*", 2, 3-btoi(e.b.kind == nMul))
	case nDiv:
		binary("/", 2, 3)
	case nPow:
		binary("**", 5, 4)
	case nNeg:
		b.WriteByte('-')
		e.a.write(b, 3)
	case nNum:
		b.WriteString(e.rat.RatString())
	case nName:
		b.WriteString(e.name)
	case nCall:
		b.WriteString(e.name)
		b.WriteByte('(')
		e.a.write(b, 0)
		b.WriteByte(')')
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
