package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"unsafe"

	"github.com/blevesearch/mmap-go"
)

// A vector file holds one embedder's vectors, one row per chunk, appended
// and never rewritten in place: a 16-byte header (magic, dimension), then
// rows of a float32 scale followed by dim int8s, v ≈ q × scale (one
// symmetric scale per row; cosine to the float32 vector ≥ 0.9999 on
// 384-dimensional sentence vectors). A row is only meaningful once a
// bbolt span names it (see vectors.go): rows written before a crash or
// belonging to removed documents are dead weight, never read.

const (
	vecMagic  = "QVEC0001"
	vecHeader = 16
)

// vectorPath is the file of the named embedder's vectors.
func (s *Store) vectorPath(embedder string) string {
	return filepath.Join(s.dir, "vectors", fileSafe(embedder)+".i8")
}

// fileSafe maps a model name to a file name on every platform.
func fileSafe(name string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.', r == '_':
			return r
		}
		return '_'
	}, name)
}

func rowBytes(dim int) int { return 4 + dim }

// appendVectors quantises vecs and appends them to the embedder's file,
// durably (fsync) before returning the number of the first row written.
// A torn row left by a crash is overwritten: rows start at whole-row
// offsets. Callers hold writeMu.
func (s *Store) appendVectors(embedder string, vecs [][]float32) (int, error) {
	if len(vecs) == 0 {
		return 0, nil
	}
	dim := len(vecs[0])
	path := s.vectorPath(embedder)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0, err
	}
	if info.Size() < vecHeader {
		hdr := make([]byte, vecHeader)
		copy(hdr, vecMagic)
		binary.LittleEndian.PutUint32(hdr[8:], uint32(dim))
		if _, err := f.WriteAt(hdr, 0); err != nil {
			return 0, err
		}
	} else if got, err := readVecHeader(f); err != nil {
		return 0, err
	} else if got != dim {
		return 0, fmt.Errorf("%s holds %d-dimensional vectors, not %d", path, got, dim)
	}
	first := 0
	if info.Size() > vecHeader {
		first = int(info.Size()-vecHeader) / rowBytes(dim)
	}
	buf := make([]byte, 0, len(vecs)*rowBytes(dim))
	for _, v := range vecs {
		if len(v) != dim {
			return 0, fmt.Errorf("vectors of %d and %d dimensions", dim, len(v))
		}
		buf = appendRow(buf, v)
	}
	if _, err := f.WriteAt(buf, vecHeader+int64(first)*int64(rowBytes(dim))); err != nil {
		return 0, err
	}
	if err := f.Sync(); err != nil {
		return 0, err
	}
	return first, nil
}

func readVecHeader(r io.ReaderAt) (int, error) {
	hdr := make([]byte, vecHeader)
	if _, err := r.ReadAt(hdr, 0); err != nil {
		return 0, fmt.Errorf("vector file header: %w", err)
	}
	if string(hdr[:8]) != vecMagic {
		return 0, errors.New("not a vector file")
	}
	return int(binary.LittleEndian.Uint32(hdr[8:])), nil
}

// appendRow appends v's row: its scale, then its int8s.
func appendRow(buf []byte, v []float32) []byte {
	var m float64
	for _, x := range v {
		m = max(m, math.Abs(float64(x)))
	}
	scale := float32(m / 127)
	buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(scale))
	for _, x := range v {
		q := 0.0
		if scale > 0 {
			q = math.Round(float64(x) / float64(scale))
		}
		buf = append(buf, byte(int8(max(-127, min(127, q)))))
	}
	return buf
}

// Vectors is a read-only view of one embedder's vector rows, mapped into
// memory rather than read: opening costs no I/O, and the pages a scan
// touches are the kernel's file cache, which it can drop under pressure.
// It sees the rows that existed when it was opened; reopen to see more.
// Safe for concurrent reads; Close only when no Row result is in use.
type Vectors struct {
	f    *os.File
	m    mmap.MMap
	dim  int
	rows int
}

// OpenVectors maps the named embedder's vector file. It returns
// ErrNotFound when the embedder has stored no vectors.
func (s *Store) OpenVectors(embedder string) (*Vectors, error) {
	path := s.vectorPath(embedder)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("vectors of %s: %w", embedder, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("vectors of %s: %w", embedder, err)
	}
	v, err := mapVectors(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("vectors of %s: %w", embedder, err)
	}
	return v, nil
}

func mapVectors(f *os.File) (*Vectors, error) {
	dim, err := readVecHeader(f)
	if err != nil {
		return nil, err
	}
	if dim <= 0 {
		return nil, fmt.Errorf("vector dimension %d", dim)
	}
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	rows := int(info.Size()-vecHeader) / rowBytes(dim)
	v := &Vectors{f: f, dim: dim, rows: rows}
	if rows == 0 {
		return v, nil
	}
	v.m, err = mmap.MapRegion(f, vecHeader+rows*rowBytes(dim), mmap.RDONLY, 0, 0)
	if err != nil {
		return nil, err
	}
	return v, nil
}

// Dim is the vectors' dimension.
func (v *Vectors) Dim() int { return v.dim }

// Len is the number of rows mapped.
func (v *Vectors) Len() int { return v.rows }

// Row returns row i's int8 values (aliasing the mapping: do not keep
// past Close) and its scale.
func (v *Vectors) Row(i int) ([]int8, float32) {
	off := vecHeader + i*rowBytes(v.dim)
	scale := math.Float32frombits(binary.LittleEndian.Uint32(v.m[off:]))
	b := v.m[off+4 : off+4+v.dim]
	return unsafe.Slice((*int8)(unsafe.Pointer(&b[0])), v.dim), scale
}

// Float returns row i as float32s (q × scale), in a new slice.
func (v *Vectors) Float(i int) []float32 {
	q, scale := v.Row(i)
	out := make([]float32, len(q))
	for j, x := range q {
		out[j] = float32(x) * scale
	}
	return out
}

// Close unmaps the rows and closes the file.
func (v *Vectors) Close() error {
	var err error
	if v.m != nil {
		err = v.m.Unmap()
	}
	return errors.Join(err, v.f.Close())
}
