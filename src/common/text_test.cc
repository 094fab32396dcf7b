// Tests for the search-key text helpers.
#include "common/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace siak {
namespace {

TEST(FoldForSearchTest, LowerCasesAscii) {
  EXPECT_EQ(FoldForSearch("BANDUNG"), "bandung");
  EXPECT_EQ(FoldForSearch("Kota Bandung"), "kota bandung");
  EXPECT_EQ(FoldForSearch("abc XYZ 123"), "abc xyz 123");
}

TEST(FoldForSearchTest, RemovesLatinDiacritics) {
  EXPECT_EQ(FoldForSearch("Sémé"), "seme");
  EXPECT_EQ(FoldForSearch("CAFÉ"), "cafe");
  EXPECT_EQ(FoldForSearch("Ñusa Ïndah"), "nusa indah");
  EXPECT_EQ(FoldForSearch("Straße"), "strasse");
  EXPECT_EQ(FoldForSearch("Łódź"), "lodz");
  EXPECT_EQ(FoldForSearch("Žižkov"), "zizkov");
  EXPECT_EQ(FoldForSearch("Ţară Şişli"), "tara sisli");
  EXPECT_EQ(FoldForSearch("Ũ Ŵ Ŷ Ź"), "u w y z");
}

// Every Latin-1 / Latin Extended-A letter whose Unicode canonical decomposition (NFD) is an
// ASCII letter plus combining marks must fold to that letter, lower-cased.
TEST(FoldForSearchTest, EveryDecomposableLatinLetterFoldsToItsBase) {
  const std::u32string letters =
      U"ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬ"
      U"ĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž";
  const std::string bases =
      "aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkll"
      "llllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzz";
  ASSERT_EQ(letters.size(), bases.size());
  for (size_t i = 0; i < letters.size(); ++i) {
    const char32_t cp = letters[i];
    std::string utf8;
    if (cp < 0x800) {
      utf8 += static_cast<char>(0xC0 | (cp >> 6));
      utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    }
    EXPECT_EQ(FoldForSearch(utf8), std::string(1, bases[i])) << "U+" << std::hex << static_cast<int>(cp);
  }
}

TEST(FoldForSearchTest, DropsApostrophesOfEveryKind) {
  EXPECT_EQ(FoldForSearch("Pasi Kuala Ba'u"), "pasi kuala bau");
  EXPECT_EQ(FoldForSearch("Regapu\u2019u"), "regapuu");    // right single quotation mark
  EXPECT_EQ(FoldForSearch("Regapu\u2018u"), "regapuu");    // left single quotation mark
  EXPECT_EQ(FoldForSearch("Regapu\u02BCu"), "regapuu");    // modifier letter apostrophe
  EXPECT_EQ(FoldForSearch("Regapu\u00B4u"), "regapuu");    // acute accent
  EXPECT_EQ(FoldForSearch("Regapu`u"), "regapuu");         // grave accent
  EXPECT_EQ(FoldForSearch("'Ba'u'"), "bau");
}

TEST(FoldForSearchTest, PunctuationBecomesOneSpace) {
  EXPECT_EQ(FoldForSearch("Kota-Baru/Selatan"), "kota baru selatan");
  EXPECT_EQ(FoldForSearch("(Kec.) Sukajadi"), "kec sukajadi");
  EXPECT_EQ(FoldForSearch("32.73.01"), "32 73 01");
  EXPECT_EQ(FoldForSearch("a,b;c:d!e?f"), "a b c d e f");
  EXPECT_EQ(FoldForSearch("Kota\u00A0Baru"), "kota baru");   // no-break space
  EXPECT_EQ(FoldForSearch("Kota\u2013Baru"), "kota baru");   // en dash
  EXPECT_EQ(FoldForSearch("Kota \u2014 Baru"), "kota baru"); // em dash
  EXPECT_EQ(FoldForSearch("03\u00B019"), "03 19");           // degree sign
}

TEST(FoldForSearchTest, CollapsesAndTrimsSpaces) {
  EXPECT_EQ(FoldForSearch("  Cimahi   Utara  "), "cimahi utara");
  EXPECT_EQ(FoldForSearch("\tCimahi\r\nUtara\n"), "cimahi utara");
  EXPECT_EQ(FoldForSearch("- - -"), "");
  EXPECT_EQ(FoldForSearch(""), "");
  EXPECT_EQ(FoldForSearch("   "), "");
}

TEST(FoldForSearchTest, KeepsUnknownCodePointsAndReplacesInvalidBytes) {
  EXPECT_EQ(FoldForSearch("日本 Jakarta"), "日本 jakarta");
  EXPECT_EQ(FoldForSearch("ꦗꦮ"), "ꦗꦮ");                      // Javanese script is kept
  EXPECT_EQ(FoldForSearch(std::string("a\xFF" "b")), "a\xEF\xBF\xBD" "b");  // U+FFFD
  EXPECT_EQ(FoldForSearch(std::string("a\xC3")), "a\xEF\xBF\xBD");        // truncated sequence
  EXPECT_EQ(FoldForSearch("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");        // 4-byte code point kept
}

TEST(FoldForSearchTest, IsIdempotent) {
  for (const char* s : {"Pasi Kuala Ba'u", "Sémé  Kota-Baru", "Regapu\u2019u", "KEL. CIBEUNYING (KIDUL)"}) {
    const std::string once = FoldForSearch(s);
    EXPECT_EQ(FoldForSearch(once), once) << s;
  }
}

TEST(SplitWordsTest, SplitsOnSpaces) {
  EXPECT_EQ(SplitWords("kota baru selatan"), (std::vector<std::string_view>{"kota", "baru", "selatan"}));
  EXPECT_EQ(SplitWords("one"), (std::vector<std::string_view>{"one"}));
  EXPECT_TRUE(SplitWords("").empty());
  EXPECT_EQ(SplitWords(" a  b "), (std::vector<std::string_view>{"a", "b"}));
}

TEST(TrimTest, TrimsAsciiWhitespace) {
  EXPECT_EQ(Trim("  a b  "), "a b");
  EXPECT_EQ(Trim("\t\r\nx\n"), "x");
  EXPECT_EQ(Trim("x"), "x");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim(" \t\r\n"), "");
}

TEST(IsAllDigitsTest, Digits) {
  EXPECT_TRUE(IsAllDigits("0"));
  EXPECT_TRUE(IsAllDigits("0123456789"));
  EXPECT_FALSE(IsAllDigits(""));
  EXPECT_FALSE(IsAllDigits("12a"));
  EXPECT_FALSE(IsAllDigits("12 3"));
  EXPECT_FALSE(IsAllDigits("-12"));
  EXPECT_FALSE(IsAllDigits("\xEF\xBC\x91"));  // fullwidth digit one
}

TEST(TruncateUtf8Test, NeverSplitsACharacter) {
  EXPECT_EQ(TruncateUtf8("Dédé", 10), "Dédé");
  EXPECT_EQ(TruncateUtf8("Dédé", 2), "D");     // é is 2 bytes at offsets 1-2
  EXPECT_EQ(TruncateUtf8("Dédé", 3), "Dé");
  EXPECT_EQ(TruncateUtf8("Regapu’u", 8), "Regapu");  // ’ is 3 bytes at offsets 6-8
  EXPECT_EQ(TruncateUtf8("abc", 0), "");
}

}  // namespace
}  // namespace siak
