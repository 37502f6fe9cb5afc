package library

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"quire/store"
)

// ErrUnavailable is what an *UnavailableError wraps.
var ErrUnavailable = errors.New("unavailable")

// UnavailableError names watched folders (or folders inside them) that
// could not be seen as they were: missing, unreadable, suddenly empty or
// on another device. Their documents are kept until they are back.
type UnavailableError struct {
	Folders []Skip
}

func (e *UnavailableError) Error() string {
	parts := make([]string, len(e.Folders))
	for i, f := range e.Folders {
		parts[i] = store.Shown(f.Path) + " " + f.Reason
	}
	return "watched folder unavailable: " + strings.Join(parts, "; ") + " (its documents are kept)"
}

func (e *UnavailableError) Unwrap() error { return ErrUnavailable }

// fileStat is what Changed compares of a file.
type fileStat struct {
	size int64
	mod  time.Time
}

// look is one look at the watched folders.
type look struct {
	scans       []*scan // the folders that are available
	files       []string
	stats       map[string]fileStat
	skips       []Skip // links not followed
	unavailable []Skip // folders left alone, with why
}

// look lists the watched folders and tells which are available. known
// are the library's documents by path.
func (l *Library) look(known map[string]store.Document) (*look, error) {
	dirs, err := l.Watched()
	if err != nil {
		return nil, err
	}
	devs, err := l.devices()
	if err != nil {
		return nil, err
	}
	lk := &look{stats: map[string]fileStat{}}
	seenDevs := false
	for _, d := range dirs {
		s, why, dev := lookAt(d, known, devs[d])
		lk.unavailable = append(lk.unavailable, why...)
		if dev != 0 && dev != devs[d] {
			devs[d], seenDevs = dev, true
		}
		if s == nil {
			continue
		}
		lk.scans = append(lk.scans, s)
		lk.skips = append(lk.skips, s.skips...)
		for _, f := range s.files {
			if info, err := os.Stat(f); err == nil {
				lk.files = append(lk.files, f)
				lk.stats[f] = fileStat{info.Size(), info.ModTime().UTC()}
			}
		}
	}
	if seenDevs {
		if err := l.saveDevices(devs); err != nil {
			return nil, err
		}
	}
	return lk, nil
}

// lookAt scans one watched folder. s is nil when the folder is
// unavailable as a whole; why lists it or its unavailable parts. dev is
// the folder's device, to remember, when its documents were seen on it
// (or it has none yet); 0 otherwise.
func lookAt(dir string, known map[string]store.Document, was uint64) (s *scan, why []Skip, dev uint64) {
	info, err := os.Stat(dir)
	if err != nil {
		reason := "could not be read: " + pathReason(err)
		if os.IsNotExist(err) {
			reason = "is missing (a drive that is not plugged in?)"
		}
		return nil, []Skip{{Path: dir, Reason: reason}}, 0
	}
	if !info.IsDir() {
		return nil, []Skip{{Path: dir, Reason: "is no longer a folder"}}, 0
	}
	s = scanFolder(dir)
	if _, ok := s.listed[dir]; !ok {
		return nil, s.unreadable, 0
	}
	var docs []string
	for p := range known {
		if inAny(p, []string{dir}) {
			docs = append(docs, p)
		}
	}
	sort.Strings(docs)
	if len(s.listed[dir]) == 0 && len(docs) > 0 {
		// The mount point of an unplugged drive, or of a share that did
		// not mount: not a folder whose files were all deleted at once.
		return nil, []Skip{{Path: dir, Reason: "is empty (a drive that is not plugged in, or a share that did not mount?)"}}, 0
	}
	why = s.unreadable
	cur, ok := deviceOf(info)
	if !ok {
		return s, why, 0
	}
	seen := false
	for _, p := range docs {
		if present, _ := s.present(p); present {
			seen = true
			break
		}
	}
	switch {
	case was != 0 && cur != was && !seen && len(docs) > 0:
		return nil, append(why[:0:0], Skip{Path: dir, Reason: "is on another device than before (a drive that is not plugged in?)"}), 0
	case seen || len(docs) == 0:
		return s, why, cur
	}
	return s, why, 0
}

// deleted lists the documents whose files are known to be gone from the
// available folders.
func (lk *look) deleted(known map[string]store.Document) []store.Document {
	var out []store.Document
	for path, d := range known {
		for _, s := range lk.scans {
			if _, gone := s.present(path); gone {
				out = append(out, d)
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// changed lists the files that are new, or whose size or time changed.
func (lk *look) changed(known map[string]store.Document) []string {
	var out []string
	for _, f := range lk.files {
		old, ok := known[f]
		st := lk.stats[f]
		if !ok || st.size != old.Size || !st.mod.Equal(old.ModTime) {
			out = append(out, f)
		}
	}
	return out
}

// roots are the available watched folders.
func (lk *look) roots() []string {
	out := make([]string, len(lk.scans))
	for i, s := range lk.scans {
		out[i] = s.root
	}
	return out
}

// fingerprint sums up the folders as seen: every PDF's path, size and
// time, and which folders were unavailable.
func (lk *look) fingerprint() string {
	h := sha256.New()
	for _, f := range lk.files {
		st := lk.stats[f]
		fmt.Fprintf(h, "f\x00%s\x00%d\x00%d\n", f, st.size, st.mod.UnixNano())
	}
	for _, u := range lk.unavailable {
		fmt.Fprintf(h, "u\x00%s\n", u.Path)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// err is an *UnavailableError if some folder is unavailable, else nil.
func (lk *look) err() error {
	if len(lk.unavailable) == 0 {
		return nil
	}
	return &UnavailableError{Folders: lk.unavailable}
}

func (l *Library) devices() (map[string]uint64, error) {
	devs := map[string]uint64{}
	v, ok, err := l.store.Setting(devicesSetting)
	if err != nil || !ok {
		return devs, err
	}
	var m map[string]string
	if json.Unmarshal([]byte(v), &m) != nil {
		return devs, nil // forgotten devices are learnt again
	}
	for d, s := range m {
		if n, err := strconv.ParseUint(s, 10, 64); err == nil {
			devs[folderKey(d)] = n
		}
	}
	return devs, nil
}

// deviceKey is a folder as a key of the devices setting: its absolute
// path, or, when that is not valid UTF-8 (which JSON would mangle),
// "bytes:" and its bytes in base64. Absolute paths start with "/", so
// the two cannot be confused.
func deviceKey(dir string) string {
	if utf8.ValidString(dir) {
		return dir
	}
	return "bytes:" + base64.StdEncoding.EncodeToString([]byte(dir))
}

// folderKey undoes deviceKey.
func folderKey(key string) string {
	if rest, ok := strings.CutPrefix(key, "bytes:"); ok {
		if b, err := base64.StdEncoding.DecodeString(rest); err == nil {
			return string(b)
		}
	}
	return key
}

func (l *Library) saveDevices(devs map[string]uint64) error {
	m := make(map[string]string, len(devs))
	for d, n := range devs {
		m[deviceKey(d)] = strconv.FormatUint(n, 10)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return l.store.SetSetting(devicesSetting, string(b))
}

// inAny reports whether path lies inside one of dirs.
func inAny(path string, dirs []string) bool {
	for _, d := range dirs {
		if strings.HasPrefix(path, d+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
