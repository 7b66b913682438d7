//! Every response fetched goes into the WARC archive beside the database, with the request
//! that asked for it: a `response` record (the HTTP head as received, the body exactly as
//! received, still content-encoded) and a `request` record pointing at it with
//! `WARC-Concurrent-To`. Redirect hops are archived like final responses.
//!
//! The HTTP client hands over the body de-chunked, so a `Transfer-Encoding: chunked` header
//! would misdescribe the stored body: it is left out of the archived head (and nothing
//! else is changed; `Content-Encoding` stays, with the body still encoded).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use onrecord_core::ArchiveRef;
use onrecord_fetch::{Exchange, Fetched};
use onrecord_warc::{Writer, WriterOptions};

/// Where a fetch went in the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Archived {
    /// The final response's record (the one an article is read from).
    pub response: ArchiveRef,
    /// Records written: two per exchange.
    pub records: usize,
}

/// The archive writer, shared by every fetch task (records are written whole, one at a
/// time).
pub(crate) struct Archive {
    dir: PathBuf,
    /// None once closed: writes after [`Archive::close`] are refused, not started in a new
    /// file.
    writer: Mutex<Option<Writer>>,
}

impl Archive {
    pub(crate) fn open(dir: &Path) -> Result<Archive, String> {
        let options = WriterOptions {
            warcinfo_fields: vec![(
                "description".into(),
                "pages, feeds and sitemaps fetched by onrecord".into(),
            )],
            ..WriterOptions::default()
        };
        let writer = Writer::with_options(dir, options)
            .map_err(|e| format!("cannot open the archive {}: {e}", dir.display()))?;
        Ok(Archive {
            dir: dir.to_path_buf(),
            writer: Mutex::new(Some(writer)),
        })
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Archive every exchange of `fetched`: each redirect hop, then the final response.
    pub(crate) fn record(&self, fetched: &Fetched) -> Result<Archived, String> {
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let Some(writer) = guard.as_mut() else {
            return Err("the archive is closed".into());
        };
        let mut last = None;
        for exchange in fetched.redirects.iter().chain([&fetched.response]) {
            last = Some(write_exchange(writer, exchange)?);
        }
        let response = last.expect("a fetch has a final response");
        Ok(Archived {
            response,
            records: 2 * (fetched.redirects.len() + 1),
        })
    }

    /// Flush and close the current file (synced to disk). Later writes are refused.
    pub(crate) fn close(&self) -> Result<(), String> {
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        match guard.take() {
            Some(writer) => writer
                .finish()
                .map_err(|e| format!("cannot close the archive: {e}")),
            None => Ok(()),
        }
    }
}

/// A response record, then the request record concurrent to it.
fn write_exchange(writer: &mut Writer, exchange: &Exchange) -> Result<ArchiveRef, String> {
    let err = |e: onrecord_warc::WriteError| format!("cannot archive {}: {e}", exchange.url);
    let mut message = archived_head(&exchange.raw_head);
    message.extend_from_slice(&exchange.raw_body);
    let ip = exchange.remote_ip.map(|ip| ip.to_string());
    let extra: Vec<(&str, &str)> = ip
        .as_deref()
        .map(|ip| ("WARC-IP-Address", ip))
        .into_iter()
        .collect();
    let response = writer
        .write_record(
            "response",
            Some(&exchange.url),
            exchange.fetched_at,
            "application/http; msgtype=response",
            None,
            &extra,
            &message,
        )
        .map_err(err)?;
    writer
        .write_request(
            &exchange.url,
            exchange.fetched_at,
            &exchange.request_head,
            Some(&response.record_id),
        )
        .map_err(err)?;
    Ok(ArchiveRef {
        file: response
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        offset: response.offset,
        record_id: response.record_id.to_string(),
    })
}

/// The response head as received, without a `Transfer-Encoding` header naming `chunked`
/// (the body it precedes is stored de-chunked).
fn archived_head(raw_head: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw_head.len());
    for line in raw_head.split_inclusive(|&b| b == b'\n') {
        let text = String::from_utf8_lossy(line);
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("transfer-encoding")
                && value.to_ascii_lowercase().contains("chunked")
            {
                continue;
            }
        }
        out.extend_from_slice(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunked_transfer_encoding_is_left_out_of_the_head() {
        let head = b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ntransfer-encoding: chunked\r\ncontent-encoding: gzip\r\n\r\n";
        assert_eq!(
            archived_head(head),
            b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-encoding: gzip\r\n\r\n"
        );
        let plain = b"HTTP/1.1 304 Not Modified\r\netag: \"x\"\r\n\r\n";
        assert_eq!(archived_head(plain), plain);
    }
}
