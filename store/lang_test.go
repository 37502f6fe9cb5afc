package store

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"testing"
)

// A document in German is indexed with the German analyzer besides the
// English one: another inflection of a word finds it. English documents
// are searched as before.
func TestLanguageFields(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	en := addDoc(t, s, "lease.pdf", "e1", "The notice period is three months.")
	if got := searchIDs(t, s, "Kündigungsfristen"); len(got) != 0 {
		t.Fatalf("English library: %v", got)
	}
	de, err := s.AddDocument(Document{Name: "mietvertrag.pdf", Hash: "d1", Status: StatusIndexed, Lang: "de"},
		[]Chunk{{PageStart: 1, PageEnd: 1, Text: "Die Kündigungsfrist beträgt drei Monate zum Quartalsende."}})
	if err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, s, "Welche Kündigungsfristen gelten?"); len(got) != 1 || got[0] != ChunkID(de.ID, 0) {
		t.Fatalf("German inflection: %v", got)
	}
	if got := searchIDs(t, s, "notice periods"); len(got) != 1 || got[0] != ChunkID(en.ID, 0) {
		t.Fatalf("English beside German: %v", got)
	}
	// The languages are known again after reopening, and the index is
	// rebuilt with them if lost.
	s.Close()
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.rebuildIndex(); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, s, "Kündigungsfristen"); len(got) != 1 {
		t.Fatalf("after reopening and rebuilding: %v", got)
	}
	if err := s.RemoveDocument(de.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := s.langs.present(); err != nil || len(got) != 0 {
		t.Errorf("languages after removing the German document: %v", got)
	}
	s.Close()
}

// An English question is matched in the English field alone, where every
// chunk is: analysed as Portuguese too, "list" found "Lista de variáveis"
// and a survey's "7" outranked the Magpie-7's price in a library of 364
// documents (the growing library's zentara page hit@5 fell to 0.25).
func TestEnglishQuestionBesideOtherLanguages(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	en := addDoc(t, s, "handbook.pdf", "e1", "Specification Value\nMass 84.5 kg\nTop travel speed 2.4 m/s\nBattery Lithium iron phosphate, 1.8 kWh\nRuntime per charge 9.5 hours typical, 6 hours peak\nOperating temperature -5 °C to 40 °C\nIP rating IP54\nOnboard compute NVIDIA Jetson Orin NX, 16 GB\nPick success rate 99.2% (verified across 1.2 M picks in pilot)\nList price (EUR) €68,400 per unit\nSubscription option €2,150 / month, 36-month term\nWarranty 24 months parts and labour")
	for i := range 200 { // more English text, as in any library
		addDoc(t, s, fmt.Sprintf("other%d.pdf", i), fmt.Sprintf("o%d", i), fmt.Sprintf("The annual report %d of the company describes its services and offices, its staff and what they do in a year of work.", i))
	}
	var pt []Chunk
	for i := range 20 {
		pt = append(pt, Chunk{PageStart: i + 1, PageEnd: i + 1, Text: fmt.Sprintf("Tabela B.%d Lista de variáveis seleccionadas 7\nQuantos mosquiteiros tem a sua casa? SE 7 OU MAIS, REGISTE 7.", i)})
	}
	if _, err := s.AddDocument(Document{Name: "inquerito.pdf", Hash: "p1", Status: StatusIndexed, Lang: "pt"}, pt); err != nil {
		t.Fatal(err)
	}
	got := searchIDs(t, s, "What is the list price of the Magpie-7?")
	if len(got) == 0 || got[0] != ChunkID(en.ID, 0) {
		t.Fatalf("first hit %v, want the handbook's %s", got, ChunkID(en.ID, 0))
	}
}

// TestRecordLang reads the language of records as Documents are written,
// including names that hold the key's own text.
func TestRecordLang(t *testing.T) {
	for _, c := range []struct {
		doc  Document
		want string
	}{
		{Document{ID: 1, Name: "a.pdf"}, ""},
		{Document{ID: 2, Name: "a.pdf", Lang: "de"}, "de"},
		{Document{ID: 3, Name: "a.pdf", Lang: "en"}, "en"},
		{Document{ID: 4, Name: `x "lang":"de" y.pdf`, Path: `/"lang":"fr"/`}, ""},
		{Document{ID: 5, Name: `"lang":"de"`, Lang: "pt"}, "pt"},
		{Document{ID: 6, Name: "caf\xe9.pdf", Lang: "es"}, "es"},
	} {
		b, err := json.Marshal(c.doc)
		if err != nil {
			t.Fatal(err)
		}
		if got := recordLang(b); got != c.want {
			t.Errorf("%s: %q, want %q", b, got, c.want)
		}
	}
}

// A search kept to some documents, where a question word sends it through
// Bleve (a library of two languages), scores those documents' chunks as
// the search of the whole library does: the documents are a clause that
// adds nothing to a score, not a filter over every match.
func TestScopedSearchScoresAsTheWholeLibrary(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var ids []uint64
	for i := range 6 {
		d := addDoc(t, s, fmt.Sprintf("report%d.pdf", i), fmt.Sprintf("r%d", i),
			fmt.Sprintf("Days payable outstanding rose to %d days; accounts payable and inventories grew.", 40+i),
			"Accounts payable were settled; the cost of goods sold rose with inventories.",
			"Net sales grew in every segment.")
		ids = append(ids, d.ID)
	}
	if _, err := s.AddDocument(Document{Name: "relatorio.pdf", Hash: "pt", Status: StatusIndexed, Lang: "pt"},
		[]Chunk{{PageStart: 1, PageEnd: 1, Text: "Contas a pagar e estoques cresceram."}}); err != nil {
		t.Fatal(err)
	}
	q := "What is the DPO (days payable outstanding, accounts payable over cost of goods sold) zqxw?" // zqxw: no English chunk holds it
	all, err := s.SearchText(context.Background(), q, 100, nil)
	if err != nil {
		t.Fatal(err)
	}
	scope := []uint64{ids[2], ids[4]}
	var want []Hit
	for _, h := range all {
		if h.DocID == scope[0] || h.DocID == scope[1] {
			want = append(want, h)
		}
	}
	got, err := s.SearchText(context.Background(), q, 100, scope)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("scoped %d hits, whole library %d in scope", len(got), len(want))
	}
	for i := range got {
		if got[i].ChunkID != want[i].ChunkID || math.Abs(got[i].Score-want[i].Score) > 1e-9 {
			t.Errorf("hit %d: %s %.6f, want %s %.6f", i, got[i].ChunkID, got[i].Score, want[i].ChunkID, want[i].Score)
		}
	}
}
