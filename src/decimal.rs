//! Floats written with a fixed number of decimals, as `format!("{x:.2}")` writes them, without
//! the formatting machinery: the classifier writes two or three per removed block, and the
//! general float formatting was a fifth of its own cost.

/// Appends `x` with `decimals` decimals (at most 4), rounded as `{:.N}` rounds (to the
/// nearest, ties to even, on the float's exact value); falls back to `{:.N}` itself outside
/// the range it computes exactly.
pub(crate) fn push_fixed(out: &mut String, x: f32, decimals: u32) {
    match scaled(x, decimals) {
        Some(q) => {
            if x.is_sign_negative() {
                out.push('-');
            }
            let unit = 10u64.pow(decimals);
            push_u64(out, q / unit);
            if decimals > 0 {
                out.push('.');
                let frac = q % unit;
                // Zero-padded to `decimals` digits.
                let mut digits = [b'0'; 4];
                let mut f = frac;
                for d in digits[..decimals as usize].iter_mut().rev() {
                    *d = b'0' + (f % 10) as u8;
                    f /= 10;
                }
                for &d in &digits[..decimals as usize] {
                    out.push(char::from(d));
                }
            }
        }
        None => {
            use std::fmt::Write;
            let _ = write!(out, "{x:.prec$}", prec = decimals as usize);
        }
    }
}

/// `|x| * 10^decimals` rounded to the nearest integer, ties to even; `None` for what is not
/// finite, for `|x|` of 2^31 or more, or for more than 4 decimals.
fn scaled(x: f32, decimals: u32) -> Option<u64> {
    if !x.is_finite() || decimals > 4 || x.abs() >= 2_147_483_648.0 {
        return None;
    }
    let bits = x.abs().to_bits();
    let exponent = (bits >> 23) as i32;
    let fraction = u64::from(bits & 0x7f_ffff);
    // |x| = mantissa * 2^power, exactly.
    let (mantissa, power) = if exponent == 0 {
        (fraction, -149)
    } else {
        (fraction | 0x80_0000, exponent - 150)
    };
    let n = mantissa * 10u64.pow(decimals);
    if power >= 0 {
        return Some(n << power);
    }
    let shift = (-power) as u32;
    if shift >= 64 {
        // n < 2^38 is less than half of 2^shift: rounds to 0.
        return Some(0);
    }
    let q = n >> shift;
    let rest = n & ((1u64 << shift) - 1);
    let half = 1u64 << (shift - 1);
    Some(if rest > half || (rest == half && q & 1 == 1) {
        q + 1
    } else {
        q
    })
}

/// Appends `n` in decimal, as `{n}` writes it.
pub(crate) fn push_u64(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(x: f32, decimals: u32) -> String {
        let mut out = String::new();
        push_fixed(&mut out, x, decimals);
        out
    }

    #[test]
    fn writes_what_format_writes() {
        let mut next = crate::test_support::pseudo_random(0x5851_f42d_4c95_7f2d);
        let mut values: Vec<f32> = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            0.005,
            0.015,
            0.025,
            0.045,
            0.995,
            0.9999,
            1.0,
            99.995,
            1e-45,
            -1e-45,
            1e-10,
            -0.004,
            -0.005,
            123456.78,
            2_147_483_520.0,
            3e9,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::MAX,
            f32::MIN_POSITIVE,
        ];
        // Every float with few significant bits near ties, and random bit patterns.
        for k in 0..4000u32 {
            values.push(k as f32 / 1024.0);
            values.push(-(k as f32) / 128.0);
            values.push(f32::from_bits(next(u32::MAX as usize) as u32));
            values.push(next(1_000_000) as f32 / 1000.0);
        }
        for &x in &values {
            for d in [0, 1, 2, 4] {
                assert_eq!(
                    fixed(x, d),
                    format!("{x:.prec$}", prec = d as usize),
                    "{x:e} ({:#x}) with {d} decimals",
                    x.to_bits()
                );
            }
        }
    }
}
