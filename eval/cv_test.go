package eval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"quire/library"
)

func TestFoldsAreBalancedAndStable(t *testing.T) {
	qs := make([]Question, 23)
	for i := range qs {
		qs[i].ID = "q" + string(rune('a'+i))
	}
	f := folds(qs, 5)
	count := map[int]int{}
	for _, x := range f {
		count[x]++
	}
	for k := 0; k < 5; k++ {
		if count[k] < 4 || count[k] > 5 {
			t.Errorf("fold %d holds %d of 23", k, count[k])
		}
	}
	// Reordering the file keeps every question in its fold.
	rev := make([]Question, len(qs))
	for i := range qs {
		rev[len(qs)-1-i] = qs[i]
	}
	g := folds(rev, 5)
	for i := range qs {
		if f[i] != g[len(qs)-1-i] {
			t.Fatalf("question %s moved from fold %d to %d", qs[i].ID, f[i], g[len(qs)-1-i])
		}
	}
}

// Cross-validating the abstention threshold on the Zentara handbook: a
// threshold no question passes abstains on all of them, so the sweep must
// choose an ordinary one in every fold, and the held-out score can be no
// better than the best fitted one.
func TestCrossValidateChoosesOnTheOtherFolds(t *testing.T) {
	dir, _ := filepath.Abs(filepath.Join("..", "..", "shared", "evaldata", "zentara"))
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data not found at %s", dir)
	}
	qs, _, err := ReadQuestions(filepath.Join(dir, "qa.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lib, err := library.Open(t.TempDir(), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if sum, err := lib.Ingest(context.Background(), []string{dir}, nil); err != nil || sum.Indexed != 1 {
		t.Fatalf("ingest %+v: %v", sum, err)
	}
	ctx := context.Background()
	if _, err := CrossValidate(ctx, lib, qs, CVOptions{Param: "nonsense", Values: []float64{1}}); !errors.Is(err, ErrUnknownTunable) {
		t.Fatalf("unknown parameter: %v", err)
	}
	rep, err := CrossValidate(ctx, lib, qs, CVOptions{Param: "min-known", Values: []float64{0.45, 1.01}, Folds: 4, Metric: "abstain"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Chosen) != 4 || len(rep.Values) != 2 {
		t.Fatalf("report %+v", rep)
	}
	for _, c := range rep.Chosen {
		if c != 0.45 {
			t.Errorf("chose %v, which abstains on every answerable question", c)
		}
	}
	if rep.Values[1].Score >= rep.Values[0].Score || rep.HeldOut > rep.Values[0].Score+1e-9 {
		t.Errorf("scores %+v, held out %.3f", rep.Values, rep.HeldOut)
	}
}
