package childproc_test

import (
	"context"
	"errors"
	"os/exec"
	"runtime"
	"testing"
	"time"

	"quire/internal/childproc"
)

func start(t *testing.T) *exec.Cmd {
	t.Helper()
	cmd := exec.Command("sleep", "30")
	childproc.SetAttrs(cmd)
	if err := cmd.Start(); err != nil {
		t.Skipf("sleep: %v", err)
	}
	return cmd
}

// A failed check kills the child and is the reason; the memory it was
// given is the child's own.
func TestCheckKills(t *testing.T) {
	cmd := start(t)
	errBig := errors.New("too big")
	var seen int64
	dog := childproc.Watch(context.Background(), cmd.Process, 10*time.Millisecond, func(rss int64) error {
		seen = rss
		return errBig
	})
	t0 := time.Now()
	cmd.Wait()
	if took := time.Since(t0); took > 5*time.Second {
		t.Errorf("child lived %v", took)
	}
	if err := dog.Stop(); !errors.Is(err, errBig) {
		t.Errorf("reason %v", err)
	}
	if runtime.GOOS == "linux" && (seen <= 0 || dog.Peak() != seen) {
		t.Errorf("rss %d, peak %d", seen, dog.Peak())
	}
}

// The end of the context kills the child, with the context's error.
func TestDeadlineKills(t *testing.T) {
	cmd := start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	dog := childproc.Watch(ctx, cmd.Process, 10*time.Millisecond, func(int64) error { return nil })
	cmd.Wait()
	if err := dog.Stop(); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("reason %v", err)
	}
}

// A child that ends by itself has no reason.
func TestNoReason(t *testing.T) {
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		t.Skip(err)
	}
	dog := childproc.Watch(context.Background(), cmd.Process, 10*time.Millisecond, func(int64) error { return nil })
	cmd.Wait()
	if err := dog.Stop(); err != nil {
		t.Errorf("reason %v", err)
	}
}
