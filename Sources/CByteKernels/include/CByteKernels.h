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

#endif
