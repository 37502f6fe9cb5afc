package llm

import (
	"strings"
	"testing"
)

// A market-price table's column is averaged, counted, listed, and a row's
// two columns compared, in the year asked: the 2019 block below the 2018
// one is another year.
func TestComputedOnAColumn(t *testing.T) {
	page := "The following table shows the high and low sale prices per share of our common stock for each quarter during the two most recent fiscal years:\n" +
		"Common Stock Price Range\n" +
		"2018\n" +
		"Low High\n" +
		"First Quarter $ 5.99 $ 8.40\n" +
		"Second Quarter $ 4.79 $ 6.48\n" +
		"Third Quarter $ 2.66 $ 4.63\n" +
		"Fourth Quarter $ 1.88 $ 3.39\n" +
		"2019\n" +
		"Low High\n" +
		"First Quarter $ 1.98 $ 2.75\n" +
		"Second Quarter $ 1.94 $ 4.00\n" +
		"Third Quarter $ 2.19 $ 3.59\n" +
		"Fourth Quarter $ 1.87 $ 2.44"
	other := "How many stores opened, the average price, the difference between them, in chronological order."
	s := newNamedSearcher(t, "LIFEWAY_2019.pdf", page, other)
	for q, want := range map[string]string{
		"What is the average quarterly low price in 2018?":                                        "Computed: 3.83 on average over the 4 rows of 2018 (5.99, 4.79, 2.66, 1.88) [1]",
		"In 2018, how many quarters had stock prices lower than $2.00 during their lows?":         "Computed: 1 of the 4 rows of 2018 is below 2.00 in the low column (5.99, 4.79, 2.66, 1.88) [1]",
		"What was the low sale price per share for each quarters in 2018 in chronological order?": "The low column for 2018, in order: 5.99, 4.79, 2.66, 1.88 [1]",
		"In the first quarter of 2019, what is the difference between the low and high price?":    "Computed: 0.77 between the low (1.98) and the high (2.75), First Quarter 2019 [1]",
		// One cell, said with its row, year and column: both years have a
		// First Quarter row.
		"What was the low sale price per share in the first quarter of 2019?": "First Quarter 2019, low: 1.98 (high 2.75) [1]",
	} {
		if ans := ask(t, s, q); !strings.HasPrefix(ans.Text, want) {
			t.Errorf("%s\n answer %q\n want   %q", q, ans.Text, want)
		}
	}
}
