package bert

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// ErrClosed is returned by calls on a closed Embedder or Reranker.
var ErrClosed = errors.New("bert: model closed")

// BERT input names. A graph must take input_ids and attention_mask;
// token_type_ids is fed when the graph declares it (some exports drop it).
const (
	inputIDs      = "input_ids"
	attentionMask = "attention_mask"
	tokenTypeIDs  = "token_type_ids"
)

// session is one onnxruntime session of a BERT-style graph, created once
// and shared. onnxruntime's Run is safe for concurrent use; mu only keeps
// Close from destroying the session under a running call.
type session struct {
	path    string
	inputs  []string // graph's input names, in the order fed
	output  string   // the one output read
	outDims ort.Shape

	mu     sync.RWMutex
	s      *ort.DynamicAdvancedSession
	closed bool
}

// openSession loads path with threads intra-op threads (≤ 0: one per
// core), reading input and output names from the graph. output is chosen
// as the first of wantOutputs the graph has, else its first output.
// Cost: parsing and optimising the graph, about a second for MiniLM-L6.
func openSession(path string, threads int, wantOutputs ...string) (*session, error) {
	ins, outs, err := ort.GetInputOutputInfo(path)
	if err != nil {
		return nil, fmt.Errorf("bert: read %s: %w", path, err)
	}
	se := &session{path: path}
	for _, in := range ins {
		switch in.Name {
		case inputIDs, attentionMask, tokenTypeIDs:
			if in.DataType != ort.TensorElementDataTypeInt64 {
				return nil, fmt.Errorf("bert: %s: input %s is %v, want int64", path, in.Name, in.DataType)
			}
			se.inputs = append(se.inputs, in.Name)
		default:
			return nil, fmt.Errorf("bert: %s: unexpected input %q (want %s, %s, %s)", path, in.Name, inputIDs, attentionMask, tokenTypeIDs)
		}
	}
	if !slices.Contains(se.inputs, inputIDs) || !slices.Contains(se.inputs, attentionMask) {
		return nil, fmt.Errorf("bert: %s: inputs %v lack %s or %s", path, se.inputs, inputIDs, attentionMask)
	}
	if len(outs) == 0 {
		return nil, fmt.Errorf("bert: %s: graph has no outputs", path)
	}
	chosen := outs[0]
	for _, w := range wantOutputs {
		if i := slices.IndexFunc(outs, func(o ort.InputOutputInfo) bool { return o.Name == w }); i >= 0 {
			chosen = outs[i]
			break
		}
	}
	if chosen.DataType != ort.TensorElementDataTypeFloat {
		return nil, fmt.Errorf("bert: %s: output %s is %v, want float32", path, chosen.Name, chosen.DataType)
	}
	se.output, se.outDims = chosen.Name, chosen.Dimensions

	opts, err := ort.NewSessionOptions()
	if err != nil {
		return nil, fmt.Errorf("bert: session options: %w", err)
	}
	defer opts.Destroy()
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	if err := opts.SetIntraOpNumThreads(threads); err != nil {
		return nil, fmt.Errorf("bert: set threads: %w", err)
	}
	if err := opts.SetInterOpNumThreads(1); err != nil {
		return nil, fmt.Errorf("bert: set threads: %w", err)
	}
	s, err := ort.NewDynamicAdvancedSession(path, se.inputs, []string{se.output}, opts)
	if err != nil {
		return nil, fmt.Errorf("bert: load %s: %w", path, err)
	}
	se.s = s
	return se, nil
}

// run feeds one padded batch and returns the output's data (a copy owned
// by the caller) and shape.
func (se *session) run(b *Batch) ([]float32, ort.Shape, error) {
	se.mu.RLock()
	defer se.mu.RUnlock()
	if se.closed {
		return nil, nil, ErrClosed
	}
	shape := ort.NewShape(int64(b.Size), int64(b.SeqLen))
	inputs := make([]ort.Value, len(se.inputs))
	defer func() {
		for _, v := range inputs {
			if v != nil {
				v.Destroy()
			}
		}
	}()
	for i, name := range se.inputs {
		data := b.IDs
		switch name {
		case attentionMask:
			data = b.Mask
		case tokenTypeIDs:
			data = b.TypeIDs
		}
		t, err := ort.NewTensor(shape, data)
		if err != nil {
			return nil, nil, fmt.Errorf("bert: input %s: %w", name, err)
		}
		inputs[i] = t
	}
	outputs := []ort.Value{nil} // allocated by onnxruntime to fit
	if err := se.s.Run(inputs, outputs); err != nil {
		return nil, nil, fmt.Errorf("bert: run %s: %w", se.path, err)
	}
	defer outputs[0].Destroy()
	t, ok := outputs[0].(*ort.Tensor[float32])
	if !ok {
		return nil, nil, fmt.Errorf("bert: %s: output %s is %T, want float32 tensor", se.path, se.output, outputs[0])
	}
	return slices.Clone(t.GetData()), t.GetShape().Clone(), nil
}

// close destroys the session after in-flight runs finish. Idempotent.
func (se *session) close() error {
	se.mu.Lock()
	defer se.mu.Unlock()
	if se.closed {
		return nil
	}
	se.closed = true
	if err := se.s.Destroy(); err != nil {
		return fmt.Errorf("bert: close %s: %w", se.path, err)
	}
	return nil
}
