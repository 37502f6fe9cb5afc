package library

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"time"

	"quire/store"
)

// ErrStopped, given as the cause when cancelling an Ingest's context
// (context.WithCancelCause), says the user stopped the run on purpose: it
// is not resumed later. Any other end before the run finishes (the window
// closed, the process killed) leaves it for Resume.
var ErrStopped = errors.New("stopped by the user")

// unfinishedPrefix names the settings that record runs in progress, one
// per run: the paths it was given, as JSON.
const unfinishedPrefix = "ingest.unfinished."

// remember records a run's paths until it finishes.
func (l *Library) remember(paths []string) (string, error) {
	b, err := json.Marshal(store.PathList(paths))
	if err != nil {
		return "", err
	}
	key := unfinishedPrefix + strconv.FormatInt(time.Now().UnixNano(), 36) + "." + strconv.FormatUint(rand.Uint64(), 36)
	return key, l.store.SetSetting(key, string(b))
}

// forget drops the records of runs that are over. A failure only means
// the files are checked again next time, which costs little: unchanged
// files are not read twice.
func (l *Library) forget(keys []string) {
	_ = l.store.DeleteSettings(keys...)
}

// Unfinished lists the paths of ingest runs that were interrupted before
// they finished, for Resume.
func (l *Library) Unfinished() ([]string, error) {
	paths, _, err := l.unfinished()
	return paths, err
}

func (l *Library) unfinished() (paths, keys []string, err error) {
	runs, err := l.store.SettingsWithPrefix(unfinishedPrefix)
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	for key, val := range runs {
		keys = append(keys, key)
		var ps store.PathList
		if err := json.Unmarshal([]byte(val), &ps); err != nil {
			continue // a record we cannot read is dropped with the rest
		}
		for _, p := range ps {
			if !seen[p] {
				seen[p] = true
				paths = append(paths, p)
			}
		}
	}
	sort.Strings(paths)
	return paths, keys, nil
}

// Resume finishes the interrupted runs: the files they had not done yet
// are read, the rest are recognised as unchanged and skipped. Paths that
// no longer exist are dropped.
func (l *Library) Resume(ctx context.Context, progress func(Event)) (Summary, error) {
	paths, keys, err := l.unfinished()
	if err != nil {
		return Summary{}, fmt.Errorf("resume: %w", err)
	}
	var exist []string
	for _, p := range paths {
		if fileExists(p) {
			exist = append(exist, p)
		}
	}
	if len(exist) == 0 {
		l.forget(keys)
		return Summary{}, nil
	}
	return l.ingest(ctx, exist, progress, keys, runOptions{retryFailed: true})
}
