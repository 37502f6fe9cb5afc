package cli

import (
	"encoding/json"
	"fmt"
	"os"
)

// writeReport writes a command's report to path as indented JSON, the form
// every --json and --out file of the CLI has.
func writeReport(path string, rep any) error {
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
