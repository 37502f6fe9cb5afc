package library

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"quire/store"
)

const (
	// watchSetting holds the watched folders, as a JSON list of absolute
	// paths.
	watchSetting = "watch.folders"
	// devicesSetting maps each watched folder to the device its
	// documents were seen on (JSON), to tell an unplugged drive's empty
	// mount point from the folder.
	devicesSetting = "watch.devices"
	// syncedSetting is the fingerprint of the watched folders when the
	// last Sync ended or was stopped (see look.fingerprint).
	syncedSetting = "watch.synced"
)

// Watched lists the folders the library follows: PDFs added to them are
// ingested, changed ones re-read, deleted ones removed (see Sync).
func (l *Library) Watched() ([]string, error) {
	v, ok, err := l.store.Setting(watchSetting)
	if err != nil || !ok {
		return nil, err
	}
	var dirs store.PathList
	if err := json.Unmarshal([]byte(v), &dirs); err != nil {
		return nil, fmt.Errorf("watched folders: %w", err)
	}
	return dirs, nil
}

// Watch adds a folder to the watched ones.
func (l *Library) Watch(dir string) error {
	return l.editWatched(func(dirs []string) []string {
		abs, err := filepath.Abs(dir)
		if err == nil && !slices.Contains(dirs, abs) {
			dirs = append(dirs, abs)
			slices.Sort(dirs)
		}
		return dirs
	})
}

// Unwatch stops following a folder. Its documents stay in the library.
func (l *Library) Unwatch(dir string) error {
	return l.editWatched(func(dirs []string) []string {
		abs, _ := filepath.Abs(dir)
		return slices.DeleteFunc(dirs, func(d string) bool { return d == abs || d == dir })
	})
}

func (l *Library) editWatched(edit func([]string) []string) error {
	l.watchMu.Lock()
	defer l.watchMu.Unlock()
	dirs, err := l.Watched()
	if err != nil {
		return err
	}
	b, err := json.Marshal(store.PathList(edit(dirs)))
	if err != nil {
		return err
	}
	if err := l.store.SetSetting(watchSetting, string(b)); err != nil {
		return err
	}
	l.saveCatalog()
	return nil
}

// Changed reports whether a watched folder holds a PDF that is new or
// changed since it was read, or lacks one the library holds. It only
// lists folders and reads file sizes and times: cheap enough to ask
// every few seconds. Folders as they were at the end of the last Sync (or
// when the user stopped it) are unchanged, whatever their files are
// (damaged, copies of others). A watched folder that is unavailable
// makes the error an *UnavailableError; the others are still checked.
func (l *Library) Changed() (bool, error) {
	known, err := l.byPath()
	if err != nil {
		return false, err
	}
	lk, err := l.look(known)
	if err != nil {
		return false, err
	}
	if len(lk.deleted(known)) > 0 {
		return true, lk.err()
	}
	if v, ok, err := l.store.Setting(syncedSetting); err == nil && ok && v == lk.fingerprint() {
		return false, lk.err()
	}
	return len(lk.changed(known)) > 0, lk.err()
}

// Sync brings the library in line with its watched folders: new and
// changed PDFs are ingested (unchanged ones are not read, nor are files
// that failed before and did not change), and documents whose files were
// deleted from a watched folder are removed. A file is deleted only when
// its folder was read and no longer names it: a folder that is missing,
// unreadable, suddenly empty or on another device (an unplugged drive, a
// share that did not mount) removes nothing and is listed in
// Summary.Unavailable. Stopping a Sync with ErrStopped leaves the folders
// unchanged for Changed until a file in them changes.
func (l *Library) Sync(ctx context.Context, progress func(Event)) (Summary, error) {
	if err := l.ReadOnly(); err != nil {
		return Summary{}, fmt.Errorf("sync: %w", err)
	}
	known, err := l.byPath()
	if err != nil {
		return Summary{}, err
	}
	lk, err := l.look(known)
	if err != nil {
		return Summary{}, err
	}
	var removed int
	for _, d := range lk.deleted(known) {
		if err := l.store.RemoveDocument(d.ID); err != nil {
			return Summary{}, fmt.Errorf("sync: %w", err)
		}
		removed++
	}
	if removed > 0 && len(lk.scans) == 0 {
		l.saveCatalog()
	}
	var sum Summary
	var runErr error
	if roots := lk.roots(); len(roots) > 0 {
		key, err := l.remember(roots)
		if err != nil {
			return Summary{}, fmt.Errorf("sync: %w", err)
		}
		sum, runErr = l.ingest(ctx, lk.changed(known), progress, []string{key}, runOptions{})
		sum.Skips = append(sum.Skips, lk.skips...)
	}
	sum.Removed, sum.Unavailable = removed, lk.unavailable
	if runErr == nil || errors.Is(context.Cause(ctx), ErrStopped) {
		// Not saving it only costs Changed a closer look.
		_ = l.store.SetSetting(syncedSetting, lk.fingerprint())
	}
	return sum, runErr
}
