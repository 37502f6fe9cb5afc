package search

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"quire/store"
)

// A question often names the document it is about: "General Mills' FY2019
// revenue" is a question about GENERALMILLS_2019_10K.pdf, and in a library
// of sixty filings the same words stand in every other report. Scoping
// finds the documents a question names and searches those first.
//
// A document is named when the whole of its name (the words of its file
// name before any year or filing type: "GENERALMILLS" of
// GENERALMILLS_2019_10K.pdf, all of zentara_robotics_handbook.pdf)
// stands in the question as consecutive words, spaces and punctuation
// aside ("General Mills", "Johnson & Johnson", "3M"). Matching single
// words of a name instead ("standard" of Northwind_Standard…) narrows to
// the wrong plan as often as to the right one. Among the named documents,
// those of the latest year the question asks about are kept, since a
// filing reports on its year and the ones before it.

// scopeDoc is a document as the scoper sees its name.
type scopeDoc struct {
	id    uint64
	name  string   // the name's entity words, joined: "generalmills"
	words []string // the same words apart: "general", "mills"
	year  int      // the year its name gives, 0 if none
	kind  string   // the filing type its name gives ("10k", "8k"), "" if none
}

// scoper caches the library's document names per store generation.
type scoper struct {
	mu     sync.Mutex
	gen    uint64
	docs   []scopeDoc
	chunks map[uint64]int // each indexed document's chunk count (see subject.go)
	ok     bool
}

// periodWord is a word of a file name that starts its period or type
// part: a year, a year with its quarter, a filing type.
var periodWord = regexp.MustCompile(`^(?:(?:19|20)\d\d(?:q[1-4]|h[12])?|\d+[kq]|earnings|dated)$`)

// nameWords splits a file name into lower-case words at any character
// that is neither a letter nor a digit.
func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// docName returns the entity words of a file name, joined, and the year
// it gives.
func docName(file string) (string, int) {
	words, year := docWords(file)
	return strings.Join(words, ""), year
}

// docWords returns the entity words of a file name and the year it
// gives.
func docWords(file string) ([]string, int) {
	stem := strings.TrimSuffix(file, ".pdf")
	stem = strings.TrimSuffix(stem, ".PDF")
	words := nameWords(stem)
	words = trimSuffixWords(words)
	var entity []string
	year := 0
	for i, w := range words {
		if periodWord.MatchString(w) {
			if len(w) >= 4 {
				year, _ = strconv.Atoi(w[:4])
			}
			entity = words[:i]
			break
		}
		entity = words[:i+1]
	}
	return entity, year
}

// corporateWords end a company's name without being said in questions
// ("lifeway-foods-inc_2019" is asked about as "Lifeway Foods").
var corporateWords = map[string]bool{"inc": true, "corp": true, "co": true, "ltd": true, "plc": true, "llc": true, "company": true, "group": true, "holdings": true, "sa": true, "ag": true}

// trimSuffixWords drops corporate words that stand right before the period
// part of a name, or at its end.
func trimSuffixWords(words []string) []string {
	out := make([]string, 0, len(words))
	for i, w := range words {
		next := i+1 == len(words) || periodWord.MatchString(words[i+1])
		if corporateWords[w] && next && len(out) > 0 {
			continue
		}
		out = append(out, w)
	}
	return out
}

// load returns the scoping view of the library's indexed documents,
// and their chunk counts.
func (sc *scoper) load(st *store.Store) ([]scopeDoc, map[uint64]int, error) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	gen := st.Generation()
	if sc.ok && sc.gen == gen {
		return sc.docs, sc.chunks, nil
	}
	all, err := st.Documents()
	if err != nil {
		return nil, nil, err
	}
	docs := make([]scopeDoc, 0, len(all))
	chunks := map[uint64]int{}
	for _, d := range all {
		if d.Status != store.StatusIndexed {
			continue
		}
		chunks[d.ID] = d.Chunks
		words, year := docWords(d.Name)
		name := strings.Join(words, "")
		if len(name) < 2 {
			continue
		}
		docs = append(docs, scopeDoc{id: d.ID, name: name, words: words, year: year, kind: filingKind(d.Name)})
	}
	sc.docs, sc.chunks, sc.gen, sc.ok = docs, chunks, gen, true
	return docs, chunks, nil
}

// maxNameWords is the most question words one name may span.
const maxNameWords = 5

// fiscalYear reads the years a question asks about: "2019", "FY2019",
// "FY 19", "fiscal 2019".
var fiscalYear = regexp.MustCompile(`(?i)\b(?:fy\s?'?(\d{2})|(?:fy\s?)?((?:19|20)\d{2}))\b`)

// nameRun is a run of up to maxNameWords consecutive words of a text:
// the index of its first and last word, its bytes, and its words joined
// in lower case (the form a document's name is matched in).
type nameRun struct {
	first, last int
	start, end  int
	joined      string
}

// nameWordRE is a word as nameWords splits them: letters and digits.
var nameWordRE = regexp.MustCompile(`[\p{L}\p{Nd}]+`)

// nameRuns are the runs of text's words, by first word, shortest first.
func nameRuns(text string) []nameRun {
	locs := nameWordRE.FindAllStringIndex(text, -1)
	var out []nameRun
	for i := range locs {
		var b strings.Builder
		for j := i; j < min(len(locs), i+maxNameWords); j++ {
			b.WriteString(strings.ToLower(text[locs[j][0]:locs[j][1]]))
			out = append(out, nameRun{first: i, last: j, start: locs[i][0], end: locs[j][1], joined: b.String()})
		}
	}
	return out
}

// named returns the documents the question names, in whole or by an
// abbreviation (abbrev.go), of the latest year it asks about when some
// of them are of that year; nil when it names none. When it asks no
// year, the named documents a later filing stands in for are left out
// and returned as earlier.
func (s *Searcher) named(docs []scopeDoc, question string) (ids, earlier []uint64, err error) {
	joined := map[string]bool{}
	for _, r := range nameRuns(question) {
		joined[r.joined] = true
	}
	var hit []scopeDoc
	for _, d := range docs {
		if joined[d.name] {
			hit = append(hit, d)
		}
	}
	short, err := s.abbreviated(docs, question)
	if err != nil {
		return nil, nil, err
	}
	for _, d := range short {
		if !slices.ContainsFunc(hit, func(h scopeDoc) bool { return h.id == d.id }) {
			hit = append(hit, d)
		}
	}
	if len(hit) == 0 {
		return nil, nil, nil
	}
	if y := latestYear(question); y > 0 {
		var inYear []scopeDoc
		for _, d := range hit {
			if d.year == y {
				inYear = append(inYear, d)
			}
		}
		if len(inYear) > 0 {
			hit = inYear
		}
	} else {
		for _, d := range hit {
			if supersededIn(d, hit) {
				earlier = append(earlier, d.id)
			}
		}
		hit = slices.DeleteFunc(hit, func(d scopeDoc) bool { return slices.Contains(earlier, d.id) })
	}
	ids = make([]uint64, len(hit))
	for i, d := range hit {
		ids[i] = d.id
	}
	slices.Sort(ids)
	slices.Sort(earlier)
	return ids, earlier, nil
}

// latestYear is the latest year the question names, 0 if none.
func latestYear(question string) int {
	y := 0
	for _, v := range AskedYears(question) {
		y = max(y, v)
	}
	return y
}

// AskedYears reads the years a question asks about, in order, fiscal
// forms included ("FY 19" is 2019).
func AskedYears(question string) []int {
	var out []int
	for _, m := range fiscalYear.FindAllStringSubmatch(question, -1) {
		var v int
		if m[1] != "" {
			v, _ = strconv.Atoi(m[1])
			v += 2000
		} else {
			v, _ = strconv.Atoi(m[2])
		}
		out = append(out, v)
	}
	return out
}
