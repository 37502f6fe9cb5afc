// Package llmtest runs fake local LLM servers for tests: Ollama's native
// API or the OpenAI-compatible one, streaming replies with the framing
// the real servers use (Ollama's NDJSON, SSE "data:" events ending in
// [DONE]), cut into writes anywhere — mid-event, mid-character — and with
// errors, stalls and broken connections on demand. Every request is
// recorded.
package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Protocols.
const (
	Ollama = "ollama" // /api/tags, /api/chat (and nothing else)
	OpenAI = "openai" // /v1/models, /v1/chat/completions (and nothing else)
)

// Script is what the fake model says to one chat request.
type Script struct {
	Tokens []string      // the reply's pieces, each one event
	Delay  time.Duration // before each token
	// Chunk, when > 0, writes each event in pieces of Chunk bytes, each
	// flushed on its own, so the client reads lines (and characters) cut
	// anywhere.
	Chunk int
	// Fail sends the protocol's error event after FailAfter tokens.
	Fail      bool
	FailAfter int
	FailMsg   string
	// Cut closes the connection after CutAfter tokens, without the end
	// of the stream.
	Cut      bool
	CutAfter int
	// Hold, when not nil, stops after HoldAfter tokens until it is
	// closed or the client goes away.
	Hold      <-chan struct{}
	HoldAfter int
	// Status, when not 0, refuses the request with it and Body.
	Status int
	Body   string
}

// Call is one request the server received.
type Call struct {
	Method, Path  string
	Authorization string
	Model         string
	Messages      []struct{ Role, Content string }
	Stream        bool
	Options       map[string]any
	MaxTokens     int
}

// Server is a fake LLM server.
type Server struct {
	*httptest.Server
	API    string   // Ollama or OpenAI
	Models []string // the models it has; a chat naming another is refused as the real server does

	mu    sync.Mutex
	reply func(Call) Script
	calls []Call
	gone  int // chat requests whose client went away mid-reply
	cuts  int // writes that ended inside a UTF-8 character
}

// New starts a fake server speaking api, with models, that answers every
// chat with reply(call). Close it when done.
func New(api string, models []string, reply func(Call) Script) *Server {
	s := &Server{API: api, Models: models, reply: reply}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// SetReply replaces what the server answers.
func (s *Server) SetReply(reply func(Call) Script) {
	s.mu.Lock()
	s.reply = reply
	s.mu.Unlock()
}

// Calls returns the requests so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// ChatCalls counts the chat requests so far.
func (s *Server) ChatCalls() int {
	n := 0
	for _, c := range s.Calls() {
		if strings.HasSuffix(c.Path, "/chat") || strings.HasSuffix(c.Path, "/completions") {
			n++
		}
	}
	return n
}

// Gone counts chat replies the client abandoned midway.
func (s *Server) Gone() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gone
}

// MidRuneCuts counts writes that ended inside a UTF-8 character.
func (s *Server) MidRuneCuts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cuts
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	c := Call{Method: r.Method, Path: r.URL.Path, Authorization: r.Header.Get("Authorization")}
	if r.Method == http.MethodPost {
		var body struct {
			Model     string                           `json:"model"`
			Messages  []struct{ Role, Content string } `json:"messages"`
			Stream    bool                             `json:"stream"`
			Options   map[string]any                   `json:"options"`
			MaxTokens int                              `json:"max_tokens"`
		}
		raw, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(raw, &body); err != nil {
			http.Error(w, `{"error":"invalid JSON"}`, http.StatusBadRequest)
			return
		}
		c.Model, c.Messages, c.Stream, c.Options, c.MaxTokens = body.Model, body.Messages, body.Stream, body.Options, body.MaxTokens
	}
	s.mu.Lock()
	s.calls = append(s.calls, c)
	reply := s.reply
	s.mu.Unlock()

	switch {
	case s.API == Ollama && r.Method == http.MethodGet && r.URL.Path == "/api/tags":
		var ms []map[string]any
		for _, m := range s.Models {
			ms = append(ms, map[string]any{"name": m, "model": m, "modified_at": "2026-01-12T10:04:11.123456789+01:00",
				"size": 1929912432, "digest": "a1b2c3", "details": map[string]any{"format": "gguf", "family": "qwen2", "parameter_size": "3.1B", "quantization_level": "Q4_K_M"}})
		}
		writeJSON(w, http.StatusOK, map[string]any{"models": ms})
	case s.API == OpenAI && r.Method == http.MethodGet && r.URL.Path == "/v1/models":
		var ms []map[string]any
		for _, m := range s.Models {
			ms = append(ms, map[string]any{"id": m, "object": "model", "created": 1736672651, "owned_by": "library"})
		}
		writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": ms})
	case s.API == Ollama && r.Method == http.MethodPost && r.URL.Path == "/api/chat",
		s.API == OpenAI && r.Method == http.MethodPost && r.URL.Path == "/v1/chat/completions":
		s.chat(w, r, c, reply)
	default:
		http.NotFound(w, r) // "404 page not found", as Go servers (Ollama among them) say
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) hasModel(m string) bool {
	for _, n := range s.Models {
		if n == m || n == m+":latest" {
			return true
		}
	}
	return false
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request, c Call, reply func(Call) Script) {
	if !s.hasModel(c.Model) {
		msg := fmt.Sprintf("model %q not found, try pulling it first", c.Model)
		if s.API == Ollama {
			writeJSON(w, http.StatusNotFound, map[string]any{"error": msg})
		} else {
			writeJSON(w, http.StatusNotFound, map[string]any{"error": map[string]any{"message": msg, "type": "api_error", "param": nil, "code": nil}})
		}
		return
	}
	sc := reply(c)
	if sc.Status != 0 {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(sc.Status)
		_, _ = io.WriteString(w, sc.Body)
		return
	}
	fl := w.(http.Flusher)
	if s.API == Ollama {
		w.Header().Set("Content-Type", "application/x-ndjson")
	} else {
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(http.StatusOK)
	fl.Flush()

	// send writes one event, cut into sc.Chunk-byte writes; false once
	// the client has gone.
	send := func(event []byte) bool {
		for len(event) > 0 {
			n := len(event)
			if sc.Chunk > 0 {
				n = min(sc.Chunk, n)
			}
			piece := event[:n]
			event = event[n:]
			if len(event) > 0 && !utf8.Valid(piece) {
				s.mu.Lock()
				s.cuts++
				s.mu.Unlock()
			}
			if _, err := w.Write(piece); err != nil {
				return false
			}
			fl.Flush()
			if len(event) > 0 && sc.Chunk > 0 {
				time.Sleep(time.Millisecond) // separate reads
			}
		}
		return r.Context().Err() == nil
	}
	abandoned := func() {
		s.mu.Lock()
		s.gone++
		s.mu.Unlock()
	}
	created := time.Now()
	for i, tok := range sc.Tokens {
		if sc.Hold != nil && i == sc.HoldAfter {
			select {
			case <-sc.Hold:
			case <-r.Context().Done():
				abandoned()
				return
			}
		}
		if sc.Fail && i == sc.FailAfter {
			send(s.errorEvent(sc.FailMsg))
			return
		}
		if sc.Cut && i == sc.CutAfter {
			return
		}
		if sc.Delay > 0 {
			select {
			case <-time.After(sc.Delay):
			case <-r.Context().Done():
				abandoned()
				return
			}
		}
		if !send(s.tokenEvent(c.Model, tok, created)) {
			abandoned()
			return
		}
	}
	if sc.Fail && sc.FailAfter >= len(sc.Tokens) {
		send(s.errorEvent(sc.FailMsg))
		return
	}
	if sc.Cut {
		return
	}
	send(s.endEvents(c.Model, len(sc.Tokens), created))
}

// stampLayout is RFC 3339 with all nine digits of the nanoseconds:
// RFC3339Nano drops trailing zeros, so an event's length, and with it
// where a Chunk-byte write cuts a character, changed from run to run.
const stampLayout = "2006-01-02T15:04:05.000000000Z07:00"

func (s *Server) tokenEvent(model, tok string, created time.Time) []byte {
	if s.API == Ollama {
		return line(map[string]any{"model": model, "created_at": time.Now().UTC().Format(stampLayout),
			"message": map[string]any{"role": "assistant", "content": tok}, "done": false})
	}
	return sse(map[string]any{"id": "chatcmpl-417", "object": "chat.completion.chunk", "created": created.Unix(), "model": model,
		"system_fingerprint": "fp_ollama", "choices": []any{map[string]any{"index": 0,
			"delta": map[string]any{"role": "assistant", "content": tok}, "finish_reason": nil}}})
}

func (s *Server) endEvents(model string, n int, created time.Time) []byte {
	if s.API == Ollama {
		took := time.Since(created).Nanoseconds()
		return line(map[string]any{"model": model, "created_at": time.Now().UTC().Format(stampLayout),
			"message": map[string]any{"role": "assistant", "content": ""}, "done_reason": "stop", "done": true,
			"total_duration": took, "load_duration": 1_000_000, "prompt_eval_count": 812, "prompt_eval_duration": 2_000_000,
			"eval_count": n, "eval_duration": took})
	}
	end := sse(map[string]any{"id": "chatcmpl-417", "object": "chat.completion.chunk", "created": created.Unix(), "model": model,
		"system_fingerprint": "fp_ollama", "choices": []any{map[string]any{"index": 0,
			"delta": map[string]any{"role": "assistant", "content": ""}, "finish_reason": "stop"}}})
	return append(end, "data: [DONE]\n\n"...)
}

func (s *Server) errorEvent(msg string) []byte {
	if msg == "" {
		msg = "an error was encountered while running the model: unexpected EOF"
	}
	if s.API == Ollama {
		return line(map[string]any{"error": msg})
	}
	return sse(map[string]any{"error": map[string]any{"message": msg, "type": "api_error", "param": nil, "code": nil}})
}

func line(v any) []byte {
	b, _ := json.Marshal(v)
	return append(b, '\n')
}

func sse(v any) []byte {
	b, _ := json.Marshal(v)
	return append(append([]byte("data: "), b...), "\n\n"...)
}

// Words cuts text into model-like tokens: words with their leading
// space, and citation markers split as tokenizers split them ("[", "1",
// "]").
func Words(text string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range text {
		switch {
		case r == ' ' || r == '\n':
			flush()
			cur.WriteRune(r)
		case r == '[' || r == ']':
			flush()
			out = append(out, string(r))
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}
