package pdf

import "testing"

func TestSymbolicTables(t *testing.T) {
	for _, c := range []struct {
		table *[256]rune
		code  byte
		want  rune
	}{
		{&dingbatsTable, 'n', '■'}, {&dingbatsTable, 'l', '●'}, {&dingbatsTable, '!', '✁'},
		{&dingbatsTable, '3', '✓'}, {&dingbatsTable, 0xac, '①'}, {&dingbatsTable, 0xd4, '➔'},
		{&dingbatsTable, 0xfe, '➾'}, {&symbolTable, 'a', 'α'}, {&symbolTable, 'W', 'Ω'},
		{&symbolTable, 0xb7, '•'}, {&symbolTable, 0xb1, '±'}, {&symbolTable, 0xe5, '∑'},
		{&symbolTable, 0xef, '⎪'}, {&symbolTable, 0xf2, '∫'}, {&symbolTable, '5', '5'},
	} {
		if got := c.table[c.code]; got != c.want {
			t.Errorf("code %#x = %q, want %q", c.code, got, c.want)
		}
	}
}
