#pragma once
// Reads one plan file defensively, before any YAML parser sees it.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "model/diagnostic.hpp"

namespace actionplan {

inline constexpr std::size_t k_max_file_bytes = 1024 * 1024;

// Returns the file's text (a leading UTF-8 BOM removed), or nullopt after
// reporting why it was refused under `rel_path`: not a regular file (symlink,
// FIFO, device, folder), larger than 1 MiB, UTF-16/32, invalid UTF-8, NUL or
// other control characters (tab, LF, CR excepted), or a CR not followed by LF.
// Never follows a symlink and never blocks on a FIFO.
// `max_bytes` is 1 MiB for plan files; `import` allows larger CSV files.
std::optional<std::string> read_plan_file(const std::filesystem::path& abs_path,
                                          const std::string& rel_path, Diagnostics& diags,
                                          std::size_t max_bytes = k_max_file_bytes);

// The byte checks alone, on text already in memory (used by the reader and
// by commands that read YAML from stdin).
bool check_plan_text(std::string& text, const std::string& rel_path, Diagnostics& diags);

// What a command is about to write, through the reader's own rules (size,
// encoding, control characters), so that no command writes a file that
// validate would refuse. False after reporting why under `rel_path`.
bool check_written_text(std::string_view text, const std::string& rel_path, Diagnostics& diags);

// The 1-based line and byte column of byte `offset` in `text` (lines end at LF).
Position position_of(std::string_view text, std::size_t offset);

}  // namespace actionplan
