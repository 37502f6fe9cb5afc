package library

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"quire/store"
)

// watchSetting holds the watched folders, as a JSON list of absolute paths.
const watchSetting = "watch.folders"

// Watched lists the folders the library follows: PDFs added to them are
// ingested, changed ones re-read, deleted ones removed (see Sync).
func (l *Library) Watched() ([]string, error) {
	v, ok, err := l.store.Setting(watchSetting)
	if err != nil || !ok {
		return nil, err
	}
	var dirs []string
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
	b, err := json.Marshal(edit(dirs))
	if err != nil {
		return err
	}
	return l.store.SetSetting(watchSetting, string(b))
}

// Changed reports whether a watched folder holds a PDF that is new or
// changed since it was read, or lacks one the library holds. It only
// lists folders and reads file sizes and times: cheap enough to ask
// every few seconds.
func (l *Library) Changed() (bool, error) {
	dirs, files, err := l.watchedFiles()
	if err != nil || len(dirs) == 0 {
		return false, err
	}
	known, err := l.byPath()
	if err != nil {
		return false, err
	}
	for _, f := range files {
		old, ok := known[f]
		if !ok {
			return true, nil
		}
		if info, err := os.Stat(f); err == nil && (info.Size() != old.Size || !info.ModTime().UTC().Equal(old.ModTime)) {
			return true, nil
		}
	}
	return len(l.deleted(dirs, known)) > 0, nil
}

// Sync brings the library in line with its watched folders: new and
// changed PDFs are ingested (unchanged ones are not read), and documents
// whose files were deleted from a watched folder are removed. A watched
// folder that is missing altogether (an unplugged drive) is left alone.
func (l *Library) Sync(ctx context.Context, progress func(Event)) (Summary, error) {
	dirs, _, err := l.watchedFiles()
	if err != nil || len(dirs) == 0 {
		return Summary{}, err
	}
	known, err := l.byPath()
	if err != nil {
		return Summary{}, err
	}
	var removed int
	for _, d := range l.deleted(dirs, known) {
		if err := l.store.RemoveDocument(d.ID); err != nil {
			return Summary{}, fmt.Errorf("sync: %w", err)
		}
		removed++
	}
	sum, err := l.Ingest(ctx, dirs, progress)
	sum.Removed = removed
	return sum, err
}

// watchedFiles lists the watched folders that exist and their PDFs.
func (l *Library) watchedFiles() (dirs, files []string, err error) {
	all, err := l.Watched()
	if err != nil {
		return nil, nil, err
	}
	for _, d := range all {
		if info, err := os.Stat(d); err == nil && info.IsDir() {
			dirs = append(dirs, d)
		}
	}
	if len(dirs) == 0 {
		return nil, nil, nil
	}
	files, err = collect(dirs)
	return dirs, files, err
}

// deleted lists the documents of files that were in one of dirs and are
// gone.
func (l *Library) deleted(dirs []string, known map[string]store.Document) []store.Document {
	var out []store.Document
	for path, d := range known {
		if inAny(path, dirs) && !fileExists(path) {
			out = append(out, d)
		}
	}
	return out
}

func inAny(path string, dirs []string) bool {
	for _, d := range dirs {
		if strings.HasPrefix(path, d+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
