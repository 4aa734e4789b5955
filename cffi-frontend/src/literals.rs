//! C literals read as C types them: integers (the first type of their suffix and base that
//! holds the value), floats, characters and strings with their escapes.

use crate::model::{FloatKind, IntKind};
use crate::target::Target;
use crate::value::{Value, round_to, wrap};

/// Parses an integer literal and gives it the type C does: the first of the candidate types
/// its suffix and base allow that can hold the value.
pub(crate) fn int_literal(text: &str, t: &Target) -> Result<Value, String> {
    let lower = text.to_ascii_lowercase();
    let digits_end = lower.trim_end_matches(['u', 'l']).len();
    let (body, suffix) = lower.split_at(digits_end);
    let (unsigned, longs) = match suffix {
        "" => (false, 0),
        "u" => (true, 0),
        "l" => (false, 1),
        "ul" | "lu" => (true, 1),
        "ll" => (false, 2),
        "ull" | "llu" => (true, 2),
        _ => {
            return Err(format!(
                "invalid suffix `{}` on integer constant",
                &text[digits_end..]
            ));
        }
    };
    let (radix, digits) = if let Some(d) = body.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = body.strip_prefix("0b") {
        (2, d)
    } else if body.len() > 1 && body.starts_with('0') {
        (8, &body[1..])
    } else {
        (10, body)
    };
    if digits.is_empty() {
        return Err(format!("invalid integer constant `{text}`"));
    }
    let mut value: u128 = 0;
    for c in digits.chars() {
        let d = c
            .to_digit(radix)
            .ok_or_else(|| format!("invalid digit `{c}` in integer constant `{text}`"))?;
        value = value
            .checked_mul(radix.into())
            .and_then(|v| v.checked_add(d.into()))
            .filter(|v| *v <= u64::MAX as u128)
            .ok_or_else(|| format!("integer constant `{text}` is too large"))?;
    }
    use IntKind::*;
    let decimal = radix == 10;
    let candidates: &[IntKind] = match (unsigned, longs, decimal) {
        (false, 0, true) => &[Int, Long, LongLong],
        (false, 0, false) => &[Int, UInt, Long, ULong, LongLong, ULongLong],
        (true, 0, _) => &[UInt, ULong, ULongLong],
        (false, 1, true) => &[Long, LongLong],
        (false, 1, false) => &[Long, ULong, LongLong, ULongLong],
        (true, 1, _) => &[ULong, ULongLong],
        (false, _, true) => &[LongLong],
        (false, _, false) => &[LongLong, ULongLong],
        (true, _, _) => &[ULongLong],
    };
    let fits = |k: IntKind| {
        let bits = k.size(t) * 8 - k.is_signed(t) as u64;
        value < (1u128 << bits)
    };
    // gcc gives a decimal constant too large for `long long` the type `unsigned long long`.
    let kind = candidates
        .iter()
        .copied()
        .find(|&k| fits(k))
        .unwrap_or(ULongLong);
    Ok(Value::Int(value as i128, kind))
}

/// Parses a floating literal, decimal or hexadecimal, with its `f`/`l` suffix.
pub(crate) fn float_literal(text: &str) -> Result<Value, String> {
    // In a hexadecimal constant `f` is a digit, except after the binary exponent.
    let hex = text.starts_with("0x") || text.starts_with("0X");
    let (body, kind) = match text.as_bytes().last() {
        Some(b'f' | b'F') if !hex || text.contains(['p', 'P']) => {
            (&text[..text.len() - 1], FloatKind::Float)
        }
        Some(b'l' | b'L') => (&text[..text.len() - 1], FloatKind::LongDouble),
        _ => (text, FloatKind::Double),
    };
    let invalid = || format!("invalid floating constant `{text}`");
    let value = if let Some(hex) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        let (mantissa, exp) = hex.split_once(['p', 'P']).ok_or_else(invalid)?;
        let exp: i32 = exp.parse().map_err(|_| invalid())?;
        let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mut v = 0f64;
        for c in int_part.chars().chain(frac_part.chars()) {
            v = v * 16.0 + c.to_digit(16).ok_or_else(invalid)? as f64;
        }
        v * 2f64.powi(exp - 4 * frac_part.len() as i32)
    } else {
        if body
            .contains(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-')))
        {
            return Err(invalid());
        }
        body.parse::<f64>().map_err(|_| invalid())?
    };
    Ok(Value::Float(round_to(value, kind), kind))
}

/// Decodes the escapes of a character constant or string literal body (quotes removed).
pub(crate) fn unescape(body: &str) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c as u32);
            continue;
        }
        let e = chars.next().ok_or("incomplete escape sequence")?;
        let v = match e {
            'n' => 10,
            't' => 9,
            'r' => 13,
            'a' => 7,
            'b' => 8,
            'f' => 12,
            'v' => 11,
            'e' | 'E' => 27,
            '\\' | '\'' | '"' | '?' => e as u32,
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                v
            }
            'x' => {
                let mut v: u32 = 0;
                let mut n = 0;
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(16)) {
                    v = v
                        .checked_mul(16)
                        .ok_or("hex escape sequence out of range")?
                        + d;
                    chars.next();
                    n += 1;
                }
                if n == 0 {
                    return Err("`\\x` used with no following hex digits".into());
                }
                v
            }
            'u' | 'U' => {
                let len = if e == 'u' { 4 } else { 8 };
                let mut v = 0;
                for _ in 0..len {
                    let d = chars
                        .next()
                        .and_then(|c| c.to_digit(16))
                        .ok_or("incomplete universal character name")?;
                    v = v * 16 + d;
                }
                if char::from_u32(v).is_none() {
                    return Err(format!("`\\{e}{v:x}` is not a valid universal character"));
                }
                v | 0x8000_0000
            }
            other => return Err(format!("unknown escape sequence `\\{other}`")),
        };
        out.push(v);
    }
    Ok(out)
}

/// The bytes of a narrow string: escapes `\u` as UTF-8, numeric escapes as the byte they name.
pub(crate) fn string_bytes(body: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    for (c, raw) in unescape(body)?.into_iter().zip(body_chars(body)) {
        if c & 0x8000_0000 != 0 || !raw {
            let ch = char::from_u32(c & 0x7fff_ffff).ok_or("invalid character")?;
            bytes.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
        } else if c > 0xff {
            return Err("escape sequence out of range for `char`".into());
        } else {
            bytes.push(c as u8);
        }
    }
    Ok(bytes)
}

/// For each decoded character of `body`: whether it came from a numeric escape (a raw byte).
fn body_chars(body: &str) -> impl Iterator<Item = bool> + '_ {
    let mut chars = body.chars().peekable();
    std::iter::from_fn(move || {
        let c = chars.next()?;
        if c != '\\' {
            return Some(false);
        }
        match chars.next() {
            Some('0'..='7') => {
                for _ in 0..2 {
                    if chars.peek().is_some_and(|c| c.is_digit(8)) {
                        chars.next();
                    }
                }
                Some(true)
            }
            Some('x') => {
                while chars.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                    chars.next();
                }
                Some(true)
            }
            Some('u') => {
                chars.nth(3);
                Some(false)
            }
            Some('U') => {
                chars.nth(7);
                Some(false)
            }
            _ => Some(true),
        }
    })
}

/// Parses a character constant (with quotes and any prefix) to its C value and type.
pub(crate) fn char_literal(text: &str, t: &Target) -> Result<Value, String> {
    let (prefix, rest) = text.split_at(text.find('\'').unwrap_or(0));
    let body = rest
        .strip_prefix('\'')
        .and_then(|r| r.strip_suffix('\''))
        .ok_or("unterminated character constant")?;
    let chars = unescape(body)?;
    let [c] = chars[..] else {
        return Err(if chars.is_empty() {
            "empty character constant".into()
        } else {
            "multi-character constants have an implementation-defined value".into()
        });
    };
    let c = (c & 0x7fff_ffff) as i128;
    let kind = match prefix {
        "" => {
            if c > 0xff {
                return Err("character too large for `char`".into());
            }
            // 'c' has type int and the value of the char, sign-extended where char is signed.
            return Ok(Value::Int(wrap(c, IntKind::Char, t), IntKind::Int));
        }
        "u8" => IntKind::UChar,
        "L" => IntKind::WChar,
        "u" => IntKind::Char16,
        _ => IntKind::Char32,
    };
    Ok(Value::Int(wrap(c, kind, t), kind))
}
