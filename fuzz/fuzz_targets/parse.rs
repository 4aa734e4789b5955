//! Any bytes, read as C declarations: the front end must not panic or hang, every error span
//! must lie inside the input, and everything parsed must lay out and render without panicking.
#![no_main]

use cffi_frontend::{Options, RecordId, Type, TypeKind, layout, parse, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    for lenient in [false, true] {
        let parsed = parse(src, &Options { lenient, ..Options::default() });
        for e in &parsed.errors {
            assert!(src.get(e.span.clone()).is_some(), "bad span {e:?}");
            let _ = parsed.source_map.loc(src, e.span.start);
        }
        let m = &parsed.module;
        for id in 0..m.records.len() as u32 {
            let _ = layout::record_layout(m, RecordId(id));
        }
        for f in &m.functions {
            let ty = Type::new(TypeKind::Function(Box::new(f.ty.clone())));
            let _ = render::c_decl(m, &ty, &f.name);
            let _ = m.unsupported_reason(&ty);
        }
        for t in &m.typedefs {
            let _ = layout::layout_of(m, &t.ty);
        }
    }
});
