// siak akta ... and siak civil ...: civil registration from the command line (docs/civil.md).
#pragma once

#include "cli/cli_args.h"

namespace siak::cli {

// akta verify <reference> (--public-key HEX | --key-file F)   offline, with the public key
// akta show <event-id>                                          the akta's content
// akta render <event-id> --out F [--format pdf|png]             the akta as a file
int CmdAkta(const Args& args);
// civil stats [--region R] [--level 2|4|6|10] [--from D] [--to D]   vital statistics
// civil seed-demo --region R [--births N] [--deaths N] [--marriages N]  the demo's recent history
int CmdCivil(const Args& args);

}  // namespace siak::cli
