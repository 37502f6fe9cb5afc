package bert

import (
	"context"
	"fmt"
	"slices"
)

// Batch is a padded batch of encoded sequences, laid out row-major as the
// model's [Size, SeqLen] int64 inputs. Rows are padded with [PAD] and mask
// 0 to the longest row of the batch, not to MaxLen.
type Batch struct {
	IDs     []int64
	Mask    []int64 // 1 for real tokens, 0 for padding
	TypeIDs []int64 // 0 for the first segment, 1 for the second
	Size    int
	SeqLen  int
	Lengths []int // real tokens of each row, special tokens included
}

// Row returns row i's real (unpadded) ids, mask and type ids.
func (b *Batch) Row(i int) (ids, mask, typeIDs []int64) {
	lo, n := i*b.SeqLen, b.Lengths[i]
	return b.IDs[lo : lo+n], b.Mask[lo : lo+n], b.TypeIDs[lo : lo+n]
}

// segments is one row before special tokens: a alone, or the pair a, b.
type segments struct {
	a, b []int64
	pair bool
}

// assemble adds special tokens and pads.
func (t *Tokenizer) assemble(rows []segments) *Batch {
	b := &Batch{Size: len(rows), Lengths: make([]int, len(rows))}
	for i, r := range rows {
		n := len(r.a) + 2
		if r.pair {
			n += len(r.b) + 1
		}
		b.Lengths[i] = n
		b.SeqLen = max(b.SeqLen, n)
	}
	total := b.Size * b.SeqLen
	b.IDs, b.Mask, b.TypeIDs = make([]int64, total), make([]int64, total), make([]int64, total)
	for i, r := range rows {
		row := b.IDs[i*b.SeqLen : (i+1)*b.SeqLen]
		k := 0
		put := func(id int64) { row[k] = id; k++ }
		put(t.cls)
		for _, id := range r.a {
			put(id)
		}
		put(t.sep)
		first := k
		if r.pair {
			for _, id := range r.b {
				put(id)
			}
			put(t.sep)
		}
		for j := range row {
			if j < k {
				b.Mask[i*b.SeqLen+j] = 1
				if j >= first {
					b.TypeIDs[i*b.SeqLen+j] = 1
				}
			} else {
				row[j] = t.pad
			}
		}
	}
	return b
}

// plan orders rows by length and cuts them into batches of at most size,
// so that rows of like length are padded together; each batch lists the
// indexes of its rows in the caller's order. Results do not depend on the
// grouping: padding is masked.
func plan(rows []segments, size int) [][]int {
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	n := func(r segments) int { return len(r.a) + len(r.b) }
	slices.SortStableFunc(idx, func(x, y int) int { return n(rows[x]) - n(rows[y]) })
	var out [][]int
	for len(idx) > 0 {
		k := min(size, len(idx))
		out = append(out, idx[:k])
		idx = idx[k:]
	}
	return out
}

// runBatches runs se over rows in batches of at most size and hands each
// batch's output, with the indexes of its rows, to use. It checks ctx
// before every batch; a batch once started runs to the end.
func runBatches(ctx context.Context, t *Tokenizer, se *session, rows []segments, size int,
	use func(idx []int, b *Batch, out []float32, shape []int64) error) error {
	for _, idx := range plan(rows, size) {
		if err := ctx.Err(); err != nil {
			return err
		}
		sub := make([]segments, len(idx))
		for k, i := range idx {
			sub[k] = rows[i]
		}
		b := t.assemble(sub)
		out, shape, err := se.run(b)
		if err != nil {
			return err
		}
		if len(shape) == 0 || shape[0] != int64(len(idx)) {
			return fmt.Errorf("bert: %s: output shape %v for a batch of %d", se.path, shape, len(idx))
		}
		if err := use(idx, b, out, shape); err != nil {
			return err
		}
	}
	return nil
}
