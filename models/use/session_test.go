package use

import "testing"

// The embedder's onnxruntime threads do not spin-wait after a run: they
// would take the CPU of the search running beside a question's embedding.
func TestSessionOptionsDoNotSpin(t *testing.T) {
	needRuntime(t)
	so, err := sessionOptions(2)
	if err != nil {
		t.Fatal(err)
	}
	defer so.Destroy()
	v, err := so.GetSessionConfigEntry("session.intra_op.allow_spinning")
	if err != nil || v != "0" {
		t.Errorf("allow_spinning = %q, %v; want \"0\"", v, err)
	}
}
