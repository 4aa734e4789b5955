//! The header corpus, part of it: graphics, sound, image and terminal libraries.
//! Each header is imported whole in ABI mode and in API mode, and its library called for
//! real.

use std::ffi::c_int;

use cffi_core::ffi;
use cffi_corpus::both_modes;

/// These headers in ABI mode.
mod abi {
    use cffi_core::cdef;
    cdef! {
        #[cffi(abi, lib = "SDL2", import = "<SDL2/SDL.h>", pkg_config = "sdl2")]
        pub unsafe mod sdl2 {}
    }
    cdef! {
        #[cffi(abi, lib = "ncurses", import = "<ncurses.h>")]
        pub unsafe mod ncurses {}
    }
    cdef! {
        #[cffi(abi, lib = "png16", import = "<png.h>")]
        pub unsafe mod png {}
    }
    cdef! {
        #[cffi(abi, lib = "freetype", import = "<ft2build.h> <freetype/freetype.h>", pkg_config = "freetype2")]
        pub unsafe mod freetype {}
    }
    cdef! {
        #[cffi(abi, lib = "cairo", import = "<cairo.h>", pkg_config = "cairo")]
        pub unsafe mod cairo {}
    }
    cdef! {
        #[cffi(abi, lib = "asound", import = "<alsa/asoundlib.h>")]
        pub unsafe mod alsa {}
    }
    cdef! {
        #[cffi(abi, lib = "sndfile", import = "<sndfile.h>")]
        pub unsafe mod sndfile {}
    }
    cdef! {
        #[cffi(abi, lib = "X11", import = "<X11/Xlib.h>")]
        pub unsafe mod x11 {}
    }
    cdef! {
        #[cffi(abi, lib = "tiff", import = "<tiffio.h>")]
        pub unsafe mod tiff {}
    }
    cdef! {
        #[cffi(abi, lib = "webp", import = "<webp/encode.h> <webp/decode.h>")]
        pub unsafe mod webp {}
    }
    cdef! {
        #[cffi(abi, lib = "ogg", import = "<ogg/ogg.h>")]
        pub unsafe mod ogg {}
    }
    cdef! {
        #[cffi(abi, lib = "vorbis", import = "<vorbis/codec.h>")]
        pub unsafe mod vorbis {}
    }
    cdef! {
        #[cffi(abi, lib = "opus", import = "<opus/opus.h>")]
        pub unsafe mod opus {}
    }
    cdef! {
        #[cffi(abi, lib = "FLAC", import = "<FLAC/stream_decoder.h>")]
        pub unsafe mod flac {}
    }
    cdef! {
        #[cffi(abi, lib = "xcb", import = "<xcb/xcb.h>")]
        pub unsafe mod xcb {}
    }
    cdef! {
        #[cffi(abi, lib = "readline", import = "<stdio.h> <readline/readline.h>")]
        pub unsafe mod readline {}
    }
}

/// These headers in API mode.
mod api {
    use cffi_core::cdef;
    cdef! {
        #[cffi(api, import = "<SDL2/SDL.h>", pkg_config = "sdl2")]
        pub unsafe mod sdl2 {}
    }
    cdef! {
        #[cffi(api, import = "<ncurses.h>", link = "ncurses")]
        pub unsafe mod ncurses {}
    }
    cdef! {
        #[cffi(api, import = "<png.h>", link = "png16")]
        pub unsafe mod png {}
    }
    cdef! {
        #[cffi(api, import = "<ft2build.h> <freetype/freetype.h>", pkg_config = "freetype2")]
        pub unsafe mod freetype {}
    }
    cdef! {
        #[cffi(api, import = "<cairo.h>", pkg_config = "cairo")]
        pub unsafe mod cairo {}
    }
    cdef! {
        #[cffi(api, import = "<alsa/asoundlib.h>", link = "asound")]
        pub unsafe mod alsa {}
    }
    cdef! {
        #[cffi(api, import = "<sndfile.h>", link = "sndfile")]
        pub unsafe mod sndfile {}
    }
    cdef! {
        #[cffi(api, import = "<X11/Xlib.h>", link = "X11")]
        pub unsafe mod x11 {}
    }
    cdef! {
        #[cffi(api, import = "<tiffio.h>", link = "tiff")]
        pub unsafe mod tiff {}
    }
    cdef! {
        #[cffi(api, import = "<webp/encode.h> <webp/decode.h>", link = "webp")]
        pub unsafe mod webp {}
    }
    cdef! {
        #[cffi(api, import = "<ogg/ogg.h>", link = "ogg")]
        pub unsafe mod ogg {}
    }
    cdef! {
        #[cffi(api, import = "<vorbis/codec.h>", link = "vorbis")]
        pub unsafe mod vorbis {}
    }
    cdef! {
        #[cffi(api, import = "<opus/opus.h>", link = "opus")]
        pub unsafe mod opus {}
    }
    cdef! {
        #[cffi(api, import = "<FLAC/stream_decoder.h>", link = "FLAC")]
        pub unsafe mod flac {}
    }
    cdef! {
        #[cffi(api, import = "<xcb/xcb.h>", link = "xcb")]
        pub unsafe mod xcb {}
    }
    cdef! {
        #[cffi(api, import = "<stdio.h> <readline/readline.h>", link = "readline")]
        pub unsafe mod readline {}
    }
}
both_modes!(sdl2_version, sdl2, |lib| {
    let mut v = m::SDL_version::default();
    lib.SDL_GetVersion(&mut v);
    assert_eq!(v.major as c_int, m::SDL_MAJOR_VERSION);
    assert_eq!(lib.SDL_strlen(c"cffi"), 4);
});

both_modes!(ncurses_version, ncurses, |lib| {
    // `curses_version()` is also a macro giving `NCURSES_VERSION`: the function is called.
    let v = ffi::string(lib.curses_version());
    assert!(v.to_bytes().starts_with(b"ncurses "), "{v:?}");
    assert!(
        v.to_str()
            .unwrap()
            .contains(m::NCURSES_VERSION.to_str().unwrap())
    );
});

both_modes!(png_version, png, |lib| {
    assert_eq!(lib.png_access_version_number(), m::PNG_LIBPNG_VER as u32);
});

both_modes!(freetype_version, freetype, |lib| {
    let mut library = std::ptr::null_mut();
    assert_eq!(lib.FT_Init_FreeType(&mut library), 0);
    let (mut major, mut minor, mut patch) = (0, 0, 0);
    lib.FT_Library_Version(library, &mut major, &mut minor, &mut patch);
    assert_eq!(major, m::FREETYPE_MAJOR);
    assert_eq!(lib.FT_Done_FreeType(library), 0);
});

both_modes!(cairo_image_surface, cairo, |lib| {
    let s = lib.cairo_image_surface_create(m::CAIRO_FORMAT_ARGB32, 4, 3);
    assert_eq!(lib.cairo_surface_status(s), m::CAIRO_STATUS_SUCCESS);
    assert_eq!(lib.cairo_image_surface_get_width(s), 4);
    assert_eq!(lib.cairo_image_surface_get_stride(s), 16);
    lib.cairo_surface_destroy(s);
});

both_modes!(alsa_version, alsa, |lib| {
    assert_eq!(
        ffi::string(lib.snd_asoundlib_version()),
        m::SND_LIB_VERSION_STR
    );
});

both_modes!(sndfile_version, sndfile, |lib| {
    let v = ffi::string(lib.sf_version_string());
    assert!(v.to_bytes().starts_with(b"libsndfile"), "{v:?}");
});

both_modes!(x11_threads, x11, |lib| {
    assert_ne!(lib.XInitThreads(), 0);
});

both_modes!(tiff_version, tiff, |lib| {
    let v = ffi::string(lib.TIFFGetVersion());
    assert!(v.to_bytes().starts_with(b"LIBTIFF"), "{v:?}");
});

both_modes!(webp_versions, webp, |lib| {
    assert!(lib.WebPGetEncoderVersion() > 0);
    assert_eq!(
        lib.WebPGetDecoderVersion() >> 16,
        lib.WebPGetEncoderVersion() >> 16
    );
});

both_modes!(ogg_packs_bits, ogg, |lib| {
    let mut b = m::oggpack_buffer::default();
    lib.oggpack_writeinit(&mut b);
    lib.oggpack_write(&mut b, 0xab, 8);
    lib.oggpack_write(&mut b, 1, 1);
    assert_eq!(lib.oggpack_bytes(&mut b), 2);
    assert_eq!(*lib.oggpack_get_buffer(&mut b), 0xab);
    lib.oggpack_writeclear(&mut b);
});

both_modes!(vorbis_version, vorbis, |lib| {
    let v = ffi::string(lib.vorbis_version_string());
    assert!(v.to_bytes().starts_with(b"Xiph.Org libVorbis"), "{v:?}");
});

both_modes!(opus_encoder_size, opus, |lib| {
    let v = ffi::string(lib.opus_get_version_string());
    assert!(v.to_bytes().starts_with(b"libopus"), "{v:?}");
    assert!(lib.opus_encoder_get_size(1) > 0);
    assert_eq!(lib.opus_encoder_get_size(3), 0);
});

both_modes!(flac_decoder, flac, |lib| {
    let v = ffi::string(lib.FLAC__VERSION_STRING());
    assert!(v.to_bytes().starts_with(b"1."), "{v:?}");
    let d = lib.FLAC__stream_decoder_new();
    assert!(!d.is_null());
    lib.FLAC__stream_decoder_delete(d);
});

both_modes!(xcb_reports_a_display_it_cannot_reach, xcb, |lib| {
    let c = lib.xcb_connect(c":65000", std::ptr::null_mut());
    assert_eq!(lib.xcb_connection_has_error(c), m::XCB_CONN_ERROR as c_int);
    lib.xcb_disconnect(c);
});

both_modes!(readline_version, readline, |lib| {
    assert_eq!(lib.rl_readline_version(), m::RL_READLINE_VERSION);
});
