//! The header corpus, part of it: data formats, stores and messaging.
//! Each header is imported whole in ABI mode and in API mode, and its library called for
//! real.

use std::ffi::c_int;

use cffi_core::ffi;
use cffi_corpus::both_modes;

/// These headers in ABI mode.
mod abi {
    use cffi_core::cdef;
    cdef! {
        #[cffi(abi, lib = "expat", import = "<expat.h>")]
        pub unsafe mod expat {}
    }
    cdef! {
        #[cffi(abi, lib = "lmdb", import = "<lmdb.h>")]
        pub unsafe mod lmdb {}
    }
    cdef! {
        #[cffi(abi, lib = "gdbm", import = "<gdbm.h>")]
        pub unsafe mod gdbm {}
    }
    cdef! {
        #[cffi(abi, lib = "zmq", import = "<zmq.h>")]
        pub unsafe mod zmq {}
    }
    cdef! {
        #[cffi(abi, lib = "cjson", import = "<cjson/cJSON.h>")]
        pub unsafe mod cjson {}
    }
}

/// These headers in API mode.
mod api {
    use cffi_core::cdef;
    cdef! {
        #[cffi(api, import = "<expat.h>", link = "expat")]
        pub unsafe mod expat {}
    }
    cdef! {
        #[cffi(api, import = "<lmdb.h>", link = "lmdb")]
        pub unsafe mod lmdb {}
    }
    cdef! {
        #[cffi(api, import = "<gdbm.h>", link = "gdbm")]
        pub unsafe mod gdbm {}
    }
    cdef! {
        #[cffi(api, import = "<zmq.h>", link = "zmq")]
        pub unsafe mod zmq {}
    }
    cdef! {
        #[cffi(api, import = "<cjson/cJSON.h>", link = "cjson")]
        pub unsafe mod cjson {}
    }
}
both_modes!(expat_parses_a_document, expat, |lib| {
    let v = ffi::string(lib.XML_ExpatVersion());
    assert!(v.to_bytes().starts_with(b"expat_"), "{v:?}");
    let parser = lib.XML_ParserCreate(ffi::null());
    let xml = b"<root><child/></root>";
    let status = lib.XML_Parse(parser, xml.as_ptr().cast(), xml.len() as c_int, 1);
    assert_eq!(status, m::XML_STATUS_OK);
    lib.XML_ParserFree(parser);
});

both_modes!(lmdb_version, lmdb, |lib| {
    let (mut major, mut minor, mut patch) = (0, 0, 0);
    assert!(
        !lib.mdb_version(&mut major, &mut minor, &mut patch)
            .is_null()
    );
    assert_eq!((major, minor), (m::MDB_VERSION_MAJOR, m::MDB_VERSION_MINOR));
});

both_modes!(gdbm_version, gdbm, |lib| {
    let v = ffi::string(lib.gdbm_version());
    assert!(v.to_bytes().starts_with(b"GDBM version"), "{v:?}");
    assert_eq!(lib.gdbm_version_number()[0], m::GDBM_VERSION_MAJOR);
});

both_modes!(zmq_version_and_context, zmq, |lib| {
    let (mut major, mut minor, mut patch) = (0, 0, 0);
    lib.zmq_version(&mut major, &mut minor, &mut patch);
    assert_eq!(major, m::ZMQ_VERSION_MAJOR);
    let ctx = lib.zmq_ctx_new();
    assert!(!ctx.is_null());
    assert_eq!(lib.zmq_ctx_term(ctx), 0);
});

both_modes!(cjson_parses_an_object, cjson, |lib| {
    let json = lib.cJSON_Parse(c"{\"answer\": 42}");
    assert!(!json.is_null());
    let item = lib.cJSON_GetObjectItem(json, c"answer");
    assert_eq!((*item).valueint, 42);
    lib.cJSON_Delete(json);
});
