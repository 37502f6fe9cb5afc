package bert

import "quire/models/window"

// Long texts: a chunk longer than a model's window is not cut short.
// The embedder embeds it as several windows (window.Windows) and keeps the
// token-weighted mean of their vectors (window.Mean); the reranker scores the query
// against each window of the passage and keeps the best score. Texts that
// fit are encoded exactly as before, as Hugging Face truncation would.

// windowRows encodes each text (after prefix) as one row per window of
// at most MaxLen−2 tokens with the prefix's tokens before each window;
// owner[k] is the text of row k. The prefix must end in a space (so that
// it tokenises apart from the text), as the models' prefixes do.
func (t *Tokenizer) windowRows(prefix string, texts []string) (rows []segments, owner []int) {
	p := t.Tokenize(prefix)
	size := max(t.maxLen-2-len(p), 1)
	for i, s := range texts {
		ids := t.Tokenize(s)
		for _, w := range window.Windows(len(ids), size, window.Overlap(size)) {
			rows = append(rows, segments{a: append(p[:len(p):len(p)], ids[w.Start:w.End]...)})
			owner = append(owner, i)
		}
	}
	return rows, owner
}

// windowPairs encodes [CLS] query [SEP] passage [SEP] rows: for a pair
// that fits, the one row EncodePairs makes; for a longer passage, one row
// per window of it, the query cut as "longest_first" cuts it and each
// window as long as the passage part of that cut (so the first row is the
// truncated pair). owner[k] is the passage of row k.
func (t *Tokenizer) windowPairs(query string, passages []string) (rows []segments, owner []int) {
	q := t.tokens(query, t.maxLen)
	budget := t.maxLen - 3
	for i, p := range passages {
		pids := t.tokens(p, t.maxLen)
		lq, lp := fitPair(len(q), len(pids), budget)
		if lp == len(pids) {
			rows = append(rows, segments{a: q[:lq], b: pids, pair: true})
			owner = append(owner, i)
			continue
		}
		full := t.Tokenize(p)
		for _, w := range window.Windows(len(full), lp, window.Overlap(lp)) {
			rows = append(rows, segments{a: q[:lq], b: full[w.Start:w.End], pair: true})
			owner = append(owner, i)
		}
	}
	return rows, owner
}
