package store

import "testing"

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
	if got := s.langs.present(); len(got) != 0 {
		t.Errorf("languages after removing the German document: %v", got)
	}
	s.Close()
}
