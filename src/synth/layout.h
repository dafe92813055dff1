// Draws an invoice's content on a page with a layout drawn at random: the supplier's "logo" (large,
// bold, often coloured) left, right or centred, the invoice's number and date as label/value lines, a
// title line or a small table, the customer block, the items table (with or without rules, header
// shading, wrapped descriptions), the totals in one of three arrangements, and a footer of legal ids.
// Every word drawn carries the ground-truth field it shows.
#pragma once

#include "synth/canvas.h"
#include "synth/content.h"
#include "synth/fonts.h"
#include "synth/rng.h"

namespace textra::synth {

struct PageSize {
  int width, height, dpi;
};

// A4 at 150 or 200 dpi.
PageSize draw_page_size(Rng& rng);

// Draws `content` on `canvas`. `scale` shrinks the fonts when the content did not fit (see synth.cpp).
// Returns false when the content runs past the page's bottom margin.
bool draw_layout(const InvoiceContent& content, Rng& rng, Canvas& canvas, int dpi, double scale);

}  // namespace textra::synth
