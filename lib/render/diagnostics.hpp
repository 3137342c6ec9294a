#pragma once
// Renders validation results. Returns strings; never writes to streams.
#include <string>

#include "model/diagnostic.hpp"
#include "model/values.hpp"

namespace actionplan {

enum class DiagnosticFormat { text, json, github };

// text: one GCC-style line each; json: {"as_of", "diagnostics": [...],
// "summary": {...}}; github: GitHub Actions workflow commands, escaped.
std::string render_diagnostics(const Diagnostics& diags, DiagnosticFormat format, int files,
                               const Date& as_of);

// "N errors, M warnings in K files"
std::string summary_line(const Diagnostics& diags, int files);

}  // namespace actionplan
