#include "domain/eligibility.h"

namespace siak {

Date SeventeenthBirthday(const Date& born) {
  auto same_day = Date::FromYmd(born.year() + 17, born.month(), born.day());
  if (same_day.ok()) return *same_day;
  return *Date::FromYmd(born.year() + 17, 3, 1);  // born 29 Feb, 17th year not leap
}

Eligibility WajibKtp(const EligibilityFacts& f, const Date& on) {
  if (f.status_dasar != StatusDasar::kHidup) {
    return {false, "status dasar is " + std::string(LabelOf(f.status_dasar)) + ", not Hidup"};
  }
  if (f.kewarganegaraan == Kewarganegaraan::kWna && !f.kitap) {
    return {false, "a WNA is wajib KTP only with a KITAP"};
  }
  if (f.tanggal_lahir > on) return {false, "not yet born on that date"};
  if (f.status_perkawinan != StatusPerkawinan::kBelumKawin) {
    return {true, "is or has been married (" + std::string(LabelOf(f.status_perkawinan)) + ")"};
  }
  const int age = f.tanggal_lahir.YearsUntil(on);
  if (age >= 17) return {true, "aged " + std::to_string(age) + " (17 or older)"};
  return {false, "aged " + std::to_string(age) + ", never married: KIA until " +
                     SeventeenthBirthday(f.tanggal_lahir).ToString()};
}

}  // namespace siak
