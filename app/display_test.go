package app

import (
	"errors"
	"testing"
)

func TestCheckDisplay(t *testing.T) {
	env := func(kv map[string]string) func(string) string {
		return func(k string) string { return kv[k] }
	}
	for _, c := range []struct {
		goos string
		env  map[string]string
		want error
	}{
		{"linux", nil, ErrNoDisplay},
		{"linux", map[string]string{"DISPLAY": ":0"}, nil},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, nil},
		{"freebsd", nil, ErrNoDisplay},
		{"windows", nil, nil},
		{"darwin", nil, nil},
	} {
		if err := checkDisplay(c.goos, env(c.env)); !errors.Is(err, c.want) {
			t.Errorf("%s %v: %v, want %v", c.goos, c.env, err, c.want)
		}
	}
}
