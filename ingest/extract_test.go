package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quire/lexicon"
)

func TestMain(m *testing.M) {
	RunWorkerIfRequested()
	os.Exit(m.Run())
}

func corpusFile(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(sharedDir(t), "pdfcorpus", "files", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not found; skipping", p)
	}
	return p
}

func TestReason(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("x.pdf: %w", ErrPassword), "needs a password"},
		{fmt.Errorf("x.pdf: %w", ErrDamaged), "is damaged and could not be read"},
		{fmt.Errorf("x.pdf: %w", ErrNotPDF), "is not a PDF"},
		{fmt.Errorf("x.pdf: %w", ErrEmpty), "is empty"},
		{fmt.Errorf("x.pdf: %w", ErrTimeout), "took too long to read"},
		{fmt.Errorf("x.pdf: %w", ErrTooLarge), "is too large or complex to read"},
		{errors.New("something else"), "could not be read"},
		{nil, ""},
	}
	for _, tc := range tests {
		if got := Reason(tc.err); got != tc.want {
			t.Errorf("Reason(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ﬁnd the ﬂow", "find the flow"},
		{"  many   spaces\there  ", "many spaces here"},
		{"exam-\nple text", "example\ntext"},
		{"well-\nKnown", "well-\nKnown"},
		{"for out-of-\nnetwork care", "for out-of-network\ncare"},
		{"bone-\nanchored aids and other bone-anchored devices", "bone-anchored\naids and other bone-anchored devices"},
		{"pre-\nauthorization", "preauthorization"},
		{"bone-\nanchored hearing aids", "bone-anchored\nhearing aids"},
		{"well-\nbeing", "well-being"},
		{"incomplete-\nness", "incompleteness"},
		{"implemen-\ntation", "implementation"},
		{"health-\ncare and more healthcare", "healthcare\nand more healthcare"},
		{"see self-\ncare and selfcare", "see selfcare\nand selfcare"},
		{"line one\n\n\n\nline two", "line one\n\nline two"},
		{"ctrl\x01char\u00a0nbsp", "ctrlchar nbsp"},
		{"soft\u00adhyphen", "softhyphen"},
	}
	english := lexicon.English()
	for _, tc := range tests {
		if got := normalize(tc.in, english); got != tc.want {
			t.Errorf("normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTeXWordsSpaced checks the known trap: TeX output positions glyphs
// with kerns, so naive extraction glues or splits words. Nearly every
// extracted word must be a word of poppler's reference text.
func TestTeXWordsSpaced(t *testing.T) {
	for _, name := range []string{"pypdf-pdflatex-4-pages.pdf", "pdfjs-tracemonkey.pdf"} {
		t.Run(name, func(t *testing.T) {
			path := corpusFile(t, name)
			ref, err := os.ReadFile(filepath.Join(sharedDir(t), "pdfcorpus", "reference-text", name+".txt"))
			if err != nil {
				t.Skip("no reference text")
			}
			res, err := Extract(context.Background(), path, Options{Timeout: 60})
			if err != nil {
				t.Fatal(err)
			}
			vocab := map[string]bool{}
			for _, w := range wordsOf(string(ref)) {
				vocab[w] = true
			}
			var all strings.Builder
			for _, p := range res.Pages {
				all.WriteString(p.Text + "\n")
			}
			words := wordsOf(all.String())
			known := 0
			var unknown []string
			for _, w := range words {
				if vocab[w] {
					known++
				} else if len(unknown) < 15 {
					unknown = append(unknown, w)
				}
			}
			frac := float64(known) / float64(max(1, len(words)))
			t.Logf("%d words, %.3f in the reference vocabulary; some others: %v", len(words), frac, unknown)
			if len(words) < 1000 || frac < 0.97 {
				t.Errorf("words in reference vocabulary: %.3f of %d, want >= 0.97 of at least 1000", frac, len(words))
			}
		})
	}
}

func TestZentaraHandbook(t *testing.T) {
	path := filepath.Join(sharedDir(t), "evaldata", "zentara", "zentara_robotics_handbook.pdf")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not found; skipping", path)
	}
	res, err := Extract(context.Background(), path, Options{Timeout: 60})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) == 0 || res.Pages[0].Number != 1 {
		t.Fatalf("no page 1 in %d pages", len(res.Pages))
	}
	p1 := res.Pages[0].Text
	// The CTO's name holds a glyph Helvetica lacks, which the PDF draws
	// as ZapfDingbats' black square (code "n"): as poppler shows it, not
	// as the letter n.
	for _, want := range []string{"Iris Kallas", "287", "Employees 287 (as of 1 March 2026)", "CEO Iris Kallas", "CTO Bogdan Vr■biescu"} {
		if !strings.Contains(p1, want) {
			t.Errorf("page 1 lacks %q:\n%s", want, p1)
		}
	}
	// Table rows stay readable: label and value on one line.
	var all strings.Builder
	for _, p := range res.Pages {
		all.WriteString(p.Text + "\n")
	}
	for _, row := range []string{"Mass (unladen) 84.5 kg", "Top travel speed 2.4 m/s"} {
		if !strings.Contains(all.String(), row) {
			t.Errorf("table row %q not found on one line", row)
		}
	}
}

// A compound broken at a line end keeps its hyphen ("bone-" + "anchored"
// on the Standard plan's hearing page, which writes it nowhere else),
// while hyphenation is still undone across the whole plan.
func TestCompoundAtLineEnd(t *testing.T) {
	path := filepath.Join(sharedDir(t), "evaldata", "northwind", "Northwind_Standard_Benefits_Details.pdf")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not found; skipping", path)
	}
	res, err := Extract(context.Background(), path, Options{Timeout: 120})
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, p := range res.Pages {
		all.WriteString(p.Text + "\n")
	}
	text := strings.Join(strings.Fields(all.String()), " ")
	if !strings.Contains(text, "bone-anchored hearing aids") || strings.Contains(text, "boneanchored") {
		t.Errorf("the hearing page does not read \"bone-anchored hearing aids\"")
	}
	// Every word that ends a line with a hyphen in the PDF and is one word
	// joined must read joined: no "-" left before a lower-case word
	// fragment that is not English.
	english := lexicon.English()
	for _, w := range strings.Fields(text) {
		w = strings.Trim(w, wordPunct)
		head, tail, ok := strings.Cut(strings.ToLower(w), "-")
		if ok && !strings.Contains(tail, "-") && len(head) > 3 && len(tail) > 3 && !english.Has(head) && !english.Has(tail) && english.Has(head+tail) {
			t.Errorf("%q reads as a broken word", w)
		}
	}
}

func TestExtractErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		path string
		opts Options
		want error
	}{
		{"empty", write("empty.pdf", nil), Options{}, ErrEmpty},
		{"html", write("page.pdf", []byte("<!DOCTYPE html><html><body>404</body></html>")), Options{}, ErrNotPDF},
		{"too large", write("big.pdf", []byte("%PDF-1.4\n"+strings.Repeat("x", 100))), Options{MaxBytes: 50}, ErrTooLarge},
		{"header only", write("hdr.pdf", []byte("%PDF-1.4\n%%EOF\n")), Options{}, ErrDamaged},
		{"missing file", filepath.Join(dir, "nope.pdf"), Options{}, os.ErrNotExist},
	}
	for _, tc := range tests {
		_, err := Extract(context.Background(), tc.path, tc.opts)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
		if Reason(err) == "" {
			t.Errorf("%s: empty reason", tc.name)
		}
	}
}

func TestPassword(t *testing.T) {
	path := corpusFile(t, "qpdf-enc-r2-v1-u-view-o-master.pdf")
	if _, err := Extract(context.Background(), path, Options{Timeout: 30}); !errors.Is(err, ErrPassword) {
		t.Fatalf("without password: got %v, want ErrPassword", err)
	}
	res, err := Extract(context.Background(), path, Options{Timeout: 30, Password: "view"})
	if err != nil {
		t.Fatalf("with password: %v", err)
	}
	if res.TextChars() == 0 {
		t.Errorf("with password: no text")
	}
}

func TestCancel(t *testing.T) {
	path := corpusFile(t, "synthetic-many-pages-20000.pdf")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := Extract(ctx, path, Options{})
	if !errors.Is(err, ErrCancelled) {
		t.Fatalf("got %v, want ErrCancelled", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("cancellation took %v", d)
	}
}

func TestDeadline(t *testing.T) {
	path := corpusFile(t, "synthetic-many-pages-20000.pdf")
	start := time.Now()
	// No share per page: once the 20,000 pages are counted, it would
	// extend the second by minutes (CI, loaded, counted them in time).
	_, err := Extract(context.Background(), path, Options{Timeout: 1, TimeoutPerPage: -1})
	d := time.Since(start)
	if err != nil && !errors.Is(err, ErrTimeout) {
		t.Fatalf("got %v, want ErrTimeout or success", err)
	}
	if d > 10*time.Second {
		t.Errorf("deadline of 1 s enforced after %v", d)
	}
}
