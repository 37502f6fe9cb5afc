package cli

import (
	"io"
	"unicode/utf8"
)

// termWriter passes text on to a terminal without its control sequences.
// File names, the text of documents and what an LLM server writes reach
// the command line's output; an escape sequence among them could recolour
// the text, set the window title, move the cursor or erase a line. It
// drops ESC sequences (CSI "ESC [ … final", OSC/DCS strings up to BEL or
// ESC \, two-byte escapes), the 8-bit C1 controls and the other control
// characters, keeping line feeds and tabs; bytes that are not UTF-8 become
// U+FFFD. A sequence cut between two writes (streamed tokens) is dropped
// all the same. Write reports every byte of p as written.
type termWriter struct {
	w       io.Writer
	state   termState
	pending []byte // the start of a character cut by the end of a write
	strLen  int    // bytes swallowed inside a control string
}

type termState int

const (
	ground    termState = iota
	escape              // after ESC
	escInter            // ESC and intermediate bytes, until a final byte
	csi                 // control sequence: parameters until a final byte
	ctlString           // OSC, DCS, SOS, PM, APC: until BEL or ST
	strEscape           // ESC inside a control string: ST if '\' follows
)

// maxCtlString bounds a control string: a longer one, or one cut by a
// line feed, ends there, and what follows is shown (its ESC is gone).
const maxCtlString = 4096

// newTermWriter wraps w; raw(returned) is w.
func newTermWriter(w io.Writer) *termWriter { return &termWriter{w: w} }

// raw is the writer under out, for the command's own control characters
// (a progress line redrawn with '\r').
func raw(out io.Writer) io.Writer {
	if t, ok := out.(*termWriter); ok {
		return t.w
	}
	return out
}

func (t *termWriter) Write(p []byte) (int, error) {
	buf := p
	if len(t.pending) > 0 {
		buf = append(t.pending, p...)
		t.pending = nil
	}
	out := make([]byte, 0, len(buf))
	for len(buf) > 0 {
		r, size := utf8.DecodeRune(buf)
		if r == utf8.RuneError && size <= 1 && !utf8.FullRune(buf) {
			t.pending = append([]byte(nil), buf...)
			break
		}
		if t.keep(r) {
			if r == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, buf[:size]...)
			}
		}
		buf = buf[size:]
	}
	if len(out) > 0 {
		if _, err := t.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// keep advances the state over r and reports whether r is shown.
func (t *termWriter) keep(r rune) bool {
	switch t.state {
	case escape:
		switch {
		case r == '[':
			t.state = csi
		case r == ']' || r == 'P' || r == 'X' || r == '^' || r == '_':
			t.state, t.strLen = ctlString, 0
		case r >= 0x20 && r <= 0x2f:
			t.state = escInter
		case r == 0x1b:
		default:
			t.state = ground
		}
		return false
	case escInter, csi:
		switch {
		case r >= 0x40 && r <= 0x7e && (t.state == csi || r >= 0x30):
			t.state = ground
		case r >= 0x30 && r <= 0x3f && t.state == escInter:
			t.state = ground
		case r >= 0x20 && r <= 0x3f:
		default: // not part of a sequence: the sequence is broken off
			t.state = ground
			return t.keep(r)
		}
		return false
	case ctlString, strEscape:
		t.strLen++
		switch {
		case t.state == strEscape && r == '\\', r == 0x07, r == 0x9c:
			t.state = ground
		case r == 0x1b:
			t.state = strEscape
		case r == '\n' || t.strLen > maxCtlString:
			t.state = ground
			return t.keep(r)
		default:
			t.state = ctlString
		}
		return false
	}
	switch {
	case r == 0x1b:
		t.state = escape
	case r == 0x9b:
		t.state = csi
	case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f:
		t.state, t.strLen = ctlString, 0
	case r == '\n' || r == '\t':
		return true
	case r < 0x20 || r >= 0x7f && r <= 0x9f:
	default:
		return true
	}
	return false
}
