package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"time"

	"quire/ingest"
	"quire/store"
)

// ScaleEmbedder names the vectors of the scale libraries: random unit
// vectors of the MiniLM size, one per chunk. Embedding a million chunks
// with a CPU model would take hours; an exact scan costs the same
// whatever the values, and queries are embedded by the real model.
const ScaleEmbedder = "bench-random-384"

// ScaleDim is the dimension of the scale libraries' vectors.
const ScaleDim = 384

// LibraryInfo describes a built scale library.
type LibraryInfo struct {
	Dir           string  `json:"-"`
	Chunks        int     `json:"chunks"`
	Documents     int     `json:"documents"`
	Pages         int     `json:"pages"`
	BuildSeconds  float64 `json:"build_seconds"`
	ChunksPerSec  float64 `json:"build_chunks_per_s"`
	DiskBytes     int64   `json:"disk_bytes"`
	BytesPerChunk float64 `json:"disk_bytes_per_chunk"`
	// Parts is the bytes of each part of the library (bbolt, Bleve,
	// vectors) per chunk.
	PartBytesPerChunk map[string]float64 `json:"part_bytes_per_chunk"`
}

const infoFile = "scale-library.json"

// BuildLibrary makes (once) a library of at least chunks chunks in dir
// from the pool's synthetic documents, written through the store API
// with their vectors, 40 documents per write. An interrupted build
// resumes where it stopped; a finished one is only read back.
func BuildLibrary(ctx context.Context, pool *TextPool, dir string, chunks int, log func(string)) (LibraryInfo, error) {
	var info LibraryInfo
	if b, err := os.ReadFile(filepath.Join(dir, infoFile)); err == nil && json.Unmarshal(b, &info) == nil && info.Chunks >= chunks {
		info.Dir = dir
		return info, nil
	}
	st, err := store.Open(dir)
	if err != nil {
		return info, err
	}
	docs, err := st.Documents()
	if err != nil {
		st.Close()
		return info, err
	}
	for _, d := range docs {
		info.Chunks += d.Chunks
		info.Pages += d.Pages
	}
	info.Documents = len(docs)
	var prior float64
	if b, err := os.ReadFile(filepath.Join(dir, infoFile+".partial")); err == nil {
		var p LibraryInfo
		if json.Unmarshal(b, &p) == nil {
			prior = p.BuildSeconds
		}
	}
	start := time.Now()
	lastLog := start
	// Documents are made by goroutines of their own while the store
	// writes, so that text generation and indexing overlap.
	gctx, stop := context.WithCancel(ctx)
	defer stop()
	batches := makeBatches(gctx, pool, info.Documents, 40)
	for info.Chunks < chunks {
		if err := ctx.Err(); err != nil {
			st.Close()
			return info, err
		}
		batch := <-batches
		added, err := st.AddDocuments(batch)
		if err != nil {
			st.Close()
			return info, fmt.Errorf("build scale library: %w", err)
		}
		for _, d := range added {
			info.Documents++
			info.Chunks += d.Chunks
			info.Pages += d.Pages
		}
		if time.Since(lastLog) > 30*time.Second {
			lastLog = time.Now()
			secs := prior + time.Since(start).Seconds()
			log(fmt.Sprintf("  %s: %d chunks, %.0f s", filepath.Base(dir), info.Chunks, secs))
			p := info
			p.BuildSeconds = secs
			if b, err := json.Marshal(p); err == nil {
				os.WriteFile(filepath.Join(dir, infoFile+".partial"), b, 0o644)
			}
		}
	}
	if err := st.Close(); err != nil {
		return info, err
	}
	info.BuildSeconds = prior + time.Since(start).Seconds()
	info.ChunksPerSec = float64(info.Chunks) / info.BuildSeconds
	info.PartBytesPerChunk = map[string]float64{}
	for part, path := range map[string]string{"bbolt": "library.db", "bleve": "bleve", "vectors": "vectors"} {
		n := dirBytes(filepath.Join(dir, path))
		info.DiskBytes += n
		info.PartBytesPerChunk[part] = float64(n) / float64(info.Chunks)
	}
	info.BytesPerChunk = float64(info.DiskBytes) / float64(info.Chunks)
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return info, err
	}
	info.Dir = dir
	os.Remove(filepath.Join(dir, infoFile+".partial"))
	return info, os.WriteFile(filepath.Join(dir, infoFile), b, 0o644)
}

// makeBatches sends batches of n synthetic documents from document
// first on, in order, until ctx ends.
func makeBatches(ctx context.Context, pool *TextPool, first, n int) <-chan []store.NewDocument {
	out := make(chan []store.NewDocument, 2)
	go func() {
		defer close(out)
		for i := first; ; i += n {
			batch := make([]store.NewDocument, n)
			var wg sync.WaitGroup
			for k := range batch {
				wg.Add(1)
				go func() {
					defer wg.Done()
					batch[k] = syntheticDocument(pool, i+k)
				}()
			}
			wg.Wait()
			select {
			case out <- batch:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// syntheticDocument is document i of a scale library, chunked as ingest
// chunks, with one random unit vector per chunk.
func syntheticDocument(pool *TextPool, i int) store.NewDocument {
	texts := pool.Document(i)
	pages := make([]ingest.Page, len(texts))
	for k, t := range texts {
		pages[k] = ingest.Page{Number: k + 1, Text: t}
	}
	var chunks []store.Chunk
	for _, c := range ingest.Split(pages, ingest.ChunkOptions{}) {
		chunks = append(chunks, store.Chunk{PageStart: c.PageStart, PageEnd: c.PageEnd, Text: c.Text, Breaks: c.Breaks})
	}
	rng := rand.New(rand.NewPCG(uint64(i), 0xfec))
	vecs := make([][]float32, len(chunks))
	for k := range vecs {
		vecs[k] = unitVector(rng, ScaleDim)
	}
	name := fmt.Sprintf("scale-%07d.pdf", i)
	doc := store.Document{Name: name, Path: "/scale/" + name, Hash: name, Added: time.Now().UTC(),
		Pages: len(texts), TextPages: len(texts), Status: store.StatusIndexed, Engine: "text", Embedder: ScaleEmbedder}
	return store.NewDocument{Doc: doc, Chunks: chunks, Vectors: vecs}
}

func unitVector(rng *rand.Rand, dim int) []float32 {
	v := make([]float32, dim)
	var n float64
	for i := range v {
		v[i] = float32(rng.NormFloat64())
		n += float64(v[i]) * float64(v[i])
	}
	for i := range v {
		v[i] /= float32(math.Sqrt(n))
	}
	return v
}

// dirBytes is the bytes of the files under path (a file or a folder).
func dirBytes(path string) int64 {
	var n int64
	filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
