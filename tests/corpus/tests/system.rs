//! The header corpus, part of it: system and RPC headers of the C library and around it
//! (libtirpc, name lookup, polling, terminals, users and groups, regular expressions, globs,
//! character sets, `dlopen`, process spawning), packet capture, USB and libffi.
//! Each header is imported whole in ABI mode and in API mode, and its library called for
//! real.

use std::ffi::c_int;

use cffi_core::ffi;
use cffi_corpus::both_modes;

/// These headers in ABI mode.
mod abi {
    use cffi_core::cdef;
    cdef! {
        #[cffi(abi, lib = "tirpc", import = "<rpc/rpc.h>", pkg_config = "libtirpc")]
        pub unsafe mod tirpc {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<netdb.h>")]
        pub unsafe mod netdb {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<poll.h> <sys/epoll.h>")]
        pub unsafe mod poll {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<termios.h>")]
        pub unsafe mod termios {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<sys/utsname.h>")]
        pub unsafe mod utsname {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<pwd.h> <grp.h>")]
        pub unsafe mod pwd {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<regex.h>")]
        pub unsafe mod regex {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<glob.h> <fnmatch.h>")]
        pub unsafe mod glob {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<iconv.h>")]
        pub unsafe mod iconv {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<dlfcn.h>")]
        pub unsafe mod dlfcn {}
    }
    cdef! {
        #[cffi(abi, lib = "c", import = "<spawn.h> <sys/wait.h>")]
        pub unsafe mod spawn {}
    }
    cdef! {
        #[cffi(abi, lib = "pcap", import = "<pcap.h>")]
        pub unsafe mod pcap {}
    }
    cdef! {
        #[cffi(abi, lib = "usb-1.0", import = "<libusb-1.0/libusb.h>")]
        pub unsafe mod usb {}
    }
    cdef! {
        #[cffi(abi, lib = "ffi", import = "<ffi.h>")]
        pub unsafe mod ffi {}
    }
}

/// These headers in API mode.
mod api {
    use cffi_core::cdef;
    cdef! {
        #[cffi(api, import = "<rpc/rpc.h>", pkg_config = "libtirpc")]
        pub unsafe mod tirpc {}
    }
    cdef! {
        #[cffi(api, import = "<netdb.h>")]
        pub unsafe mod netdb {}
    }
    cdef! {
        #[cffi(api, import = "<poll.h> <sys/epoll.h>")]
        pub unsafe mod poll {}
    }
    cdef! {
        #[cffi(api, import = "<termios.h>")]
        pub unsafe mod termios {}
    }
    cdef! {
        #[cffi(api, import = "<sys/utsname.h>")]
        pub unsafe mod utsname {}
    }
    cdef! {
        #[cffi(api, import = "<pwd.h> <grp.h>")]
        pub unsafe mod pwd {}
    }
    cdef! {
        #[cffi(api, import = "<regex.h>")]
        pub unsafe mod regex {}
    }
    cdef! {
        #[cffi(api, import = "<glob.h> <fnmatch.h>")]
        pub unsafe mod glob {}
    }
    cdef! {
        #[cffi(api, import = "<iconv.h>")]
        pub unsafe mod iconv {}
    }
    cdef! {
        #[cffi(api, import = "<dlfcn.h>")]
        pub unsafe mod dlfcn {}
    }
    cdef! {
        #[cffi(api, import = "<spawn.h> <sys/wait.h>")]
        pub unsafe mod spawn {}
    }
    cdef! {
        #[cffi(api, import = "<pcap.h>", link = "pcap")]
        pub unsafe mod pcap {}
    }
    cdef! {
        #[cffi(api, import = "<libusb-1.0/libusb.h>", link = "usb-1.0")]
        pub unsafe mod usb {}
    }
    cdef! {
        #[cffi(api, import = "<ffi.h>", link = "ffi")]
        pub unsafe mod ffi {}
    }
}
both_modes!(tirpc_encodes_an_int_as_xdr, tirpc, |lib| {
    // `struct rpc_createerr` is the record, although the header then defines
    // `rpc_createerr` as a macro reading a thread's copy of it.
    let _ = m::rpc_createerr::default();
    let mut buf = [0u8; 8];
    let mut xdr = m::XDR::default();
    lib.xdrmem_create(&mut xdr, buf.as_mut_ptr().cast(), 8, m::XDR_ENCODE);
    let mut v: c_int = 0x0102_0304;
    assert_ne!(lib.xdr_int(&mut xdr, &mut v), 0);
    assert_eq!(buf[..4], [1, 2, 3, 4]);
});

both_modes!(netdb_names_its_errors, netdb, |lib| {
    let text = ffi::string(lib.gai_strerror(m::EAI_NONAME));
    assert!(!text.to_bytes().is_empty());
});

both_modes!(poll_and_epoll, poll, |lib| {
    assert_eq!(lib.poll(ffi::null(), 0, 0), 0);
    let fd = lib.epoll_create1(m::EPOLL_CLOEXEC as c_int);
    assert!(fd >= 0);
    let mut event = m::epoll_event::default();
    assert_eq!(lib.epoll_wait(fd, &mut event, 1, 0), 0);
});

both_modes!(termios_line_speed, termios, |lib| {
    let mut t = m::termios::default();
    assert_eq!(lib.cfsetospeed(&mut t, m::B9600 as m::speed_t), 0);
    assert_eq!(lib.cfgetospeed(&t), m::B9600 as m::speed_t);
});

both_modes!(utsname_says_linux, utsname, |lib| {
    let mut u = m::utsname::default();
    assert_eq!(lib.uname(&mut u), 0);
    assert_eq!(ffi::string(u.sysname.as_ptr()).to_str(), Ok("Linux"));
});

both_modes!(pwd_and_grp_know_root, pwd, |lib| {
    let pw = lib.getpwuid(0);
    assert!(!pw.is_null());
    assert_eq!(ffi::string((*pw).pw_name).to_str(), Ok("root"));
    let gr = lib.getgrgid(0);
    assert!(!gr.is_null());
    assert_eq!((*gr).gr_gid, 0);
});

both_modes!(regex_matches, regex, |lib| {
    let mut re = m::regex_t::default();
    assert_eq!(lib.regcomp(&mut re, c"c(ff)i", m::REG_EXTENDED as c_int), 0);
    let mut found = [m::regmatch_t::default(); 2];
    let subject = c"python cffi";
    assert_eq!(lib.regexec(&re, subject, 2, &mut found, 0), 0);
    assert_eq!((found[0].rm_so, found[1].rm_so, found[1].rm_eo), (7, 8, 10));
    lib.regfree(&mut re);
});

both_modes!(glob_and_fnmatch, glob, |lib| {
    assert_eq!(lib.fnmatch(c"*.rs", c"lib.rs", 0), 0);
    assert_eq!(lib.fnmatch(c"*.rs", c"lib.c", 0), m::FNM_NOMATCH);
    let mut g = m::glob_t::default();
    assert_eq!(lib.glob(c"/", 0, None, &mut g), 0);
    assert_eq!(g.gl_pathc, 1);
    lib.globfree(&mut g);
});

both_modes!(iconv_latin1_to_utf8, iconv, |lib| {
    let cd = lib.iconv_open(c"UTF-8", c"ISO-8859-1");
    assert_ne!(cd as isize, -1);
    let mut input = [0xe9u8];
    let mut output = [0u8; 4];
    let (mut inp, mut outp) = (input.as_mut_ptr().cast(), output.as_mut_ptr().cast());
    let (mut inleft, mut outleft) = (1usize, 4usize);
    assert_eq!(
        lib.iconv(cd, &mut inp, &mut inleft, &mut outp, &mut outleft),
        0
    );
    assert_eq!((output[0], output[1], outleft), (0xc3, 0xa9, 2));
    assert_eq!(lib.iconv_close(cd), 0);
});

both_modes!(dlfcn_opens_libm, dlfcn, |lib| {
    let h = lib.dlopen(c"libm.so.6", m::RTLD_NOW as c_int);
    assert!(!h.is_null());
    assert!(!lib.dlsym(h, c"cos").is_null());
    assert_eq!(lib.dlclose(h), 0);
});

both_modes!(spawn_attributes, spawn, |lib| {
    let mut attr = m::posix_spawnattr_t::default();
    assert_eq!(lib.posix_spawnattr_init(&mut attr), 0);
    let flags = m::POSIX_SPAWN_SETSIGMASK as i16;
    assert_eq!(lib.posix_spawnattr_setflags(&mut attr, flags), 0);
    let mut back = 0;
    assert_eq!(lib.posix_spawnattr_getflags(&attr, &mut back), 0);
    assert_eq!(back, flags);
    assert_eq!(lib.posix_spawnattr_destroy(&mut attr), 0);
});

both_modes!(pcap_version, pcap, |lib| {
    let v = ffi::string(lib.pcap_lib_version());
    assert!(v.to_bytes().starts_with(b"libpcap version"), "{v:?}");
});

both_modes!(usb_version, usb, |lib| {
    let v = lib.libusb_get_version();
    assert_eq!((*v).major, 1);
});

both_modes!(libffi_calls_a_function, ffi, |lib| {
    extern "C" fn twice(x: c_int) -> c_int {
        2 * x
    }
    let sint = lib.ffi_type_sint32_ptr();
    let mut args = [sint];
    let mut cif = m::ffi_cif::default();
    let status = lib.ffi_prep_cif(&mut cif, m::FFI_DEFAULT_ABI, 1, sint, args.as_mut_ptr());
    assert_eq!(status, m::FFI_OK);
    let mut x: c_int = 21;
    let mut values = [std::ptr::from_mut(&mut x).cast::<std::ffi::c_void>()];
    let mut result: m::ffi_arg = 0;
    let f: unsafe extern "C" fn() = std::mem::transmute(twice as extern "C" fn(c_int) -> c_int);
    lib.ffi_call(
        &mut cif,
        Some(f),
        std::ptr::from_mut(&mut result).cast(),
        values.as_mut_ptr(),
    );
    assert_eq!(result, 42);
});
