//! Whether a JPEG file is whole: its decoder, as the `image` crate runs it, does
//! not say (see [`whole`]).

use crate::diagnostics::{tr, Localized};

/// Whether a JPEG is whole, which its decoder does not say: zune-jpeg, as the `image`
/// crate runs it (not strict), paints grey what a file cut short lacks, and once it
/// meets the end-of-image marker decodes the rest of the pixels a header claims from
/// zeros, both silently (its strict mode reports the first, not the second). So the
/// segments are walked to that marker (a file cut short has none after its scans),
/// and the compressed data must be able to hold the pixels ([`least_bits`]).
pub(super) fn whole(bytes: &[u8]) -> Result<(), Localized> {
    let cut = || {
        tr!(
            "thiếu phần cuối, sau {} byte",
            "its end is missing, after {} bytes",
            bytes.len()
        )
    };
    let be16 = |at: usize| u64::from(u16::from_be_bytes([bytes[at], bytes[at + 1]]));
    let mut at = 2; // after the start-of-image marker
                    // The frame's width, height and the fewest bits its scans can take.
    let (mut frame, mut coded) = (None, 0u64);
    loop {
        // A marker: 0xFF, fill bytes 0xFF, its code. Stray bytes before it are
        // skipped, as decoders do.
        at += bytes[at..]
            .iter()
            .position(|&b| b == 0xff)
            .ok_or_else(cut)?;
        while bytes.get(at) == Some(&0xff) {
            at += 1;
        }
        let code = *bytes.get(at).ok_or_else(cut)?;
        at += 1;
        match code {
            0xd9 => break,
            0x01 | 0xd0..=0xd8 => continue, // markers without a segment
            _ => {}
        }
        if at + 2 > bytes.len() {
            return Err(cut());
        }
        let end = at + be16(at) as usize;
        if end > bytes.len() || end < at + 2 {
            return Err(cut());
        }
        // A frame header (0xC4, 0xC8 and 0xCC are not): precision, height, width,
        // number of components, the components.
        if (0xc0..=0xcf).contains(&code) && ![0xc4, 0xc8, 0xcc].contains(&code) && end >= at + 8 {
            let (width, height) = (be16(at + 5), be16(at + 3));
            let bits = least_bits(code, width, height, &bytes[at + 8..end]);
            frame.get_or_insert((width, height, bits));
        }
        at = end;
        if code == 0xda {
            // The scan's data runs to the next marker other than a restart (0xFF 0x00
            // is a 0xFF of data).
            let start = at;
            loop {
                at += bytes[at..]
                    .iter()
                    .position(|&b| b == 0xff)
                    .ok_or_else(cut)?;
                match bytes.get(at + 1) {
                    None => return Err(cut()),
                    Some(0x00 | 0xd0..=0xd7) => at += 2,
                    Some(_) => break,
                }
            }
            coded += (at - start) as u64;
        }
    }
    let (width, height, bits) = frame.unwrap_or((0, 0, 0));
    if coded * 8 < bits {
        return Err(tr!(
            "phần đầu ghi {width} × {height} điểm ảnh, nhiều hơn {coded} byte dữ liệu nén chứa được",
            "its header says {width} × {height} pixels, more than its {coded} bytes of compressed data can hold"
        ));
    }
    Ok(())
}

/// The fewest bits the scans of a frame can take: a Huffman code is at least one bit,
/// and each 8 × 8 block of each component codes its DC value (one code at least) and,
/// in a sequential frame (0xC0, 0xC1), ends with an end-of-block code (or 63 codes).
/// Blocks are counted without the padding of interleaved scans: a lower bound. 0 for
/// arithmetic coding, which has no such floor (and which zune-jpeg refuses anyway).
fn least_bits(code: u8, width: u64, height: u64, components: &[u8]) -> u64 {
    let per_block = match code {
        0xc0 | 0xc1 => 2,
        0xc2 | 0xc3 | 0xc5..=0xc7 => 1,
        _ => return 0,
    };
    // Three bytes a component: its id, its sampling factors (H << 4 | V), its table.
    let sampling: Vec<(u64, u64)> = components
        .chunks_exact(3)
        .map(|c| (u64::from(c[1] >> 4), u64::from(c[1] & 15)))
        .collect();
    let h_max = sampling.iter().map(|s| s.0).max().unwrap_or(0);
    let v_max = sampling.iter().map(|s| s.1).max().unwrap_or(0);
    if sampling.iter().any(|&(h, v)| h == 0 || v == 0) {
        return 0; // the decoder refuses such a frame
    }
    let blocks: u64 = sampling
        .iter()
        .map(|&(h, v)| {
            let columns = (width * h).div_ceil(h_max).div_ceil(8);
            let rows = (height * v).div_ceil(v_max).div_ceil(8);
            columns * rows
        })
        .sum();
    blocks * per_block
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes from the first scan's data to the end marker.
    fn coded_bytes(jpeg: &[u8]) -> u64 {
        let sos = jpeg.windows(2).position(|w| w == [0xff, 0xda]).unwrap();
        (jpeg.len() - sos) as u64
    }

    #[test]
    fn a_jpeg_is_whole_to_its_end_marker_with_data_for_every_block() {
        let picture = image::RgbImage::from_fn(96, 64, |x, y| {
            image::Rgb([((x * 7) ^ (y * 13)) as u8, (x * y) as u8, (x + y) as u8])
        });
        let mut jpeg = Vec::new();
        image::DynamicImage::ImageRgb8(picture)
            .write_to(
                &mut std::io::Cursor::new(&mut jpeg),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        assert_eq!(whole(&jpeg), Ok(()));
        // Cut anywhere, it is not whole.
        for end in (2..jpeg.len() - 1).step_by(37) {
            assert!(whole(&jpeg[..end]).is_err(), "cut at {end}");
        }
        // Bytes after the end (a second picture, padding) and stray bytes between
        // segments, which decoders skip, are accepted.
        let mut padded = jpeg.clone();
        padded.extend_from_slice(&[0, 0, 0xff, 0xd8]);
        assert_eq!(whole(&padded), Ok(()));
        let mut stray = jpeg.clone();
        stray.splice(2..2, [0u8, 1, 2]);
        assert_eq!(whole(&stray), Ok(()));
        // A frame header claiming 4000 × 4000 pixels: 250 000 blocks, more than the
        // data's bits.
        let sof = jpeg.windows(2).position(|w| w == [0xff, 0xc0]).unwrap();
        jpeg[sof + 5..sof + 9].copy_from_slice(&[0x0f, 0xa0, 0x0f, 0xa0]);
        let error = whole(&jpeg).unwrap_err();
        assert!(error.en.contains("4000 × 4000 pixels"), "{}", error.en);
        // Half as many luma blocks as the data has bits: one bit a block would fit,
        // not two for each block of each component (a sequential frame, in colour).
        let bits = coded_bytes(&jpeg) * 8;
        let side = ((bits / 2 * 64) as f64).sqrt() as u16;
        jpeg[sof + 5..sof + 9].copy_from_slice(&[side.to_be_bytes(), side.to_be_bytes()].concat());
        assert!(whole(&jpeg).is_err(), "{side} × {side}");
    }
}
