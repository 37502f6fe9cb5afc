package llm

import (
	"strings"
	"testing"
)

// Chunks of Northwind_Standard_Benefits_Details.pdf p.67 and p.68, the
// clinical review, as Quire stores them.
var clinicalReview = []string{
	"Clinical Review\nCARE MANAGEMENT: Clinical Review\n\nThe Northwind Standard plan offers a variety of care management services to help ensure\nthat members receive quality, cost-effective care. These services include clinical review,\nwhich is a process that evaluates the medical necessity and appropriateness of a proposed\ncourse of treatment, as well as any adjustment or changes to existing treatments.\n\nClinical review is conducted by Northwind Health’s Medical Management Department,\nwhich is staffed by licensed clinicians who are experienced in the various medical\nconditions and treatments that are covered by the Northwind Standard plan. These\nclinicians use evidence-based guidelines and other important criteria to evaluate the\nproposed course of treatment and make sure that it is medically necessary and appropriate.",
	"Additionally, members should keep in mind that the clinical review process is\ndesigned to ensure that medically necessary treatments are provided in a timely and cost-effective\nmanner.\n\nTo help ensure that the clinical review process runs smoothly and quickly, members should\nprovide accurate and detailed information about their medical needs when requesting\ntreatment. This includes a complete list of their current medications, as well as all relevant\nmedical history. Additionally, members should provide any necessary documentation that\nmay be required, such as test results or lab reports. Finally, members should make sure that\nthey understand the process and any exceptions that may apply.\n\nOverall, the clinical review process is an important component of the Northwind Standard\nplan, and it helps to ensure that members receive high-quality, cost-effective care. The\nprocess is designed to be straightforward and efficient, and the exceptions that are available\ncan help to ensure that members receive the care they need in a timely manner.",
}

// The sentence that sums up the section repeats the question's words and
// says nothing of the process: it is not the answer's first line, nor a
// line after it.
func TestRecapIsNotTheAnswer(t *testing.T) {
	s := newNamedSearcher(t, "Northwind_Standard_Benefits_Details.pdf", clinicalReview...)
	a := ask(t, s, "What is the process for ensuring cost-effective care under the Northwind Standard plan?")
	if a.Abstained || strings.Contains(a.Text, "Overall,") {
		t.Errorf("answer:\n%s", a.Text)
	}
	if isRecap("Prior authorization is a process that Northwind Standard uses.") || !isRecap("By understanding the prior authorization process, you can ensure that your services are covered.") {
		t.Error("isRecap")
	}
}
