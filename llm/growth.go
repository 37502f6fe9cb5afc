package llm

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"quire/search"
)

// "What is Amazon's year-over-year change in revenue from FY2016 to
// FY2017 (in units of percents)?" and "What is Lockheed Martin's 2 year
// total revenue CAGR from FY2020 to FY2022?" ask for the growth of one
// line item of the statements. When the passages found state no series
// for it (compute.go), the statements do: the growth is worked from the
// line item's two years there, as a formula's terms are.

// growthAsked is the growth of a line item from one year to another,
// compounded per year or not.
type growthAsked struct {
	item     *lineItem
	from, to int
	compound bool
}

var (
	growthBeforeRE = regexp.MustCompile(`(?:\b(?:year[- ]over[- ]year|yoy|percent(?:age)?|%) )?(?:change|growth|increase|decrease|decline) (?:in|of)$`)
	growthAfterRE  = regexp.MustCompile(`^(?:(?:year[- ]over[- ]year |yoy |annual )?growth(?: rate)?|cagr|compound annual growth rate|(?:year[- ]over[- ]year |percent(?:age)? )change)\b`)
	cagrRE         = regexp.MustCompile(`\bcagr\b|\bcompound annual growth\b`)
	// afterItemRE: what may follow the item and its growth words: its
	// years, its company ("for Block"), nothing.
	afterItemRE = regexp.MustCompile(`^(?:$|for\b|from\b|between\b|over\b|in (?:fy|fiscal )?\d{4}|(?:fy|fiscal )?\s?\d{4}|\()`)
	// percentAskedRE: a change asked in percent is a growth rate.
	percentAskedRE = regexp.MustCompile(`\bin (?:units of )?(?:percent|percentage)s?\b|\bas a percentage\b|\bin %`)
)

// readGrowth reads the growth a question asks of one line item.
func readGrowth(question string) (growthAsked, bool) {
	q := remarkRE.ReplaceAllString(strings.ToLower(strings.NewReplacer("’", "'", "\n", " ").Replace(question)), "")
	inPercent := percentAskedRE.MatchString(strings.ToLower(question))
	for _, s := range splitSentences(q) {
		asked, ok := askingClause(s)
		if !ok || notStatementRE.MatchString(asked) {
			continue
		}
		if g, ok := growthOf(asked, inPercent); ok {
			return g, true
		}
	}
	return growthAsked{}, false
}

// growthOf reads the item and the years of an asking clause.
func growthOf(asked string, inPercent bool) (growthAsked, bool) {
	years := questionYears(asked) // a range's every year
	if len(years) < 2 || len(years) > 2 && !yearRangeRE.MatchString(asked) {
		return growthAsked{}, false
	}
	var items []token
	for _, t := range lex(asked, nil) {
		if t.kind == tItem {
			items = append(items, t)
		}
	}
	if len(items) != 1 {
		return growthAsked{}, false
	}
	t := items[0]
	before := strings.TrimSpace(asked[:t.start])
	after := strings.TrimSpace(asked[t.end:])
	g := growthAsked{item: t.item, from: years[0], to: years[len(years)-1], compound: cagrRE.MatchString(asked)}
	switch {
	case growthBeforeRE.MatchString(before) && (inPercent || !strings.HasSuffix(before, "change in")):
	case growthAfterRE.MatchString(after) && plainBefore(before):
		after = strings.TrimSpace(after[len(growthAfterRE.FindString(after)):])
	default:
		return growthAsked{}, false
	}
	return g, afterItemRE.MatchString(after)
}

// plainBefore: the words before an item name no part of it ("segment
// revenue", "product revenue"): the clause starts there, or a year, a
// company's name with its "'s", or "the" is before it.
func plainBefore(before string) bool {
	words := strings.Fields(before)
	if len(words) == 0 {
		return true
	}
	w := words[len(words)-1]
	return w == "the" || w == "year" || strings.HasSuffix(w, "'s") || fyRE.MatchString(w)
}

// computeGrowth works the growth a question asks of a line item on the
// statements of the documents found.
func (e Extractive) computeGrowth(question string, res search.Result) (computed, bool) {
	g, ok := readGrowth(question)
	if !ok || e.Chunk == nil {
		return computed{}, false
	}
	docs := e.statementDocs(question, res)
	a, ra, da, err := lookup(docs, g.item, g.from)
	if err != nil {
		return computed{}, false
	}
	b, rb, db, err := lookup(docs, g.item, g.to)
	if err != nil || a.value == 0 {
		return computed{}, false
	}
	line, ok := g.line(a, b)
	if !ok {
		return computed{}, false
	}
	used := []usedRow{{ra, da}}
	if rb != ra {
		used = append(used, usedRow{rb, db})
	}
	units, extra := formulaUnits(used, docs, res, nil)
	return computed{line: line, units: units, extra: extra}, true
}

// line says the growth and the figures it is worked from.
func (g growthAsked) line(a, b amount) (string, bool) {
	figures := fmt.Sprintf("%s %d %s to %s %d %s", g.item.name, g.from, a.format(), g.item.name, g.to, b.format())
	if !g.compound {
		pct := (b.value - a.value) / math.Abs(a.value) * 100
		return fmt.Sprintf("Computed: %s%% from %d to %d (%s)", signed(pct, 1, false), g.from, g.to, figures), true
	}
	if a.value <= 0 || b.value <= 0 {
		return "", false // no compound rate between figures of other signs
	}
	n := g.to - g.from
	pct := (math.Pow(b.value/a.value, 1/float64(n)) - 1) * 100
	return fmt.Sprintf("Computed: %s%% a year, compounded, from %d to %d ((%s ÷ %s)^(1/%d) − 1; %s)", signed(pct, 1, false), g.from, g.to, b.format(), a.format(), n, figures), true
}
