#include "domain/person.h"

#include <cctype>

#include "common/text.h"

namespace siak {

Status ValidateName(const std::string& field, const std::string& value, bool required) {
  std::string_view trimmed = Trim(value);
  if (trimmed.empty()) {
    return required ? Status::Invalid(field, value, "is required") : Status::Ok();
  }
  if (trimmed.size() != value.size()) return Status::Invalid(field, value, "must not start or end with spaces");
  if (value.size() > 120) return Status::Invalid(field, TruncateUtf8(value, 40) + "...", "must be at most 120 bytes");
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7F) return Status::Invalid(field, value, "must not contain control characters");
    if (c >= '0' && c <= '9') return Status::Invalid(field, value, "must not contain digits");
    if (c < 0x80 && !(std::isalpha(c) || c == ' ' || c == '.' || c == ',' || c == '\'' || c == '-')) {
      return Status::Invalid(field, value, "may contain only letters, spaces and . , ' -");
    }
  }
  return Status::Ok();
}

std::string_view PencatatanPerkawinanLabel(PencatatanPerkawinan value) {
  switch (value) {
    case PencatatanPerkawinan::kTidakBerlaku: return "";
    case PencatatanPerkawinan::kTercatat: return "Tercatat";
    case PencatatanPerkawinan::kBelumTercatat: return "Belum tercatat";
  }
  return "";
}

std::string StatusPerkawinanLabel(StatusPerkawinan status, PencatatanPerkawinan pencatatan) {
  std::string label(LabelOf(status));
  if (pencatatan != PencatatanPerkawinan::kTidakBerlaku) {
    std::string suffix(PencatatanPerkawinanLabel(pencatatan));
    suffix[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(suffix[0])));
    label += " " + suffix;
  }
  return label;
}

std::string_view BirthDatePrecisionName(BirthDatePrecision p) {
  switch (p) {
    case BirthDatePrecision::kExact: return "exact";
    case BirthDatePrecision::kDayUnknown: return "day_unknown";
    case BirthDatePrecision::kDayMonthUnknown: return "day_month_unknown";
    case BirthDatePrecision::kDayMonthUnknownSimduk: return "day_month_unknown_simduk";
  }
  return "exact";
}

Result<BirthDatePrecision> ParseBirthDatePrecision(std::string_view text, std::string_view field) {
  for (auto p : {BirthDatePrecision::kExact, BirthDatePrecision::kDayUnknown, BirthDatePrecision::kDayMonthUnknown,
                 BirthDatePrecision::kDayMonthUnknownSimduk}) {
    if (text == BirthDatePrecisionName(p)) return p;
  }
  return Status::Invalid(std::string(field), text,
                         "must be exact, day_unknown, day_month_unknown or day_month_unknown_simduk");
}

Result<Date> ConventionalBirthDate(int year, std::optional<int> month) {
  if (month.has_value()) return Date::FromYmd(year, *month, 15, "tanggal_lahir");
  return Date::FromYmd(year, 7, 1, "tanggal_lahir");
}

bool MatchesConvention(const Date& date, BirthDatePrecision precision) {
  switch (precision) {
    case BirthDatePrecision::kExact: return true;
    case BirthDatePrecision::kDayUnknown: return date.day() == 15;
    case BirthDatePrecision::kDayMonthUnknown: return date.day() == 1 && date.month() == 7;
    case BirthDatePrecision::kDayMonthUnknownSimduk: return date.day() == 31 && date.month() == 12;
  }
  return false;
}

Status ValidateAlamat(const std::string& alamat) {
  if (alamat.size() > 200) return Status::Invalid("alamat", TruncateUtf8(alamat, 40) + "...", "must be at most 200 bytes");
  return Status::Ok();
}

Status ValidatePerson(const Person& p, const Date& today) {
  SIAK_RETURN_IF_ERROR(ValidateName("nama", p.nama, true));
  SIAK_RETURN_IF_ERROR(ValidateName("tempat_lahir", p.tempat_lahir, true));
  SIAK_RETURN_IF_ERROR(ValidateName("nama_ayah", p.nama_ayah, false));
  SIAK_RETURN_IF_ERROR(ValidateName("nama_ibu", p.nama_ibu, false));
  if (p.tanggal_lahir > today) {
    return Status::Invalid("tanggal_lahir", p.tanggal_lahir.ToString(), "must not be in the future");
  }
  if (p.tanggal_lahir.YearsUntil(today) > 150) {
    return Status::Invalid("tanggal_lahir", p.tanggal_lahir.ToString(), "must be at most 150 years ago");
  }
  if (!MatchesConvention(p.tanggal_lahir, p.tanggal_lahir_presisi)) {
    const char* rule = "an unknown birth day and month are recorded as 1 July";
    if (p.tanggal_lahir_presisi == BirthDatePrecision::kDayUnknown) rule = "an unknown birth day is recorded as the 15th";
    if (p.tanggal_lahir_presisi == BirthDatePrecision::kDayMonthUnknownSimduk) {
      rule = "SIMDUK recorded an unknown birth day and month as 31 December";
    }
    return Status::Invalid("tanggal_lahir", p.tanggal_lahir.ToString(), rule);
  }
  if (p.wilayah.level() != RegionLevel::kVillage) {
    return Status::Invalid("wilayah", p.wilayah.ToString(), "the address must be a desa/kelurahan (PP.RR.DD.VVVV)");
  }
  SIAK_RETURN_IF_ERROR(ValidateAlamat(p.alamat));
  if (p.rt < 1 || p.rt > 999) return Status::Invalid("rt", std::to_string(p.rt), "must be 001-999");
  if (p.rw < 1 || p.rw > 999) return Status::Invalid("rw", std::to_string(p.rw), "must be 001-999");
  const bool may_be_recorded = p.status_perkawinan == StatusPerkawinan::kKawin ||
                               p.status_perkawinan == StatusPerkawinan::kCeraiHidup;
  if (may_be_recorded && p.perkawinan_tercatat == PencatatanPerkawinan::kTidakBerlaku) {
    return Status::Invalid("perkawinan_tercatat", "tidak berlaku",
                           "kawin and cerai hidup must say tercatat or belum tercatat");
  }
  if (!may_be_recorded && p.perkawinan_tercatat != PencatatanPerkawinan::kTidakBerlaku) {
    return Status::Invalid("perkawinan_tercatat", std::to_string(static_cast<int>(p.perkawinan_tercatat)),
                           "applies only to kawin and cerai hidup");
  }
  if (p.kitap && p.kewarganegaraan != Kewarganegaraan::kWna) {
    return Status::Invalid("kitap", "true", "a KITAP is held only by a WNA");
  }
  return Status::Ok();
}

}  // namespace siak
