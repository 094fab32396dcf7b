#include "demo/names.h"

#include <cctype>

namespace siak::demo {
namespace {

const char* const kJawaMale[] = {"BAMBANG", "AGUS", "BUDI", "SLAMET", "JOKO", "EKO", "SUGENG", "HERU", "WAHYU", "ADI",
                                 "HADI", "TEGUH", "YUDI", "SUTRISNO", "SUPARMAN", "SUMARNO", "WAGIMAN", "PAIJO",
                                 "NGADIMIN", "PRIYO", "DARMANTO", "SUYATNO", "RUDI", "ANDI", "DIMAS", "BAYU", "ARIF",
                                 "YOGA", "RIZKY", "FAJAR"};
const char* const kJawaFemale[] = {"SRI", "ENDANG", "RAHAYU", "WAHYUNI", "LESTARI", "SURYANI", "SUMIATI", "SULASTRI",
                                   "NINGSIH", "ASTUTI", "HANDAYANI", "PURWANTI", "WULANDARI", "KARTINI", "SUKARNI",
                                   "PAINEM", "NGATINI", "DWI", "TRI", "PUJI", "INDAH", "DEWI", "AYU", "PUTRI",
                                   "ANISA", "NOVITA"};
const char* const kJawaSecondMale[] = {"SANTOSO", "WIBOWO", "SUSILO", "PURNOMO", "KURNIAWAN", "HARTONO", "PRASETYO",
                                       "NUGROHO", "SETIAWAN", "GUNAWAN", "WIJAYANTO", "SAPUTRO", "HIDAYAT", "UTOMO",
                                       "SUSANTO", "RAHARJO"};
const char* const kJawaSecondFemale[] = {"WULANDARI", "LESTARI", "RAHAYU", "ASTUTI", "PRATIWI", "WAHYUNINGSIH",
                                         "SETYOWATI", "KUSUMAWATI", "ANGGRAENI", "SAPUTRI", "NINGSIH", "HANDAYANI"};
const char* const kSundaMale[] = {"ASEP", "UJANG", "DADANG", "CECEP", "DEDEN", "AGUS", "ADE", "IWAN", "DEDE", "YAYAN",
                                  "ENCEP", "JAJANG", "UCUP", "AEP", "DEDI", "ENDANG", "OMAN", "USEP", "YUSUF",
                                  "RIDWAN", "GILANG", "RIZAL", "FAHMI", "HENDRA"};
const char* const kSundaFemale[] = {"EUIS", "NENENG", "IMAS", "IIS", "ENUNG", "NINING", "YATI", "CUCU", "POPON",
                                    "TUTI", "LILIS", "NURHAYATI", "RINA", "WIWIN", "NENDEN", "AI", "ENENG", "ROSITA",
                                    "KOMALASARI", "YANTI", "SITI", "NURUL", "SALSABILA", "FITRI"};
const char* const kSundaSecondMale[] = {"MULYANA", "SUKMANA", "PERMANA", "HIDAYAT", "SUTISNA", "SAEPUDIN",
                                        "ROHENDI", "KURNIA", "SUGANDA", "SOPIAN", "SETIADI", "NURJAMAN", "RUSTANDI",
                                        "SUPRIATNA"};
const char* const kSundaSecondFemale[] = {"KARTIKA", "NURAENI", "RAHMAWATI", "SARI", "PURNAMASARI", "KOMALA",
                                          "SUMARNI", "MARLINA"};
const char* const kBatakMale[] = {"UCOK", "POLTAK", "BINSAR", "TOGAR", "SAHAT", "PARLINDUNGAN", "MARULI", "HOTMAN",
                                  "JONNY", "ROBERT", "DANIEL", "MARTUA", "BONAR", "TUMPAL", "JANSEN", "RICARDO"};
const char* const kBatakFemale[] = {"BUTET", "ROSMAWATI", "TIURMA", "RUMONDANG", "SONDANG", "LASMA", "RUTH",
                                    "MASNIDAR", "LAMRIA", "DUMA", "NURSIAH", "ROSDIANA", "KRISTINA", "MELATI"};
const char* const kMarga[] = {"SIREGAR", "SIMANJUNTAK", "NASUTION", "HARAHAP", "LUBIS", "SITOMPUL", "PANJAITAN",
                              "HUTAPEA", "SINAGA", "SILALAHI", "PARDEDE", "MANURUNG", "SIHOMBING", "SIMATUPANG",
                              "PASARIBU", "HUTAGALUNG", "SITUMORANG", "TAMPUBOLON", "SEMBIRING", "GINTING",
                              "SITORUS", "NAINGGOLAN", "SIAHAAN", "MARPAUNG"};
const char* const kMargaMuslim[] = {"NASUTION", "LUBIS", "HARAHAP", "SIREGAR", "RANGKUTI", "DAULAY", "BATUBARA",
                                    "HASIBUAN", "PULUNGAN", "MATONDANG"};
const char* const kMinangMale[] = {"RIZAL", "SYAFRI", "ZULKIFLI", "YUSRIZAL", "AFRIZAL", "HENDRI", "IRWAN", "DEFRI",
                                   "ZULFIKAR", "ERWIN", "YONGKI", "ANDRIZAL", "SYAHRIAL", "FIRDAUS", "BUYUNG"};
const char* const kMinangFemale[] = {"YUSNIMAR", "ROSNIDA", "NURHASANAH", "ELFIRA", "YENI", "DESI", "FITRI", "RAHMI",
                                     "NELMI", "ZURAIDA", "YUSNIDAR", "ELVI", "SYAFRIDA", "MURNIATI", "ROSMANIAR"};
const char* const kBugisMale[] = {"BASO", "BEDDU", "HAMZAH", "SYAMSUL", "ARIFUDDIN", "IRWAN", "MUSTAFA", "SUDIRMAN",
                                  "AKBAR", "ILHAM", "RUSDI", "HASANUDDIN", "NURDIN", "SAHABUDDIN", "RAHMAN"};
const char* const kBugisFemale[] = {"SITTI", "HASNAH", "NURHAYATI", "RAHMATIA", "HASNIAH", "SUHARTINI", "MARWAH",
                                    "HADIJAH", "ST. AMINAH", "NURAENI", "JUMRAH", "SUARNI", "HASMAWATI"};
const char* const kBaliMaleFirst[] = {"WAYAN", "PUTU", "GEDE"};
const char* const kBaliFemaleFirst[] = {"WAYAN", "PUTU", "LUH"};
const char* const kBaliSecondFirst[] = {"MADE", "KADEK", "NENGAH"};
const char* const kBaliThird[] = {"NYOMAN", "KOMANG"};
const char* const kBaliMale[] = {"SUARTANA", "SUDARMA", "ARTAWAN", "WIRAWAN", "ADNYANA", "SUKADANA", "SUARDANA",
                                 "MERTAYASA", "SUPARTA", "WIDIANA", "ARIMBAWA", "ASTAWA", "BUDIARTA", "DARMAWAN"};
const char* const kBaliFemale[] = {"SUASTINI", "ARIANI", "WARTINI", "SUKARMI", "AYU", "SRI WAHYUNI", "SUARNI",
                                   "PURNAMI", "WIDIASTUTI", "SUDIARTINI", "MARTINI", "ARYANTI", "DEWI"};
const char* const kTionghoaMale[] = {"HENDRA", "ANDY", "KEVIN", "WILSON", "SUGIANTO", "HANDOKO", "BUDI", "TONNY",
                                     "JOHAN", "FELIX", "HARYANTO", "WILLIAM", "VINCENT", "EDDY", "SUTANTO"};
const char* const kTionghoaFemale[] = {"YENNY", "LILY", "MEI LING", "SUSANTI", "LANNY", "MELINDA", "LINDA",
                                       "VERONIKA", "JESSICA", "MEILANI", "FELICIA", "SHERLY", "WENNY", "LIANA"};
const char* const kTionghoaFamily[] = {"WIJAYA", "TANOTO", "HALIM", "GUNAWAN", "SALIM", "SANTOSO", "KUSUMA",
                                       "SETIADI", "TANUWIJAYA", "HARTONO", "LIM", "TAN", "LIEM", "ONG", "SUSANTO",
                                       "LIMANTO", "WIRANATA", "CHANDRA"};
const char* const kArabMale[] = {"MUHAMMAD", "AHMAD", "ABDUL RAHMAN", "ABDUL AZIZ", "ABDUL KARIM", "ABDUL MALIK",
                                 "ABDUL RASYID", "ABDUL HAKIM", "RAHMAT", "HIDAYAT", "RIDWAN", "FAUZI", "SYARIF",
                                 "HASAN", "HUSEIN", "YUSUF", "IBRAHIM", "ISMAIL", "ZAINAL", "FIKRI", "HAFIZ",
                                 "FARHAN", "NAUFAL", "ALIF"};
const char* const kArabFemale[] = {"SITI", "FATIMAH", "AISYAH", "KHADIJAH", "ZAINAB", "NURUL", "NUR", "HALIMAH",
                                   "MARYAM", "SALMA", "NAJWA", "ZAHRA", "KHAIRUNNISA", "AZZAHRA", "RAHMAH",
                                   "NURHASANAH", "HAFSAH", "LATIFAH"};
const char* const kArabSecondMale[] = {"HIDAYAT", "RAHMAN", "RAMADHAN", "SAPUTRA", "MAULANA", "ZAKARIA",
                                       "SYAHPUTRA", "KURNIAWAN", "FIRDAUS"};
const char* const kArabSecondFemale[] = {"HIDAYAH", "FAUZIAH", "FADILAH", "AMINAH", "AULIA", "NURJANAH", "HASANAH"};
const char* const kHadhrami[] = {"ASSEGAF", "ALATAS", "AL HABSYI", "BASWEDAN", "SHAHAB", "ALAYDRUS", "BAMATRAF",
                                 "BAFADAL"};
const char* const kMelayuMale[] = {"ZULKARNAIN", "SYAHRIL", "AZHAR", "HASBI", "RAHMAT", "ISKANDAR", "FADLI",
                                   "HERMAN", "JUNAIDI", "MAHYUDDIN", "SUKRI", "AMRAN", "TAUFIK", "RAJA",
                                   "FIRMANSYAH", "HERIANSYAH", "DARMANSYAH", "NASRUL"};
const char* const kMelayuFemale[] = {"NURHAYATI", "ROSMIATI", "ZURAIDAH", "HASNAH", "ERNAWATI", "JULIANTI",
                                     "SYARIFAH", "MASITAH", "NURLELA", "RUSMINI", "YULIANA", "SAFITRI", "WATI",
                                     "ROHANI"};
const char* const kTimurMale[] = {"YOHANES", "YOSEF", "PETRUS", "PAULUS", "MARKUS", "STEFANUS", "FRANSISKUS",
                                  "ANTONIUS", "AGUSTINUS", "YAKOBUS", "MIKAEL", "ROBERTUS", "ALEXANDER", "FREDDY",
                                  "JEFRI", "NOVIAN"};
const char* const kTimurFemale[] = {"MARIA", "MAGDALENA", "THERESIA", "YULIANA", "ELISABETH", "VERONIKA", "KRISTINA",
                                    "MARTHA", "AGUSTINA", "YOSEFINA", "REGINA", "MEILANI", "GRACE", "NATALIA"};
const char* const kTimurFamily[] = {"WENAS", "LUMENTUT", "PANGEMANAN", "RUMENGAN", "SONDAKH", "TUMBELAKA",
                                    "TUHUMURY", "SAHETAPY", "PATTIASINA", "FERNANDES", "DA SILVA", "LAKE", "BRIA",
                                    "SERAN", "TEFA", "NAHAK", "WENDA", "KOGOYA", "RUMBIAK", "KAISIEPO",
                                    "MANDACAN", "WANIMBO", "LANGI", "MAMAHIT"};
const char* const kAsingMale[] = {"JOHN", "MICHAEL", "TAKESHI", "HIROSHI", "KIM", "PARK", "RAJESH", "WEI", "AHMED",
                                  "PETER", "JAN"};
const char* const kAsingFemale[] = {"EMMA", "SARAH", "YUKI", "MIN JI", "PRIYA", "XIAO", "ANNA", "MARIE", "FATIMA"};
const char* const kAsingFamily[] = {"SMITH", "MULLER", "YAMADA", "TANAKA", "LEE", "CHOI", "SHARMA", "ZHANG",
                                    "VAN DER BERG", "JOHNSON", "NGUYEN", "AL AMRI"};

bool IsVowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }

// The Ejaan Republik / van Ophuijsen spellings older residents were registered with.
std::string OldSpelling(const std::string& name, Rng& rng) {
  if (!rng.Chance(0.35)) return name;
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == 'U' && i > 0 && !IsVowel(name[i - 1]) && rng.Chance(0.8)) {
      out += "OE";
    } else if (c == 'J' && rng.Chance(0.8)) {
      out += "DJ";
    } else if (c == 'C' && i + 1 < name.size() && name[i + 1] != 'H') {
      out += "TJ";
    } else if (c == 'Y' && (i == 0 || name[i - 1] == ' ' || IsVowel(name[i - 1]))) {
      out += 'J';
    } else {
      out += c;
    }
  }
  return out;
}

// Muhammad as registers write it.
std::string Muhammad(Rng& rng) {
  static const double weights[] = {55, 12, 10, 8, 7, 5, 3};
  static const char* const forms[] = {"MUHAMMAD", "MUHAMAD", "MOHAMMAD", "MOH.", "MOCHAMAD", "M.", "MUH."};
  return forms[rng.Weighted(weights)];
}

std::string Variants(std::string name, Ethnic ethnic, Rng& rng) {
  auto replace_word = [&](const std::string& from, const std::string& to, double p) {
    size_t at = name.find(from);
    if (at != std::string::npos && rng.Chance(p)) name.replace(at, from.size(), to);
  };
  if (name.find("MUHAMMAD") != std::string::npos) replace_word("MUHAMMAD", Muhammad(rng), 1.0);
  replace_word("AHMAD", "ACHMAD", 0.15);
  replace_word("RAHMAT", "RACHMAT", 0.15);
  replace_word("NUR ", "NOOR ", 0.05);
  replace_word("SITI ", "SITTI ", 0.04);
  if (ethnic == Ethnic::kSunda) {
    replace_word("YUSUF", "YUSUP", 0.5);
    replace_word("SYARIF", "SARIP", 0.4);
    replace_word("FAUZI", "PAUJI", 0.2);
    replace_word("SOFYAN", "SOPYAN", 0.4);
  }
  return name;
}

}  // namespace

std::string FamilyNameFor(Ethnic ethnic, Agama agama, Rng& rng) {
  switch (ethnic) {
    case Ethnic::kBatak: return agama == Agama::kIslam ? rng.Pick(kMargaMuslim) : rng.Pick(kMarga);
    case Ethnic::kTionghoa: return rng.Chance(0.6) ? rng.Pick(kTionghoaFamily) : "";
    case Ethnic::kTimur: return rng.Chance(0.8) ? rng.Pick(kTimurFamily) : "";
    case Ethnic::kArab: return rng.Chance(0.04) ? rng.Pick(kHadhrami) : "";
    case Ethnic::kAsing: return rng.Pick(kAsingFamily);
    case Ethnic::kJawa:
    case Ethnic::kSunda:
    case Ethnic::kMinang:
    case Ethnic::kBugis:
    case Ethnic::kBali:
    case Ethnic::kMelayu: return "";
  }
  return "";
}

std::string MakeName(Ethnic ethnic, Agama agama, bool female, int birth_year, int birth_order,
                     const std::string& family_name, Rng& rng) {
  std::string name;
  auto two = [&](const char* first, const char* second) {
    return std::string(first) == second ? std::string(first) : std::string(first) + " " + second;
  };
  switch (ethnic) {
    case Ethnic::kJawa: {
      const char* first = female ? rng.Pick(kJawaFemale) : rng.Pick(kJawaMale);
      // Single names are common among older Javanese.
      const double single = birth_year < 1965 ? 0.55 : (birth_year < 1990 ? 0.25 : 0.08);
      name = rng.Chance(single) ? std::string(first) : two(first, female ? rng.Pick(kJawaSecondFemale) : rng.Pick(kJawaSecondMale));
      if (agama == Agama::kKristen || agama == Agama::kKatholik) {
        name = std::string(female ? rng.Pick(kTimurFemale) : rng.Pick(kTimurMale)) + " " + (female ? rng.Pick(kJawaSecondFemale) : rng.Pick(kJawaSecondMale));
      }
      break;
    }
    case Ethnic::kSunda: {
      const char* first = female ? rng.Pick(kSundaFemale) : rng.Pick(kSundaMale);
      const double single = birth_year < 1965 ? 0.45 : 0.15;
      if (!female && rng.Chance(0.12)) {
        name = Muhammad(rng) + " " + rng.Pick(kSundaSecondMale);
      } else {
        name = rng.Chance(single) ? std::string(first) : two(first, female ? rng.Pick(kSundaSecondFemale) : rng.Pick(kSundaSecondMale));
      }
      break;
    }
    case Ethnic::kBatak: {
      if (agama == Agama::kIslam) {
        name = female ? rng.Pick(kArabFemale) : rng.Pick(kArabMale);
      } else {
        name = female ? rng.Pick(kBatakFemale) : rng.Pick(kBatakMale);
      }
      std::string marga = family_name.empty() ? std::string(agama == Agama::kIslam ? rng.Pick(kMargaMuslim) : rng.Pick(kMarga))
                                              : family_name;
      // A married woman is often registered with her own marga, a child with the father's.
      name += " " + (female && rng.Chance(0.3) ? std::string("BR. ") : std::string()) + marga;
      break;
    }
    case Ethnic::kMinang: {
      const char* first = female ? rng.Pick(kMinangFemale) : rng.Pick(kMinangMale);
      name = rng.Chance(0.5) ? std::string(first) : two(first, female ? rng.Pick(kArabSecondFemale) : rng.Pick(kMelayuMale));
      break;
    }
    case Ethnic::kBugis: {
      const char* first = female ? rng.Pick(kBugisFemale) : rng.Pick(kBugisMale);
      name = first;
      if (rng.Chance(0.15)) name = "ANDI " + name;  // the noble title, kept in the registered name
      if (!female && rng.Chance(0.25)) name = "MUH. " + name;
      if (rng.Chance(0.5)) name += " " + std::string(female ? rng.Pick(kArabSecondFemale) : rng.Pick(kBugisMale));
      break;
    }
    case Ethnic::kBali: {
      const int order = ((birth_order - 1) % 4) + 1;
      std::string first;
      if (order == 1) first = female ? rng.Pick(kBaliFemaleFirst) : rng.Pick(kBaliMaleFirst);
      else if (order == 2) first = rng.Pick(kBaliSecondFirst);
      else if (order == 3) first = rng.Pick(kBaliThird);
      else first = "KETUT";
      std::string prefix = female ? "NI " : "I ";
      if (rng.Chance(0.06)) prefix = female ? "IDA AYU " : "IDA BAGUS ";
      else if (rng.Chance(0.05)) prefix = female ? "ANAK AGUNG AYU " : "ANAK AGUNG ";
      else if (rng.Chance(0.06)) prefix = female ? "I GUSTI AYU " : "I GUSTI ";
      if (prefix.size() > 3) first.clear();  // caste names usually drop the birth-order name
      name = prefix + (first.empty() ? "" : first + " ") + (female ? rng.Pick(kBaliFemale) : rng.Pick(kBaliMale));
      break;
    }
    case Ethnic::kTionghoa: {
      name = female ? rng.Pick(kTionghoaFemale) : rng.Pick(kTionghoaMale);
      if (!family_name.empty()) name += " " + family_name;
      else name += " " + std::string(rng.Pick(kTionghoaFamily));
      break;
    }
    case Ethnic::kArab: {
      const char* first = female ? rng.Pick(kArabFemale) : rng.Pick(kArabMale);
      name = rng.Chance(0.2) ? std::string(first) : two(first, female ? rng.Pick(kArabSecondFemale) : rng.Pick(kArabSecondMale));
      if (!family_name.empty()) name += " " + family_name;
      break;
    }
    case Ethnic::kMelayu: {
      const char* first = female ? rng.Pick(kMelayuFemale) : rng.Pick(kMelayuMale);
      name = rng.Chance(0.4) ? std::string(first)
                             : two(first, female ? rng.Pick(kArabSecondFemale) : rng.Pick(kMelayuMale));
      if (!female && rng.Chance(0.2)) name = Muhammad(rng) + " " + first;
      break;
    }
    case Ethnic::kTimur: {
      name = female ? rng.Pick(kTimurFemale) : rng.Pick(kTimurMale);
      if (!family_name.empty()) name += " " + family_name;
      else name += " " + std::string(female ? rng.Pick(kTimurFemale) : rng.Pick(kTimurMale));
      break;
    }
    case Ethnic::kAsing: {
      name = std::string(female ? rng.Pick(kAsingFemale) : rng.Pick(kAsingMale)) + " " +
             (family_name.empty() ? std::string(rng.Pick(kAsingFamily)) : family_name);
      return name;
    }
  }
  name = Variants(std::move(name), ethnic, rng);
  if (birth_year < 1972 && (ethnic == Ethnic::kJawa || ethnic == Ethnic::kSunda)) name = OldSpelling(name, rng);
  return name;
}

std::string PlaceName(std::string_view regency_name) {
  std::string out;
  for (char c : regency_name) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const char* prefix : {"KABUPATEN ", "KAB. ", "KOTA ", "KOTA ADM. ", "KOTA ADMINISTRASI "}) {
    const std::string p(prefix);
    if (out.starts_with(p)) return out.substr(p.size());
  }
  return out;
}

}  // namespace siak::demo
