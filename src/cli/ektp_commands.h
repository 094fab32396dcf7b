// siak card ..., siak report coverage, siak ektp ...: e-KTP from the command line.
#pragma once

#include "cli/cli_args.h"

namespace siak::cli {

// card verify <file> (--public-key HEX | --key-file F) | card public-key [--key-file F]
int CmdCard(const Args& args);
// report coverage [--region P]
int CmdReport(const Args& args);
// ektp sweep | ektp seed-demo --region R
int CmdEktp(const Args& args);

}  // namespace siak::cli
