// docs/reference.md, rendered from the declarations (so the docs cannot drift from what is enforced).
// Regenerate with `rtc-mock --print-reference > docs/reference.md`; a unit test compares the two.
#pragma once

#include <string>
#include <vector>

#include "core/actions/spec.h"

namespace rtc::spec {

std::string render_reference_markdown(const std::vector<ActionSpec>& specs);

// One field's rule as the reference shows it, e.g. "[50,1920], odd -> even", "0 (off) or [2,30]".
std::string describe_rule(const Field& f);

}  // namespace rtc::spec
