"""Packs a fuzz target's corpus folder into one file, or unpacks it: fuzz/corpus/TARGET.bin holds
each input as a 4-byte little-endian length and its bytes, in the order of their SHA-256 (so the
same corpus packs to the same file). One file per target keeps the repository small where
cargo fuzz's thousands of files would not; tests/fuzz_corpus.rs reads the same format.
    python3 scripts/lib/corpus.py pack FOLDER FILE | unpack FILE FOLDER
"""
import hashlib
import os
import struct
import sys


def pack(folder, path):
    inputs = []
    for name in os.listdir(folder):
        with open(os.path.join(folder, name), "rb") as f:
            inputs.append(f.read())
    inputs.sort(key=lambda data: hashlib.sha256(data).digest())
    with open(path, "wb") as out:
        for data in inputs:
            out.write(struct.pack("<I", len(data)))
            out.write(data)
    print(f"{path}: {len(inputs)} inputs")


def unpack(path, folder):
    os.makedirs(folder, exist_ok=True)
    with open(path, "rb") as f:
        blob = f.read()
    at = 0
    while at < len(blob):
        (size,) = struct.unpack_from("<I", blob, at)
        data = blob[at + 4 : at + 4 + size]
        at += 4 + size
        with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as out:
            out.write(data)


if __name__ == "__main__":
    command, source, target = sys.argv[1:4]
    {"pack": pack, "unpack": unpack}[command](source, target)
