package library

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// textPDF writes a one-page PDF per paragraph, in Helvetica with the
// WinAnsi encoding (which has ä, é, ñ…), lines of about 70 characters.
func textPDF(t *testing.T, path string, pages ...string) {
	t.Helper()
	var objs []string
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", len(pages), strings.Join(kids, " ")),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	for i, text := range pages {
		var content strings.Builder
		content.WriteString("BT /F1 11 Tf 14 TL 72 740 Td\n")
		line := ""
		for _, w := range strings.Fields(text) {
			if len(line)+len(w) > 70 {
				fmt.Fprintf(&content, "(%s) Tj T*\n", line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		fmt.Fprintf(&content, "(%s) Tj\nET", line)
		enc, err := charmap.Windows1252.NewEncoder().String(content.String())
		if err != nil {
			t.Fatal(err)
		}
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(enc), enc))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Documents in German, French and Spanish are recognised as such and
// found by a question that uses another inflection of their words than
// the page does; an English document beside them is found as before.
func TestOtherLanguages(t *testing.T) {
	filler := map[string]string{
		"de": "Der Vertrag wird auf unbestimmte Zeit geschlossen. Die Miete ist monatlich im Voraus zu zahlen, und die Nebenkosten werden einmal im Jahr abgerechnet. Der Vermieter stellt die Wohnung in einem ordentlichen Zustand zur Verfügung.",
		"fr": "Le contrat est conclu pour une durée indéterminée. Le loyer est payable chaque mois à l'avance, et les charges sont réglées une fois par an. Le bailleur met le logement à la disposition du locataire dans un bon état.",
		"es": "El contrato se celebra por tiempo indefinido. La renta se paga cada mes por adelantado, y los gastos se liquidan una vez al año. El propietario entrega la vivienda al inquilino en buen estado de uso.",
		"en": "The contract is made for an indefinite term. The rent is paid monthly in advance, and the service charges are settled once a year. The landlord hands over the flat in good order.",
	}
	docs := []struct {
		file, lang, fact, question string
	}{
		// Each question's only content word is an inflection the page
		// does not use and the English analyzer keeps apart.
		{"mietvertrag.pdf", "de", "Die Kündigungsfrist für den Mieter beträgt drei Monate.", "Kündigungsfristen?"},
		{"bail.pdf", "fr", "La résiliation du bail exige un préavis de trois mois.", "Résilier ?"},
		{"contrato.pdf", "es", "Las renovaciones del contrato son anuales y tácitas.", "¿Renovación?"},
		{"lease.pdf", "en", "The tenants must give three months of notice before leaving.", "How much notice does a tenant give?"},
	}
	dir := t.TempDir()
	for _, d := range docs {
		textPDF(t, filepath.Join(dir, d.file), filler[d.lang]+" "+filler[d.lang], filler[d.lang]+" "+d.fact+" "+filler[d.lang])
	}
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if _, err := lib.Ingest(context.Background(), []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	all, _ := lib.Documents()
	byName := map[string]uint64{}
	for _, d := range all {
		byName[d.Name] = d.ID
		for _, want := range docs {
			if want.file == d.Name && d.Lang != want.lang && !(want.lang == "en" && d.Lang == "") {
				t.Errorf("%s: language %q, want %q", d.Name, d.Lang, want.lang)
			}
		}
	}
	for _, d := range docs {
		res, err := lib.Search(context.Background(), d.question, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Doc.ID != byName[d.file] || res.Hits[0].Chunk.PageEnd != 2 {
			var got []string
			for _, h := range res.Hits {
				got = append(got, fmt.Sprintf("%s p.%d", h.Doc.Name, h.Chunk.PageStart))
			}
			t.Errorf("%q: hits %v, want %s p.2 first", d.question, got, d.file)
		}
	}
}
