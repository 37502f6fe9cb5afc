package pdf

// A small, forgiving tokenizer for PDF content streams and CMaps.
//
// The ledongthuc/pdf interpreter panics on the first malformed token and
// chokes on inline images; text extraction wants the opposite: skip what it
// cannot read and keep going. The lexer never recurses more than
// maxOperandDepth levels and never allocates more than the input it is given.

import (
	"strconv"
)

// opKind tells the kinds of operands apart.
type opKind uint8

const (
	kNull opKind = iota
	kNum
	kStr  // literal or hex string, raw bytes
	kName // without the slash
	kArr
	kDict // content is skipped; only its presence matters
	kBool
)

// operand is one value pushed before an operator.
type operand struct {
	kind opKind
	num  float64
	str  string
	arr  []operand
}

const (
	maxOperandDepth = 32
	maxOperands     = 4096
)

// lexer walks a byte slice.
type lexer struct {
	b   []byte
	pos int
}

func isWhite(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isWhite(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// next reads the next operand or operator. op is set for operators (bare
// keywords). ok is false at the end of the input.
func (l *lexer) next(depth int) (v operand, op string, ok bool) {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return operand{}, "", false
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelimiter(l.b[l.pos]) {
			l.pos++
		}
		return operand{kind: kName, str: decodeName(l.b[start:l.pos])}, "", true
	case c == '(':
		l.pos++
		return operand{kind: kStr, str: l.literalString()}, "", true
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			l.skipDict(depth)
			return operand{kind: kDict}, "", true
		}
		l.pos++
		return operand{kind: kStr, str: l.hexString()}, "", true
	case c == '[':
		l.pos++
		var arr []operand
		for {
			l.skipSpace()
			if l.pos >= len(l.b) {
				break
			}
			if l.b[l.pos] == ']' {
				l.pos++
				break
			}
			if depth >= maxOperandDepth {
				// Too deep to be content: skip one byte at a time until
				// the brackets balance or the input ends.
				l.pos++
				continue
			}
			v, op, ok := l.next(depth + 1)
			if !ok {
				break
			}
			if op != "" {
				// Operators inside arrays are malformed; drop them.
				continue
			}
			if len(arr) < maxOperands {
				arr = append(arr, v)
			}
		}
		return operand{kind: kArr, arr: arr}, "", true
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		// Stray delimiter: skip it.
		l.pos++
		return l.next(depth)
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		start := l.pos
		l.pos++
		for l.pos < len(l.b) {
			d := l.b[l.pos]
			if (d >= '0' && d <= '9') || d == '.' || d == '-' || d == '+' {
				l.pos++
				continue
			}
			break
		}
		return operand{kind: kNum, num: parseNumber(l.b[start:l.pos])}, "", true
	default:
		start := l.pos
		for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelimiter(l.b[l.pos]) {
			l.pos++
		}
		if l.pos == start { // cannot happen, but never loop forever
			l.pos++
			return l.next(depth)
		}
		kw := string(l.b[start:l.pos])
		switch kw {
		case "true":
			return operand{kind: kBool, num: 1}, "", true
		case "false":
			return operand{kind: kBool}, "", true
		case "null":
			return operand{kind: kNull}, "", true
		}
		return operand{}, kw, true
	}
}

// parseNumber reads a PDF number leniently ("--5", "1.2.3" and "." give
// their best reading or 0).
func parseNumber(b []byte) float64 {
	if f, err := strconv.ParseFloat(string(b), 64); err == nil {
		return f
	}
	// Keep the longest valid prefix after collapsing repeated signs.
	i := 0
	for i < len(b) && (b[i] == '-' || b[i] == '+') {
		i++
	}
	neg := i > 0 && b[i-1] == '-'
	j := i
	dot := false
	for j < len(b) && ((b[j] >= '0' && b[j] <= '9') || (b[j] == '.' && !dot)) {
		if b[j] == '.' {
			dot = true
		}
		j++
	}
	f, err := strconv.ParseFloat(string(b[i:j]), 64)
	if err != nil {
		return 0
	}
	if neg {
		f = -f
	}
	return f
}

func decodeName(b []byte) string {
	for i := 0; i < len(b); i++ {
		if b[i] == '#' {
			goto slow
		}
	}
	return string(b)
slow:
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			h, l := unhexByte(b[i+1]), unhexByte(b[i+2])
			if h >= 0 && l >= 0 {
				out = append(out, byte(h<<4|l))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

func unhexByte(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// literalString reads after the opening parenthesis.
func (l *lexer) literalString() string {
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return string(out)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// hexString reads after the opening angle bracket.
func (l *lexer) hexString() string {
	var out []byte
	hi := -1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v := unhexByte(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return string(out)
}

// skipDict skips to the matching ">>", honouring nested strings and dicts.
func (l *lexer) skipDict(depth int) {
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return
		}
		c := l.b[l.pos]
		switch {
		case c == '>' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '>':
			l.pos += 2
			return
		case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
			l.pos += 2
			if depth < maxOperandDepth {
				l.skipDict(depth + 1)
			}
		case c == '(':
			l.pos++
			l.literalString()
		case c == '<':
			l.pos++
			l.hexString()
		default:
			l.pos++
		}
	}
}

// skipInlineImage is called after the "ID" operator and skips the image
// data up to and including "EI" that stands alone between white space.
func (l *lexer) skipInlineImage() {
	if l.pos < len(l.b) && isWhite(l.b[l.pos]) {
		l.pos++
	}
	for i := l.pos; i+1 < len(l.b); i++ {
		if l.b[i] == 'E' && l.b[i+1] == 'I' &&
			(i == 0 || isWhite(l.b[i-1])) &&
			(i+2 >= len(l.b) || isWhite(l.b[i+2]) || isDelimiter(l.b[i+2])) {
			l.pos = i + 2
			return
		}
	}
	l.pos = len(l.b)
}
