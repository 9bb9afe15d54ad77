#ifndef ZSCHEMA_CPCRE2_SHIM_H
#define ZSCHEMA_CPCRE2_SHIM_H
/* Swift cannot import PCRE2's generic macro names; fix the code unit width so the _8 functions exist. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
