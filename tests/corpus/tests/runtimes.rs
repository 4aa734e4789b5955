//! The header corpus, part of it: language runtimes embedded through their C headers: CPython, Tcl,
//! LuaJIT and Duktape.
//! Each header is imported whole in ABI mode and in API mode, and its library called for
//! real.

use cffi_core::ffi;
use cffi_corpus::both_modes;

/// These headers in ABI mode.
mod abi {
    use cffi_core::cdef;
    cdef! {
        #[cffi(abi, lib = "python3.11", import = "<Python.h>", pkg_config = "python3-embed")]
        pub unsafe mod python {}
    }
    cdef! {
        #[cffi(abi, lib = "tcl8.6", import = "<tcl.h>", pkg_config = "tcl")]
        pub unsafe mod tcl {}
    }
    cdef! {
        #[cffi(abi, lib = "luajit-5.1", import = "<luajit-2.1/lua.h> <luajit-2.1/lauxlib.h> <luajit-2.1/lualib.h> <luajit-2.1/luajit.h>")]
        pub unsafe mod luajit {}
    }
    cdef! {
        #[cffi(abi, lib = "duktape", import = "<duktape.h>")]
        pub unsafe mod duktape {}
    }
}

/// These headers in API mode.
mod api {
    use cffi_core::cdef;
    cdef! {
        #[cffi(api, import = "<Python.h>", pkg_config = "python3-embed")]
        pub unsafe mod python {}
    }
    cdef! {
        #[cffi(api, import = "<tcl.h>", pkg_config = "tcl")]
        pub unsafe mod tcl {}
    }
    cdef! {
        #[cffi(api, import = "<luajit-2.1/lua.h> <luajit-2.1/lauxlib.h> <luajit-2.1/lualib.h> <luajit-2.1/luajit.h>", link = "luajit-5.1")]
        pub unsafe mod luajit {}
    }
    cdef! {
        #[cffi(api, import = "<duktape.h>", link = "duktape")]
        pub unsafe mod duktape {}
    }
}
both_modes!(python_runs_code, python, |lib| {
    // One interpreter for both modes: the second finds it running.
    if lib.Py_IsInitialized() == 0 {
        lib.Py_InitializeEx(0);
    }
    // `PyRun_SimpleString` is declared in `cpython/pythonrun.h`, one of the header's own files.
    assert_eq!(
        lib.PyRun_SimpleString(c"import sys; assert sys.version_info[0] == 3"),
        0
    );
    let product = lib.PyNumber_Multiply(lib.PyLong_FromLong(6), lib.PyLong_FromLong(7));
    assert_eq!(lib.PyLong_AsLong(product), 42);
    assert_eq!(lib.Py_GetVersion().read() as u8, b'3');
});

both_modes!(tcl_evaluates_a_script, tcl, |lib| {
    lib.Tcl_FindExecutable(ffi::null());
    let interp = lib.Tcl_CreateInterp();
    assert_eq!(lib.Tcl_Eval(interp, c"expr {6 * 7}"), m::TCL_OK);
    assert_eq!(
        ffi::string(lib.Tcl_GetStringResult(interp)).to_str(),
        Ok("42")
    );
    lib.Tcl_DeleteInterp(interp);
});

both_modes!(luajit_runs_a_chunk, luajit, |lib| {
    let state = lib.luaL_newstate();
    lib.luaL_openlibs(state);
    assert_eq!(lib.luaL_loadstring(state, c"return 6 * 7"), 0);
    assert_eq!(lib.lua_pcall(state, 0, 1, 0), 0);
    assert_eq!(lib.lua_tointeger(state, -1), 42);
    assert_eq!(m::LUAJIT_VERSION_NUM / 10000, 2);
    lib.lua_close(state);
});

both_modes!(duktape_evaluates_a_script, duktape, |lib| {
    let ctx = lib.duk_create_heap(None, None, None, std::ptr::null_mut(), None);
    assert!(!ctx.is_null());
    // `duk_peval_string(ctx, src)`, a macro, written out.
    let flags = m::DUK_COMPILE_EVAL
        | m::DUK_COMPILE_SAFE
        | m::DUK_COMPILE_NOSOURCE
        | m::DUK_COMPILE_STRLEN
        | m::DUK_COMPILE_NOFILENAME;
    assert_eq!(lib.duk_eval_raw(ctx, c"6 * 7".as_ptr(), 0, flags as _), 0);
    assert_eq!(lib.duk_get_int(ctx, -1), 42);
    lib.duk_destroy_heap(ctx);
});
