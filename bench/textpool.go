package bench

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"quire/eval"
	"quire/ingest"
)

// TextPool is real sentences, from the shared reference texts, the
// SciFact abstracts and the evaluation PDFs' text, for building large
// libraries of distinct documents: each synthetic document draws its
// sentences at random, so its chunks are new combinations of real prose,
// numbers and tables, with the vocabulary and term statistics of real
// documents.
type TextPool struct {
	Sentences []string
}

// LoadTextPool reads the pool cached in cacheFile, or builds it from the
// shared data (extracting the evaluation PDFs with Quire's reader, a
// minute or so) and caches it.
func LoadTextPool(ctx context.Context, shared, cacheFile string) (*TextPool, error) {
	if p, err := readPool(cacheFile); err == nil {
		return p, nil
	}
	var texts []string
	refs, _ := filepath.Glob(filepath.Join(shared, "pdfcorpus", "reference-text", "*.txt"))
	for _, f := range refs {
		if b, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(b))
		}
	}
	if b, err := eval.LoadBEIR(filepath.Join(shared, "evaldata", "scifact"), "test"); err == nil {
		for _, d := range b.Corpus {
			texts = append(texts, d.Title+". "+d.Text)
		}
	}
	err := filepath.WalkDir(filepath.Join(shared, "evaldata"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".pdf") {
			return err
		}
		res, err := ingest.Extract(ctx, p, ingest.Options{})
		if err != nil {
			return nil // an unreadable file only leaves its text out
		}
		for _, pg := range res.Pages {
			texts = append(texts, pg.Text)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("text pool: %w", err)
	}
	p := &TextPool{}
	for _, t := range texts {
		p.Sentences = append(p.Sentences, sentences(t)...)
	}
	if len(p.Sentences) < 1000 {
		return nil, fmt.Errorf("text pool: only %d sentences in %s", len(p.Sentences), shared)
	}
	if err := writePool(cacheFile, p); err != nil {
		return nil, err
	}
	return p, nil
}

// sentences cuts text at sentence ends and blank lines into pieces of 4
// to 80 words, one line each.
func sentences(text string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) >= 4 && len(cur) <= 80 {
			out = append(out, strings.Join(cur, " "))
		}
		cur = cur[:0]
	}
	for _, para := range strings.Split(text, "\n\n") {
		for _, w := range strings.Fields(para) {
			if !isPrintable(w) {
				continue
			}
			cur = append(cur, w)
			if strings.HasSuffix(w, ".") || strings.HasSuffix(w, "?") || strings.HasSuffix(w, "!") {
				flush()
			}
		}
		flush()
	}
	return out
}

func isPrintable(w string) bool {
	for _, r := range w {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

func readPool(path string) (*TextPool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p := &TextPool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		p.Sentences = append(p.Sentences, sc.Text())
	}
	if err := sc.Err(); err != nil || len(p.Sentences) == 0 {
		return nil, fmt.Errorf("text pool %s: %v", path, err)
	}
	return p, nil
}

func writePool(path string, p *TextPool) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(p.Sentences, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Document makes synthetic document i: 8 to 15 pages of about 300 words
// each, drawn from the pool with a generator seeded by i, so that the
// same i always gives the same document.
func (p *TextPool) Document(i int) []string {
	rng := rand.New(rand.NewPCG(uint64(i), 0x5ca1e))
	pages := make([]string, 8+rng.IntN(8))
	for k := range pages {
		var b strings.Builder
		words := 0
		for words < 300 {
			s := p.Sentences[rng.IntN(len(p.Sentences))]
			b.WriteString(s)
			b.WriteString(" ")
			words += strings.Count(s, " ") + 1
			if rng.IntN(6) == 0 {
				b.WriteString("\n\n")
			}
		}
		pages[k] = b.String()
	}
	return pages
}
