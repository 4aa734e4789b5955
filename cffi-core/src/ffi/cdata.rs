//! Which Rust types are C data.

/// A C object type: `#[repr(C)]`-compatible, `Copy`, and valid when all its bytes are zero,
/// which is how [`new`](super::new) and [`new_array`](super::new_array) create it.
///
/// # Safety
///
/// Implementors must be valid for the all-zero bit pattern and have no drop glue. `cdef!`
/// implements it for every struct, union and enum it generates.
pub unsafe trait CType: Copy + 'static {}

macro_rules! ctype {
    ($($t:ty),*) => { $(
        // SAFETY: integers, floats and `bool` are valid when zero.
        unsafe impl CType for $t {}
    )* };
}

ctype!(
    i8, u8, i16, u16, i32, u32, i64, u64, i128, u128, isize, usize, f32, f64, bool
);

// SAFETY: a null raw pointer is a valid raw pointer.
unsafe impl<T: 'static> CType for *const T {}
// SAFETY: as above.
unsafe impl<T: 'static> CType for *mut T {}
// SAFETY: an array of zero-valid elements is zero-valid.
unsafe impl<T: CType, const N: usize> CType for [T; N] {}

macro_rules! fn_ctype {
    ($($a:ident),*) => {
        // SAFETY: `None` is the all-zero `Option` of a function pointer.
        unsafe impl<R: 'static, $($a: 'static),*> CType for Option<unsafe extern "C" fn($($a),*) -> R> {}
        // SAFETY: as above.
        unsafe impl<R: 'static, $($a: 'static),*> CType for Option<extern "C" fn($($a),*) -> R> {}
    };
}

fn_ctype!();
fn_ctype!(A);
fn_ctype!(A, B);
fn_ctype!(A, B, C);
fn_ctype!(A, B, C, D);
fn_ctype!(A, B, C, D, E);
fn_ctype!(A, B, C, D, E, F);
fn_ctype!(A, B, C, D, E, F, G);
fn_ctype!(A, B, C, D, E, F, G, H);
