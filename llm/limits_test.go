package llm

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// endless serves a chat reply that repeats piece until the client goes,
// or 256 MB or 60 s have passed (the test's own bounds), counting the
// bytes written.
func endless(piece string, written *atomic.Int64) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fl := w.(http.Flusher)
		chunk := []byte(strings.Repeat(piece, max(1, (32<<10)/len(piece))))
		stop := time.Now().Add(60 * time.Second)
		for written.Load() < 256<<20 && time.Now().Before(stop) {
			n, err := w.Write(chunk)
			written.Add(int64(n))
			if err != nil {
				return
			}
			fl.Flush()
		}
	}))
}

// A reply that never ends, or never says anything usable, is stopped at
// a bound, in words that say what was cut, with the memory it took
// returned: endless "data:" lines with no blank line grew to 6.2 GB in
// 91 s, and a 50 MB answer was accepted after 124 s. The bound on the
// whole reply is lowered to 4 MB here (64 MB of tiny events take seconds
// to parse); TestReliabilityStreamBounds, in make reliability, keeps it.
func TestStreamBounds(t *testing.T) {
	testStreamBounds(t, 4<<20, "4 MB")
}

func TestReliabilityStreamBounds(t *testing.T) {
	if os.Getenv("QUIRE_RELIABILITY") == "" {
		t.Skip("slow (parses 64 MB streams): make reliability runs it")
	}
	testStreamBounds(t, maxStream, "64 MB")
}

func testStreamBounds(t *testing.T, stream int, streamSays string) {
	for _, tc := range []struct {
		name, api, piece, says string
		limit                  int
	}{
		{"data lines, no blank line", "openai", "data: " + strings.Repeat("x", 1000) + "\n", "sent an event over 1 MB", maxEvent},
		{"one endless line", "openai", strings.Repeat("x", 1000), "sent a line over 1 MB", maxLine},
		{"events without text", "openai", "data: {\"choices\":[{\"delta\":{}}]}\n\n", "sent a reply over " + streamSays, stream},
		{"comments only", "openai", ": keep-alive\n", "sent a reply over " + streamSays, stream},
		{"an answer without end", "openai", "data: {\"choices\":[{\"delta\":{\"content\":\"cheese \"}}]}\n\n", "answer passed 256 KB", MaxAnswerBytes},
		{"Ollama: empty messages", "ollama", `{"message":{"content":""},"done":false}` + "\n", "sent a reply over " + streamSays, stream},
		{"Ollama: an answer without end", "ollama", `{"message":{"content":"cheese "},"done":false}` + "\n", "answer passed 256 KB", MaxAnswerBytes},
		{"Ollama: one endless line", "ollama", `{"message":{"content":"` + strings.Repeat("x", 1000), "sent a line over 1 MB", maxLine},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var written atomic.Int64
			srv := endless(tc.piece, &written)
			defer srv.Close()
			ep, err := NewEndpoint(ServerConfig{URL: srv.URL, API: API(tc.api), Model: "m"})
			if err != nil {
				t.Fatal(err)
			}
			ep.maxStream = stream
			runtime.GC()
			var base runtime.MemStats
			runtime.ReadMemStats(&base)
			peak := heapPeak()
			t0 := time.Now()
			streamed := 0
			res, err := ep.Chat(context.Background(), ChatRequest{Messages: []Message{{Role: "user", Content: "q"}}}, func(s string) { streamed += len(s) })
			took := time.Since(t0)
			grew := peak() - base.HeapAlloc
			t.Logf("stopped after %v: server wrote %.1f MB, heap grew at most %.1f MB, answer %d bytes: %v",
				took.Round(time.Millisecond), float64(written.Load())/(1<<20), float64(grew)/(1<<20), len(res.Text), err)
			var tl *TooLongError
			if !errors.Is(err, ErrServer) || !errors.As(err, &tl) || tl.Limit != tc.limit || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("err %v, want ErrServer and a *TooLongError at %d saying %q", err, tc.limit, tc.says)
			}
			if !strings.Contains(err.Error(), "the rest was not read") {
				t.Errorf("%q does not say what was cut", err)
			}
			if w := written.Load(); w > int64(tc.limit)+32<<20 {
				t.Errorf("the server wrote %d MB before the client stopped reading", w>>20)
			}
			if grew > 96<<20 {
				t.Errorf("the heap grew by %d MB", grew>>20)
			}
			if len(res.Text) > MaxAnswerBytes || streamed != len(res.Text) {
				t.Errorf("answer %d bytes, streamed %d", len(res.Text), streamed)
			}
		})
	}
}

// heapPeak samples the heap until the returned function is called, which
// reports the largest HeapAlloc seen.
func heapPeak() func() uint64 {
	var top atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > top.Load() {
				top.Store(m.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		return top.Load()
	}
}
