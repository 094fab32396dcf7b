// The figures the synthetic population is drawn from, each with its source. They calibrate a
// demo and the benchmarks; they are rounded public figures, not official statistics.
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "domain/code_tables.h"

namespace siak::demo {

// Age structure of SP2020 (BPS, Sensus Penduduk 2020) in 5-year groups, 0-4 ... 70-74, 75+,
// as shares of the population. Anchored on the published totals: 0-14 = 23.33%,
// 15-64 = 70.72%, 65+ = 5.95%; the split inside each band follows the SP2020 pyramid, rounded.
inline constexpr int kAgeGroups = 16;
std::span<const double> AgeGroupShares();
// Share of men in an age group: SP2020 sex ratio 102 overall (136.66 M men, 133.54 M women),
// lower among the old.
double MaleShare(int age_group);

// Marital status by age and sex: probabilities of belum kawin, kawin, cerai hidup, cerai mati.
// Approximations of SUSENAS marital status by age (women marry younger, widows outnumber
// widowers).
std::array<double, 4> MaritalShares(int age, bool female);

// Religion shares by province (agama codes 1..7), approximate Dukcapil 2021 figures, rounded.
std::array<double, 7> ReligionShares(std::string_view province_digits);

// Ethnic name traditions the generator draws names from.
enum class Ethnic : uint8_t {
  kJawa, kSunda, kBatak, kMinang, kBugis, kBali, kTionghoa, kArab, kMelayu, kTimur, kAsing,
};
inline constexpr int kEthnicCount = 11;
std::string_view EthnicName(Ethnic e);
// Which tradition a person of this province and religion is drawn from (an inference from the
// provinces' ethnic make-up; it only decides what names look like).
std::array<double, kEthnicCount> EthnicShares(std::string_view province_digits, Agama agama);

// Highest education (pendidikan dalam KK) of an adult born in `birth_year`: older cohorts had
// less schooling (shape of BPS educational attainment 2020, rounded).
std::array<double, 10> AdultEducationShares(int birth_year);
// Schooling of a child of `age` (what the KK records while at school).
Pendidikan ChildEducation(int age);

// e-KTP recording: share of wajib KTP not yet recorded (DOMAIN.md: 97.21% recorded in 2018),
// by how remote the village is; and, for the recorded, the share in each later status.
double UnrecordedShare(bool remote_village, bool urban_village, int age);
// Statuses of recorded residents: SENT FOR ENROLLMENT, DUPLICATE, ADJUDICATE, ENROLL FAILURE,
// PRINT READY, SENT FOR PRINTING, PRINTED, SHIPPED, ISSUED (ektp_status codes 2..10).
std::span<const double> RecordedStatusShares();

}  // namespace siak::demo
