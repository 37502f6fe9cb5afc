package library

import (
	"path/filepath"
	"testing"
)

// "How many employees does Nike have?" abstained: a covenant exhibit that
// says EMPLOYEE on every line outranked the sentence that counts them,
// and Verizon's pages on what its employees are offered outranked its
// count. The sentence that puts a number before the noun counted now
// answers; a question that asks no year is answered from the latest
// filing, one that asks 2019 from 2019's, and not by the table of
// contents' "Employees 6".
func TestCountQuestionFindsTheCount(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests four 10-Ks")
	}
	dir := shared(t, "evaldata/financebench")
	var paths []string
	for _, f := range []string{"NIKE_2019_10K.pdf", "NIKE_2021_10K.pdf", "VERIZON_2021_10K.pdf", "VERIZON_2022_10K.pdf"} {
		paths = append(paths, filepath.Join(dir, f))
	}
	lib := ingested(t, paths...)
	answersFirst(t, lib, map[string]string{
		"How many employees does Nike have?":           "approximately 73,300 employees worldwide",
		"How many employees did Nike have in 2019?":    "approximately 76,700 employees worldwide",
		"How many employees does Verizon have?":        "approximately 117,100 employees",
		"How many employees did Verizon have in 2021?": "approximately 118,400 employees",
	})
}
