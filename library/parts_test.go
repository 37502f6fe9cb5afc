package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// "How does the clinical review process … ensure timely and
// cost-effective medical service provision, and what are the
// documentation requirements for filing a claim …?" was answered on the
// clinical review alone; the plan's p.78 says what a claim needs. The
// second part is searched and answered too, after the first part's
// answer, which stays as it was. A second part that says one word of its
// own ("implications") adds nothing: the page that says it most is on
// hospice care.
func TestBothPartsAnswered(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a plan")
	}
	dir := shared(t, "evaldata/northwind")
	lib := ingested(t, filepath.Join(dir, "Northwind_Standard_Benefits_Details.pdf"), filepath.Join(dir, "Northwind_Health_Plus_Benefits_Details.pdf"))
	ans, first := asked(t, lib, "How does the clinical review process in the Northwind Standard Benefits Details ensure timely and cost-effective medical service provision, and what are the documentation requirements for filing a claim as outlined in the same document?")
	if ans.Abstained || !strings.Contains(first, "clinical review process") || !strings.Contains(ans.Text, "itemized bills, a completed claim form") {
		t.Errorf("want the clinical review first and what a claim needs after it; got:\n%s", ans.Text)
	}
	for i, c := range ans.Citations {
		if c.N != i+1 {
			t.Errorf("citation %d numbered %d", i, c.N)
		}
		if c.Page == 78 && !strings.Contains(ans.Text, "["+string(rune('0'+c.N))+"]") {
			t.Errorf("p.78 is listed and not quoted")
		}
	}
	ans, _ = asked(t, lib, "How does using in-network providers affect the coinsurance responsibilities for services under the Northwind Health Plus Benefits, and what are the implications of using out-of-network providers?")
	if ans.Abstained || strings.Contains(ans.Text, "hospice") || strings.Contains(ans.Text, "implications of not receiving") {
		t.Errorf("want no line on hospice care; got:\n%s", ans.Text)
	}
}
