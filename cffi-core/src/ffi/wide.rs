//! C's wide strings (`wchar_t *`): Python's `ffi.string` on a `wchar_t` pointer.

use super::wchar_t as c_wchar;

/// The NUL-terminated wide string at `p`, decoded. `wchar_t` is UTF-32 where it has 4 bytes
/// (Linux, macOS) and UTF-16 where it has 2 (Windows); what is not a valid character becomes
/// U+FFFD.
///
/// ```
/// let text: Vec<cffi_core::ffi::wchar_t> = "héllo €\0".chars().map(|c| c as _).collect();
/// // SAFETY: a NUL-terminated array of `wchar_t`.
/// assert_eq!(unsafe { cffi_core::ffi::wstring(text.as_ptr()) }, "héllo €");
/// ```
///
/// # Safety
///
/// `p` must point to `wchar_t`s valid for reads up to and including a NUL.
pub unsafe fn wstring(p: *const c_wchar) -> String {
    let mut len = 0;
    // SAFETY: the caller vouches that the units up to the NUL are readable.
    while unsafe { p.add(len).read() } != 0 {
        len += 1;
    }
    // SAFETY: as above: `len` units before the NUL.
    let units = unsafe { std::slice::from_raw_parts(p, len) };
    // `wchar_t` is `u16`, `u32` or `i32` by target: widened to `i64` first, one conversion
    // serves them all (an `as` cast would be a no-op, which lints reject, on some).
    if size_of::<c_wchar>() == 2 {
        char::decode_utf16(
            units
                .iter()
                .map(|&u| u16::try_from(i64::from(u)).unwrap_or(0xFFFD)),
        )
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
    } else {
        units
            .iter()
            .map(|&u| {
                u32::try_from(i64::from(u))
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or(char::REPLACEMENT_CHARACTER)
            })
            .collect()
    }
}
