package llm

import (
	"fmt"
	"strings"

	"quire/search"
)

// computedEach writes one computation per document, each naming its
// document and followed by the rows it used: "Computed for viavi
// solutions inc 2019: -4.04% from 2018 to 2019 (3,784,488 to 3,631,575)
// [2]". A question that names no company, asked of a library that holds
// several with a row of the name asked, is answered for each, and the
// user sees which is which.
func (e Extractive) computedEach(ans Answer, question string, cs []computed, all []unit, res search.Result) Answer {
	var units []unit
	for i := range cs {
		cs[i].units, _ = e.withColumns(question, cs[i].units, all, len(cs[i].units))
		units = append(units, cs[i].units...)
	}
	num := numbering(units)
	var b strings.Builder
	for _, c := range cs {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		first := c.units[0].hit
		if c.line != "" {
			line := c.line
			if title := ans.Citations[first].Title; title != "" {
				line = strings.Replace(line, "Computed:", "Computed for "+title+":", 1)
			}
			fmt.Fprintf(&b, "%s %s\n", line, marker(num[first]))
		}
		for i, u := range c.units {
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "%s %s", escapeMarkers(u.text), marker(num[u.hit]))
			cite(u, res, ans.Citations)
		}
	}
	ans.Text = b.String()
	ans.Citations = renumber(ans.Citations, num)
	return ans
}
