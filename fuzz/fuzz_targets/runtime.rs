//! Any text as run-time mode's declarations, and its last line as a type name: reading them,
//! preparing each declared function against the C library (`__asm__("abs")` names reach real
//! symbols, records by value reach libffi's description), measuring the type, making an
//! object of it, reading and writing it by the names and indices the text uses, storing it
//! into the same type of a second `Ffi`, and casting to it must not panic or hang (errors
//! are values).
#![no_main]

use cffi_core::runtime::{Ffi, Kind, Value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let (decls, spelling) = src.rsplit_once('\n').unwrap_or((src, "int"));
    let mut ffi = Ffi::new();
    let _ = ffi.cdef(decls);
    let _ = ffi.cdef_header(decls);
    let names: Vec<String> = ffi.functions().map(str::to_string).collect();
    for name in &names {
        let _ = ffi.constant(name);
    }
    // SAFETY: the C library is loaded already; preparing a function calls nothing.
    if let Ok(lib) = unsafe { ffi.dlopen("c") } {
        for name in &names {
            let _ = lib.function(name);
        }
    }
    let Ok(ty) = ffi.typeof_(spelling) else { return };
    let _ = (ty.size(), ty.align(), ty.kind(), ty.name());
    for v in [Value::Int(-1), Value::Int(1 << 70), Value::Float(0.5), Value::Null] {
        let _ = ffi.cast(spelling, &v);
    }
    // Small objects only: a type of gigabytes is a valid type, not a bug.
    if ty.size().is_ok_and(|n| n <= 1 << 16) {
        let object = match ty.kind() {
            Kind::Array { len: None } => ffi.new_array(spelling, 3),
            _ => ffi.new_object(&format!("{spelling} *")),
        };
        if let Ok(mut object) = object {
            let _ = object.value();
            let _ = object.set_value(Value::Int(7));
            for word in decls.split(|c: char| !c.is_alphanumeric() && c != '_' && c != '.') {
                let _ = object.get(word);
                let _ = object.set(word, Value::Int(-3));
            }
            for i in 0..4 {
                let _ = object.get_index(i);
                let _ = object.set_index(i, Value::Float(1.0));
            }
            let _ = object.clone() == object;
            let _ = object.string();
            // The same declarations read by another `Ffi`: the same type there.
            let mut other = Ffi::new();
            if other.cdef_header(decls).is_ok()
                && let Ok(mut copy) = other.new_object(&format!("{spelling} *"))
            {
                let _ = copy.set_value(Value::from(object.clone()));
            }
        }
    }
});
