"""Compressed copies of stored public pages, and the choice between them per request.

Public pages are compressed once, when the page cache stores them, never per
request: the stored entry keeps the plain bytes and a Brotli and a gzip copy,
and each response picks the best one the browser accepts (`Accept-Encoding`),
with `Vary: Accept-Encoding` so shared caches keep them apart.

Only stored pages are ever compressed. Those carry nothing that belongs to one
reader (no CSRF token, no answers, no session), so the BREACH attack, which
needs a secret and reader-controlled text in the same compressed body, has
nothing to recover. Responses that vary per reader (the triage form and its
results, the admin, previews) are never stored and so never compressed; see
docs/performance.md, "Compression and BREACH".
"""

import gzip

import brotli

# Best first: Brotli is about a fifth smaller than gzip on the article.
ENCODINGS = ("br", "gzip")
# Below this a compressed body is not worth the extra copy (robots.txt).
MINIMUM_SIZE = 256
# Pages are compressed when a reader's request renders them, right after a publish, so the
# levels are chosen for time as well as size (docs/performance.md, "The burst after a publish"):
# Brotli 11 cost 21 ms on the article and 217 ms on the 170 kB cause list, which blocked a
# gunicorn worker; Brotli 6 costs 0.3 ms and 2.4 ms for 12% more bytes, still below gzip 9.
# gzip 9 costs about as much as gzip 6 here and keeps the article further under 6 kB.
BROTLI_QUALITY = 6
GZIP_LEVEL = 9
COMPRESSIBLE_TYPES = ("text/html", "text/plain", "application/xml", "text/xml", "application/json")


def compressible(content_type, content):
    media_type = (content_type or "").split(";")[0].strip().lower()
    return media_type in COMPRESSIBLE_TYPES and len(content) >= MINIMUM_SIZE


def compressed_copies(content):
    """{encoding: bytes} for each encoding that makes `content` smaller. Deterministic (gzip mtime 0)."""
    copies = {
        "br": brotli.compress(content, mode=brotli.MODE_TEXT, quality=BROTLI_QUALITY),
        "gzip": gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0),
    }
    return {name: body for name, body in copies.items() if len(body) < len(content)}


def _accepted(header):
    """The codings the Accept-Encoding header accepts (q above 0), in lower case."""
    accepted = set()
    refused = set()
    for part in (header or "").split(","):
        coding, _, params = part.strip().partition(";")
        coding = coding.strip().lower()
        if not coding:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        (accepted if quality > 0 else refused).add(coding)
    if "*" in accepted:
        accepted.update(name for name in ENCODINGS if name not in refused)
    return accepted - refused


def choose_encoding(accept_encoding, available):
    """The best encoding of `available` that the browser accepts, or None (send the plain bytes)."""
    accepted = _accepted(accept_encoding)
    for name in ENCODINGS:
        if name in available and name in accepted:
            return name
    return None
