package pdf

import (
	"encoding/binary"

	"github.com/ledongthuc/pdf"
)

// Fonts with Identity-H encoding and no /ToUnicode map give only glyph
// numbers. When the font program is embedded TrueType, its own 'cmap'
// table says which character each glyph draws; inverting it recovers the
// text, as poppler does.

// trueTypeGlyphText builds CID-to-text for an Identity-encoded CIDFontType2
// from its embedded font program. It returns nil when that is impossible.
func trueTypeGlyphText(crypt *decrypter, desc pdf.Value) map[int]string {
	ff := desc.Key("FontDescriptor").Key("FontFile2")
	if ff.Kind() != pdf.Stream {
		return nil
	}
	data, err := crypt.readStream(ff, 64<<20)
	if err != nil && len(data) == 0 {
		return nil
	}
	gidText := trueTypeCmap(data)
	if len(gidText) == 0 {
		return nil
	}
	// CIDToGIDMap: a stream of 2-byte glyph numbers indexed by CID, or
	// Identity (the default).
	m := desc.Key("CIDToGIDMap")
	if m.Kind() != pdf.Stream {
		return gidText
	}
	b, _ := crypt.readStream(m, 1<<20)
	out := make(map[int]string, len(gidText))
	for cid := 0; 2*cid+1 < len(b); cid++ {
		gid := int(b[2*cid])<<8 | int(b[2*cid+1])
		if t, ok := gidText[gid]; ok && gid != 0 {
			out[cid] = t
		}
	}
	return out
}

// trueTypeCmap inverts the best Unicode subtable of a TrueType font's
// cmap: glyph number to character. Malformed tables yield what was read.
func trueTypeCmap(font []byte) (out map[int]string) {
	defer func() {
		if recover() != nil && out == nil {
			out = nil
		}
	}()
	u16 := func(o int) int {
		if o < 0 || o+2 > len(font) {
			panic("short font")
		}
		return int(binary.BigEndian.Uint16(font[o:]))
	}
	u32 := func(o int) int {
		if o < 0 || o+4 > len(font) {
			panic("short font")
		}
		return int(binary.BigEndian.Uint32(font[o:]))
	}
	numTables := u16(4)
	cmap := -1
	for i := 0; i < numTables && i < 100; i++ {
		rec := 12 + 16*i
		if string(font[rec:rec+4]) == "cmap" {
			cmap = u32(rec + 8)
		}
	}
	if cmap < 0 {
		return nil
	}
	best, bestScore := -1, 0
	for i := 0; i < u16(cmap+2) && i < 64; i++ {
		rec := cmap + 4 + 8*i
		plat, enc, off := u16(rec), u16(rec+2), u32(rec+4)
		score := 0
		switch {
		case plat == 3 && enc == 10:
			score = 4
		case plat == 3 && enc == 1:
			score = 3
		case plat == 0:
			score = 2
		}
		if score > bestScore {
			best, bestScore = cmap+off, score
		}
	}
	if best < 0 {
		return nil
	}
	out = map[int]string{}
	add := func(gid, r int) {
		if gid == 0 || r == 0 || r == 0xffff || r > 0x10ffff {
			return
		}
		if _, ok := out[gid]; !ok {
			out[gid] = string(rune(r))
		}
	}
	switch u16(best) {
	case 4:
		segX2 := u16(best + 6)
		ends := best + 14
		starts := ends + segX2 + 2
		deltas := starts + segX2
		ranges := deltas + segX2
		for s := 0; s < segX2/2; s++ {
			end, start := u16(ends+2*s), u16(starts+2*s)
			delta, ro := u16(deltas+2*s), u16(ranges+2*s)
			for c := start; c <= end && c != 0xffff; c++ {
				gid := 0
				if ro == 0 {
					gid = (c + delta) & 0xffff
				} else {
					g := u16(ranges + 2*s + ro + 2*(c-start))
					if g != 0 {
						gid = (g + delta) & 0xffff
					}
				}
				add(gid, c)
			}
		}
	case 12:
		n := u32(best + 12)
		for i := 0; i < n && i < 1<<20; i++ {
			g := best + 16 + 12*i
			start, end, gid := u32(g), u32(g+4), u32(g+8)
			for c := start; c <= end && c-start < 1<<16; c++ {
				add(gid+c-start, c)
			}
		}
	}
	return out
}
