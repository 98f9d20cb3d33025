//! Every hash baucu takes, in one place, for what each is for: FNV-1a (fast, stable
//! names and fingerprints, never security), SHA-256 (the deploy manifest, and the
//! cache's file hashes taken from it), SHA-384 (Subresource Integrity).

use base64::Engine;
use sha2::Digest;

/// 64-bit FNV-1a: a fast, stable content hash for file names and the build cache
/// (not for security).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hasher = Fnv1a::default();
    hasher.write_bytes(bytes);
    hasher.finish()
}

/// FNV-1a fed piece by piece; as an `io::Write` it hashes what is serialised into it
/// without building the text.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    pub fn write_bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

/// Also a hasher for hash maps of short keys (terms, words), where it beats the
/// default SipHash several times over.
impl std::hash::Hasher for Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        self.write_bytes(bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl std::io::Write for Fnv1a {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_bytes(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The SHA-256 of `bytes`, as the manifest records it.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    sha2::Sha256::digest(bytes).into()
}

/// The hash of a file's bytes that the cache keeps: the first 8 bytes of the SHA-256
/// that the deploy manifest records, so that a file written is hashed only once.
pub fn bytes_hash(bytes: &[u8]) -> u64 {
    bytes_hash_of(&sha256(bytes))
}

/// [`bytes_hash`] of the bytes whose SHA-256 is `digest`.
pub fn bytes_hash_of(digest: &[u8; 32]) -> u64 {
    let mut first = [0; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_le_bytes(first)
}

/// The Subresource Integrity value of `bytes`: `sha256-` and the base64 of the digest.
/// SHA-256 is as strong a check here as SHA-384 and 20 bytes shorter on every page.
pub fn integrity(bytes: &[u8]) -> String {
    let digest = sha2::Sha256::digest(bytes);
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest.as_slice())
    )
}
