package search

import "testing"

func TestAsMeasured(t *testing.T) {
	f := newFixture(t, map[string][]string{
		"spec.pdf": {"Mass (unladen) 84.5 kg", "Top travel speed 2.4 m/s", "Range 12 km", "The drone's flight distance is 10 km."},
	})
	s := f.searcher(Models{}, Options{})
	for q, want := range map[string]string{
		"How heavy is the Magpie-7?":            "What is the mass of the Magpie-7?",
		"How fast can the Magpie-7 go?":         "What is the speed of the Magpie-7?",
		"how far can the DJI Mini 4 fly":        "What is the range or distance of the DJI Mini 4?",
		"How tall is the Model X?":              "What is the height of the Model X?",
		"How long is the warranty?":             "How long is the warranty?",
		"How high was revenue in 2022?":         "How high was revenue in 2022?",
		"How fast did revenue grow?":            "How fast did revenue grow?",
		"How heavy is the robot?":               "How heavy is the robot?",
		"How fast can the Magpie-7 lift a box?": "How fast can the Magpie-7 lift a box?",
	} {
		got, err := s.asMeasured(q)
		if err != nil || got != want {
			t.Errorf("asMeasured(%q) = %q, %v; want %q", q, got, err, want)
		}
	}
}
