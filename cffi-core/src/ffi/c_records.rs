//! C library records that are one Rust type in every module, as `FILE` is: a `struct tm`
//! that one module's `gmtime_r` fills passes to another module's `mktime`. Whole-header
//! imports use these types when the header's record has exactly these fields (glibc's and
//! the BSDs' and macOS's do; musl's `struct tm` names its last two `__tm_gmtoff` and
//! `__tm_zone`, so it is not shared), and assert at compile time that the layouts agree; any
//! other record of the same name gets a type of its own.

use core::ffi::{c_char, c_int, c_long};

use super::cdata::CType;

/// C's `time_t` where these records use it: a `long` on the C libraries they are shared on.
type Seconds = c_long;

/// C's `suseconds_t`: an `int` on Apple's C library, a `long` on the others.
#[cfg(target_vendor = "apple")]
type Microseconds = i32;
#[cfg(not(target_vendor = "apple"))]
type Microseconds = c_long;

/// C's `struct tm` (`<time.h>`): a broken-down time.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct tm {
    /// Seconds after the minute, 0 to 60.
    pub tm_sec: c_int,
    /// Minutes after the hour, 0 to 59.
    pub tm_min: c_int,
    /// Hours since midnight, 0 to 23.
    pub tm_hour: c_int,
    /// Day of the month, 1 to 31.
    pub tm_mday: c_int,
    /// Months since January, 0 to 11.
    pub tm_mon: c_int,
    /// Years since 1900.
    pub tm_year: c_int,
    /// Days since Sunday, 0 to 6.
    pub tm_wday: c_int,
    /// Days since 1 January, 0 to 365.
    pub tm_yday: c_int,
    /// Daylight saving time: positive if in effect, 0 if not, negative if unknown.
    pub tm_isdst: c_int,
    /// Seconds east of UTC.
    pub tm_gmtoff: c_long,
    /// The time zone's abbreviation, owned by the C library (or null).
    pub tm_zone: *const c_char,
}

/// C's `struct timespec` (`<time.h>`): seconds and nanoseconds.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct timespec {
    /// Whole seconds since the epoch (1970-01-01 UTC), or a duration's seconds.
    pub tv_sec: Seconds,
    /// Nanoseconds, 0 to 999,999,999.
    pub tv_nsec: c_long,
}

/// C's `struct timeval` (`<sys/time.h>`): seconds and microseconds.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct timeval {
    /// Whole seconds since the epoch (1970-01-01 UTC), or a duration's seconds.
    pub tv_sec: Seconds,
    /// Microseconds, 0 to 999,999.
    pub tv_usec: Microseconds,
}

impl Default for tm {
    /// All zero, as C's `= {0}`: midnight, 0 January 1900, no time zone name.
    fn default() -> tm {
        tm {
            tm_sec: 0,
            tm_min: 0,
            tm_hour: 0,
            tm_mday: 0,
            tm_mon: 0,
            tm_year: 0,
            tm_wday: 0,
            tm_yday: 0,
            tm_isdst: 0,
            tm_gmtoff: 0,
            tm_zone: core::ptr::null(),
        }
    }
}

// SAFETY: integers and raw pointers, valid when all zero; no drop glue.
unsafe impl CType for tm {}
// SAFETY: as above.
unsafe impl CType for timespec {}
// SAFETY: as above.
unsafe impl CType for timeval {}
