package eval

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"quire/llm"
)

// A qa.jsonl written by an editor that puts a byte-order mark first, with
// broken lines among good ones: every good question is read, and each
// bad line is reported by number with its reason.
func TestReadQuestionsSkipsBadLines(t *testing.T) {
	lines := []string{
		"\ufeff" + `{"id":"q1","question":"Who is the CEO?","answerable":true}`, // 1: BOM
		`{"id":"q2","question":"What is the fee?"`,                              // 2: cut JSON
		``,                                   // 3: blank: not an error
		`{"id":"q3","answer":"no question"}`, // 4
		`{"id":"q4","question":"` + strings.Repeat("word ", llm.MaxQuestionBytes/5+1) + `"}`, // 5: question too long
		`{"id":"q5","question":"` + strings.Repeat("x", 2<<20) + `"}`,                        // 6: line too long
		`not json at all`, // 7
		`{"id":"q6","question":"Where is the office?","answerable":false}`, // 8
		`{"id":"q7","question":"Last line without an end"}`,                // 9
	}
	path := filepath.Join(t.TempDir(), "qa.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	qs, bad, err := ReadQuestions(path)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, q := range qs {
		ids = append(ids, q.ID)
	}
	if want := []string{"q1", "q6", "q7"}; !slices.Equal(ids, want) {
		t.Errorf("read %v, want %v", ids, want)
	}
	if qs[0].Question != "Who is the CEO?" || !qs[0].Answerable {
		t.Errorf("first question %+v", qs[0])
	}
	var nums []int
	for _, b := range bad {
		nums = append(nums, b.Line)
	}
	if want := []int{2, 4, 5, 6, 7}; !slices.Equal(nums, want) {
		t.Fatalf("bad lines %v, want %v: %v", nums, want, bad)
	}
	for i, says := range []string{"line 2: not a JSON question", `line 4: no "question" text`,
		"line 5: the question is too long (8.1 KB; the limit is 8 KB)", "line 6: the line is too long", "line 7: not a JSON question"} {
		if !strings.HasPrefix(bad[i].Error(), says) {
			t.Errorf("bad line %d says %q, want %q…", bad[i].Line, bad[i].Error(), says)
		}
	}
	if !errors.Is(bad[2].Err, llm.ErrTooLong) || !errors.Is(bad[3].Err, llm.ErrTooLong) {
		t.Errorf("too long lines are not llm.ErrTooLong: %v, %v", bad[2].Err, bad[3].Err)
	}
}
