package llm

import (
	"strings"
	"testing"

	"quire/search"
	"quire/store"
)

// newLibrarySearcher builds a real store of several documents, each of
// the given chunks (text as the chunker stored it, blank lines between
// paragraphs).
func newLibrarySearcher(t *testing.T, docs map[string][]string) *search.Searcher {
	t.Helper()
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for name, texts := range docs {
		chunks := make([]store.Chunk, len(texts))
		for i, text := range texts {
			chunks[i] = store.Chunk{Ord: i, PageStart: i + 1, PageEnd: i + 1, Text: text}
		}
		if _, err := st.AddDocument(store.Document{Name: name, Hash: name, Status: store.StatusIndexed}, chunks); err != nil {
			t.Fatal(err)
		}
	}
	return search.New(st, search.Models{}, search.Options{})
}

// Chunks of the shared Northwind PDFs as Quire stores them: the plan
// comparison of Benefit_Options.pdf p.3, and the prior-authorization
// lists of Northwind_Health_Plus_Benefits_Details.pdf p.64–65.
var (
	planComparison = "Comparison of Plans\n\nBoth plans offer coverage for routine physicals, well-child visits, immunizations, and other preventive\ncare services. The plans also cover preventive care services such as mammograms, colonoscopies, and\nother cancer screenings.\n\nNorthwind Health Plus offers more comprehensive coverage than Northwind Standard. This plan offers\ncoverage for emergency services, both in-network and out-of-network, as well as mental health and\nsubstance abuse coverage. Northwind Standard does not offer coverage for emergency services, mental\nhealth and substance abuse coverage, or out-of-network services.\n\nBoth plans offer coverage for prescription drugs. Northwind Health Plus offers a wider range of\nprescription drug coverage than Northwind Standard. Northwind Health Plus covers generic, brand-name,\nand specialty drugs, while Northwind Standard only covers generic and brand-name drugs.\n\nBoth plans offer coverage for vision and dental services. Northwind Health Plus offers coverage for vision\nexams, glasses, and contact lenses, as well as dental exams, cleanings, and fillings. Northwind Standard\nonly offers coverage for vision exams and glasses.\n\nBoth plans offer coverage for medical services. Northwind Health Plus offers coverage for hospital stays,\ndoctor visits, lab tests, and X-rays. Northwind Standard only offers coverage for doctor visits and lab\ntests."
	priorAuthLists = []string{
		"Prior authorization is required for certain services and treatments such as:\n\n• Hospital admissions\n\n• Inpatient surgery\n\n• Outpatient surgery\n\n• Magnetic Resonance Imaging (MRI)\n\n• Computed Tomography (CT)\n\n• Radiation Therapy\n\n• Durable Medical Equipment\n\n• Physical, Occupational, and Speech Therapy\n\n• Home Health Care\n\n• Infusion Therapy\n\n• Prosthetics and Orthotics\n\n• Specialty Drugs\n\nIn certain cases, Northwind Health may require prior authorization even if the service is not\nlisted above. Your doctor or health care provider should contact Northwind Health to\ndetermine if prior authorization is required prior to providing care.\n\nExceptions to Prior Authorization\n\nThere are certain services and treatments that are exempt from prior authorization. These\ninclude:\n\n• Routine office visits\n\n• Immunizations\n\n• X-Ray services\n\n• Emergency services\n\n• Family planning services\n\n• Maternity services\n\n• Services and supplies related to diabetes\n\n• Preventive care services\n\n• Mental health and substance abuse services\n\n• Routine eye exams\n\n• Routine dental exams",
		"• Immunizations\n\n• X-Ray services\n\n• Emergency services\n\n• Family planning services\n\n• Maternity services\n\n• Services and supplies related to diabetes\n\n• Preventive care services\n\n• Mental health and substance abuse services\n\n• Routine eye exams\n\n• Routine dental exams\n\nIt is important to note that the list of services and treatments that are exempt from prior\nauthorization is subject to change. Your doctor or health care provider should contact\nNorthwind Health to determine if prior authorization is required prior to providing care.",
	}
)

// A coverage question is answered by the sentence that states the
// plan's coverage, not by a list of services exempt from prior
// authorization that names the same words.
func TestCoverageIsStatedNotListed(t *testing.T) {
	s := newLibrarySearcher(t, map[string][]string{
		"Benefit_Options.pdf":                        {planComparison},
		"Northwind_Health_Plus_Benefits_Details.pdf": priorAuthLists,
	})
	for q, want := range map[string]string{
		"Does Northwind Health Plus cover routine eye exams?": "Northwind Health Plus offers coverage for vision exams, glasses, and contact lenses",
		"Does Northwind Standard cover eye exams?":            "Northwind Standard only offers coverage for vision exams and glasses.",
	} {
		a := ask(t, s, q)
		if !strings.HasPrefix(a.Text, want) {
			t.Errorf("%q answered:\n%s\nwant first %q", q, a.Text, want)
		}
		if strings.Contains(a.Text, "exempt from prior authorization") || strings.Contains(a.Text, "• Routine eye exams") {
			t.Errorf("%q quoted the prior-authorization list as coverage:\n%s", q, a.Text)
		}
	}
	// The other plan's coverage of contact lenses says nothing of
	// Northwind Standard's.
	if a := ask(t, s, "Does Northwind Standard cover contact lenses?"); strings.HasPrefix(a.Text, "Northwind Health Plus") {
		t.Errorf("answered from the other plan:\n%s", a.Text)
	}
}

func TestCoverObject(t *testing.T) {
	for q, want := range map[string]string{
		"Does Northwind Standard cover eye exams?":           "eye exams",
		"Are routine eye exams covered?":                     "routine eye exams",
		"Are hearing aids covered by Northwind Standard?":    "hearing aids",
		"Does Northwind Health Plus pay for contact lenses?": "contact lenses",
		"What is the deductible for Northwind Standard?":     "",
	} {
		if got, _, _ := coverObject(q); got != want {
			t.Errorf("%q: object %q, want %q", q, got, want)
		}
	}
}

// Chunks of Northwind_Standard_Benefits_Details.pdf p.12, p.74–75 and p.3.
var standardDeductible = []string{
	"Calendar Year Deductible\nIMPORTANT PLAN INFORMATION: Calendar Year Deductible\n\nThe Northwind Standard plan has a calendar year deductible of $2,000 for each individual\nand $4,000 for each family. A calendar year deductible is the amount you must pay for\nhealth care services before your insurance plan starts to pay. The deductible applies to most\nservices received from in-network providers, including primary care physicians, specialists,\nhospitals, and pharmacies.",
	"It’s important to note that Northwind Standard will only pay for expenses that are not\ncovered by the primary plan. Additionally, Northwind Standard will not pay any expenses\n\nthat exceed the limits of the primary plan. For example, if the primary plan has a $1,000\ndeductible and Northwind Standard has a $500 deductible, only the $500 deductible from\nthe primary plan will be paid.",
	"Deductibles\n\nA deductible is the amount of money that you will need to pay out of pocket before your\ninsurance plan will begin to cover the costs of your medical services. The deductible for\nNorthwind Standard is $2,000 per person, per year. This means that you will need to pay\nthe first $2,000 of your medical expenses before the plan will begin to cover the remaining\namount.",
}

// The lines after the first add to the answer: an example from the
// coordination of benefits illustrates that rule, not the deductible.
func TestNoExampleFromAnotherPassage(t *testing.T) {
	s := newNamedSearcher(t, "Northwind_Standard_Benefits_Details.pdf", standardDeductible...)
	a := ask(t, s, "What is the deductible for Northwind Standard?")
	if !strings.Contains(firstLine(a.Text), "deductible") || !strings.Contains(firstLine(a.Text), "$2,000") {
		t.Errorf("first line of:\n%s", a.Text)
	}
	if strings.Contains(a.Text, "For example") {
		t.Errorf("quoted another passage's example:\n%s", a.Text)
	}
}
