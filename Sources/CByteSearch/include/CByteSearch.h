#ifndef C_BYTE_SEARCH_H
#define C_BYTE_SEARCH_H

#include <stddef.h>

/// The C library's memmem (a GNU extension, so not in Swift's Glibc module):
/// the first `needle` in `haystack`, or NULL.
const void *hark_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

#endif
