// siak card ..., siak report coverage, siak ektp ...: e-KTP from the command line.
#pragma once

#include "card/signing_key.h"
#include "cli/cli_args.h"

namespace siak::cli {

// The card key's public half for an offline check: --public-key HEX, or the key file's
// (--key-file F, $SIAK_CARD_KEY_FILE, var/card-signing.key).
Result<card::PublicKey> VerifyingKey(const Args& args);

// card verify <file> (--public-key HEX | --key-file F) | card public-key [--key-file F]
int CmdCard(const Args& args);
// report coverage [--region P]
int CmdReport(const Args& args);
// ektp sweep | ektp seed-demo --region R
int CmdEktp(const Args& args);

}  // namespace siak::cli
