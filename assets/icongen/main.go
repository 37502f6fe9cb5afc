// Command icongen draws Quire's app icon: a page with text lines and a "Q"
// lens over it, on a rounded indigo square, 4×4 supersampled.
//
// Usage: go run ./icongen icon.png   (from assets/; see go:generate in assets.go)
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const size = 512
const ss = 4

func inRoundRect(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Max(x0+r, math.Min(x, x1-r))
	cy := math.Max(y0+r, math.Min(y, y1-r))
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
}

type rgba struct{ r, g, b, a float64 }

func over(dst, src rgba) rgba {
	a := src.a + dst.a*(1-src.a)
	if a == 0 {
		return rgba{}
	}
	mix := func(s, d float64) float64 { return (s*src.a + d*dst.a*(1-src.a)) / a }
	return rgba{mix(src.r, dst.r), mix(src.g, dst.g), mix(src.b, dst.b), a}
}

func sample(x, y float64) rgba {
	var c rgba
	// background: rounded square, indigo gradient
	if inRoundRect(x, y, 16, 16, 496, 496, 96) {
		t := y / size
		c = over(c, rgba{0.22 - 0.08*t, 0.26 - 0.08*t, 0.62 - 0.12*t, 1})
	}
	// page with folded corner
	px0, py0, px1, py1 := 130.0, 92.0, 350.0, 392.0
	fold := 56.0
	if inRoundRect(x, y, px0, py0, px1, py1, 14) && !(x > px1-fold && y < py0+fold && (x-(px1-fold))+(py0+fold-y) > fold) {
		c = over(c, rgba{0.97, 0.97, 0.99, 1})
		if x > px1-fold && y < py0+fold && (x-(px1-fold))+(py0+fold-y) > fold-6 {
			c = over(c, rgba{0.80, 0.82, 0.90, 1})
		}
	}
	// text lines
	for i, w := range []float64{150, 170, 120, 165, 140} {
		ly := 150.0 + float64(i)*40
		if inRoundRect(x, y, 160, ly, 160+w, ly+14, 7) && !(i == 0 && x > 290) {
			c = over(c, rgba{0.62, 0.66, 0.78, 1})
		}
	}
	// lens ring (the Q)
	cx, cy, r := 318.0, 318.0, 92.0
	d := math.Hypot(x-cx, y-cy)
	if d < r-18 {
		c = over(c, rgba{1, 1, 1, 0.35})
	}
	if d >= r-18 && d <= r+4 {
		c = over(c, rgba{1.0, 0.70, 0.18, 1})
	}
	// Q tail / handle
	hx0, hy0 := cx+r*0.62, cy+r*0.62
	ux, uy := 1/math.Sqrt2, 1/math.Sqrt2
	t := (x-hx0)*ux + (y-hy0)*uy
	perp := math.Abs(-(x-hx0)*uy + (y-hy0)*ux)
	if t >= -10 && t <= 78 && perp <= 15 {
		c = over(c, rgba{1.0, 0.70, 0.18, 1})
	}
	return c
}

func main() {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					c := sample(float64(x)+(float64(sx)+0.5)/ss, float64(y)+(float64(sy)+0.5)/ss)
					r += c.r * c.a
					g += c.g * c.a
					b += c.b * c.a
					a += c.a
				}
			}
			n := float64(ss * ss)
			if a == 0 {
				continue
			}
			img.SetNRGBA(x, y, color.NRGBA{uint8(r / a * 255), uint8(g / a * 255), uint8(b / a * 255), uint8(a / n * 255)})
		}
	}
	if len(os.Args) != 2 {
		log.Fatal("usage: icongen out.png")
	}
	f, err := os.Create(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
