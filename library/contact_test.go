package library

import "testing"

// "What is the phone number for support?" abstained on the Zentara
// handbook: its support line gives the number and does not say "phone
// number", and lines that say "number" covered the question better.
func TestContactIsTheLineThatGivesIt(t *testing.T) {
	lib := ingested(t, shared(t, "evaldata/zentara"))
	answersFirst(t, lib, map[string]string{
		"What is the phone number for support?":          "+372 600 4421",
		"What is the phone number for urgent incidents?": "+372 600 4499",
	})
}
