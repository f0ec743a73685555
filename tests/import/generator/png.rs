//! Tiny, valid PNG images built byte by byte.
//!
//! The fixtures need real images (a reader may decode them, Word and LibreOffice certainly do), but no
//! image library and no compressor: the pixel data goes in one *stored* (uncompressed) deflate block
//! inside a zlib stream, so all that has to be computed is the zlib Adler-32 and the PNG chunk CRC-32,
//! both implemented here. The same pixels always give the same bytes.

/// An RGB image of `width × height` pixels, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Png {
    pub width: u32,
    pub height: u32,
    /// `width * height` pixels as `[r, g, b]`, top row first.
    pub pixels: Vec<[u8; 3]>,
}

impl Png {
    /// An image from rows of pixels; every row must be as long as the first.
    pub fn from_rows(rows: &[&[[u8; 3]]]) -> Png {
        let width = rows.first().map_or(0, |r| r.len()) as u32;
        assert!(
            width > 0 && rows.iter().all(|r| r.len() as u32 == width),
            "rows of one length, at least one pixel"
        );
        Png {
            width,
            height: rows.len() as u32,
            pixels: rows.iter().flat_map(|r| r.iter().copied()).collect(),
        }
    }

    /// The PNG file: signature, `IHDR` (8-bit truecolour), one `IDAT`, `IEND`.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();

        let mut ihdr = Vec::with_capacity(13);
        ihdr.extend_from_slice(&self.width.to_be_bytes());
        ihdr.extend_from_slice(&self.height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // bit depth 8, colour type 2 (RGB), deflate, adaptive filter, no interlace
        chunk(&mut out, b"IHDR", &ihdr);

        // Each scanline starts with its filter type; 0 is "None", so the bytes are the pixels themselves.
        let mut raw = Vec::with_capacity((self.height * (1 + 3 * self.width)) as usize);
        for row in self.pixels.chunks(self.width as usize) {
            raw.push(0);
            raw.extend(row.iter().flatten());
        }
        chunk(&mut out, b"IDAT", &zlib_stored(&raw));
        chunk(&mut out, b"IEND", &[]);
        out
    }
}

/// Appends one PNG chunk: length, type, data, and the CRC-32 of type and data.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream (RFC 1950) holding `data` in stored deflate blocks (RFC 1951 §3.2.4), no compression.
pub fn zlib_stored(data: &[u8]) -> Vec<u8> {
    // CMF 0x78: deflate with a 32K window; FLG 0x01 makes CMF*256+FLG a multiple of 31 (no dictionary,
    // "fastest" level).
    let mut out = vec![0x78, 0x01];
    let mut blocks = data.chunks(0xFFFF).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[0x01, 0x00, 0x00, 0xFF, 0xFF]); // one final, empty stored block
    }
    while let Some(block) = blocks.next() {
        let last = blocks.peek().is_none();
        out.push(u8::from(last)); // BFINAL bit, BTYPE 00 (stored); the rest of the byte is padding
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// CRC-32 (ISO-HDLC: reflected polynomial 0xEDB88320), as PNG chunks and zip entries use it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Adler-32, the checksum at the end of a zlib stream.
pub fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}
