package llm

import (
	"slices"
	"testing"
)

func TestMarkUnsupported(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		marked   []string
	}{
		{"The fee is €4,800 [2]. The moon is made of cheese.",
			"The fee is €4,800 [2]. The moon is made of cheese. [unsupported]", []string{"The moon is made of cheese."}},
		{"The fee is €4,800. [2] It is 4.8 times the base fee [1].", "The fee is €4,800. [2] It is 4.8 times the base fee [1].", nil},
		{"Fees, e.g. the setup fee, are listed [1]! Why? Because.",
			"Fees, e.g. the setup fee, are listed [1]! Why? [unsupported] Because. [unsupported]", []string{"Why?", "Because."}},
		{"The tiers are:\n- Basic: €100 [1]\n- Pro: €200\n\nAsk sales [3].",
			"The tiers are:\n- Basic: €100 [1]\n- Pro: €200 [unsupported]\n\nAsk sales [3].", []string{"- Pro: €200"}},
		{"The CEO is Iris Kallas [1]. I couldn't find this in your documents.", "The CEO is Iris Kallas [1]. I couldn't find this in your documents.", nil},
		{"Only this  ", "Only this [unsupported]", []string{"Only this"}},
		{"A [1][2]. B [3] . C.", "A [1][2]. B [3] . C. [unsupported]", []string{"C."}},
	} {
		got, marked := markUnsupported(tt.in)
		if got != tt.want || !slices.Equal(marked, tt.marked) {
			t.Errorf("%q:\n got %q %q\nwant %q %q", tt.in, got, marked, tt.want, tt.marked)
		}
	}
}
