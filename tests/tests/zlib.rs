//! Story 6: zlib through its ABI, with a struct for streaming. Where the system has zlib
//! (POSIX systems).
#![cfg(unix)]

use cffi_core::{cdef, ffi};
use std::ffi::{CStr, c_ulong};

cdef! {
    #[cffi(abi, lib = "z")]
    pub unsafe mod zlib {
        #define Z_OK 0
        #define Z_STREAM_END 1
        #define Z_NO_FLUSH 0
        #define Z_FINISH 4
        #define Z_DEFAULT_COMPRESSION (-1)

        typedef void *(*alloc_func)(void *opaque, unsigned int items, unsigned int size);
        typedef void (*free_func)(void *opaque, void *address);

        typedef struct z_stream_s {
            const unsigned char *next_in;
            unsigned int avail_in;
            unsigned long total_in;
            unsigned char *next_out;
            unsigned int avail_out;
            unsigned long total_out;
            const char *msg;
            struct internal_state *state;
            alloc_func zalloc;
            free_func zfree;
            void *opaque;
            int data_type;
            unsigned long adler;
            unsigned long reserved;
        } z_stream;

        const char *zlibVersion(void);
        unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len);
        unsigned long compressBound(unsigned long sourceLen);
        int compress2(unsigned char *dest, unsigned long *destLen,
                      const unsigned char *source, unsigned long sourceLen, int level);
        int uncompress(unsigned char *dest, unsigned long *destLen,
                       const unsigned char *source, unsigned long sourceLen);
        int deflateInit_(z_stream *strm, int level, const char *version, int stream_size);
        int deflate(z_stream *strm, int flush);
        int deflateEnd(z_stream *strm);
        int inflateInit_(z_stream *strm, const char *version, int stream_size);
        int inflate(z_stream *strm, int flush);
        int inflateEnd(z_stream *strm);
    }
}

/// 1 MiB that compresses, but not to nothing.
fn data() -> Vec<u8> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..1 << 20)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            if i % 3 == 0 {
                (state % 16) as u8
            } else {
                b"cffi-rs "[i % 8]
            }
        })
        .collect()
}

#[test]
fn version_and_checksum() {
    let z = zlib::Lib::load().unwrap();
    // SAFETY: zlibVersion returns a NUL-terminated string owned by the library.
    let version: &CStr = unsafe { ffi::string_in(&z, z.zlibVersion()) };
    assert!(version.to_str().unwrap().starts_with("1."));
    let text = b"The quick brown fox jumps over the lazy dog";
    // SAFETY: the pointer and length describe `text`.
    let crc = unsafe { z.crc32(0, text.as_ptr(), text.len() as u32) };
    assert_eq!(crc, 0x414F_A339);
}

#[test]
fn compress_and_uncompress_round_trip_one_mib() {
    let z = zlib::Lib::load().unwrap();
    let input = data();
    let mut packed = vec![0u8; z.compressBound(input.len() as _) as usize];
    let mut packed_len = packed.len() as c_ulong;
    // SAFETY: buffers and lengths match; zlib writes at most `packed_len` bytes.
    let rc = unsafe {
        z.compress2(
            packed.as_mut_ptr(),
            &mut packed_len,
            input.as_ptr(),
            input.len() as _,
            zlib::Z_DEFAULT_COMPRESSION,
        )
    };
    assert_eq!(rc, zlib::Z_OK);
    assert!((packed_len as usize) < input.len() / 2);
    let mut output = vec![0u8; input.len()];
    let mut output_len = output.len() as c_ulong;
    // SAFETY: as above.
    let rc = unsafe {
        z.uncompress(
            output.as_mut_ptr(),
            &mut output_len,
            packed.as_ptr(),
            packed_len,
        )
    };
    assert_eq!(rc, zlib::Z_OK);
    assert_eq!(output_len as usize, input.len());
    assert!(output == input, "round trip changed the data");
}

#[test]
fn streaming_deflate_and_inflate_with_z_stream() {
    let z = zlib::Lib::load().unwrap();
    let input = data();
    // SAFETY: zlibVersion takes nothing and returns a static string.
    let version = unsafe { z.zlibVersion() };
    let size = std::mem::size_of::<zlib::z_stream>() as i32;

    let mut strm = zlib::z_stream::default();
    // SAFETY: a zeroed z_stream is what deflateInit expects; version and size are zlib's own.
    assert_eq!(
        unsafe { z.deflateInit_(&mut strm, 6, version, size) },
        zlib::Z_OK
    );
    let mut packed = Vec::new();
    let mut chunk = [0u8; 4096];
    for (i, piece) in input.chunks(10_000).enumerate() {
        let last = (i + 1) * 10_000 >= input.len();
        strm.next_in = piece.as_ptr();
        strm.avail_in = piece.len() as u32;
        loop {
            strm.next_out = chunk.as_mut_ptr();
            strm.avail_out = chunk.len() as u32;
            let flush = if last {
                zlib::Z_FINISH
            } else {
                zlib::Z_NO_FLUSH
            };
            // SAFETY: next_in/next_out point into live buffers of the given sizes.
            let rc = unsafe { z.deflate(&mut strm, flush) };
            assert!(
                rc == zlib::Z_OK || rc == zlib::Z_STREAM_END,
                "deflate: {rc}"
            );
            packed.extend_from_slice(&chunk[..chunk.len() - strm.avail_out as usize]);
            if strm.avail_out != 0 {
                break;
            }
        }
    }
    assert_eq!(strm.total_in as usize, input.len());
    // SAFETY: the stream was initialised above.
    assert_eq!(unsafe { z.deflateEnd(&mut strm) }, zlib::Z_OK);

    let mut strm = zlib::z_stream::default();
    // SAFETY: as for deflateInit_.
    assert_eq!(
        unsafe { z.inflateInit_(&mut strm, version, size) },
        zlib::Z_OK
    );
    let mut output = vec![0u8; input.len()];
    strm.next_in = packed.as_ptr();
    strm.avail_in = packed.len() as u32;
    strm.next_out = output.as_mut_ptr();
    strm.avail_out = output.len() as u32;
    // SAFETY: the buffers are live and sized as declared.
    assert_eq!(
        unsafe { z.inflate(&mut strm, zlib::Z_FINISH) },
        zlib::Z_STREAM_END
    );
    // SAFETY: the stream was initialised above.
    assert_eq!(unsafe { z.inflateEnd(&mut strm) }, zlib::Z_OK);
    assert!(output == input);
}
