package library

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// "How many employees does Nike have?" abstained: a covenant exhibit that
// says EMPLOYEE on every line outranked the sentence that counts them,
// and Verizon's pages on what its employees are offered outranked its
// count. The sentence that puts a number before the noun counted now
// answers.
func TestCountQuestionFindsTheCount(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests two 10-Ks")
	}
	dir := shared(t, "evaldata/financebench")
	lib := ingested(t, filepath.Join(dir, "NIKE_2018_10K.pdf"), filepath.Join(dir, "VERIZON_2022_10K.pdf"))
	for q, want := range map[string]string{
		"How many employees does Nike have?":    "approximately 73,100 employees worldwide",
		"How many employees does Verizon have?": "approximately 117,100 employees",
	} {
		ans, err := lib.Ask(context.Background(), q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(ans.Text, "\n")
		if ans.Abstained || !strings.Contains(first, want) {
			t.Errorf("%q: want %q first; got:\n%s", q, want, ans.Text)
		}
	}
}
