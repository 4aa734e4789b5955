// The generated records' `CType` and `Default` come from a macro that needs the caller's
// `unsafe`: without it, a type whose all-zero bytes are invalid (a reference) cannot get them.
pub struct Holder {
    pub r: &'static u8,
}

cffi_core::__private::zeroable!(Holder);

fn main() {}
