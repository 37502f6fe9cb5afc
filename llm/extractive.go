package llm

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"quire/lexicon"
	"quire/runhead"
	"quire/search"
	"quire/store"
)

// Abstention thresholds, chosen on ../shared/evaldata (see README: every
// answerable question there keeps at least 57 % of its weight on words the
// library knows; the unanswerable ones keep at most 39 %).
const (
	// DefaultMinKnown is the least share of the question's IDF weight that
	// must fall on words the library contains at all. A question whose
	// key words appear nowhere ("Does it support Mandarin?") is not
	// answered from the documents.
	DefaultMinKnown = 0.45
	// DefaultMinCoverage is the least share of the weight of the known
	// words that one retrieved chunk must hold.
	DefaultMinCoverage = 0.15
)

// Extractive answers by quoting the sentences of the top chunks that best
// cover the question's terms. It needs no model.
type Extractive struct {
	// Analyze splits text into terms the way the index does.
	Analyze func(string) []string
	// MinKnown and MinCoverage are the abstention thresholds
	// (DefaultMinKnown and DefaultMinCoverage if 0).
	MinKnown, MinCoverage float64
	// MaxSentences bounds the answer's length (default 3).
	MaxSentences int
	// PassageWords bounds the prose quoted after the best unit
	// (DefaultPassageWords if 0).
	PassageWords int
	// CandidateShare is the least share of the best unit's coverage a
	// unit needs to be tried as the answer's first (DefaultCandidateShare
	// if 0).
	CandidateShare float64
	// Chunk reads a chunk of the library by its id, for what a retrieved
	// chunk leaves out: the column years of a table whose rows it starts
	// in. Nil reads none.
	Chunk func(id string) (store.Chunk, error)
	// English is the dictionary's words: whom a question is about (an
	// owner, "abiomed's", or the subject of "did abiomed …"), when it
	// lacks the word, is a name the answer's passages must write (see
	// namesSaid). Nil takes no such word for a name.
	English lexicon.Set
	// Statements keeps the financial statements read from the library's
	// documents across questions; nil reads them for each question.
	Statements *StatementCache
}

// termSet is the set of text's analysed terms.
func (e Extractive) termSet(text string) map[string]bool {
	set := map[string]bool{}
	for _, t := range e.Analyze(text) {
		set[t] = true
	}
	return set
}

// unit is a sentence or table row that an answer can quote.
type unit struct {
	hit   int // index of the hit it comes from
	pos   int // position in the chunk
	text  string
	loc   string // the text to find in the chunk, when not text itself
	terms map[string]bool
	cov   float64
	// pcov is the coverage of the unit's passage (see passageCoverage),
	// which orders units that cover the question alike.
	pcov float64
	// scope is the unit's section within its chunk and path the headings
	// that name it (see section.go).
	scope, path string
	// chunk is the chunk the unit was read from: the hit's own or one of
	// its page's companions.
	chunk *store.Chunk
	// run is the most of the question's words a sentence of prose says
	// in the question's order, one after another, its document's name
	// aside (see longestRun). A row or a heading has none: "As of / Year
	// Ended December 31," says "year end" as a column header does.
	run int
}

// hitLines are the lines of a hit's chunk and its page's companions, in
// document order, each with the chunk it was read from; the lines with
// which a chunk begins that the chunk before it ends with (they overlap)
// are read once (see withoutOverlap).
func hitLines(h search.Hit) (lines []string, from []*store.Chunk) {
	chunks := []*store.Chunk{&h.Chunk}
	for i := range h.Companions {
		chunks = append(chunks, &h.Companions[i])
	}
	slices.SortStableFunc(chunks, func(a, b *store.Chunk) int { return a.Ord - b.Ord })
	strip := runhead.NewSet(h.Doc.Running)
	var before []string // the lines of the chunk before, when it is read
	for i, c := range chunks {
		ls := Sentences(strip.Strip(c.Text))
		if i == 0 || c.Ord != chunks[i-1].Ord+1 {
			before = nil
		}
		for _, l := range withoutOverlap(ls, before) {
			lines = append(lines, l)
			from = append(from, c)
		}
		before = ls
	}
	if len(chunks) > 1 {
		lines, from = dropCutPieces(lines, from)
	}
	return lines, from
}

// withoutOverlap is a chunk's lines ls without those it begins with that
// end the chunk before it (before; nil when that chunk is not read):
// their overlap, read once. The chunk may begin inside a line the chunk
// before holds whole; that piece is kept here, and dropCutPieces leaves it
// out. Only the run of lines that ends the chunk before counts: a second
// table under the same header ("March 31," / "2012 2011" / "(in $000's)")
// repeats lines of the first, and left out they were, its rows were
// quoted without their years. The chunk before may also end inside a
// line this chunk holds whole ("There are a few exceptions … limit." /
// "These include claims submitted for"): the run then ends before that
// piece, and the answer quoted the sentence ahead of it twice.
func withoutOverlap(ls, before []string) []string {
	for _, i := range []int{0, 1} { // 1: the chunk begins with a piece
		for k := min(len(ls)-i, len(before)); k > 0; k-- {
			if slices.Equal(ls[i:i+k], before[len(before)-k:]) || endsInPiece(ls, i, k, before) {
				return append(slices.Clip(ls[:i]), ls[i+k:]...)
			}
		}
	}
	return ls
}

// endsInPiece: the k lines of ls from i are those before ends with, but for
// its last line, which is the start of the line of ls that follows them.
func endsInPiece(ls []string, i, k int, before []string) bool {
	n := len(before) - 1
	if k > n || i+k >= len(ls) {
		return false
	}
	piece := before[n]
	return len(piece) < len(ls[i+k]) && strings.HasPrefix(ls[i+k], piece) &&
		slices.Equal(ls[i:i+k], before[n-k:n])
}

// dropCutPieces leaves out a line that is only the start or the end of a
// line another chunk holds whole. Overlapping chunks cut a sentence at
// different places, so the chunk that begins inside it holds its tail
// ("and following the tips outlined above, members can …"), and an answer
// quoted both. Short pieces are kept (see minPieceWords).
func dropCutPieces(lines []string, from []*store.Chunk) ([]string, []*store.Chunk) {
	var keptLines []string
	var keptFrom []*store.Chunk
	for i, l := range lines {
		if !isCutPiece(i, lines, from) {
			keptLines = append(keptLines, l)
			keptFrom = append(keptFrom, from[i])
		}
	}
	return keptLines, keptFrom
}

func isCutPiece(i int, lines []string, from []*store.Chunk) bool {
	l := lines[i]
	if len(strings.Fields(l)) <= minPieceWords {
		return false
	}
	for j, whole := range lines {
		if from[j] == from[i] || len(whole) <= len(l) {
			continue
		}
		if strings.HasSuffix(whole, " "+l) || strings.HasPrefix(whole, l+" ") {
			return true
		}
	}
	return false
}

// Answer picks the best-supported sentences and cites each with [n].
func (e Extractive) Answer(ctx context.Context, question string, res search.Result) (Answer, error) {
	if err := ctx.Err(); err != nil {
		return Answer{}, fmt.Errorf("answer: %w", err)
	}
	n := len(res.Hits)
	part := map[string]bool{}
	for _, h := range res.Second {
		part[h.Chunk.ID()] = true
		if !slices.ContainsFunc(res.Hits[:n], func(g search.Hit) bool { return g.Chunk.ID() == h.Chunk.ID() }) {
			res.Hits = append(slices.Clip(res.Hits), h)
		}
	}
	ans := e.answer(question, res, n, part)
	ans.Citations = withoutUnquoted(ans.Citations, ans.Text, res.Hits[n:])
	return ans, nil
}

// answer is Answer for res, whose hits past the first n are the second
// part's; part holds the IDs of the chunks found for it (see
// search.Result.Second), some of which may be among the first n.
func (e Extractive) answer(question string, res search.Result, n int, part map[string]bool) Answer {
	ans := Answer{Citations: citations(res.Hits)}
	switch {
	case askedList(question).asked():
		res = withTails(res, e.Chunk, isListItem)
	case expectsFigure(question), askedRowSuperlative(question):
		// A table's header may end a chunk whose rows begin the next.
		res = withTails(res, e.Chunk, isRowLike)
	}
	known, cov := evidence(res, e.itemWords(question))
	ans.Confidence = known
	units, all, local := e.units(question, res, n)
	units, second := apart(units, n, part)
	weak := res.Weak || known < or(e.MinKnown, DefaultMinKnown) || cov < or(e.MinCoverage, DefaultMinCoverage)
	if len(units) == 0 || weak {
		ans.Abstained = true
		ans.Text = NotFound
		return ans
	}
	if c, ok := e.computeAny(question, units, all, res); ok {
		return e.computedAnswer(ans, question, c, all, res)
	}
	if c, ok := e.lookupStatement(question, res); ok {
		return e.computedAnswer(ans, question, c, all, res)
	}
	if c, ok := e.superlativeStatement(question, res); ok {
		return e.computedAnswer(ans, question, c, all, res)
	}
	if c, ok := e.superlativeRows(question, res.Hits, all); ok {
		return e.computedAnswer(ans, question, c, all, res)
	}
	wantFigure := expectsFigure(question)
	if wantFigure {
		units = figureFirst(units)
	}
	// A question that asks no year asks about now: of several documents
	// that answer it alike, the latest one's answer goes first.
	var latest func(unit) int
	if len(search.AskedYears(question)) == 0 {
		latest = func(u unit) int { return nameYear(res.Hits[u.hit].Doc) }
	}
	units = defineFirst(question, holderFirst(question, countFirst(question, e.nounFirst(question, units), latest), latest))
	chosen, lead, ok := e.fromStatement(question, local, units, all, res)
	if !ok {
		chosen, lead, ok = e.fromNamedRow(question, local, units, all, res)
	}
	if !ok {
		chosen, lead, ok = e.stated(question, local, units, second, all, res)
	}
	if !ok {
		ans.Abstained = true
		ans.Text = NotFound
		return ans
	}
	at := placesOf(all)
	chosen, lead = e.rowFirst(question, chosen, lead, at)
	chosen, lead = withAntecedent(chosen, lead, at)
	chosen = e.withoutStrayRows(question, chosen, lead)
	if c, ok := e.computeRow(question, chosen, lead, all); ok {
		return e.computedAnswer(ans, question, c, all, res)
	}
	chosen, lead = e.withColumns(question, chosen, all, lead)
	var num map[int]int
	ans.Text, num = quote(chosen, lead, res, ans.Citations)
	ans.Citations = renumber(ans.Citations, num)
	return ans
}

// computedAnswer says the result of c and how it was reached, then quotes
// the figures it used, each with its citation; a look-up (no result line)
// quotes its row alone.
func (e Extractive) computedAnswer(ans Answer, question string, c computed, all []unit, res search.Result) Answer {
	res.Hits = append(slices.Clip(res.Hits), c.extra...)
	ans.Citations = append(ans.Citations, citations(c.extra)...)
	if len(c.also) > 0 {
		return e.computedEach(ans, question, append([]computed{c}, c.also...), all, res)
	}
	c.units, _ = e.withColumns(question, c.units, all, len(c.units))
	text, num := quote(c.units, len(c.units), res, ans.Citations)
	ans.Text = text
	if c.line != "" {
		ans.Text = c.line + " " + marker(num[c.units[0].hit]) + "\n" + text
	}
	ans.Citations = renumber(ans.Citations, num)
	return ans
}

// Candidates for the answer's first unit: the best-covering units, as long
// as they cover at least DefaultCandidateShare of what the best one does,
// and at most maxCandidates of them.
const (
	DefaultCandidateShare = 0.7
	maxCandidates         = 4
)

// kindShare: a unit that holds the kind of answer asked for (a name for
// "who") is tried even when it covers this much less than the best one:
// "CEO Iris Kallas." matches less of "Who is the CEO of Zentara
// Robotics?" than a sentence naming the company, and answers it.
const kindShare = 0.25

// stated tries the best-covering units in turn as the answer's first unit
// and returns the first answer whose units state what the question asks
// (see states): the best match by words may be the neighbouring row or
// the sibling plan, and the next one the right one. A sentence that sums
// up its section is tried only when no other unit answers (see isRecap).
func (e Extractive) stated(question string, terms []search.Term, units, second, all []unit, res search.Result) (chosen []unit, lead int, ok bool) {
	at := placesOf(all)
	if chosen, lead, ok := e.tryFirsts(question, terms, units, second, at, res, isRecap); ok {
		return chosen, lead, true
	}
	return e.tryFirsts(question, terms, units, second, at, res, func(string) bool { return false })
}

// tryFirsts is stated's search, leaving out the first units skip says.
func (e Extractive) tryFirsts(question string, terms []search.Term, units, second []unit, at places, res search.Result, skip func(string) bool) (chosen []unit, lead int, ok bool) {
	wantFigure := expectsFigure(question)
	list := askedList(question)
	share := or(e.CandidateShare, DefaultCandidateShare)
	// A unit that holds only the question's names or frame words ("use")
	// answers nothing, however well it covers them: the candidates are
	// the units that hold what is asked (for a coverage question, what
	// it asks about), measured against the best of them. A made-up
	// example ("For example, if the primary plan has a $1,000 deductible
	// …") illustrates its passage's rule and states no fact of the plan.
	asked, tables := e.askedTerms(question), map[string][]string{}
	eligible := func(u unit) bool {
		return e.holdsAsked(asked, u, tables) && e.namesObject(question, u.text) && !isExample(u.text) && !skip(u.text)
	}
	if wantFigure && asksLevel(question) {
		held := eligible
		eligible = func(u unit) bool { return held(u) && e.askedBeforeCause(asked, u, res.Defined) }
	}
	if wantFigure {
		units = figureFirstOf(question, units, eligible)
	}
	units = e.contactFirst(question, units, eligible)
	if asksLimits(question) {
		units = sayingFirstOf(units, eligible, statesLimit)
	} else if asksCovered(question) {
		units = sayingFirstOf(units, eligible, statesNoNegation)
	} else if asksNotCovered(question) {
		units = sayingFirstOf(units, eligible, statesAnyNegation)
	}
	best, tried := 0.0, 0
	for i := 0; i < len(units) && tried < maxCandidates; i++ {
		if !eligible(units[i]) {
			continue
		}
		if tried == 0 {
			best = units[i].cov
		}
		if units[i].cov < share*best && !(tried > 0 && holdsKind(question, units[i].text) && units[i].cov >= kindShare*best) {
			break
		}
		tried++
		order := append([]unit{units[i]}, others(units[:i])...)
		order = append(order, others(units[i+1:])...)
		chosen := e.choose(terms, order)
		primary := passage(follow(chosen[:1], at, wantFigure, list), at, e.PassageWords)
		primary = append(primary[:1:1], onTopic(question, primary[1:], res)...)
		primary = withAllRows(withLeadIn(primary, at), at)
		// An aside, like the first unit, holds what is asked: "The
		// Magpie-7 is rated for collaborative operation …" only names
		// the robot whose warranty is asked about.
		alsoAsked := slices.DeleteFunc(slices.Clone(chosen[1:]), func(u unit) bool { return !e.holdsAsked(asked, u, tables) })
		rest := namedAsides(question, primary[0], onTopic(question, e.asides(question, alsoAsked), res), res)
		if list.asked() {
			rest = ofItsDocument(primary[0], rest, res)
		}
		rest = holdersOnly(question, rest)
		if u, ok := e.secondAnswer(question, terms, second, append(slices.Clone(primary), rest...)); ok {
			rest = append(passage([]unit{u}, at, secondPassageWords), rest...)
		}
		chosen = merge(primary, follow(rest, at, wantFigure, list))
		chosen = withPeers(question, chosen, units)
		if e.states(question, primary, chosen, res, at) {
			return chosen, len(primary), true
		}
	}
	return nil, 0, false
}

// figureShare is how much less of the question a unit with a figure may
// cover and still go before the best unit without one, when the question
// asks for an amount.
const figureShare = 0.6

// figureFirstOf is figureFirst among the units ok holds: "MTBF … 4,200
// hours" said the Magpie-7 and a figure, but not the warranty asked,
// and the warranty's row ("Warranty 24 months parts and labour") came
// after a sentence that says the word and no figure. Unless the question
// asks for a change, the size of one is no figure of what is asked: "How
// much did Boeing spend on R&D in 2022?" is answered by the expense row
// ("Research and development expense, net, 2022: (2,852)"), not by
// "Research and development expense increased by $94 million in 2022".
func figureFirstOf(question string, units []unit, ok func(unit) bool) []unit {
	level := !asksChange.MatchString(question)
	return sayingFirstOf(units, ok, func(text string) bool {
		if level {
			text = changeAmount.ReplaceAllString(text, "")
		}
		return hasFigure(stripYears(text))
	})
}

// sayingFirstOf moves the best of the units ok holds whose text says what
// is wanted (says) ahead of the best of them, unless it covers the
// question much less (figureShare).
func sayingFirstOf(units []unit, ok func(unit) bool, says func(string) bool) []unit {
	first := slices.IndexFunc(units, ok)
	if first < 0 || says(units[first].text) {
		return units
	}
	for i := first + 1; i < len(units); i++ {
		if units[i].cov < figureShare*units[first].cov {
			break
		}
		if ok(units[i]) && says(units[i].text) {
			return moveTo(units, i, first)
		}
	}
	return units
}

// figureFirst moves the best unit holding a figure to the front, unless it
// covers the question much less than the best unit.
func figureFirst(units []unit) []unit {
	if len(units) == 0 || hasFigure(units[0].text) {
		return units
	}
	for i, u := range units {
		if u.cov < figureShare*units[0].cov {
			break
		}
		if hasFigure(stripYears(u.text)) {
			return moveTo(units, i, 0)
		}
	}
	return units
}

// moveTo returns units with units[from] moved to place to (to ≤ from),
// the units between shifted after it; units itself is left as it is.
func moveTo(units []unit, from, to int) []unit {
	out := slices.Clone(units[:to])
	out = append(out, units[from])
	out = append(out, units[to:from]...)
	return append(out, units[from+1:]...)
}

// merge appends to a the units of b that a does not quote yet.
func merge(a, b []unit) []unit {
	out := slices.Clone(a)
	for _, u := range b {
		if !slices.ContainsFunc(out, u.same) {
			out = append(out, u)
		}
	}
	return out
}

// quote writes the chosen units: the first lead of them (the unit that
// answers and what completes it) first, then the others, their sources in
// the order first quoted and each source's units in document order; each
// with its source's marker numbered in order of first citation. It marks
// the citations they use.
func quote(chosen []unit, lead int, res search.Result, cs []Citation) (string, map[int]int) {
	first := map[int]int{}
	for i, u := range chosen {
		if _, ok := first[u.hit]; !ok {
			first[u.hit] = i
		}
	}
	rest := chosen[lead:]
	sort.SliceStable(rest, func(i, j int) bool {
		if a, b := first[rest[i].hit], first[rest[j].hit]; a != b {
			return a < b
		}
		return rest[i].pos < rest[j].pos
	})
	chosen = withoutRepeats(withoutBareLabels(chosen))
	num := numbering(chosen)
	var b strings.Builder
	for i, u := range chosen {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s %s", escapeMarkers(u.text), marker(num[u.hit]))
		cite(u, res, cs)
	}
	return b.String(), num
}

// cite marks the citation of u's source used: the page of what u quotes,
// the first time, and u's text added to its snippet.
func cite(u unit, res search.Result, cs []Citation) {
	c := &cs[u.hit]
	if !c.Used {
		loc := u.text
		if u.loc != "" {
			loc = u.loc
		}
		src := res.Hits[u.hit].Chunk
		if u.chunk != nil {
			src = *u.chunk
		}
		c.Page = pageOf(src, loc)
	}
	c.Used = true
	c.Snippet = strings.TrimSpace(c.Snippet + " " + u.text)
}

// evidence measures how well the library can support an answer: known is
// the share of the question's IDF weight on words some chunk contains,
// or that name a statement line (items: "COGS", which a filing writes
// "Cost of revenue"); cov is the best share of that known weight held by
// one retrieved chunk.
func evidence(res search.Result, items map[string]bool) (known, cov float64) {
	var present []search.Term
	var all, have float64
	for _, t := range res.Terms {
		all += t.IDF
		if t.DF > 0 || items[t.Text] {
			have += t.IDF
			present = append(present, t)
		}
	}
	if all == 0 {
		return 0, 0
	}
	for _, h := range res.Hits {
		cov = max(cov, search.Coverage(present, h.Terms))
	}
	return have / all, cov
}

func or(v, def float64) float64 {
	if v > 0 {
		return v
	}
	return def
}

// units splits every hit into quotable units, best covered first; ties go
// to the unit that says more of the question as the question says it
// ("If you choose an out-of-network provider, …" for "… of choosing an
// out-of-network provider …"), then to the unit whose passage covers
// more, then to the higher-ranked hit, then to the earlier unit.
func (e Extractive) units(question string, res search.Result, n int) (kept, all []unit, local []search.Term) {
	var us []unit
	body := e.bodyTerms()
	asked := e.askedTerms(question)
	said := e.Analyze(question)
	named := make([]map[string]bool, len(res.Hits))
	for i, h := range res.Hits {
		first := len(us)
		lines, from := hitLines(h)
		named[i] = e.nameTerms(question, h.Doc)
		e.wholeFirst(h, lines, from)
		scope, path := sectionOf(lines)
		for j, s := range lines {
			set := map[string]bool{}
			seq := e.Analyze(s)
			for _, t := range seq {
				set[t] = true
			}
			withBodyTerms(set, body)
			search.WithDefined(set, seq, res.Defined)
			u := unit{hit: i, pos: j, text: s, terms: set, scope: scope[j], path: path[j], chunk: from[j]}
			if isProse(s) {
				u.run = longestRun(said, seq, named[i])
			}
			us = append(us, u)
		}
		us = append(us, tableUnits(us[first:])...)
		us = append(us, groupUnits(us[first:])...)
		us = append(us, signedUnits(us[first:])...)
		us = append(us, e.headedRows(asked, us[first:])...)
	}
	// The question's words are weighed among the units of the first n
	// hits alone, so that the second part's hit (search.Result.Second)
	// changes no choice among them.
	first, _ := apart(us, n, nil)
	terms := e.inCore(localWeights(res.Terms, first), question)
	perHit := make([][]search.Term, len(res.Hits))
	for i := range res.Hits {
		perHit[i] = inContext(terms, named[i])
	}
	for i := range us {
		us[i].cov = search.Coverage(perHit[us[i].hit], us[i].terms)
	}
	passageCoverage(us, perHit)
	all = slices.Clone(us)
	kept = us[:0]
	for _, u := range us {
		if u.cov > 0 {
			kept = append(kept, u)
		}
	}
	sort.SliceStable(kept, func(a, b int) bool {
		if kept[a].cov != kept[b].cov {
			return kept[a].cov > kept[b].cov
		}
		if kept[a].run != kept[b].run {
			return kept[a].run > kept[b].run
		}
		if kept[a].pcov != kept[b].pcov {
			return kept[a].pcov > kept[b].pcov
		}
		return kept[a].hit < kept[b].hit
	})
	return kept, all, terms
}

// contextWeight scales query terms that name the document itself: in
// "Who is the CEO of Zentara Robotics?" asked of zentara_robotics.pdf,
// "Zentara Robotics" says which document, "CEO" what to quote from it.
const contextWeight = 0.2

// inContext scales down the terms that name the document (inName, see
// nameTerms): its file name's, and those of the question's words that
// spell one of its words run together: "Lockheed Martin" names
// LOCKHEEDMARTIN_2022_10K.pdf as much as "Netflix" names
// NETFLIX_2017_10K.pdf, and weighed in full it let the exhibit index,
// which says the name on every line, outweigh the backlog.
func inContext(terms []search.Term, inName map[string]bool) []search.Term {
	out := append([]search.Term(nil), terms...)
	for i := range out {
		if inName[out[i].Text] {
			out[i].IDF *= contextWeight
		}
	}
	return out
}

// nameTerms are the terms of doc's file name and those the question
// spells of it: they say which document, not what is asked of it (see
// inContext and longestRun).
func (e Extractive) nameTerms(question string, doc store.Document) map[string]bool {
	inName := e.termSet(doc.NameWords())
	for t := range e.termSet(search.SpelledName(question, doc.NameWords())) {
		inName[t] = true
	}
	return inName
}

// localWeights reweighs the query terms for choosing sentences: a term
// found in most candidate sentences (the company name in every page
// footer) tells them apart no better than a stop word, whatever its IDF
// in the library. Each term's weight is its IDF times its inverse
// frequency among the units.
func localWeights(terms []search.Term, us []unit) []search.Term {
	n := float64(len(us))
	out := make([]search.Term, len(terms))
	for i, t := range terms {
		var df float64
		for _, u := range us {
			if u.terms[t.Text] {
				df++
			}
		}
		out[i] = t
		out[i].IDF = t.IDF * math.Log(1+(n-df+0.5)/(df+0.5))
	}
	return out
}

// choose takes the best unit, then units that add a good share of the
// question's weight the answer does not cover yet, or that match the
// question nearly as well as the best one (a list of like rows).
func (e Extractive) choose(terms []search.Term, units []unit) []unit {
	limit := e.MaxSentences
	if limit <= 0 {
		limit = 3
	}
	var total float64
	for _, t := range terms {
		total += t.IDF
	}
	chosen := []unit{units[0]}
	covered := map[string]bool{}
	for t := range units[0].terms {
		covered[t] = true
	}
	best := units[0].cov
	for _, u := range units[1:] {
		if len(chosen) == limit {
			break
		}
		if u.cov < 0.5*best || slices.ContainsFunc(chosen, u.same) {
			continue
		}
		gain := 0.0
		for _, t := range terms {
			if u.terms[t.Text] && !covered[t.Text] {
				gain += t.IDF
			}
		}
		if gain < 0.2*total && u.cov < 0.9*best {
			continue
		}
		chosen = append(chosen, u)
		for t := range u.terms {
			covered[t] = true
		}
	}
	return chosen
}

var (
	sentenceEnd = regexp.MustCompile(`([.!?][”"’)]?)\s+([A-Z0-9"“(])`)
	// sectionNumber is a heading's number ("1.", "4.2.", "B."), not a
	// sentence.
	sectionNumber = regexp.MustCompile(`^(?:\d{1,2}(?:\.\d{1,2})*|[A-Z])\.$`)
)

// Sentences splits chunk text into lines, and long lines into sentences,
// so table rows stay whole and prose splits at sentence ends.
func Sentences(text string) []string {
	var out []string
	for _, line := range joinWrapped(text) {
		if len(strings.Fields(line)) <= 40 && !sentenceEnd.MatchString(line) {
			out = append(out, line)
			continue
		}
		marked := sentenceEnd.ReplaceAllString(line, "$1\x00$2")
		number := ""
		for _, s := range withNames(strings.Split(marked, "\x00")) {
			s = strings.TrimSpace(s)
			if sectionNumber.MatchString(s) {
				number += s + " " // "1." numbers the heading after it
				continue
			}
			if s = number + s; s != "" {
				out = append(out, s)
			}
			number = ""
		}
		if number != "" {
			out = append(out, strings.TrimSpace(number))
		}
	}
	return out
}

// withNames joins again the pieces a period parted inside a name: after
// an honorific ("Mr. Donahoe") or a middle initial ("John J. Donahoe"),
// and a company's name before the short name it is given ("PillPack,
// Inc. (“PillPack”) for cash consideration …" was quoted from its
// parenthesis on).
func withNames(pieces []string) []string {
	out := pieces[:0]
	for _, p := range pieces {
		if n := len(out); n > 0 && (endsInName(out[n-1]) || endsInCompany(out[n-1]) && strings.HasPrefix(strings.TrimSpace(p), "(")) {
			out[n-1] += " " + strings.TrimSpace(p)
			continue
		}
		out = append(out, p)
	}
	return out
}

// companySuffixes end a company's name with a period.
var companySuffixes = map[string]bool{"Inc.": true, "Ltd.": true, "Corp.": true, "Co.": true, "L.P.": true, "LLC.": true, "N.V.": true, "S.A.": true, "plc.": true}

// endsInCompany: a piece ends with a company's suffix ("PillPack, Inc.").
func endsInCompany(piece string) bool {
	ws := strings.Fields(piece)
	return len(ws) > 0 && companySuffixes[ws[len(ws)-1]]
}

// honorifics end no sentence.
var honorifics = map[string]bool{"Mr.": true, "Mrs.": true, "Ms.": true, "Dr.": true, "Prof.": true}

// endsInName reports whether a piece ends with an honorific or with a
// capitalised word and an initial.
func endsInName(piece string) bool {
	ws := strings.Fields(piece)
	if len(ws) == 0 {
		return false
	}
	last := ws[len(ws)-1]
	if honorifics[last] {
		return true
	}
	r := []rune(last)
	return len(ws) >= 2 && len(r) == 2 && unicode.IsUpper(r[0]) && r[1] == '.' && capitalised(ws[len(ws)-2]) && !lettered[ws[len(ws)-2]]
}

// lettered are words a letter follows as a label, not as an initial:
// "Note A.", "Exhibit B." may end a sentence.
var lettered = map[string]bool{"Note": true, "Notes": true, "Item": true, "Exhibit": true, "Appendix": true, "Part": true, "Schedule": true, "Section": true, "Table": true, "Figure": true, "Class": true, "Series": true, "Plan": true, "Group": true, "Tier": true, "Level": true}

// joinWrapped joins the visual lines of wrapped prose (a line that does not
// end a sentence followed by one that starts in lower case) and keeps
// other lines, such as table rows and headings, as they are.
func joinWrapped(text string) []string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if n := len(lines); n > 0 && continues(lines[n-1], l) {
			lines[n-1] += " " + l
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

func continues(prev, next string) bool {
	last := prev[len(prev)-1]
	if strings.ContainsRune(".!?:;", rune(last)) {
		return false
	}
	r := []rune(next)[0]
	return unicode.IsLower(r) || endsMidPhrase(prev) || openParen(prev) || wrapsName(prev, next)
}

// wrapsName: a line of prose that stops on a capitalised word, before a
// line that starts with one, has wrapped inside a name ("That’s why we
// offer a Chronic Condition" / "Management Program (CCMP) as part of
// …"). A heading or a row label is not prose: most of a line of prose's
// words start in lower case, and it has no figures.
func wrapsName(prev, next string) bool {
	ws := strings.Fields(prev)
	if len(ws) < minProseWords || strings.ContainsAny(prev, "0123456789") || !capitalised(ws[len(ws)-1]) {
		return false
	}
	if !unicode.IsUpper([]rune(next)[0]) {
		return false
	}
	lower := 0
	for _, w := range ws {
		if unicode.IsLower([]rune(w)[0]) {
			lower++
		}
	}
	return 2*lower > len(ws)
}

// minProseWords is the fewest words a line needs to be read as prose
// rather than a heading or a list item.
const minProseWords = 6

// openParen: the line opens a parenthesis it does not close ("the R&D
// centre in Kraków (opened"), so the next line goes on with it.
func openParen(line string) bool {
	return strings.Count(line, "(") > strings.Count(line, ")")
}

// midPhrase are words a line of prose cannot end on ("Trading commenced
// on" goes on in the next line, whatever its first letter).
var midPhrase = map[string]bool{"on": true, "of": true, "the": true, "to": true, "and": true, "in": true, "by": true, "for": true, "with": true, "a": true, "an": true, "at": true, "from": true, "or": true, "as": true, "than": true, "that": true}

func endsMidPhrase(line string) bool {
	ws := strings.Fields(line)
	return len(ws) >= 4 && midPhrase[strings.ToLower(ws[len(ws)-1])]
}

// pageOf finds the page a quoted unit comes from. Units have their
// whitespace collapsed, so the chunk text is matched word by word.
func pageOf(c store.Chunk, unit string) int {
	words := strings.Fields(unit)
	if len(words) == 0 || len(c.Breaks) == 0 {
		return c.PageStart
	}
	for from := 0; ; {
		i := strings.Index(c.Text[from:], words[0])
		if i < 0 {
			return c.PageStart
		}
		at := from + i
		if startsWithWords(c.Text[at:], words) {
			return c.PageAt(at)
		}
		from = at + len(words[0])
	}
}

func startsWithWords(text string, words []string) bool {
	for _, w := range words {
		text = strings.TrimLeft(text, " \t\n")
		if !strings.HasPrefix(text, w) {
			return false
		}
		text = text[len(w):]
	}
	return true
}
