// siak outreach ...: jemput bola from the command line (docs/outreach.md).
#pragma once

#include "cli/cli_args.h"

namespace siak::cli {

// outreach missing [--region R] [--limit N]        unrecorded wajib KTP by village (counts)
// outreach priority [--region R] [--limit N]       villages ranked, with their reasons
// outreach projection [--region R]                 the projected date each child region reaches its target
// outreach snapshot                                today's coverage per village into the history
// outreach target --region R --rate X --date D     sets a recording target
// outreach flags list|islands|import FILE          priority flags of regions
// outreach outbox send --file F [--limit N]        delivers queued messages to a file (one JSON line each)
// outreach plan-pdf <plan-id> --out F [--team T]   a plan, or one team's list, as PDF
// outreach seed-demo --region R [--weeks N]        demo flags (labelled DEMO), two teams, a target and a
//                                                  SYNTHETIC coverage history
int CmdOutreach(const Args& args);

}  // namespace siak::cli
