package llm

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// A server whose bytes keep coming, though no line ends for longer than
// IdleTimeout, is not "silent": only a stream with no byte at all is.
func TestIdleCountsBytesNotLines(t *testing.T) {
	line := `{"message":{"role":"assistant","content":"The fee is 40 euros."},"done":false}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ndjson")
		w.WriteHeader(http.StatusOK)
		for i := range len(line) { // one byte every 20 ms: 1.6 s for the line
			w.Write([]byte{line[i]})
			w.(http.Flusher).Flush()
			time.Sleep(20 * time.Millisecond)
		}
		w.Write([]byte("\n" + `{"message":{"role":"assistant","content":""},"done":true}` + "\n"))
	}))
	defer srv.Close()
	ep, err := NewEndpoint(ServerConfig{URL: srv.URL, API: APIOllama, Model: "m"})
	if err != nil {
		t.Fatal(err)
	}
	ep.IdleTimeout = 300 * time.Millisecond
	res, err := ep.Chat(context.Background(), ChatRequest{Messages: []Message{{Role: "user", Content: "fee?"}}}, nil)
	if err != nil || !strings.Contains(res.Text, "40 euros") {
		t.Fatalf("a slow but steady line: %q, %v", res.Text, err)
	}
}
