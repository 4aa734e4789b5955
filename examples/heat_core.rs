//! The parts of the heat-equation showcase that do not call C: the initial field, the PNG
//! images and the checksum, shared by `heat_equation` and `heat_mpi` so that their fields
//! compare bit for bit.

use std::error::Error;
use std::path::Path;

/// A cold box (0) holding a hot disk (1) a third of its width across.
pub fn initial_field(n: usize) -> Vec<f64> {
    let c = (n as f64 - 1.0) / 2.0;
    let r2 = (n as f64 / 6.0).powi(2);
    (0..n * n)
        .map(|k| {
            let (i, j) = ((k / n) as f64, (k % n) as f64);
            if (i - c).powi(2) + (j - c).powi(2) <= r2 {
                1.0
            } else {
                0.0
            }
        })
        .collect()
}

/// Blue (0) through white (0.5) to red (1).
fn diverging(t: f64) -> [u8; 3] {
    let t = t.clamp(0.0, 1.0);
    let (cold, mid, hot) = (
        [59.0, 76.0, 192.0],
        [247.0, 247.0, 247.0],
        [180.0, 4.0, 38.0],
    );
    let (from, to, s) = if t < 0.5 {
        (cold, mid, t * 2.0)
    } else {
        (mid, hot, t * 2.0 - 1.0)
    };
    [0, 1, 2].map(|i| (from[i] + (to[i] - from[i]) * s).round() as u8)
}

pub fn write_png(path: &Path, field: &[f64], n: usize) -> Result<(), Box<dyn Error>> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut encoder = png::Encoder::new(file, n as u32, n as u32);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let pixels: Vec<u8> = field.iter().flat_map(|&v| diverging(v)).collect();
    encoder.write_header()?.write_image_data(&pixels)?;
    Ok(())
}

pub fn checksum(field: &[f64]) -> u64 {
    field.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, v| {
        (h ^ v.to_bits()).wrapping_mul(0x0100_0000_01b3)
    })
}
