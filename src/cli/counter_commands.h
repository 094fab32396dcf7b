// siak counter ...: service counters (loket) from the command line (docs/counters.md), acting as
// the administrator "siak-cli" with national scope.
#pragma once

#include "cli/cli_args.h"

namespace siak::cli {

// counter desks --site ID                                     desks, their services and current ticket
// counter open-desk --site ID --name N --services S[,S...]     a new desk
// counter issue --site ID --service S [--nik NIK]             a ticket (audited when a NIK is given)
// counter call --desk ID                                      the desk's next ticket
// counter ticket <id> recall|start|finish|no-show             move a ticket on
// counter stats --site ID [--from D] [--to D]                 per desk and service
// counter display --site ID                                   what the public display shows
int CmdCounter(const Args& args);

}  // namespace siak::cli
