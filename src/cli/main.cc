#include <exception>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  try {
    return siak::RunCli(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    // Only a bug gets here; users see a line, never a stack trace.
    std::cerr << "siak: internal error: " << e.what() << "\n";
    return 1;
  }
}
