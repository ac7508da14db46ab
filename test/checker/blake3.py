"""BLAKE3-256 in plain Python, hash mode only, written from the BLAKE3 paper (section 2).

Run `python3 blake3.py` to check it against the official test vectors (BLAKE3-team/BLAKE3,
test_vectors/test_vectors.json, first 32 bytes of the `hash` field; input byte i is i % 251).
"""

import sys

IV = [0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19]
PERMUTATION = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8]
CHUNK_START, CHUNK_END, PARENT, ROOT = 1, 2, 4, 8
BLOCK_LEN, CHUNK_LEN = 64, 1024
M32 = 0xFFFFFFFF


def _rotr(x, n):
    return ((x >> n) | (x << (32 - n))) & M32


def _g(v, a, b, c, d, x, y):
    v[a] = (v[a] + v[b] + x) & M32
    v[d] = _rotr(v[d] ^ v[a], 16)
    v[c] = (v[c] + v[d]) & M32
    v[b] = _rotr(v[b] ^ v[c], 12)
    v[a] = (v[a] + v[b] + y) & M32
    v[d] = _rotr(v[d] ^ v[a], 8)
    v[c] = (v[c] + v[d]) & M32
    v[b] = _rotr(v[b] ^ v[c], 7)


def _round(v, m):
    _g(v, 0, 4, 8, 12, m[0], m[1])
    _g(v, 1, 5, 9, 13, m[2], m[3])
    _g(v, 2, 6, 10, 14, m[4], m[5])
    _g(v, 3, 7, 11, 15, m[6], m[7])
    _g(v, 0, 5, 10, 15, m[8], m[9])
    _g(v, 1, 6, 11, 12, m[10], m[11])
    _g(v, 2, 7, 8, 13, m[12], m[13])
    _g(v, 3, 4, 9, 14, m[14], m[15])


def compress(cv, block, counter, block_len, flags):
    """The compression function; returns the 8-word chaining value (the first half of the output)."""
    m = [int.from_bytes(block[4 * i : 4 * i + 4], "little") for i in range(16)]
    v = list(cv) + IV[:4] + [counter & M32, counter >> 32, block_len, flags]
    for r in range(7):
        _round(v, m)
        if r < 6:
            m = [m[p] for p in PERMUTATION]
    return [v[i] ^ v[i + 8] for i in range(8)]


def _chunk_cv(chunk, index, root):
    """Chaining value of one chunk (up to 1024 bytes); `root` only when it is the whole input."""
    blocks = [chunk[i : i + BLOCK_LEN] for i in range(0, len(chunk), BLOCK_LEN)] or [b""]
    cv = IV
    for i, block in enumerate(blocks):
        flags = (CHUNK_START if i == 0 else 0) | (CHUNK_END if i == len(blocks) - 1 else 0)
        if root and i == len(blocks) - 1:
            flags |= ROOT
        cv = compress(cv, block.ljust(BLOCK_LEN, b"\0"), index, len(block), flags)
    return cv


def _words_to_bytes(words):
    return b"".join(w.to_bytes(4, "little") for w in words)


def _parent_cv(left, right, root):
    block = _words_to_bytes(left) + _words_to_bytes(right)
    return compress(IV, block, 0, BLOCK_LEN, PARENT | (ROOT if root else 0))


def _subtree_cv(data, first_chunk, root):
    """CV of a subtree: the left part holds the largest power-of-two number of chunks that leaves
    at least one byte for the right part (BLAKE3 paper, section 2.1)."""
    if len(data) <= CHUNK_LEN:
        return _chunk_cv(data, first_chunk, root)
    chunks = (len(data) + CHUNK_LEN - 1) // CHUNK_LEN
    left_chunks = 1 << ((chunks - 1).bit_length() - 1)
    split = left_chunks * CHUNK_LEN
    left = _subtree_cv(data[:split], first_chunk, False)
    right = _subtree_cv(data[split:], first_chunk + left_chunks, False)
    return _parent_cv(left, right, root)


def blake3(data: bytes) -> bytes:
    """BLAKE3 hash of `data`, 32 bytes."""
    return _words_to_bytes(_subtree_cv(bytes(data), 0, True))


# input_len -> first 32 bytes of "hash" in the official test_vectors.json
OFFICIAL = {
    0: "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
    1: "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213",
    1023: "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11",
    1024: "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7",
    1025: "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444",
    2048: "e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a",
    2049: "5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030",
    3072: "b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2",
    3073: "7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3",
    4097: "9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995",
}


def test_input(length):
    return bytes(i % 251 for i in range(length))


def self_test():
    """Checks every official vector; returns the list of failing lengths."""
    return [n for n, want in OFFICIAL.items() if blake3(test_input(n)).hex() != want]


if __name__ == "__main__":
    if len(sys.argv) > 1:
        # `blake3.py HEX...`: print the hash of each argument (used to cross-check other hashers)
        for arg in sys.argv[1:]:
            print(blake3(bytes.fromhex(arg)).hex())
        sys.exit(0)
    failed = self_test()
    print(f"blake3 self-test: {len(OFFICIAL) - len(failed)}/{len(OFFICIAL)} official vectors ok")
    sys.exit(1 if failed else 0)
