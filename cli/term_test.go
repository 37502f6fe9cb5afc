package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/llm/llmtest"
)

func TestTermWriter(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain text, tabs\tand\nlines\n", "plain text, tabs\tand\nlines\n"},
		{"\x1b[31mred\x1b[0m and \x1b[1;38;5;196mbold\x1b[m", "red and bold"},
		{"title\x1b]0;pwned\x07 set, \x1b]2;again\x1b\\ twice", "title set,  twice"},
		{"erase\x1b[2K\rline\x1b[1A up", "eraseline up"},
		{"charset \x1b(Bback, keypad \x1b=on, \x1b7saved", "charset back, keypad on, saved"},
		{"c1 \u009b31mcsi\u009d0;t\u0007 osc \u0085nel", "c1 csi osc nel"},
		{"bell\x07 del\x7f nul\x00 bs\b", "bell del nul bs"},
		{"hyperlink \x1b]8;;http://x\x1b\\text\x1b]8;;\x1b\\", "hyperlink text"},
		{"unended \x1b]0;title\nnext line", "unended \nnext line"},
		{"not utf-8 \xff\xfe ok, €4,800 — Ünïcödé", "not utf-8 \ufffd\ufffd ok, €4,800 — Ünïcödé"},
	} {
		var whole bytes.Buffer
		w := newTermWriter(&whole)
		if n, err := w.Write([]byte(tt.in)); n != len(tt.in) || err != nil {
			t.Errorf("Write(%q) = %d, %v", tt.in, n, err)
		}
		if whole.String() != tt.want {
			t.Errorf("%q: wrote %q, want %q", tt.in, whole.String(), tt.want)
		}
		// Cut anywhere, as streamed tokens are: the same.
		for i := 0; i <= len(tt.in); i++ {
			for j := i; j <= len(tt.in); j++ {
				var b bytes.Buffer
				w := newTermWriter(&b)
				w.Write([]byte(tt.in[:i]))
				w.Write([]byte(tt.in[i:j]))
				w.Write([]byte(tt.in[j:]))
				if b.String() != tt.want {
					t.Fatalf("%q cut at %d, %d: wrote %q, want %q", tt.in, i, j, b.String(), tt.want)
				}
			}
		}
	}
}

// A crafted file name and a crafted LLM reply reach the terminal without
// their control sequences: nothing can recolour the text, set the
// window's title or erase a line.
func TestOutputHasNoControlSequences(t *testing.T) {
	handbook := filepath.Join(zentara(t), "zentara_robotics_handbook.pdf")
	data, err := os.ReadFile(handbook)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	name := "evil\x1b]0;pwned\x07\x1b[31mred\x1b[2K\r.pdf"
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	db := t.TempDir()
	clean := func(what, s string) {
		t.Helper()
		if i := strings.IndexFunc(s, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f }); i >= 0 {
			t.Errorf("%s writes control character %q: %q", what, s[i], s)
		}
	}
	for _, args := range [][]string{{"ingest", "--db", db, dir}, {"docs", "--db", db}, {"ask", "--db", db, "Who is the CEO of Zentara Robotics?"}} {
		var out, errOut bytes.Buffer
		if code := Main(args, &out, &errOut); code != 0 {
			t.Fatalf("quire %s: exit %d: %s", args[0], code, errOut.String())
		}
		clean("quire "+args[0], out.String())
		clean("quire "+args[0]+" (stderr)", errOut.String())
		if !strings.Contains(out.String(), "evilred.pdf") {
			t.Errorf("quire %s does not name evilred.pdf:\n%s", args[0], out.String())
		}
	}
	var errOut bytes.Buffer
	Main([]string{"remove", "--db", db, "99\x1b]0;x\x07"}, &bytes.Buffer{}, &errOut)
	clean("quire remove (an error)", errOut.String())

	// A reply whose escape sequences are cut between tokens, streamed.
	fake := llmtest.New(llmtest.Ollama, []string{"qwen2.5:3b"}, func(llmtest.Call) llmtest.Script {
		return llmtest.Script{Tokens: []string{"The Enterprise tier", "\x1b", "]0;owned", "\x07 costs \x1b[", "31m€4,800\x1b", "[0m a month\r\x1b[2K", " [1]."}}
	})
	defer fake.Close()
	var out bytes.Buffer
	errOut.Reset()
	if code := Main([]string{"ask", "--db", handbookDB(t), "--llm", fake.URL, "--llm-model", "qwen2.5:3b", "What is the monthly fee of the Enterprise tier?"}, &out, &errOut); code != 0 {
		t.Fatalf("ask: exit %d: %s", code, errOut.String())
	}
	clean("the streamed answer", out.String())
	if !strings.HasPrefix(out.String(), "The Enterprise tier costs €4,800 a month [1].\n") {
		t.Errorf("streamed answer:\n%q", out.String())
	}
}
