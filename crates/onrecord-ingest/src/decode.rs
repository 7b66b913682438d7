//! Byte-level checks shared by every format: binary detection, UTF-8 decoding, sizes, and
//! OS error wording.

use std::borrow::Cow;
use std::io;

pub(crate) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How far into an input we look for a NUL byte: text never has one, binaries almost always
/// do within their headers.
pub(crate) const SNIFF_BYTES: usize = 8 * 1024;

/// Why these bytes are not text, if they are not.
pub(crate) fn binary_reason(bytes: &[u8], noun: &str) -> Option<String> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if !head.contains(&0) {
        return None;
    }
    // UTF-16 is text, but not text we read: say so instead of calling it binary.
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Some(format!(
            "{noun} is UTF-16 text; onrecord reads UTF-8, convert it first (e.g. iconv -f UTF-16 -t UTF-8)"
        ));
    }
    Some(format!(
        "binary {noun} (NUL byte in the first 8 KiB), not text; skipped"
    ))
}

/// Decodes UTF-8, dropping a byte-order mark (it is not part of the text). Invalid sequences
/// become U+FFFD so one bad byte does not lose an article; the warning says where.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<String>) {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(e) => (
            String::from_utf8_lossy(bytes),
            Some(format!(
                "invalid UTF-8, decoded with replacement characters (first bad byte at offset {})",
                e.valid_up_to()
            )),
        ),
    }
}

/// A byte count for people: `64 MB`, `1.5 MB`, `12 KB`, `300 bytes` (binary units, as `ls -h`).
pub(crate) fn human_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    const GB: u64 = 1024 * MB;
    let scaled = |unit: u64, name: &str| {
        let tenths = (bytes as u128 * 10 + unit as u128 / 2) / unit as u128;
        match (tenths / 10, tenths % 10) {
            (whole, 0) => format!("{whole} {name}"),
            (whole, tenth) => format!("{whole}.{tenth} {name}"),
        }
    };
    if bytes >= GB {
        scaled(GB, "GB")
    } else if bytes >= MB {
        scaled(MB, "MB")
    } else if bytes >= KB {
        scaled(KB, "KB")
    } else if bytes == 1 {
        "1 byte".to_string()
    } else {
        format!("{bytes} bytes")
    }
}

/// The message for an article input over the size limit.
pub(crate) fn too_large(noun: &str, size: Option<u64>, limit: u64) -> String {
    let size = match size {
        Some(n) => format!("{noun} is {}", human_size(n)),
        None => format!("{noun} is more than {}", human_size(limit)),
    };
    format!(
        "{size}, larger than the {} limit for one article; split it or use JSONL",
        human_size(limit)
    )
}

/// The OS's reason without Rust's `(os error N)` suffix: "No such file or directory".
pub(crate) fn os_reason(e: &io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) if s.ends_with(')') => s[..i].to_string(),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(64 * 1024 * 1024), "64 MB");
        assert_eq!(human_size(100 * 1024 * 1024 + 300 * 1024), "100.3 MB");
        assert_eq!(human_size(2048), "2 KB");
        assert_eq!(human_size(10), "10 bytes");
        assert_eq!(human_size(3 * 1024 * 1024 * 1024), "3 GB");
    }

    #[test]
    fn bom_is_dropped_and_bad_bytes_replaced() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").0, "hi");
        let (s, w) = decode(b"caf\xE9 ok");
        assert_eq!(s, "caf\u{FFFD} ok");
        assert!(w.unwrap().contains("offset 3"));
    }

    #[test]
    fn nul_means_binary_and_utf16_is_named() {
        assert!(binary_reason(b"plain text", "file").is_none());
        assert!(binary_reason(b"\x7FELF\x02\x01\x00", "file")
            .unwrap()
            .starts_with("binary file"));
        assert!(binary_reason(b"\xFF\xFEh\x00i\x00", "file")
            .unwrap()
            .contains("UTF-16"));
    }

    #[test]
    fn os_error_suffix_is_removed() {
        let e = io::Error::from_raw_os_error(2);
        assert!(!os_reason(&e).contains("os error"));
    }
}
