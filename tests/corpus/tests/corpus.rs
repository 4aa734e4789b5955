//! The header corpus: each header of `headers.tsv` imported whole in ABI mode and in API
//! mode, compiled, and called for real (a round trip, a version number against the header's
//! macro, a known digest). The modules are written out rather than made by a macro, so that
//! `cffi_build::compile()` finds the API-mode ones in this file.

use std::ffi::{c_char, c_int, c_uint};

use cffi_core::ffi;

/// Every corpus header in ABI mode.
mod abi {
    use cffi_core::cdef;
    cdef! {
        #[cffi(abi, lib = "m", import = "<math.h>")]
        pub unsafe mod libm {}
    }
    cdef! {
        #[cffi(abi, lib = "m", import = "<math.h> <stdlib.h>", cflags = "-D_GNU_SOURCE")]
        pub unsafe mod gnu_math {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<errno.h>")]
        pub unsafe mod errno {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<stdio.h>")]
        pub unsafe mod stdio {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<stdlib.h>")]
        pub unsafe mod stdlib {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<string.h>")]
        pub unsafe mod string {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<time.h>")]
        pub unsafe mod time {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<signal.h>")]
        pub unsafe mod signal {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<pthread.h>")]
        pub unsafe mod pthread {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<sys/stat.h>")]
        pub unsafe mod stat {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<sys/socket.h>")]
        pub unsafe mod socket {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<sys/mman.h>")]
        pub unsafe mod mman {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<dirent.h>")]
        pub unsafe mod dirent {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<fcntl.h>")]
        pub unsafe mod fcntl {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<unistd.h>")]
        pub unsafe mod unistd {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<wchar.h>")]
        pub unsafe mod wchar {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<locale.h>")]
        pub unsafe mod locale {}
    }
    cdef! {
        #[cffi(abi, lib = "zstd", import = "<zstd.h>")]
        pub unsafe mod zstd {}
    }
    cdef! {
        #[cffi(abi, lib = "lzma", import = "<lzma.h>")]
        pub unsafe mod lzma {}
    }
    cdef! {
        #[cffi(abi, lib = "lz4", import = "<lz4.h>")]
        pub unsafe mod lz4 {}
    }
    cdef! {
        #[cffi(abi, lib = "yaml", import = "<yaml.h>")]
        pub unsafe mod yaml {}
    }
    cdef! {
        #[cffi(abi, lib = "jansson", import = "<jansson.h>")]
        pub unsafe mod jansson {}
    }
    cdef! {
        #[cffi(abi, lib = "uv", import = "<uv.h>")]
        pub unsafe mod uv {}
    }
    cdef! {
        #[cffi(abi, lib = "curl", import = "<curl/curl.h>")]
        pub unsafe mod curl {}
    }
    cdef! {
        #[cffi(abi, lib = "archive", import = "<archive.h>")]
        pub unsafe mod archive {}
    }
    cdef! {
        #[cffi(abi, lib = "magic", import = "<magic.h>")]
        pub unsafe mod magic {}
    }
    cdef! {
        #[cffi(abi, lib = "uuid", import = "<uuid/uuid.h>")]
        pub unsafe mod uuid {}
    }
    cdef! {
        #[cffi(abi, lib = "sodium", import = "<sodium.h>")]
        pub unsafe mod sodium {}
    }
    cdef! {
        #[cffi(abi, lib = "gmp", import = "<gmp.h>")]
        pub unsafe mod gmp {}
    }
    cdef! {
        #[cffi(abi, lib = "mpfr", import = "<mpfr.h>")]
        pub unsafe mod mpfr {}
    }
    cdef! {
        #[cffi(abi, lib = "fftw3", import = "<fftw3.h>")]
        pub unsafe mod fftw {}
    }
    cdef! {
        #[cffi(abi, lib = "openblas", import = "<cblas.h>")]
        pub unsafe mod cblas {}
    }
    cdef! {
        #[cffi(abi, lib = "lapacke", import = "<lapacke.h>", allow = "LAPACKE_d.*|LAPACK_.*_MAJOR")]
        pub unsafe mod lapacke {}
    }
    cdef! {
        #[cffi(abi, lib = "gsl", import = "<gsl/gsl_sf_bessel.h>")]
        pub unsafe mod gsl {}
    }
    cdef! {
        #[cffi(abi, lib = "netcdf", import = "<netcdf.h>")]
        pub unsafe mod netcdf {}
    }
    cdef! {
        #[cffi(abi, lib = "git2", import = "<git2.h>")]
        pub unsafe mod git2 {}
    }
    cdef! {
        #[cffi(abi, lib = "event", import = "<event2/event.h>")]
        pub unsafe mod event {}
    }
    cdef! {
        #[cffi(abi, lib = "jpeg", import = "<stdio.h> <jpeglib.h>", allow = "jpeg_.*|JPEG_.*|j_.*")]
        pub unsafe mod jpeg {}
    }
    cdef! {
        #[cffi(abi, lib = "z", import = "<zlib.h>")]
        pub unsafe mod zlib {}
    }
    cdef! {
        #[cffi(abi, lib = "sqlite3", import = "<sqlite3.h>", allow = "sqlite3_.*|SQLITE_.*")]
        pub unsafe mod sqlite3 {}
    }
    cdef! {
        #[cffi(abi, lib = "bz2", import = "<bzlib.h>")]
        pub unsafe mod bzip2 {}
    }
    // Headers outside the default include path: pkg-config (or a define) says how to read
    // them.
    cdef! {
        #[cffi(abi, lib = "xml2", import = "<libxml/parser.h>", pkg_config = "libxml-2.0")]
        pub unsafe mod libxml2 {}
    }
    cdef! {
        #[cffi(abi, lib = "hdf5_serial", import = "<hdf5.h>", pkg_config = "hdf5")]
        pub unsafe mod hdf5 {}
    }
    cdef! {
        #[cffi(abi, lib = "lua5.4", import = "<lua.h> <lauxlib.h> <lualib.h>", pkg_config = "lua5.4")]
        pub unsafe mod lua {}
    }
    cdef! {
        #[cffi(abi, lib = "glib-2.0", import = "<glib.h>", pkg_config = "glib-2.0")]
        pub unsafe mod glib {}
    }
    cdef! {
        #[cffi(abi, lib = "pcre2-8", import = "<pcre2.h>", cflags = "-DPCRE2_CODE_UNIT_WIDTH=8")]
        pub unsafe mod pcre2 {}
    }
    cdef! {
        #[cffi(abi, lib = "pq", import = "<libpq-fe.h>", pkg_config = "libpq")]
        pub unsafe mod libpq {}
    }
    // Open MPI's handles are addresses of globals; MPICH's, integers (`tests/mpich.rs`: a
    // program links one MPI, so MPICH is bound in a test binary of its own).
    cdef! {
        #[cffi(abi, lib = "mpi", import = "<mpi.h>", allow = "MPI_.*", pkg_config = "ompi-c")]
        pub unsafe mod openmpi {}
    }
}

/// Every corpus header in API mode.
mod api {
    use cffi_core::cdef;
    cdef! {
        #[cffi(api, import = "<math.h>", link = "m")]
        pub unsafe mod libm {}
    }
    cdef! {
        #[cffi(api, import = "<math.h> <stdlib.h>", cflags = "-D_GNU_SOURCE", link = "m")]
        pub unsafe mod gnu_math {}
    }
    cdef! {
        #[cffi(api, import = "<errno.h>")]
        pub unsafe mod errno {}
    }
    cdef! {
        #[cffi(api, import = "<stdio.h>")]
        pub unsafe mod stdio {}
    }
    cdef! {
        #[cffi(api, import = "<stdlib.h>")]
        pub unsafe mod stdlib {}
    }
    cdef! {
        #[cffi(api, import = "<string.h>")]
        pub unsafe mod string {}
    }
    cdef! {
        #[cffi(api, import = "<time.h>")]
        pub unsafe mod time {}
    }
    cdef! {
        #[cffi(api, import = "<signal.h>")]
        pub unsafe mod signal {}
    }
    cdef! {
        #[cffi(api, import = "<pthread.h>")]
        pub unsafe mod pthread {}
    }
    cdef! {
        #[cffi(api, import = "<sys/stat.h>")]
        pub unsafe mod stat {}
    }
    cdef! {
        #[cffi(api, import = "<sys/socket.h>")]
        pub unsafe mod socket {}
    }
    cdef! {
        #[cffi(api, import = "<sys/mman.h>")]
        pub unsafe mod mman {}
    }
    cdef! {
        #[cffi(api, import = "<dirent.h>")]
        pub unsafe mod dirent {}
    }
    cdef! {
        #[cffi(api, import = "<fcntl.h>")]
        pub unsafe mod fcntl {}
    }
    cdef! {
        #[cffi(api, import = "<unistd.h>")]
        pub unsafe mod unistd {}
    }
    cdef! {
        #[cffi(api, import = "<wchar.h>")]
        pub unsafe mod wchar {}
    }
    cdef! {
        #[cffi(api, import = "<locale.h>")]
        pub unsafe mod locale {}
    }
    cdef! {
        #[cffi(api, import = "<zstd.h>", link = "zstd")]
        pub unsafe mod zstd {}
    }
    cdef! {
        #[cffi(api, import = "<lzma.h>", link = "lzma")]
        pub unsafe mod lzma {}
    }
    cdef! {
        #[cffi(api, import = "<lz4.h>", link = "lz4")]
        pub unsafe mod lz4 {}
    }
    cdef! {
        #[cffi(api, import = "<yaml.h>", link = "yaml")]
        pub unsafe mod yaml {}
    }
    cdef! {
        #[cffi(api, import = "<jansson.h>", link = "jansson")]
        pub unsafe mod jansson {}
    }
    cdef! {
        #[cffi(api, import = "<uv.h>", link = "uv")]
        pub unsafe mod uv {}
    }
    cdef! {
        #[cffi(api, import = "<curl/curl.h>", link = "curl")]
        pub unsafe mod curl {}
    }
    cdef! {
        #[cffi(api, import = "<archive.h>", link = "archive")]
        pub unsafe mod archive {}
    }
    cdef! {
        #[cffi(api, import = "<magic.h>", link = "magic")]
        pub unsafe mod magic {}
    }
    cdef! {
        #[cffi(api, import = "<uuid/uuid.h>", link = "uuid")]
        pub unsafe mod uuid {}
    }
    cdef! {
        #[cffi(api, import = "<sodium.h>", link = "sodium")]
        pub unsafe mod sodium {}
    }
    cdef! {
        #[cffi(api, import = "<gmp.h>", link = "gmp")]
        pub unsafe mod gmp {}
    }
    cdef! {
        #[cffi(api, import = "<mpfr.h>", link = "mpfr")]
        pub unsafe mod mpfr {}
    }
    cdef! {
        #[cffi(api, import = "<fftw3.h>", link = "fftw3")]
        pub unsafe mod fftw {}
    }
    cdef! {
        #[cffi(api, import = "<cblas.h>", link = "openblas")]
        pub unsafe mod cblas {}
    }
    cdef! {
        #[cffi(api, import = "<lapacke.h>", allow = "LAPACKE_d.*|LAPACK_.*_MAJOR", link = "lapacke")]
        pub unsafe mod lapacke {}
    }
    cdef! {
        #[cffi(api, import = "<gsl/gsl_sf_bessel.h>", link = "gsl")]
        pub unsafe mod gsl {}
    }
    cdef! {
        #[cffi(api, import = "<netcdf.h>", link = "netcdf")]
        pub unsafe mod netcdf {}
    }
    cdef! {
        #[cffi(api, import = "<git2.h>", link = "git2")]
        pub unsafe mod git2 {}
    }
    cdef! {
        #[cffi(api, import = "<event2/event.h>", link = "event")]
        pub unsafe mod event {}
    }
    cdef! {
        #[cffi(api, import = "<stdio.h> <jpeglib.h>", allow = "jpeg_.*|JPEG_.*|j_.*", link = "jpeg")]
        pub unsafe mod jpeg {}
    }
    cdef! {
        #[cffi(api, import = "<zlib.h>", link = "z")]
        pub unsafe mod zlib {}
    }
    cdef! {
        #[cffi(api, import = "<sqlite3.h>", allow = "sqlite3_.*|SQLITE_.*", link = "sqlite3")]
        pub unsafe mod sqlite3 {}
    }
    cdef! {
        #[cffi(api, import = "<bzlib.h>", link = "bz2")]
        pub unsafe mod bzip2 {}
    }
    cdef! {
        #[cffi(api, import = "<libxml/parser.h>", pkg_config = "libxml-2.0")]
        pub unsafe mod libxml2 {}
    }
    cdef! {
        #[cffi(api, import = "<hdf5.h>", pkg_config = "hdf5")]
        pub unsafe mod hdf5 {}
    }
    cdef! {
        #[cffi(api, import = "<lua.h> <lauxlib.h> <lualib.h>", pkg_config = "lua5.4")]
        pub unsafe mod lua {}
    }
    cdef! {
        #[cffi(api, import = "<glib.h>", pkg_config = "glib-2.0")]
        pub unsafe mod glib {}
    }
    cdef! {
        #[cffi(api, import = "<pcre2.h>", cflags = "-DPCRE2_CODE_UNIT_WIDTH=8", link = "pcre2-8")]
        pub unsafe mod pcre2 {}
    }
    cdef! {
        #[cffi(api, import = "<libpq-fe.h>", pkg_config = "libpq")]
        pub unsafe mod libpq {}
    }
    cdef! {
        #[cffi(api, import = "<mpi.h>", allow = "MPI_.*", pkg_config = "ompi-c")]
        pub unsafe mod openmpi {}
    }
}

use cffi_corpus::both_modes;

both_modes!(math_cos, libm, |lib| {
    assert_eq!(lib.cos(0.5), 0.5f64.cos());
    assert_eq!(lib.ldexp(0.75, 4), 12.0);
});

// With `_GNU_SOURCE`, glibc declares the `_FloatN` functions: `_Float32` passed as a `float`,
// `_Float64` as a `double`.
both_modes!(math_float_n, gnu_math, |lib| {
    assert_eq!(lib.cosf32(0.0), 1.0_f32);
    assert_eq!(lib.sqrtf64(2.25), 1.5_f64);
    assert_eq!(lib.strtof32(c"0.5".as_ptr(), std::ptr::null_mut()), 0.5_f32);
});

both_modes!(errno_is_per_thread_and_erange_is_its_value, errno, |lib| {
    let p = lib.__errno_location();
    *p = m::ERANGE;
    assert_eq!(*lib.__errno_location(), 34);
    *p = 0;
});

both_modes!(stdio_snprintf, stdio, |lib| {
    let mut buf = [0 as c_char; 16];
    let n = (*lib.snprintf())(
        buf.as_mut_ptr(),
        16usize,
        c"%d-%s".as_ptr(),
        42 as c_int,
        c"x".as_ptr(),
    );
    assert_eq!(n, 4);
    assert_eq!(ffi::string(buf.as_ptr()).to_str(), Ok("42-x"));
});

both_modes!(stdlib_atoi_abs, stdlib, |lib| {
    assert_eq!(lib.atoi(c"123"), 123);
    assert_eq!(lib.labs(-5), 5);
});

both_modes!(string_strlen, string, |lib| {
    assert_eq!(lib.strlen(c"hello"), 5);
});

both_modes!(time_difftime_and_gmtime, time, |lib| {
    assert_eq!(lib.difftime(10, 4), 6.0);
    let t: m::time_t = 1_700_000_000;
    let mut tm = m::tm::default();
    assert!(!lib.gmtime_r(&t, &mut tm).is_null());
    assert_eq!((tm.tm_year, tm.tm_mon, tm.tm_mday), (123, 10, 14));
});

both_modes!(signal_sets, signal, |lib| {
    let mut set = m::sigset_t::default();
    assert_eq!(lib.sigemptyset(&mut set), 0);
    assert_eq!(lib.sigaddset(&mut set, m::SIGINT), 0);
    assert_eq!(lib.sigismember(&set, m::SIGINT), 1);
    assert_eq!(lib.sigismember(&set, m::SIGTERM), 0);
});

both_modes!(pthread_self_equals_itself, pthread, |lib| {
    let me = lib.pthread_self();
    assert_ne!(lib.pthread_equal(me, me), 0);
});

both_modes!(stat_of_the_root_is_a_directory, stat, |lib| {
    let mut st = m::stat::default();
    assert_eq!(lib.stat(c"/", &mut st), 0);
    assert_eq!(st.st_mode & m::S_IFMT as u32, m::S_IFDIR as u32);
});

both_modes!(socketpair_of_unix_sockets, socket, |lib| {
    let mut fds = [-1 as c_int; 2];
    assert_eq!(
        lib.socketpair(m::AF_UNIX, m::SOCK_STREAM.0 as c_int, 0, &mut fds),
        0
    );
    assert!(fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1]);
});

both_modes!(mmap_anonymous_page, mman, |lib| {
    let p = lib.mmap(
        ffi::null(),
        4096,
        m::PROT_READ | m::PROT_WRITE,
        m::MAP_PRIVATE | m::MAP_ANONYMOUS,
        -1,
        0,
    );
    assert_ne!(p as isize, -1);
    p.cast::<u8>().write(7);
    assert_eq!(p.cast::<u8>().read(), 7);
    assert_eq!(lib.munmap(p, 4096), 0);
});

both_modes!(dirent_opens_the_root, dirent, |lib| {
    let d = lib.opendir(c"/");
    assert!(!d.is_null());
    assert!(!lib.readdir(d).is_null());
    assert_eq!(lib.closedir(d), 0);
});

both_modes!(fcntl_opens_dev_null, fcntl, |lib| {
    let fd = (*lib.open())(c"/dev/null".as_ptr(), m::O_RDONLY);
    assert!(fd >= 0);
    assert_eq!((*lib.fcntl())(fd, m::F_GETFD), 0);
});

both_modes!(unistd_getpid, unistd, |lib| {
    assert_eq!(lib.getpid() as u32, std::process::id());
    assert!(lib.sysconf(m::_SC_PAGESIZE) >= 4096);
});

both_modes!(wchar_wcslen, wchar, |lib| {
    let w: [m::wchar_t; 4] = [97, 98, 99, 0];
    assert_eq!(lib.wcslen(w.as_ptr()), 3);
});

both_modes!(locale_c, locale, |lib| {
    let s = lib.setlocale(m::LC_ALL, c"C");
    assert_eq!(ffi::string(s).to_str(), Ok("C"));
});

both_modes!(zstd_version_and_round_trip, zstd, |lib| {
    assert_eq!(lib.ZSTD_versionNumber(), m::ZSTD_VERSION_NUMBER as c_uint);
    let input = b"cffi-rs cffi-rs cffi-rs cffi-rs cffi-rs";
    let mut packed = vec![0u8; lib.ZSTD_compressBound(input.len())];
    let n = lib.ZSTD_compress(
        packed.as_mut_ptr().cast(),
        packed.len(),
        input.as_ptr().cast(),
        input.len(),
        3,
    );
    assert_eq!(lib.ZSTD_isError(n), 0);
    let mut back = vec![0u8; input.len()];
    let m = lib.ZSTD_decompress(
        back.as_mut_ptr().cast(),
        back.len(),
        packed.as_ptr().cast(),
        n,
    );
    assert_eq!(&back[..m], input);
});

both_modes!(lzma_crc32, lzma, |lib| {
    assert_eq!(lib.lzma_crc32(b"123456789".as_ptr(), 9, 0), 0xCBF4_3926);
});

both_modes!(lz4_version, lz4, |lib| {
    assert_eq!(lib.LZ4_versionNumber(), m::LZ4_VERSION_NUMBER);
});

both_modes!(yaml_version, yaml, |lib| {
    let (mut a, mut b, mut c) = (0, 0, 0);
    lib.yaml_get_version(&mut a, &mut b, &mut c);
    let s = ffi::string(lib.yaml_get_version_string()).to_str().unwrap();
    assert_eq!(s, format!("{a}.{b}.{c}"));
});

both_modes!(jansson_integer, jansson, |lib| {
    let j = lib.json_integer(42);
    assert_eq!(lib.json_integer_value(j), 42);
    lib.json_delete(j);
});

both_modes!(uv_version, uv, |lib| {
    assert_eq!(lib.uv_version(), m::UV_VERSION_HEX as c_uint);
});

both_modes!(curl_getdate, curl, |lib| {
    assert_eq!(
        lib.curl_getdate(c"Sun, 06 Nov 1994 08:49:37 GMT", ffi::null()),
        784_111_777
    );
});

both_modes!(archive_version, archive, |lib| {
    assert_eq!(lib.archive_version_number(), m::ARCHIVE_VERSION_NUMBER);
});

both_modes!(magic_version, magic, |lib| {
    assert_eq!(lib.magic_version(), m::MAGIC_VERSION);
});

both_modes!(uuid_parse, uuid, |lib| {
    let mut u = [0u8; 16];
    assert_eq!(
        lib.uuid_parse(c"1b4e28ba-2fa1-11d2-883f-0016d3cca427", &mut u),
        0
    );
    assert_eq!((u[0], u[15]), (0x1b, 0x27));
    assert_eq!(lib.uuid_variant(u.as_ptr()), m::UUID_VARIANT_DCE);
});

both_modes!(sodium_sha256_of_abc, sodium, |lib| {
    assert!(lib.sodium_init() >= 0);
    let mut out = [0u8; 32];
    assert_eq!(lib.crypto_hash_sha256(&mut out, b"abc".as_ptr(), 3), 0);
    assert_eq!(out[..4], [0xba, 0x78, 0x16, 0xbf]);
});

both_modes!(gmp_multiplies, gmp, |lib| {
    let mut z = m::mpz_t::default();
    let p: *mut m::__mpz_struct = &mut z[0];
    // GMP's names are macros of its `__gmpz_` functions: both are bound.
    lib.mpz_init(p);
    lib.mpz_set_ui(p, 6);
    lib.mpz_mul_ui(p, p, 7);
    assert_eq!(lib.mpz_get_ui(p), 42);
    assert_eq!(lib.__gmpz_get_ui(p), 42);
    lib.mpz_clear(p);
});

both_modes!(mpfr_version, mpfr, |lib| {
    assert_eq!(ffi::string(lib.mpfr_get_version()), m::MPFR_VERSION_STRING);
});

both_modes!(fftw_malloc, fftw, |lib| {
    let p = lib.fftw_malloc(64);
    assert!(!p.is_null());
    assert_eq!(lib.fftw_alignment_of(p.cast()), 0);
    lib.fftw_free(p);
});

both_modes!(cblas_ddot, cblas, |lib| {
    let (x, y) = ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]);
    assert_eq!(lib.cblas_ddot(3, x.as_ptr(), 1, y.as_ptr(), 1), 32.0);
});

both_modes!(lapacke_solves_two_by_two, lapacke, |lib| {
    let mut a = [2.0, 1.0, 1.0, 3.0];
    let mut ipiv = [0; 2];
    let mut b = [3.0, 5.0];
    assert_eq!(
        lib.LAPACKE_dgesv(m::LAPACK_ROW_MAJOR, 2, 1, &mut a, 2, &mut ipiv, &mut b, 1),
        0
    );
    assert!(
        (b[0] - 0.8).abs() < 1e-12 && (b[1] - 1.4).abs() < 1e-12,
        "{b:?}"
    );
});

both_modes!(gsl_bessel_j0, gsl, |lib| {
    assert_eq!(lib.gsl_sf_bessel_J0(0.0), 1.0);
});

both_modes!(netcdf_strerror, netcdf, |lib| {
    assert_eq!(
        ffi::string(lib.nc_strerror(m::NC_NOERR)).to_str(),
        Ok("No error")
    );
});

both_modes!(git2_version, git2, |lib| {
    let (mut a, mut b, mut c) = (0, 0, 0);
    assert_eq!(lib.git_libgit2_version(&mut a, &mut b, &mut c), 0);
    assert_eq!((a, b), (m::LIBGIT2_VER_MAJOR, m::LIBGIT2_VER_MINOR));
});

both_modes!(libevent_version, event, |lib| {
    assert_eq!(
        lib.event_get_version_number(),
        m::LIBEVENT_VERSION_NUMBER as u32
    );
});

both_modes!(jpeg_error_manager, jpeg, |lib| {
    let mut err = m::jpeg_error_mgr::default();
    let p = lib.jpeg_std_error(&mut err);
    assert_eq!(p, std::ptr::from_mut(&mut err));
    assert!(err.error_exit.is_some());
});

both_modes!(zlib_version, zlib, |lib| {
    assert_eq!(ffi::string(lib.zlibVersion()), m::ZLIB_VERSION);
});

both_modes!(sqlite3_version, sqlite3, |lib| {
    assert_eq!(lib.sqlite3_libversion_number(), m::SQLITE_VERSION_NUMBER);
});

both_modes!(bzip2_version, bzip2, |lib| {
    assert!(
        ffi::string(lib.BZ2_bzlibVersion())
            .to_bytes()
            .starts_with(b"1.")
    );
});

both_modes!(libxml2_parses_a_document, libxml2, |lib| {
    let xml = b"<root><child/></root>";
    let doc = lib.xmlReadMemory(
        xml.as_ptr().cast(),
        xml.len() as c_int,
        c"x.xml",
        ffi::null(),
        0,
    );
    assert!(!doc.is_null());
    let root = lib.xmlDocGetRootElement(doc);
    assert_eq!(ffi::string((*root).name.cast()).to_str(), Ok("root"));
    assert_eq!(
        ffi::string((*(*root).children).name.cast()).to_str(),
        Ok("child")
    );
    lib.xmlFreeDoc(doc);
});

both_modes!(hdf5_version_matches_the_header, hdf5, |lib| {
    let (mut major, mut minor, mut release) = (0, 0, 0);
    assert!(lib.H5get_libversion(&mut major, &mut minor, &mut release) >= 0);
    assert_eq!(
        (major, minor),
        (m::H5_VERS_MAJOR as c_uint, m::H5_VERS_MINOR as c_uint)
    );
});

both_modes!(lua_runs_a_chunk, lua, |lib| {
    let state = lib.luaL_newstate();
    lib.luaL_openlibs(state);
    assert_eq!(lib.luaL_loadstring(state, c"return 6 * 7"), m::LUA_OK);
    assert_eq!(lib.lua_pcallk(state, 0, 1, 0, 0, None), m::LUA_OK);
    assert_eq!(lib.lua_tointegerx(state, -1, ffi::null()), 42);
    assert_eq!(lib.lua_version(state), m::LUA_VERSION_NUM as f64);
    lib.lua_close(state);
});

both_modes!(glib_parses_and_compares, glib, |lib| {
    assert_eq!(lib.g_ascii_strtoll(c"-42", ffi::null(), 10), -42);
    assert_ne!(lib.g_str_has_prefix(c"cffi-rs", c"cffi"), 0);
    assert_eq!(lib.glib_major_version(), m::GLIB_MAJOR_VERSION as c_uint);
});

both_modes!(pcre2_matches, pcre2, |lib| {
    // PCRE2's names are macros pasting the code unit width on (`pcre2_compile` is
    // `pcre2_compile_8`): both are bound.
    let pattern = b"c(ff)i";
    let (mut code, mut offset) = (0, 0);
    let re = lib.pcre2_compile(
        pattern.as_ptr(),
        pattern.len(),
        0,
        &mut code,
        &mut offset,
        ffi::null(),
    );
    assert!(!re.is_null(), "error {code}");
    let data = lib.pcre2_match_data_create_from_pattern(re, ffi::null());
    let subject = b"python cffi, rust cffi-rs";
    let n = lib.pcre2_match_8(re, subject.as_ptr(), subject.len(), 0, 0, data, ffi::null());
    assert_eq!(n, 2);
    assert_eq!(*lib.pcre2_get_ovector_pointer(data), 7);
    lib.pcre2_match_data_free(data);
    lib.pcre2_code_free(re);
});

both_modes!(libpq_encrypts_a_password, libpq, |lib| {
    assert!(lib.PQlibVersion() >= 100_000);
    let md5 = lib.PQencryptPassword(c"secret", c"user");
    let text = ffi::string(md5).to_str().unwrap().to_string();
    assert!(text.starts_with("md5") && text.len() == 35, "{text}");
    lib.PQfreemem(md5.cast());
});

both_modes!(openmpi_version_and_handles, openmpi, |lib| {
    let (mut version, mut subversion) = (0, 0);
    assert_eq!(
        lib.MPI_Get_version(&mut version, &mut subversion),
        m::MPI_SUCCESS
    );
    assert_eq!((version, subversion), (m::MPI_VERSION, m::MPI_SUBVERSION));
    // `MPI_COMM_WORLD` is `&ompi_mpi_comm_world`, cast: a method giving the address.
    assert_eq!(lib.MPI_COMM_WORLD(), lib.ompi_mpi_comm_world_ptr().cast());
    assert!(m::MPI_STATUS_IGNORE.is_null());
});

/// Pointer constants: `MAP_FAILED` (`((void *) -1)`) and `SQLITE_TRANSIENT`
/// (`((sqlite3_destructor_type)-1)`), as C's own casts give them.
#[test]
fn pointer_constants() {
    assert_eq!(abi::mman::MAP_FAILED as isize, -1);
    assert_eq!(api::mman::MAP_FAILED, abi::mman::MAP_FAILED);
    let transient = abi::sqlite3::SQLITE_TRANSIENT();
    assert_eq!(transient.map(|f| f as usize), Some(usize::MAX));
    assert!(api::sqlite3::SQLITE_STATIC().is_none());
}
