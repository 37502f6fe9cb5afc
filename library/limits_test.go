package library

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quire/llm"
	"quire/search"
)

// A question over llm.MaxQuestionBytes is refused, in words and as a
// typed error, before any search (a 12 MB one took 73 s and 5.7 GB); a
// question at the limit is answered.
func TestQuestionTooLong(t *testing.T) {
	pdf := filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf")
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	ctx := context.Background()
	if _, err := lib.Ingest(ctx, []string{pdf}, nil); err != nil {
		t.Fatal(err)
	}
	const words = "Who is the CEO of Zentara Robotics and what does the Magpie-7 cost? "
	long := strings.Repeat(words, llm.MaxQuestionBytes/len(words)+1)
	t0 := time.Now()
	_, askErr := lib.Ask(ctx, long, AskOptions{})
	_, searchErr := lib.Search(ctx, long, AskOptions{})
	_, answerErr := lib.Answer(ctx, long, lib.mustSearch(t, "Who is the CEO?"), AskOptions{})
	took := time.Since(t0)
	for name, err := range map[string]error{"Ask": askErr, "Search": searchErr, "Answer": answerErr} {
		var tl *llm.TooLongError
		if !errors.Is(err, llm.ErrTooLong) || !errors.As(err, &tl) || tl.Limit != llm.MaxQuestionBytes || tl.Size != len(long) {
			t.Errorf("%s: err %v, want an *llm.TooLongError", name, err)
		}
	}
	if want := "ask: the question is too long (8.1 KB; the limit is 8 KB)"; askErr == nil || askErr.Error() != want {
		t.Errorf("Ask says %q, want %q", askErr, want)
	}
	t.Logf("three refusals in %v", took)

	atLimit := long[:llm.MaxQuestionBytes]
	t0 = time.Now()
	ans, err := lib.Ask(ctx, atLimit, AskOptions{})
	if err != nil || len(ans.Citations) == 0 {
		t.Fatalf("a question at the limit: %v, %d citations", err, len(ans.Citations))
	}
	t.Logf("a question of %d bytes answered in %v", len(atLimit), time.Since(t0))
}

func (l *Library) mustSearch(t *testing.T, q string) search.Result {
	t.Helper()
	res, err := l.Search(context.Background(), q, AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
