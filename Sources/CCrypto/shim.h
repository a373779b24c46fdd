#ifndef TOUCHLINE_CCRYPTO_SHIM_H
#define TOUCHLINE_CCRYPTO_SHIM_H
#include <openssl/evp.h>

/* OpenSSL's libcrypto, for SHA-256 only (libpq and libcurl already map it into the process). Swift calls
   EVP_DigestUpdate, EVP_DigestFinal_ex, EVP_MD_CTX_copy_ex and EVP_MD_CTX_free directly; this is the one
   helper, so that creating and initialising a context is a single call that either succeeds or returns NULL. */

/// A new message-digest context initialised for SHA-256 (FIPS 180-4), or NULL when libcrypto cannot
/// allocate or initialise one (out of memory, or a default provider that does not load). Free it with
/// EVP_MD_CTX_free.
static inline EVP_MD_CTX *touchline_sha256_context(void) {
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    if (context == NULL) return NULL;
    if (EVP_DigestInit_ex(context, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(context);
        return NULL;
    }
    return context;
}

#endif
