package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"quire/library"
)

// StartupTimes is how long the window's start-up path takes over one
// library, measured by MeasureStartup.
type StartupTimes struct {
	Documents int     `json:"documents"`
	OpenMs    float64 `json:"open_ms"` // library.Open, before the window is built
	WindowMs  float64 `json:"window_ms"`
	// ListMs is from the window's first frame to the document list
	// filled: reading the documents and handing them to the list.
	ListMs float64 `json:"list_ms"`
}

// MeasureStartup opens the library in dir as Run does and builds the same
// window on Fyne's software driver (no display needed), timing each step
// up to the document list being filled. It is what `quire bench startup`
// reports per library size.
//
// It runs off the calling goroutine: Fyne's software driver, like the
// real one, refuses fyne.Do from the main goroutine (and says so on
// stderr), and the CLI calls this from main.
func MeasureStartup(dir string) (StartupTimes, error) {
	type result struct {
		st  StartupTimes
		err error
	}
	done := make(chan result, 1)
	go func() {
		st, err := measureStartup(dir)
		done <- result{st, err}
	}()
	r := <-done
	return r.st, r.err
}

func measureStartup(dir string) (StartupTimes, error) {
	var st StartupTimes
	t0 := time.Now()
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		return st, err
	}
	defer lib.Close()
	st.OpenMs = ms(time.Since(t0))

	a := test.NewApp()
	defer a.Quit()
	t1 := time.Now()
	u := newUI(a, lib)
	u.spawn = func(fn func()) { fn() }
	u.win.Resize(fyne.NewSize(1200, 800))
	u.win.Show()
	st.WindowMs = ms(time.Since(t1))

	t2 := time.Now()
	docs, err := lib.Documents() // what reloadDocs reads beside the first frame
	if err != nil {
		return st, err
	}
	u.setDocs(docs)
	st.ListMs = ms(time.Since(t2))
	st.Documents = len(u.library.docs)
	shown := u.library.list.Length()
	u.shutdown()
	if st.Documents == 0 || shown != st.Documents {
		return st, fmt.Errorf("startup: %d documents read, %d listed", st.Documents, shown)
	}
	return st, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
