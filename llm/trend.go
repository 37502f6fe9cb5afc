package llm

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// "Does Adobe have an improving operating margin profile as of FY2022?"
// and "Has AMCOR's quick ratio improved or declined between FY2023 and
// FY2022?" ask for a judgment on a standard measure over the years. The
// analyst's answer is the measure for the year asked and the year before,
// worked from the statements, and which way it went: that is what this
// answers, with every figure quoted, and the reader judges "healthy".

// judgingRE: a sentence that asks yes or no.
var judgingRE = regexp.MustCompile(`^(?:does|do|did|is|are|was|were|has|have)\s+(.+)$`)

// trendFormula reads a yes-or-no sentence about one standard measure
// (standardDefinitions) in one year, or between two: the measure for the
// later year and the one before it, or the earlier named.
func trendFormula(sentence string, names []string, defs map[string]*node) (askedFormula, bool) {
	m := judgingRE.FindStringSubmatch(sentence)
	if m == nil || notStatementRE.MatchString(m[1]) {
		return askedFormula{}, false
	}
	years := questionYears(m[1])
	if len(years) == 0 || len(years) > 2 {
		return askedFormula{}, false
	}
	var kept []token
	for _, t := range lex(m[1], names) {
		if t.kind != tYear {
			kept = append(kept, t)
		}
	}
	var best *node
	for i := range kept {
		p := &parser{toks: kept[i : i+1], defs: defs}
		if n, ok := p.expr(); ok && kept[i].kind == tName && n.def != nil && n.operators() {
			best = n
			break
		}
	}
	if best == nil {
		return askedFormula{}, false
	}
	latest, earlier := years[len(years)-1], years[0]
	if len(years) == 1 {
		earlier = latest - 1
	}
	return askedFormula{root: best, years: []int{latest, earlier}, trend: true, round: -1, asks: asksOf(m[1], best.name)}, true
}

// workTrend computes the measure for each year, the later first; the
// earlier may be missing from the statements, the later may not.
func (f askedFormula) workTrend(docs []stmtDoc) (formulaResult, error) {
	var (
		results, clauses []string
		values           []float64
		used             []usedRow
	)
	for i, y := range f.years {
		v, clause, more, err := f.yearOf(docs, y, used)
		if err != nil {
			if i == 0 {
				return formulaResult{}, err
			}
			break
		}
		used = more
		values = append(values, v)
		results = append(results, fmt.Sprintf("%s for %d", f.format(v, used, docs), y))
		clauses = append(clauses, fmt.Sprintf("%d: %s", y, clause))
	}
	head := strings.Join(results, ", ")
	if len(values) == 2 {
		// The change between the figures as shown: "0.71 for 2022, 0.71
		// for 2021" is unchanged, whatever the digits not shown.
		d := f.shown(values[0], used, docs) - f.shown(values[1], used, docs)
		head += " (" + f.direction(d, used, docs) + ")"
	}
	line := fmt.Sprintf("Computed: %s %s: %s = %s", displayName(f.measureName()), head, symbolic(f.resolved(), 0), strings.Join(clauses, "; "))
	if v, ok := f.verdict(values, used, docs); ok {
		line = v + " " + line
	}
	return formulaResult{line: line, used: used}, nil
}

// direction says how the measure moved from the earlier year: up or down
// by how much, in points for a percentage.
func (f askedFormula) direction(d float64, used []usedRow, docs []stmtDoc) string {
	size := f.format(math.Abs(d), used, docs)
	if strings.Trim(size, "0.,%") == "" {
		return "unchanged"
	}
	way := "up"
	if d < 0 {
		way = "down"
	}
	if f.root.isPercent() {
		return fmt.Sprintf("%s %s points", way, strings.TrimSuffix(size, "%"))
	}
	return way + " " + size
}

// shown is v as the answer writes it, read back.
func (f askedFormula) shown(v float64, used []usedRow, docs []stmtDoc) float64 {
	s := strings.NewReplacer(",", "", "%", "").Replace(f.format(v, used, docs))
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return v
	}
	return x
}

// measureName is the name of the measure asked, through the names that
// alias it ("capital-intensive" is capital intensity).
func (f askedFormula) measureName() string {
	name := f.root.name
	for n := f.root.def; n != nil; n = n.def {
		if n.name != "" {
			name = n.name
		}
	}
	return name
}
