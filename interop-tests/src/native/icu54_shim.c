/*
 * ICU 54 compatibility shim for the libLiteCore.so shipped in couchbase-lite-java 3.0.0 (test peer only).
 *
 * That LiteCore build links against ICU 54 by soname (libicuuc.so.54, libicui18n.so.54, libicudata.so.54) and
 * imports exactly eight versioned ICU C functions (checked with `nm -D --undefined-only libLiteCore.so`).
 * This library carries the soname libicuuc.so.54 and defines those eight names as plain forwards to the
 * system ICU (whatever version the headers declare; the headers rename the unsuffixed names to it).
 * The signatures and the enum values passed through (UColAttribute, UColAttributeValue, UErrorCode) are
 * part of ICU's stable C API and have the same values in ICU 54 and later releases.
 */
#include <unicode/ucasemap.h>
#include <unicode/ucol.h>

#define SHIM_EXPORT __attribute__((visibility("default")))

SHIM_EXPORT UCaseMap *ucasemap_open_54(const char *locale, uint32_t options, UErrorCode *status) {
    return ucasemap_open(locale, options, status);
}

SHIM_EXPORT void ucasemap_close_54(UCaseMap *caseMap) {
    ucasemap_close(caseMap);
}

SHIM_EXPORT int32_t ucasemap_utf8ToLower_54(const UCaseMap *caseMap, char *dest, int32_t destCapacity,
                                            const char *src, int32_t srcLength, UErrorCode *status) {
    return ucasemap_utf8ToLower(caseMap, dest, destCapacity, src, srcLength, status);
}

SHIM_EXPORT int32_t ucasemap_utf8ToUpper_54(const UCaseMap *caseMap, char *dest, int32_t destCapacity,
                                            const char *src, int32_t srcLength, UErrorCode *status) {
    return ucasemap_utf8ToUpper(caseMap, dest, destCapacity, src, srcLength, status);
}

SHIM_EXPORT UCollator *ucol_open_54(const char *locale, UErrorCode *status) {
    return ucol_open(locale, status);
}

SHIM_EXPORT void ucol_close_54(UCollator *collator) {
    ucol_close(collator);
}

SHIM_EXPORT void ucol_setAttribute_54(UCollator *collator, UColAttribute attribute, UColAttributeValue value,
                                      UErrorCode *status) {
    ucol_setAttribute(collator, attribute, value, status);
}

SHIM_EXPORT UCollationResult ucol_strcollUTF8_54(const UCollator *collator, const char *source, int32_t sourceLength,
                                                 const char *target, int32_t targetLength, UErrorCode *status) {
    return ucol_strcollUTF8(collator, source, sourceLength, target, targetLength, status);
}
