package bert

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// hfFixture holds ids that Hugging Face's own tokenizers library gave for
// texts and (query, passage) pairs, configured as the real models'
// tokenizer.json. scripts/tokref/gen.js writes it; see there for how the
// texts are chosen.
const hfFixture = "testdata/hf-wordpiece.jsonl.gz"

// hfCase is one line of the fixture. A text is inline or a byte range of
// a pdfcorpus reference text (the corpus is read, never copied).
type hfCase struct {
	Kind string  `json:"kind"`
	Max  int     `json:"max"` // 0: Tokenize, no special tokens; else Encode/EncodePairs at this MaxLen
	A    hfText  `json:"a"`
	B    *hfText `json:"b"`
	IDs  []int64 `json:"ids"`
	T1   int     `json:"t1"` // pairs: index of the first type-1 token
}

type hfText struct {
	Text       *string  `json:"text"`
	Codepoints *[2]rune `json:"codepoints"` // every code point of [lo, hi], see codepointText
	File       string   `json:"file"`
	Off        int      `json:"off"`
	Len        int      `json:"len"`
	SHA        string   `json:"sha"` // first 16 hex digits of the range's sha256
}

// TestConformsToHuggingFace checks every id of every fixture case.
func TestConformsToHuggingFace(t *testing.T) {
	cases := readHFFixture(t)
	corpus := sharedDir(t, "pdfcorpus", "reference-text")
	toks := map[int]*Tokenizer{}
	tokFor := func(max int) *Tokenizer {
		if toks[max] == nil {
			toks[max] = newTestTokenizer(t, max)
		}
		return toks[max]
	}
	kinds := map[string][2]int{} // kind → equal, total
	var texts, pairs, codepoints, ids, skipped int
	for i, c := range cases {
		a, okA := c.A.resolve(t, corpus)
		b, okB := "", true
		if c.B != nil {
			b, okB = c.B.resolve(t, corpus)
		}
		if !okA || !okB {
			skipped++
			continue
		}
		got, t1 := encodeCase(tokFor(max(c.Max, DefaultMaxLen)), tokFor(c.Max), c, a, b)
		k := kinds[c.Kind]
		k[1]++
		if slices.Equal(got, c.IDs) && (c.B == nil || t1 == c.T1) {
			k[0]++
		} else if k[1]-k[0] <= 5 {
			t.Errorf("case %d (%s, max %d) %q / %q:\n got %v (type 1 from %d)\nwant %v (type 1 from %d)",
				i, c.Kind, c.Max, clip(a), clip(b), got, t1, c.IDs, c.T1)
		}
		kinds[c.Kind] = k
		switch {
		case c.A.Codepoints != nil:
			codepoints += int(c.A.Codepoints[1]-c.A.Codepoints[0]) + 1
		case c.B == nil:
			texts++
		default:
			pairs++
		}
		ids += len(c.IDs)
	}
	for kind, k := range kinds {
		t.Logf("%-16s %4d/%4d cases equal", kind, k[0], k[1])
		if k[0] != k[1] {
			t.Errorf("%s: %d of %d cases differ from Hugging Face", kind, k[1]-k[0], k[1])
		}
	}
	t.Logf("%d texts, %d pairs and every code point (%d, surrogates aside): %d ids checked against Hugging Face tokenizers",
		texts, pairs, codepoints-0x800, ids)
	if skipped > 0 {
		t.Logf("%d cases of PDF text not checked: the corpus is not beside the checkout", skipped)
	}
	if texts+pairs < 2000 {
		t.Errorf("only %d cases checked, want at least 2,000", texts+pairs)
	}
}

func encodeCase(full, tok *Tokenizer, c hfCase, a, b string) (ids []int64, t1 int) {
	switch {
	case c.Max == 0:
		return full.Tokenize(a), 0
	case c.B == nil:
		ids, _, _ = tok.Encode([]string{a}).Row(0)
		return ids, 0
	default:
		ids, _, typ := tok.EncodePairs(a, []string{b}).Row(0)
		return ids, slices.Index(typ, 1)
	}
}

func readHFFixture(t *testing.T) []hfCase {
	t.Helper()
	f, err := os.Open(hfFixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", hfFixture, err)
	}
	var cases []hfCase
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var c hfCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s line %d: %v", hfFixture, len(cases)+1, err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", hfFixture, err)
	}
	return cases
}

// resolve returns the case's text; false when it is PDF text and the
// corpus is absent. A range whose bytes changed fails the test: the
// fixture must be regenerated.
func (x hfText) resolve(t *testing.T, corpus string) (string, bool) {
	t.Helper()
	if x.Text != nil {
		return *x.Text, true
	}
	if x.Codepoints != nil {
		return codepointText(x.Codepoints[0], x.Codepoints[1]), true
	}
	if corpus == "" {
		return "", false
	}
	data, err := os.ReadFile(filepath.Join(corpus, x.File))
	if err != nil {
		t.Fatalf("fixture text: %v", err)
	}
	if x.Off+x.Len > len(data) {
		t.Fatalf("fixture text %s [%d:+%d] is past the end: regenerate the fixture (scripts/tokref)", x.File, x.Off, x.Len)
	}
	s := data[x.Off : x.Off+x.Len]
	if sum := sha256.Sum256(s); hex.EncodeToString(sum[:])[:16] != x.SHA {
		t.Fatalf("fixture text %s [%d:+%d] changed: regenerate the fixture (scripts/tokref)", x.File, x.Off, x.Len)
	}
	return string(s), true
}

// sharedDir is ../shared/<elem...> beside the module root, or "" (logged)
// when it is absent.
func sharedDir(t testing.TB, elem ...string) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(append([]string{root, "..", "shared"}, elem...)...)
	if !fileExists(p) {
		t.Logf("%s is absent: its parts are not checked", p)
		return ""
	}
	return p
}

// codepointText is the text of a "codepoints" case, as gen.js builds it:
// each code point of [lo, hi] but surrogates between two x's, the words
// separated by spaces, so that what happens to each shows in the ids.
func codepointText(lo, hi rune) string {
	var b strings.Builder
	for r := lo; r <= hi; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		b.WriteByte('x')
		b.WriteRune(r)
		b.WriteString("x ")
	}
	return b.String()
}

func clip(s string) string {
	if len(s) > 80 {
		return fmt.Sprintf("%s… (%d bytes)", s[:80], len(s))
	}
	return s
}
