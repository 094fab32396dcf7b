// siak abis ...: the biometric engine from the command line.
#pragma once

#include "cli/cli_args.h"

namespace siak::cli {

// stats | rebuild | search | verify | bench | synth
int CmdAbis(const Args& args);

}  // namespace siak::cli
