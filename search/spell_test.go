package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// plan is a small benefits booklet with the words a speller can go
// wrong with: "tips" more frequent than "types", "general" (whose stem
// "gener" is one slip from "gendr") more than "gender", and a "cape"
// that "capex" is one letter from.
func plan() map[string][]string {
	var chunks []string
	for i := range 6 {
		chunks = append(chunks,
			fmt.Sprintf("Tips for staying healthy, part %d: general advice and tips from our general practitioners' services.", i),
			fmt.Sprintf("Cape Town office, note %d: the cape of the building and the general entrance.", i))
	}
	chunks = append(chunks,
		"The Standard plan covers all types of hearing care services, including hearing tests and hearing aids.",
		"Other types of hearing care services are covered when a doctor refers you.",
		"Gender affirming care is covered.",
		"Gender affirming surgery needs approval.",
		"Cost of goods sold and capital expenditures are reported each fiscal year.",
		"An Independent Review Organization reviews appeals of denied claims; its materials are sent to you.",
	)
	return map[string][]string{"benefits.pdf": chunks}
}

func TestTyposAreCorrectedToTheDocumentsWords(t *testing.T) {
	s := newFixture(t, plan()).searcher(Models{}, Options{})
	ctx := context.Background()
	for _, c := range []struct {
		question, want string
		fixes          []Correction
	}{
		{
			"What typs of hearin care servises are covered by the Standard plan?",
			"What types of hearing care services are covered by the Standard plan?",
			[]Correction{{"typs", "types"}, {"hearin", "hearing"}, {"servises", "services"}},
		},
		// "gener" is one slip from "gendr" and analyses to the stem of
		// "general", but the documents never write it.
		{"Is gendr affirming care covered?", "Is gender affirming care covered?", []Correction{{"gendr", "gender"}}},
		// A capital stays; a possessive's "'s" too.
		{"Does Hearin's care cover tests?", "Does Hearing's care cover tests?", []Correction{{"Hearin", "Hearing"}}},
		// A name the stemmer finds all the same is written as the
		// documents write it.
		{"What does the Independant Review Organization review?", "What does the Independent Review Organization review?", []Correction{{"Independant", "Independent"}}},
	} {
		r, err := s.Search(ctx, Query{Text: c.question})
		if err != nil {
			t.Fatal(err)
		}
		if r.Corrected != c.want || !slices.Equal(r.Corrections, c.fixes) {
			t.Errorf("%q: searched as %q %v, want %q %v", c.question, r.Corrected, r.Corrections, c.want, c.fixes)
		}
	}
	r, err := s.Search(ctx, Query{Text: "What typs of hearin care servises are covered?"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) == 0 || !strings.Contains(r.Hits[0].Chunk.Text, "types of hearing care") {
		t.Errorf("corrected search found %q", texts(r))
	}
	for _, term := range r.Terms {
		if term.DF == 0 {
			t.Errorf("term %q of the corrected question is in no chunk", term.Text)
		}
	}
	exact, err := s.Search(ctx, Query{Text: "What typs of hearin care servises are covered?", Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	if exact.Corrected != "" || exact.Corrections != nil {
		t.Errorf("an exact search was corrected: %q", exact.Corrected)
	}
}

// Words the index knows, English words it lacks, abbreviations, codes and
// short words are searched as typed, however close a word of the
// documents is.
func TestWordsThatAreNoTyposStay(t *testing.T) {
	s := newFixture(t, plan()).searcher(Models{}, Options{})
	for _, q := range []string{
		"What is the capex of the Cape Town office?",       // jargon, one letter from "cape"
		"What were COGS and EBITDA in FY2022?",             // abbreviations and a fiscal year
		"What is the cape of the general entrance?",        // known words
		"How many tips do the general practitioners give?", // "many": English, in no chunk
		"Does the plan cover Tps, Genral's or gendr-care?", // short words and compounds stay
		"Is the PepsiCo iPhone plan covered?",
		"Were the costs materially independant of the review?", // known stems, not names: searched alike
	} {
		r, err := s.Search(context.Background(), Query{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range r.Corrections {
			if c.From != "Genral" { // the one typo there, corrected
				t.Errorf("%q: %q corrected to %q", q, c.From, c.To)
			}
		}
	}
}

func TestSpellable(t *testing.T) {
	for _, c := range []struct {
		word, letters string
		ok            bool
	}{
		{"hearin", "hearin", true},
		{"Helth", "Helth", true},
		{"Zentara's", "Zentara", true},
		{"typ", "", false},      // too short
		{"COGS", "", false},     // all capitals
		{"PepsiCo", "", false},  // a capital inside
		{"FY2022", "", false},   // digits
		{"pre-auth", "", false}, // a compound
		{"Kündigung", "Kündigung", true},
	} {
		letters, ok := spellable(c.word)
		if letters != c.letters || ok != c.ok {
			t.Errorf("spellable(%q) = %q, %t; want %q, %t", c.word, letters, ok, c.letters, c.ok)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{
		{"typs", "types", 1}, {"tpyes", "types", 1}, {"servises", "services", 1},
		{"hearin", "hearing", 1}, {"capex", "cape", 1}, {"kitten", "sitting", 3}, {"", "abc", 3},
	} {
		if d := editDistance(c.a, c.b); d != c.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, d, c.d)
		}
	}
}

func TestSlipsAreWeighedByTheKeyboard(t *testing.T) {
	weight := map[string]float64{}
	for _, e := range oneEdit("typs") {
		weight[e.word] = max(weight[e.word], e.weight)
	}
	// Meant "types", left out the e; meant "tips", hit y for the far i;
	// meant "tybs", wrote p for b by ear.
	if weight["types"] != leftOutWeight || weight["tips"] != farWeight || weight["tybs"] != soundWeight {
		t.Errorf("types %v, tips %v, tybs %v", weight["types"], weight["tips"], weight["tybs"])
	}
	for _, c := range []struct {
		typed, meant string
		want         float64
	}{
		{"typs", "types", leftOutWeight * slipPrior},
		{"types", "types", 1},
		{"matasteses", "metastases", soundWeight * soundWeight * slipPrior * slipPrior},
		{"uncultured", "cocultured", farWeight * farWeight * slipPrior * slipPrior},
		{"stafff", "staff", slipWeight * slipPrior},
	} {
		if got := slips(c.typed, c.meant); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("slips(%q, %q) = %v, want %v", c.typed, c.meant, got, c.want)
		}
	}
	if !neighbours('s', 'x') || !neighbours('e', 'd') || neighbours('y', 'i') || neighbours('a', 'a') {
		t.Error("QWERTY neighbours wrong")
	}
}

// Of two likely corrections, the one a chunk says with the question's
// other words is taken, though the other is more frequent: "lobor" is
// LIBOR in a question about a rate on a date, not the labor that
// thirty chunks speak of.
func TestTypoCorrectedInContext(t *testing.T) {
	var chunks []string
	for i := range 30 {
		chunks = append(chunks, fmt.Sprintf("Labor costs, note %d: labor relations and the labor force.", i))
	}
	chunks = append(chunks,
		"The notes' interest rate is LIBOR plus 2.05% (2.34% as of October 31, 2009).",
		"The LIBOR-based rate is set quarterly.",
		"The LIBOR benchmark is being replaced.",
		"Swaps pay LIBOR.",
		"LIBOR fell.",
		"Net sales by category, 2019: ProBugs Kefir $ 2,780; Cheese $ 11,459.",
		"Kefir is a cultured milk drink.",
		"Our kefir is made in Illinois.")
	s := newFixture(t, map[string][]string{"filing.pdf": chunks}).searcher(Models{}, Options{})
	for q, want := range map[string]string{
		"What is the lobor rate as of October 31, 2009?": "What is the libor rate as of October 31, 2009?",
		// Alone, the word is the more frequent one.
		"What about lobor?": "What about labor?",
		// "kelir" is one unlikely slip (f for l, far apart) from the
		// kefir of three chunks, too rare a word to be guessed alone; a
		// chunk says it with every other word of the question.
		"What were the net sales of ProBugs Kelir in 2019?": "What were the net sales of ProBugs Kefir in 2019?",
		"What about Kelir?": "",
	} {
		r, err := s.Search(context.Background(), Query{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if r.Corrected != want {
			t.Errorf("%q searched as %q, want %q", q, r.Corrected, want)
		}
	}
}
