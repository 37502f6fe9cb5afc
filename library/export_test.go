package library

import "testing"

// devicesFor is the device recorded for a watched folder.
func (l *Library) devicesFor(t *testing.T, dir string) (uint64, bool) {
	t.Helper()
	devs, err := l.devices()
	if err != nil {
		t.Fatal(err)
	}
	d, ok := devs[dir]
	return d, ok && d != 0
}

// setDevice records a device for a watched folder, as if it had been seen
// on it.
func (l *Library) setDevice(t *testing.T, dir string, dev uint64) {
	t.Helper()
	devs, err := l.devices()
	if err != nil {
		t.Fatal(err)
	}
	devs[dir] = dev
	if err := l.saveDevices(devs); err != nil {
		t.Fatal(err)
	}
}

// setAfterHash calls f each time a file has been hashed, before it is
// parsed (to change the file at that moment).
func (l *Library) setAfterHash(f func(path string)) { l.afterHash = f }
