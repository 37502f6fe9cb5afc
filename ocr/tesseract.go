package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"quire/internal/childproc"
)

// Command finds the tesseract command: $QUIRE_TESSERACT, else tesseract on
// the PATH. It returns ErrNoTesseract when there is none.
func Command() (string, error) {
	name := os.Getenv("QUIRE_TESSERACT")
	if name == "" {
		name = "tesseract"
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNoTesseract, err)
	}
	return p, nil
}

// Languages lists the languages whose Tesseract data is installed
// ("eng", "deu", …), without the script-detection data "osd".
func Languages(ctx context.Context) ([]string, error) {
	cmd, err := Command()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, cmd, "--list-langs").Output()
	if err != nil {
		return nil, fmt.Errorf("%w: tesseract --list-langs: %v", ErrFailed, err)
	}
	var langs []string
	for _, line := range strings.Split(string(out), "\n") {
		l := strings.TrimSpace(line)
		if l == "" || strings.Contains(l, " ") || strings.HasSuffix(l, ":") || l == "osd" {
			continue
		}
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs, nil
}

// tesseract runs the tesseract command on one image, given as a PGM on
// its standard input, and returns its TSV output. The process is killed
// when ctx ends, after timeout, or when its resident memory passes
// maxMemory; it never outlives the call. peak is the largest resident
// memory seen (sampled every 50 ms).
func tesseract(ctx context.Context, cmdPath string, pgm []byte, langs []string, dpi float64, threads int, timeout time.Duration, maxMemory int64) (tsv []byte, peak int64, err error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// --psm 3: automatic page segmentation, the default, said so that a
	// changed default does not change what we read.
	cmd := exec.Command(cmdPath, "stdin", "stdout", "-l", LangList(langs), "--dpi", strconv.Itoa(int(dpi)), "--psm", "3", "tsv")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT="+strconv.Itoa(max(threads, 1)))
	childproc.SetAttrs(cmd)
	cmd.Stdin = bytes.NewReader(pgm)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &limited{max: 8 << 10, b: &stderr}
	// Pdeathsig is tied to the thread that starts the child: keep it.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := cmd.Start(); err != nil {
		return nil, 0, fmt.Errorf("%w: start tesseract: %v", ErrFailed, err)
	}
	dog := childproc.Watch(ctx, cmd.Process, 50*time.Millisecond, func(rss int64) error {
		if maxMemory > 0 && rss > maxMemory {
			return fmt.Errorf("%w (%d MiB)", ErrTooLarge, rss>>20)
		}
		return nil
	})
	err = cmd.Wait()
	killed := dog.Stop()
	peak = dog.Peak()
	switch {
	case errors.Is(killed, context.DeadlineExceeded):
		return nil, peak, fmt.Errorf("%w (more than %v)", ErrTimeout, timeout)
	case killed != nil:
		return nil, peak, killed
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(msg, "Failed loading language") || strings.Contains(msg, "Could not initialize tesseract") {
			return nil, peak, fmt.Errorf("%w: %s", ErrNoLanguage, LangList(langs))
		}
		return nil, peak, fmt.Errorf("%w: tesseract: %v: %.300s", ErrFailed, err, msg)
	}
	return stdout.Bytes(), peak, nil
}

// limited keeps the first max bytes written to it.
type limited struct {
	max int
	b   *bytes.Buffer
}

func (l *limited) Write(p []byte) (int, error) {
	if room := l.max - l.b.Len(); room > 0 {
		l.b.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}
