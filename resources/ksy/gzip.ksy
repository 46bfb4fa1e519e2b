# gzip files (RFC 1952): one member's header, its compressed data and its trailer.
# Written for hexmap.
meta:
  id: gzip
  title: gzip compressed file
  file-extension: [gz, tgz]
  endian: le
  bit-endian: le
seq:
  - id: magic
    contents: [0x1f, 0x8b]
  - id: method
    type: u1
    enum: method
  - id: flag_text
    type: b1
  - id: flag_header_crc
    type: b1
  - id: flag_extra
    type: b1
  - id: flag_name
    type: b1
  - id: flag_comment
    type: b1
  - id: flags_reserved
    type: b3
  - id: mtime
    type: u4
  - id: extra_flags
    type: u1
  - id: os
    type: u1
    enum: os
  - id: extra_length
    type: u2
    if: flag_extra
  - id: extra
    size: extra_length
    if: flag_extra
  - id: name
    type: strz
    encoding: ISO-8859-1
    if: flag_name
  - id: comment
    type: strz
    encoding: ISO-8859-1
    if: flag_comment
  - id: header_crc16
    type: u2
    if: flag_header_crc
  - id: body
    size: _io.size - _io.pos - 8
  - id: crc32
    type: u4
  - id: uncompressed_size
    type: u4
enums:
  method:
    8: deflate
  os:
    0: fat
    3: unix
    7: macintosh
    10: ntfs
    11: ntfs_cp
    255: unknown
