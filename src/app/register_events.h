// Event type numbers of the register, as stored in the event log. Fixed forever: a number is
// never reused or renumbered. (1-16 are the e-KTP events, domain/ektp_status.h.)
#pragma once

#include <string_view>

namespace siak {

enum class RegisterEvent : int {
  kPersonRegistered = 101,  // a new person, NIK issued here
  kPersonImported = 102,    // a person brought in with an existing NIK
  kPersonUpdated = 103,     // dynamic fields changed
  kPersonCorrected = 104,   // static fields corrected, with reason and document
  kFamilyCreated = 110,
  kFamilyMemberAdded = 111,
  kFamilyMemberRemoved = 112,
  kFamilyHeadChanged = 113,
  kFamilySplit = 114,
  kFamilyReissued = 115,
  kFamilyDissolved = 116,
  kKkIssued = 117,          // a KK number was issued (counted forever: numbers are never reused)
  kMovedOut = 120,          // pindah: left the origin address (SKPWNI between regencies)
  kMovedIn = 121,           // datang: arrived at the destination address
  kNikDeactivated = 122,    // status dasar TIDAK VALID: adjudicated the same person as a surviving NIK
  // Civil registration (pencatatan sipil): the akta that changed the register.
  kBirthRegistered = 130,    // akta kelahiran
  kDeathRegistered = 131,    // akta kematian
  kMarriageRegistered = 132, // akta perkawinan (or the KUA marriage book for Muslim marriages)
  kDivorceRegistered = 133,  // akta perceraian
  kMarginalNoteRegistered = 134,  // recognition, legitimation, adoption, change of name or citizenship
  kCivilEventCorrected = 135,     // a registered akta corrected by a further event
  kCivilEventCancelled = 136,     // a registered akta cancelled by a further event
  kAktaCopyIssued = 137,          // another kutipan of an akta (kutipan kedua, ...)
};

std::string_view RegisterEventName(RegisterEvent event);
// The name of any stored event type (register or e-KTP), or "unknown".
std::string_view EventTypeName(int type);

}  // namespace siak
