//! Requests too long to answer, answered the way the rest of the server answers: a JSON error
//! under `/api`, a page elsewhere, with the headers every response carries (`Content-Type`,
//! the Content-Security-Policy, `nosniff`, …), never a reset connection or a bare status.
//!
//! Two places refuse a long request:
//!
//! * [`long_targets`], a middleware: an address (path and query) longer than
//!   [`MAX_TARGET`] gets a 414 before any handler reads it. Every legitimate address is far
//!   shorter: search text is limited to 500 characters, 6,000 bytes at the very most once
//!   percent-encoded, and is refused with a 400 past that.
//! * [`Guarded`], around each connection: addresses too long for hyper itself (64 KiB, or
//!   a request head over its 400 KiB buffer) never reach the application; hyper answers them
//!   with a bare status line (`414`, `431`, `400` for a head it cannot parse) and closes the
//!   connection, with the rest of the client's request unread, so the client may see a
//!   reset instead of the answer. `Guarded` puts the server's own answer in place of
//!   hyper's and, once the connection is done, reads what the client still sends (within
//!   limits) before closing, so the answer arrives.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};

use crate::error::{AppError, ErrorBody};
use crate::pages::PageError;

/// The longest address (path and query, as sent) the server reads, in bytes.
pub const MAX_TARGET: usize = 4096;

/// What a client may still send after a refused request head, and for how long, before the
/// connection is closed regardless.
const DRAIN_BYTES: u64 = 4 << 20;
const DRAIN_TIME: Duration = Duration::from_secs(3);

/// Whether a path is the API's (answered in JSON).
fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

fn too_long_message(len: Option<usize>) -> String {
    let len = match len {
        Some(n) => format!("{} bytes", thousands(n)),
        None => "more bytes than the server reads".into(),
    };
    format!(
        "The address is too long ({len}); this server reads addresses of up to {} bytes. \
         Search text is limited to 500 characters.",
        thousands(MAX_TARGET)
    )
}

/// `12345` as `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let groups: Vec<&str> = digits
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|g| std::str::from_utf8(g).expect("ASCII digits"))
        .collect();
    groups.join(",")
}

/// Middleware: a 414 for an address longer than [`MAX_TARGET`].
pub async fn long_targets(req: Request<Body>, next: Next) -> Response {
    let len = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if len <= MAX_TARGET {
        return next.run(req).await;
    }
    let e = AppError::new(StatusCode::URI_TOO_LONG, too_long_message(Some(len)));
    if is_api(req.uri().path()) {
        e.json()
    } else {
        PageError(e).into_response()
    }
}

/// The server's own answer to a request hyper refused while reading its head, as bytes on
/// the wire: `status` with a message, JSON for an API path, else a page; the common headers,
/// and `Connection: close`.
fn raw_answer(status: StatusCode, api: bool) -> Vec<u8> {
    let message = match status {
        StatusCode::URI_TOO_LONG => too_long_message(None),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => {
            "The request's header fields are too large.".to_string()
        }
        _ => "The request could not be read as HTTP.".to_string(),
    };
    let (content_type, body) = if api {
        let body = serde_json::to_vec(&ErrorBody {
            status: status.as_u16(),
            message: &message,
        })
        .expect("error body serializes");
        ("application/json", body)
    } else {
        let page = crate::pages::error_page(status, &message).into_string();
        ("text/html; charset=utf-8", page.into_bytes())
    };
    let mut head = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error"),
        body.len()
    );
    for (name, value) in crate::COMMON_HEADERS {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "connection: close\r\ndate: {}\r\n\r\n",
        httpdate::fmt_http_date(std::time::SystemTime::now())
    ));
    let mut out = head.into_bytes();
    out.extend_from_slice(&body);
    out
}

/// The status of one of hyper's own answers to a request head it could not read (a status
/// line of 400, 414 or 431 with an empty body and no content type, closing the connection),
/// if `bytes` is one. The application's answers always carry a content type.
fn automatic_status(bytes: &[u8]) -> Option<StatusCode> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = bytes[..end].to_ascii_lowercase();
    if !head.starts_with(b"http/1.") || head.len() < 12 {
        return None;
    }
    let status = match &head[9..12] {
        b"400" => StatusCode::BAD_REQUEST,
        b"414" => StatusCode::URI_TOO_LONG,
        b"431" => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        _ => return None,
    };
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    (!has(b"\r\ncontent-type:") && has(b"\r\ncontent-length: 0") && has(b"\r\nconnection: close"))
        .then_some(status)
}

/// How many bytes of a request's head [`Guarded`] keeps: enough for its method and the start
/// of its path.
const HEAD_KEPT: usize = 16;

/// What [`Guarded`] knows of the request being read: the first bytes of its head and whether
/// its request line has ended.
#[derive(Debug)]
struct Watch {
    head: [u8; HEAD_KEPT],
    head_len: usize,
    line_done: bool,
    /// A response went out since the last bytes were read: the next ones start a request.
    between: bool,
}

impl Watch {
    fn new() -> Watch {
        Watch {
            head: [0; HEAD_KEPT],
            head_len: 0,
            line_done: false,
            between: true,
        }
    }

    /// Note bytes read from the client.
    fn saw(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        if self.between {
            self.between = false;
            self.head_len = 0;
            self.line_done = false;
        }
        let n = (HEAD_KEPT - self.head_len).min(bytes.len());
        self.head[self.head_len..self.head_len + n].copy_from_slice(&bytes[..n]);
        self.head_len += n;
        self.line_done |= bytes.contains(&b'\n');
    }

    /// Whether the request being read asks for an API path (`GET /api/…`).
    fn for_api(&self) -> bool {
        let head = &self.head[..self.head_len];
        let target = head
            .iter()
            .position(|&b| b == b' ')
            .map_or(&[][..], |i| &head[i + 1..]);
        target.starts_with(b"/api/") || target.starts_with(b"/api ") || target == b"/api"
    }

    /// The server's answer in place of hyper's automatic `status`.
    fn answer(&self, status: StatusCode) -> Vec<u8> {
        // a head too large before its request line ended: the address is what is too long
        let status = if status == StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE && !self.line_done {
            StatusCode::URI_TOO_LONG
        } else {
            status
        };
        raw_answer(status, self.for_api())
    }
}

/// A connection whose refused request heads are answered by the server (see the module
/// docs). Everything else passes through untouched.
pub struct Guarded<S>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    /// None once handed to the drain after a replaced answer.
    inner: Option<S>,
    watch: Watch,
    /// The answer put in place of hyper's, and how much of it is written.
    answer: Option<(Vec<u8>, usize)>,
}

impl<S> Guarded<S>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    pub fn new(inner: S) -> Guarded<S> {
        Guarded {
            inner: Some(inner),
            watch: Watch::new(),
            answer: None,
        }
    }

    fn replace(&mut self, status: StatusCode) {
        self.answer = Some((self.watch.answer(status), 0));
    }

    /// Write out the replaced answer, if any.
    fn poll_answer(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let Some((bytes, written)) = &mut self.answer else {
            return Poll::Ready(Ok(()));
        };
        let Some(inner) = self.inner.as_mut() else {
            return Poll::Ready(Ok(()));
        };
        while *written < bytes.len() {
            match Pin::new(&mut *inner).poll_write(cx, &bytes[*written..]) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => *written += n,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        Poll::Ready(Ok(()))
    }
}

fn gone() -> io::Error {
    io::Error::new(
        io::ErrorKind::NotConnected,
        "connection handed to the drain",
    )
}

impl<S> AsyncRead for Guarded<S>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let Some(inner) = this.inner.as_mut() else {
            return Poll::Ready(Err(gone()));
        };
        let before = buf.filled().len();
        let res = Pin::new(inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = res {
            this.watch.saw(&buf.filled()[before..]);
        }
        res
    }
}

impl<S> AsyncWrite for Guarded<S>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.answer.is_some() {
            // nothing of hyper's goes out after the answer put in its place
            return Poll::Ready(Ok(buf.len()));
        }
        if let Some(status) = automatic_status(buf) {
            this.replace(status);
            return Poll::Ready(Ok(buf.len()));
        }
        this.watch.between = true;
        match this.inner.as_mut() {
            Some(inner) => Pin::new(inner).poll_write(cx, buf),
            None => Poll::Ready(Err(gone())),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let total: usize = bufs.iter().map(|b| b.len()).sum();
        if this.answer.is_some() {
            return Poll::Ready(Ok(total));
        }
        // hyper's automatic answer is a head alone, in one buffer
        if let Some(status) = bufs
            .iter()
            .find(|b| !b.is_empty())
            .and_then(|b| automatic_status(b))
        {
            this.replace(status);
            return Poll::Ready(Ok(total));
        }
        this.watch.between = true;
        match this.inner.as_mut() {
            Some(inner) => Pin::new(inner).poll_write_vectored(cx, bufs),
            None => Poll::Ready(Err(gone())),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.as_ref().is_some_and(|i| i.is_write_vectored())
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        std::task::ready!(this.poll_answer(cx))?;
        match this.inner.as_mut() {
            Some(inner) => Pin::new(inner).poll_flush(cx),
            None => Poll::Ready(Ok(())),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        std::task::ready!(this.poll_answer(cx))?;
        match this.inner.as_mut() {
            Some(inner) => Pin::new(inner).poll_shutdown(cx),
            None => Poll::Ready(Ok(())),
        }
    }
}

impl<S> Drop for Guarded<S>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    /// After a replaced answer, the connection goes to a task that finishes writing the
    /// answer, says it is done writing, and reads what the client still sends until it
    /// closes (or the limits are reached): closing with unread bytes would reset the
    /// connection, and the client could lose the answer.
    fn drop(&mut self) {
        let (Some((bytes, written)), Some(mut inner)) = (self.answer.take(), self.inner.take())
        else {
            return;
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        runtime.spawn(async move {
            let _ = tokio::time::timeout(DRAIN_TIME, async {
                if written < bytes.len() {
                    inner.write_all(&bytes[written..]).await?;
                    inner.flush().await?;
                }
                // (hyper may have shut the writing side already)
                let _ = inner.shutdown().await;
                let mut sink = tokio::io::sink();
                tokio::io::copy(&mut (&mut inner).take(DRAIN_BYTES), &mut sink).await?;
                io::Result::Ok(())
            })
            .await;
        });
    }
}

/// The listener [`crate::serve`] uses: TCP connections, each [`Guarded`].
pub struct GuardedListener(pub tokio::net::TcpListener);

impl axum::serve::Listener for GuardedListener {
    type Io = Guarded<tokio::net::TcpStream>;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, addr) = axum::serve::Listener::accept(&mut self.0).await;
        (Guarded::new(stream), addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypers_own_answers_are_told_from_the_applications() {
        let auto = b"HTTP/1.1 414 URI Too Long\r\nconnection: close\r\ncontent-length: 0\r\ndate: Sun, 06 Dec 2026 22:28:03 GMT\r\n\r\n";
        assert_eq!(automatic_status(auto), Some(StatusCode::URI_TOO_LONG));
        let auto = b"HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\ncontent-length: 0\r\n\r\n";
        assert_eq!(
            automatic_status(auto),
            Some(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE)
        );
        for ours in [
            &b"HTTP/1.1 414 URI Too Long\r\ncontent-type: application/json\r\ncontent-length: 70\r\nconnection: close\r\n\r\n{}"[..],
            b"HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 414 URI Too Long\r\nconnection: close\r\ncontent-length: 0\r\n",
            b"not http\r\n\r\n",
        ] {
            assert_eq!(automatic_status(ours), None, "{}", String::from_utf8_lossy(ours));
        }
    }

    #[test]
    fn the_answer_is_json_for_the_api_and_a_page_elsewhere() {
        let mut w = Watch::new();
        w.saw(b"GET /api/v1/statements?q=aaaa");
        assert!(w.for_api() && !w.line_done);
        let answer =
            String::from_utf8(w.answer(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE)).unwrap();
        assert!(
            answer.starts_with("HTTP/1.1 414 URI Too Long\r\n"),
            "{answer}"
        );
        assert!(answer.contains("\r\ncontent-type: application/json\r\n"));
        assert!(answer.contains("\r\nx-content-type-options: nosniff\r\n"));
        assert!(answer.contains("\r\ncontent-security-policy: default-src 'none';"));
        let body = answer.split("\r\n\r\n").nth(1).unwrap();
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["status"], 414);

        // a response out, then the next request: a page, its line ended, headers too large
        w.between = true;
        w.saw(b"GET /search?q=x HTTP/1.1\r\nX-Big: ");
        assert!(!w.for_api() && w.line_done);
        let answer =
            String::from_utf8(w.answer(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE)).unwrap();
        assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
        assert!(answer.contains("\r\ncontent-type: text/html; charset=utf-8\r\n"));
        assert!(answer.contains("<!DOCTYPE html>"));
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("content-length: {}\r\n", body.len())));

        for (head, api) in [
            (&b"GET /api HTTP/1.1"[..], true),
            (b"POST /api/v1/articles", true),
            (b"GET /apiary", false),
            (b"GET /", false),
        ] {
            let mut w = Watch::new();
            w.saw(head);
            assert_eq!(w.for_api(), api, "{}", String::from_utf8_lossy(head));
        }
        assert_eq!(thousands(4096), "4,096");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(12), "12");
    }
}
