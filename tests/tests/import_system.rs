//! The system's libraries imported whole as their headers are, in both modes, and called for
//! real: zlib, SQLite, bzip2, the C library's time and threading headers. POSIX systems
//! only; the headers of the crate's own C are imported in `import.rs`, on every platform.
#![cfg(unix)]

use std::ffi::{c_char, c_int, c_uint, c_ulong};

use cffi_core::cdef;
use cffi_core::ffi::{self, Closure};

cdef! {
    // `safe` vouches for the functions it names: the others stay `unsafe fn`.
    #[cffi(abi, lib = "z", import = "<zlib.h>", safe = "compressBound|crc32_combine")]
    pub unsafe mod zlib_abi {}
}

cdef! {
    #[cffi(api, import = "<zlib.h>", link = "z", safe = "compressBound|crc32_combine")]
    pub unsafe mod zlib_api {}
}

cdef! {
    #[cffi(abi, lib = "sqlite3", import = "<sqlite3.h>", allow = "sqlite3_.*|SQLITE_.*")]
    pub unsafe mod sqlite_abi {}
}

cdef! {
    #[cffi(api, import = "<sqlite3.h>", link = "sqlite3", allow = "sqlite3_.*|SQLITE_.*")]
    pub mod sqlite_api {}
}

cdef! {
    #[cffi(abi, lib = "bz2", import = "<bzlib.h>")]
    pub unsafe mod bz_abi {}
}

cdef! {
    #[cffi(api, import = "<bzlib.h>", link = "bz2")]
    pub mod bz_api {}
}

fn data() -> Vec<u8> {
    (0..300_000u32)
        .map(|i| (i % 251) as u8 ^ (i >> 10) as u8)
        .collect()
}

macro_rules! zlib_round_trip {
    ($name:ident, $m:ident) => {
        #[test]
        fn $name() {
            let z = $m::Lib::load().unwrap();
            let input = data();
            let mut packed = vec![0u8; z.compressBound(input.len() as c_ulong) as usize];
            let mut packed_len = packed.len() as c_ulong;
            // SAFETY: the buffers and lengths agree.
            let rc = unsafe {
                z.compress2(
                    packed.as_mut_ptr(),
                    &mut packed_len,
                    input.as_ptr(),
                    input.len() as c_ulong,
                    $m::Z_BEST_COMPRESSION as c_int,
                )
            };
            assert_eq!(rc, $m::Z_OK as c_int);
            let mut output = vec![0u8; input.len()];
            let mut output_len = output.len() as c_ulong;
            // SAFETY: as above.
            let rc = unsafe {
                z.uncompress(
                    output.as_mut_ptr(),
                    &mut output_len,
                    packed.as_ptr(),
                    packed_len,
                )
            };
            assert_eq!(rc, $m::Z_OK as c_int);
            assert!(output == input);
        }
    };
}

zlib_round_trip!(zlib_imported_in_abi_mode, zlib_abi);
zlib_round_trip!(zlib_imported_in_api_mode, zlib_api);

macro_rules! sqlite_query {
    ($name:ident, $m:ident) => {
        #[test]
        fn $name() {
            let lib = $m::Lib::load().unwrap();
            let mut db: *mut $m::sqlite3 = std::ptr::null_mut();
            // SAFETY: a NUL-terminated name and a place for the handle.
            assert_eq!(
                unsafe { lib.sqlite3_open(c":memory:".as_ptr(), &mut db) },
                $m::SQLITE_OK as c_int
            );
            let db = ffi::gc(db, |db| {
                // SAFETY: opened above.
                unsafe { lib.sqlite3_close(db) };
            });
            let mut rows = Vec::new();
            let mut on_row = |n: c_int, values: *mut *mut c_char, _: *mut *mut c_char| -> c_int {
                // SAFETY: sqlite passes `n` strings.
                let row: Vec<String> = (0..n as usize)
                    .map(|i| {
                        unsafe { ffi::string(*values.add(i)) }
                            .to_string_lossy()
                            .into_owned()
                    })
                    .collect();
                rows.push(row.join(","));
                0
            };
            let closure = Closure::data_first(&mut on_row);
            let sql =
                c"CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3); SELECT x * 10 FROM t;";
            // SAFETY: the database is open; the callback lives through the call.
            let rc = unsafe {
                lib.sqlite3_exec(*db, sql, Some(closure.fn_ptr()), &closure, ffi::null())
            };
            drop(closure);
            assert_eq!(rc, $m::SQLITE_OK as c_int);
            assert_eq!(rows, ["10", "20", "30"]);
        }
    };
}

sqlite_query!(sqlite_imported_in_abi_mode, sqlite_abi);
sqlite_query!(sqlite_imported_in_api_mode, sqlite_api);

macro_rules! bzip2_round_trip {
    ($name:ident, $m:ident) => {
        #[test]
        fn $name() {
            let bz = $m::Lib::load().unwrap();
            let mut input = data();
            let mut packed = vec![0u8; input.len() + input.len() / 100 + 600];
            let mut packed_len = packed.len() as c_uint;
            // SAFETY: the buffers and lengths agree.
            let rc = unsafe {
                bz.BZ2_bzBuffToBuffCompress(
                    packed.as_mut_ptr().cast(),
                    &mut packed_len,
                    input.as_mut_ptr().cast(),
                    input.len() as c_uint,
                    9,
                    0,
                    30,
                )
            };
            assert_eq!(rc, $m::BZ_OK as c_int);
            let mut output = vec![0u8; input.len()];
            let mut output_len = output.len() as c_uint;
            // SAFETY: as above.
            let rc = unsafe {
                bz.BZ2_bzBuffToBuffDecompress(
                    output.as_mut_ptr().cast(),
                    &mut output_len,
                    packed.as_mut_ptr().cast(),
                    packed_len,
                    0,
                    0,
                )
            };
            assert_eq!(rc, $m::BZ_OK as c_int);
            assert!(output == input);
        }
    };
}

bzip2_round_trip!(bzip2_imported_in_abi_mode, bz_abi);
bzip2_round_trip!(bzip2_imported_in_api_mode, bz_api);

#[test]
fn a_declared_function_the_library_lacks_panics_naming_it() {
    // sqlite3.h declares sqlite3_mutex_held, which release builds of the library leave out:
    // loading still works, and only a call to it fails.
    let lib = sqlite_abi::Lib::load().unwrap();
    let err = std::panic::catch_unwind(|| unsafe { lib.sqlite3_mutex_held(std::ptr::null_mut()) });
    let message = *err.unwrap_err().downcast::<String>().unwrap();
    assert!(message.contains("no `sqlite3_mutex_held`"), "{message}");
}

/// `size_t` is `usize` in an imported module, as in hand-written ones: one C type, one Rust
/// type (the header spells it `typedef unsigned long size_t;`).
#[test]
fn size_t_is_usize_in_imports() {
    let n: zlib_abi::z_size_t = usize::MAX;
    assert_eq!(n, usize::MAX);
    fn takes_usize(_: usize) {}
    takes_usize(n);
}

cdef! {
    /// zlib, and what the program needs beside it from the C library: an import may add
    /// declarations of its own, which use the header's types.
    #[cffi(abi, lib = "z", import = "<zlib.h>", allow = "crc32|uLong|Bytef|uInt")]
    pub unsafe mod zlib_plus_abi {
        size_t strlen(const char *s);
        uLong crc_of_text(uLong crc, const Bytef *buf, uInt len) __asm__("crc32");
    }
}

cdef! {
    // In API mode the C compiler checks the module's own declarations too, so the header
    // that declares them is named (and `allow` keeps the rest of it out).
    #[cffi(api, import = "<zlib.h> <string.h>", link = "z", allow = "crc32|uLong|Bytef|uInt")]
    pub unsafe mod zlib_plus_api {
        size_t strlen(const char *s);
    }
}

#[test]
fn an_import_adds_declarations_of_its_own() {
    let abi = zlib_plus_abi::Lib::load().unwrap();
    let api = zlib_plus_api::Lib::load().unwrap();
    let text = b"123456789";
    // SAFETY: valid pointers and lengths.
    unsafe {
        assert_eq!(abi.strlen(c"hello"), 5);
        assert_eq!(api.strlen(c"hello"), 5);
        let via_alias = abi.crc_of_text(0, text.as_ptr(), 9);
        assert_eq!(via_alias, 0xCBF4_3926);
        assert_eq!(abi.crc32(0, text.as_ptr(), 9), via_alias);
        assert_eq!(api.crc32(0, text.as_ptr(), 9), via_alias);
    }
}

cdef! {
    #[cffi(abi, lib = "c", import = "<time.h>", allow = "gmtime_r|clock_gettime|CLOCK_REALTIME")]
    pub unsafe mod time_abi {}
}

cdef! {
    #[cffi(api, import = "<time.h> <sys/time.h>", allow = "timegm|gettimeofday")]
    pub unsafe mod time_api {}
}

cdef! {
    /// A record the module declares itself is its own, whatever its name.
    #[cffi(abi, lib = "c")]
    pub unsafe mod time_hand {
        struct tm { int tm_sec; };
        int dummy(struct tm *t);
    }
}

/// The C library's `struct tm`, `timespec` and `timeval` are one Rust type in every module
/// that imports them (`cffi_core::ffi::tm`, ...): what one module's function fills, another
/// module's function takes.
#[test]
fn c_library_records_are_one_type_across_modules() {
    let (abi, api) = (
        time_abi::Lib::load().unwrap(),
        time_api::Lib::load().unwrap(),
    );
    let t: time_abi::time_t = 1_700_000_000;
    let mut tm = cffi_core::ffi::tm::default();
    let mut now = cffi_core::ffi::timespec::default();
    let mut tv = cffi_core::ffi::timeval::default();
    // SAFETY: each pointer is to a live value of the type the function writes or reads.
    unsafe {
        assert!(!abi.gmtime_r(&t, &mut tm).is_null());
        assert_eq!((tm.tm_year, tm.tm_mon, tm.tm_mday), (123, 10, 14));
        assert_eq!(api.timegm(&mut tm), t);
        assert_eq!(abi.clock_gettime(time_abi::CLOCK_REALTIME, &mut now), 0);
        assert_eq!(api.gettimeofday(&mut tv, cffi_core::ffi::null()), 0);
    }
    assert!(now.tv_sec >= t && (tv.tv_sec - now.tv_sec).abs() <= 1);
    assert_eq!(std::mem::size_of::<time_hand::tm>(), 4);
}

cdef! {
    #[cffi(abi, lib = "c", import = "<pthread.h>", allow = "pthread_mutex_.*|pthread_cond_.*|pthread_attr_.*")]
    pub unsafe mod threads_abi {}
}

cdef! {
    #[cffi(api, import = "<pthread.h>", allow = "pthread_mutex_.*|pthread_mutexattr_.*")]
    pub unsafe mod threads_api {}
}

cdef! {
    /// A union the module declares itself is its own, whatever its name.
    #[cffi(abi, lib = "c")]
    pub unsafe mod threads_hand {
        typedef union { char bytes[40]; long align; } pthread_mutex_t;
        int pthread_mutex_lock(pthread_mutex_t *m);
    }
}

/// The C library's threading objects are one Rust type in every module that imports them
/// (`cffi_core::ffi::Pthread`): a mutex one module initialises, another module's library
/// locks; a mutex and a condition variable stay different types.
#[test]
fn threading_objects_are_one_type_across_modules() {
    use std::any::TypeId;
    assert_eq!(
        TypeId::of::<threads_abi::pthread_mutex_t>(),
        TypeId::of::<threads_api::pthread_mutex_t>()
    );
    assert_ne!(
        TypeId::of::<threads_abi::pthread_mutex_t>(),
        TypeId::of::<threads_abi::pthread_cond_t>()
    );
    assert_ne!(
        TypeId::of::<threads_abi::pthread_mutex_t>(),
        TypeId::of::<threads_hand::pthread_mutex_t>()
    );
    let (abi, api) = (
        threads_abi::Lib::load().unwrap(),
        threads_api::Lib::load().unwrap(),
    );
    let mut m = threads_abi::pthread_mutex_t::default();
    let mut attr = threads_api::pthread_mutexattr_t::default();
    // SAFETY: every pointer is to a live object of the type the function takes; the mutex is
    // destroyed unlocked.
    unsafe {
        assert_eq!(api.pthread_mutexattr_init(&mut attr), 0);
        assert_eq!(abi.pthread_mutex_init(&mut m, &attr), 0);
        assert_eq!(api.pthread_mutex_lock(&mut m), 0);
        // EBUSY (Linux's number): the mutex is held.
        assert_eq!(abi.pthread_mutex_trylock(&mut m), 16);
        assert_eq!(abi.pthread_mutex_unlock(&mut m), 0);
        assert_eq!(api.pthread_mutex_destroy(&mut m), 0);
        assert_eq!(api.pthread_mutexattr_destroy(&mut attr), 0);
    }
}

cdef! {
    #[cffi(abi, lib = "z", import = "<zlib.h>", allow = "crc32|z_stream|zlibVersion")]
    pub unsafe mod zlib_types_abi {}

    /// A module using an import's types for declarations of its own (`ffi.include` of an
    /// imported header).
    #[cffi(abi, lib = "z", uses = "zlib_types_abi")]
    pub unsafe mod zlib_user_abi {
        uLong adler32(uLong adler, const Bytef *buf, uInt len);
        int deflateEnd(z_stream *strm);
    }
}

cdef! {
    #[cffi(api, import = "<zlib.h>", link = "z", allow = "crc32|z_stream|zlibVersion")]
    pub mod zlib_types_api {}

    #[cffi(api, include = "<zlib.h>", link = "z", uses = "zlib_types_api")]
    pub mod zlib_user_api {
        uLong adler32(uLong adler, const Bytef *buf, uInt len);
        int deflateEnd(z_stream *strm);
    }
}

/// A module that uses an imported module names the header's types, which are the imported
/// module's own, and binds only the functions it declares.
#[test]
fn a_module_uses_an_imported_module() {
    use std::any::TypeId;
    assert_eq!(
        TypeId::of::<zlib_user_abi::z_stream>(),
        TypeId::of::<zlib_types_abi::z_stream>()
    );
    assert_eq!(
        TypeId::of::<zlib_user_api::z_stream>(),
        TypeId::of::<zlib_types_api::z_stream>()
    );
    let text = b"abc";
    let (abi, api) = (
        zlib_user_abi::Lib::load().unwrap(),
        zlib_user_api::Lib::load().unwrap(),
    );
    // SAFETY: `text` holds 3 bytes.
    unsafe {
        assert_eq!(abi.adler32(1, text.as_ptr(), 3), 0x024d_0127);
        assert_eq!(api.adler32(1, text.as_ptr(), 3), 0x024d_0127);
        // The used module's own function stays its own.
        let crc = zlib_types_abi::Lib::load()
            .unwrap()
            .crc32(0, text.as_ptr(), 3);
        assert_eq!(crc, 0x3524_41c2);
    }
}

cdef! {
    #[cffi(abi, lib = "z", import = "<zlib.h>", allow = "zlibVersion")]
    pub unsafe mod zlib_version_abi {}

    /// Its declarations name `z_streamp`, which the used module's `allow` leaves out: the
    /// module generates the stream's types itself.
    #[cffi(abi, lib = "z", uses = "zlib_version_abi")]
    pub unsafe mod zlib_stream_abi {
        int deflateInit_(z_streamp strm, int level, const char *version, int stream_size);
        int deflateEnd(z_streamp strm);
    }
}

cdef! {
    #[cffi(api, import = "<zlib.h>", link = "z", allow = "zlibVersion")]
    pub unsafe mod zlib_version_api {}

    /// As in ABI mode; the C compiler checks the adopted types' fields.
    #[cffi(api, include = "<zlib.h>", link = "z", uses = "zlib_version_api")]
    pub unsafe mod zlib_stream_api {
        int deflateInit_(z_streamp strm, int level, const char *version, int stream_size);
        int deflateEnd(z_streamp strm);
    }
}

/// A module using an import declares functions whose types the import's `allow` left out:
/// they are the module's own types, and the calls work.
#[test]
fn a_module_adopts_the_header_types_its_used_import_leaves_out() {
    let size = std::mem::size_of::<zlib_stream_abi::z_stream>();
    assert_eq!(size, std::mem::size_of::<zlib_stream_api::z_stream>());
    let abi = (
        zlib_version_abi::Lib::load().unwrap(),
        zlib_stream_abi::Lib::load().unwrap(),
    );
    let api = (
        zlib_version_api::Lib::load().unwrap(),
        zlib_stream_api::Lib::load().unwrap(),
    );
    let mut s = zlib_stream_abi::z_stream::default();
    let mut t = zlib_stream_api::z_stream::default();
    // SAFETY: zeroed streams (null allocators: zlib's own), the library's own version
    // string, the stream's size as C has it (checked by the C compiler in API mode).
    unsafe {
        assert_eq!(
            abi.1
                .deflateInit_(&mut s, 6, abi.0.zlibVersion(), size as i32),
            0
        );
        assert_eq!(abi.1.deflateEnd(&mut s), 0);
        assert_eq!(
            api.1
                .deflateInit_(&mut t, 6, api.0.zlibVersion(), size as i32),
            0
        );
        assert_eq!(api.1.deflateEnd(&mut t), 0);
    }
}

// glibc declares its `_FloatN` functions with `_GNU_SOURCE`: `_Float32` is passed as a `float`
// but is another type to gcc, so API mode's C declares it as the header does.
#[cfg(target_os = "linux")]
cdef! {
    #[cffi(api, import = "<stdlib.h>", cflags = "-D_GNU_SOURCE", allow = "strtof32|strtof64|strtof32x")]
    pub unsafe mod float_n_api {}
}

#[cfg(target_os = "linux")]
cdef! {
    #[cffi(abi, lib = "c", import = "<stdlib.h>", cflags = "-D_GNU_SOURCE", allow = "strtof32|strtof64")]
    pub unsafe mod float_n_abi {}
}

#[cfg(target_os = "linux")]
#[test]
fn float_n_functions_are_bound_as_floats_and_doubles() {
    let (api, abi) = (
        float_n_api::Lib::load().unwrap(),
        float_n_abi::Lib::load().unwrap(),
    );
    let end = std::ptr::null_mut();
    // SAFETY: NUL-terminated strings; a null end pointer is allowed.
    unsafe {
        let third: f32 = api.strtof32(c"0.333333333".as_ptr(), end);
        assert_eq!(third, 0.333_333_34_f32);
        let tenth: f64 = api.strtof64(c"0.1".as_ptr(), end);
        assert_eq!(tenth, 0.1);
        assert_eq!(api.strtof32x(c"2.5".as_ptr(), end), 2.5_f64);
        assert_eq!(abi.strtof32(c"0.5".as_ptr(), end), 0.5_f32);
        assert_eq!(abi.strtof64(c"-4.25".as_ptr(), end), -4.25);
    }
}
