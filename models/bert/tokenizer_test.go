package bert

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokenizeKnownIDs(t *testing.T) {
	tok := newTestTokenizer(t, 0)
	cases := []struct {
		text string
		want []int64
	}{
		// bert-base-uncased ids, as HuggingFace's tokenizer gives them.
		{"How many people live in Berlin?", []int64{2129, 2116, 2111, 2444, 1999, 4068, 1029}},
		{"café naïve", tok.Tokenize("cafe naive")},                               // accents stripped
		{"x\u00a0\u2003y\t\tz", tok.Tokenize("x y z")},                           // Unicode spaces
		{"line one\r\nline two\rthree", tok.Tokenize("line one line two three")}, // CR/CRLF
		{"ISTANBUL", tok.Tokenize("istanbul")},
		{"İstanbul", tok.Tokenize("istanbul")},   // panics the library's BertNormalizer
		{"a\u0000b\u200bc", tok.Tokenize("abc")}, // NUL and zero-width space dropped
		// Private use (symbol-font bullets in PDFs), \v, \f and U+0085
		// are deleted, not read as spaces: "bullet\uf0b7item" is
		// bullet ##ite ##m, as Hugging Face's tokenizer gives it.
		{"bullet\uf0b7item", []int64{7960, 4221, 2213}},
		{"a\vb\fc\u0085d\U000F0000e", tok.Tokenize("abcde")},
		// Special tokens written in the text are those tokens.
		{"x [SEP] y[MASK]", []int64{1060, 102, 1061, 103}},
		{"[sep] [SEP", tok.Tokenize("[ sep ] [ sep")},
		{"", nil},
	}
	for _, c := range cases {
		if got := tok.Tokenize(c.text); !slices.Equal(got, c.want) {
			t.Errorf("Tokenize(%q) = %v, want %v", c.text, got, c.want)
		}
	}
	// CJK ideographs are words of their own; kana are not split.
	if got := len(tok.Tokenize("東京都")); got != 3 {
		t.Errorf("東京都: %d tokens, want 3", got)
	}
}

func TestEncodeSingle(t *testing.T) {
	tok := newTestTokenizer(t, 0)
	b := tok.Encode([]string{"How many people live in Berlin?", "Berlin"})
	if b.Size != 2 || b.SeqLen != 9 {
		t.Fatalf("size %d seq %d, want 2, 9", b.Size, b.SeqLen)
	}
	wantIDs := []int64{101, 2129, 2116, 2111, 2444, 1999, 4068, 1029, 102, 101, 4068, 102, 0, 0, 0, 0, 0, 0}
	wantMask := []int64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0}
	if !slices.Equal(b.IDs, wantIDs) || !slices.Equal(b.Mask, wantMask) {
		t.Errorf("ids %v mask %v", b.IDs, b.Mask)
	}
	if slices.ContainsFunc(b.TypeIDs, func(x int64) bool { return x != 0 }) {
		t.Errorf("single sequence has type ids %v", b.TypeIDs)
	}
	if !slices.Equal(b.Lengths, []int{9, 3}) {
		t.Errorf("lengths %v", b.Lengths)
	}
}

func TestEncodePairs(t *testing.T) {
	tok := newTestTokenizer(t, 0)
	b := tok.EncodePairs("How many people live in Berlin?", []string{"Berlin is well known for its museums.", ""})
	ids, mask, typ := b.Row(0)
	q := tok.Tokenize("How many people live in Berlin?")
	p := tok.Tokenize("Berlin is well known for its museums.")
	want := append(append(append(append([]int64{101}, q...), 102), p...), 102)
	if !slices.Equal(ids, want) {
		t.Fatalf("pair ids %v, want %v", ids, want)
	}
	for i := range ids {
		wantType := int64(0)
		if i > len(q)+1 {
			wantType = 1
		}
		if typ[i] != wantType || mask[i] != 1 {
			t.Errorf("token %d: type %d mask %d, want type %d mask 1", i, typ[i], mask[i], wantType)
		}
	}
	// An empty passage still gets its [SEP] with type 1.
	ids, _, typ = b.Row(1)
	if n := len(q) + 3; len(ids) != n || ids[n-1] != 102 || typ[n-1] != 1 || typ[n-2] != 0 {
		t.Errorf("empty passage row %v types %v", ids, typ)
	}
	// Padding of the shorter row: type 0, mask 0, [PAD].
	for j := b.Lengths[1]; j < b.SeqLen; j++ {
		k := b.SeqLen + j
		if b.IDs[k] != 0 || b.Mask[k] != 0 || b.TypeIDs[k] != 0 {
			t.Errorf("pad position %d: id %d mask %d type %d", j, b.IDs[k], b.Mask[k], b.TypeIDs[k])
		}
	}
}

func TestTruncation(t *testing.T) {
	tok := newTestTokenizer(t, 16)
	long := strings.Repeat("word ", 100)
	b := tok.Encode([]string{long, "short"})
	if b.SeqLen != 16 || b.Lengths[0] != 16 {
		t.Fatalf("single: seq %d lengths %v, want 16", b.SeqLen, b.Lengths)
	}
	if ids, _, _ := b.Row(0); ids[0] != 101 || ids[15] != 102 {
		t.Errorf("truncated row must keep [CLS] … [SEP]: %v", ids)
	}

	// Pairs: the passage side is cut first; the query only when longer.
	b = tok.EncodePairs("a short query", []string{long})
	ids, _, typ := b.Row(0)
	if len(ids) != 16 || ids[15] != 102 || ids[4] != 102 {
		t.Errorf("pair not cut on the passage side: %v", ids)
	}
	if slices.Index(typ, 1) != 5 {
		t.Errorf("type ids %v", typ)
	}
	b = tok.EncodePairs(long, []string{"tiny passage"})
	ids, _, typ = b.Row(0)
	if len(ids) != 16 || ids[15] != 102 || slices.Index(typ, 1) != 16-3 {
		t.Errorf("long query: ids %v types %v, want the query cut to leave the 2-token passage", ids, typ)
	}

	for _, c := range []struct{ lq, lp, budget, wq, wp int }{
		// Hugging Face's longest_first: the shorter side whole when the
		// longer can take the rest, else halves with the odd token to the
		// longer side (the passage on a tie).
		{3, 100, 13, 3, 10}, {100, 2, 13, 11, 2}, {5, 5, 13, 5, 5}, {6, 7, 13, 6, 7}, {7, 6, 13, 7, 6},
		{100, 100, 13, 6, 7}, {7, 7, 13, 6, 7}, {100, 50, 13, 7, 6}, {50, 100, 13, 6, 7}, {100, 100, 12, 6, 6},
	} {
		if q, p := fitPair(c.lq, c.lp, c.budget); q != c.wq || p != c.wp {
			t.Errorf("fitPair(%d, %d, %d) = %d, %d; want %d, %d", c.lq, c.lp, c.budget, q, p, c.wq, c.wp)
		}
	}
}

func TestBenchWordsAreSingleTokens(t *testing.T) {
	tok := newTestTokenizer(t, 0)
	for _, w := range benchWords() {
		if n := len(tok.Tokenize(w)); n != 1 {
			t.Errorf("bench word %q is %d tokens", w, n)
		}
	}
}

// FuzzTokenize checks that no input panics or breaks the batch layout.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"İstanbul İİİ i̇", "日本語のテキスト、中文字符。한국어", "emoji 😀👍🏽👨‍👩‍👧 ✔︎", "tabs\t\t\tand\r\n\r\nCRLF\r",
		strings.Repeat(" ", 300) + "x" + strings.Repeat("\u3000", 100), "\u00a0\u2003\u2028\u2029\u200b\ufeff",
		"ﬁ ǅ ß ẞ Σσς", "\x00\xff\xfe invalid utf8 \xc3", strings.Repeat("a", 500), "Ａｂｃ ＡＢＣ", "e\u0301\u0301\u0301",
		"[CLS] [SEP] [PAD] [MASK] ##ing", "",
	} {
		f.Add(s, "query")
	}
	tok := newTestTokenizer(f, 32)
	f.Fuzz(func(t *testing.T, text, query string) {
		ids := tok.Tokenize(text)
		for _, id := range ids {
			if id < 0 || id >= 30522 {
				t.Fatalf("id %d out of vocabulary for %q", id, text)
			}
		}
		if utf8.ValidString(text) && strings.TrimSpace(text) == "" && len(ids) != 0 {
			t.Fatalf("blank %q gave %v", text, ids)
		}
		b := tok.EncodePairs(query, []string{text, "x"})
		if b.SeqLen > 32 || len(b.IDs) != b.Size*b.SeqLen {
			t.Fatalf("bad batch for %q: seq %d", text, b.SeqLen)
		}
		for i := range b.Size {
			ids, mask, _ := b.Row(i)
			if ids[0] != 101 || ids[len(ids)-1] != 102 || slices.Contains(mask, 0) {
				t.Fatalf("row %d of %q: %v", i, text, ids)
			}
		}
		s := tok.Encode([]string{text})
		if s.Lengths[0] > 32 || s.IDs[0] != 101 {
			t.Fatalf("single %q: %v", text, s.IDs)
		}
	})
}
