package app

// Zoom and the pop-out page in a real window (GLFW under Xvfb), the page
// drawn by PDFium from the shared Zentara handbook:
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a -s "-screen 0 1400x900x24" go test ./app/ -run TestRealPageZoom -v
//
// saves /tmp/quire-zoom-fit.png (the page at the SOURCE column's width),
// -zoom-200.png (Ctrl++ three times: 200 %, the cited row in view) and
// -zoom-popout.png (the page in a window of its own).

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

func TestRealPageZoom(t *testing.T) {
	pdf := evalPDF(t)
	shot, ok := windowTest(t, "QUIRE_ZOOM_WINDOW", "-zoom")
	if !ok {
		return
	}
	shot = strings.TrimSuffix(shot, ".png")
	u := showRealWindow(t, sourceCore(pdf, "CEO Iris Kallas"), func(u *ui) { u.win.Resize(fyne.NewSize(1200, 800)) })
	within(t, 10*time.Second, "the document listed", func() bool { return len(u.library.docs) == 1 })
	fyne.DoAndWait(func() { u.ask("Who is the CEO?") })
	within(t, 10*time.Second, "the answer", func() bool { return len(u.chat.turns) == 1 && u.chat.turns[0].answered })
	fyne.DoAndWait(func() { u.chat.turns[0].citations[0].Tapped(&fyne.PointEvent{}) })
	drawn := func(s *sourcePane) func() bool {
		return func() bool { return s.cancel == nil && s.drawn.Found && s.view.Visible() }
	}
	within(t, time.Minute, "the page drawn", drawn(u.source))
	var fitW, paneW float32
	fyne.DoAndWait(func() { fitW, paneW = u.source.view.Size().Width, u.source.scroll.Size().Width })
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, shot+"-fit.png")

	for i := 0; i < 3; i++ { // 125, 150, 200 %
		fyne.DoAndWait(func() { u.runShortcut(ctrl(fyne.KeyEqual)) })
	}
	within(t, time.Minute, "the page drawn again at 200 %", drawn(u.source))
	var zoomW float32
	var label string
	var inView bool
	fyne.DoAndWait(func() {
		s := u.source
		zoomW, label = s.view.Size().Width, s.zoomLabel.Text
		s.scrollToHighlight()
		y, _ := s.highlightOffset()
		inView = y >= s.scroll.Offset.Y && y <= s.scroll.Offset.Y+s.scroll.Size().Height
	})
	t.Logf("page %.0f wide at fit width in a %.0f column; %.0f at %s", fitW, paneW, zoomW, label)
	if fitW != paneW || zoomW < 1.99*paneW || label != "200 %" || !inView {
		t.Errorf("page %.0f → %.0f wide in a %.0f column (%s), highlight in view %v", fitW, zoomW, paneW, label, inView)
	}
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, shot+"-200.png")

	fyne.DoAndWait(u.popOutSource)
	var p *popOut
	fyne.DoAndWait(func() { p = u.popped })
	within(t, time.Minute, "the pop-out page drawn", drawn(p.src))
	var popW float32
	fyne.DoAndWait(func() { popW = p.src.view.Size().Width })
	t.Logf("pop-out page %.0f wide", popW)
	if popW < 2*fitW {
		t.Errorf("pop-out page %.0f wide, SOURCE's %.0f", popW, fitW)
	}
	time.Sleep(500 * time.Millisecond)
	screenshotWindow(t, "Quire — zentara_robotics_handbook.pdf p.1", shot+"-popout.png")
}

// screenshotWindow saves the X window titled name (found with xwininfo:
// ImageMagick's import waits for a click when a name is not found).
func screenshotWindow(t *testing.T, name, path string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	tree, err := exec.CommandContext(ctx, "xwininfo", "-root", "-tree").Output()
	if err != nil {
		t.Fatalf("xwininfo: %v", err)
	}
	id := ""
	for _, line := range strings.Split(string(tree), "\n") {
		if f := strings.Fields(line); len(f) > 1 && strings.Contains(line, `"`+name+`"`) {
			id = f[0]
			break
		}
	}
	if id == "" {
		t.Fatalf("no window titled %q", name)
	}
	if out, err := exec.CommandContext(ctx, "import", "-window", id, path).CombinedOutput(); err != nil {
		t.Fatalf("import -window %s: %v: %s", id, err, out)
	}
	t.Logf("window screenshot: %s", path)
}
