package use

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// smallVocab exercises the JS tokenizer's quirks: a null score (c), a
// piece listed twice (b: the second, id 13, wins), reserved pieces never
// matched ("<s>"), zero-score paths, and an exact tie (p+q vs pq: the
// later start wins).
const smallVocab = `[["�",0],["<s>",0],["</s>",0],["e1",0],["e2",0],["e3",0],
 ["▁a",-1],["a",-2],["b",-2],["▁ab",-2.5],["▁",-3],["c",null],["ab",-1],["b",-5],["▁c",-0.5],["ca",-4],
 ["p",-1],["q",-1],["pq",-2]]`

func smallTokenizer(t testing.TB) *Tokenizer {
	t.Helper()
	p := filepath.Join(t.TempDir(), "vocab.json")
	if err := os.WriteFile(p, []byte(smallVocab), 0o644); err != nil {
		t.Fatal(err)
	}
	tok, err := LoadTokenizer(p)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// smallVocabCases are ids computed by @energetic-ai/embeddings 0.2.0's
// Tokenizer.encode on smallVocab (testdata/tokenize.js);
// TestReferenceSmallVocab recomputes them when node is available.
func smallVocabCases() []struct {
	in   string
	want []int64
} {
	return []struct {
		in   string
		want []int64
	}{
		{"ab", []int64{9}},
		{"a b", []int64{6, 10, 13}},
		{"abc", []int64{9, 11}},
		{"cab", []int64{14, 12}},
		{"xyz", []int64{10, 0}}, // unknowns merge
		{"x", []int64{10, 0}},
		{"", nil},
		{" ", []int64{10, 10}},
		{"a\tb", []int64{6, 0, 13}}, // tab is not a space
		{"ＡＢ", []int64{10, 0}},      // NFKC → "AB", unknown
		{"😀a", []int64{10, 0, 7}},   // astral character: one unknown
		{"bb", []int64{10, 13, 13}},
		{"ab ab", []int64{9, 9}},
		{"<s>", []int64{10, 0}}, // reserved pieces are not matched
		{"c c", []int64{14, 14}},
		{"a😀😀b", []int64{6, 0, 13}},
		{"ﬀ", []int64{10, 0}},
		{"ca", []int64{14, 7}},
		{"cca", []int64{14, 11, 7}}, // null score counts as 0
		{"aca", []int64{6, 11, 7}},
		{"pq", []int64{10, 16, 17}}, // tie: ▁ p q and ▁ pq both score −5
		{"pqp", []int64{10, 16, 17, 16}},
	}
}

func TestEncodeSmallVocab(t *testing.T) {
	tok := smallTokenizer(t)
	for _, c := range smallVocabCases() {
		if got := tok.Encode(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Encode(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestLoadTokenizerErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadTokenizer(filepath.Join(dir, "missing.json")); !errors.Is(err, ErrModelMissing) {
		t.Errorf("missing file: %v, want ErrModelMissing", err)
	}
	for name, body := range map[string]string{
		"not json":      `[["a", 1]`,
		"three fields":  `[["a",0,1],["b",0],["c",0],["d",0],["e",0],["f",0],["g",0]]`,
		"score string":  `[["a","x"],["b",0],["c",0],["d",0],["e",0],["f",0],["g",0]]`,
		"only reserved": `[["a",0],["b",0],["c",0]]`,
		"empty unknown": `[["",0],["b",0],["c",0],["d",0],["e",0],["f",0],["g",0]]`,
	} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".json")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadTokenizer(p); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestEncodeRealVocab spot-checks the real vocabulary (ids from
// reference.js); TestReference checks 128 texts.
func TestEncodeRealVocab(t *testing.T) {
	dir := realModelDir(t)
	tok, err := LoadTokenizer(filepath.Join(dir, VocabFile))
	if err != nil {
		t.Fatal(err)
	}
	if tok.VocabSize() != 8000 {
		t.Errorf("VocabSize = %d, want 8000", tok.VocabSize())
	}
	for in, want := range map[string][]int64{
		"How many people live in Berlin?": {728, 212, 95, 491, 15, 2113, 850, 54},
		"café":                            {976, 209, 1133},
		"Total: 25”5 inches":              {6877, 57, 1144, 4464, 5338}, // ”5 is listed three times; the last id wins
		"I ❤️ pizza 🍕 and 🎉!":             {16, 30, 0, 6077, 30, 0, 12, 30, 0, 78},
		"ﬁnance ﬂow ﬀ":                    {4900, 1807, 30, 1266},
	} {
		if got := tok.Encode(in); !slices.Equal(got, want) {
			t.Errorf("Encode(%q) = %v, want %v", in, got, want)
		}
	}
}

// FuzzEncode: never panics, ids are in range, no two unknowns in a row,
// and a non-empty text gives at least one id.
func FuzzEncode(f *testing.F) {
	for _, s := range []string{"", "ab", "a\tb c", "東京", "😀😃", "\xff\xfe", "  x  ", "\u0301", "ＡＢ"} {
		f.Add(s)
	}
	tok := smallTokenizer(f)
	f.Fuzz(func(t *testing.T, s string) {
		ids := tok.Encode(s)
		for i, id := range ids {
			if id < 0 || int(id) >= tok.VocabSize() || (id > 0 && id < reservedPieces) {
				t.Fatalf("Encode(%q) = %v: id %d out of range", s, ids, id)
			}
			if i > 0 && id == 0 && ids[i-1] == 0 {
				t.Fatalf("Encode(%q) = %v: consecutive unknowns", s, ids)
			}
		}
		if len(normalizeInput(s)) > 0 && len(ids) == 0 {
			t.Fatalf("Encode(%q) gave no ids", s)
		}
		if !utf8.ValidString(normalizeInput(s)) {
			t.Fatalf("normalizeInput(%q) is not valid UTF-8", s)
		}
	})
}
