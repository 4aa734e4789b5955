//! Windows' own API, as a Windows user binds it: kernel32's functions declared by hand in ABI
//! mode (`lib = "kernel32"`), checked against `<windows.h>` in API mode, and imported from
//! `<windows.h>` itself; `SYSTEMTIME` filled through a pointer in each. Run under wine on
//! Linux (`scripts/wine_tests.sh`). The functions are `WINAPI`, `__stdcall` on 32-bit
//! Windows (where the callee pops its arguments) and the one convention on 64-bit Windows.
#![cfg(windows)]

use cffi_core::cdef;

cdef! {
    /// By name, from kernel32.dll.
    #[cffi(abi, lib = "kernel32")]
    pub unsafe mod kernel32_abi {
        typedef unsigned short WORD;
        typedef unsigned long DWORD;
        typedef struct _SYSTEMTIME {
            WORD wYear; WORD wMonth; WORD wDayOfWeek; WORD wDay;
            WORD wHour; WORD wMinute; WORD wSecond; WORD wMilliseconds;
        } SYSTEMTIME;
        DWORD WINAPI GetTickCount(void);
        DWORD WINAPI GetCurrentProcessId(void);
        #[cffi(one(time))]
        void WINAPI GetSystemTime(SYSTEMTIME *time);
    }
}

cdef! {
    /// The same declarations, each checked by MinGW's gcc against `<windows.h>`.
    #[cffi(api, include = "<windows.h>")]
    pub unsafe mod kernel32_api {
        typedef unsigned short WORD;
        typedef unsigned long DWORD;
        typedef struct _SYSTEMTIME {
            WORD wYear; WORD wMonth; WORD wDayOfWeek; WORD wDay;
            WORD wHour; WORD wMinute; WORD wSecond; WORD wMilliseconds;
        } SYSTEMTIME;
        DWORD WINAPI GetTickCount(void);
        DWORD WINAPI GetCurrentProcessId(void);
        #[cffi(one(time))]
        void WINAPI GetSystemTime(SYSTEMTIME *time);
    }
}

cdef! {
    /// `<windows.h>` itself, the declarations `allow` names.
    #[cffi(api, import = "<windows.h>", allow = "GetTickCount|GetCurrentProcessId|GetSystemTime|SYSTEMTIME|LPSYSTEMTIME")]
    pub mod windows_import {}
}

cdef! {
    /// C99's maths, which only the Universal CRT has among Windows' C runtimes.
    #[cffi(abi, lib = "m")]
    pub unsafe mod c99 {
        double log2(double x);
        double cbrt(double x);
    }
}

#[test]
fn c99_maths_from_lib_m() {
    let m = c99::Lib::load().unwrap();
    assert_eq!((m.log2(1024.0), m.cbrt(27.0)), (10.0, 3.0));
}

#[test]
fn kernel32_by_name_in_abi_mode() {
    let k = kernel32_abi::Lib::load().unwrap();
    assert!(
        k.library().path().to_ascii_lowercase().contains("kernel32"),
        "{}",
        k.library().path()
    );
    assert_eq!(k.GetCurrentProcessId(), std::process::id());
    let mut t = kernel32_abi::SYSTEMTIME::default();
    k.GetSystemTime(&mut t);
    assert!(
        t.wYear >= 2024 && (1..=12).contains(&t.wMonth),
        "{}-{}",
        t.wYear,
        t.wMonth
    );
    let (a, b) = (k.GetTickCount(), k.GetTickCount());
    assert!(b.wrapping_sub(a) < 1000);
}

#[test]
fn kernel32_checked_against_windows_h_in_api_mode() {
    let k = kernel32_api::Lib::load().unwrap();
    assert_eq!(k.GetCurrentProcessId(), std::process::id());
    let mut t = kernel32_api::SYSTEMTIME::default();
    k.GetSystemTime(&mut t);
    assert!(
        t.wYear >= 2024 && (1..=12).contains(&t.wMonth),
        "{}-{}",
        t.wYear,
        t.wMonth
    );
    assert_eq!(std::mem::size_of::<kernel32_api::SYSTEMTIME>(), 16);
}

#[test]
fn windows_h_imported() {
    let k = windows_import::Lib::load().unwrap();
    // SAFETY: no arguments.
    assert_eq!(unsafe { k.GetCurrentProcessId() }, std::process::id());
    let mut t = windows_import::SYSTEMTIME::default();
    // SAFETY: `t` is a SYSTEMTIME to fill.
    unsafe { k.GetSystemTime(&mut t) };
    assert!(t.wYear >= 2024, "{}", t.wYear);
    // `DWORD` is `unsigned long`, 32 bits on Windows (LLP64).
    // SAFETY: no arguments.
    let (a, b): (u32, u32) = unsafe { (k.GetTickCount(), k.GetTickCount()) };
    assert!(b.wrapping_sub(a) < 1000);
}

cdef! {
    /// A record Rust holds as bytes (`long double`), laid out by the engine for this target.
    #[cffi(abi, lib = "kernel32", import = "c/long_double.h")]
    pub unsafe mod ld_abi {}
}

cdef! {
    /// The same record's size and alignment, from MinGW's gcc.
    #[cffi(api, include = "c/long_double.h")]
    pub mod ld_api {
        #define LD_SIZE ...
        #define LD_ALIGN ...
    }
}

/// ABI mode lays a record out for the Windows target it is built for: MinGW's `long double`,
/// not MSVC's (on 32-bit Windows the engine used MSVC's layout for both: 24 bytes for 20).
#[test]
fn a_record_with_long_double_has_mingw_s_layout() {
    assert_eq!(
        std::mem::size_of::<ld_abi::ld>() as u64,
        ld_api::LD_SIZE as u64
    );
    assert_eq!(
        std::mem::align_of::<ld_abi::ld>() as u64,
        ld_api::LD_ALIGN as u64
    );
}
