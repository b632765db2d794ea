"""Phone-style JPEG and PNG files built from real images, carrying every kind of metadata a phone or an editor
writes (EXIF with GPS, XMP, IPTC, comments, PNG text), each with a planted string to search for."""

from __future__ import annotations

import io
import zlib

from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

PLANTED = {
    "make": "PlantedMake Corp",
    "model": "PlantedModel X12",
    "artist": "Philippa Quarrington",
    "copyright": "(c) PlantedCopyright",
    "description": "PlantedDescription of the lump",
    "datetime": "2026:09:14 10:15:02",
    "serial": "PlantedSerial-88A1",
    "owner": "PlantedOwnerName",
    "xmp": "PlantedXMPCreator",
    "comment": "PlantedComment: taken at home",
    "iptc": "PlantedIPTCByline",
    "app3": "PlantedAPP3",
    "app12": "PlantedDucky",
    "app15": "PlantedAPP15",
    "jfxx": "PlantedJFXX",
    "trailer": "PlantedTrailer motion photo",
    "png_text": "PlantedPNGAuthor",
    "png_ztxt": "PlantedPNGComment",
    "png_after_idat": "PlantedAfterIDAT",
}
GPS_LATITUDE = (53.0, 48.0, 2.5)  # Leeds
GPS_LONGITUDE = (1.0, 32.0, 51.25)

EXIF_IFD = 0x8769
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def planted_exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: camera, dates, owner, serial number and the GPS position."""
    exif = Image.Exif()
    exif[0x010F] = PLANTED["make"]
    exif[0x0110] = PLANTED["model"]
    exif[0x013B] = PLANTED["artist"]
    exif[0x8298] = PLANTED["copyright"]
    exif[0x010E] = PLANTED["description"]
    exif[0x0132] = PLANTED["datetime"]
    if orientation != 1:
        exif[ORIENTATION] = orientation
    details = exif.get_ifd(EXIF_IFD)
    details[0x9003] = PLANTED["datetime"]  # DateTimeOriginal
    details[0xA431] = PLANTED["serial"]  # BodySerialNumber
    details[0xA430] = PLANTED["owner"]  # CameraOwnerName
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", GPS_LATITUDE, "W", GPS_LONGITUDE
    return exif


def xmp_packet(orientation: int | None = None) -> bytes:
    turn = f' tiff:Orientation="{orientation}"' if orientation is not None else ""
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:tiff="http://ns.adobe.com/tiff/1.0/"'
        f' xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="53,48.04N"{turn}>'
        f"<dc:creator>{PLANTED['xmp']}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    ).encode()


def segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + (len(payload) + 2).to_bytes(2, "big") + payload


def extra_segments() -> bytes:
    """IPTC in a Photoshop APP13, a JFXX thumbnail APP0, and the vendor APP3, APP12 (Ducky) and APP15."""
    byline = PLANTED["iptc"].encode()
    iptc = b"\x1c\x02\x50" + len(byline).to_bytes(2, "big") + byline  # IPTC 2:80 By-line
    photoshop = b"Photoshop 3.0\x00" + b"8BIM\x04\x04\x00\x00" + len(iptc).to_bytes(4, "big") + iptc
    return (
        segment(0xE0, b"JFXX\x00\x13" + PLANTED["jfxx"].encode())
        + segment(0xED, photoshop)
        + segment(0xE3, b"META\x00" + PLANTED["app3"].encode())
        + segment(0xEC, b"Ducky\x00" + PLANTED["app12"].encode())
        + segment(0xEF, PLANTED["app15"].encode())
    )


def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def phone_jpeg(
    image: Image.Image, *, orientation: int = 1, xmp_orientation: int | None = None, exif: bool = True
) -> bytes:
    """A JPEG with EXIF (GPS, camera, owner), XMP, a comment, an ICC profile, IPTC and vendor segments, and a
    trailer after EOI (as motion photos append their video)."""
    buffer = io.BytesIO()
    options: dict[str, object] = {"quality": 92, "comment": PLANTED["comment"].encode()}
    if exif:
        options["exif"] = planted_exif(orientation)
    if image.mode == "RGB":
        options["icc_profile"] = srgb_profile()
    image.save(buffer, format="JPEG", xmp=xmp_packet(xmp_orientation), **options)
    data = buffer.getvalue()
    after_jfif = 2 + 2 + int.from_bytes(data[4:6], "big")  # SOI, then APP0 JFIF
    return data[:after_jfif] + extra_segments() + data[after_jfif:] + PLANTED["trailer"].encode()


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")


def phone_png(image: Image.Image, *, orientation: int = 1) -> bytes:
    """A PNG with tEXt, zTXt, iTXt (XMP), eXIf (GPS), tIME, text after IDAT, gAMA, pHYs, iCCP, a trailer."""
    info = PngInfo()
    info.add_text("Author", PLANTED["png_text"])
    info.add_text("Comment", PLANTED["png_ztxt"], zip=True)
    info.add_itxt("XML:com.adobe.xmp", xmp_packet().decode())
    info.add(b"tIME", b"\x07\xea\x09\x0e\x0a\x0f\x02")
    info.add(b"gAMA", (45455).to_bytes(4, "big"))
    info.add(b"tEXt", b"Source\x00" + PLANTED["png_after_idat"].encode(), after_idat=True)
    buffer = io.BytesIO()
    image.save(
        buffer,
        format="PNG",
        pnginfo=info,
        exif=planted_exif(orientation),
        dpi=(72, 72),
        icc_profile=srgb_profile(),
    )
    return buffer.getvalue() + PLANTED["trailer"].encode()


def png_chunk_types(data: bytes) -> list[bytes]:
    types, position = [], 8
    while position + 8 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        types.append(data[position + 4 : position + 8])
        position += 12 + length
    return types


def jpeg_markers(data: bytes) -> list[int]:
    """The markers of the segments before the first scan."""
    markers, position = [], 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return markers


_JPEG_ONLY = {"comment", "iptc", "app3", "app12", "app15", "jfxx"}
_PNG_ONLY = {"png_text", "png_ztxt", "png_after_idat"}


def planted_strings(kind: str | None = None) -> list[bytes]:
    """The planted values ("jpeg" or "png": those that file shows as bytes; None: all).

    The GPS position itself (numbers) and the compressed PNG comment are checked through Pillow."""
    left_out = {"jpeg": _PNG_ONLY, "png": _JPEG_ONLY | {"png_ztxt"}}.get(kind or "", set())
    values = [value.encode() for key, value in PLANTED.items() if key not in left_out]
    return [*values, b"GPSLatitude", b"xmpmeta"] + ([b"8BIM"] if kind != "png" else [])
