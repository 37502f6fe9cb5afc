package llm

import (
	"context"
	"fmt"
	"strings"

	"quire/runhead"
	"quire/search"
)

// Server answers with a local LLM server: the model reads the top chunks,
// numbered as the citations are, and writes an answer that cites them.
// What the model writes is checked, never trusted:
//
//   - the model is not asked at all when the evidence is too weak for
//     the extractive answerer: the same abstention, with no request;
//   - citation numbers that name no source are removed (Answer.Invalid);
//   - a sentence left without a valid citation is marked UnsupportedMark
//     (Answer.Unsupported);
//   - an answer left with no valid citation is replaced by the
//     extractive one, and Answer.Fallback says why; a model that says
//     the sources lack the answer abstains.
//
// A Server is a small value; the Endpoint it shares holds the connection
// and what it learnt about the server.
type Server struct {
	Endpoint *Endpoint
	// Extractive decides abstention and writes the fallback answer.
	Extractive Extractive
	// MaxTokens bounds the reply (default 1024).
	MaxTokens int
}

// Answer answers without streaming.
func (s Server) Answer(ctx context.Context, question string, res search.Result) (Answer, error) {
	return s.AnswerStream(ctx, question, res, nil)
}

// Streamer is an Answerer that can pass the answer's text on as it is
// written.
type Streamer interface {
	Answerer
	// AnswerStream calls onToken (if not nil) with each piece of the
	// answer's text, on the calling goroutine, before returning the
	// checked answer. The pieces are the model's text with citation
	// numbers already checked; the returned Text may still differ (an
	// extractive fallback), and callers should show it when done.
	AnswerStream(ctx context.Context, question string, res search.Result, onToken func(string)) (Answer, error)
}

var _ Streamer = Server{}

// AnswerStream writes the answer with the model, streaming its text.
func (s Server) AnswerStream(ctx context.Context, question string, res search.Result, onToken func(string)) (Answer, error) {
	ext, err := s.Extractive.Answer(ctx, question, res)
	if err != nil || ext.Abstained {
		return ext, err
	}
	k := len(res.Hits)
	msgs := Prompt(question, res.Hits)
	maxTokens := s.MaxTokens
	if maxTokens <= 0 {
		maxTokens = 1024
	}
	f := &citeFilter{k: k, out: onToken}
	th := &thinkFilter{out: f.write}
	out, err := s.Endpoint.Chat(ctx, ChatRequest{Messages: msgs, Temperature: 0.1, MaxTokens: maxTokens, NumCtx: contextWindow(msgs, maxTokens)}, th.write)
	if err != nil {
		return Answer{}, err
	}
	f.flush()
	out.Text = stripThinking(out.Text)

	ans := Answer{Citations: citations(res.Hits), Confidence: ext.Confidence, Model: s.Endpoint.String()}
	ans.Text, ans.Invalid = checkCitations(out.Text, k)
	cl := claims(ans.Text)
	switch {
	case len(cl) == 0 && saysNotFound(ans.Text):
		ans.Text, ans.Abstained = NotFound, true
		return ans, nil
	case len(cl) == 0:
		ext.Model = ans.Model
		ext.Invalid = ans.Invalid
		ext.Fallback = "the model's answer cited none of the sources"
		if len(ans.Invalid) > 0 {
			ext.Fallback = fmt.Sprintf("the model's answer cited only sources that do not exist (%s)", numbers(ans.Invalid))
		}
		return ext, nil
	}
	ans.Text, ans.Unsupported = markUnsupported(ans.Text)
	s.locate(&ans, res, cl)
	return ans, nil
}

// saysNotFound reports whether the model said the sources lack the
// answer, in the words the prompt asks for.
func saysNotFound(text string) bool {
	t := strings.ToLower(strings.ReplaceAll(text, "’", "'"))
	return strings.Contains(t, "couldn't find this in your documents") || strings.Contains(t, "could not find this in your documents")
}

func numbers(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprintf("[%d]", n)
	}
	return strings.Join(s, ", ")
}

// locate marks the cited sources used and finds, for each claim, the
// sentence of its source that shares the most words with it: that is
// the citation's snippet, and its page the citation's page, as for an
// extractive quote.
func (s Server) locate(ans *Answer, res search.Result, cl []claim) {
	analyze := s.Extractive.Analyze
	if analyze == nil {
		analyze = func(t string) []string { return strings.Fields(strings.ToLower(t)) }
	}
	sentences := map[int][]string{}
	for _, c := range cl {
		cit := &ans.Citations[c.n-1]
		h := res.Hits[c.n-1]
		ss, ok := sentences[c.n]
		if !ok {
			ss = Sentences(runhead.NewSet(h.Doc.Running).Strip(h.Chunk.Text))
			sentences[c.n] = ss
		}
		want := map[string]bool{}
		for _, t := range analyze(c.text) {
			want[t] = true
		}
		best, bestN := "", 0
		for _, sen := range ss {
			n := 0
			seen := map[string]bool{}
			for _, t := range analyze(sen) {
				if want[t] && !seen[t] {
					seen[t] = true
					n++
				}
			}
			if n > bestN {
				best, bestN = sen, n
			}
		}
		if best != "" {
			if !cit.Used {
				cit.Page = pageOf(h.Chunk, best)
			}
			if !strings.Contains(cit.Snippet, best) {
				cit.Snippet = strings.TrimSpace(cit.Snippet + " " + best)
			}
		}
		cit.Used = true
	}
}
