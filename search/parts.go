package search

import (
	"context"
	"regexp"
	"strings"
)

// A question may ask two things: "How does the clinical review process
// … ensure timely and cost-effective medical service provision, and what
// are the documentation requirements for filing a claim as outlined in
// the same document?" Its first part's words are most of it, and the
// chunks that cover it best say nothing of claims: the first stage never
// placed a chunk on the second part in reach of the answer. The second
// part is searched alone too, in the same documents, and its best chunks
// are read for it.

// secondPartRE splits a question before ", and what …", "and how …".
var secondPartRE = regexp.MustCompile(`(?i)^(.{12,}?),?\s+and\s+((?:what|how|which|who|when|where|whether|why|are|is|does|do|can|should)\s.{8,})$`)

// sourceRE is a part's closing reference to where the answer is written
// ("as outlined in the same document", "according to the plan"): it
// says where to look, not what.
var sourceRE = regexp.MustCompile(`(?i)[\s,]+(?:as\s+(?:outlined|described|detailed|mentioned|stated|specified|explained|given|set out)|(?:outlined|described|detailed|mentioned|stated|specified)|according to|per)\b.*$`)

// QuestionParts returns a question's two parts, if it asks two things,
// each without a closing reference to its source.
func QuestionParts(question string) (first, second string, ok bool) {
	m := secondPartRE.FindStringSubmatch(strings.TrimSpace(question))
	if m == nil {
		return "", "", false
	}
	return sourceRE.ReplaceAllString(m[1], ""), sourceRE.ReplaceAllString(m[2], ""), true
}

// answerHits is how many hits an answer reads by default (the library's
// TopK).
const answerHits = 5

// secondHits is how many chunks are searched for a second part.
const secondHits = 3

// secondPart returns the best chunks of docs (all, when nil) for the
// second part of a question that asks two things, when the best is not
// among the first answerHits hits; they may be among them. The first
// part is searched beside it at the weight of one word, so that "what
// are the implications of using out-of-network providers" finds the
// plan's providers, not the one page that says "implications".
func (s *Searcher) secondPart(ctx context.Context, question string, hits []Hit, docs []uint64) ([]Hit, error) {
	first, second, ok := QuestionParts(question)
	if !ok || len(hits) == 0 {
		return nil, nil
	}
	found, err := s.store.SearchTextAlso(ctx, second, []string{first}, secondHits, docs, nil)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	best := rowRef{found[0].DocID, found[0].Ord}
	for _, h := range hits[:min(len(hits), answerHits)] {
		if (rowRef{h.Doc.ID, h.Chunk.Ord}) == best {
			return nil, nil
		}
	}
	return s.load(rankedOf(found))
}
