package ocr_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quire/ocr"
)

// shared is the project's shared evaluation data beside the checkout.
const shared = "../../shared"

func needTesseract(t *testing.T) {
	t.Helper()
	if _, err := ocr.Command(); err != nil {
		t.Skip("tesseract is not installed (scripts/deps.sh --test installs it)")
	}
}

func needTesseractPath(t *testing.T) string {
	t.Helper()
	p, err := ocr.Command()
	if err != nil {
		t.Skip("tesseract is not installed (scripts/deps.sh --test installs it)")
	}
	return p
}

func needFile(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(shared, rel)
	if _, err := exec.LookPath("ls"); err == nil {
		if out, err := exec.Command("ls", p).CombinedOutput(); err != nil {
			t.Skipf("%s is absent: %s", p, out)
		}
	}
	return p
}

func readPages(t *testing.T, r *ocr.Reader, path string, pages ...int) []ocr.Result {
	t.Helper()
	var out []ocr.Result
	err := r.Pages(context.Background(), path, pages, func(res ocr.Result) bool {
		out = append(out, res)
		return true
	})
	if err != nil {
		t.Fatalf("Pages: %v", err)
	}
	return out
}

// A page with a good text layer, drawn and read by OCR, gives back the
// words of its text layer (poppler's, from the pdftotext reference).
func TestReadsDrawnPage(t *testing.T) {
	needTesseract(t)
	path := needFile(t, "evaldata/northwind/PerksPlus.pdf")
	ref, err := exec.Command("pdftotext", "-f", "2", "-l", "2", path, "-").Output()
	if err != nil {
		t.Skipf("pdftotext: %v", err)
	}
	r, err := ocr.New(ocr.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res := readPages(t, r, path, 2)
	if len(res) != 1 || res[0].Err != nil {
		t.Fatalf("results %+v", res)
	}
	pg := res[0].Page
	recall, precision := ocr.Score(pg.Text, string(ref))
	t.Logf("recall %.3f precision %.3f conf %.1f words %d in %v", recall, precision, pg.Conf, len(pg.Words), res[0].Duration)
	if recall < 0.95 || precision < 0.9 {
		t.Errorf("recall %.3f precision %.3f, want ≥ 0.95 / 0.9", recall, precision)
	}
	if pg.Embedded || pg.DPI != ocr.DefaultDPI {
		t.Errorf("a page with a text layer read from an image (%v) at %g dpi", pg.Embedded, pg.DPI)
	}
	if pg.Conf < 80 {
		t.Errorf("mean confidence %.1f", pg.Conf)
	}
	for _, w := range pg.Words {
		if !(w.X0 >= 0 && w.X0 < w.X1 && w.X1 <= 1 && w.Y0 >= 0 && w.Y0 < w.Y1 && w.Y1 <= 1) {
			t.Fatalf("word %q has box %v,%v–%v,%v", w.Text, w.X0, w.Y0, w.X1, w.Y1)
		}
	}
}

// A scanned page of the corpus (no text layer, one 150 dpi image
// covering the page) yields text, read from its own image as it is; the
// same page drawn at 300 dpi reads no better.
func TestReadsScan(t *testing.T) {
	needTesseract(t)
	path := needFile(t, "pdfcorpus/files/synthetic-scanned-image-only.pdf")
	var words [2]int
	for i, draw := range []bool{false, true} {
		r, err := ocr.New(ocr.Options{DrawScans: draw})
		if err != nil {
			t.Fatal(err)
		}
		res := readPages(t, r, path, 1)
		r.Close()
		if res[0].Err != nil {
			t.Fatal(res[0].Err)
		}
		pg := res[0].Page
		words[i] = len(ocr.Words(pg.Text))
		t.Logf("drawn %v: embedded %v at %g dpi, %d words, conf %.1f, %v", draw, pg.Embedded, pg.DPI, words[i], pg.Conf, res[0].Duration)
		if pg.Embedded == draw || (!draw && pg.DPI != 150) {
			t.Errorf("drawn %v: embedded %v at %g dpi", draw, pg.Embedded, pg.DPI)
		}
	}
	if words[0] < 20 || float64(words[0]) < 0.95*float64(words[1]) {
		t.Errorf("%d words from the page's image, %d drawn", words[0], words[1])
	}
}

// A page Tesseract cannot finish in time is read again at a lower
// resolution; failing again, it costs that page, with its reason; the
// next page is still read.
func TestTimeoutCostsThePage(t *testing.T) {
	needTesseract(t)
	path := needFile(t, "evaldata/northwind/PerksPlus.pdf")
	r, err := ocr.New(ocr.Options{Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res := readPages(t, r, path, 1, 2, 99)
	if len(res) != 3 {
		t.Fatalf("%d results", len(res))
	}
	for _, x := range res[:2] {
		if !errors.Is(x.Err, ocr.ErrTimeout) || !x.Retried {
			t.Errorf("page %d: %v (retried %v), want ErrTimeout after a retry", x.Number, x.Err, x.Retried)
		}
	}
	if got := ocr.Reason(res[0].Err); !strings.Contains(got, "lower resolution") {
		t.Errorf("reason %q", got)
	}
	if !errors.Is(res[2].Err, ocr.ErrDraw) || ocr.Reason(res[2].Err) != "could not be drawn" {
		t.Errorf("page 99 of 4: %v", res[2].Err)
	}
}

// A page that takes too long at 300 dpi is read at 200 dpi. The
// tesseract here is a wrapper that stalls on images wider than 2,000
// pixels (a letter page at 300 dpi is 2,550) and runs the real one on
// the others.
func TestTimeoutRetriedLower(t *testing.T) {
	real := needTesseractPath(t)
	path := needFile(t, "evaldata/northwind/PerksPlus.pdf")
	wrapper := filepath.Join(t.TempDir(), "tesseract")
	script := "#!/bin/sh\nf=$(mktemp)\ncat > \"$f\"\nw=$(head -c 20 \"$f\" | sed -n 2p | cut -d' ' -f1)\n" +
		"if [ \"$w\" -gt 2000 ]; then rm -f \"$f\"; exec sleep 60; fi\n" +
		"shift\n" + real + " \"$f\" \"$@\" < /dev/null; rc=$?; rm -f \"$f\"; exit $rc\n"
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("QUIRE_TESSERACT", wrapper)
	r, err := ocr.New(ocr.Options{DPI: 300, Timeout: 45 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res := readPages(t, r, path, 3)
	x := res[0]
	if x.Err != nil || !x.Retried || x.DPI != 200 {
		t.Fatalf("page 3: err %v, retried %v, %g dpi", x.Err, x.Retried, x.DPI)
	}
	if n := len(ocr.Words(x.Text)); n < 100 {
		t.Errorf("%d words read at 200 dpi", n)
	}
}

// Without Tesseract the Reader says so, by a sentinel error.
func TestMissingTesseract(t *testing.T) {
	t.Setenv("QUIRE_TESSERACT", "/nonexistent/tesseract")
	_, err := ocr.New(ocr.Options{})
	if !errors.Is(err, ocr.ErrNoTesseract) {
		t.Fatalf("New: %v, want ErrNoTesseract", err)
	}
	if !strings.Contains(ocr.Reason(err), "not installed") {
		t.Errorf("reason %q", ocr.Reason(err))
	}
}

func TestLanguages(t *testing.T) {
	needTesseract(t)
	langs, err := ocr.Languages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range langs {
		found = found || l == "eng"
		if l == "osd" {
			t.Errorf("osd listed")
		}
	}
	if !found {
		t.Errorf("languages %v lack eng", langs)
	}
}
