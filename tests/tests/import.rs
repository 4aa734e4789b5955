//! The crate's own headers imported whole, in both modes, and called for real (the
//! system's libraries are in `import_system.rs`); the C library's `<stdio.h>` too.

use cffi_core::cdef;
use cffi_core::ffi;

cdef! {
    #[cffi(abi, lib = env!("CFFI_HANDLES_LIB"), import = "c/handles.h")]
    pub unsafe mod handles_abi {}
}

cdef! {
    #[cffi(api, import = "c/handles.h", source = "c/handles.c")]
    pub unsafe mod handles_api {}
}

cdef! {
    #[cffi(abi, lib = env!("CFFI_HANDLES_LIB"), import = "c/handles.h", allow = "COMM_.*|comm_id")]
    pub unsafe mod handles_allowed {}
}

/// An address constant `allow` keeps brings the global it points to, whatever `allow` says
/// of the global's name (Open MPI's `MPI_COMM_WORLD` is `&ompi_mpi_comm_world`).
#[test]
fn allowed_address_constants_keep_their_globals() {
    let lib = handles_allowed::Lib::load().unwrap();
    // SAFETY: the handle points to the library's live global.
    assert_eq!(unsafe { lib.comm_id(lib.COMM_WORLD()) }, 7);
}

/// Constants that are addresses of globals (`#define COMM_WORLD ((Comm) &(world_comm))`, as
/// Open MPI's handles are) are methods of the library owner giving the address, and pass
/// back to C as the handles they are.
#[test]
fn address_constants_are_the_globals_addresses() {
    let abi = handles_abi::Lib::load().unwrap();
    let api = handles_api::Lib::load().unwrap();
    // SAFETY: the handles point to the library's live globals.
    unsafe {
        assert_eq!(abi.comm_id(abi.COMM_WORLD()), 7);
        assert_eq!(abi.comm_id(abi.COMM_SELF()), 1);
        assert_eq!(api.comm_id(api.COMM_WORLD()), 7);
        assert_eq!(api.comm_id(api.COMM_SELF()), 1);
        assert_eq!(abi.comm_id(handles_abi::COMM_NULL), -1);
    }
    assert_eq!(abi.COMM_WORLD(), abi.world_comm_ptr());
    assert_eq!(api.COMM_WORLD(), api.world_comm_ptr());
}

cdef! {
    #[cffi(abi, lib = env!("CFFI_TRAITS_LIB"), import = "c/traits.h")]
    pub unsafe mod traits_abi {}
}

cdef! {
    #[cffi(api, import = "c/traits.h", source = "c/traits.c")]
    pub unsafe mod traits_api {}
}

/// A record holding a field Rust has no type for keeps C's layout (as bytes, with accessors
/// for the other fields), instead of a Rust struct missing the field; and a header's
/// function that is also a function-like macro is called as the function.
#[test]
fn records_with_fields_rust_cannot_type_keep_their_layout() {
    // `int`, a pointer and a `double`, each aligned (`double` to 4 in i386 System V records).
    let size = match (cfg!(target_pointer_width = "64"), cfg!(windows)) {
        (true, _) => 24,
        (false, true) => 16,
        (false, false) => 12,
    };
    assert_eq!(std::mem::size_of::<traits_abi::series>(), size);
    let mut s = traits_abi::series::default();
    s.set_n(3);
    s.set_scale(0.5);
    let mut t = traits_api::series::default();
    t.set_n(4);
    t.set_scale(1.5);
    let (abi, api) = (
        traits_abi::Lib::load().unwrap(),
        traits_api::Lib::load().unwrap(),
    );
    // SAFETY: the records are valid for reading.
    unsafe {
        assert_eq!((abi.series_n(&s), abi.series_scale(&s)), (3, 0.5));
        assert_eq!((api.series_n(&t), api.series_scale(&t)), (4, 1.5));
        assert_eq!((abi.twice(21), api.twice(21)), (42, 42));
    }
}

cdef! {
    #[cffi(abi, lib = "c", import = "<stdio.h>", allow = "fopen|fclose|fputs|FILE")]
    pub unsafe mod stdio_abi {}
}

cdef! {
    #[cffi(api, import = "<stdio.h>", allow = "fopen|fclose|fputs|FILE")]
    pub unsafe mod stdio_api {}
}

// The standard streams are globals under their macro names in the Unix C libraries: glibc's
// `#define stdout stdout`, Apple's `#define stdout __stdoutp`. (MinGW's are function calls.)
#[cfg(unix)]
cdef! {
    #[cffi(abi, lib = "c", import = "<stdio.h>", allow = "stdout|fflush")]
    pub unsafe mod streams_abi {}
}

#[cfg(unix)]
cdef! {
    #[cffi(api, import = "<stdio.h>", allow = "stdout|fflush")]
    pub unsafe mod streams_api {}
}

#[cfg(unix)]
#[test]
fn the_standard_streams_are_bound_by_their_names() {
    let abi = streams_abi::Lib::load().unwrap();
    let api = streams_api::Lib::load().unwrap();
    // SAFETY: no other thread assigns the stream; flushing it is always allowed.
    unsafe {
        let out = abi.stdout();
        assert!(!out.is_null());
        assert_eq!(out, api.stdout());
        assert_eq!(api.fflush(out), 0);
    }
}

/// `FILE` is one Rust type in every module: a stream one module opens passes to another's
/// functions, and to hand-written declarations' `FILE *`.
#[test]
fn file_is_one_type_across_modules() {
    let abi = stdio_abi::Lib::load().unwrap();
    let api = stdio_api::Lib::load().unwrap();
    let path = std::env::temp_dir().join(format!("cffi-file-{}.txt", std::process::id()));
    let cpath = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: valid strings; the stream is closed once.
    unsafe {
        let f: *mut ffi::FILE = abi.fopen(&cpath, c"w");
        assert!(!f.is_null());
        assert!(api.fputs(c"one type", f) >= 0);
        assert_eq!(api.fclose(f), 0);
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "one type");
    std::fs::remove_file(path).unwrap();
}

cdef! {
    /// A library whose include directory the module adds, with headers in a subdirectory.
    #[cffi(api, import = "<ownlib.h>", cflags = "-Ic/ownlib/include", source = "c/ownlib/ownlib.c")]
    pub unsafe mod ownlib {}
}

/// The subdirectories of a directory the module's flags add to the include path are the
/// library's own (as `<Python.h>`'s `cpython/`): their declarations are bound.
#[test]
fn a_library_s_own_subdirectories_are_its_own() {
    let lib = ownlib::Lib::load().unwrap();
    // SAFETY: scalars.
    let (top, detail) = unsafe { (lib.ownlib_top(1), lib.ownlib_detail(2)) };
    assert_eq!((top, detail), (2, 42));
    assert_eq!(ownlib::OWNLIB_ANSWER, 40);
}

cdef! {
    /// A header whose `struct timespec` has other field types than the C library's.
    #[cffi(api, import = "c/own_time.h", source = "c/own_time.c")]
    pub unsafe mod own_time {}
}

/// A record is the shared C library type only with the same field types, not only the same
/// field names: C writes doubles here, which Rust must read as doubles.
#[test]
fn a_record_named_as_a_c_library_record_with_other_fields_is_its_own() {
    let lib = own_time::Lib::load().unwrap();
    let mut ts = own_time::timespec::default();
    let mut tv = own_time::timeval::default();
    // SAFETY: both point to live records of the header's types.
    unsafe { lib.fill_time(&mut ts, &mut tv) };
    assert_eq!((ts.tv_sec, ts.tv_nsec), (1.5, 0.25));
    assert_eq!((tv.tv_sec, tv.tv_usec), (-1, 4_000_000_000));
}

cdef! {
    /// The fixture's header over a library that has none of its functions, as a build of a
    /// library may leave out functions its header declares.
    #[cffi(abi, lib = env!("CFFI_HANDLES_LIB"), import = "c/fixture.h", allow = "add1|half", safe = "add1|half")]
    pub unsafe mod fixture_over_other_library {}
}

/// An imported header's function the loaded library lacks does not stop it loading; calling
/// it panics, naming it.
#[test]
fn a_header_function_the_library_lacks_panics_when_called() {
    let lib = fixture_over_other_library::Lib::load().unwrap();
    let add1 = std::panic::catch_unwind(|| lib.add1(1)).unwrap_err();
    let half = std::panic::catch_unwind(|| lib.half(1.0)).unwrap_err();
    for (panic, name) in [(add1, "add1"), (half, "half")] {
        let message = panic.downcast_ref::<String>().unwrap();
        assert!(
            message.contains(&format!("the loaded library has no `{name}`")),
            "{message}"
        );
    }
}

cdef! {
    /// Only the macros are allowed: the enum whose enumerators they name comes with them.
    #[cffi(abi, lib = "c", import = "c/clocks.h", allow = "CLOCK_.*")]
    pub unsafe mod clocks {}
}

#[test]
fn an_allowed_macro_naming_an_enumerator_keeps_its_enum() {
    let clocks: [clocks::clockid_t; 2] = [clocks::CLOCK_REALTIME, clocks::CLOCK_MONOTONIC];
    assert_eq!(clocks.map(|c| c.0), [0, 6]);
}

cdef! {
    #[cffi(abi, lib = "c", import = "c/darwin_pthread.h")]
    pub unsafe mod darwin_threads {}
}

/// Apple's threading objects are the shared `Pthread` types too, of the header's size: a mutex
/// one module makes passes to another's functions.
#[test]
fn apple_s_threading_objects_are_the_shared_types() {
    use cffi_core::ffi::{Pthread, pthread_kind};
    use std::any::TypeId;
    // The header's `long` signature: 8 bytes on LP64, 4 on Windows' LLP64.
    #[cfg(not(windows))]
    type Bytes<const LP64: usize, const LLP64: usize> = [u64; LP64];
    #[cfg(windows)]
    type Bytes<const LP64: usize, const LLP64: usize> = [u32; LLP64];
    assert_eq!(
        TypeId::of::<darwin_threads::pthread_mutex_t>(),
        TypeId::of::<Pthread<pthread_kind::Mutex, Bytes<8, 15>>>()
    );
    assert_eq!(
        TypeId::of::<darwin_threads::pthread_cond_t>(),
        TypeId::of::<Pthread<pthread_kind::Cond, Bytes<6, 11>>>()
    );
}

cdef! {
    #[cffi(api, import = "c/global_alias.h", source = "c/global_alias.c")]
    pub unsafe mod global_alias_api {}
}

#[cfg(target_os = "linux")]
cdef! {
    #[cffi(abi, lib = "c")]
    pub unsafe mod global_alias_abi {
        extern char *program_invocation_short_name;
        #define short_name program_invocation_short_name
    }
}

/// A macro naming a global is the global under the macro's name, as C programs reach it:
/// in API mode through the C, in ABI mode by the global's own symbol.
#[test]
fn a_macro_naming_a_global_reaches_the_global() {
    let api = global_alias_api::Lib::load().unwrap();
    assert_eq!(api.alias_hits_ptr(), api.alias_storage_ptr());
    // SAFETY: no other thread touches the global.
    unsafe {
        api.set_alias_hits(8);
        assert_eq!(api.alias_storage(), 8);
    }
    #[cfg(target_os = "linux")]
    {
        let abi = global_alias_abi::Lib::load().unwrap();
        assert_eq!(
            abi.short_name_ptr(),
            abi.program_invocation_short_name_ptr()
        );
    }
}
