package lang

import "testing"

func TestDetect(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Die Kündigungsfrist beträgt drei Monate zum Ende eines Kalendervierteljahres. Sie kann von beiden Seiten nur schriftlich erklärt werden, und die Frist beginnt mit dem Zugang der Erklärung bei der anderen Partei. Für den Mieter gilt die gesetzliche Regelung.", German},
		{"Le délai de préavis est de trois mois pour le locataire. Il court à compter du jour de la réception de la lettre recommandée par le bailleur, et les parties ne peuvent pas le réduire dans le contrat qui les lie.", French},
		{"El plazo de preaviso es de tres meses para el arrendatario. Se cuenta desde la fecha en que la otra parte recibe la comunicación por escrito, y las partes no pueden reducirlo en el contrato que firman con el propietario.", Spanish},
		{"The notice period is three months for the tenant. It runs from the day the landlord receives the letter, and the parties cannot shorten it in the contract that binds them; this is set out in the law of the state.", English},
		{"Zentara 2024", English}, // too short to tell
		{"Il periodo di preavviso è di tre mesi per il conduttore. Decorre dal giorno in cui il locatore riceve la lettera, e le parti non possono ridurlo nel contratto che le lega, come previsto dalla legge per gli affitti della casa.", Italian},
	}
	for _, tt := range tests {
		if got := Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%.40q…) = %s, want %s", tt.text, got, tt.want)
		}
	}
}
