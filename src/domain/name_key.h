// Name search keys: a person's name reduced to canonical tokens, so that the spelling variants
// Indonesian registers hold (old Dutch-era spelling, Arabic names written many ways, doubled
// letters, abbreviations) give the same key and a search for a misspelt name finds the person.
//
// The register computes the key of every stored name and of every query with these same
// functions, so a mapping only has to be consistent, never reversible; keys are not for display.
// Each word of the name becomes one token, in five steps:
//
//  1. Words. FoldForSearch (common/text.h): lower case, Latin diacritics removed (Dédé = Dede),
//     apostrophes dropped (Ba'u = Bau), every other punctuation mark, "." included, ends a word
//     ("Moh.Ali" is two words), runs of spaces collapsed.
//
//  2. Abbreviations, looked up on the folded word as written:
//       moh muh mhd mohd muhd moch much -> "muhamad"
//       m  -> "muhamad" only as the first word with more words after it ("M. Ali"); elsewhere
//             a lone letter is an initial of anything ("Ali M." keeps "m").
//       md -> "muhamad", except after the Balinese personal markers "i" / "ni", where it is the
//             usual abbreviation of Made ("I Md Sudarma" = "I Made Sudarma").
//       abd -> "abdul"
//     (Titles such as H., Hj., Dr. are not stripped: SIAK keeps them out of the name field.)
//
//  3. Spelling, letter by letter within the word (the "phonetic form"), in this order:
//     a. Old spelling (Van Ophuijsen 1901 / Soewandi 1947) to EYD: oe -> u (Soekarno),
//        dj -> j (Djoko), tj -> c (Tjahjono), ch -> kh (Chairul), and dz -> z (Dzulkifli).
//        In the old spelling a bare "j" was the sound now written "y" (nj = ny, sj = sy,
//        Tjahjono = Cahyono, Joesoef = Yusuf). Mapping every j to y would merge modern names
//        (Joko/Yoko, Janti/Yanti, Sujono/Suyono), so a bare j becomes y only inside a word that
//        proves itself old: one containing oe, dj, tj or sj, or starting with nj; and always
//        after h ("hj" never occurs in modern spelling: Wahju = Wahyu). An unmarked word keeps
//        its j, so modern n+j stays (Tanjung, Panji, Sanjaya = old Sandjaja).
//     b. Consonants: q -> k (Taufiq), v -> f -> p (Vivi = Fifi = Pipi, Fitri = Pitri; p, not f,
//        so that ph -> p falls out of the next rule). An h after b c d g p t s is dropped
//        (Dhani, Thamrin, Bhakti, Ghani, Stephanus, Shinta, Ramadhan; Fathur = Fatur), and a y
//        after s too (Syahrul = Sahrul = Sjahrir's sj). An h after r l m n w y is kept: that is a
//        syllable break (Nurhayati, Solihin), needed for the compact key. "kh" before a vowel
//        stays (Khairul, the EYD letter for Arabic kha); before a consonant it is just h
//        (Achmad = Akhmad = Ahmad, Rachmat = Rahmat, Fachri = Fahri, Bachtiar = Bahtiar).
//     c. Doubled letters collapse (Muhammad, Sitti, Fattah, Syafi'i, Nuur).
//     d. Glides and vowels: y after a consonant is i (Haryanto = Harianto, Setyawan, Dyah =
//        Diah, Rudy = Rudi, Tony = Toni) except the digraph ny before a vowel (Nyoman); y after i
//        is dropped (Hariyanto = Harianto, Zakiyah = Zakiah); w after a consonant is u (Dwi) and
//        w between u and a vowel is dropped (Juwita = Juita, Duwi = Dwi); "ae" is "ai" (Zaenal =
//        Zainal, Jaelani = Jailani, Saepul = Saiful).
//     e. Word ends: a final h after a vowel is dropped (Fatimah = Fatima, Aisyah = Aisya); a final
//        d is t (Ahmad = Ahmat, Rahmad = Rahmat, Javanese devoicing) unless it is the whole word
//        (an initial D is not T). Doubled letters collapse again. Only ASCII letters are
//        touched; digits and other scripts pass through.
//
//  4. Well-known names whose variants the letter rules do not reach, looked up on the phonetic
//     form: Muhammad, Mohammad, Mohammed, Muhammed, Mochammad, Muchammad (and their single-m
//     forms) -> "muhamad"; Ahmad, Ahmat, Ahmed (Achmad, Akhmad via 3b) -> "ahmad"; Noor, Nor
//     -> "nur" (Nuur via 3c); Yusuf, Jusuf (Soewandi spelling, no old marker), Joesoef ->
//     "yusuf"; the Arabic-assimilated Abdur, Abdus, Abdun, Abdut, Abduz as a word -> "abdul",
//     and a word of 8 letters or more starting "abdu" but not "abdul" gets its l back
//     (Abdurrahman -> "abdulrahman", the compact key of "Abdul Rahman"; Abduh is too short).
//     Siti/Sitti/Sity and Sri/Sry need no entry: 3c and 3d already make them one.
//
//  5. Spacing. NameCompactKey is the tokens run together and passed through step 3 again, so it
//     is the same for "Nurhayati" and "Nur Hayati", "Sriyani" and "Sri Yani", "Abdullatif" and
//     "Abdul Latif". Equal tokens always give equal compact keys. The register indexes both keys
//     and matches a query on either.
//
// Deliberately left unmatched (each would merge too many different names, or needs more than a
// spelling rule): kh/h before a vowel (Khairul/Hairul), modern ch/c (Chandra/Candra), z/s
// (Rizki/Riski), vowel changes (Slamet/Selamet, Rezki/Rizki, Budi/Badu), final b/p
// (Ayub/Ayup), a modern j for y in a word without an old-spelling marker (Sujono stays apart
// from Suyono; only the name Jusuf is listed), and glottal k written as an apostrophe
// (Nja' = Nyak). Pure, deterministic, no allocation per letter: each word is rewritten in place.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace siak {

// The words of a person's name reduced to canonical search tokens, in order; none for an empty
// or all-punctuation name.
std::vector<std::string> NameSearchTokens(std::string_view name);

// The tokens joined by single spaces (what the register stores in an indexed column).
std::string NameSearchKey(std::string_view name);

// The tokens run together without spaces and normalised again (step 5 above): the same for a
// name written as one word or split ("Nurhayati" / "Nur Hayati"). Indexed beside NameSearchKey.
std::string NameCompactKey(std::string_view name);

// Typo tolerance (a symmetric-deletion index): the token itself and every string made by
// deleting one character (a whole UTF-8 code point) from it. Two tokens within one insertion,
// deletion, substitution or swap of neighbours of each other share a variant, so looking up a
// query token's variants finds every stored token that close, however large the register.
// Tokens shorter than kMinTypoTokenLength get no deletions (too many short names are close).
inline constexpr size_t kMinTypoTokenLength = 4;
std::vector<std::string> NameTokenVariants(std::string_view token);

}  // namespace siak
