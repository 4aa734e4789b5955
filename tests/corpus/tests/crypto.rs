//! The header corpus, part of it: crypto libraries, OpenSSL's compatibility headers among them.
//! Each header is imported whole in ABI mode and in API mode, and its library called for
//! real.

use cffi_core::ffi;
use cffi_corpus::both_modes;

/// These headers in ABI mode.
mod abi {
    use cffi_core::cdef;
    cdef! {
        #[cffi(abi, lib = "crypto", import = "<openssl/evp.h> <openssl/sha.h>")]
        pub unsafe mod openssl {}
    }
    cdef! {
        #[cffi(abi, lib = "gcrypt", import = "<gcrypt.h>")]
        pub unsafe mod gcrypt {}
    }
    cdef! {
        #[cffi(abi, lib = "gnutls", import = "<gnutls/gnutls.h> <gnutls/crypto.h>")]
        pub unsafe mod gnutls {}
    }
    cdef! {
        #[cffi(abi, lib = "nettle", import = "<nettle/sha2.h>")]
        pub unsafe mod nettle {}
    }
    cdef! {
        #[cffi(abi, lib = "argon2", import = "<argon2.h>")]
        pub unsafe mod argon2 {}
    }
}

/// These headers in API mode.
mod api {
    use cffi_core::cdef;
    cdef! {
        #[cffi(api, import = "<openssl/evp.h> <openssl/sha.h>", link = "crypto")]
        pub unsafe mod openssl {}
    }
    cdef! {
        #[cffi(api, import = "<gcrypt.h>", link = "gcrypt")]
        pub unsafe mod gcrypt {}
    }
    cdef! {
        #[cffi(api, import = "<gnutls/gnutls.h> <gnutls/crypto.h>", link = "gnutls")]
        pub unsafe mod gnutls {}
    }
    cdef! {
        #[cffi(api, import = "<nettle/sha2.h>", link = "nettle")]
        pub unsafe mod nettle {}
    }
    cdef! {
        #[cffi(api, import = "<argon2.h>", link = "argon2")]
        pub unsafe mod argon2 {}
    }
}
/// SHA-256 of `abc`, its first four bytes.
const ABC: [u8; 4] = [0xba, 0x78, 0x16, 0xbf];

both_modes!(openssl_sha256_two_ways, openssl, |lib| {
    assert_eq!(lib.OpenSSL_version_num() >> 28, 3);
    let mut out = [0u8; 32];
    lib.SHA256(b"abc".as_ptr(), 3, out.as_mut_ptr());
    assert_eq!(out[..4], ABC);
    let ctx = lib.EVP_MD_CTX_new();
    let mut len = 0;
    assert_eq!(
        lib.EVP_DigestInit_ex(ctx, lib.EVP_sha256(), std::ptr::null_mut()),
        1
    );
    assert_eq!(lib.EVP_DigestUpdate(ctx, b"abc".as_ptr().cast(), 3), 1);
    assert_eq!(lib.EVP_DigestFinal_ex(ctx, out.as_mut_ptr(), &mut len), 1);
    assert_eq!((len, out[..4] == ABC), (32, true));
    lib.EVP_MD_CTX_free(ctx);
});

both_modes!(gcrypt_sha256, gcrypt, |lib| {
    assert!(!lib.gcry_check_version(ffi::null()).is_null());
    let mut out = [0u8; 32];
    lib.gcry_md_hash_buffer(
        m::GCRY_MD_SHA256.0 as _,
        out.as_mut_ptr().cast(),
        b"abc".as_ptr().cast(),
        3,
    );
    assert_eq!(out[..4], ABC);
});

both_modes!(gnutls_sha256, gnutls, |lib| {
    assert!(!lib.gnutls_check_version(ffi::null()).is_null());
    let mut out = [0u8; 32];
    let status = lib.gnutls_hash_fast(
        m::GNUTLS_DIG_SHA256,
        b"abc".as_ptr().cast(),
        3,
        out.as_mut_ptr().cast(),
    );
    assert_eq!(status, 0);
    assert_eq!(out[..4], ABC);
});

both_modes!(nettle_sha256, nettle, |lib| {
    // `sha256_init` and the others are macros of the `nettle_` functions: both are bound.
    let mut ctx = m::sha256_ctx::default();
    lib.sha256_init(&mut ctx);
    lib.sha256_update(&mut ctx, 3, b"abc".as_ptr());
    let mut out = [0u8; 32];
    lib.nettle_sha256_digest(&mut ctx, 32, out.as_mut_ptr());
    assert_eq!(out[..4], ABC);
});

both_modes!(argon2_hashes, argon2, |lib| {
    assert_eq!(
        ffi::string(lib.argon2_error_message(m::ARGON2_OK.0 as _)).to_str(),
        Ok("OK")
    );
    let mut out = [0u8; 16];
    let (pwd, salt) = (b"password", b"somesalt");
    let status = lib.argon2id_hash_raw(
        1,
        8,
        1,
        pwd.as_ptr().cast(),
        pwd.len(),
        salt.as_ptr().cast(),
        salt.len(),
        out.as_mut_ptr().cast(),
        out.len(),
    );
    assert_eq!(status, 0);
    assert_ne!(out, [0; 16]);
});
