//! Content decoding (`Content-Encoding: gzip, deflate, br`) with a ceiling on the decoded size.
//!
//! The HTTP client's own decompression is off so that the caller gets the bytes exactly as the
//! server sent them (for the WARC archive) and so that we, not the client, decide how far a
//! compressed body may grow: a few kilobytes of gzip can inflate to gigabytes, and the only safe
//! way to read such a body is to stop at a limit while inflating, never after.

use std::io::{self, Read};

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

/// Why a body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// The decoded body would pass the limit (a compression bomb, or just a very large page).
    TooLarge,
    /// A `Content-Encoding` we do not speak (we never ask for them, so a server sending one
    /// ignored our `Accept-Encoding`).
    Unsupported(String),
    /// The bytes are not valid for the named encoding (truncated stream, wrong header, …).
    Corrupt { encoding: String, reason: String },
}

/// A decoded body (cut at the limit when cutting was asked for).
#[derive(Debug)]
pub(crate) struct Decoded {
    pub bytes: Vec<u8>,
}

/// The codings of a `Content-Encoding` header value in the order they were applied by the
/// server, lower-cased, `identity` dropped.
pub(crate) fn codings(header: Option<&str>) -> Vec<String> {
    header
        .unwrap_or("")
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect()
}

/// Undoes `codings` (as listed by the server, so undone last to first), producing at most
/// `limit` bytes. With `truncate` the output is cut at the limit (robots.txt: the
/// first 500 KiB count, the rest is ignored); without, passing the limit is an error.
pub(crate) fn decode(
    raw: &[u8],
    codings: &[String],
    limit: u64,
    truncate: bool,
) -> Result<Decoded, DecodeError> {
    if codings.is_empty() {
        let cut = raw.len() as u64 > limit;
        if cut && !truncate {
            return Err(DecodeError::TooLarge);
        }
        let end = if cut { limit as usize } else { raw.len() };
        return Ok(Decoded {
            bytes: raw[..end].to_vec(),
        });
    }
    let mut current: Vec<u8> = Vec::new();
    for (i, coding) in codings.iter().rev().enumerate() {
        let input: &[u8] = if i == 0 { raw } else { &current };
        let reader: Box<dyn Read + '_> = match coding.as_str() {
            "gzip" | "x-gzip" => Box::new(MultiGzDecoder::new(input)),
            "deflate" => {
                // RFC 9110 says zlib-wrapped, but servers have long sent raw deflate too;
                // the two-byte zlib header is recognisable (CM = 8, checksum divisible by 31).
                if looks_like_zlib(input) {
                    Box::new(ZlibDecoder::new(input))
                } else {
                    Box::new(DeflateDecoder::new(input))
                }
            }
            "br" => Box::new(brotli_decompressor::Decompressor::new(input, 8192)),
            other => return Err(DecodeError::Unsupported(other.to_string())),
        };
        let (bytes, cut) = read_bounded(reader, limit).map_err(|e| DecodeError::Corrupt {
            encoding: coding.clone(),
            reason: e.to_string(),
        })?;
        if cut && !truncate {
            return Err(DecodeError::TooLarge);
        }
        current = bytes;
    }
    Ok(Decoded { bytes: current })
}

/// Whether a deflate body starts with a zlib header (RFC 1950) rather than raw deflate data.
fn looks_like_zlib(data: &[u8]) -> bool {
    match data {
        [cmf, flg, ..] => {
            cmf & 0x0f == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) * 256 + u16::from(*flg)) % 31 == 0
        }
        _ => false,
    }
}

/// Reads at most `limit` bytes; the flag says whether more would have come. Memory stays at the
/// limit plus one read buffer, whatever the stream would inflate to.
fn read_bounded(reader: impl Read, limit: u64) -> io::Result<(Vec<u8>, bool)> {
    let mut out = Vec::new();
    let mut limited = reader.take(limit.saturating_add(1));
    limited.read_to_end(&mut out)?;
    if out.len() as u64 > limit {
        out.truncate(limit as usize);
        Ok((out, true))
    } else {
        Ok((out, false))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
    use flate2::Compression;
    use std::io::Write;

    pub(crate) fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    pub(crate) fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    pub(crate) fn raw_deflate(data: &[u8]) -> Vec<u8> {
        let mut e = DeflateEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    pub(crate) fn brotli(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut w = ::brotli::CompressorWriter::new(&mut out, 4096, 9, 22);
            w.write_all(data).unwrap();
        }
        out
    }

    /// A gzip stream of `size` zero bytes, written in pieces so that building it needs no
    /// buffer of that size either.
    pub(crate) fn gzip_zeros(size: usize) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::best());
        let block = vec![0u8; 1 << 16];
        let mut left = size;
        while left > 0 {
            let n = left.min(block.len());
            e.write_all(&block[..n]).unwrap();
            left -= n;
        }
        e.finish().unwrap()
    }

    const TEXT: &[u8] = b"Mayor Ilse Varn of Dunmore said the bridge would reopen on Tuesday.";

    #[test]
    fn codings_are_listed_in_order_without_identity() {
        assert_eq!(codings(Some("gzip, identity, BR")), vec!["gzip", "br"]);
        assert!(codings(None).is_empty());
        assert!(codings(Some("identity")).is_empty());
    }

    #[test]
    fn each_coding_round_trips() {
        for (name, bytes) in [
            ("gzip", gzip(TEXT)),
            ("x-gzip", gzip(TEXT)),
            ("deflate", zlib(TEXT)),
            ("deflate", raw_deflate(TEXT)),
            ("br", brotli(TEXT)),
        ] {
            let d = decode(&bytes, &[name.to_string()], 1 << 20, false).unwrap();
            assert_eq!(d.bytes, TEXT, "{name}");
        }
    }

    #[test]
    fn stacked_codings_are_undone_last_first() {
        let bytes = brotli(&gzip(TEXT));
        let d = decode(&bytes, &codings(Some("gzip, br")), 1 << 20, false).unwrap();
        assert_eq!(d.bytes, TEXT);
    }

    #[test]
    fn limit_stops_a_bomb_or_cuts_when_asked() {
        let bomb = gzip_zeros(10 << 20);
        assert!(bomb.len() < 64 << 10, "{}", bomb.len());
        let g = vec!["gzip".to_string()];
        assert_eq!(
            decode(&bomb, &g, 1 << 20, false).unwrap_err(),
            DecodeError::TooLarge
        );
        let cut = decode(&bomb, &g, 1000, true).unwrap();
        assert_eq!(cut.bytes.len(), 1000);
        // Identity bodies obey the same limit.
        assert_eq!(
            decode(TEXT, &[], 10, false).unwrap_err(),
            DecodeError::TooLarge
        );
        assert_eq!(decode(TEXT, &[], 10, true).unwrap().bytes, &TEXT[..10]);
        // Exactly at the limit is fine.
        assert_eq!(
            decode(&gzip(TEXT), &g, TEXT.len() as u64, false)
                .unwrap()
                .bytes,
            TEXT
        );
    }

    #[test]
    fn corrupt_and_unknown_codings_are_errors() {
        let e = decode(b"not gzip at all", &["gzip".to_string()], 1000, false).unwrap_err();
        assert!(
            matches!(e, DecodeError::Corrupt { ref encoding, .. } if encoding == "gzip"),
            "{e:?}"
        );
        let e = decode(TEXT, &["zstd".to_string()], 1000, false).unwrap_err();
        assert_eq!(e, DecodeError::Unsupported("zstd".into()));
        let truncated = &gzip(TEXT)[..20];
        assert!(decode(truncated, &["gzip".to_string()], 1000, false).is_err());
    }
}
