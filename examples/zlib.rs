//! Story 6: zlib, compressing and decompressing a file given on the command line (by default
//! this example's own source), printing the ratio and a checksum.
//!
//! `cargo run --release --example zlib -- [FILE]`

use std::ffi::{CStr, c_ulong};

use cffi_core::{cdef, ffi};

cdef! {
    #[cffi(abi, lib = "z")]
    pub unsafe mod zlib {
        #define Z_OK 0
        #define Z_BEST_COMPRESSION 9
        const char *zlibVersion(void);
        #[cffi(slice(buf, len))]
        unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len);
        unsigned long compressBound(unsigned long sourceLen);
        int compress2(unsigned char *dest, unsigned long *destLen,
                      const unsigned char *source, unsigned long sourceLen, int level);
        int uncompress(unsigned char *dest, unsigned long *destLen,
                       const unsigned char *source, unsigned long sourceLen);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/zlib.rs").to_string());
    let input = std::fs::read(&path)?;
    let z = zlib::Lib::load()?;
    // SAFETY: a string owned by zlib.
    let version: &CStr = unsafe { ffi::string_in(&z, z.zlibVersion()) };
    println!("zlib {}", version.to_string_lossy());

    let mut packed = vec![0u8; z.compressBound(input.len() as c_ulong) as usize];
    let mut packed_len = packed.len() as c_ulong;
    // SAFETY: the lengths passed are the buffers' own.
    let rc = unsafe {
        z.compress2(
            &mut packed,
            &mut packed_len,
            &input,
            input.len() as c_ulong,
            zlib::Z_BEST_COMPRESSION,
        )
    };
    if rc != zlib::Z_OK {
        return Err(format!("compress2 failed: {rc}").into());
    }
    let mut output = vec![0u8; input.len()];
    let mut output_len = output.len() as c_ulong;
    // SAFETY: as above.
    let rc = unsafe { z.uncompress(&mut output, &mut output_len, &packed, packed_len) };
    if rc != zlib::Z_OK {
        return Err(format!("uncompress failed: {rc}").into());
    }

    println!(
        "{path}: {} bytes, compressed to {packed_len} bytes",
        input.len()
    );
    println!("ratio: {:.2}", input.len() as f64 / packed_len as f64);
    println!("crc32: {:08x}", z.crc32(0, &input));
    println!(
        "round trip: {}",
        if output == input {
            "equal"
        } else {
            "DIFFERENT"
        }
    );
    Ok(())
}
