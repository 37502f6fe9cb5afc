package llm

import "strings"

// Reasoning models (DeepSeek-R1, Qwen3 and the like) write their working
// between <think> and </think> before the answer. It is not the answer,
// and its claims carry no citations: the user sees neither.

const (
	thinkOpen  = "<think>"
	thinkClose = "</think>"
)

// stripThinking removes the reasoning from a whole reply; a reasoning
// block cut off by the end of the reply takes the rest with it.
func stripThinking(s string) string { return visible(s) }

// visible is what of a reply so far may be shown: closed reasoning blocks
// are dropped, and so is everything from an open one or from a trailing
// prefix of "<think>" that the next token may complete. What it returns
// only grows as the reply does, so it can be streamed by difference.
func visible(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, thinkOpen)
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i:], thinkClose)
		if j < 0 {
			return strings.TrimLeft(b.String(), " \t\r\n")
		}
		s = s[i+j+len(thinkClose):]
	}
	for n := min(len(thinkOpen)-1, len(s)); n > 0; n-- {
		if strings.HasSuffix(s, thinkOpen[:n]) {
			s = s[:len(s)-n]
			break
		}
	}
	b.WriteString(s)
	return strings.TrimLeft(b.String(), " \t\r\n")
}

// thinkFilter passes streamed text on without the reasoning, as visible
// would show the reply so far, in time linear in the reply (calling
// visible on the whole reply at each token took minutes on a long one).
type thinkFilter struct {
	out      func(string)
	thinking bool   // inside a reasoning block
	pending  string // a possible start of the next tag, held back
	started  bool   // something other than blanks was passed on
}

func (f *thinkFilter) write(s string) {
	buf := f.pending + s
	f.pending = ""
	for buf != "" {
		tag := thinkOpen
		if f.thinking {
			tag = thinkClose
		}
		if i := strings.Index(buf, tag); i >= 0 {
			if !f.thinking {
				f.pass(buf[:i])
			}
			buf, f.thinking = buf[i+len(tag):], !f.thinking
			continue
		}
		keep := partialTag(buf, tag)
		if !f.thinking {
			f.pass(buf[:len(buf)-keep])
		}
		f.pending = buf[len(buf)-keep:]
		return
	}
}

// pass passes visible text on, without the blanks that start the reply.
func (f *thinkFilter) pass(s string) {
	if !f.started {
		s = strings.TrimLeft(s, " \t\r\n")
		f.started = s != ""
	}
	if s != "" {
		f.out(s)
	}
}

// partialTag is the length of the longest end of s that begins tag.
func partialTag(s, tag string) int {
	for n := min(len(tag)-1, len(s)); n > 0; n-- {
		if strings.HasSuffix(s, tag[:n]) {
			return n
		}
	}
	return 0
}
