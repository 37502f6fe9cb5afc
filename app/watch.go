package app

import (
	"context"
	"errors"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"quire/library"
)

// folderWatch is what watching folders needs of the core: the real
// library has it, a core without it simply does not watch.
type folderWatch interface {
	Watch(dir string) error
	Unwatch(dir string) error
	Watched() ([]string, error)
	Changed() (bool, error)
	Sync(ctx context.Context, progress func(library.Event)) (library.Summary, error)
}

// watchEvery is how often watched folders are checked for changes.
const watchEvery = 10 * time.Second

// newWatchList makes the rows under the LIBRARY list that name the
// watched folders, each with a button to stop watching it.
func newWatchList() *fyne.Container { return container.New(rowsBox{}) }

// watchAdded starts watching the folders among paths: a folder the user
// adds is followed from then on, as in the tools people compare us with.
func (u *ui) watchAdded(paths []string) {
	w, ok := u.core.(folderWatch)
	if !ok {
		return
	}
	added := false
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			added = w.Watch(p) == nil || added
		}
	}
	if added {
		u.reloadWatched()
	}
}

// reloadWatched shows the watched folders.
func (u *ui) reloadWatched() {
	w, ok := u.core.(folderWatch)
	if !ok {
		return
	}
	dirs, err := w.Watched()
	if err != nil {
		return
	}
	rows := make([]fyne.CanvasObject, 0, len(dirs))
	for _, d := range dirs {
		rows = append(rows, newWatchRow(d, func() { u.unwatch(d) }))
	}
	u.watchList.Objects = rows
	u.watchList.Refresh()
}

func (u *ui) unwatch(dir string) {
	if w, ok := u.core.(folderWatch); ok {
		if err := w.Unwatch(dir); err == nil {
			u.banner.SetText("Stopped watching " + dir + ". Its documents stay in the library.")
		}
		u.reloadWatched()
	}
}

// syncWatched checks the watched folders once, in the background, and
// brings the library in line when a file was added, changed or deleted.
// It waits while an ingest runs.
func (u *ui) syncWatched() {
	w, ok := u.core.(folderWatch)
	if !ok || u.ingestCancel != nil {
		return
	}
	u.spawn(func() {
		changed, err := w.Changed()
		var gone *library.UnavailableError
		if errors.As(err, &gone) {
			msg := gone.Error() + "."
			fyne.Do(func() {
				if !u.closed.Load() && u.banner.Text != msg {
					u.banner.SetText(msg)
				}
			})
		}
		if (err != nil && gone == nil) || !changed {
			return
		}
		fyne.Do(func() {
			if !u.closed.Load() && u.ingestCancel == nil {
				u.startIngest(w.Sync)
			}
		})
	})
}

// pollWatched checks the watched folders every interval until the window
// closes.
func (u *ui) pollWatched(every time.Duration) {
	u.work.Add(1)
	go func() {
		defer u.work.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-u.ctx.Done():
				return
			case <-t.C:
				fyne.Do(u.syncWatched)
			}
		}
	}()
}
