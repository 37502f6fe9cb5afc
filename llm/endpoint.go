package llm

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// API is the protocol a local LLM server speaks.
type API string

const (
	APIAuto   API = ""       // found out on first use: Ollama's /api/tags, else /v1/models
	APIOllama API = "ollama" // POST /api/chat, NDJSON stream
	APIOpenAI API = "openai" // POST /v1/chat/completions, SSE stream (llama.cpp, LM Studio, vLLM, Ollama's /v1)
)

// ParseAPI reads an API name as users type it.
func ParseAPI(s string) (API, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return APIAuto, nil
	case "ollama":
		return APIOllama, nil
	case "openai", "openai-compatible", "oai", "v1":
		return APIOpenAI, nil
	}
	return "", fmt.Errorf("unknown LLM API %q: use ollama, openai or auto", s)
}

// String names the API for people.
func (a API) String() string {
	switch a {
	case APIOllama:
		return "Ollama"
	case APIOpenAI:
		return "OpenAI-compatible"
	}
	return "auto"
}

// DefaultKeyEnv is the environment variable read for the API key when
// the configuration names none. Local servers seldom need a key.
const DefaultKeyEnv = "QUIRE_LLM_API_KEY"

// ServerConfig says which local LLM server writes answers. It is what
// the library saves; the key is best left in an environment variable.
type ServerConfig struct {
	URL    string `json:"url"`               // e.g. http://localhost:11434 (Ollama) or http://localhost:8080/v1
	API    API    `json:"api,omitempty"`     // APIAuto finds out
	Model  string `json:"model"`             // e.g. qwen2.5:3b
	KeyEnv string `json:"key_env,omitempty"` // variable holding the API key (DefaultKeyEnv if empty)
	Key    string `json:"key,omitempty"`     // the key itself, when the user insists on saving it
}

// Sentinel errors for what callers tell apart; every error an Endpoint
// returns for a server problem is a *ServerError that matches one.
var (
	ErrUnreachable  = errors.New("LLM server unreachable")
	ErrModelMissing = errors.New("LLM model missing")
	ErrServer       = errors.New("LLM server failed")
)

// ServerError is a server problem in plain words: Error is a sentence a
// user can act on, without Go type names.
type ServerError struct {
	Kind error // ErrUnreachable, ErrModelMissing or ErrServer
	Msg  string
	Err  error // the cause, if any
	// Models are the models the server has, when known (ErrModelMissing).
	Models []string
}

func (e *ServerError) Error() string   { return e.Msg }
func (e *ServerError) Unwrap() []error { return []error{e.Kind, e.Err} }

// Endpoint is one LLM server: it lists the models and streams chat
// replies in either protocol. It is safe for concurrent use; the API it
// detects is remembered.
type Endpoint struct {
	cfg    ServerConfig
	base   string // scheme://host[:port][/prefix], without /v1 or /api
	key    string
	client *http.Client

	// Timeout bounds a whole reply (default 5 minutes); IdleTimeout the
	// wait for the next bytes (default 2 minutes: a server loads the
	// model before its first byte).
	Timeout, IdleTimeout time.Duration

	mu  sync.Mutex
	api API // as configured, or as detected

	maxStream int // bytes one reply may send; 0 is maxStream (tests lower it)
}

// NewEndpoint checks cfg and returns its endpoint. It makes no request.
func NewEndpoint(cfg ServerConfig) (*Endpoint, error) {
	base, api, err := normalizeURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	if cfg.API, err = ParseAPI(string(cfg.API)); err != nil {
		return nil, err
	}
	if cfg.API == APIAuto {
		cfg.API = api
	}
	cfg.Model = strings.TrimSpace(cfg.Model)
	key := cfg.Key
	if key == "" {
		key = os.Getenv(cmp.Or(cfg.KeyEnv, DefaultKeyEnv))
	}
	// Local servers: no proxy, a short connect timeout, no overall client
	// timeout (replies stream; the contexts bound them).
	tr := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		TLSHandshakeTimeout: 10 * time.Second,
		MaxIdleConnsPerHost: 2,
		IdleConnTimeout:     90 * time.Second,
	}
	return &Endpoint{cfg: cfg, base: base, key: key, api: cfg.API, client: &http.Client{Transport: tr},
		Timeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}, nil
}

// normalizeURL accepts what users paste: "localhost:11434",
// "http://host:8080/v1", ".../v1/chat/completions", ".../api/chat". It
// returns the base URL and the API the path names, if any.
func normalizeURL(raw string) (string, API, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", "", errors.New("no LLM server URL: give one such as http://localhost:11434")
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", "", fmt.Errorf("%q is not a server URL: give one such as http://localhost:11434", raw)
	}
	p := strings.TrimRight(u.Path, "/")
	var api API
	for _, suf := range []struct {
		path string
		api  API
	}{{"/v1/chat/completions", APIOpenAI}, {"/v1/models", APIOpenAI}, {"/v1", APIOpenAI}, {"/api/chat", APIOllama}, {"/api/tags", APIOllama}, {"/api", APIOllama}} {
		if strings.HasSuffix(p, suf.path) {
			p, api = strings.TrimSuffix(p, suf.path), suf.api
			break
		}
	}
	u.Path, u.RawQuery, u.Fragment = p, "", ""
	return u.String(), api, nil
}

// Config is the endpoint's configuration (the API as configured or
// parsed from the URL; see API for the detected one).
func (e *Endpoint) Config() ServerConfig { return e.cfg }

// URL is the server's base URL.
func (e *Endpoint) URL() string { return e.base }

// String names the model and server for people: "qwen2.5:3b on
// http://localhost:11434 (Ollama)".
func (e *Endpoint) String() string {
	e.mu.Lock()
	api := e.api
	e.mu.Unlock()
	s := e.cfg.Model + " on " + e.base
	if api != APIAuto {
		s += " (" + api.String() + ")"
	}
	return s
}

// API returns the protocol the server speaks, asking the server the
// first time when the configuration does not say.
func (e *Endpoint) API(ctx context.Context) (API, error) {
	e.mu.Lock()
	api := e.api
	e.mu.Unlock()
	if api != APIAuto {
		return api, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	var tags struct {
		Models *json.RawMessage `json:"models"`
	}
	err := e.getJSON(ctx, "/api/tags", &tags)
	switch {
	case err == nil && tags.Models != nil:
		api = APIOllama
	case errors.Is(err, ErrUnreachable) || ctx.Err() != nil:
		return "", err
	default:
		var list struct {
			Data *json.RawMessage `json:"data"`
		}
		if err := e.getJSON(ctx, "/v1/models", &list); err != nil || list.Data == nil {
			if err != nil && (errors.Is(err, ErrUnreachable) || ctx.Err() != nil) {
				return "", err
			}
			return "", &ServerError{Kind: ErrServer, Err: err,
				Msg: fmt.Sprintf("the server at %s speaks neither Ollama's API nor the OpenAI-compatible one (no /api/tags, no /v1/models)", e.base)}
		}
		api = APIOpenAI
	}
	e.mu.Lock()
	e.api = api
	e.mu.Unlock()
	return api, nil
}

// Models lists the models the server offers.
func (e *Endpoint) Models(ctx context.Context) ([]string, error) {
	api, err := e.API(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	if api == APIOllama {
		var tags struct {
			Models []struct {
				Name  string `json:"name"`
				Model string `json:"model"`
			} `json:"models"`
		}
		if err := e.getJSON(ctx, "/api/tags", &tags); err != nil {
			return nil, err
		}
		for _, m := range tags.Models {
			names = append(names, cmp.Or(m.Name, m.Model))
		}
	} else {
		var list struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
		}
		if err := e.getJSON(ctx, "/v1/models", &list); err != nil {
			return nil, err
		}
		for _, m := range list.Data {
			names = append(names, m.ID)
		}
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// Check asks the server for its models and reports whether the
// configured one is among them: ErrModelMissing (with the list) if not.
func (e *Endpoint) Check(ctx context.Context) ([]string, error) {
	names, err := e.Models(ctx)
	if err != nil {
		return nil, err
	}
	if e.cfg.Model == "" {
		return names, &ServerError{Kind: ErrModelMissing, Models: names, Msg: "no model chosen: pick one of " + listNames(names)}
	}
	if !hasModel(names, e.cfg.Model) {
		return names, e.missing(names)
	}
	return names, nil
}

// hasModel matches names as Ollama does: "llama3.2" is "llama3.2:latest".
func hasModel(names []string, model string) bool {
	for _, n := range names {
		if n == model || n == model+":latest" || strings.TrimSuffix(n, ":latest") == model {
			return true
		}
	}
	return false
}

func (e *Endpoint) missing(names []string) *ServerError {
	msg := fmt.Sprintf("the LLM server at %s has no model %q", e.base, e.cfg.Model)
	e.mu.Lock()
	api := e.api
	e.mu.Unlock()
	if api == APIOllama {
		msg += fmt.Sprintf(" (get it with: ollama pull %s)", e.cfg.Model)
	}
	if names != nil {
		msg += "; it has " + listNames(names)
	}
	return &ServerError{Kind: ErrModelMissing, Models: names, Msg: msg}
}

func listNames(names []string) string {
	if len(names) == 0 {
		return "no models at all"
	}
	if len(names) > 8 {
		return strings.Join(names[:8], ", ") + fmt.Sprintf(" and %d more", len(names)-8)
	}
	return strings.Join(names, ", ")
}

// Message is one chat message.
type Message struct {
	Role    string `json:"role"` // system, user or assistant
	Content string `json:"content"`
}

// ChatRequest is one reply to ask for.
type ChatRequest struct {
	Messages    []Message
	Temperature float64
	MaxTokens   int // default 1024
	NumCtx      int // Ollama's context window; 0: the server's default
}

// ChatResult is a finished reply.
type ChatResult struct {
	Text       string
	API        API
	FirstToken time.Duration // from the request to the first text
	Total      time.Duration
	Tokens     int    // tokens generated, when the server says
	Stop       string // why generation stopped ("stop", "length"), when the server says
}

// Chat streams the model's reply to req, calling onToken (if not nil)
// with each piece of text as it arrives, on the calling goroutine. It
// returns when the reply is complete, the server fails, or ctx ends; a
// reply the server breaks off is an error, not a short answer.
func (e *Endpoint) Chat(ctx context.Context, req ChatRequest, onToken func(string)) (ChatResult, error) {
	if e.cfg.Model == "" {
		return ChatResult{}, &ServerError{Kind: ErrModelMissing, Msg: "no LLM model chosen: name one (e.g. --llm-model qwen2.5:3b)"}
	}
	api, err := e.API(ctx)
	if err != nil {
		return ChatResult{}, err
	}
	maxTokens := cmp.Or(req.MaxTokens, 1024)
	var path string
	var body any
	if api == APIOllama {
		opts := map[string]any{"temperature": req.Temperature, "num_predict": maxTokens}
		if req.NumCtx > 0 {
			opts["num_ctx"] = req.NumCtx
		}
		path, body = "/api/chat", map[string]any{"model": e.cfg.Model, "messages": req.Messages, "stream": true, "options": opts}
	} else {
		path, body = "/v1/chat/completions", map[string]any{"model": e.cfg.Model, "messages": req.Messages, "stream": true,
			"temperature": req.Temperature, "max_tokens": maxTokens}
	}
	payload, err := json.Marshal(body)
	if err != nil {
		return ChatResult{}, err
	}

	// The reply's own context: cancelled by the caller, by the overall
	// timeout, or when the server sends nothing for IdleTimeout.
	rctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	total := cmp.Or(e.Timeout, 5*time.Minute)
	idle := cmp.Or(e.IdleTimeout, 2*time.Minute)
	deadline := time.AfterFunc(total, func() {
		cancel(&ServerError{Kind: ErrServer, Msg: fmt.Sprintf("the LLM server took longer than %v to answer and was stopped", total)})
	})
	defer deadline.Stop()
	silence := &ServerError{Kind: ErrServer, Msg: fmt.Sprintf("the LLM server sent nothing for %v and was stopped", idle)}
	quiet := time.AfterFunc(idle, func() { cancel(silence) })
	defer quiet.Stop()

	start := time.Now()
	var resp *http.Response
	for attempt := 0; ; attempt++ {
		hreq, err := http.NewRequestWithContext(rctx, http.MethodPost, e.base+path, bytes.NewReader(payload))
		if err != nil {
			return ChatResult{}, err
		}
		hreq.Header.Set("Content-Type", "application/json")
		hreq.Header.Set("Accept", "text/event-stream, application/x-ndjson, application/json")
		e.authorize(hreq)
		if resp, err = e.client.Do(hreq); err == nil {
			break
		}
		if rctx.Err() != nil || attempt == 1 {
			return ChatResult{}, e.requestError(ctx, rctx, err)
		}
		// A kept-alive connection to a server that has restarted fails
		// once; a new one tells whether the server is there.
		e.client.CloseIdleConnections()
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return ChatResult{}, e.statusError(ctx, resp, true)
	}

	res := ChatResult{API: api}
	var text strings.Builder
	emit := func(s string) error {
		if s == "" {
			return nil
		}
		if text.Len()+len(s) > MaxAnswerBytes {
			return &ServerError{Kind: ErrServer, Err: &TooLongError{What: "the LLM server's answer", Size: text.Len() + len(s), Limit: MaxAnswerBytes},
				Msg: fmt.Sprintf("the LLM server's answer passed %s and was stopped there; the rest was not read", byteSize(MaxAnswerBytes))}
		}
		if text.Len() == 0 {
			res.FirstToken = time.Since(start)
		}
		text.WriteString(s)
		if onToken != nil {
			onToken(s)
		}
		return nil
	}
	// Any byte counts as a sign of life, not only a whole line.
	alive := &activeReader{r: resp.Body, onData: func() { quiet.Reset(idle) }}
	lines := &lineReader{r: bufio.NewReaderSize(alive, 16<<10), onData: func() {}, max: cmp.Or(e.maxStream, maxStream)}
	if api == APIOllama {
		err = readNDJSON(lines, emit, &res)
	} else {
		err = readSSE(lines, emit, &res)
	}
	res.Text, res.Total = text.String(), time.Since(start)
	if err != nil {
		if rctx.Err() != nil {
			return res, e.requestError(ctx, rctx, err)
		}
		return res, err
	}
	return res, nil
}

func (e *Endpoint) authorize(r *http.Request) {
	if e.key != "" {
		r.Header.Set("Authorization", "Bearer "+e.key)
	}
}

// requestError says why a request failed: the caller's cancellation (as
// ctx.Err(), so errors.Is(err, context.Canceled) holds), a timeout, or an
// unreachable server.
func (e *Endpoint) requestError(ctx, rctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return fmt.Errorf("LLM request: %w", ctx.Err())
	}
	if ctx.Err() != nil {
		return &ServerError{Kind: ErrUnreachable, Err: ctx.Err(), Msg: fmt.Sprintf("the LLM server at %s did not reply in time", e.base)}
	}
	if cause := context.Cause(rctx); cause != nil && rctx.Err() != nil {
		return cause
	}
	return e.unreachable(err)
}

func (e *Endpoint) unreachable(err error) error {
	why := "no connection"
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		why = "connection refused"
	case errors.As(err, &dns):
		why = "no such host"
	case errors.As(err, &ne) && ne.Timeout():
		why = "no reply"
	case errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET):
		why = "the connection was closed"
	}
	return &ServerError{Kind: ErrUnreachable, Err: err,
		Msg: fmt.Sprintf("the LLM server at %s cannot be reached (%s): is it running? For Ollama, start it with: ollama serve", e.base, why)}
}

// statusError turns a refusal into words. A 404 that names the model, or
// a chat refused for a model the server lacks, is ErrModelMissing with
// the models the server has.
func (e *Endpoint) statusError(ctx context.Context, resp *http.Response, chat bool) error {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	msg := errorMessage(raw)
	low := strings.ToLower(msg)
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return &ServerError{Kind: ErrServer, Msg: fmt.Sprintf("the LLM server at %s refused the request (HTTP %d%s): set its API key in %s",
			e.base, resp.StatusCode, quoteMsg(msg), cmp.Or(e.cfg.KeyEnv, DefaultKeyEnv))}
	case chat && strings.Contains(low, "model") && (resp.StatusCode == http.StatusNotFound || strings.Contains(low, "not found") ||
		strings.Contains(low, "does not exist") || strings.Contains(low, "not loaded") || strings.Contains(low, "no such")):
		lctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		names, _ := e.Models(lctx)
		return e.missing(names)
	case resp.StatusCode == http.StatusNotFound:
		return &ServerError{Kind: ErrServer, Msg: fmt.Sprintf("the server at %s has no %s: is the API right (ollama or openai)?", e.base, resp.Request.URL.Path)}
	}
	return &ServerError{Kind: ErrServer, Msg: fmt.Sprintf("the LLM server at %s failed (HTTP %d%s)", e.base, resp.StatusCode, quoteMsg(msg))}
}

func quoteMsg(msg string) string {
	if msg == "" {
		return ""
	}
	return ": " + msg
}

// errorMessage finds the message in an error body: {"error":"…"},
// {"error":{"message":"…"}}, {"message":"…"} or plain text.
func errorMessage(raw []byte) string {
	var v struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
		Detail  string          `json:"detail"`
	}
	if json.Unmarshal(raw, &v) == nil {
		var s string
		if json.Unmarshal(v.Error, &s) == nil && s != "" {
			return oneLineMsg(s)
		}
		var o struct {
			Message string `json:"message"`
		}
		if json.Unmarshal(v.Error, &o) == nil && o.Message != "" {
			return oneLineMsg(o.Message)
		}
		if m := cmp.Or(v.Message, v.Detail); m != "" {
			return oneLineMsg(m)
		}
	}
	s := oneLineMsg(string(raw))
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return s
}

func oneLineMsg(s string) string { return strings.Join(strings.Fields(s), " ") }

// getJSON GETs path and decodes a 200 reply.
func (e *Endpoint) getJSON(ctx context.Context, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.base+path, nil)
	if err != nil {
		return err
	}
	e.authorize(req)
	resp, err := e.client.Do(req)
	if err != nil {
		return e.requestError(ctx, ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return e.statusError(ctx, resp, false)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 8<<20)).Decode(v); err != nil {
		return &ServerError{Kind: ErrServer, Err: err, Msg: fmt.Sprintf("the server at %s sent an unreadable reply to %s", e.base, path)}
	}
	return nil
}

// activeReader reports each read that brings data.
type activeReader struct {
	r      io.Reader
	onData func()
}

func (a *activeReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 {
		a.onData()
	}
	return n, err
}

// lineReader reads a stream line by line, however the server's writes
// cut it (mid-line, mid-character), and reports each arrival of data.
// It reads at most max bytes in all.
type lineReader struct {
	r      *bufio.Reader
	onData func()
	read   int // bytes so far
	max    int // bytes in all
}

// What one reply may send, whatever it holds: a server that streams
// without end, or without a usable event, is stopped at these bounds
// (endless "data:" lines grew to 6.2 GB in 91 s). A token's event is a
// few hundred bytes, so maxStream passes an answer of MaxAnswerBytes.
const (
	maxLine   = 1 << 20  // one line
	maxEvent  = 1 << 20  // the data of one server-sent event
	maxStream = 64 << 20 // the whole reply
)

// cut is the error for a stream stopped at one of its bounds.
func cut(what string, limit int) error {
	return &ServerError{Kind: ErrServer, Err: &TooLongError{What: what, Size: limit + 1, Limit: limit},
		Msg: fmt.Sprintf("the LLM server sent %s over %s and was stopped there; the rest was not read", what, byteSize(limit))}
}

// next returns the next line without its end; io.EOF after the last.
func (l *lineReader) next() (string, error) {
	var buf []byte
	for {
		frag, err := l.r.ReadSlice('\n')
		if len(frag) > 0 {
			l.onData()
		}
		l.read += len(frag)
		if l.read > l.max {
			return "", cut("a reply", l.max)
		}
		buf = append(buf, frag...)
		if len(buf) > maxLine {
			return "", cut("a line", maxLine)
		}
		switch {
		case err == nil:
			return strings.TrimRight(string(buf), "\r\n"), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(buf) > 0:
			return strings.TrimRight(string(buf), "\r\n"), nil
		default:
			return "", err
		}
	}
}

// broken is the error for a stream that ends before the server said it
// was done.
func broken(err error) error {
	if err == nil || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &ServerError{Kind: ErrServer, Err: err, Msg: "the LLM server stopped in the middle of the answer"}
	}
	return err
}

// readNDJSON reads Ollama's stream: one JSON object a line, the last
// with "done": true; {"error": "…"} at any point ends it.
func readNDJSON(lines *lineReader, emit func(string) error, res *ChatResult) error {
	for {
		line, err := lines.next()
		if err != nil {
			return broken(err)
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		var m struct {
			Message *struct {
				Content string `json:"content"`
			} `json:"message"`
			Response   string          `json:"response"` // /api/generate's field, should a proxy answer with it
			Done       bool            `json:"done"`
			DoneReason string          `json:"done_reason"`
			EvalCount  int             `json:"eval_count"`
			Error      json.RawMessage `json:"error"`
		}
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			return &ServerError{Kind: ErrServer, Err: err, Msg: "the LLM server sent something that is not Ollama's stream: " + clip(line, 80)}
		}
		if len(m.Error) > 0 && string(m.Error) != "null" {
			return &ServerError{Kind: ErrServer, Msg: "the LLM server stopped with an error: " + errorMessage([]byte(`{"error":`+string(m.Error)+`}`))}
		}
		text := m.Response
		if m.Message != nil {
			text = m.Message.Content
		}
		if err := emit(text); err != nil {
			return err
		}
		if m.Done {
			res.Stop, res.Tokens = m.DoneReason, m.EvalCount
			return nil
		}
	}
}

// readSSE reads an OpenAI-compatible stream: server-sent events whose
// data is a chunk {"choices":[{"delta":{"content":"…"}}]}, ending with
// "data: [DONE]". Events may span several data lines; comments (":…")
// and other fields are skipped; an "error" event, a data object with an
// "error", or a stream cut before a finish reason is an error.
func readSSE(lines *lineReader, emit func(string) error, res *ChatResult) error {
	var data []string
	size := 0 // bytes in data
	event := ""
	dispatch := func() (bool, error) {
		defer func() { data, event, size = data[:0], "", 0 }()
		if len(data) == 0 {
			return false, nil
		}
		payload := strings.Join(data, "\n")
		if strings.TrimSpace(payload) == "[DONE]" {
			return true, nil
		}
		var c struct {
			Choices []struct {
				Delta struct {
					Content *string `json:"content"`
				} `json:"delta"`
				Text         string  `json:"text"` // legacy completions
				FinishReason *string `json:"finish_reason"`
			} `json:"choices"`
			Error json.RawMessage `json:"error"`
			Usage *struct {
				CompletionTokens int `json:"completion_tokens"`
			} `json:"usage"`
		}
		if err := json.Unmarshal([]byte(payload), &c); err != nil {
			if event == "error" {
				return false, &ServerError{Kind: ErrServer, Msg: "the LLM server stopped with an error: " + clip(oneLineMsg(payload), 200)}
			}
			return false, &ServerError{Kind: ErrServer, Err: err, Msg: "the LLM server sent something that is not an OpenAI-compatible stream: " + clip(payload, 80)}
		}
		if event == "error" || (len(c.Error) > 0 && string(c.Error) != "null") {
			return false, &ServerError{Kind: ErrServer, Msg: "the LLM server stopped with an error: " + errorMessage([]byte(payload))}
		}
		for _, ch := range c.Choices {
			text := ch.Text
			if ch.Delta.Content != nil {
				text = *ch.Delta.Content
			}
			if err := emit(text); err != nil {
				return false, err
			}
			if ch.FinishReason != nil && *ch.FinishReason != "" {
				res.Stop = *ch.FinishReason
			}
		}
		if c.Usage != nil {
			res.Tokens = c.Usage.CompletionTokens
		}
		return false, nil
	}
	for {
		line, err := lines.next()
		if err != nil {
			if done, derr := dispatch(); derr != nil || done {
				return derr
			}
			if errors.Is(err, io.EOF) && res.Stop != "" {
				return nil // finished, though without [DONE]
			}
			return broken(err)
		}
		if line == "" {
			if done, err := dispatch(); err != nil || done {
				return err
			}
			continue
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "data":
			if size += len(value) + 1; size > maxEvent {
				return cut("an event", maxEvent)
			}
			data = append(data, value)
			// Servers that put no blank line between events: a complete
			// JSON object or [DONE] is dispatched at once.
			if v := strings.TrimSpace(value); v == "[DONE]" || json.Valid([]byte(v)) {
				if done, err := dispatch(); err != nil || done {
					return err
				}
			}
		case "event":
			event = strings.TrimSpace(value)
		case "error": // llama.cpp's server on a failure mid-stream
			return &ServerError{Kind: ErrServer, Msg: "the LLM server stopped with an error: " + errorMessage([]byte(value))}
		}
	}
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
