//! How the process's allocator treats freed memory.
//!
//! `brief` frees the summarizer's working memory (a few MB for a story of twenty articles)
//! and then extracts the facts; `batch` does the same again for every cluster. With glibc's
//! defaults, every block of 128 KiB or more is its own `mmap`, returned to the kernel on
//! `free`, so the next one is new memory again and every page of it costs a page fault
//! (about 3 µs each on the measured machine, see bench/RESULTS.md). Keeping freed memory in
//! the heap lets the next story, or the facts, reuse pages already mapped. The heap then
//! holds on to at most 64 MiB more than it uses, and blocks of 32 MiB or more are still
//! mapped on their own.

/// Keep blocks under 32 MiB in the heap and give memory back only when 64 MiB at its top are
/// free. A no-op off glibc. Call it first, before any thread starts.
pub fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[allow(unsafe_code)]
    // SAFETY: `mallopt` only sets two tuning parameters of glibc's allocator; it takes plain
    // integers, touches no memory of ours, and is called before any other thread exists.
    // glibc accepts an mmap threshold of at most 32 MiB on 64-bit targets (it returns 0 and
    // changes nothing when a value is refused, which leaves the defaults: still correct).
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
    }
}
