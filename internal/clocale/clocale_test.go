package clocale

import "testing"

func TestWithoutC(t *testing.T) {
	for in, want := range map[string]string{
		"en":              "en",
		"de:fr":           "de:fr",
		"C.UTF-8":         "en",
		"C":               "en",
		"de:C.UTF-8":      "de",
		"POSIX:fr_FR:C@x": "fr_FR",
	} {
		if got := withoutC(in); got != want {
			t.Errorf("withoutC(%q) = %q, want %q", in, got, want)
		}
	}
}
