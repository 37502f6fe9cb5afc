package library

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// Skip is a path a run could not look into, or chose not to follow, with
// the reason in words ("permission denied", "does not exist").
type Skip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// scan is what one walk of a folder found. Only folders in listed were
// read to the end: a name absent from one of them is known to be gone,
// while nothing is known of folders that could not be read.
type scan struct {
	root   string
	files  []string                   // PDFs, sorted: regular files and links to regular files
	listed map[string]map[string]bool // folder → the names in it
	skips  []Skip                     // links not followed
	// unreadable are the folders that could not be read: what they hold
	// is unknown, neither there nor gone.
	unreadable []Skip
}

// scanFolder walks root (following root itself if it is a link) and lists
// its PDFs. Links to files inside it are followed; links to folders are
// not (they could loop) and are reported.
func scanFolder(root string) *scan {
	s := &scan{root: root, listed: map[string]map[string]bool{}}
	s.walk(root)
	sort.Strings(s.files)
	return s
}

func (s *scan) walk(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		s.unreadable = append(s.unreadable, Skip{Path: dir, Reason: "could not be read: " + pathReason(err)})
		return
	}
	names := make(map[string]bool, len(entries))
	for _, e := range entries {
		names[e.Name()] = true
		p := filepath.Join(dir, e.Name())
		switch t := e.Type(); {
		case t.IsDir():
			s.walk(p)
		case t&fs.ModeSymlink != 0:
			s.link(p)
		case t.IsRegular() && isPDFName(p):
			s.files = append(s.files, p)
		}
	}
	s.listed[dir] = names
}

// link follows a symbolic link inside a walked folder.
func (s *scan) link(p string) {
	info, err := os.Stat(p)
	switch {
	case err != nil:
		if isPDFName(p) {
			s.skips = append(s.skips, Skip{Path: p, Reason: "is a link that leads nowhere readable: " + pathReason(err)})
		}
	case info.IsDir():
		s.skips = append(s.skips, Skip{Path: p, Reason: "is a link to a folder, which is not followed (add that folder itself)"})
	case info.Mode().IsRegular() && isPDFName(p):
		s.files = append(s.files, p)
	}
}

// present reports whether path was seen in its folder, and gone whether
// it is known to be absent: a folder on its way from the root was read
// to the end and lacks the next name. A path under a folder that could
// not be read is neither.
func (s *scan) present(path string) (present, gone bool) {
	rel, err := filepath.Rel(s.root, path)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false, false
	}
	dir := s.root
	for _, name := range strings.Split(rel, string(filepath.Separator)) {
		names, ok := s.listed[dir]
		if !ok {
			return false, false
		}
		if !names[name] {
			return false, true
		}
		dir = filepath.Join(dir, name)
	}
	return true, false
}

func isPDFName(p string) bool { return strings.EqualFold(filepath.Ext(p), ".pdf") }

// pathReason says in words why a file or folder could not be used.
func pathReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, fs.ErrNotExist):
		return "does not exist"
	case errors.Is(err, syscall.ELOOP):
		return "is a link that loops"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
