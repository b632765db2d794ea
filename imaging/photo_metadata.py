"""Photo metadata removal at upload, lossless: a JPEG or PNG keeps its pixels byte for byte and loses what a
phone or an editor wrote about it (EXIF with the GPS position, camera serial numbers and dates, XMP, IPTC,
comments, PNG text).

Telegram removes this from photos but not from files sent as documents. `imaging.upload.clean_upload` calls
`strip_image_metadata` beside DICOM de-identification, before an upload is queued or stored.

No maintained library does it losslessly and completely: Pillow, exif-stripper and mat2 decode and re-encode
(lossy for JPEG); piexif (no release since 2019) removes the EXIF segment only; pyexiv2 (exiv2, native code,
not thread-safe) keeps the segments and PNG chunks it does not know. So this is a whitelist over the
container: segments and chunks are copied whole or dropped, never decoded.

- JPEG keeps SOI, APP0 "JFIF", APP2 "ICC_PROFILE", APP14 "Adobe" (the colour transform), the codec segments
  (SOFn, DHT, DAC, DQT, DNL, DRI, DHP, EXP, SOS), the entropy-coded scans and EOI. It drops every other APPn
  (APP1 EXIF and XMP, APP2 MPF and FlashPix, APP0 JFXX thumbnails, APP3-APP13 with IPTC in APP13, APP15), COM,
  JPGn and reserved markers, junk between segments, and everything after EOI (an MPO's other frames, vendor
  trailers, motion-photo videos).
- PNG keeps IHDR, PLTE, IDAT, IEND, tRNS, bKGD, pHYs, the colour chunks (gAMA, cHRM, sRGB, iCCP, sBIT, cICP,
  mDCV, cLLI) and APNG's frame chunks (acTL, fcTL, fdAT), with their CRCs; it drops tEXt, zTXt, iTXt, eXIf,
  tIME and every other chunk, and everything after IEND.

Orientation survives. The reader (`detector.reading`) turns the image by its EXIF Orientation, which Pillow
takes from EXIF, else from XMP. Pillow reads it here from the original's metadata alone (a 1x1 stand-in image
carrying the original's APP1 segments or text and eXIf chunks), and when it turns the image a minimal EXIF
holding Orientation alone is written back: an APP1 after SOI and JFIF, or an eXIf chunk before the first IDAT.

Damaged files never raise. The filter stops at the first thing it cannot parse and returns what it copied up
to there, including a kept segment cut short by the end of the data (that is image data). The reader then
finds the copy as readable, or as unreadable, as the original, and gives its usual typed reply; the copy holds
no metadata either way. Should the filter itself fail, only the signature is kept: the reader calls that
damaged.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Iterable
from typing import Final

from PIL import Image

from imaging.formats import JPEG_SIGNATURE, PNG_SIGNATURE

logger = logging.getLogger(__name__)

ORIENTATION: Final = 0x0112  # EXIF tag; 1 = as stored, 2-8 = mirrored and/or turned

# --- JPEG markers (the byte after 0xFF) ---
_SOI, _EOI, _SOS = 0xD8, 0xD9, 0xDA
_APP0, _APP1, _APP2, _APP14 = 0xE0, 0xE1, 0xE2, 0xEE
_STANDALONE: Final = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM, RST0-RST7: no length field
_CODEC: Final = frozenset({*range(0xC0, 0xD0), _SOS, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF})
_KEPT_APP: Final = {_APP0: b"JFIF\x00", _APP2: b"ICC_PROFILE\x00", _APP14: b"Adobe"}
# In a scan 0xFF is followed by 0x00 (a stuffed byte), RSTn or 0xFF (fill); anything else is a marker.
_MARKER_AFTER_SCAN: Final = re.compile(rb"\xff(?=[\x01-\xcf\xd8-\xfe])")
# A 1x1 greyscale frame header: enough for Pillow to open a stand-in carrying the original's APP1 segments.
_PROBE_SOF0: Final = b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00"

# --- PNG chunk types ---
_PNG_KEPT: Final = frozenset(
    {
        *(b"IHDR", b"PLTE", b"IDAT", b"IEND"),
        *(b"tRNS", b"bKGD", b"pHYs"),
        *(b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"cICP", b"mDCV", b"cLLI"),
        *(b"acTL", b"fcTL", b"fdAT"),
    }
)
_PNG_ORIENTATION_SOURCES: Final = frozenset({b"tEXt", b"zTXt", b"iTXt", b"eXIf"})  # where Pillow looks
_PNG_MAX_LENGTH: Final = 2**31 - 1


def has_metadata_container(data: bytes) -> bool:
    """A JPEG or a PNG: the formats the reader decodes with Pillow, and whose metadata this module removes."""
    return data.startswith((JPEG_SIGNATURE, PNG_SIGNATURE))


def strip_image_metadata(data: bytes) -> bytes:
    """A copy of the JPEG or PNG `data` without metadata (see the module docstring); other bytes unchanged."""
    if not has_metadata_container(data):
        return data
    signature = JPEG_SIGNATURE if data.startswith(JPEG_SIGNATURE) else PNG_SIGNATURE
    try:
        return _strip_jpeg(data) if signature == JPEG_SIGNATURE else _strip_png(data)
    except Exception as exc:  # a bug here must neither stop the upload nor let metadata through
        logger.error("image metadata filter failed (%s): only the signature is kept", type(exc).__name__)
        return signature


# --- JPEG ---


def _strip_jpeg(data: bytes) -> bytes:
    kept = [data[:2]]  # SOI
    app1_before_scan: list[bytes] = []  # what Pillow reads the orientation from
    in_scans = False
    position, end = 2, len(data)
    while position < end:
        if data[position] != 0xFF:  # junk between segments: decoders skip it, and so does the copy
            position = data.find(b"\xff", position)
            if position < 0:
                break
            continue
        while position + 1 < end and data[position + 1] == 0xFF:  # fill bytes before a marker
            position += 1
        if position + 1 >= end:
            break
        marker = data[position + 1]
        if marker == 0x00:  # an escaped 0xFF outside a scan: junk
            position += 2
            continue
        if marker == _EOI:
            kept.append(b"\xff\xd9")
            break
        if marker == _SOI:  # a second start of image: nothing after it is this image
            break
        if marker in _STANDALONE:
            kept.append(data[position : position + 2])
            position += 2
            continue
        if position + 4 > end:
            break
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        if length < 2:
            break
        stop = position + 2 + length
        segment = data[position:stop]  # shorter than its length field says when the data ends first
        if _keeps_jpeg_segment(marker, segment[4:]):
            kept.append(segment)
        elif marker == _APP1 and not in_scans and stop <= end:
            app1_before_scan.append(segment)
        if stop >= end:
            break
        position = stop
        if marker == _SOS:  # the entropy-coded data runs to the next marker (or to the end of a cut file)
            in_scans = True
            found = _MARKER_AFTER_SCAN.search(data, position)
            position = found.start() if found else end
            kept.append(data[stop:position])
    orientation = _orientation(_jpeg_probe(app1_before_scan), "JPEG") if app1_before_scan else None
    if orientation is not None:
        index = 1
        while index < len(kept) and kept[index].startswith(b"\xff\xe0"):  # after SOI and APP0 JFIF
            index += 1
        payload = _orientation_exif(orientation)
        kept.insert(index, b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload)
    return b"".join(kept) if len(kept) > 1 else JPEG_SIGNATURE  # still a JPEG to the reader: a damaged one


def _keeps_jpeg_segment(marker: int, payload: bytes) -> bool:
    if marker in _CODEC:
        return True
    prefix = _KEPT_APP.get(marker)
    return prefix is not None and payload.startswith(prefix)


def _jpeg_probe(app1_segments: Iterable[bytes]) -> bytes:
    return b"\xff\xd8" + b"".join(app1_segments) + _PROBE_SOF0 + b"\xff\xd9"


# --- PNG ---


def _strip_png(data: bytes) -> bytes:
    kept = [PNG_SIGNATURE]
    sources: list[bytes] = []  # whole text and eXIf chunks: what Pillow reads the orientation from
    first_idat: int | None = None
    position, end = len(PNG_SIGNATURE), len(data)
    while position + 8 <= end:
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        if length > _PNG_MAX_LENGTH or not kind.isalpha():
            break
        stop = position + 12 + length  # length, type, data, CRC
        chunk = data[position:stop]  # shorter than that when the data ends first
        if kind in _PNG_KEPT:
            if kind == b"IDAT" and first_idat is None:
                first_idat = len(kept)
            kept.append(chunk)
        elif kind in _PNG_ORIENTATION_SOURCES and stop <= end:
            sources.append(chunk)
        if stop >= end or kind == b"IEND":
            break
        position = stop
    orientation = _orientation(_png_probe(sources), "PNG") if sources else None
    if orientation is not None and first_idat is not None:
        tiff = _orientation_exif(orientation).removeprefix(b"Exif\x00\x00")  # eXIf holds the TIFF part alone
        kept.insert(first_idat, _png_chunk(b"eXIf", tiff))
    return b"".join(kept)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")


def _png_probe(chunks: Iterable[bytes]) -> bytes:
    """A 1x1 PNG carrying `chunks` (CRCs made valid: Pillow checks them before IDAT, not after)."""
    carried = b"".join(_png_chunk(chunk[4:8], chunk[8:-4]) for chunk in chunks)
    header = _png_chunk(b"IHDR", b"\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00")
    pixels = _png_chunk(b"IDAT", zlib.compress(b"\x00\x00"))
    return PNG_SIGNATURE + header + carried + pixels + _png_chunk(b"IEND", b"")


# --- orientation ---


def _orientation(probe: bytes, image_format: str) -> int | None:
    """The Orientation the reader would apply (2-8), or None when it leaves the image as stored."""
    try:
        with Image.open(io.BytesIO(probe), formats=(image_format,)) as image:
            value = image.getexif().get(ORIENTATION, 1)
    except Exception as exc:  # metadata Pillow cannot read: the reader could not turn the image either
        logger.debug("orientation unreadable: %s", type(exc).__name__)
        return None
    return value if type(value) is int and 2 <= value <= 8 else None


def _orientation_exif(orientation: int) -> bytes:
    """b"Exif\\0\\0" and a TIFF structure holding the Orientation tag alone."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()
