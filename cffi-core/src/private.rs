//! What generated code needs. Not part of the public API: names here may change at any time.

use std::marker::{PhantomData, PhantomPinned};
use std::ptr::NonNull;

pub use crate::error::LoadError;
pub use crate::extern_slot::{ExternSlot, unattached};
pub use crate::library::{Library, LoadOptions};
pub use crate::symbols::{Args, Symbols, call};
pub use core::ffi::{
    CStr, c_char, c_double, c_float, c_int, c_long, c_longlong, c_schar, c_short, c_uchar, c_uint,
    c_ulong, c_ulonglong, c_ushort, c_void,
};
pub use core::mem::{align_of, offset_of, size_of, transmute_copy};
pub use core::option::Option;
pub use core::result::Result;
pub use std::sync::Arc;

/// C's `wchar_t`.
#[allow(non_camel_case_types)]
#[cfg(windows)]
pub type c_wchar = u16;
/// C's `wchar_t`.
#[allow(non_camel_case_types)]
#[cfg(all(not(windows), any(target_arch = "aarch64", target_arch = "arm")))]
pub type c_wchar = u32;
/// C's `wchar_t`.
#[allow(non_camel_case_types)]
#[cfg(all(not(windows), not(any(target_arch = "aarch64", target_arch = "arm"))))]
pub type c_wchar = i32;

/// The address of a global variable of a loaded library: an address only, so it may be shared
/// between threads; every read and write through it is the user's `unsafe`.
#[derive(Debug)]
pub struct Global<T>(NonNull<T>);

// SAFETY: a `Global` hands out only a raw pointer; using it is `unsafe` for the user.
unsafe impl<T> Send for Global<T> {}
// SAFETY: as for `Send`.
unsafe impl<T> Sync for Global<T> {}

impl<T> Global<T> {
    pub fn new(address: *mut c_void) -> Option<Global<T>> {
        NonNull::new(address.cast()).map(Global)
    }

    pub fn as_ptr(&self) -> *mut T {
        self.0.as_ptr()
    }
}

/// Checks at compile time that Rust lays records out as C does. `rust` holds, for each record,
/// the message to fail with and Rust's numbers: size, alignment, then (for a struct) each
/// field's offset; `c` holds C's numbers for the target being compiled, in the same order, or
/// an empty row where the layout engine has none.
pub const fn check_layouts(rust: &[(&str, &[usize])], c: &[&[usize]]) {
    let mut i = 0;
    while i < rust.len() && i < c.len() {
        let (what, numbers) = rust[i];
        let expected = c[i];
        if !expected.is_empty() {
            let mut j = 0;
            while j < numbers.len() && j < expected.len() {
                if numbers[j] != expected[j] {
                    panic!("{}", what);
                }
                j += 1;
            }
        }
        i += 1;
    }
}

/// A variadic C function of a loaded library, borrowed from it. Call it through `*`:
/// `unsafe { (*lib.printf())(fmt, 42) }`. The borrow ties the `Variadic` to the library, but
/// `*` copies the function pointer out, and a copy kept past the library's owner points into
/// an unloaded library: calling it is `unsafe`, and the generated method's documentation says
/// so.
#[derive(Debug, Clone, Copy)]
pub struct Variadic<'lib, F> {
    f: F,
    _lib: PhantomData<&'lib ()>,
}

impl<F> Variadic<'_, F> {
    pub fn new(f: F) -> Self {
        Variadic {
            f,
            _lib: PhantomData,
        }
    }
}

impl<F> core::ops::Deref for Variadic<'_, F> {
    type Target = F;
    fn deref(&self) -> &F {
        &self.f
    }
}

/// C's `FILE`: only ever used through a pointer.
#[repr(C)]
pub struct FILE {
    _opaque: [u8; 0],
    _not_send_sync_unpin: PhantomData<(*mut u8, PhantomPinned)>,
}

impl core::fmt::Debug for FILE {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("FILE")
    }
}

/// Reads `width` bits at bit `offset` of `bytes` (bit-fields as gcc allocates them on
/// little-endian targets: from the least significant bit up), sign-extended if `signed`.
pub fn read_bits(bytes: &[u8], offset: usize, width: usize, signed: bool) -> i128 {
    let mut v: u128 = 0;
    for i in 0..width {
        let bit = offset + i;
        if bytes[bit / 8] >> (bit % 8) & 1 == 1 {
            v |= 1 << i;
        }
    }
    if signed && width > 0 && width < 128 && (v >> (width - 1)) & 1 == 1 {
        (v as i128) - (1i128 << width)
    } else {
        v as i128
    }
}

/// Writes the low `width` bits of `value` at bit `offset` of `bytes`.
pub fn write_bits(bytes: &mut [u8], offset: usize, width: usize, value: i128) {
    for i in 0..width {
        let bit = offset + i;
        let mask = 1u8 << (bit % 8);
        if (value >> i) & 1 == 1 {
            bytes[bit / 8] |= mask;
        } else {
            bytes[bit / 8] &= !mask;
        }
    }
}

pub use crate::ffi::{CType, IntoCPtr};

/// `CType` and `Default` (all bytes zero, as C's `= {0}`) for a generated record:
/// `zeroable!(unsafe name)`. The `unsafe` is the caller's promise that every field type of
/// `name` is valid when all its bytes are zero. One line per record instead of two impls, in a
/// header of hundreds of records.
#[doc(hidden)]
#[macro_export]
macro_rules! __cffi_zeroable {
    (unsafe $name:ident) => {
        // SAFETY: the caller's, by the `unsafe` it wrote.
        unsafe impl $crate::ffi::CType for $name {}

        impl ::core::default::Default for $name {
            /// All bytes zero, as C's `= {0}`.
            fn default() -> Self {
                // SAFETY: as for `CType`.
                unsafe { ::core::mem::zeroed() }
            }
        }
    };
}
pub use crate::__cffi_zeroable as zeroable;

/// A pointer parameter's argument as its C pointer: the conversion the parameter's only bound,
/// `impl IntoCPtr<T>`, gives (a free function, so that a call is few tokens).
#[inline(always)]
pub fn into_c_ptr<T, P: IntoCPtr<T>>(p: P) -> T {
    p.into_c_ptr()
}

/// A zeroed `T`, for out-parameters.
pub fn zeroed<T: CType>() -> T {
    // SAFETY: `T: CType` is valid when all bytes are zero.
    unsafe { core::mem::zeroed() }
}

/// Converts a slice length to the C integer type of a length parameter, panicking with the
/// parameter's name if it does not fit.
pub fn length<N: TryFrom<usize>>(len: usize, param: &str, c_type: &str) -> N {
    N::try_from(len).unwrap_or_else(|_| {
        panic!("a slice of {len} elements is too long for `{param}`, a C `{c_type}`")
    })
}

/// Checks that two slices described by one C length parameter agree.
pub fn same_length(first: (&str, usize), other: (&str, usize), param: &str) {
    if first.1 != other.1 {
        panic!(
            "`{}` has {} elements but `{}` has {}; both are described by `{param}`",
            first.0, first.1, other.0, other.1
        );
    }
}

/// Checks that a slice has the element count its length expression gives (`slice(u, nx *
/// ny)`); `want` is `None` when computing it overflowed or a parameter was negative.
pub fn expected_length(param: &str, len: usize, want: Option<usize>, expr: &str) {
    match want {
        Some(want) if want == len => {}
        Some(want) => panic!("`{param}` has {len} elements, but `{expr}` is {want}"),
        None => panic!("the length of `{param}`, `{expr}`, is negative or overflows"),
    }
}

/// Called for a function an imported header declares but the loaded library lacks.
#[cold]
pub fn absent(symbol: &str) -> ! {
    panic!(
        "the loaded library has no `{symbol}`: its header declares it, but this build of the library leaves it out"
    )
}

#[cfg(test)]
mod tests {
    use super::check_layouts;

    #[test]
    fn layouts_that_agree_pass_and_rows_without_numbers_are_skipped() {
        check_layouts(
            &[("a", &[8, 4, 0, 4]), ("b", &[1, 1])],
            &[&[8, 4, 0, 4], &[]],
        );
    }

    #[test]
    #[should_panic(expected = "layout of `b` differs")]
    fn a_field_offset_that_differs_names_its_record() {
        check_layouts(
            &[
                ("a", &[8, 4, 0, 4]),
                ("layout of `b` differs", &[16, 8, 0, 8]),
            ],
            &[&[8, 4, 0, 4], &[16, 8, 0, 4]],
        );
    }

    #[test]
    #[should_panic(expected = "layout of `a` differs")]
    fn a_size_that_differs_fails() {
        check_layouts(&[("layout of `a` differs", &[8, 4])], &[&[12, 4]]);
    }
}
