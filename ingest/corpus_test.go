package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
)

// The corpus tests run Extract over every file of the shared PDF robustness
// corpus (../shared/pdfcorpus from the module root) and score the outcomes
// with the corpus README's rule.

// corpusTimeout is the per-file deadline in tests; real use has 120 s.
const corpusTimeout = 20

type manifestEntry struct {
	File      string   `json:"file"`
	Pages     *int     `json:"pages"`
	Flags     []string `json:"flags"`
	Expect    string   `json:"expect"`
	TextChars int      `json:"text_chars"`
	Password  string   `json:"password"`
}

type corpusOutcome struct {
	entry   manifestEntry
	res     *Result
	err     error
	elapsed time.Duration
}

func (o corpusOutcome) kind() string {
	switch {
	case o.err != nil:
		return "error"
	case o.res.TextChars() > 0:
		return "text"
	}
	return "no-text"
}

// acceptable applies the README's scoring rule.
func (o corpusOutcome) acceptable() bool {
	e := o.entry
	got := o.kind()
	has := func(f string) bool { return slices.Contains(e.Flags, f) }
	switch e.Expect {
	case "text":
		return got == "text"
	case "no-text":
		if e.TextChars == 0 {
			return got == "no-text"
		}
		return got != "error"
	case "error":
		switch {
		case has("needs-password"):
			return errors.Is(o.err, ErrPassword)
		case has("not-pdf"):
			return errors.Is(o.err, ErrNotPDF)
		case has("empty"):
			return errors.Is(o.err, ErrEmpty)
		case has("zero-pages"):
			return got == "error"
		}
		return got == "error" || got == "text"
	}
	return false
}

// sharedDir finds ../shared relative to the module root.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(filepath.Dir(d), "shared")
			if _, err := os.Stat(s); err != nil {
				t.Skipf("shared test data not found at %s (it lives beside the module root); skipping", s)
			}
			return s
		}
		if filepath.Dir(d) == d {
			t.Skip("module root not found; skipping tests that need ../shared")
		}
	}
}

var (
	corpusOnce    sync.Once
	corpusResults []corpusOutcome
	corpusWall    time.Duration
)

// runCorpus extracts every corpus file once (two at a time) and caches
// the outcomes for the tests that score them.
func runCorpus(t *testing.T) []corpusOutcome {
	t.Helper()
	corpusOnce.Do(func() {
		start := time.Now()
		corpusResults = extractCorpus(t, Options{Timeout: corpusTimeout}, max(2, runtime.GOMAXPROCS(0)))
		corpusWall = time.Since(start)
	})
	if corpusResults == nil {
		t.Fatal("corpus run failed")
	}
	return corpusResults
}

// corpusManifest reads the corpus manifest, slow files first.
func corpusManifest(t testing.TB) (dir string, entries []manifestEntry) {
	t.Helper()
	dir = filepath.Join(sharedDir(t), "pdfcorpus")
	if _, err := os.Stat(filepath.Join(dir, "manifest.jsonl")); err != nil {
		t.Skipf("pdfcorpus manifest not found in %s; skipping", dir)
	}
	f, err := os.Open(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e manifestEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		entries = append(entries, e)
	}
	// Slow files first, so that they overlap with the many fast ones.
	sort.SliceStable(entries, func(i, j int) bool {
		return slices.Contains(entries[i].Flags, "large") && !slices.Contains(entries[j].Flags, "large")
	})
	return dir, entries
}

// extractCorpus extracts every corpus file with opts, workers at a time.
func extractCorpus(t testing.TB, opts Options, workers int) []corpusOutcome {
	dir, entries := corpusManifest(t)
	out := make([]corpusOutcome, len(entries))
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				e := entries[i]
				t0 := time.Now()
				res, err := Extract(context.Background(), filepath.Join(dir, "files", e.File), opts)
				out[i] = corpusOutcome{entry: e, res: res, err: err, elapsed: time.Since(t0)}
			}
		}()
	}
	for i := range entries {
		work <- i
	}
	close(work)
	wg.Wait()
	return out
}

func TestCorpusOutcomes(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	results := runCorpus(t)
	ok := 0
	var slow []string
	for _, o := range results {
		if o.acceptable() {
			ok++
		} else {
			reason := ""
			if o.err != nil {
				reason = Reason(o.err) + ": " + o.err.Error()
			} else {
				reason = fmt.Sprintf("%d chars, %d pages", o.res.TextChars(), o.res.NumPages)
			}
			t.Logf("MISMATCH %-55s expect %-7s (chars %d, flags %v) got %s: %.200s",
				o.entry.File, o.entry.Expect, o.entry.TextChars, o.entry.Flags, o.kind(), reason)
		}
		if o.err != nil && Reason(o.err) == "" {
			t.Errorf("%s: error without a reason: %v", o.entry.File, o.err)
		}
		// The worker must be killed at the deadline (longer for a long
		// document); allow for start-up and the watchdog's polling.
		limit := (corpusTimeout + 5) * time.Second
		if o.res != nil {
			limit += min(time.Duration(o.res.NumPages)*defaultPerPage, maxPerPageTotal)
		}
		if o.elapsed > limit {
			t.Errorf("%s: took %v, past its %v deadline", o.entry.File, o.elapsed, limit)
		}
		if o.elapsed > 3*time.Second {
			slow = append(slow, fmt.Sprintf("%s %.1fs", o.entry.File, o.elapsed.Seconds()))
		}
	}
	pct := 100 * float64(ok) / float64(len(results))
	t.Logf("corpus: %d/%d acceptable (%.1f%%), wall time %v; slow files: %v", ok, len(results), pct, corpusWall.Round(time.Millisecond), slow)
	if pct < 95 {
		t.Errorf("only %.1f%% of corpus files acceptable, want at least 95%%", pct)
	}
}

// wordsOf lowercases s and splits it on anything but letters and digits.
func wordsOf(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// bagScores compares extracted and reference words as multisets:
// recall = matched/reference words, precision = matched/extracted words.
func bagScores(got, ref []string) (recall, precision float64) {
	want := map[string]int{}
	for _, w := range ref {
		want[w]++
	}
	matched := 0
	for _, w := range got {
		if want[w] > 0 {
			want[w]--
			matched++
		}
	}
	if len(ref) > 0 {
		recall = float64(matched) / float64(len(ref))
	}
	if len(got) > 0 {
		precision = float64(matched) / float64(len(got))
	}
	return recall, precision
}

func TestExtractionQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	results := runCorpus(t)
	refDir := filepath.Join(sharedDir(t), "pdfcorpus", "reference-text")
	type score struct {
		file      string
		recall    float64
		precision float64
	}
	var scores []score
	for _, o := range results {
		if o.entry.Expect != "text" {
			continue
		}
		ref, err := os.ReadFile(filepath.Join(refDir, o.entry.File+".txt"))
		if err != nil {
			t.Errorf("%s: no reference text: %v", o.entry.File, err)
			continue
		}
		var got string
		if o.err == nil {
			got = resultText(o.res)
		}
		r, p := bagScores(wordsOf(got), wordsOf(string(ref)))
		scores = append(scores, score{o.entry.File, r, p})
	}
	if len(scores) == 0 {
		t.Fatal("no reference files scored")
	}
	med := func(get func(score) float64) float64 {
		v := make([]float64, len(scores))
		for i, s := range scores {
			v[i] = get(s)
		}
		sort.Float64s(v)
		return v[len(v)/2]
	}
	medR := med(func(s score) float64 { return s.recall })
	medP := med(func(s score) float64 { return s.precision })
	t.Logf("word recall median %.3f, precision median %.3f over %d files", medR, medP, len(scores))
	sort.Slice(scores, func(i, j int) bool { return scores[i].recall < scores[j].recall })
	for _, s := range scores[:min(10, len(scores))] {
		t.Logf("worst recall   %-55s recall %.3f precision %.3f", s.file, s.recall, s.precision)
	}
	sort.Slice(scores, func(i, j int) bool { return scores[i].precision < scores[j].precision })
	for _, s := range scores[:min(10, len(scores))] {
		t.Logf("worst precision %-55s recall %.3f precision %.3f", s.file, s.recall, s.precision)
	}
	if medR < 0.9 {
		t.Errorf("median word recall %.3f, want >= 0.9", medR)
	}
	if medP < 0.9 {
		t.Errorf("median word precision %.3f, want >= 0.9", medP)
	}
}
