#include "app/register_events.h"

#include "domain/ektp_status.h"

namespace siak {

std::string_view RegisterEventName(RegisterEvent event) {
  switch (event) {
    case RegisterEvent::kPersonRegistered: return "person.registered";
    case RegisterEvent::kPersonImported: return "person.imported";
    case RegisterEvent::kPersonUpdated: return "person.updated";
    case RegisterEvent::kPersonCorrected: return "person.corrected";
    case RegisterEvent::kFamilyCreated: return "family.created";
    case RegisterEvent::kFamilyMemberAdded: return "family.member_added";
    case RegisterEvent::kFamilyMemberRemoved: return "family.member_removed";
    case RegisterEvent::kFamilyHeadChanged: return "family.head_changed";
    case RegisterEvent::kFamilySplit: return "family.split";
    case RegisterEvent::kFamilyReissued: return "family.reissued";
    case RegisterEvent::kFamilyDissolved: return "family.dissolved";
    case RegisterEvent::kKkIssued: return "kk.issued";
    case RegisterEvent::kMovedOut: return "person.moved_out";
    case RegisterEvent::kMovedIn: return "person.moved_in";
    case RegisterEvent::kNikDeactivated: return "person.nik_deactivated";
    case RegisterEvent::kBirthRegistered: return "civil.birth_registered";
    case RegisterEvent::kDeathRegistered: return "civil.death_registered";
    case RegisterEvent::kMarriageRegistered: return "civil.marriage_registered";
    case RegisterEvent::kDivorceRegistered: return "civil.divorce_registered";
    case RegisterEvent::kMarginalNoteRegistered: return "civil.marginal_note_registered";
    case RegisterEvent::kCivilEventCorrected: return "civil.event_corrected";
    case RegisterEvent::kCivilEventCancelled: return "civil.event_cancelled";
    case RegisterEvent::kAktaCopyIssued: return "civil.akta_copy_issued";
  }
  return "unknown";
}

std::string_view EventTypeName(int type) {
  if (type >= 1 && type <= 16) return EktpEventName(static_cast<EktpEvent>(type));
  switch (type) {
    case 101: case 102: case 103: case 104: case 110: case 111: case 112: case 113: case 114: case 115: case 116: case 117:
    case 120: case 121: case 122: case 130: case 131: case 132: case 133: case 134: case 135: case 136: case 137:
      return RegisterEventName(static_cast<RegisterEvent>(type));
    default:
      return "unknown";
  }
}

}  // namespace siak
