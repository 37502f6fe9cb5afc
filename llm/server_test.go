package llm

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"quire/llm/llmtest"
	"quire/search"
)

var protocols = []string{llmtest.Ollama, llmtest.OpenAI}

// sourceNumber finds the number the prompt gives the source on page, as
// a model reading it would.
func sourceNumber(c llmtest.Call, page int) int {
	for _, m := range c.Messages {
		re := regexp.MustCompile(fmt.Sprintf(`(?m)^\[(\d+)\] handbook\.pdf, page %d$`, page))
		if sub := re.FindStringSubmatch(m.Content); sub != nil {
			var n int
			fmt.Sscan(sub[1], &n)
			return n
		}
	}
	return 0
}

func searchFor(t *testing.T, s *search.Searcher, q string) search.Result {
	t.Helper()
	res, err := s.Search(context.Background(), search.Query{Text: q})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func newServer(t *testing.T, fake *llmtest.Server, s *search.Searcher, api API) Server {
	t.Helper()
	ep, err := NewEndpoint(ServerConfig{URL: fake.URL, API: api, Model: "qwen2.5:3b"})
	if err != nil {
		t.Fatal(err)
	}
	return Server{Endpoint: ep, Extractive: Extractive{Analyze: s.Analyze}}
}

// tokens collects streamed pieces, safely.
type tokens struct {
	mu     sync.Mutex
	pieces []string
}

func (tk *tokens) add(s string) {
	tk.mu.Lock()
	tk.pieces = append(tk.pieces, s)
	tk.mu.Unlock()
}

func (tk *tokens) text() string {
	tk.mu.Lock()
	defer tk.mu.Unlock()
	return strings.Join(tk.pieces, "")
}

func (tk *tokens) count() int {
	tk.mu.Lock()
	defer tk.mu.Unlock()
	return len(tk.pieces)
}

// The model's reply streams through, cut into 7-byte writes (so lines
// and the "€" are split between reads); the out-of-range [7] never shows
// and is reported; the cited source is used, on the page it says.
func TestServerStreamsAndChecksCitations(t *testing.T) {
	s := newSearcher(t, handbook...)
	const q = "What does the Enterprise tier cost?"
	res := searchFor(t, s, q)
	for _, proto := range protocols {
		t.Run(proto, func(t *testing.T) {
			fake := llmtest.New(proto, []string{"llama3.2:1b", "qwen2.5:3b"}, func(c llmtest.Call) llmtest.Script {
				n := sourceNumber(c, 3)
				return llmtest.Script{Chunk: 7, Tokens: llmtest.Words(fmt.Sprintf(
					"The Enterprise tier costs €4,800 a month [%d]. Its response time is 1 hour, around the clock [%d][7].", n, n))}
			})
			defer fake.Close()
			srv := newServer(t, fake, s, APIAuto)
			var tk tokens
			ans, err := srv.AnswerStream(context.Background(), q, res, tk.add)
			if err != nil {
				t.Fatal(err)
			}
			n := sourceNumber(fake.Calls()[len(fake.Calls())-1], 3)
			want := fmt.Sprintf("The Enterprise tier costs €4,800 a month [%d]. Its response time is 1 hour, around the clock [%d].", n, n)
			if ans.Text != want {
				t.Errorf("answer %q\nwant   %q", ans.Text, want)
			}
			if got := tk.text(); got != want {
				t.Errorf("streamed %q\nwant     %q", got, want)
			}
			if tk.count() < 10 {
				t.Errorf("streamed in %d pieces: not token by token", tk.count())
			}
			if fake.MidRuneCuts() == 0 {
				t.Error("no write ended inside a character: the UTF-8 split was not exercised")
			}
			if !slices.Equal(ans.Invalid, []int{7}) {
				t.Errorf("Invalid = %v, want [7]", ans.Invalid)
			}
			if ans.Abstained || ans.Fallback != "" || !strings.Contains(ans.Model, "qwen2.5:3b") {
				t.Errorf("abstained %v, fallback %q, model %q", ans.Abstained, ans.Fallback, ans.Model)
			}
			for _, c := range ans.Citations {
				if c.Used != (c.N == n) {
					t.Errorf("citation %d used = %v", c.N, c.Used)
				}
			}
			c := ans.Citations[n-1]
			if c.Page != 3 || !strings.Contains(c.Snippet, "Enterprise €4,800") {
				t.Errorf("citation %d: page %d, snippet %q", n, c.Page, c.Snippet)
			}

			calls := fake.Calls()
			chat := calls[len(calls)-1]
			if !chat.Stream || chat.Model != "qwen2.5:3b" || len(chat.Messages) != 2 || chat.Messages[0].Role != "system" {
				t.Fatalf("chat request %+v", chat)
			}
			user := chat.Messages[1].Content
			for _, want := range []string{"[1] handbook.pdf, page ", "Question: " + q, "Enterprise €4,800"} {
				if !strings.Contains(user, want) {
					t.Errorf("prompt lacks %q:\n%s", want, user)
				}
			}
			if !strings.Contains(chat.Messages[0].Content, "[n]") || !strings.Contains(chat.Messages[0].Content, NotFound) {
				t.Errorf("system prompt lacks the citation rule or the not-found reply:\n%s", chat.Messages[0].Content)
			}
			if proto == llmtest.Ollama {
				if chat.Options["num_ctx"] != float64(4096) || chat.Options["temperature"] != 0.1 {
					t.Errorf("Ollama options %v", chat.Options)
				}
				if calls[0].Path != "/api/tags" {
					t.Errorf("autodetect asked %s first", calls[0].Path)
				}
			} else if chat.MaxTokens != 1024 {
				t.Errorf("max_tokens %d", chat.MaxTokens)
			}
		})
	}
}

// An answer with no valid citation is not shown: the extractive one is,
// and the answer says why.
func TestServerFallsBackWhenNothingIsCited(t *testing.T) {
	s := newSearcher(t, handbook...)
	const q = "What does the Enterprise tier cost?"
	res := searchFor(t, s, q)
	ext, err := Extractive{Analyze: s.Analyze}.Answer(context.Background(), q, res)
	if err != nil {
		t.Fatal(err)
	}
	for _, reply := range []string{
		"The Enterprise tier costs €4,800 a month.",
		"The Enterprise tier costs €4,800 a month [7].",
	} {
		fake := llmtest.New(llmtest.OpenAI, []string{"qwen2.5:3b"}, func(llmtest.Call) llmtest.Script {
			return llmtest.Script{Tokens: llmtest.Words(reply)}
		})
		srv := newServer(t, fake, s, APIOpenAI)
		var tk tokens
		ans, err := srv.AnswerStream(context.Background(), q, res, tk.add)
		fake.Close()
		if err != nil {
			t.Fatal(err)
		}
		if ans.Text != ext.Text || ans.Fallback == "" || ans.Abstained {
			t.Errorf("reply %q: answer %q (fallback %q), want the extractive %q", reply, ans.Text, ans.Fallback, ext.Text)
		}
		if strings.Contains(reply, "[7]") && (!strings.Contains(ans.Fallback, "[7]") || !slices.Equal(ans.Invalid, []int{7})) {
			t.Errorf("fallback %q, invalid %v: should name [7]", ans.Fallback, ans.Invalid)
		}
		if strings.Contains(tk.text(), "[7]") {
			t.Errorf("streamed %q", tk.text())
		}
	}
}

// A model that finds no answer in the sources abstains.
func TestServerModelSaysNotFound(t *testing.T) {
	s := newSearcher(t, handbook...)
	const q = "What does the Enterprise tier cost?"
	fake := llmtest.New(llmtest.Ollama, []string{"qwen2.5:3b"}, func(llmtest.Call) llmtest.Script {
		return llmtest.Script{Tokens: llmtest.Words("I couldn’t find this in your documents.")}
	})
	defer fake.Close()
	ans, err := newServer(t, fake, s, APIOllama).Answer(context.Background(), q, searchFor(t, s, q))
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Abstained || ans.Text != NotFound || ans.Fallback != "" {
		t.Errorf("answer %+v", ans)
	}
}

// When the evidence is too weak for the extractive answerer, the model is
// not asked at all: the server sees no request, not even the API probe.
func TestServerAbstainsWithoutAsking(t *testing.T) {
	s := newSearcher(t, handbook...)
	for _, proto := range protocols {
		fake := llmtest.New(proto, []string{"qwen2.5:3b"}, func(llmtest.Call) llmtest.Script {
			return llmtest.Script{Tokens: llmtest.Words("Yes, it supports Mandarin [1].")}
		})
		srv := newServer(t, fake, s, APIAuto)
		for _, q := range []string{"Does the Magpie-7 support Mandarin?", "What is the stock ticker?"} {
			var tk tokens
			ans, err := srv.AnswerStream(context.Background(), q, searchFor(t, s, q), tk.add)
			if err != nil {
				t.Fatal(err)
			}
			if !ans.Abstained || ans.Text != NotFound || tk.count() != 0 {
				t.Errorf("%s %q: answer %q, streamed %q", proto, q, ans.Text, tk.text())
			}
		}
		if calls := fake.Calls(); len(calls) != 0 {
			t.Errorf("%s: the server got %d requests, want none: %+v", proto, len(calls), calls)
		}
		fake.Close()
	}
}

// An error event mid-stream, or a connection cut before the end, fails
// the answer in plain words after the text so far has streamed.
func TestServerFailsMidStream(t *testing.T) {
	s := newSearcher(t, handbook...)
	const q = "What does the Enterprise tier cost?"
	res := searchFor(t, s, q)
	for _, proto := range protocols {
		for _, sc := range []llmtest.Script{
			{Fail: true, FailAfter: 3, FailMsg: "llama runner process has terminated: signal: killed"},
			{Cut: true, CutAfter: 3},
		} {
			sc.Tokens = llmtest.Words("The Enterprise tier costs €4,800 a month [1].")
			fake := llmtest.New(proto, []string{"qwen2.5:3b"}, func(llmtest.Call) llmtest.Script { return sc })
			var tk tokens
			_, err := newServer(t, fake, s, APIAuto).AnswerStream(context.Background(), q, res, tk.add)
			fake.Close()
			want := "stopped in the middle of the answer"
			if sc.Fail {
				want = "stopped with an error: llama runner process has terminated: signal: killed"
			}
			if err == nil || !errors.Is(err, ErrServer) || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: err %v, want %q", proto, err, want)
			}
			if got := tk.text(); got != "The Enterprise tier" {
				t.Errorf("%s: streamed %q before failing", proto, got)
			}
		}
	}
}

// Cancelling mid-stream returns at once with context.Canceled, and the
// server sees the client go.
func TestServerCancelMidStream(t *testing.T) {
	s := newSearcher(t, handbook...)
	const q = "What does the Enterprise tier cost?"
	res := searchFor(t, s, q)
	for _, proto := range protocols {
		hold := make(chan struct{})
		fake := llmtest.New(proto, []string{"qwen2.5:3b"}, func(llmtest.Call) llmtest.Script {
			return llmtest.Script{Tokens: llmtest.Words("The Enterprise tier costs €4,800 a month [1]."), Hold: hold, HoldAfter: 3}
		})
		ctx, cancel := context.WithCancel(context.Background())
		var tk tokens
		var cancelled time.Time
		onToken := func(p string) {
			tk.add(p)
			if tk.count() == 3 {
				cancelled = time.Now()
				cancel()
			}
		}
		_, err := newServer(t, fake, s, APIAuto).AnswerStream(ctx, q, res, onToken)
		took := time.Since(cancelled)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err %v, want context.Canceled", proto, err)
		}
		if took > time.Second {
			t.Errorf("%s: returned %v after cancel", proto, took)
		}
		deadline := time.Now().Add(5 * time.Second)
		for fake.Gone() == 0 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if fake.Gone() != 1 {
			t.Errorf("%s: the server did not see the client go", proto)
		}
		close(hold)
		fake.Close()
	}
}

// A server that sends nothing for IdleTimeout is given up on.
func TestServerIdleTimeout(t *testing.T) {
	s := newSearcher(t, handbook...)
	const q = "What does the Enterprise tier cost?"
	hold := make(chan struct{})
	defer close(hold)
	fake := llmtest.New(llmtest.Ollama, []string{"qwen2.5:3b"}, func(llmtest.Call) llmtest.Script {
		return llmtest.Script{Tokens: []string{"The", " fee"}, Hold: hold, HoldAfter: 1}
	})
	defer fake.Close()
	srv := newServer(t, fake, s, APIOllama)
	srv.Endpoint.IdleTimeout = 300 * time.Millisecond
	_, err := srv.Answer(context.Background(), q, searchFor(t, s, q))
	if err == nil || !strings.Contains(err.Error(), "sent nothing for 300ms") {
		t.Fatalf("err %v", err)
	}
}

func TestServerUnreachable(t *testing.T) {
	s := newSearcher(t, handbook...)
	const q = "What does the Enterprise tier cost?"
	fake := llmtest.New(llmtest.Ollama, nil, nil)
	url := fake.URL
	fake.Close() // nothing listens there now
	for _, api := range []API{APIAuto, APIOllama, APIOpenAI} {
		ep, err := NewEndpoint(ServerConfig{URL: url, API: api, Model: "qwen2.5:3b"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = Server{Endpoint: ep, Extractive: Extractive{Analyze: s.Analyze}}.Answer(context.Background(), q, searchFor(t, s, q))
		want := "the LLM server at " + url + " cannot be reached (connection refused): is it running?"
		if !errors.Is(err, ErrUnreachable) || !strings.HasPrefix(fmt.Sprint(err), want) {
			t.Errorf("%s: err %v\nwant %s…", api, err, want)
		}
	}
}

func TestServerModelMissing(t *testing.T) {
	s := newSearcher(t, handbook...)
	const q = "What does the Enterprise tier cost?"
	for _, proto := range protocols {
		fake := llmtest.New(proto, []string{"gemma2:2b", "qwen2.5:3b"}, nil)
		ep, err := NewEndpoint(ServerConfig{URL: fake.URL, Model: "llama3.2"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = Server{Endpoint: ep, Extractive: Extractive{Analyze: s.Analyze}}.Answer(context.Background(), q, searchFor(t, s, q))
		var se *ServerError
		if !errors.Is(err, ErrModelMissing) || !errors.As(err, &se) || !slices.Equal(se.Models, []string{"gemma2:2b", "qwen2.5:3b"}) {
			t.Errorf("%s: err %v", proto, err)
		} else if !strings.Contains(err.Error(), `has no model "llama3.2"`) || !strings.Contains(err.Error(), "it has gemma2:2b, qwen2.5:3b") {
			t.Errorf("%s: message %q", proto, err)
		}
		if proto == llmtest.Ollama && !strings.Contains(fmt.Sprint(err), "ollama pull llama3.2") {
			t.Errorf("message %q does not say how to get it", err)
		}
		// Check says the same without a question.
		if names, err := ep.Check(context.Background()); !errors.Is(err, ErrModelMissing) || len(names) != 2 {
			t.Errorf("%s: Check: %v %v", proto, names, err)
		}
		fake.Close()
	}
}

func TestEndpointDetectsAPIAndSendsKey(t *testing.T) {
	t.Setenv("MY_LLM_KEY", "sekrit")
	for _, proto := range protocols {
		fake := llmtest.New(proto, []string{"qwen2.5:3b", "llama3.2:latest"}, nil)
		ep, err := NewEndpoint(ServerConfig{URL: strings.TrimPrefix(fake.URL, "http://") + "/", Model: "llama3.2", KeyEnv: "MY_LLM_KEY"})
		if err != nil {
			t.Fatal(err)
		}
		api, err := ep.API(context.Background())
		if err != nil || string(api) != proto {
			t.Errorf("detected %q (%v), want %s", api, err, proto)
		}
		names, err := ep.Check(context.Background())
		if err != nil || !slices.Equal(names, []string{"llama3.2:latest", "qwen2.5:3b"}) {
			t.Errorf("%s: Check %v %v", proto, names, err)
		}
		for _, c := range fake.Calls() {
			if c.Authorization != "Bearer sekrit" {
				t.Errorf("%s %s: Authorization %q", proto, c.Path, c.Authorization)
			}
		}
		fake.Close()
	}
}

func TestNormalizeURL(t *testing.T) {
	for _, tt := range []struct {
		in, base string
		api      API
	}{
		{"localhost:11434", "http://localhost:11434", APIAuto},
		{"http://localhost:11434/", "http://localhost:11434", APIAuto},
		{"http://127.0.0.1:8080/v1", "http://127.0.0.1:8080", APIOpenAI},
		{"http://127.0.0.1:1234/v1/chat/completions", "http://127.0.0.1:1234", APIOpenAI},
		{"http://box:11434/api/chat", "http://box:11434", APIOllama},
		{"https://lan.example/llm/v1/", "https://lan.example/llm", APIOpenAI},
	} {
		base, api, err := normalizeURL(tt.in)
		if err != nil || base != tt.base || api != tt.api {
			t.Errorf("%q: %q %q %v, want %q %q", tt.in, base, api, err, tt.base, tt.api)
		}
	}
	for _, bad := range []string{"", "ftp://x", "http://"} {
		if _, _, err := normalizeURL(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// However tokens cut a marker, the filter streams what checkCitations
// makes of the whole text.
func TestCiteFilterAnyCut(t *testing.T) {
	for _, text := range []string{
		"Fee €4,800 [2]. Hours [1, 3][7] and [Source 2]. Note [x] and [12 ] and [",
		"A [7]. B [2-3]. [see p. 4] [1]",
		"Tabs\t[9]\tend [ 2 ]",
	} {
		want, _ := checkCitations(text, 3)
		runes := []rune(text)
		for i := 0; i <= len(runes); i++ {
			for j := i; j <= len(runes); j += 3 {
				var got strings.Builder
				f := &citeFilter{k: 3, out: func(s string) { got.WriteString(s) }}
				f.write(string(runes[:i]))
				f.write(string(runes[i:j]))
				f.write(string(runes[j:]))
				f.flush()
				if strings.TrimSpace(got.String()) != want {
					t.Fatalf("cut at %d,%d: %q\nwant %q", i, j, got.String(), want)
				}
			}
		}
	}
	got, invalid := checkCitations("A [1, 3][7] and [Source 2]. B [2–3] [0].", 3)
	if got != "A [1][3] and [2]. B [2][3]." || !slices.Equal(invalid, []int{7, 0}) {
		t.Errorf("%q %v", got, invalid)
	}
}

// Framing the fake servers do not send: events over several data lines,
// comments, no blank lines, llama.cpp's error field, a stream ended by a
// finish reason without [DONE].
func TestReadSSE(t *testing.T) {
	read := func(stream string) (string, error) {
		var b strings.Builder
		var res ChatResult
		err := readSSE(&lineReader{r: bufio.NewReader(strings.NewReader(stream)), onData: func() {}, max: maxStream}, func(s string) error { b.WriteString(s); return nil }, &res)
		return b.String(), err
	}
	got, err := read(": ping\n\nevent: message\ndata: {\"choices\":[{\"delta\":\ndata: {\"content\":\"Hé\"}}]}\n\n" +
		"data: {\"choices\":[{\"delta\":{\"content\":\"llo\"}}]}\r\ndata: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n")
	if err != nil || got != "Héllo" {
		t.Errorf("%q %v", got, err)
	}
	_, err = read("data: {\"choices\":[{\"delta\":{\"content\":\"A\"}}]}\n\nerror: {\"code\":500,\"message\":\"context full\"}\n\n")
	if err == nil || !strings.Contains(err.Error(), "context full") {
		t.Errorf("llama.cpp error: %v", err)
	}
	_, err = read("data: {\"choices\":[{\"delta\":{\"content\":\"A\"}}]}\n\n")
	if err == nil || !strings.Contains(err.Error(), "stopped in the middle") {
		t.Errorf("cut stream: %v", err)
	}
}

// A sentence whose only citation names no source, or that cites
// nothing, stays marked as unsupported: no claim reads as backed.
func TestServerMarksUnsupported(t *testing.T) {
	s := newSearcher(t, handbook...)
	const q = "What does the Enterprise tier cost?"
	res := searchFor(t, s, q)
	for _, proto := range protocols {
		fake := llmtest.New(proto, []string{"qwen2.5:3b"}, func(c llmtest.Call) llmtest.Script {
			return llmtest.Script{Tokens: llmtest.Words(fmt.Sprintf(
				"The Enterprise tier costs €4,800 a month [%d]. The moon is made of cheese [42]. It also includes free lunches.", sourceNumber(c, 3)))}
		})
		ans, err := newServer(t, fake, s, APIAuto).Answer(context.Background(), q, res)
		fake.Close()
		if err != nil {
			t.Fatal(err)
		}
		n := sourceNumber(fake.Calls()[len(fake.Calls())-1], 3)
		want := fmt.Sprintf("The Enterprise tier costs €4,800 a month [%d]. The moon is made of cheese. %s It also includes free lunches. %s", n, UnsupportedMark, UnsupportedMark)
		if ans.Text != want {
			t.Errorf("%s: answer %q\nwant   %q", proto, ans.Text, want)
		}
		if !slices.Equal(ans.Unsupported, []string{"The moon is made of cheese.", "It also includes free lunches."}) || !slices.Equal(ans.Invalid, []int{42}) {
			t.Errorf("%s: unsupported %q, invalid %v", proto, ans.Unsupported, ans.Invalid)
		}
	}
}
