//! Run-time mode against real system libraries: zlib and sqlite3 declared while the test
//! runs (a struct, a callback, out-parameters), libc's `qsort` calling a Rust closure, and
//! whole headers read at run time from the C preprocessor's output. POSIX systems, where
//! these libraries and headers are the system's.
#![cfg(unix)]

use cffi_core::runtime::{Ffi, Value};
use cffi_tests::preprocessed;

fn int(v: i128) -> Value {
    Value::Int(v)
}

const ZLIB: &str = r#"
    typedef unsigned char Bytef;
    typedef unsigned long uLong;
    typedef unsigned int uInt;
    typedef void *voidpf;
    typedef voidpf (*alloc_func)(voidpf opaque, uInt items, uInt size);
    typedef void (*free_func)(voidpf opaque, voidpf address);
    struct internal_state;
    typedef struct z_stream_s {
        const Bytef *next_in; uInt avail_in; uLong total_in;
        Bytef *next_out; uInt avail_out; uLong total_out;
        const char *msg; struct internal_state *state;
        alloc_func zalloc; free_func zfree; voidpf opaque;
        int data_type; uLong adler; uLong reserved;
    } z_stream;
    #define Z_OK 0
    #define Z_STREAM_END 1
    #define Z_FINISH 4
    #define Z_DEFAULT_COMPRESSION (-1)
    const char *zlibVersion(void);
    uLong crc32(uLong crc, const Bytef *buf, uInt len);
    uLong compressBound(uLong sourceLen);
    int compress(Bytef *dest, uLong *destLen, const Bytef *source, uLong sourceLen);
    int uncompress(Bytef *dest, uLong *destLen, const Bytef *source, uLong sourceLen);
    int deflateInit_(z_stream *strm, int level, const char *version, int stream_size);
    int deflate(z_stream *strm, int flush);
    int deflateEnd(z_stream *strm);
"#;

#[test]
fn zlib_round_trip_and_digest() {
    let mut ffi = Ffi::new();
    ffi.cdef(ZLIB).unwrap();
    // SAFETY: zlib's initialisers are trivial.
    let z = unsafe { ffi.dlopen("z") }.unwrap();
    let text = b"run-time mode, run-time mode, run-time mode".repeat(20);
    // SAFETY: zlib's functions are declared as zlib.h declares them; every buffer is live
    // and as long as the lengths passed say.
    unsafe {
        let crc = z
            .call("crc32", &[int(0), Value::from(&b"hello"[..]), int(5)])
            .unwrap();
        assert_eq!(crc, int(0x3610_a686));

        let bound = z.call("compressBound", &[int(text.len() as i128)]).unwrap();
        let bound = bound.as_int().unwrap() as usize;
        let packed = ffi.new_array("Bytef[]", bound).unwrap();
        let mut packed_len = ffi.new_object("uLong *").unwrap();
        packed_len.set_value(bound).unwrap();
        let source = Value::Bytes(text.clone());
        let args = [
            packed.ptr(),
            packed_len.ptr(),
            source,
            int(text.len() as i128),
        ];
        assert_eq!(z.call("compress", &args).unwrap(), int(0));
        let n = packed_len.value().unwrap().as_int().unwrap();
        assert!(n > 0 && (n as usize) < text.len(), "{n}");

        let unpacked = ffi.new_array("Bytef[]", text.len()).unwrap();
        let mut unpacked_len = ffi.new_object("uLong *").unwrap();
        unpacked_len.set_value(text.len()).unwrap();
        let args = [unpacked.ptr(), unpacked_len.ptr(), packed.ptr(), int(n)];
        assert_eq!(z.call("uncompress", &args).unwrap(), int(0));
        assert_eq!(unpacked.as_bytes(), &text[..]);
    }
}

#[test]
fn zlib_stream_struct_matches_the_library() {
    // `deflateInit_` refuses a stream whose size differs from the library's `z_stream`:
    // passing the run-time layout's size checks it against zlib's own.
    let mut ffi = Ffi::new();
    ffi.cdef(ZLIB).unwrap();
    // SAFETY: as above.
    let z = unsafe { ffi.dlopen("z") }.unwrap();
    let mut strm = ffi.new_object("z_stream *").unwrap();
    let input =
        b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".to_vec();
    let output = ffi.new_array("Bytef[]", 256).unwrap();
    let input_buf = ffi.new_array("Bytef[]", input.len()).unwrap();
    // SAFETY: `input_buf` is as long as `input`; its bytes are written once, before use.
    unsafe {
        std::ptr::copy_nonoverlapping(
            input.as_ptr(),
            input_buf.ptr().as_pointer().unwrap().addr().cast(),
            input.len(),
        )
    };
    let version = unsafe { z.call("zlibVersion", &[]) }.unwrap();
    // SAFETY: `zlibVersion` returns a static string.
    let version = unsafe { version.as_pointer().unwrap().string() }.unwrap();
    let size = ffi.sizeof("z_stream").unwrap();
    strm.set("next_in", input_buf.ptr()).unwrap();
    strm.set("avail_in", input.len()).unwrap();
    strm.set("next_out", output.ptr()).unwrap();
    strm.set("avail_out", 256).unwrap();
    // SAFETY: the stream and its buffers live across the calls; zlib frees its state in
    // `deflateEnd`.
    unsafe {
        let args = [
            strm.ptr(),
            int(-1),
            Value::Bytes(version),
            int(size as i128),
        ];
        assert_eq!(z.call("deflateInit_", &args).unwrap(), int(0));
        assert_eq!(z.call("deflate", &[strm.ptr(), int(4)]).unwrap(), int(1));
        assert_eq!(strm.get("total_in").unwrap(), int(input.len() as i128));
        let out = strm.get("total_out").unwrap().as_int().unwrap();
        assert!(out > 0 && out < input.len() as i128, "{out}");
        // The Adler-32 of the input, as zlib keeps it in the stream.
        assert_eq!(strm.get("adler").unwrap(), int(adler32(&input)));
        assert_eq!(z.call("deflateEnd", &[strm.ptr()]).unwrap(), int(0));
    }
}

fn adler32(data: &[u8]) -> i128 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    i128::from(b << 16 | a)
}

const SQLITE: &str = r#"
    typedef struct sqlite3 sqlite3;
    typedef struct sqlite3_stmt sqlite3_stmt;
    #define SQLITE_OK 0
    #define SQLITE_ROW 100
    #define SQLITE_DONE 101
    int sqlite3_open(const char *filename, sqlite3 **ppDb);
    int sqlite3_close(sqlite3 *);
    int sqlite3_exec(sqlite3 *, const char *sql,
                     int (*callback)(void *, int, char **, char **), void *, char **errmsg);
    int sqlite3_prepare_v2(sqlite3 *db, const char *zSql, int nByte,
                           sqlite3_stmt **ppStmt, const char **pzTail);
    int sqlite3_bind_int64(sqlite3_stmt *, int, long long);
    int sqlite3_step(sqlite3_stmt *);
    long long sqlite3_column_int64(sqlite3_stmt *, int iCol);
    const unsigned char *sqlite3_column_text(sqlite3_stmt *, int iCol);
    int sqlite3_finalize(sqlite3_stmt *pStmt);
    const char *sqlite3_libversion(void);
"#;

#[test]
fn sqlite_query_with_a_callback_and_a_statement() {
    let mut ffi = Ffi::new();
    ffi.cdef(SQLITE).unwrap();
    // SAFETY: sqlite3's initialisers are its own.
    let lib = unsafe { ffi.dlopen("sqlite3") }.unwrap();
    let rows = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = rows.clone();
    let callback = ffi
        .callback("int(void *, int, char **, char **)", move |args| {
            let n = args[1].as_int().unwrap() as isize;
            let values = args[2].as_pointer().unwrap();
            let mut row = Vec::new();
            for i in 0..n {
                // SAFETY: sqlite passes `n` column texts, live during the callback.
                let text = unsafe { values.read(i).unwrap().as_pointer().unwrap().string() };
                row.push(String::from_utf8(text.unwrap()).unwrap());
            }
            seen.lock().unwrap().push(row);
            Value::Int(0)
        })
        .unwrap();
    let db = ffi.new_object("sqlite3 **").unwrap();
    // SAFETY: sqlite3's functions as sqlite3.h declares them; the database handle is used
    // only between open and close; every statement is finalised.
    unsafe {
        assert_eq!(
            lib.call("sqlite3_open", &[Value::from(":memory:"), db.ptr()])
                .unwrap(),
            int(0)
        );
        let handle = db.value().unwrap();
        let sql = "create table t(n integer, name text);\
                   insert into t values (1, 'one'), (2, 'two'), (3, 'three');\
                   select n, name from t where n >= 2 order by n;";
        let args = [
            handle.clone(),
            Value::from(sql),
            callback.ptr(),
            Value::Null,
            Value::Null,
        ];
        assert_eq!(lib.call("sqlite3_exec", &args).unwrap(), int(0));
        assert_eq!(*rows.lock().unwrap(), [["2", "two"], ["3", "three"]]);

        let stmt = ffi.new_object("sqlite3_stmt **").unwrap();
        let sql = Value::from("select sum(n) * ?1, max(name) from t");
        let args = [handle.clone(), sql, int(-1), stmt.ptr(), Value::Null];
        assert_eq!(lib.call("sqlite3_prepare_v2", &args).unwrap(), int(0));
        let s = stmt.value().unwrap();
        assert_eq!(
            lib.call("sqlite3_bind_int64", &[s.clone(), int(1), int(1 << 40)])
                .unwrap(),
            int(0)
        );
        assert_eq!(
            lib.call("sqlite3_step", std::slice::from_ref(&s)).unwrap(),
            ffi.constant("SQLITE_ROW").unwrap()
        );
        assert_eq!(
            lib.call("sqlite3_column_int64", &[s.clone(), int(0)])
                .unwrap(),
            int(6 << 40)
        );
        let name = lib
            .call("sqlite3_column_text", &[s.clone(), int(1)])
            .unwrap();
        assert_eq!(name.as_pointer().unwrap().string().unwrap(), b"two");
        assert_eq!(
            lib.call("sqlite3_step", std::slice::from_ref(&s)).unwrap(),
            int(101)
        );
        assert_eq!(lib.call("sqlite3_finalize", &[s]).unwrap(), int(0));
        assert_eq!(lib.call("sqlite3_close", &[handle]).unwrap(), int(0));
    }
}

#[test]
fn qsort_calls_a_rust_comparison() {
    let mut ffi = Ffi::new();
    ffi.cdef("void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *));")
        .unwrap();
    // SAFETY: the C library is loaded already.
    let libc = unsafe { ffi.dlopen("c") }.unwrap();
    let int_ptr = ffi.typeof_("int *").unwrap();
    let ffi2 = ffi.clone();
    let descending = ffi
        .callback("int(const void *, const void *)", move |args| {
            let read = |v: &Value| {
                let p = ffi2.cast(&int_ptr.name(), v).unwrap();
                // SAFETY: qsort passes pointers to two elements of the live array.
                unsafe { p.as_pointer().unwrap().read(0) }
                    .unwrap()
                    .as_int()
                    .unwrap()
            };
            Value::Int(read(&args[1]).cmp(&read(&args[0])) as i128)
        })
        .unwrap();
    let mut xs = ffi.new_array("int[]", 6).unwrap();
    for (i, x) in [3, -1, 4, 1, -5, 9].into_iter().enumerate() {
        xs.set_index(i, x).unwrap();
    }
    // SAFETY: six ints of four bytes; the callback lives across the call.
    unsafe { libc.call("qsort", &[xs.ptr(), int(6), int(4), descending.ptr()]) }.unwrap();
    let sorted: Vec<_> = (0..6)
        .map(|i| xs.get_index(i).unwrap().as_int().unwrap())
        .collect();
    assert_eq!(sorted, [9, 4, 3, 1, -1, -5]);
}

#[test]
fn zlib_header_read_whole_at_run_time() {
    let mut ffi = Ffi::new();
    let left_out = ffi.cdef_header(&preprocessed("zlib.h")).unwrap();
    // The header's function-like macros are what cannot be bound.
    assert!(
        left_out.iter().any(|s| s.starts_with("deflateInit")),
        "{left_out:?}"
    );
    // SAFETY: as above.
    let z = unsafe { ffi.dlopen("z") }.unwrap();
    // SAFETY: `zlibVersion` returns a static string.
    let version = unsafe {
        z.call("zlibVersion", &[])
            .unwrap()
            .as_pointer()
            .unwrap()
            .string()
    };
    let Value::Bytes(header_version) = ffi.constant("ZLIB_VERSION").unwrap() else {
        panic!("ZLIB_VERSION is a string")
    };
    // The library's major version is the header's (minor releases may differ).
    assert_eq!(version.unwrap()[..2], header_version[..2]);
    assert_eq!(ffi.constant("Z_BEST_COMPRESSION").unwrap(), int(9));
    // The header's `z_stream` is laid out as the hand-written one, which
    // `zlib_stream_struct_matches_the_library` checks against zlib itself.
    let mut by_hand = Ffi::new();
    by_hand.cdef(ZLIB).unwrap();
    assert_eq!(
        ffi.sizeof("z_stream").unwrap(),
        by_hand.sizeof("z_stream").unwrap()
    );
    for field in ["next_out", "msg", "adler", "reserved"] {
        let offset = ffi.offsetof("z_stream", field).unwrap();
        assert_eq!(
            offset,
            by_hand.offsetof("z_stream", field).unwrap(),
            "{field}"
        );
    }
}

#[test]
fn sqlite_header_read_whole_at_run_time() {
    let mut ffi = Ffi::new();
    ffi.cdef_header(&preprocessed("sqlite3.h")).unwrap();
    // SAFETY: as above.
    let lib = unsafe { ffi.dlopen("sqlite3") }.unwrap();
    let number = unsafe { lib.call("sqlite3_libversion_number", &[]) }.unwrap();
    // The library is at least as new as the header (Debian ships them together).
    let header = ffi.constant("SQLITE_VERSION_NUMBER").unwrap();
    assert_eq!(number, header);
    // A declaration repeated after the header agrees with it, in the header's types.
    ffi.cdef("int sqlite3_open_v2(const char *, sqlite3 **, int, const char *);")
        .unwrap();
    assert_eq!(ffi.constant("SQLITE_OPEN_READONLY").unwrap(), int(1));
}

#[test]
fn a_type_read_once_is_not_read_again() {
    // After a whole header, each new spelling parses the declarations again; a spelling seen
    // before is answered from the cache, and `cdef` starts the cache again.
    let mut ffi = Ffi::new();
    ffi.cdef_header(&preprocessed("sqlite3.h")).unwrap();
    let first = ffi.typeof_("sqlite3_stmt **").unwrap();
    for _ in 0..10_000 {
        assert_eq!(ffi.typeof_("sqlite3_stmt **").unwrap().name(), first.name());
    }
    ffi.cdef("typedef sqlite3_stmt *stmt_p;").unwrap();
    assert_eq!(ffi.sizeof("stmt_p").unwrap(), size_of::<usize>());
}

#[test]
fn c_library_headers_read_whole_at_run_time() {
    let mut ffi = Ffi::new();
    // One translation unit: headers preprocessed apart would repeat what they share (their
    // anonymous `typedef struct`s are distinct types in C, and redefinitions).
    ffi.cdef_header(&preprocessed("math.h stdio.h pthread.h errno.h"))
        .unwrap();
    // SAFETY: the C library and libm are loaded already.
    let (libm, libc) = unsafe { (ffi.dlopen("m").unwrap(), ffi.dlopen("c").unwrap()) };
    let pi = ffi.constant("M_PI").unwrap();
    assert_eq!(pi, Value::Float(std::f64::consts::PI));
    // SAFETY: the functions as the C library's own headers declare them; the buffer and
    // the mutex live across the calls that use them.
    unsafe {
        assert_eq!(
            libm.call("cos", std::slice::from_ref(&pi)).unwrap(),
            Value::Float(-1.0)
        );
        let buf = ffi.new_array("char[]", 32).unwrap();
        let snprintf = libc.function("snprintf").unwrap();
        let types = [
            ffi.typeof_("int").unwrap(),
            ffi.typeof_("double").unwrap(),
            ffi.typeof_("char *").unwrap(),
        ];
        let args = [
            buf.ptr(),
            int(32),
            Value::from("%d %.2f %s"),
            int(-7),
            pi,
            Value::from("ok"),
        ];
        assert_eq!(snprintf.call_variadic(&args, &types).unwrap(), int(10));
        assert_eq!(buf.string().unwrap(), b"-7 3.14 ok");

        let mutex = ffi.new_object("pthread_mutex_t *").unwrap();
        assert_eq!(
            libc.call("pthread_mutex_init", &[mutex.ptr(), Value::Null])
                .unwrap(),
            int(0)
        );
        assert_eq!(
            libc.call("pthread_mutex_lock", &[mutex.ptr()]).unwrap(),
            int(0)
        );
        // EBUSY: the mutex is held.
        let busy = libc.call("pthread_mutex_trylock", &[mutex.ptr()]).unwrap();
        assert_eq!(busy, ffi.constant("EBUSY").unwrap());
        assert_eq!(
            libc.call("pthread_mutex_unlock", &[mutex.ptr()]).unwrap(),
            int(0)
        );
        assert_eq!(
            libc.call("pthread_mutex_destroy", &[mutex.ptr()]).unwrap(),
            int(0)
        );
    }
}

#[test]
#[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
fn long_double_functions_of_libm() {
    // x86's `long double` (the x87 format) crosses as an `f64`, as Python cffi's does.
    let mut ffi = Ffi::new();
    ffi.cdef(
        "long double sqrtl(long double x);
         long double ldexpl(long double x, int e);
         long double frexpl(long double x, int *e);
         long double fabsl(long double x);",
    )
    .unwrap();
    // SAFETY: libm is loaded already; the functions are declared as it defines them.
    let m = unsafe { ffi.dlopen("m") }.unwrap();
    let exp = ffi.new_object("int *").unwrap();
    // SAFETY: as above; `exp` is a live int.
    unsafe {
        let r = m.call("sqrtl", &[Value::Float(2.0)]).unwrap();
        assert_eq!(r, Value::Float(2f64.sqrt()));
        assert_eq!(
            m.call("ldexpl", &[Value::Float(0.75), int(4)]).unwrap(),
            Value::Float(12.0)
        );
        let r = m.call("frexpl", &[Value::Float(48.0), exp.ptr()]).unwrap();
        assert_eq!((r, exp.value().unwrap()), (Value::Float(0.75), int(6)));
        // Beyond a double's range in x87, infinity when it comes back.
        let big = m.call("ldexpl", &[Value::Float(1.0), int(2000)]).unwrap();
        assert_eq!(big, Value::Float(f64::INFINITY));
        assert_eq!(
            m.call("fabsl", &[Value::Float(-5e-324)]).unwrap(),
            Value::Float(5e-324)
        );
    }
    let size = if cfg!(target_arch = "x86_64") { 16 } else { 12 };
    assert_eq!(ffi.sizeof("long double").unwrap(), size);
}

/// glibc's `_FloatN` functions: `_Float32` crosses as a `float`, `_Float64` and `_Float32x` as
/// `double`s, and each keeps its name in the type's description.
#[test]
#[cfg(target_os = "linux")]
fn float_n_functions_of_libm() {
    let mut ffi = Ffi::new();
    ffi.cdef(
        "_Float32 sqrtf32(_Float32 x);
         _Float64 fmaxf64(_Float64 x, _Float64 y);
         _Float32x fabsf32x(_Float32x x);",
    )
    .unwrap();
    // SAFETY: libm is loaded already; the functions are declared as it defines them.
    let m = unsafe { ffi.dlopen("m") }.unwrap();
    // SAFETY: as above.
    unsafe {
        assert_eq!(
            m.call("sqrtf32", &[Value::Float(2.25)]).unwrap(),
            Value::Float(1.5)
        );
        assert_eq!(
            m.call("fmaxf64", &[Value::Float(2.0), Value::Float(3.5)])
                .unwrap(),
            Value::Float(3.5)
        );
        assert_eq!(
            m.call("fabsf32x", &[Value::Float(-0.5)]).unwrap(),
            Value::Float(0.5)
        );
    }
    assert_eq!(ffi.sizeof("_Float32").unwrap(), 4);
    assert_eq!(ffi.typeof_("_Float64").unwrap().name(), "_Float64");
}
