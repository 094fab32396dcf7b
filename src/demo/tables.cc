#include "demo/tables.h"

#include <string>

namespace siak::demo {

std::span<const double> AgeGroupShares() {
  // 0-4, 5-9, 10-14 | 15-19 ... 60-64 | 65-69, 70-74, 75+   (percent)
  static const double shares[kAgeGroups] = {7.60, 7.80, 7.93, 8.40, 8.40, 8.30, 8.15, 7.85,
                                            7.50, 6.95, 6.15, 5.17, 3.85, 2.75, 1.65, 1.55};
  return shares;
}

double MaleShare(int age_group) {
  if (age_group < 12) return 0.509;
  if (age_group < 14) return 0.49;
  return 0.44;
}

std::array<double, 4> MaritalShares(int age, bool female) {
  // belum kawin, kawin, cerai hidup, cerai mati
  if (age < 17) return {1, 0, 0, 0};
  if (female) {
    if (age < 20) return {0.88, 0.115, 0.005, 0};
    if (age < 25) return {0.50, 0.47, 0.025, 0.005};
    if (age < 30) return {0.20, 0.76, 0.03, 0.01};
    if (age < 40) return {0.07, 0.87, 0.04, 0.02};
    if (age < 50) return {0.04, 0.85, 0.05, 0.06};
    if (age < 60) return {0.03, 0.76, 0.05, 0.16};
    if (age < 70) return {0.02, 0.58, 0.04, 0.36};
    return {0.02, 0.35, 0.03, 0.60};
  }
  if (age < 20) return {0.98, 0.02, 0, 0};
  if (age < 25) return {0.78, 0.21, 0.01, 0};
  if (age < 30) return {0.42, 0.56, 0.015, 0.005};
  if (age < 40) return {0.13, 0.84, 0.02, 0.01};
  if (age < 50) return {0.05, 0.91, 0.02, 0.02};
  if (age < 60) return {0.03, 0.91, 0.02, 0.04};
  if (age < 70) return {0.02, 0.86, 0.02, 0.10};
  return {0.02, 0.72, 0.02, 0.24};
}

std::array<double, 7> ReligionShares(std::string_view p) {
  // Islam, Kristen, Katholik, Hindu, Budha, Khonghucu, Kepercayaan
  const std::string code(p);
  if (code == "11") return {98.6, 1.0, 0.1, 0.0, 0.2, 0.0, 0.03};
  if (code == "12") return {63.9, 26.6, 7.3, 0.1, 1.9, 0.05, 0.03};
  if (code == "13") return {97.4, 1.6, 0.8, 0.0, 0.1, 0.0, 0.03};
  if (code == "14") return {87.0, 9.2, 1.2, 0.0, 2.4, 0.2, 0.03};
  if (code == "19") return {89.9, 1.5, 1.3, 0.1, 5.7, 1.5, 0.03};
  if (code == "21") return {78.2, 12.7, 2.6, 0.1, 6.1, 0.3, 0.03};
  if (code == "31") return {83.7, 8.6, 4.0, 0.2, 3.5, 0.04, 0.03};
  if (code == "34") return {92.8, 2.5, 4.5, 0.1, 0.1, 0.0, 0.03};
  if (code == "36") return {94.8, 2.7, 1.1, 0.1, 1.2, 0.05, 0.03};
  if (code == "51") return {10.1, 1.6, 0.9, 86.9, 0.5, 0.0, 0.03};
  if (code == "52") return {96.8, 0.3, 0.2, 2.6, 0.1, 0.0, 0.03};
  if (code == "53") return {9.7, 35.5, 53.6, 0.6, 0.0, 0.0, 0.6};
  if (code == "61") return {60.2, 11.4, 22.0, 0.1, 5.4, 0.9, 0.03};
  if (code == "62") return {74.3, 17.0, 3.1, 5.4, 0.2, 0.0, 0.03};
  if (code == "64") return {88.9, 7.5, 2.8, 0.2, 0.6, 0.0, 0.03};
  if (code == "65") return {71.0, 23.6, 4.6, 0.1, 0.7, 0.0, 0.03};
  if (code == "71") return {31.0, 63.6, 4.4, 0.6, 0.2, 0.0, 0.2};
  if (code == "72") return {78.0, 17.2, 0.9, 3.6, 0.2, 0.0, 0.03};
  if (code == "73") return {90.1, 7.8, 1.1, 0.6, 0.3, 0.0, 0.03};
  if (code == "76") return {83.0, 15.0, 1.6, 0.2, 0.1, 0.0, 0.03};
  if (code == "81") return {52.2, 41.6, 6.0, 0.1, 0.0, 0.0, 0.03};
  if (code == "82") return {74.5, 24.5, 0.9, 0.0, 0.0, 0.0, 0.03};
  if (code == "91" || code == "92") return {38.4, 53.8, 7.6, 0.1, 0.1, 0.0, 0.03};
  if (code == "94") return {16.0, 64.0, 19.8, 0.1, 0.1, 0.0, 0.03};
  if (code == "95") return {22.0, 24.5, 53.3, 0.1, 0.1, 0.0, 0.03};
  if (code == "96") return {9.0, 70.8, 20.0, 0.1, 0.1, 0.0, 0.03};
  if (code == "97") return {4.0, 80.8, 15.0, 0.1, 0.1, 0.0, 0.03};
  // Java (32, 33, 35) and the mainly Muslim provinces of Sumatra, Kalimantan and Sulawesi.
  return {97.2, 1.6, 0.7, 0.2, 0.3, 0.0, 0.03};
}

std::string_view EthnicName(Ethnic e) {
  switch (e) {
    case Ethnic::kJawa: return "jawa";
    case Ethnic::kSunda: return "sunda";
    case Ethnic::kBatak: return "batak";
    case Ethnic::kMinang: return "minang";
    case Ethnic::kBugis: return "bugis";
    case Ethnic::kBali: return "bali";
    case Ethnic::kTionghoa: return "tionghoa";
    case Ethnic::kArab: return "arab";
    case Ethnic::kMelayu: return "melayu";
    case Ethnic::kTimur: return "timur";
    case Ethnic::kAsing: return "asing";
  }
  return "jawa";
}

std::array<double, kEthnicCount> EthnicShares(std::string_view province, Agama agama) {
  // jawa, sunda, batak, minang, bugis, bali, tionghoa, arab, melayu, timur, asing
  const std::string p(province);
  const bool java = p == "31" || p == "32" || p == "33" || p == "34" || p == "35" || p == "36";
  switch (agama) {
    case Agama::kHindu: return {5, 0, 0, 0, 0, 95, 0, 0, 0, 0, 0};
    case Agama::kBudha:
    case Agama::kKhonghucu: return {0, 0, 0, 0, 0, 0, 100, 0, 0, 0, 0};
    case Agama::kKepercayaan:
      if (p == "32") return {10, 90, 0, 0, 0, 0, 0, 0, 0, 0, 0};
      if (java) return {90, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0};
      return {0, 0, 10, 0, 0, 0, 0, 0, 0, 90, 0};
    case Agama::kKristen:
    case Agama::kKatholik:
      if (p == "12") return {0, 0, 80, 0, 0, 0, 15, 0, 0, 5, 0};
      if (java) return {30, 5, 15, 0, 0, 0, 30, 0, 0, 20, 0};
      if (p == "61" || p == "21" || p == "14") return {5, 0, 10, 0, 0, 0, 30, 0, 0, 55, 0};
      return {3, 0, 2, 0, 0, 0, 8, 0, 0, 87, 0};
    case Agama::kIslam: break;
  }
  if (p == "11") return {5, 0, 0, 0, 0, 0, 0, 35, 60, 0, 0};
  if (p == "12") return {35, 0, 30, 5, 0, 0, 0, 5, 25, 0, 0};
  if (p == "13") return {4, 0, 1, 93, 0, 0, 0, 2, 0, 0, 0};
  if (p == "31") return {35, 15, 5, 10, 3, 0, 0, 17, 15, 0, 0};
  if (p == "32") return {12, 78, 1, 2, 0, 0, 0, 6, 1, 0, 0};
  if (p == "36") return {15, 60, 0, 1, 0, 0, 0, 22, 2, 0, 0};
  if (p == "33" || p == "34" || p == "35") return {90, 2, 0, 0, 0, 0, 0, 8, 0, 0, 0};
  if (p == "18") return {60, 10, 0, 5, 0, 0, 0, 5, 20, 0, 0};
  if (p[0] == '1' || p == "21") return {30, 0, 2, 12, 2, 0, 0, 9, 45, 0, 0};
  if (p == "51") return {60, 0, 0, 0, 10, 0, 0, 20, 10, 0, 0};
  if (p == "52" || p == "53") return {5, 0, 0, 0, 15, 0, 0, 45, 35, 0, 0};
  if (p[0] == '6') return {25, 0, 0, 2, 20, 0, 0, 8, 45, 0, 0};
  if (p == "73" || p == "74" || p == "76") return {3, 0, 0, 0, 75, 0, 0, 12, 10, 0, 0};
  if (p[0] == '7') return {5, 0, 0, 0, 30, 0, 0, 40, 25, 0, 0};
  if (p[0] == '8') return {5, 0, 0, 0, 25, 0, 0, 45, 25, 0, 0};
  return {40, 0, 0, 0, 35, 0, 0, 15, 10, 0, 0};  // Papua
}

std::array<double, 10> AdultEducationShares(int birth_year) {
  // tidak/belum sekolah, belum tamat SD, tamat SD, SLTP, SLTA, D I/II, D III, D IV/S1, S2, S3
  if (birth_year < 1955) return {30, 28, 28, 6, 5, 0.5, 0.8, 1.5, 0.15, 0.02};
  if (birth_year < 1970) return {10, 18, 38, 13, 15, 1.0, 1.5, 3.2, 0.3, 0.03};
  if (birth_year < 1985) return {4, 9, 30, 20, 26, 1.2, 2.6, 6.5, 0.6, 0.05};
  return {2, 4, 15, 22, 40, 1.0, 3.0, 12.0, 1.0, 0.05};
}

Pendidikan ChildEducation(int age) {
  if (age < 7) return Pendidikan::kTidakBelumSekolah;
  if (age < 13) return Pendidikan::kBelumTamatSd;
  if (age < 16) return Pendidikan::kTamatSd;
  return Pendidikan::kSltp;
}

double UnrecordedShare(bool remote_village, bool urban_village, int age) {
  double share = remote_village ? 0.10 : (urban_village ? 0.012 : 0.022);
  if (age < 19) share *= 4;  // the newly wajib record last
  return share;
}

std::span<const double> RecordedStatusShares() {
  static const double shares[] = {0.8, 0.25, 0.25, 0.4, 3.8, 0.5, 0.3, 0.2, 93.5};
  return shares;
}

}  // namespace siak::demo
