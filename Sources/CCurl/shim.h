#ifndef TOUCHLINE_CCURL_SHIM_H
#define TOUCHLINE_CCURL_SHIM_H
#include <curl/curl.h>
#include <openssl/ssl.h>

/* curl_easy_setopt and curl_easy_getinfo are C-variadic, which Swift cannot call: one typed wrapper per
   argument type. Option constants (CURLOPT_*, CURLINFO_*) import as enum cases. */

/// Sets a `long` option (CURLOPT_TIMEOUT_MS, CURLOPT_NOSIGNAL, ...).
static inline CURLcode touchline_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets a `curl_off_t` option (CURLOPT_POSTFIELDSIZE_LARGE, ...).
static inline CURLcode touchline_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets a string option; libcurl copies the string (CURLOPT_URL, CURLOPT_CAINFO, ...).
static inline CURLcode touchline_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets a pointer option (CURLOPT_WRITEDATA, CURLOPT_HTTPHEADER, CURLOPT_ERRORBUFFER, ...).
static inline CURLcode touchline_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// The signature of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION callbacks.
typedef size_t (*touchline_curl_write_callback)(char *data, size_t size, size_t count, void *userdata);

/// Sets a write or header callback (CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION).
static inline CURLcode touchline_curl_setopt_write_callback(CURL *handle, CURLoption option,
                                                            touchline_curl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

/// Reads a `long` info (CURLINFO_RESPONSE_CODE, CURLINFO_NUM_CONNECTS, CURLINFO_SSL_VERIFYRESULT, ...).
static inline CURLcode touchline_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Reads a `curl_off_t` info (CURLINFO_TOTAL_TIME_T and the other phases, in microseconds).
static inline CURLcode touchline_curl_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Reads a string info (CURLINFO_REDIRECT_URL, ...); the string belongs to the handle.
static inline CURLcode touchline_curl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Reads CURLINFO_CERTINFO: one slist of `Name:value` lines per certificate of the chain, leaf first.
static inline CURLcode touchline_curl_getinfo_certinfo(CURL *handle, struct curl_certinfo **value) {
    return curl_easy_getinfo(handle, CURLINFO_CERTINFO, value);
}

/// The TLS version of the handle's connection (`TLSv1.3`, ...), from the OpenSSL session behind
/// CURLINFO_TLS_SSL_PTR; NULL for plain http or another TLS backend. Valid only during a transfer (call it
/// from a callback); the string is OpenSSL's static text.
static inline const char *touchline_curl_tls_version(CURL *handle) {
    struct curl_tlssessioninfo *info = NULL;
    if (curl_easy_getinfo(handle, CURLINFO_TLS_SSL_PTR, &info) != CURLE_OK || info == NULL) return NULL;
    if (info->backend != CURLSSLBACKEND_OPENSSL || info->internals == NULL) return NULL;
    return SSL_get_version((const SSL *)info->internals);
}

/// CURL_HTTP_VERSION_2TLS, a enum value kept as a long.
static inline long touchline_curl_http_version_2tls(void) { return CURL_HTTP_VERSION_2TLS; }

/// CURL_GLOBAL_DEFAULT, a macro.
static inline long touchline_curl_global_default(void) { return CURL_GLOBAL_DEFAULT; }

/// CURL_ERROR_SIZE, a macro: the size of CURLOPT_ERRORBUFFER.
static inline int touchline_curl_error_size(void) { return CURL_ERROR_SIZE; }

#endif
