package search

import (
	"context"
	"slices"
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
	if !slices.Equal(r.Scope, []uint64{gm19, gm22}) {
		t.Errorf("no year asked: scope %v, want both General Mills filings", r.Scope)
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
