#include "api/problem.h"

#include <atomic>
#include <cstdio>
#include <iostream>

#include "common/crypto.h"
#include "common/json_text.h"

namespace siak::api {
namespace {

struct Titles {
  const char* en;
  const char* id;
};

Titles TitlesFor(int status) {
  switch (status) {
    case 400: return {"Malformed request", "Permintaan tidak dapat dibaca"};
    case 401: return {"Authentication required", "Harus masuk (login) terlebih dahulu"};
    case 403: return {"Not allowed for your role", "Tidak diizinkan untuk peran Anda"};
    case 404: return {"Not found", "Tidak ditemukan"};
    case 405: return {"Method not allowed", "Metode tidak diizinkan"};
    case 409: return {"Conflict with the current state", "Bertentangan dengan data yang ada"};
    case 412: return {"The record changed since you read it", "Data telah berubah sejak Anda membacanya"};
    case 413: return {"Request body too large", "Isi permintaan terlalu besar"};
    case 422: return {"A field breaks a rule", "Ada isian yang melanggar aturan"};
    case 428: return {"If-Match header required", "Header If-Match wajib diisi"};
    case 429: return {"Too many attempts", "Terlalu banyak percobaan"};
    case 503: return {"Service unavailable", "Layanan sedang tidak tersedia"};
    default: return {"Internal error", "Terjadi kesalahan internal"};
  }
}

std::string IndonesianDetail(int status, std::string_view field) {
  const std::string f = field.empty() ? "" : "Isian '" + std::string(field) + "': ";
  switch (status) {
    case 400: return f + "format permintaan tidak sesuai.";
    case 401: return "Silakan masuk kembali; token tidak dikenal atau sudah kedaluwarsa.";
    case 403: return "Peran Anda tidak mengizinkan tindakan ini.";
    case 404: return f + "data tidak ditemukan dalam wilayah kewenangan Anda.";
    case 409: return f + "bertentangan dengan data yang sudah ada.";
    case 412: return "Muat ulang data lalu ulangi perubahan Anda.";
    case 413: return "Perkecil isi permintaan.";
    case 422: return f + "nilai tidak memenuhi aturan (lihat keterangan).";
    case 428: return "Kirim header If-Match berisi ETag dari data yang Anda baca.";
    case 429: return f + "tunggu sebentar sebelum mencoba lagi.";
    case 503: return "Coba lagi beberapa saat lagi.";
    default: return "Hubungi administrator dengan nomor referensi kesalahan.";
  }
}

}  // namespace

HttpResponse Problem(int status, std::string_view code, std::string_view field, std::string_view detail_en) {
  const Titles t = TitlesFor(status);
  HttpResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  std::string body = "{\"type\":" + JsonQuote("urn:opensiak:problem:" + std::string(code)) +
                     ",\"title\":" + JsonQuote(t.en) + ",\"judul\":" + JsonQuote(t.id) +
                     ",\"status\":" + std::to_string(status) + ",\"code\":" + JsonQuote(code);
  if (!field.empty()) body += ",\"field\":" + JsonQuote(field);
  body += ",\"detail\":" + JsonQuote(detail_en) + ",\"keterangan\":" + JsonQuote(IndonesianDetail(status, field)) + "}";
  r.body = std::move(body);
  return r;
}

HttpResponse BadRequest(std::string_view field, std::string_view detail_en) {
  return Problem(400, "malformed_request", field, detail_en);
}

HttpResponse ProblemFromStatus(const Status& s) {
  std::string detail = s.ToString();
  switch (s.code()) {
    case StatusCode::kOk: return Problem(500, "internal", "", "an OK status is not an error");
    case StatusCode::kInvalidArgument: return Problem(422, "validation_failed", s.field(), detail);
    case StatusCode::kNotFound: return Problem(404, "not_found", s.field(), detail);
    case StatusCode::kAlreadyExists: return Problem(409, "already_exists", s.field(), detail);
    case StatusCode::kConflict:
      if (s.field() == "If-Match") return Problem(412, "precondition_failed", s.field(), detail);
      return Problem(409, "conflict", s.field(), detail);
    case StatusCode::kFailedPrecondition: return Problem(409, "invalid_state", s.field(), detail);
    case StatusCode::kResourceExhausted:
      if (s.field() == "username") return Problem(429, "login_locked", s.field(), detail);
      return Problem(409, "exhausted", s.field(), detail);
    case StatusCode::kUnavailable: return Problem(503, "unavailable", "", "the store is unavailable; try again");
    case StatusCode::kInternal: {
      // The detail may hold engine text: log it, answer with a reference only.
      const std::string ref = RandomTokenHex(6);
      std::fprintf(stderr, "{\"level\":\"error\",\"ref\":\"%s\",\"error\":%s}\n", ref.c_str(), JsonQuote(detail).c_str());
      return Problem(500, "internal", "", "internal error, reference " + ref);
    }
  }
  return Problem(500, "internal", "", "unknown error");
}

}  // namespace siak::api
