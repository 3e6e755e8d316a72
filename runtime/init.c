/* init — what the library's dependencies set up on first use, set up once
 * for the whole process, before a table is loaded or a walk saved: OpenSSL's SHA-256 (its first digest loads the default provider
 * and fills its tables of names, unlocked in places) and jansson's seed
 * for its hash tables (chosen on the first object made). Without this,
 * four threads loading their first tables at once are clean under ASan but
 * helgrind reports some sixty possible races inside libcrypto and jansson
 * (tests/runtime/first_loads.c, run under helgrind by make test).
 *
 * Once, under a mutex rather than pthread_once: the effect is the same,
 * but helgrind does not see pthread_once's fast path (an atomic load) as
 * ordering what the first caller did before what the others do after,
 * and reports each of those as a race; it does understand a mutex. The
 * lock costs some 20 ns a load. */
#include "internal.h"

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bool done;

static void init(void)
{
    OPENSSL_init_crypto(0, NULL);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len;
    EVP_Digest("", 0, digest, &len, EVP_sha256(), NULL);
    json_object_seed(0);
}

void pwrt_init(void)
{
    pthread_mutex_lock(&lock);
    if (!done) {
        init();
        done = true;
    }
    pthread_mutex_unlock(&lock);
}
