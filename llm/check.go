package llm

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"quire/search"
	"quire/store"
)

// Word coverage cannot tell an on-topic question the documents do not
// answer from one they do: "What is the list price of the Magpie-4?" has
// every word in a handbook that prices only the Magpie-7. states asks of
// the quoted units what a careful reader would before answering:
//
//   - The names the question uses (Magpie-4, Northwind Premium, Chief
//     Financial Officer) are in the passage quoted from.
//   - The period it asks about is the units' period: a row of FY2025
//     does not answer for 2024, and a chunk that never names 2019 does
//     not answer for FY2019; a quarterly report states no later quarter.
//   - It is the kind of answer asked for: a figure for "how many", a
//     year or date for "when", a name for "who"; money for money and a
//     percentage for a percentage, as a level, of the place asked.

// states reports whether the chosen units (the best one and what it
// brings along) state what the question asks: its names and not a
// sibling's, its period, its kind of answer.
func (e Extractive) states(question string, chosen, quoted []unit, res search.Result, at places) bool {
	var units, chunks, said, own, scopes, heads strings.Builder
	for _, u := range quoted {
		said.WriteString(u.text + "\n")
	}
	docYear, docName := 0, ""
	for _, u := range chosen {
		units.WriteString(u.text + "\n")
		scopes.WriteString(u.scope + "\n" + u.path + "\n")
		heads.WriteString(u.path + "\n")
		if q, ok := at[[2]int{u.hit, u.pos - 1}]; ok && strings.HasSuffix(q.text, "?") {
			heads.WriteString(q.text + "\n") // the FAQ question a reply answers
		}
	}
	seen := map[int]bool{}
	for _, u := range chosen {
		if !seen[u.hit] {
			seen[u.hit] = true
			h := res.Hits[u.hit]
			chunks.WriteString(h.Chunk.Text + "\n" + h.Doc.Name + "\n" + h.Doc.Heading + "\n")
			for _, c := range h.Companions {
				chunks.WriteString(c.Text + "\n")
			}
			own.WriteString(ownText(h.Doc))
			if docYear == 0 {
				docYear = nameYear(h.Doc)
			}
			if docName == "" {
				docName = h.Doc.NameWords() // the answer's document: its first unit's
			}
		}
	}
	var all, retrieved strings.Builder
	for _, h := range res.Hits {
		all.WriteString(h.Chunk.Text + "\n")
		retrieved.WriteString(h.Chunk.Text + "\n")
		for _, c := range h.Companions {
			retrieved.WriteString(c.Text + "\n")
		}
	}
	period := e.rowPeriod(chosen, at)
	return rowMeasures(question, chosen) && e.namesObject(question, units.String()) && e.namesTopic(question, units.String()) &&
		e.saysPhrase(question, units.String()+scopes.String()) && e.saysSubject(question, units.String()+heads.String()) && e.saysOfObject(question, units.String()+scopes.String()) && namesForWhat(question, units.String()) && statesNegation(question, units.String()) && e.statesCoverage(question, chosen, res) &&
		namesPresent(question, scopes.String()+own.String(), own.String(), commonWords(all.String())) &&
		writtenNamesPresent(question, retrieved.String(), scopes.String()+own.String()) &&
		e.namesSaid(asTyped(question, res), res.Terms, chunks.String(), own.String()) &&
		!namesSibling(question, units.String()+heads.String(), own.String()) &&
		periodMatches(question, units.String(), period, chunks.String(), docYear) &&
		quarterCovered(question, docName) && firstYear(question, units.String()) && yearEndMatches(question, chunks.String()) &&
		changeBased(question, units.String()+columnYears(chosen)) &&
		kindMatches(question, units.String(), said.String(), chunks.String(), all.String())
}

// questionStarts are capitalised words that shape a question rather than
// name something.
var questionStarts = map[string]bool{"what": true, "who": true, "whom": true, "whose": true, "when": true, "where": true, "which": true, "why": true, "how": true, "is": true, "are": true, "was": true, "were": true, "do": true, "does": true, "did": true, "can": true, "could": true, "should": true, "would": true, "will": true, "i": true, "the": true, "a": true, "an": true, "in": true, "on": true, "for": true, "if": true, "please": true, "tell": true, "list": true, "compare": true, "according": true, "based": true, "using": true, "by": true, "we": true, "answer": true, "what's": true, "who's": true, "from": true, "of": true, "and": true, "to": true, "my": true}

// nameWordRE: a word of a name — capitalised, or a code mixing letters
// and digits (Magpie-4, ZR-INSP-22).
var nameWordRE = regexp.MustCompile(`^(?:\p{Lu}[\p{L}&.'’-]*|[\p{L}]+-?\d[\p{L}\d-]*)$`)

var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true}

// periodRE: a period, not a name (FY2019, Q3, H1, 2Q23); the period
// check looks at those.
var periodRE = regexp.MustCompile(`(?i)^(?:fy'?\d{2,4}(?:[qh][1-4])?|[qh][1-4](?:'?\d{2,4})?|\d[qh]'?\d{2,4}|(?:19|20)\d\d(?:[qh][1-4])?)$`)

// names returns the phrases of consecutive name words in the question,
// leaving out its first word and words that shape questions.
func names(question string) []string {
	var out, cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
		}
		cur = nil
	}
	start := true // the first word of a sentence is capitalised anyway
	for _, raw := range strings.Fields(question) {
		w := strings.TrimRight(strings.TrimLeft(raw, `"“(`), `?.,;:!"”)`)
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		letter := len(cur) > 0 && len(w) == 1 && unicode.IsUpper(rune(w[0])) // Series B
		if start || w == "" || questionStarts[strings.ToLower(w)] || !nameWordRE.MatchString(w) || isAbbreviation(w) && !hasDigit(w) && !letter || periodRE.MatchString(w) || months[strings.ToLower(w)] {
			flush()
		} else {
			cur = append(cur, w)
		}
		start = strings.ContainsAny(raw[len(raw)-1:], ".?!:")
		if strings.ContainsAny(raw, ",;()") {
			flush()
		}
	}
	flush()
	return out
}

// isAllCaps: an abbreviation (SLA, MTBF, USD), which documents write out
// as often as not.
func isAllCaps(w string) bool { return strings.ToUpper(w) == w && strings.ToLower(w) != w }

// isAbbreviation: an abbreviation, or one in the plural ("PSUs", "NEOs"),
// which a table's head may write out or break over lines ("Maximum /
// Possible / Value of PSUs").
func isAbbreviation(w string) bool {
	if p, ok := strings.CutSuffix(w, "s"); ok && len(p) >= 2 {
		return isAllCaps(p)
	}
	return isAllCaps(w)
}

// namesPresent: every name phrase of the question is in text, compared
// without case, punctuation or hyphens (or spaces: "General Mills" is in
// GENERALMILLS_2019_10K.pdf). Words the documents also write in lower
// case are ordinary words in title case ("Balance Sheet", "Revenue"):
// a phrase of only such words is no name, and they are trimmed from a
// name's end ("American Express Balance Sheet" names American Express),
// unless a class noun follows ("the Basic tier", "Northwind Select
// plan"): then the name must be written as asked. own names the units'
// documents (see initialsOf).
func namesPresent(question, text, own string, common map[string]bool) bool {
	flat := flatten(text)
	joined := strings.ReplaceAll(flat, " ", "")
	words := strings.Fields(question)
	present := func(n string) bool {
		ws := strings.Fields(n)
		for len(ws) > 0 && common[strings.ToLower(ws[len(ws)-1])] && !isClassNoun(nextWord(words, n)) {
			ws = ws[:len(ws)-1]
		}
		if len(ws) == 0 {
			return true
		}
		if common[strings.ToLower(ws[len(ws)-1])] && !strings.Contains(text, strings.Join(ws, " ")) {
			return false // "Basic tier" is a name only where it is written as one
		}
		// flat and f are padded with spaces: f is found as whole words.
		f := flatten(strings.Join(ws, " "))
		if len(ws) == 1 && isClassNoun(nextWord(words, n)) {
			// A one-word name of a tier or a plan is a word of its own,
			// not run into another as a file name runs a company's words
			// together: "the Standard tier" is not in "Standardized Tier
			// 2 capital".
			return strings.Contains(flat, f)
		}
		return strings.Contains(flat, f) || strings.Contains(joined, strings.ReplaceAll(f, " ", "")) || initialsOf(n, own) || shortNameOf(ws, text)
	}
	alias := aliases(question)
	for _, n := range names(question) {
		if !present(n) && !(alias[n] != "" && present(alias[n])) {
			return false
		}
	}
	return true
}

// initialsOf: a short name in mixed case is the initials of a name in
// own, the text that names the units' documents, "and" left out: "JnJ" is
// Johnson & Johnson, whose report is JOHNSON_JOHNSON_2022_10K.pdf. (A
// name in capitals, JPM or MGM, is no name to namesPresent at all.)
func initialsOf(name, own string) bool {
	var caps []rune
	for _, r := range name {
		if unicode.IsUpper(r) {
			caps = append(caps, unicode.ToLower(r))
		}
	}
	if len(caps) < 2 || len([]rune(name)) > 5 || isAllCaps(name) {
		return false
	}
	for _, line := range strings.Split(own, "\n") {
		var words []string
		for _, w := range strings.FieldsFunc(strings.ToLower(line), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if w != "and" {
				words = append(words, w)
			}
		}
		for i := 0; i+len(caps) <= len(words); i++ {
			if initials(words[i:i+len(caps)]) == string(caps) {
				return true
			}
		}
	}
	return false
}

// initials are the first letters of words.
func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		b.WriteRune([]rune(w)[0])
	}
	return b.String()
}

// writtenNamesPresent: the words a question typed in lower case ("did
// abiomed outperform the s&p 500 index?") that the retrieved text writes
// only capitalised (ABIOMED, Abiomed) are names, and must be in text as
// the names of a capitalised question are: a passage of another
// company's 10-K on the S&P 500 says nothing of Abiomed.
func writtenNamesPresent(question, retrieved, text string) bool {
	if strings.ToLower(question) != question {
		return true // a question that capitalises its names is namesPresent's
	}
	common, seen := commonWords(retrieved), capitalNames(retrieved)
	flat := flatten(text)
	for _, w := range strings.FieldsFunc(question, func(r rune) bool { return !isWordRune(r) }) {
		if len(w) < 3 || common[w] || !seen[w] || questionStarts[w] || hasDigit(w) {
			continue
		}
		if !strings.Contains(flat, " "+w+" ") {
			return false
		}
	}
	return true
}

// capitalNames are the words of text, lower-cased, that it writes as
// names: in capitals (ABIOMED, BERT), or capitalised after a word in lower
// case ("an investment in Abiomed"). A capital that starts a line or
// sentence, or a word of a title ("Commission File Number"), marks no name.
func capitalNames(text string) map[string]bool {
	set := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		fs := strings.Fields(line)
		for i, f := range fs {
			afterLower := i > 0 && unicode.IsLower([]rune(fs[i-1])[0]) && !strings.ContainsAny(fs[i-1][len(fs[i-1])-1:], ".:?!")
			for _, w := range strings.FieldsFunc(f, func(r rune) bool { return !isWordRune(r) }) {
				if afterLower || len(w) >= 3 && isAllCaps(w) {
					set[strings.ToLower(w)] = true
				}
			}
		}
	}
	return set
}

// commonWords are the words text writes in lower case at least once.
func commonWords(text string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) }) {
		if r := []rune(w)[0]; unicode.IsLower(r) {
			set[w] = true
		}
	}
	return set
}

// flatten lower-cases s and keeps only its letters and digits, with one
// space between words.
func flatten(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if r == '-' || r == '‐' {
			continue
		}
		if isWordRune(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return " " + b.String() + " "
}

var yearRE = regexp.MustCompile(`\b(?:19|20)\d\d\b`)

// reportYears is how far back a dated report (a 10-K of 2019) reports:
// its tables compare up to five years.
const reportYears = 5

// asOf asks for a standing state ("As of Q2'2023, is Pfizer spinning off
// …"), which a sentence of an earlier year may state.
var asOf = regexp.MustCompile(`(?i)\bas of\b`)

// firstYear: the sentence that answers, when it is dated, is dated in a
// year asked; a sentence after it cannot lend it the year. "Total staff
// increased 8% during 2015" does not give the change in 2014, though the
// next sentence compares 2015 with 2014.
func firstYear(question, units string) bool {
	asked := search.AskedYears(question)
	first, _, _ := strings.Cut(units, "\n")
	if len(asked) == 0 || tableRow(first) || isBullet(first) || aheadQuestion.MatchString(question) || asOf.MatchString(question) {
		return true
	}
	from, to := slices.Min(asked), max(slices.Max(asked), rangeEnd(question))
	first = namedYear.ReplaceAllString(first, "$1 $2")
	for _, y := range yearRE.FindAllString(first, -1) {
		if v, _ := strconv.Atoi(y); v >= from && v <= to {
			return true
		}
	}
	return !yearRE.MatchString(first)
}

// rowYears is how many years back from its report's year the units may
// speak of: a table row whose header years are not at hand has a column
// for each year, the latest first (a cash flow row "Net income $ 4,756
// $ 4,822 $ 5,260" of a 2022 report is of 2022, 2021 and 2020), with one
// more for a fiscal year named by the calendar year it ends in; other
// units may report reportYears back.
func rowYears(units string) int {
	first, _, _ := strings.Cut(units, "\n")
	if !tableRow(first) {
		return reportYears
	}
	n := 0
	for _, w := range strings.Fields(first) {
		if bareFigure.MatchString(w) && !isYear(w) {
			n++
		}
	}
	return min(reportYears, n+1)
}

// nameYear is the year a file name gives (NETFLIX_2017_10K.pdf), 0 if none.
func nameYear(d store.Document) int {
	m := yearRE.FindString(d.NameWords())
	y, _ := strconv.Atoi(m)
	return y
}

// aheadQuestion asks about years to come, which a report's schedules
// (payments due, maturities, plans) do cover.
var aheadQuestion = regexp.MustCompile(`(?i)\b(?:future|due|matur\w*|scheduled|expected|expect|projected|forecast\w*|outlook|guidance|plan(?:s|ned)?|will|rent|lease)\b`)

// yearRange: a span of years the question asks about ("from March 2012
// to March 2015", "between 2018 and 2019", "2010-2014").
var yearRange = regexp.MustCompile(`(?i)\b(?:from|between)\b[^?]*?(?:\bfy\s?|\b)(?:19|20)\d\d\b[^?]*?\b(?:to|and|through|until)\b\D*?(?:\bfy\s?|\b)((?:19|20)\d\d)\b|(?:\bfy\s?|\b)(?:19|20)\d\d\s*[-–]\s*(?:fy\s?)?((?:19|20)\d\d)\b`)

// rangeEnd is the last year of the spans the question asks about, 0 if
// it asks about none.
func rangeEnd(question string) int {
	end := 0
	for _, m := range yearRange.FindAllStringSubmatch(question, -1) {
		y, _ := strconv.Atoi(m[1] + m[2])
		end = max(end, y)
	}
	return end
}

var (
	// changeQuestion asks how a measure moved over its year.
	changeQuestion = regexp.MustCompile(`(?i)\b(?:change|increase|decrease|growth|growth rate) in\b`)
	// statesChange: words that state a movement ("staff decreased 7 %").
	statesChange = regexp.MustCompile(`(?i)\b(?:increas\w*|decreas\w*|declin\w*|grew|grow\w*|rose|fell|drop\w*|chang\w*|higher|lower|up|down|compared)\b`)
)

// changeBased: a question for the change in one past year ("the net
// change in the number of staff in 2014") is answered by units that state
// a change, or that give the year before too; a row of 2016, 2015 and
// 2014 staff holds no change in 2014.
func changeBased(question, units string) bool {
	asked := search.AskedYears(question)
	if len(asked) != 1 || !changeQuestion.MatchString(question) || aheadQuestion.MatchString(question) || statesChange.MatchString(units) {
		return true
	}
	before := strconv.Itoa(asked[0] - 1)
	return strings.Contains(units, before) || strings.Contains(strings.ToLower(units), "fy"+before[2:])
}

// rowScope is the section of the first unit when it is a table row: its
// caption and column headings say what its figures are.
func rowScope(chosen []unit) string {
	if len(chosen) == 0 || !isDataRow(chosen[0].text) {
		return ""
	}
	return chosen[0].scope
}

// columnYears are the header lines of a table row's section ("2019
// 2018"), which say which years its figures are for; a year in its prose
// (the Securities Exchange Act of 1934) does not.
func columnYears(chosen []unit) string {
	var b strings.Builder
	for _, l := range strings.Split(rowScope(chosen), "\n") {
		if isHeader(l) && yearRE.MatchString(l) {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// namedYear: a year in a name ("under the 2017 Repurchase Plan
// Amendment", "our 2019 Equity Incentive Plan"), which is no period of
// the figures beside it.
var namedYear = regexp.MustCompile(`\b(the|our|its|their)\s+(?:19|20)\d\d\s+(\p{Lu})`)

// periodMatches: when the question asks about years, the quoted units
// name one of them; units that name no year stand for their table's
// period: the years of the table a row is in (table: its header years or
// its lead-in, see tablePeriod), else
// the document's year, which covers the years it reports on, and a
// document without one must name an asked year near the units.
func periodMatches(question, units, table, chunks string, docYear int) bool {
	asked := search.AskedYears(question)
	if len(asked) == 0 {
		return true
	}
	has := func(text string) bool { return namesYear(text, asked) }
	if docYear > 0 && max(slices.Min(asked), rangeEnd(question)) > docYear+1 && !aheadQuestion.MatchString(question) {
		// A report of 2022 holds no actual figures of 2024, nor the
		// return from 2022 to 2024; a year it names that far ahead is a
		// note's maturity or a plan. (One year on is a fiscal year that
		// ends in the next calendar year.)
		return false
	}
	units = namedYear.ReplaceAllString(units, "$1 $2")
	if yearRE.MatchString(units) {
		return has(units)
	}
	if yearRE.MatchString(table) {
		return has(table)
	}
	if docYear > 0 {
		span := rowYears(units)
		for _, v := range asked {
			if v <= docYear && v > docYear-span {
				return true
			}
		}
		return false
	}
	return has(chunks)
}

// namesYear: text names one of years, written whole or as a fiscal
// year ("FY19").
func namesYear(text string, years []int) bool {
	for _, v := range years {
		y := strconv.Itoa(v)
		if strings.Contains(text, y) || strings.Contains(strings.ToLower(text), "fy"+y[2:]) {
			return true
		}
	}
	return false
}

var (
	whoQuestion  = regexp.MustCompile(`(?i)^\s*(?:who|whom|whose)\b|\bname of\b`)
	whenQuestion = regexp.MustCompile(`(?i)^\s*when\b|\bwhat (?:year|date|day|month)\b|\bin what year\b`)
	howMany      = regexp.MustCompile(`(?i)\bhow (?:many|much)\b|\bwhat (?:percentage|percent|proportion)\b`)
)

// kindMatches: the best units hold the kind of answer the question asks
// for; a person's name may stand in another quoted unit ("CEO" in one
// sentence, "Iris Kallas" in the next). passage is the text of the units'
// chunks, retrieved that of every hit.
func kindMatches(question, units, quoted, passage, retrieved string) bool {
	switch {
	case modelQuestion.MatchString(question):
		return namesModel(question, units) && purposeSaid(question, passage)
	case whoQuestion.MatchString(question):
		return holdsHolder(question, quoted)
	case whenQuestion.MatchString(question):
		return yearRE.MatchString(units) || dateRE.MatchString(units)
	case contactQuestion.MatchString(question):
		return holdsContact(question, units)
	case deadlineQuestion.MatchString(question):
		return hasFigure(stripYears(units)) || dateRE.MatchString(units)
	case whichName.MatchString(question):
		return (holdsName(question, units) || holdsAbbreviation(question, units)) && namesClass(whichName.FindString(question), units)
	case howMany.MatchString(question) || amountQuestion.MatchString(question):
		return hasFigure(stripYears(units)) && namesMeasure(question, units, passage, retrieved) && countsNoun(question, units) && statesAmount(question, units)
	case scoreQuestion.MatchString(question):
		score := strings.ToLower(scoreQuestion.FindString(question))
		return hasFigure(stripYears(units)) && strings.Contains(strings.ToLower(units), score)
	}
	return true
}

// scoreQuestion asks for a measured score or setting, which is a figure:
// "What F1 score does BERT achieve", "what batch size did they use".
var scoreQuestion = regexp.MustCompile(`(?i)\b(?:score|accuracy|f1|bleu|rouge|precision|recall|perplexity|kappa|inter-annotator agreement|batch size|learning rate|error rate)\b`)

var (
	contactQuestion  = regexp.MustCompile(`(?i)\b(?:phone|telephone|fax)(?: number)?\b|\be-?mail(?: address)?\b|\b(?:website|web site|web address|url)\b`)
	deadlineQuestion = regexp.MustCompile(`(?i)\b(?:deadline|due date|by when|how long|how soon|how many days|time limit)\b`)
	whichName        = regexp.MustCompile(`(?i)\b(?:which|what) (?:[a-z]+ )?(?:company|companies|firm|firms|bank|banks|chains?|retailers?|vendors?|suppliers?|partners?|insurers?|carriers?|stock (?:market|exchange)|exchange|person|people|city|cities|country|countries|university|auditor|administrator)\b`)
	phoneRE          = regexp.MustCompile(`\+?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]?\d{3,4}`)
	emailRE          = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.]+`)
	webRE            = regexp.MustCompile(`(?i)\bhttps?://|\bwww\.|\b[\w-]+\.(?:com|org|net|gov|edu|io)\b`)
)

// holdsContact: the units hold the kind of contact asked for.
func holdsContact(question, units string) bool {
	q := strings.ToLower(question)
	switch {
	case strings.Contains(q, "mail"):
		return emailRE.MatchString(units)
	case strings.Contains(q, "phone") || strings.Contains(q, "fax"):
		return phoneRE.MatchString(units)
	}
	return webRE.MatchString(units)
}

// namesClass: the units say what kind of thing their name is, as the
// question asked for it ("which stock market": an exchange or a market;
// "which pharmacy chains": pharmacies): "Proficiency in MS Office Suite"
// names software, not where shares are listed. A word of the kind may be
// inflected ("pharmacies"), not another word ("Marketing").
func namesClass(which, units string) bool {
	for _, w := range strings.Fields(strings.ToLower(which))[1:] {
		if w == "stock" || w == "market" || w == "exchange" {
			w = "market|exchange"
		}
		for _, k := range strings.Split(w, "|") {
			if k = strings.TrimSuffix(k, "s"); len(k) >= 5 {
				k = stemPrefix(k)
			}
			re := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(k) + `\pL{0,4}\b`)
			if re.MatchString(units) {
				return true
			}
		}
	}
	return false
}

// holdsAbbreviation: the units hold an abbreviation the question does not
// (NYSE, KPMG), which names what "which exchange" or "which firm" asks.
func holdsAbbreviation(question, units string) bool {
	for _, w := range strings.Fields(units) {
		w = strings.Trim(w, ".,;:()\"“”")
		if len([]rune(w)) >= 2 && isAllCaps(w) && !hasDigit(w) && !strings.Contains(question, w) {
			return true
		}
	}
	return false
}

// measures are what amount questions ask the amount of; the unit that
// holds the figure must say which measure it is (a funding round's
// €31 million is not revenue, a 2 % reward no renewal rate).
var measureRE = regexp.MustCompile(`(?i)\b(cost of (?:goods sold|sales|revenues?)|cash flows?|capital expenditures?|margins?|ebitda|turnover|revenues?|net income|net sales|sales|fees?|prices?|cost|expenses?|capex|earnings|profit|dividends?|deductible|copay(?:ment)?s?|coinsurance|rates?|customers|employees|engineers|staff|stores|units|members)\b`)

// countsNoun: for "how many engineers", the units put a number next to
// the word counted ("38 engineers", "Engineers: 38"), not any number.
func countsNoun(question, units string) bool {
	counted := search.CountedNoun(question)
	if counted == "" || counted == "times" {
		return true
	}
	for _, m := range search.CountOf(counted).FindAllStringIndex(units, -1) {
		if exhibitNumber.MatchString(units[m[0]:m[1]]) {
			continue // "10.23 Employee Matters Agreement" counts no employees
		}
		if owner := parenOwner(units, m[0]); owner == "" || strings.Contains(strings.ToLower(question), strings.ToLower(owner)) {
			return true
		}
	}
	return headerCounts(counted, units)
}

// exhibitNumber: a number with a point before a capitalised title, as a
// filing numbers its exhibits ("10.23 Employee Matters Agreement").
var exhibitNumber = regexp.MustCompile(`^\d+\.\d+\s+\p{Lu}`)

// headerCounts: the units' first line is a table row quoted with its
// columns' header, which names the counted noun, and the row states a
// figure: "Tier Monthly fee Response SLA Included picks / month: Starter
// €1,200 Next business day 200,000" answers how many picks the Starter
// tier includes, its count under the header's word.
func headerCounts(counted, units string) bool {
	first, _, _ := strings.Cut(units, "\n")
	header, row, ok := strings.Cut(first, ": ")
	if !ok || len(strings.Fields(header)) < 2 || strings.ContainsAny(header, ".;") {
		return false
	}
	noun := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(strings.TrimSuffix(counted, "s")) + `s?\b`)
	return noun.MatchString(header) && hasFigure(stripYears(row))
}

// parenOwner is the name a parenthesis open at text[at] follows: in "the
// headquarters in Tallinn, the R&D centre in Kraków (opened May 2024, 38
// engineers)" the 38 engineers are Kraków's, not Tallinn's. It is "" when
// text[at] is in no parenthesis or the word before it is no name.
func parenOwner(text string, at int) string {
	open := strings.LastIndex(text[:at], "(")
	if open < 0 || strings.Contains(text[open:at], ")") || strings.Contains(text[open:at], "\n") {
		return ""
	}
	ws := strings.Fields(text[:open])
	if len(ws) == 0 {
		return ""
	}
	w := strings.Trim(ws[len(ws)-1], ".,;:")
	if !capitalised(w) {
		return ""
	}
	return w
}

// namesMeasure: the units name the measure the question asks for, if it
// names one; a table row may leave it to its table's caption in the
// passage ("Cheese 11,459 12%" under "Net sales by category").
func namesMeasure(question, units, passage, retrieved string) bool {
	// The measure is the asking sentence's, when it names one: "what is
	// the FY2020 free cash flow (FCF) for General Mills? FCF here is
	// defined as: (cash from operations - capex)" asks for no capex.
	ms := measureRE.FindAllString(coreQuestion(question), -1)
	if len(ms) == 0 {
		ms = measureRE.FindAllString(question, -1)
	}
	if len(ms) == 0 {
		return true
	}
	first, _, _ := strings.Cut(units, "\n")
	label := ""
	if isDataRow(first) {
		_, row, _ := strings.Cut(first, ": ") // "2017 2016 2015: Marketing 1,278,022 …"
		units, label = passage, strings.ToLower(rowLabel(cmp.Or(row, first)))
	}
	// A measure is named however its compound is hyphenated: "copayment"
	// by "co-payment", as the index reads both (see store's analyzer).
	u := strings.ToLower(units)
	joined := strings.NewReplacer("-", "", "‐", "").Replace(u)
	for _, m := range ms {
		m = strings.TrimSuffix(strings.ToLower(m), "s")
		if (strings.Contains(u, m) || strings.Contains(joined, m) || priceWords[m] && priceSaid.MatchString(u)) && (modifierNamed(question, m, u, retrieved) || labelModifies(question, m, label)) {
			return true
		}
	}
	return false
}

// priceWords name what something costs, each as well as the others: the
// Standard tier's price is its "Monthly fee €2,150".
var priceWords = map[string]bool{"price": true, "fee": true, "cost": true}

// priceSaid: a text names what something costs.
var priceSaid = regexp.MustCompile(`(?i)\b(?:prices?|pric(?:ed|ing)|fees?|costs?|charges?)\b`)

// measureModifier: the word before a measure in the question, which may
// make it another measure ("interest expense" is not any expense).
var measureModifier = regexp.MustCompile(`(?i)\b([a-z]{4,})\s+$`)

// broadModifiers narrow a measure too little to be asked for by name.
var broadModifiers = map[string]bool{"total": true, "annual": true, "yearly": true, "quarterly": true, "company": true, "average": true, "reported": true, "overall": true, "much": true, "many": true, "what": true, "were": true, "does": true, "their": true, "from": true, "with": true}

// modifierNamed: the units (lower case) name the measure m as the
// question does, with the word that narrows it. retrieved is the text of
// the hits.
func modifierNamed(question, m, units, retrieved string) bool {
	i := strings.Index(question, m)
	if i < 0 {
		return true
	}
	if g := measureSource.FindStringSubmatch(question[i+len(m):]); g != nil && !capitalised(g[1]) && !broadModifiers[strings.ToLower(g[1])] {
		// "revenue from subscription contracts" is not all revenue.
		if !strings.Contains(units, stemPrefix(strings.ToLower(g[1]))) {
			return false
		}
	}
	mod := modifierOf(question, m)
	if mod == "" || broadModifiers[strings.ToLower(mod)] || capitalised(mod) && !titleCased(question, mod, retrieved) {
		return true // a name's word (the Health Plus deductible) is the name check's
	}
	return modifies(stemPrefix(strings.ToLower(mod)), strings.ToLower(m), units)
}

// modifierOf is the word before the measure m in the question, which may
// narrow it ("interest" of "interest expense"); "" if there is none.
func modifierOf(question, m string) string {
	i := strings.Index(question, m)
	if i < 0 {
		return ""
	}
	if g := measureModifier.FindStringSubmatch(question[:i]); g != nil {
		return g[1]
	}
	return ""
}

// labelModifies: a row's label is the word that narrows the measure, under
// a head that names the measure: Netflix's "Marketing 1,278,022" among
// its "Operating expenses" is the marketing expense asked for.
func labelModifies(question, m, label string) bool {
	mod := modifierOf(question, m)
	return label != "" && mod != "" && strings.Contains(label, stemPrefix(strings.ToLower(mod)))
}

// modifies: the units write the modifier with the measure, before it or
// after it with "of" or "for" ("interest expense", "interest and other
// expense", "expenses for interest"), not apart: a tax expense "including
// interest and penalties" is no interest expense.
func modifies(mod, measure, units string) bool {
	mod, measure = regexp.QuoteMeta(mod), regexp.QuoteMeta(strings.TrimSuffix(measure, "s"))
	re := regexp.MustCompile(mod + `\pL*(?:[\s,/&-]+[\pL-]+){0,2}[\s,/&-]+` + measure + `|` + measure + `\pL*\s+(?:of|for|from|on)\s+(?:[\pL-]+\s+){0,2}` + mod)
	return re.MatchString(units)
}

// titleCased: a capitalised word of the question that is an ordinary
// word, as a table's row label is copied ("Audit fees", "Capitalized
// software development costs"): it is no part of a longer name and the
// documents write it in lower case ("audit", "audited"; "contoso.com" is
// no ordinary word). "Audit fees" are not the "unused line fee" of a
// credit facility.
func titleCased(question, w, retrieved string) bool {
	for _, n := range names(question) {
		if strings.Contains(n, w) && strings.Contains(n, " ") {
			return false // Northwind Health Plus
		}
	}
	return regexp.MustCompile(`(?:^|[\s(“"])` + regexp.QuoteMeta(strings.ToLower(w))).MatchString(retrieved)
}

// measureSource: the word after "from" that says which part of a measure
// is asked for.
var measureSource = regexp.MustCompile(`^\s+from\s+(?:the\s+|its\s+|their\s+)?([a-z]{4,})`)

// stemPrefix is a word without the last letters an inflection changes,
// for a plain substring match ("subscriptions", "subscription").
func stemPrefix(w string) string { return w[:len(w)-min(2, len(w)-4)] }

// holdsKind: the question asks for a name and text holds one.
func holdsKind(question, text string) bool {
	return whoQuestion.MatchString(question) && holdsHolder(question, text)
}

// amountQuestion: questions that ask for an amount without saying "how
// much" ("What was Foot Locker's net income in FY2021?"); a measure's word in a compound ("cost-effective care") asks for none.
var amountQuestion = regexp.MustCompile(`(?i)^\s*what (?:is|was|were|are)\b.*\b(?:revenues?|net income|net sales|sales|fees?|prices?|costs?|expenses?|capex|capital expenditures?|margins?|ratios?|rates?|earnings|profit|eps|dividends?|maximum|minimum|limit|deductible|copay(?:ment)?|coinsurance|speed|mass|weight|payload|runtime|capacity|height|length|width|duration)(?:$|[^\w-])|\bin (?:usd|us\$|\$|eur|€)\s*(?:millions|billions|thousands)?\b`)

var dateRE = regexp.MustCompile(`(?i)\b\d{1,2}\s+` + monthName + `\b|\b` + monthName + `\.?\s+\d{1,2}\b`)

func stripYears(s string) string { return yearRE.ReplaceAllString(s, "") }

// nameStarts are capitalised words that begin a sentence or a title, not
// a name.
var nameStarts = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true, "our": true, "its": true, "their": true, "we": true, "in": true, "on": true, "for": true, "of": true, "and": true, "or": true, "to": true, "at": true, "by": true, "with": true, "from": true, "as": true, "if": true, "when": true, "all": true, "each": true, "every": true}

// titleWords name a post, which a "who" question asks the holder of.
var titleWords = map[string]bool{"president": true, "vice": true, "chief": true, "officer": true, "director": true, "directors": true, "manager": true, "chair": true, "chairman": true, "chairwoman": true, "head": true, "executive": true, "secretary": true, "treasurer": true, "controller": true, "counsel": true, "partner": true}

// holdsName: the units hold two consecutive capitalised words that the
// question does not, inside a line (a person's name, not a heading).
func holdsName(question, units string) bool { return namedBy(question, units, false) }

// holdsHolder is holdsName with the name next to the post its line names
// (see holder.go).
func holdsHolder(question, units string) bool { return namedBy(question, units, true) }

// namedBy is holdsName, or holdsHolder when holder is set.
func namedBy(question, units string, holder bool) bool {
	var asked [][]string
	var named map[string]bool
	if holder {
		asked, named = askedPost(question), nameWords(question)
	}
	inQ := map[string]bool{}
	for _, w := range strings.Fields(question) {
		inQ[strings.ToLower(strings.Trim(w, "?.,'’s"))] = true
	}
	// A line's first word is capitalised whatever it is; beside the
	// post asked, it may begin the holder's name ("Reed Hastings, Chief
	// Executive Officer").
	first := 1
	if holder {
		first = 0
	}
	for _, line := range strings.Split(units, "\n") {
		ws := strings.Fields(line)
		var lower []string
		if holder {
			lower = postWords(ws)
		}
		for i := first; i+1 < len(ws); i++ {
			if strings.HasSuffix(ws[i+1], ":") {
				continue // a label ("Job Title:"), not a name
			}
			a, b := strings.Trim(ws[i], ".,;:()"), strings.Trim(ws[i+1], ".,;:()")
			if nameStarts[strings.ToLower(a)] || strings.ContainsAny(ws[i][len(ws[i])-1:], ":,;") || i > 0 && (strings.HasSuffix(ws[i-1], ":") || strings.HasSuffix(ws[i-1], ".")) {
				continue // "Job Title: Manager", "Summary: The Manager", "Kraków, Poland" name no one
			}
			if titleWords[strings.ToLower(a)] || titleWords[strings.ToLower(b)] {
				continue // "Vice President, Finance" is a post, not who holds it
			}
			if capitalised(a) && capitalised(b) && !isAllCaps(a) && !isAllCaps(b) && !inQ[strings.ToLower(a)] && !inQ[strings.ToLower(b)] && (!holder || nearPost(lower, i, asked, inQ) && !postModifier(ws, i) && !afterObjectWord(ws, i, named)) {
				return true
			}
		}
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// frameWords are question words that shape the question, not what it asks
// about: "What does X use", "How does X work".
var frameWords = map[string]bool{"use": true, "work": true, "happen": true, "get": true, "tell": true, "explain": true, "describe": true, "mean": true, "need": true, "know": true, "want": true, "like": true, "give": true,
	"much": true, "many": true, "role": true, "purpose": true, "process": true, "way": true, "ways": true, "kind": true, "kinds": true, "type": true, "types": true, "thing": true, "things": true,
	// Modal verbs shape a question as "how" does: "Can the Magpie-7 work
	// outdoors?" says nothing of "Can I return a Magpie-7?".
	"can": true, "could": true, "would": true, "should": true, "will": true, "shall": true, "might": true, "must": true}

// periodWord: a word that says when (2019, FY2021, Q3, December, 31),
// not what is asked: a sentence dated December 31, 2019 does not speak
// of the backlog asked for at that date.
func periodWord(w string) bool {
	l := strings.ToLower(w)
	if periodRE.MatchString(w) || months[l] || l == "fy" {
		return true
	}
	n, err := strconv.Atoi(w)
	return err == nil && n >= 1 && n <= 31
}

// askedTerms are the analysed words of what the question asks about,
// besides the names it uses, its frame words and its dates. "2022
// Magpie-4 enters commercial deployment" names the Magpie-4 and says
// nothing of its mass; the row that gives a mass must then answer alone,
// and that one is the Magpie-7's.
func (e Extractive) askedTerms(question string) map[string]bool {
	named := map[string]bool{}
	for _, n := range names(question) {
		for _, t := range e.Analyze(n) {
			named[t] = true
		}
	}
	for _, w := range strings.Fields(question) {
		w = strings.Trim(w, "?.,;:!\"'")
		if frameWords[strings.ToLower(w)] || periodWord(w) {
			for _, t := range e.Analyze(w) {
				named[t] = true
			}
		}
	}
	asked := map[string]bool{}
	for _, t := range e.Analyze(question) {
		if !named[t] {
			asked[t] = true
		}
	}
	return asked
}

// holdsAsked: the unit holds a word of what is asked, or the question asks
// nothing besides its names. A table row's words are its table's too:
// "Keith Barnes 102,500" answers what he earned in cash under "Fees
// Earned or Paid in Cash".
// The rows of one table share their scope, which tables maps to its
// analysed terms so that it is analysed once.
func (e Extractive) holdsAsked(asked map[string]bool, u unit, tables map[string][]string) bool {
	if len(asked) == 0 {
		return true
	}
	for t := range u.terms {
		if asked[t] {
			return true
		}
	}
	scope := rowScope([]unit{u})
	if scope == "" {
		return false
	}
	terms, ok := tables[scope]
	if !ok {
		terms = e.Analyze(scope)
		tables[scope] = terms
	}
	for _, t := range terms {
		if asked[t] {
			return true
		}
	}
	return false
}

// statementNouns are the measures a financial table's rows are labelled
// with; rows of one table differ by them ("Total current assets",
// "Total current liabilities") and share every other word.
var statementNouns = regexp.MustCompile(`(?i)\b(assets?|liabilit(?:y|ies)|equity|revenues?|sales|income|loss(?:es)?|expenses?|costs?|cash|debt|borrowings|earnings|dividends?|profit|inventor(?:y|ies)|receivables?|payables?|deductibles?|copay(?:ment)?s?|coinsurance)\b`)

// rowMeasures: a table row that answers is labelled with the measure the
// question asks for, not a sibling row of its table: the total current
// assets are not the total current liabilities asked for.
func rowMeasures(question string, chosen []unit) bool {
	if len(chosen) == 0 || !isDataRow(chosen[0].text) {
		return true
	}
	asked := measureSet(search.WithoutStatementNames(question))
	if len(asked) == 0 {
		return true
	}
	label := rowLabel(chosen[0].text)
	if i := strings.LastIndex(chosen[0].text, ": "); i >= 0 && len(measureSet(rowLabel(chosen[0].text[i+2:]))) > 0 {
		// "2020 2019 2018: Cash flows from operating activities: Net
		// income (loss) $ 213,105 …" is the net income row, under its
		// table's column years and its section's heading.
		label = rowLabel(chosen[0].text[i+2:])
	}
	got := measureSet(label)
	if len(got) == 0 {
		return true
	}
	for m := range got {
		if asked[m] {
			return true
		}
	}
	return false
}

// rowLabel is a row's words before its first figure.
func rowLabel(row string) string {
	if i := strings.IndexFunc(row, unicode.IsDigit); i >= 0 {
		return row[:i]
	}
	return row
}

// measureSet is the statement nouns of text, singular and lower case.
func measureSet(text string) map[string]bool {
	out := map[string]bool{}
	for _, m := range statementNouns.FindAllString(text, -1) {
		m = strings.ToLower(m)
		switch {
		case strings.HasPrefix(m, "liabilit"):
			m = "liability"
		case strings.HasPrefix(m, "inventor"):
			m = "inventory"
		case strings.HasPrefix(m, "loss"):
			m = "loss"
		case strings.HasPrefix(m, "copay"):
			m = "copay"
		default:
			m = strings.TrimSuffix(m, "s")
		}
		out[m] = true
	}
	return out
}
