"""Decode a saved web page's bytes as a browser does (the HTML standard's encoding sniffing): a byte
order mark, else the charset a real <meta> element of the page declares, else a detected encoding.

Labels are resolved by the WHATWG Encoding Standard (`webencodings`: "iso-8859-1" is windows-1252,
"gb2312" is GBK). A <meta> inside a script, a style or a comment is not the page's (a `data:` URI
in a script often says "charset=utf-8"). A byte that is invalid in the page's encoding is replaced
by U+FFFD and counted, and NUL characters are dropped, as a browser shows the page; a plain text
file with such bytes stays refused (read.decode_text), since nothing there says what it should be.
"""

from __future__ import annotations

import codecs
import re

import webencodings

from .read import InputError, binary_file_type, looks_binary

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16le"), (codecs.BOM_UTF16_BE, "utf-16be"))
# The head ends at </head> or <body>; a page's declaration comes in its head. Elements whose
# content is not markup are skipped whole, so a "<meta charset" written inside them is not read.
HEAD_ITEM = re.compile(
    rb"<!--.*?-->|<(script|style|title|textarea|noscript|template|xmp)\b[^>]*>.*?</\1\s*>"
    rb"|<meta\b(?P<attributes>[^>]*)>|<body\b|</head\s*>",
    re.I | re.S,
)
ATTRIBUTE = re.compile(rb"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
CONTENT_CHARSET = re.compile(rb"""charset\s*=\s*["']?([^\s"';]+)""", re.I)
MAX_HEAD_BYTES = 1_000_000  # past this, no declaration is looked for


def decode_page(path: str, data: bytes) -> tuple[str, str | None]:
    """The page's text, and a note of what was repaired (invalid bytes replaced, NULs dropped), or
    None. InputError for a file that is not a page's text at all (an image, an archive)."""
    file_type = binary_file_type(data)
    if file_type:
        raise InputError(path, f"{file_type}, not text")
    encoding, data = bom_encoding(data)
    encoding = encoding or declared_encoding(data) or detected_encoding(data)
    text, replaced = decode_counting(data, encoding)
    nuls = text.count("\x00")
    text = text.replace("\x00", "")
    if looks_binary(text):
        raise InputError(path, "binary file (mostly control characters), not text")
    if not text.strip():
        raise InputError(path, "empty file" if not text else "only whitespace, no text")
    repairs = [f"{replaced} invalid {encoding} byte sequence(s) replaced by U+FFFD"] if replaced else []
    repairs += [f"{nuls} NUL character(s) dropped"] if nuls else []
    return text, "; ".join(repairs) or None


def bom_encoding(data: bytes) -> tuple[str | None, bytes]:
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, data[len(bom) :]
    return None, data


def declared_encoding(data: bytes) -> str | None:
    """The encoding the first <meta charset> or <meta http-equiv=content-type> of the head names."""
    for item in HEAD_ITEM.finditer(data, 0, MAX_HEAD_BYTES):
        if item["attributes"] is None:
            if item.group(0)[:2] != b"<!" and item.group(1) is None:
                return None  # </head> or <body>: the head is over
            continue
        attributes = {name.lower(): value.strip(b"\"'") for name, value in ATTRIBUTE.findall(item["attributes"])}
        label = attributes.get(b"charset")
        if label is None and attributes.get(b"http-equiv", b"").lower() == b"content-type":
            found = CONTENT_CHARSET.search(attributes.get(b"content", b""))
            label = found.group(1) if found else None
        encoding = label and webencodings.lookup(label.decode("ascii", "replace"))
        if encoding:
            # A page that says UTF-16 in ASCII bytes is not UTF-16 (the standard reads it as UTF-8).
            return "utf-8" if encoding.name.startswith("utf-16") else encoding.codec_info.name
    return None


def detected_encoding(data: bytes) -> str:
    """UTF-8 when the bytes are UTF-8; else what charset_normalizer (trafilatura's own detector) finds,
    else windows-1252, the standard's default for pages that say nothing."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best else "cp1252"


def decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """data decoded, each invalid byte sequence replaced by U+FFFD; and how many were."""
    text = data.decode(encoding, "replace")
    written = "\ufffd".encode(encoding, "ignore")  # U+FFFD the page itself holds, if it can hold one
    return text, text.count("\ufffd") - (data.count(written) if written else 0)
