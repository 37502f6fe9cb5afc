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

// thinkFilter passes streamed text on without the reasoning.
type thinkFilter struct {
	reply strings.Builder
	sent  int
	out   func(string)
}

func (f *thinkFilter) write(s string) {
	f.reply.WriteString(s)
	if v := visible(f.reply.String()); len(v) > f.sent {
		f.out(v[f.sent:])
		f.sent = len(v)
	}
}
