//! The one way reportsite starts tokio: a small multi-threaded runtime
//! (two workers, the machine this targets), made where async code is
//! needed (`external/`, `serve/`, `search/`), never global.

/// A runtime with two worker threads, I/O and timers enabled.
pub fn small_runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
}
