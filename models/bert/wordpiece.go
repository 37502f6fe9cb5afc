package bert

import (
	"bufio"
	"fmt"
	"os"
	"unicode/utf8"
)

// maxWordChars is HF's max_input_chars_per_word: a longer word is [UNK]
// whole.
const maxWordChars = 100

// wordPiece is the WordPiece model: each word is cut greedily into the
// longest vocabulary entries from its start, pieces after the first
// looked up with "##" before them; a word with any part not in the
// vocabulary is [UNK].
type wordPiece struct {
	vocab map[string]int64
	unk   int64
}

// loadVocab reads vocab.txt: one token a line, the line number its id.
func loadVocab(path string) (map[string]int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	vocab := map[string]int64{}
	sc := bufio.NewScanner(f)
	for id := int64(0); sc.Scan(); id++ {
		tok := sc.Text()
		if _, dup := vocab[tok]; !dup {
			vocab[tok] = id
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(vocab) == 0 {
		return nil, fmt.Errorf("empty vocabulary")
	}
	return vocab, nil
}

// appendWord appends the ids of one word (normalised, no whitespace).
func (w *wordPiece) appendWord(ids []int64, word string) []int64 {
	if utf8.RuneCountInString(word) > maxWordChars {
		return append(ids, w.unk)
	}
	n := len(ids)
	key := make([]byte, 0, len(word)+2)
	for start := 0; start < len(word); {
		end := len(word)
		found := false
		for end > start {
			key = key[:0]
			if start > 0 {
				key = append(key, "##"...)
			}
			key = append(key, word[start:end]...)
			if id, ok := w.vocab[string(key)]; ok {
				ids = append(ids, id)
				found = true
				break
			}
			_, size := utf8.DecodeLastRuneInString(word[start:end])
			end -= size
		}
		if !found {
			return append(ids[:n], w.unk)
		}
		start = end
	}
	return ids
}
