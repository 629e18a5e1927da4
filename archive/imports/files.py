"""Reading an uploaded or pasted file: size, encoding and emptiness checked before any parsing."""

from __future__ import annotations

from .records import ImportFileError

MAX_BYTES = 20 * 1024 * 1024


def decode(data: bytes | str, name: str = "the file") -> str:
    """UTF-8 text (a byte-order mark is dropped), or a clear refusal."""
    if isinstance(data, str):
        text = data
    else:
        if len(data) > MAX_BYTES:
            raise ImportFileError(f"{name} is larger than 20 MB ({len(data) / 1024 / 1024:.1f} MB); split it up.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ImportFileError(
                f"{name} is not UTF-8 text (undecodable byte at line {line}); save or export it as UTF-8."
            ) from exc
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ImportFileError(f"{name} is larger than 20 MB; split it up.")
    if "\x00" in text:
        raise ImportFileError(f"{name} contains NUL characters: it looks like a binary file, not text.")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportFileError(f"{name} is empty.")
    return text


def read_path(path: str) -> str:
    """A file from disk (management commands), with the same checks as an upload."""
    import os

    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror}.") from exc
    if size > MAX_BYTES:
        raise ImportFileError(f"{path} is larger than 20 MB ({size / 1024 / 1024:.1f} MB); split it up.")
    with open(path, "rb") as handle:
        return decode(handle.read(), path)
