package llm

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// work computes what a asks of s and writes the line that says the
// result and how it was reached, with every figure used.
func work(a arithmetic, s series) (string, bool) {
	first, last := s[a.years[0]], s[a.years[len(a.years)-1]]
	y0, y1 := a.years[0], a.years[len(a.years)-1]
	switch a.kind {
	case opPercentChange:
		if first.value == 0 {
			return "", false
		}
		pct := (last.value - first.value) / math.Abs(first.value) * 100
		return fmt.Sprintf("Computed: %s%% from %d to %d (%s to %s)", signed(pct, pctDecimals(pct), false), y0, y1, first.format(), last.format()), true
	case opChange:
		d := amount{value: last.value - first.value, decimals: max(first.decimals, last.decimals), grouped: first.grouped || last.grouped}
		return fmt.Sprintf("Computed: %s from %d to %d (%s to %s)", signed(d.value, d.decimals, d.grouped), y0, y1, first.format(), last.format()), true
	case opSum, opMean:
		if a.kind == opSum && s.percent(a.years) {
			return "", false // percentages of different bases do not add up
		}
		var sum amount
		var years, values []string
		for _, y := range a.years {
			v := s[y]
			sum.value += v.value
			sum.decimals = max(sum.decimals, v.decimals)
			sum.grouped = sum.grouped || v.grouped
			years = append(years, strconv.Itoa(y))
			values = append(values, v.format())
		}
		if a.kind == opSum {
			return fmt.Sprintf("Computed: %s in total for %s (%s)", sum.format(), andList(years), strings.Join(values, " + ")), true
		}
		// One digit more than the figures have, where the mean needs it.
		mean := number(sum.value/float64(len(a.years)), sum.decimals+1, sum.grouped)
		if sum.decimals == 0 {
			mean = strings.TrimSuffix(mean, ".0")
		} else {
			mean = strings.TrimSuffix(mean, "0")
		}
		return fmt.Sprintf("Computed: %s on average for %s (%s)", mean, andList(years), strings.Join(values, ", ")), true
	}
	return "", false
}

// shareLine says what share part is of whole in year.
func shareLine(year int, part, whole amount) string {
	pct := part.value / whole.value * 100
	return fmt.Sprintf("Computed: %s%% in %d (%s of %s)", number(pct, pctDecimals(pct), false), year, part.format(), whole.format())
}

// pctDecimals is how many decimals a computed percentage is written
// with: three significant figures, at least one decimal ("30.8%",
// "4.04%", "1.73%"), so a small share keeps the precision a large one has.
func pctDecimals(v float64) int {
	if math.Abs(v) >= 10 {
		return 1
	}
	return 2
}

// format writes an amount as it was written: its decimals, and thousands
// separators if it had them.
func (a amount) format() string { return number(a.value, a.decimals, a.grouped) }

// signed writes a change with its sign.
func signed(v float64, decimals int, grouped bool) string {
	if v > 0 {
		return "+" + number(v, decimals, grouped)
	}
	return number(v, decimals, grouped)
}

func number(v float64, decimals int, grouped bool) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	if grouped {
		s = group(s)
	}
	if v < 0 && strings.Trim(s, "0.,") != "" {
		return "-" + s
	}
	return s
}

// group puts thousands separators into the whole part of a number.
func group(s string) string {
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// andList joins items as prose: "2010, 2011 and 2012".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// percent reports whether any of the years' figures is a percentage.
func (s series) percent(years []int) bool {
	for _, y := range years {
		if s[y].percent {
			return true
		}
	}
	return false
}
