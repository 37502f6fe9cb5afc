package library

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"quire/store"
)

// ErrDamaged is what Open's error wraps when library.db is damaged, or
// missing while the library held documents (a *store.DamagedError names
// the reason and where the damaged files went). Rebuild starts it afresh.
var ErrDamaged = store.ErrDamaged

// Rebuild starts the library in dir afresh after Open reported it
// damaged: it restores the settings (watched folders, the LLM server)
// and reads again the PDFs that the damaged files name, as far as they
// can still be read, and that are still on disk (those that are not are
// listed in Summary.Skips). The damaged files stay where Open moved them.
// The library is returned open, even when the run stops early.
func Rebuild(ctx context.Context, dir string, opts Options, progress func(Event)) (*Library, Summary, error) {
	folder := store.Damaged(dir)
	if folder == "" {
		return nil, Summary{}, errors.New("rebuild: the library is not damaged: nothing to rebuild")
	}
	c := store.Salvage(folder)
	if err := store.MarkHandled(folder); err != nil {
		return nil, Summary{}, fmt.Errorf("rebuild: %w", err)
	}
	l, err := Open(dir, opts)
	if err != nil {
		return nil, Summary{}, fmt.Errorf("rebuild: %w", err)
	}
	for k, v := range c.Settings {
		if strings.HasPrefix(k, unfinishedPrefix) || k == syncedSetting {
			continue // runs of the old library; what it had seen
		}
		if err := l.store.SetSetting(k, v); err != nil {
			return l, Summary{}, fmt.Errorf("rebuild: %w", err)
		}
	}
	if len(c.Paths) == 0 {
		return l, Summary{}, nil
	}
	sum, err := l.Ingest(ctx, c.Paths, progress)
	return l, sum, err
}

// saveCatalog keeps the list of documents and the settings beside
// library.db, for Rebuild if library.db is lost. A failure costs only
// that: it is not reported.
func (l *Library) saveCatalog() { _ = l.store.WriteCatalog() }
