#ifndef ZSCHEMA_CMALLOCINFO_SHIM_H
#define ZSCHEMA_CMALLOCINFO_SHIM_H
// glibc's allocator statistics (mallinfo2), which the Glibc module does not import.
#include <malloc.h>
#endif
