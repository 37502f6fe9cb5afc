package search

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestDocName(t *testing.T) {
	for _, c := range []struct {
		file, name string
		year       int
	}{
		{"GENERALMILLS_2019_10K.pdf", "generalmills", 2019},
		{"JOHNSON_JOHNSON_2023Q2_EARNINGS.pdf", "johnsonjohnson", 2023},
		{"3M_2018_10K.pdf", "3m", 2018},
		{"AMCOR_2022_8K_dated-2022-07-01.pdf", "amcor", 2022},
		{"lifeway-foods-inc_2019.pdf", "lifewayfoods", 2019},
		{"zentara_robotics_handbook.pdf", "zentararoboticshandbook", 0},
		{"Northwind_Standard_Benefits_Details.pdf", "northwindstandardbenefitsdetails", 0},
	} {
		name, year := docName(c.file)
		if name != c.name || year != c.year {
			t.Errorf("docName(%q) = %q, %d; want %q, %d", c.file, name, year, c.name, c.year)
		}
	}
}

func TestNamedDocumentsScopeTheSearch(t *testing.T) {
	fin := "Revenue for the fiscal year was reported in the consolidated statements of operations."
	f := newFixture(t, nil)
	gm19 := f.add(t, "GENERALMILLS_2019_10K.pdf", fin, "General Mills net sales were $16,865 million.")
	gm22 := f.add(t, "GENERALMILLS_2022_10K.pdf", fin, "General Mills net sales were $18,992 million.")
	pep := f.add(t, "PEPSICO_2022_10K.pdf", fin, "Net sales were $86,392 million. Net sales net sales revenue.")
	s := f.searcher(Models{}, Options{})
	ctx := context.Background()

	r, err := s.Search(ctx, Query{Text: "What were General Mills' net sales in FY2019?"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Scope, []uint64{gm19}) {
		t.Fatalf("scope %v, want only GENERALMILLS_2019 (%d)", r.Scope, gm19)
	}
	for _, h := range r.Hits {
		if h.Doc.ID != gm19 {
			t.Errorf("hit from %s outside the named document", h.Doc.Name)
		}
	}
	r, err = s.Search(ctx, Query{Text: "General Mills net sales"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Scope, []uint64{gm22}) || !slices.Equal(r.Earlier, []uint64{gm19}) {
		t.Errorf("no year asked: scope %v, earlier %v; want the latest General Mills filing (%d), the 2019 one (%d) left out", r.Scope, r.Earlier, gm22, gm19)
	}
	r, err = s.Search(ctx, Query{Text: "General Mills net sales", All: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Scope != nil || !slices.ContainsFunc(r.Hits, func(h Hit) bool { return h.Doc.ID == pep }) {
		t.Errorf("All: scope %v; want the whole library searched, PepsiCo included", r.Scope)
	}
	r, err = s.Search(ctx, Query{Text: "Which company reported net sales of $86,392 million?"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Scope != nil {
		t.Errorf("a question naming no document was scoped to %v", r.Scope)
	}
}

// A company is often named the short way: "MGM" for MGMRESORTS_…, "JnJ"
// or "J&J" for JOHNSON_JOHNSON_…. A capitalised word that begins the
// names of many files ("PDF") names none of them, and an English word in
// capitals ("CAN") is no abbreviation.
func TestAbbreviationNamesTheDocument(t *testing.T) {
	fin := "Revenue can be restated: it was reported in the consolidated statements of operations."
	f := newFixture(t, nil)
	mgm22 := f.add(t, "MGMRESORTS_2022Q4_EARNINGS.pdf", fin, "Las Vegas Strip net revenues rose.")
	mgm18 := f.add(t, "MGMRESORTS_2018_10K.pdf", fin, "Las Vegas Strip net revenues fell.")
	jnj := f.add(t, "JOHNSON_JOHNSON_2022_10K.pdf", fin, "Pharmaceutical sales grew.")
	f.add(t, "CANON_2022_10K.pdf", fin, "Camera sales grew.")
	f.add(t, "pdfjs-annotation.pdf", "A PDF file with an annotation.", fin)
	f.add(t, "pdfminer-simple.pdf", "A simple PDF file.", fin)
	s := f.searcher(Models{}, Options{})
	for _, c := range []struct {
		q    string
		want []uint64
	}{
		{"Which region had the highest revenue for MGM during FY2022?", []uint64{mgm22}},
		{"How did MGM's revenue change?", []uint64{mgm22, mgm18}},
		{"How did JnJ's pharmaceutical sales grow in FY2022?", []uint64{jnj}},
		{"How did J&J's pharmaceutical sales grow?", []uint64{jnj}},
		{"How do I annotate a PDF?", nil},
		{"CAN revenue be restated?", nil},
	} {
		r, err := s.Search(context.Background(), Query{Text: c.q})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(r.Scope, c.want) {
			t.Errorf("%q: scope %v, want %v", c.q, r.Scope, c.want)
		}
	}
}

// A filing of another kind is not superseded by a later one: a 2021 10-K
// and a 2023 10-Q of one company are both searched, and a 10-Q by the
// 10-Q of a later year is. A name without a year is kept.
func TestLatestFilingOfEachKind(t *testing.T) {
	for _, c := range []struct {
		names []string
		want  []string
	}{
		{[]string{"PFIZER_2021_10K.pdf", "Pfizer_2023Q2_10Q.pdf"}, []string{"PFIZER_2021_10K.pdf", "Pfizer_2023Q2_10Q.pdf"}},
		{[]string{"BESTBUY_2017_10K.pdf", "BESTBUY_2023_10K.pdf", "BESTBUY_2024Q2_10Q.pdf"}, []string{"BESTBUY_2023_10K.pdf", "BESTBUY_2024Q2_10Q.pdf"}},
		{[]string{"AMCOR_2022_8K_dated-2022-07-01.pdf", "AMCOR_2023Q4_EARNINGS.pdf", "AMCOR_2023_10K.pdf"}, []string{"AMCOR_2022_8K_dated-2022-07-01.pdf", "AMCOR_2023Q4_EARNINGS.pdf", "AMCOR_2023_10K.pdf"}},
		{[]string{"FOOTLOCKER_2022_8K_dated-2022-05-20.pdf", "FOOTLOCKER_2022_8K_dated_2022-08-19.pdf"}, []string{"FOOTLOCKER_2022_8K_dated-2022-05-20.pdf", "FOOTLOCKER_2022_8K_dated_2022-08-19.pdf"}},
		{[]string{"acme_handbook.pdf", "acme_2020.pdf", "acme_2024.pdf"}, []string{"acme_handbook.pdf", "acme_2024.pdf"}},
	} {
		var docs []scopeDoc
		for i, n := range c.names {
			words, year := docWords(n)
			docs = append(docs, scopeDoc{id: uint64(i), name: strings.Join(words, ""), year: year, kind: filingKind(n)})
		}
		var got []string
		for _, d := range docs {
			if !supersededIn(d, docs) {
				got = append(got, c.names[d.id])
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("of %q kept %q, want %q", c.names, got, c.want)
		}
	}
}
