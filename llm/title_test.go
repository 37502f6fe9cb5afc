package llm

import (
	"testing"

	"quire/store"
)

func TestTitle(t *testing.T) {
	for _, c := range []struct {
		doc  store.Document
		want string
	}{
		{store.Document{Name: "Northwind_Standard_Benefits_Details.pdf"}, "Northwind Standard Benefits Details"},
		{store.Document{Name: "PFIZER_2021_10K.pdf", Heading: "PFIZER INC. 2021 Form 10-K"}, "PFIZER INC. 2021 Form 10-K"},
		{store.Document{Name: "AMERICANWATERWORKS_2020_10K.pdf", Heading: "Table of Contents"}, "AMERICANWATERWORKS 2020 10K"},
		{store.Document{Name: "zentara_robotics_handbook.pdf", Heading: "Zentara Robotics — Internal Reference Document Page"}, "Zentara Robotics — Internal Reference Document"},
		{store.Document{Name: "paper-v2.pdf", Heading: "this heading is a whole sentence of running text that goes on far too long to be a title"}, "paper v2"},
		// Running heads joined: the parts that name the file's subject,
		// without page numbers; a year alone names no one.
		{store.Document{Name: "NIKE_2019_10K.pdf", Heading: "Table of Contents · 2019 FORM 10-K · 10 NIKE, INC"}, "2019 FORM 10-K · NIKE, INC"},
		{store.Document{Name: "NIKE_2021_10K.pdf", Heading: "Table of Contents · 2021 FORM 10-K"}, "NIKE 2021 10K"},
		{store.Document{Name: "ADOBE_2015_10K.pdf", Heading: "ADOBE SYSTEMS INCORPORATED · NOTES TO CONSOLIDATED FINANCIAL STATEMENTS (Continued)"}, "ADOBE SYSTEMS INCORPORATED"},
		{store.Document{Name: "VERIZON_2022_10K.pdf", Heading: "101 Verizon 2022 Annual Report on Form 10-K · Verizon 2022 Annual Report on Form 10-K"}, "Verizon 2022 Annual Report on Form 10-K"},
	} {
		if got := Title(c.doc); got != c.want {
			t.Errorf("Title(%q, %q) = %q, want %q", c.doc.Name, c.doc.Heading, got, c.want)
		}
	}
	a := Answer{Citations: []Citation{{Title: "B", Used: true}, {Title: "A"}, {Title: "B", Used: true}, {Title: "C", Used: true}}}
	if got := QuotedTitles(a); len(got) != 2 || got[0] != "B" || got[1] != "C" {
		t.Errorf("QuotedTitles = %q, want [B C]", got)
	}
}
