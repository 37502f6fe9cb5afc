package app

// The real-window test: Quire's window on the GLFW driver, under Xvfb,
// over a real library. Run it with
//
//	xvfb-run -a go test ./app/ -run TestRealWindow -v
//
// It skips without DISPLAY or without the shared eval PDF. QUIRE_SCREENSHOT
// names the PNG it saves (default: in the test's temp dir).

import (
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/storage"

	"quire/ingest"
	"quire/library"
	"quire/render"
)

// mainThread runs functions on the process's main goroutine, which the
// GLFW driver locked to the main OS thread in its init. TestMain serves it
// while the tests run on another goroutine.
var mainThread = make(chan func())

func TestMain(m *testing.M) {
	ingest.RunWorkerIfRequested() // the library extracts PDFs in a re-run of this binary
	render.RunWorkerIfRequested() // and the SOURCE pane draws pages in one
	// The tests' goroutine ends the process itself: the main goroutine
	// may be held inside a window's run loop that never returns (see
	// showRealWindow).
	go func() { os.Exit(m.Run()) }()
	for f := range mainThread {
		f()
	}
}

// evalPDF finds the shared Zentara handbook beside the module root.
func evalPDF(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, "..", "shared", "evaldata", "zentara", "zentara_robotics_handbook.pdf")
			if _, err := os.Stat(p); err != nil {
				t.Skipf("eval PDF not found: %v", err)
			}
			return p
		}
		if filepath.Dir(dir) == dir {
			t.Skip("module root not found")
		}
	}
}

// within polls cond on Fyne's goroutine until it holds or d passes.
func within(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		var ok bool
		fyne.DoAndWait(func() { ok = cond() })
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// inOwnProcess runs the calling test again in a fresh test process,
// because Fyne's GLFW driver runs only once per process. It reports true
// in that process, where the test goes on, and false in the parent, which
// has logged the child's lines and failed if it failed.
func inOwnProcess(t *testing.T, env string) bool {
	t.Helper()
	if os.Getenv(env) != "" {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v")
	// Fyne's preferences go to a folder of the parent's, removed once the
	// child has exited: the child's own would still be written to as it
	// ended, after its cleanup had removed it, and stay behind in /tmp.
	cmd.Env = append(os.Environ(), env+"=1", "XDG_CONFIG_HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "_test.go:") {
			t.Log(strings.TrimSpace(line))
		}
	}
	if err != nil {
		t.Fatalf("%s in its own process: %v\n%s", t.Name(), err, out)
	}
	return false
}

// screenshotPath is where a real-window test saves its screenshot: beside
// $QUIRE_SCREENSHOT, named with suffix.
func screenshotPath(t *testing.T, suffix string) string {
	t.Helper()
	shot := os.Getenv("QUIRE_SCREENSHOT")
	if shot == "" {
		shot = filepath.Join(t.TempDir(), "quire.png")
	}
	return strings.TrimSuffix(shot, ".png") + suffix + ".png"
}

// windowTest begins a real-window test: it skips without a display, runs
// the test again in its own process (env set there, see inOwnProcess) and
// reports false in the parent, which is then done; in the child it gives
// the screenshot's path for suffix (see screenshotPath).
func windowTest(t *testing.T, env, suffix string) (shot string, ok bool) {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Skip("DISPLAY unset: run under xvfb-run")
	}
	if !inOwnProcess(t, env) {
		return "", false
	}
	return screenshotPath(t, suffix), true
}

// showRealWindow opens a real window over c on the main thread, with setup
// run on it before it shows, and closes it when the test ends.
func showRealWindow(t *testing.T, c core, setup func(u *ui)) *ui {
	t.Helper()
	started := make(chan *ui, 1)
	exited := make(chan struct{})
	mainThread <- func() {
		defer close(exited)
		a := fyneapp.NewWithID(AppID + ".test")
		u := newUI(a, c)
		setup(u)
		a.Lifecycle().SetOnStarted(func() { started <- u })
		u.reloadDocs()
		u.win.ShowAndRun()
		u.shutdown()
	}
	var u *ui
	select {
	case u = <-started:
	case <-time.After(30 * time.Second):
		t.Fatal("window did not start")
	}
	quitOnCleanup(t, u.app, exited)
	return u
}

// quitWait bounds how long a test waits for its window's run loop to end.
const quitWait = 30 * time.Second

// quitOnCleanup quits the app when the test ends and waits, at most
// quitWait, for its run loop to return (exited closed). Fyne 2.7.1's GLFW
// driver can deadlock as it quits: a lifecycle event waits for the main
// loop that has just stopped, while the loop waits for the event queue
// (seen once in CI, the test process hung for 25 minutes). Every real
// window runs in a process of its own, which ends when its test does.
func quitOnCleanup(t *testing.T, a fyne.App, exited <-chan struct{}) {
	t.Cleanup(func() {
		fyne.Do(a.Quit)
		select {
		case <-exited:
		case <-time.After(quitWait):
			t.Logf("the window's run loop did not return within %v of Quit (Fyne's shutdown race); the process ends with the test", quitWait)
		}
	})
}

func TestRealWindow(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("DISPLAY unset: run under xvfb-run")
	}
	pdf := evalPDF(t)
	if !inOwnProcess(t, "QUIRE_REAL_WINDOW") {
		return
	}
	shot := screenshotPath(t, "")

	libDir := t.TempDir()
	t.Setenv("QUIRE_MODELS", filepath.Join(libDir, "models"))
	lib, err := library.Open(libDir, library.Options{LoadModels: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()

	u := showRealWindow(t, lib, func(u *ui) {
		st := lib.ModelStatus()
		u.useModels(lib, lib.Shelf().Dir, st.Semantic(), st.Banner())
	})

	within(t, 10*time.Second, "the empty-library hint", func() bool {
		return u.chat.empty.Visible() && u.chat.header.Text == searchingHeader(0, 0)
	})
	time.Sleep(300 * time.Millisecond)
	screenshot(t, u, strings.TrimSuffix(shot, ".png")+"-empty.png")

	// Drop the PDF: the same handler the window's SetOnDropped calls.
	fyne.Do(func() { u.dropped(fyne.NewPos(600, 400), []fyne.URI{storage.NewFileURI(pdf)}) })
	within(t, 2*time.Minute, "indexing to finish", func() bool {
		return u.ingestCancel == nil && len(u.library.docs) == 1 && searchable(u.library.docs[0])
	})
	var summary string
	fyne.DoAndWait(func() { summary = u.progress.summary.Text })
	t.Logf("ingest: %s", summary)

	// Type the question into the box and press Enter.
	const question = "Who is the CEO of Zentara Robotics?"
	fyne.DoAndWait(func() {
		u.win.Canvas().Focus(u.chat.entry)
		for _, r := range question {
			u.chat.entry.TypedRune(r)
		}
		u.chat.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	within(t, time.Minute, "the answer", func() bool {
		return len(u.chat.turns) == 1 && u.chat.turns[0].answered && u.askCancel == nil
	})

	var (
		answerText string
		abstained  bool
		labels     []string
		cite       int = -1
	)
	fyne.DoAndWait(func() {
		turn := u.chat.turns[0]
		answerText, abstained = turn.answer.Text, turn.answer.Abstained
		for i, b := range turn.citations {
			labels = append(labels, b.Text)
			if cite < 0 && b.Text == "[1] zentara_robotics_handbook.pdf p.1" {
				cite = i
			}
		}
	})
	t.Logf("answer: %q; citations: %q", answerText, labels)
	if abstained {
		t.Fatalf("abstained on %q", question)
	}
	if !strings.Contains(answerText, "Iris Kallas") {
		t.Errorf("answer %q does not name Iris Kallas", answerText)
	}
	if cite < 0 {
		t.Fatalf("no citation \"[1] zentara_robotics_handbook.pdf p.1\" among %q", labels)
	}

	// Click the citation: SOURCE shows the whole chunk.
	var want, got, page string
	fyne.DoAndWait(func() {
		turn := u.chat.turns[0]
		turn.citations[cite].Tapped(&fyne.PointEvent{})
		c := turn.answer.Listed()[cite]
		want, got, page = c.Text, u.source.shownText(), u.source.page.Text
	})
	if want == "" || oneLine(got) != oneLine(want) {
		t.Errorf("SOURCE shows %q, want the chunk %q", got, want)
	}
	if !strings.Contains(got, "Iris Kallas") {
		t.Errorf("SOURCE text lacks the cited fact: %q", got)
	}
	if !strings.HasPrefix(page, "page 1 of 5") {
		t.Errorf("SOURCE page line = %q, want \"page 1 of 5…\"", page)
	}

	// SOURCE draws the page with the quoted sentence highlighted, in view.
	within(t, time.Minute, "the cited page to be drawn", func() bool {
		return u.source.cancel == nil && u.source.status.Text != textDrawingPage
	})
	var (
		drawn  bool
		status string
		quoted string
	)
	fyne.DoAndWait(func() {
		drawn = u.source.drawn.Found && u.source.pageImg.Visible()
		status, quoted = u.source.status.Text, u.source.passage()
	})
	if !drawn {
		t.Errorf("SOURCE page not drawn with %q highlighted; status %q", quoted, status)
	}

	time.Sleep(500 * time.Millisecond) // let a frame or two draw
	screenshot(t, u, shot)
}

// screenshot saves the window as the X server shows it (ImageMagick's
// `import -window Quire`), and the GL canvas capture beside it when that
// has pixels: under Xvfb with Mesa, reading GL's front buffer gives an
// all-transparent image, so the X capture is the one to look at.
func screenshot(t *testing.T, u *ui, path string) {
	t.Helper()
	var img image.Image
	fyne.DoAndWait(func() { img = u.win.Canvas().Capture() })
	if img != nil && !blank(img) {
		capture := strings.TrimSuffix(path, ".png") + "-canvas.png"
		writePNG(t, capture, img)
		t.Logf("canvas capture: %s", capture)
	} else {
		t.Logf("canvas capture is blank (GL front buffer unreadable here); using the X server's pixels")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("import"); err != nil {
		t.Fatalf("no screenshot: ImageMagick's import is not installed")
	}
	if out, err := exec.Command("import", "-window", "Quire", path).CombinedOutput(); err != nil {
		t.Fatalf("import -window Quire: %v: %s", err, out)
	}
	t.Logf("window screenshot: %s", path)
}

// blank reports whether every pixel of img is the same.
func blank(img image.Image) bool {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			if img.At(x, y) != first {
				return false
			}
		}
	}
	return true
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
