//go:build linux

package app

// The drop target in a real window (GLFW under Xvfb): while a drag and
// drop is over the window (a window owns XdndSelection and the button is
// held, as a file manager does; driven through XTest), the window shows
// "Drop to add to your library"; when the drag ends it goes.
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a -s "-screen 0 1400x900x24" go test ./app/ -run TestRealDropTarget -v
//
// saves /tmp/quire-drop-target.png.

import (
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"quire/internal/x11test"
)

func TestRealDropTarget(t *testing.T) {
	shot, ok := windowTest(t, "QUIRE_DROP_WINDOW", "-drop")
	if !ok {
		return
	}
	shot = strings.TrimSuffix(shot, ".png")
	u := showRealWindow(t, &fakeCore{}, func(u *ui) { u.win.Resize(fyne.NewSize(1200, 800)) })
	within(t, 10*time.Second, "the list read", func() bool { return u.docsLoaded })
	fyne.DoAndWait(func() { u.watchDrags(newDragOver(u.win)) })
	var probe dragOver
	fyne.DoAndWait(func() { probe = u.drag })
	if probe == nil {
		t.Fatal("no drag probe on X11")
	}
	if probe.over() {
		t.Fatal("a drag reported with none under way")
	}
	t0 := time.Now()
	for range 200 {
		probe.over()
	}
	per := time.Since(t0) / 200
	t.Logf("one poll of the drag state: %v; every %v that is %.3f %% of the time", per, dragEvery, 100*float64(per)/float64(dragEvery))

	out, err := exec.Command("xwininfo", "-name", "Quire").Output()
	if err != nil {
		t.Fatalf("xwininfo: %v", err)
	}
	num := func(label string) int {
		m := regexp.MustCompile(label + `:\s+(-?\d+)`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("xwininfo says no %s: %s", label, out)
		}
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	x, y := num("Absolute upper-left X")+num("Width")/2, num("Absolute upper-left Y")+num("Height")/2
	drag, err := x11test.StartDrag(x, y)
	if err != nil {
		t.Fatal(err)
	}
	within(t, 3*time.Second, "the drop target shown", func() bool { return u.dropOverlay.Visible() })
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, shot+"-target.png")
	drag.End()
	within(t, 3*time.Second, "the drop target gone", func() bool { return !u.dropOverlay.Visible() })

	// A drag elsewhere on the screen shows nothing.
	drag, err = x11test.StartDrag(num("Absolute upper-left X")+num("Width")+20, y)
	if err == nil {
		time.Sleep(600 * time.Millisecond)
		var shown bool
		fyne.DoAndWait(func() { shown = u.dropOverlay.Visible() })
		drag.End()
		if shown {
			t.Error("drop target shown for a drag outside the window")
		}
	}
}
