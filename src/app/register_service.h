// The population register's use cases: persons, families (KK) and moves (pindah-datang).
//
// Every method checks the caller's region scope (a person or family outside it is reported as
// kNotFound, so its existence does not leak), runs in one store transaction (joining the
// caller's when one is open: the API wraps each request with its audit entry), and appends
// its events to the event log. Roles are checked before these methods are reached (api/).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth_service.h"
#include "app/clock.h"
#include "app/register_events.h"
#include "domain/family.h"
#include "domain/known_districts.h"
#include "domain/person.h"
#include "store/store.h"

namespace siak {

struct FamilyDraft {
  RegionCode wilayah;
  std::string alamat;
  int rt = 0;
  int rw = 0;
  std::vector<FamilyMember> members;  // exactly one Kepala keluarga
};

struct MoveRequest {
  std::vector<Nik> movers;               // all on one KK at the origin
  RegionCode destination;                // village
  std::string alamat;
  int rt = 0;
  int rw = 0;
  std::optional<KkNumber> join_kk;       // join this KK at the destination (movers keep their SHDK)
  std::optional<Nik> staying_head;       // the head moves, others stay: their new head
  std::string reason;
};

struct MoveResult {
  std::string skpwni;                    // SKPWNI number, for moves between regencies; else ""
  KkNumber destination_kk;               // the movers' KK at the destination
  std::optional<KkNumber> origin_kk;     // the KK of those who stayed (new number if the head left)
  std::vector<Nik> reprint;              // e-KTP marked for reprint (new address)
};

struct SplitResult {
  Family remaining;
  Family split_off;
};

struct SearchQuery {
  std::string text;                      // NIK, KK number or a name (spelling-tolerant)
  std::optional<Date> birth_date;
  std::string region_prefix;             // digits; narrowed to the caller's scope
  std::string cursor;                    // from the previous page
  int limit = 20;
};

struct SearchPage {
  std::vector<StoredPerson> persons;
  std::string next_cursor;               // "" on the last page
};

class RegisterService {
 public:
  RegisterService(Store& store, const Clock& clock, const KnownDistricts& districts);

  // The NIK the next person born on `birth` of `sex`, first registered in `district`, gets.
  // Call it inside the transaction that registers the person: it locks the serial prefix
  // until that transaction ends, so concurrent registrations never draw the same serial.
  Result<Nik> NextNik(const RegionCode& district, const Date& birth, JenisKelamin sex);

  // `person.nik` was issued with NextNik (imported = false) or is an existing NIK brought from
  // elsewhere (imported = true: its district must exist; a date/sex mismatch is allowed and
  // returned as warnings). Status dasar starts HIDUP; e-KTP status from eligibility.
  Result<StoredPerson> RegisterPerson(const Principal& who, Person person, bool imported,
                                      std::vector<NikWarning>* warnings = nullptr);
  Result<StoredPerson> GetPerson(const Principal& who, const Nik& nik);
  // Dynamic fields only; a change to a static field (birth date/place, blood type, sex) is
  // refused with the rule that a correction is needed. kConflict when the version is stale.
  Result<StoredPerson> UpdatePerson(const Principal& who, const Person& updated, int64_t expected_version);
  // Static fields only, with a reason and the supporting document's reference.
  Result<StoredPerson> CorrectPerson(const Principal& who, const Person& corrected, int64_t expected_version,
                                     const std::string& reason, const std::string& document);
  Result<std::vector<EventRecord>> History(const Principal& who, const Nik& nik);

  Result<Family> CreateFamily(const Principal& who, const FamilyDraft& draft);
  Result<Family> GetFamily(const Principal& who, const KkNumber& kk);
  Result<Family> AddMember(const Principal& who, const KkNumber& kk, const Nik& nik, Shdk shdk);
  Result<Family> RemoveMember(const Principal& who, const KkNumber& kk, const Nik& nik);
  // A new head means a new KK number; the old head takes `old_head_shdk`.
  Result<Family> ChangeHead(const Principal& who, const KkNumber& kk, const Nik& new_head, Shdk old_head_shdk);
  // Members in `leaving` (with their SHDK in the new KK, exactly one head) form a new KK at the
  // same address; if the old head leaves, those who stay get a new KK number too.
  Result<SplitResult> Split(const Principal& who, const KkNumber& kk, const std::vector<FamilyMember>& leaving,
                            std::optional<Nik> staying_head);
  // The same KK number printed anew (after a change), with today's date.
  Result<Family> Reissue(const Principal& who, const KkNumber& kk);

  Result<MoveResult> Move(const Principal& who, const MoveRequest& request);

  // Status dasar changes only through their procedures (a registered death, a cancelled akta):
  // the caller names the event type and its payload. Returns the person as saved.
  Result<StoredPerson> SetStatusDasar(const Principal& who, const Nik& nik, StatusDasar status, RegisterEvent type,
                                      const std::string& payload);
  // The same members with new relationships (to a new head): `members` must be exactly the KK's
  // members, with one head; the KK is reissued and the event lists them.
  Result<Family> SetRelationships(const Principal& who, const KkNumber& kk, const std::vector<FamilyMember>& members,
                                  const std::string& reason);
  // The KK ends (its last member died or left): the number is retired, the members' KK cleared.
  Status DissolveFamily(const Principal& who, const KkNumber& kk, const std::string& reason);
  // A card holder whose printed data changed (address, marital status, name) gets a reprint:
  // e-KTP CARD_ISSUED -> reprint requested. Returns whether the person was marked (false when
  // they hold no issued card).
  Result<bool> MarkForReprint(const Principal& who, const Nik& nik, const std::string& reason);

  Result<SearchPage> Search(const Principal& who, const SearchQuery& query);

 private:
  Result<StoredPerson> LoadInScope(const Principal& who, const Nik& nik);
  Result<Family> LoadFamilyInScope(const Principal& who, const KkNumber& kk);
  Result<KkNumber> IssueKk(const Principal& who, const RegionCode& village);
  // Writes the family and sets every member's kk_number (and, with `address`, their address).
  Status SaveFamily(const Family& family, bool move_members_address);
  Status SetKk(const Nik& nik, const std::optional<KkNumber>& kk);
  Status Event(RegisterEvent type, std::string_view subject, std::string_view province, const Principal& who,
               std::string payload);

  Store& store_;
  const Clock& clock_;
  const KnownDistricts& districts_;
};

}  // namespace siak
