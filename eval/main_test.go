package eval

import (
	"os"
	"testing"

	"quire/ingest"
)

// TestMain lets the ingest workers that library tests start re-enter this
// binary as workers.
func TestMain(m *testing.M) {
	ingest.RunWorkerIfRequested()
	os.Exit(m.Run())
}
