package llm

import "testing"

// An amount is answered by an amount of the kind asked, as a level and of
// the place asked; the documents' own sentences.
func TestStatesAmount(t *testing.T) {
	cases := []struct {
		q, units string
		want     bool
	}{
		// The size of a change is not the revenue; 737 and 787 are models.
		{"What was Boeing's FY2022 revenue from the 737 program (in USD millions)?", "BCA revenues increased by $6,374 million in 2022 compared with 2021 primarily due to higher 737 and 787 deliveries in 2022.", false},
		{"How much did Boeing's BCA revenues increase in 2022?", "BCA revenues increased by $6,374 million in 2022 compared with 2021 primarily due to higher 737 and 787 deliveries in 2022.", true},
		{"What was Zentara's FY2025 revenue?", "Zentara's FY2025 revenue was €41.6 million.", true},
		// A paper's affiliation line pays no one ("1School" is a footnote mark).
		{"how much were the crowd annotators paid per sentence?", "Adversarial Learning for Chinese NER from Crowd Annotations: 1School of Computer Science and Technology, Soochow University, China", false},
		// A percentage is asked: a sentence with none does not give it.
		{"what percentage of total long-term assets under supervision are comprised of fixed income in 2013?", "Long-term assets under supervision increased $75 billion, including net inflows of $42 billion, primarily in fixed income assets, and net market appreciation of $33 billion, primarily in equity and fixed income assets.", false},
		{"What is the percentage of net sales from Cheese in 2018 and 2019 respectively?", "Gross profit as a percentage of net sales decreased to 23.6% during the year ended December 31, 2019 from 25.0% during the same period in 2018.", true},
		// A table row takes its unit from its header.
		{"What was Boeing's FY2022 revenue (in USD millions)?", "Total revenues 66,608 62,286 58,158", true},
		// The count of a list of places is not one place's.
		{"How many retail stores did Foot Locker operate in Europe as of August 2022?", "With approximately 2,800 retail stores in 28 countries across North America, Europe, Asia,", false},
		{"How many engineers work in Kraków?", "Zentara operates from three offices: the headquarters in Tallinn, the R&D centre in Kraków (opened May 2024, 38 engineers), and a sales office in Munich.", true},
	}
	for _, c := range cases {
		if got := statesAmount(c.q, c.units); got != c.want {
			t.Errorf("%q with %q: %v, want %v", c.q, c.units, got, c.want)
		}
	}
}

// A measure's word written in title case, as a table row is labelled, is
// an ordinary word when the documents write it in lower case: "Audit fees"
// are not a credit facility's unused line fee. A company's name before a
// measure stays the name check's.
func TestTitleCasedModifier(t *testing.T) {
	lifeway := "Lifeway is also required to pay a quarterly unused line fee of 0.25% and, in conjunction with the issuance of any letters of credit, a letter of credit fee."
	retrieved := lifeway + "\nWe have audited the accompanying consolidated balance sheets of Lifeway Foods, Inc."
	if kindMatches("How much were Audit fees in 2019 for Lifeway?", lifeway, lifeway, lifeway, retrieved) {
		t.Errorf("an unused line fee answered for the audit fees")
	}
	row := "Audit fees $ 211,500 $ 220,400"
	if !kindMatches("How much were Audit fees in 2019?", row, row, row, row+"\nThe aggregate fees of Marcum for the audit of our annual financial statements") {
		t.Errorf("the audit fees row did not answer for them")
	}
	contoso := "Contoso employees 412 in 2023"
	if !kindMatches("How many Contoso employees are there?", contoso, contoso, contoso, contoso+"\nhr@contoso.com") {
		t.Errorf("Contoso taken for an ordinary word")
	}
}
