#ifndef C_BYTE_KERNELS_H
#define C_BYTE_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// The C library's memmem (a GNU extension, so not in Swift's Glibc module):
/// the first `needle` in `haystack`, or NULL.
const void *hark_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

/// Copies `from[0..<length]` to `to` as far as the first line feed,
/// lowercasing A-Z when `fold`, and returns the line feed's index, or
/// `length` when there is none. Clears `*plain` when a byte copied (before
/// the line feed) is not printable ASCII (0x20-0x7E). Sixteen bytes at a
/// time: it may write up to fifteen bytes past what it copies.
size_t hark_copy_line(const uint8_t *from, size_t length, uint8_t *to, int fold, int *plain);

/// Copies `from[0..<length]` to `to` and says whether it is text a load
/// keeps byte for byte: printable ASCII (0x20-0x7E), not empty, with no
/// space at either end and no two in a row (1), or not (0; what was copied
/// is then of no use). Sixteen bytes at a time; writes nothing past `length`.
int hark_copy_clean_ascii(const uint8_t *from, size_t length, uint8_t *to);

/// Words as `wc -w` counts them in text whose only spaces are single 0x20
/// bytes: the non-space bytes at the start or after a space.
size_t hark_count_words(const uint8_t *text, size_t length);

/// The most text lines a cue read by `hark_scan_plain_srt_cue` or
/// `hark_scan_plain_webvtt_cue` has.
#define HARK_PLAIN_CUE_MAX_LINES 6

/// Where the lines of a plain SRT or WebVTT cue are, as offsets from its start.
typedef struct {
    int has_index;
    size_t timing;
    size_t timing_length;
    int text_lines;
    size_t text_start[HARK_PLAIN_CUE_MAX_LINES];
    size_t text_length[HARK_PLAIN_CUE_MAX_LINES];
    /// The bytes up to and with the end of the empty line after the text.
    size_t used;
    /// The text lines' length, joined by single spaces.
    size_t joined_length;
    /// The text is printable ASCII (0x20-0x7E) with no two spaces in a row,
    /// under 64 KB, no line after the first opens with '-' or '>' and the
    /// first holds no ':': its lines joined by spaces are the cue's one
    /// segment, whatever the caption rules, and clean as they are.
    int is_simple;
} hark_plain_cue;

/// Reads the SRT cue at `from[0]` (a line start) if it has the plain shape,
/// which needs none of the line-by-line rules: an optional index of up to
/// 20 digits alone on its line; a line starting with a digit, most often
/// `timing_length` bytes long, with no CR, '<' or '{' (the caller reads it
/// as a timing line); one to HARK_PLAIN_CUE_MAX_LINES text lines; then an
/// empty line; every line ended by LF or CRLF. A text line is not empty, neither starts nor ends
/// with a space or tab, does not start with a digit, and holds no '<', '{'
/// or CR. Fills `cue` and returns 1, or returns 0. Reads nothing past `length`.
int hark_scan_plain_srt_cue(const uint8_t *from, size_t length, size_t timing_length, hark_plain_cue *cue);

/// As `hark_scan_plain_srt_cue`, for a WebVTT cue (the id a line of
/// digits): its markup bytes are '<' and '&' (a character reference), a
/// text line holds no `-->` (that line would start a cue), and the timing
/// line's settings may hold any byte but a lone CR.
int hark_scan_plain_webvtt_cue(const uint8_t *from, size_t length, size_t timing_length, hark_plain_cue *cue);

/// Writes the text lines of `cue` (read from `from`) to `to`, joined by
/// single spaces; returns how many bytes that is (`cue->joined_length`).
size_t hark_join_plain_cue(const uint8_t *from, const hark_plain_cue *cue, uint8_t *to);

#endif
