package store

import (
	"encoding/json"
	"slices"
	"testing"
)

// Paths that are not valid UTF-8 come back byte for byte; records and
// lists written before path_bytes read as they did.
func TestPathBytesRoundTrip(t *testing.T) {
	for _, d := range []Document{
		{ID: 1, Path: "/docs/caf\xe9/r\xe9sum\xe9.pdf", Name: "r\xe9sum\xe9.pdf", Status: StatusIndexed},
		{ID: 2, Path: "/docs/résumé.pdf", Name: "résumé.pdf"},
	} {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var got Document
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		if got.Path != d.Path || got.Name != d.Name || got.ID != d.ID || got.Status != d.Status {
			t.Errorf("%q came back as %q %q from %s", d.Path, got.Path, got.Name, b)
		}
	}
	var old Document
	if err := json.Unmarshal([]byte(`{"id":7,"path":"/docs/a.pdf","name":"a.pdf","pages":3}`), &old); err != nil {
		t.Fatal(err)
	}
	if old.ID != 7 || old.Path != "/docs/a.pdf" || old.Name != "a.pdf" || old.Pages != 3 {
		t.Errorf("an old record read as %+v", old)
	}

	paths := PathList{"/docs/a.pdf", "/docs/caf\xe9.pdf"}
	b, err := json.Marshal(paths)
	if err != nil {
		t.Fatal(err)
	}
	var got PathList
	if err := json.Unmarshal(b, &got); err != nil || !slices.Equal(got, paths) {
		t.Errorf("paths came back as %q, %v from %s", got, err, b)
	}
	if b, _ := json.Marshal(PathList{"/docs/a.pdf"}); string(b) != `["/docs/a.pdf"]` {
		t.Errorf("valid paths written as %s, not as a plain list", b)
	}
	if err := json.Unmarshal([]byte(`["/docs/a.pdf","/docs/b.pdf"]`), &got); err != nil || !slices.Equal(got, PathList{"/docs/a.pdf", "/docs/b.pdf"}) {
		t.Errorf("a plain list read as %q, %v", got, err)
	}
	if got := Shown("r\xe9sum\xe9.pdf"); got != "r\uFFFDsum\uFFFD.pdf" {
		t.Errorf("shown as %q", got)
	}
}
