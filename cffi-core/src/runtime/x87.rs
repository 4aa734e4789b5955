//! `long double` on x86: the x87 80-bit format (sign, 15-bit exponent, 64-bit significand
//! with its integer bit), converted to and from the `f64` a [`Value`](super::Value) holds, as
//! Python cffi converts `long double` to a Python float. `f64` to x87 is exact; x87 to `f64`
//! rounds to nearest, ties to even, as the FPU's `fstp` does.

/// The x87 bytes (little-endian, 10 of them) of `x`.
pub(crate) fn from_f64(x: f64) -> [u8; 10] {
    let bits = x.to_bits();
    let sign = (bits >> 63) as u16;
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (exp15, sig): (u16, u64) = match (exp, frac) {
        (0, 0) => (0, 0),
        (0, f) => {
            // A subnormal double is a normal x87 number: move its top bit to bit 63.
            let lz = f.leading_zeros();
            let top = 63 - lz as i32;
            ((top - 1074 + 16383) as u16, f << lz)
        }
        (0x7ff, 0) => (0x7fff, 1 << 63),
        (0x7ff, f) => (0x7fff, (3 << 62) | (f << 11)),
        (e, f) => ((e - 1023 + 16383) as u16, (1 << 63) | (f << 11)),
    };
    let mut out = [0u8; 10];
    out[..8].copy_from_slice(&sig.to_le_bytes());
    out[8..].copy_from_slice(&((sign << 15) | exp15).to_le_bytes());
    out
}

/// The `f64` nearest the x87 number in `bytes`.
pub(crate) fn to_f64(bytes: [u8; 10]) -> f64 {
    let sig = u64::from_le_bytes(bytes[..8].try_into().unwrap_or([0; 8]));
    let top = u16::from_le_bytes([bytes[8], bytes[9]]);
    let sign = u64::from(top >> 15) << 63;
    let exp15 = i32::from(top & 0x7fff);
    if exp15 == 0x7fff {
        let nan = sig << 1 != 0;
        return f64::from_bits(sign | if nan { 0x7ff8 << 48 } else { 0x7ff << 52 });
    }
    if sig == 0 {
        return f64::from_bits(sign);
    }
    // The value is sig * 2^(e - 63) with e the unbiased exponent (denormals use -16382).
    let lz = sig.leading_zeros();
    let sig = sig << lz;
    let e = exp15.max(1) - 16383 - lz as i32;
    if e > 1023 {
        return f64::from_bits(sign | 0x7ff << 52);
    }
    // Keep 53 bits of a normal double, fewer of a subnormal one; round what is dropped.
    let dropped = if e >= -1022 {
        11
    } else {
        11 + (-1022 - e) as u32
    };
    if dropped > 64 {
        return f64::from_bits(sign);
    }
    let wide = u128::from(sig);
    let mut m = (wide >> dropped) as u64;
    let rest = wide & ((1u128 << dropped) - 1);
    let half = 1u128 << (dropped - 1);
    if rest > half || (rest == half && m & 1 == 1) {
        m += 1;
    }
    let bits = if e >= -1022 {
        // Rounding up may carry into a new bit: the exponent grows by one.
        let (m, e) = if m == 1 << 53 {
            (m >> 1, e + 1)
        } else {
            (m, e)
        };
        if e > 1023 {
            return f64::from_bits(sign | 0x7ff << 52);
        }
        ((e + 1023) as u64) << 52 | (m & ((1 << 52) - 1))
    } else {
        // A subnormal (rounding up to 1 << 52 gives the smallest normal, bits alike).
        m
    };
    f64::from_bits(sign | bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_round_trip_exactly() {
        let specials = [
            0.0,
            -0.0,
            1.0,
            -2.5,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::MIN_POSITIVE / 3.0,
            5e-324,
            f64::INFINITY,
            f64::NEG_INFINITY,
            std::f64::consts::PI,
        ];
        for x in specials {
            assert_eq!(to_f64(from_f64(x)).to_bits(), x.to_bits(), "{x:e}");
        }
        assert!(to_f64(from_f64(f64::NAN)).is_nan());
        let mut x: u64 = 0x1234_5678_9abc_def1;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x);
            if !f.is_nan() {
                assert_eq!(to_f64(from_f64(f)).to_bits(), f.to_bits(), "{f:e}");
            }
        }
    }

    #[test]
    fn known_encodings() {
        // 1.0: exponent 16383, integer bit only.
        assert_eq!(from_f64(1.0), [0, 0, 0, 0, 0, 0, 0, 0x80, 0xff, 0x3f]);
        // -2.0
        assert_eq!(from_f64(-2.0), [0, 0, 0, 0, 0, 0, 0, 0x80, 0x00, 0xc0]);
    }

    #[test]
    fn longer_significands_round_to_nearest_even() {
        let x87 = |sig: u64, exp15: u16| {
            let mut b = [0u8; 10];
            b[..8].copy_from_slice(&sig.to_le_bytes());
            b[8..].copy_from_slice(&exp15.to_le_bytes());
            to_f64(b)
        };
        let one = 1u64 << 63;
        // 1 + 2^-53 is a tie: to even (1.0); 1 + 3 * 2^-54 rounds up.
        assert_eq!(x87(one | 1 << 10, 16383), 1.0);
        assert_eq!(x87(one | 3 << 9, 16383), 1.0 + f64::EPSILON);
        // 1 + 2^-52 + 2^-53 is a tie with an odd last bit: up to 1 + 2^-51.
        assert_eq!(
            x87(one | 1 << 11 | 1 << 10, 16383),
            1.0 + 2.0 * f64::EPSILON
        );
        // The largest significand rounds up into the next power of two.
        assert_eq!(x87(u64::MAX, 16383), 2.0);
        // Beyond the doubles: infinity; below: zero; a subnormal result.
        assert_eq!(x87(one, 16383 + 1024), f64::INFINITY);
        assert_eq!(x87(one, 16383 - 1100), 0.0);
        assert_eq!(x87(one, 16383 - 1074), 5e-324);
        assert_eq!(x87(one, 16383 - 1075), 0.0);
        assert_eq!(x87(one | 1, 16383 - 1075), 5e-324);
    }
}
