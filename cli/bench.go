package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"quire/bench"
	"quire/library"
)

// benchReport is what quire bench writes.
type benchReport struct {
	Machine bench.Machine         `json:"machine"`
	Ingest  *bench.IngestReport   `json:"ingest,omitempty"`
	Search  *bench.SearchReport   `json:"search,omitempty"`
	Neural  *library.NeuralReport `json:"neural,omitempty"`
	OCR     *ocrReport            `json:"ocr,omitempty"`
	Scale   *bench.ScaleReport    `json:"scale,omitempty"`
	Probe   *bench.ProbeReport    `json:"probe,omitempty"`
	Cascade []bench.CascadeSet    `json:"cascade,omitempty"`
	Startup []bench.StartupRun    `json:"startup,omitempty"`
	Errors  map[string]string     `json:"errors,omitempty"`
}

func cmdBench(ctx context.Context, args []string, out io.Writer) error {
	fs := flags("bench", new(string))
	outPath := fs.String("out", "bench-results.json", "write the figures here as JSON")
	shared := fs.String("shared", filepath.Join("..", "shared"), "the shared data folder (evaldata, pdfcorpus)")
	pdfs := fs.String("pdfs", "", "PDFs to ingest (default: every PDF in <shared>/evaldata)")
	sizes := fs.String("sizes", "1000,10000,100000", "library sizes, in chunks, for the search section")
	queries := fs.Int("queries", 30, "queries per mode in the search section")
	runs := fs.Int("runs", 10, "timed runs per reranker setting")
	var oo ocrBenchOpts
	fs.StringVar(&oo.dpis, "ocr-dpi", "200", "OCR section: resolutions to draw pages at, comma-separated")
	fs.IntVar(&oo.pages, "ocr-pages", 220, "OCR section: pages with a good text layer to check")
	fs.IntVar(&oo.workers, "ocr-workers", 1, "OCR section: pages read at once")
	fs.StringVar(&oo.parts, "ocr-parts", "check,corpus", "OCR section: the self-check against text layers (check), scanned copies against their originals (scans, with --ocr-scans), the corpus's scans (corpus)")
	fs.StringVar(&oo.scans, "ocr-scans", "", "OCR section: folder of image-only copies of evaldata PDFs (scripts/scancopy)")
	scaleCache := fs.String("scale-cache", filepath.Join(os.TempDir(), "quire-scale"), "where the scale section keeps its libraries between runs")
	scaleSizes := fs.String("scale-sizes", "10000,100000,1000000", "library sizes, in chunks, for the scale section")
	probeDB := fs.String("probe-db", "", "scale-probe: the library to open")
	probeRerank := fs.Bool("probe-rerank", false, "scale-probe: also time the reranker")
	cascadeSets := fs.String("cascade-sets", "zentara,northwind,uda", "cascade: the evaluation sets whose questions test its decisions (libraries kept in --scale-cache)")
	cascadeModels := fs.String("cascade-models", "", "cascade: the models folder holding use-lite (default: the library's)")
	cascadeTime := fs.Bool("cascade-time", false, "cascade: run the generated int8 cross-encoder (kept in --scale-cache) to time each mode")
	sections, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(sections) == 0 {
		sections = []string{"ingest", "search", "neural", "startup"}
	}
	rep := benchReport{Machine: bench.ThisMachine(), Errors: map[string]string{}}
	save := func() error { return writeReport(*outPath, rep) }
	for _, sec := range sections {
		fmt.Fprintf(out, "bench %s…\n", sec)
		var err error
		switch sec {
		case "ingest":
			var r bench.IngestReport
			if r, err = benchIngest(ctx, *shared, *pdfs); err == nil {
				rep.Ingest = &r
			}
		case "search":
			var r bench.SearchReport
			if r, err = benchSearch(ctx, *shared, *sizes, *queries); err == nil {
				rep.Search = &r
			}
		case "neural":
			var r library.NeuralReport
			if r, err = library.BenchModels(ctx, *runs); err == nil {
				rep.Neural = &r
				var dir string
				if dir, err = modelsDir("", ""); err == nil {
					r.UseLite, err = library.BenchUseLite(ctx, dir)
				}
			}
		case "ocr":
			var r ocrReport
			r, err = benchOCR(ctx, out, *shared, oo)
			rep.OCR = &r
		case "scale":
			var r bench.ScaleReport
			var ns []int
			if ns, err = parseSizes(*scaleSizes); err == nil {
				r, err = benchScale(ctx, *shared, *scaleCache, ns, *queries, out)
				rep.Scale = &r
			}
		case "scale-probe": // one library, measured in this fresh process (run by scale)
			var r bench.ProbeReport
			var qs []string
			if qs, err = bench.Questions(*shared, *queries); err == nil {
				r, err = bench.Probe(ctx, bench.ProbeOptions{Library: *probeDB, ModelsDir: filepath.Join(*scaleCache, "models"),
					Questions: qs, Rerank: *probeRerank})
				rep.Probe = &r
			}
		case "cascade":
			var dir string
			if dir, err = modelsDir(*cascadeModels, ""); err != nil {
				break
			}
			o := bench.CascadeOptions{Shared: *shared, Cache: *scaleCache, ModelsDir: dir,
				Sets: strings.Split(*cascadeSets, ","), Log: func(s string) { fmt.Fprintln(out, s) }}
			if *cascadeTime {
				o.TimingDir = filepath.Join(*scaleCache, "models")
			}
			rep.Cascade, err = bench.Cascade(ctx, o)
		case "startup":
			rep.Startup, err = benchStartup(ctx, out)
		default:
			err = fmt.Errorf("unknown section (ingest, search, neural, ocr, scale, cascade, startup)")
		}
		if err != nil {
			rep.Errors[sec] = err.Error()
			fmt.Fprintf(out, "  %s: %v\n", sec, err)
		}
		if err := save(); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "wrote %s\n", *outPath)
	return nil
}

func benchIngest(ctx context.Context, shared, pdfs string) (bench.IngestReport, error) {
	var files []string
	root := pdfs
	if root == "" {
		root = filepath.Join(shared, "evaldata")
	}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".pdf") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return bench.IngestReport{}, err
	}
	quire, err := os.Executable()
	if err != nil {
		return bench.IngestReport{}, err
	}
	dir, err := os.MkdirTemp("", "quire-bench-models-")
	if err != nil {
		return bench.IngestReport{}, err
	}
	defer os.RemoveAll(dir)
	// Generated in a process of its own, before any timing.
	if out, err := exec.CommandContext(ctx, quire, "models", "generate", dir).CombinedOutput(); err != nil {
		return bench.IngestReport{}, fmt.Errorf("generate models: %v: %s", err, out)
	}
	// Embedding is the slow stage (a CPU transformer pass per chunk):
	// it gets a sample of the files, enough for a steady rate.
	configs := []bench.Config{
		{Name: "without embeddings", Args: []string{"--no-models"}},
		{Name: "with the MiniLM-shaped embedder", Args: []string{"--generated-models", dir}, Files: sample(files, 300)},
		{Name: "with the MiniLM-shaped embedder, int8", Args: []string{"--generated-models", dir, "--generated-int8"}, Files: sample(files, 300)},
	}
	configs = append(configs, useLiteIngest(files)...)
	return bench.Ingest(ctx, quire, files, append(configs, longDocuments()...))
}

// useLiteIngest are ingest configs with the built-in embedder, float32
// and int8 (the default), when it is installed in the models folder:
// what ingest gets of the embedder's rate, with extraction and indexing
// on the same cores.
func useLiteIngest(files []string) []bench.Config {
	dir, err := modelsDir("", "")
	if err != nil {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, library.UseLiteName, "model.onnx")); err != nil {
		return nil
	}
	some := sample(files, 600)
	return []bench.Config{
		{Name: "with use-lite, float32", Env: []string{"QUIRE_MODELS=" + dir, "QUIRE_USE_FP32=1"}, Files: some},
		{Name: "with use-lite (int8)", Env: []string{"QUIRE_MODELS=" + dir, "QUIRE_USE_FP32="}, Files: some},
	}
}

// rManuals holds the R manuals of Debian's r-doc-pdf, from 113 to 2,415
// pages: one file each, to show how memory follows a document's length.
const rManuals = "/usr/share/R/doc/manual"

func longDocuments() []bench.Config {
	var out []bench.Config
	for _, name := range []string{"R-intro.pdf", "R-exts.pdf", "refman.pdf"} {
		p := filepath.Join(rManuals, name)
		if _, err := os.Stat(p); err == nil {
			out = append(out, bench.Config{Name: "one file: " + name, Args: []string{"--no-models"}, Files: []string{p}})
		}
	}
	return out
}

// benchScale runs the scale section; each library is probed by a
// process of its own (quire bench scale-probe).
func benchScale(ctx context.Context, shared, cache string, sizes []int, queries int, out io.Writer) (bench.ScaleReport, error) {
	quire, err := os.Executable()
	if err != nil {
		return bench.ScaleReport{}, err
	}
	gen := filepath.Join(cache, "models")
	if _, err := os.Stat(filepath.Join(gen, library.GeneratedName)); err != nil {
		if b, err := exec.CommandContext(ctx, quire, "models", "generate", gen).CombinedOutput(); err != nil {
			return bench.ScaleReport{}, fmt.Errorf("generate models: %v: %s", err, b)
		}
	}
	probe := func(ctx context.Context, lib string, rerank bool) (bench.ProbeReport, error) {
		f, err := os.CreateTemp("", "quire-probe-*.json")
		if err != nil {
			return bench.ProbeReport{}, err
		}
		f.Close()
		defer os.Remove(f.Name())
		args := []string{"bench", "scale-probe", "--probe-db", lib, "--scale-cache", cache, "--shared", shared,
			"--queries", strconv.Itoa(queries), "--out", f.Name()}
		if rerank {
			args = append(args, "--probe-rerank")
		}
		if b, err := exec.CommandContext(ctx, quire, args...).CombinedOutput(); err != nil {
			return bench.ProbeReport{}, fmt.Errorf("probe %s: %v: %s", lib, err, b)
		}
		var rep benchReport
		data, err := os.ReadFile(f.Name())
		if err == nil {
			err = json.Unmarshal(data, &rep)
		}
		if err != nil || rep.Probe == nil {
			return bench.ProbeReport{}, fmt.Errorf("probe %s: no report (%v, %v)", lib, err, rep.Errors)
		}
		return *rep.Probe, nil
	}
	return bench.Scale(ctx, bench.ScaleOptions{Shared: shared, Cache: cache, Sizes: sizes, Queries: queries,
		Quire: quire, Probe: probe, Log: func(s string) { fmt.Fprintln(out, s) },
		WindowShow: windowShow})
}

func parseSizes(sizes string) ([]int, error) {
	var ns []int
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("sizes: %w", err)
		}
		ns = append(ns, n)
	}
	return ns, nil
}

func benchSearch(ctx context.Context, shared, sizes string, queries int) (bench.SearchReport, error) {
	ns, err := parseSizes(sizes)
	if err != nil {
		return bench.SearchReport{}, err
	}
	return bench.SearchGenerated(ctx, filepath.Join(shared, "evaldata", "scifact"), ns, queries)
}

// sample takes files from the front until they hold about pages pages.
func sample(files []string, pages int) []string {
	var out []string
	n := 0
	for _, f := range files {
		if n >= pages {
			break
		}
		out = append(out, f)
		n += bench.PDFPages(context.Background(), f)
	}
	return out
}
