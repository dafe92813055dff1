#include "synth/synth.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "base/files.h"
#include "test_support.h"
#include "synth_test_support.h"

namespace textra::synth {
namespace {

namespace fs = std::filesystem;
using testing::at;
using testing::labelled_fields;
using testing::make_generator;

std::string file_bytes(const std::string& path) {
  auto bytes = read_file(path);
  EXPECT_TRUE(bytes.is_ok()) << path;
  return bytes.is_ok() ? *bytes : "";
}

// Every file under a, with its bytes, keyed by its path relative to a.
std::map<std::string, std::string> tree(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = file_bytes(e.path().string());
  }
  return files;
}

TEST(Synth, SameSeedGivesSameBytesWhateverTheThreads) {
  SynthOptions options;
  options.seed = 7;
  options.word_noise = 0.1;
  const std::string a = ::textra::testing::temp_dir("synth_same_a"), b = ::textra::testing::temp_dir("synth_same_b");
  ASSERT_TRUE(generate_invoices(options, 0, 4, a, 1).is_ok());
  ASSERT_TRUE(generate_invoices(options, 0, 4, b, 2).is_ok());
  auto files = tree(a);
  EXPECT_EQ(files.size(), 12u);  // gt, words, img per invoice
  EXPECT_TRUE(files == tree(b));
}

TEST(Synth, InvoiceIDoesNotDependOnTheCount) {
  SynthOptions options;
  options.image_format = "none";
  const std::string a = ::textra::testing::temp_dir("synth_count_a"), b = ::textra::testing::temp_dir("synth_count_b");
  ASSERT_TRUE(generate_invoices(options, 0, 3, a, 1).is_ok());
  ASSERT_TRUE(generate_invoices(options, 2, 1, b, 1).is_ok());
  EXPECT_EQ(file_bytes(a + "/gt/synth-000002.json"), file_bytes(b + "/gt/synth-000002.json"));
  EXPECT_EQ(file_bytes(a + "/words/synth-000002.json"), file_bytes(b + "/words/synth-000002.json"));
  EXPECT_FALSE(fs::exists(b + "/img"));
}

TEST(Synth, DifferentSeedsAndIndicesDiffer) {
  SynthOptions one, two;
  one.image_format = two.image_format = "none";
  two.seed = 2;
  auto g1 = make_generator(one), g2 = make_generator(two);
  ASSERT_TRUE(g1 && g2);
  auto a = g1->generate(0), b = g2->generate(0), c = g1->generate(1);
  ASSERT_TRUE(a.is_ok() && b.is_ok() && c.is_ok());
  EXPECT_NE(a->ground_truth["fields"], b->ground_truth["fields"]);
  EXPECT_NE(a->ground_truth["fields"], c->ground_truth["fields"]);
}

TEST(Synth, WordsDoNotDependOnTheImageFormat) {
  SynthOptions png, none;
  none.image_format = "none";
  auto gp = make_generator(png), gn = make_generator(none);
  ASSERT_TRUE(gp && gn);
  for (int i = 0; i < 5; ++i) {
    auto p = gp->generate(i), n = gn->generate(i);
    ASSERT_TRUE(p.is_ok() && n.is_ok());
    EXPECT_FALSE(p->image.empty());
    EXPECT_TRUE(n->image.empty());
    EXPECT_EQ(p->page.page, n->page.page) << i;
    EXPECT_EQ(p->page.labels, n->page.labels) << i;
    EXPECT_EQ(p->image.width(), p->page.page.width);
    EXPECT_EQ(p->image.height(), p->page.page.height);
  }
}

TEST(Synth, TotalsAddUp) {
  SynthOptions options;
  options.image_format = "none";
  auto g = make_generator(options);
  ASSERT_TRUE(g);
  int mixed = 0, long_invoices = 0;
  for (int i = 0; i < 200; ++i) {
    auto inv = g->generate(i);
    ASSERT_TRUE(inv.is_ok()) << inv.status().message();
    const auto& f = inv->ground_truth["fields"];
    double sum = 0;
    std::set<double> rates;
    for (const auto& item : f["line_items"]) {
      EXPECT_NEAR(item["quantity"].get<double>() * item["unit_price"].get<double>(), item["amount"].get<double>(), 0.0051) << i;
      sum += item["amount"].get<double>();
      rates.insert(item["vat_rate"].get<double>());
    }
    ASSERT_GE(f["line_items"].size(), 1u);
    ASSERT_LE(f["line_items"].size(), 30u);
    long_invoices += f["line_items"].size() > 10;
    const double ht = f["total_ht"], tva = f["total_tva"], ttc = f["total_ttc"];
    EXPECT_NEAR(sum, ht, 0.005) << i;
    EXPECT_NEAR(ht + tva, ttc, 0.005) << i;
    if (rates.size() == 1) {
      EXPECT_NEAR(tva, std::round(ht * *rates.begin()) / 100, 0.0051) << i;
    } else {
      ++mixed;
    }
    if (!f["amount_due"].is_null()) {
      EXPECT_LT(f["amount_due"].get<double>(), ttc) << i;
    }
  }
  EXPECT_GT(mixed, 0);
  EXPECT_GT(long_invoices, 0);
}

// The words labelled with a field, in runs of consecutive words, show the field's printed value.
TEST(Synth, LabelsLineUpWithTheRawValues) {
  SynthOptions options;
  options.image_format = "none";
  auto g = make_generator(options);
  ASSERT_TRUE(g);
  for (int i = 0; i < 200; ++i) {
    auto inv = g->generate(i);
    ASSERT_TRUE(inv.is_ok());
    const auto& page = inv->page;
    std::vector<const doc::Word*> words;
    page.page.for_each_word([&](std::size_t, const doc::Line&, const doc::Word& w) { words.push_back(&w); });
    ASSERT_EQ(words.size(), page.labels.size());
    for (const auto& [label, field] : labelled_fields()) {
      const std::string raw = at(inv->ground_truth["raw"], field);
      int runs = 0;
      for (std::size_t k = 0; k < words.size(); ++k) {
        if (page.labels[k] != label || (k > 0 && page.labels[k - 1] == label)) continue;
        std::string run = words[k]->text;
        for (std::size_t m = k + 1; m < words.size() && page.labels[m] == label; ++m) run += " " + words[m]->text;
        ++runs;
        // Totals may print the currency after the number; raw then keeps it, the label does not.
        EXPECT_TRUE(run == raw || raw.rfind(run + " ", 0) == 0) << i << " " << label << ": '" << run << "' vs '" << raw << "'";
      }
      EXPECT_GE(runs, 1) << i << " " << label;
    }
  }
}

TEST(Synth, BoxesStayOnThePage) {
  SynthOptions options;
  options.image_format = "none";
  auto g = make_generator(options);
  ASSERT_TRUE(g);
  for (int i = 0; i < 50; ++i) {
    auto inv = g->generate(i);
    ASSERT_TRUE(inv.is_ok());
    const doc::Page& p = inv->page.page;
    p.for_each_word([&](std::size_t, const doc::Line&, const doc::Word& w) {
      EXPECT_FALSE(w.box.empty()) << i << " " << w.text;
      EXPECT_TRUE(w.box.x0 >= 0 && w.box.y0 >= 0 && w.box.x1 <= p.width && w.box.y1 <= p.height) << i << " " << w.text;
    });
  }
}

// Share of the words' box pixels that are dark: high when the boxes sit on the text.
double ink_in_boxes(const SynthInvoice& inv) {
  Pix* gray = pixConvertRGBToLuminance(inv.image.pix());
  long dark = 0, total = 0;
  inv.page.page.for_each_word([&](std::size_t, const doc::Line&, const doc::Word& w) {
    for (int y = w.box.y0; y < w.box.y1; ++y) {
      for (int x = w.box.x0; x < w.box.x1; ++x) {
        l_uint32 v = 255;
        pixGetPixel(gray, x, y, &v);
        dark += v < 140;
        ++total;
      }
    }
  });
  pixDestroy(&gray);
  return total == 0 ? 0 : static_cast<double>(dark) / total;
}

TEST(Synth, RotationTurnsTheBoxesWithThePixels) {
  SynthOptions straight, rotated;
  straight.effects = *parse_effects("none");
  rotated.effects = *parse_effects("rotate");
  auto gs = make_generator(straight), gr = make_generator(rotated);
  ASSERT_TRUE(gs && gr);
  int checked = 0;
  for (int i = 0; i < 12 && checked < 2; ++i) {
    auto s = gs->generate(i), r = gr->generate(i);
    ASSERT_TRUE(s.is_ok() && r.is_ok());
    if (s->page.page == r->page.page) continue;  // this one was not rotated
    ++checked;
    const double upright = ink_in_boxes(*s), turned = ink_in_boxes(*r);
    // A rotated word's upright box holds some background; boxes turned the wrong way miss the text.
    EXPECT_GT(turned, 0.6 * upright) << i << ": " << turned << " vs " << upright;
  }
  EXPECT_EQ(checked, 2);
}

TEST(Synth, BadArgumentsAreNamed) {
  auto effects = parse_effects("blur,sparkle");
  ASSERT_FALSE(effects.is_ok());
  EXPECT_NE(effects.status().message().find("sparkle"), std::string::npos);
  SynthOptions gif;
  gif.image_format = "gif";
  auto g = InvoiceGenerator::create(gif);
  ASSERT_FALSE(g.is_ok());
  EXPECT_NE(g.status().message().find("gif"), std::string::npos);
  SynthOptions noisy;
  noisy.word_noise = 1.5;
  EXPECT_FALSE(InvoiceGenerator::create(noisy).is_ok());
  SynthOptions labels;
  labels.label_set = "no-such-set";
  EXPECT_FALSE(InvoiceGenerator::create(labels).is_ok());
  EXPECT_FALSE(generate_invoices(SynthOptions{}, 0, -1, ::textra::testing::temp_dir("synth_bad"), 1).is_ok());
}

}  // namespace
}  // namespace textra::synth
