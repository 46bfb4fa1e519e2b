# BMP images: the file header and the DIB header (core, info and its later versions), and
# the colour table. Written for hexmap.
meta:
  id: bmp
  title: Windows bitmap
  file-extension: [bmp, dib]
  endian: le
seq:
  - id: magic
    contents: "BM"
  - id: file_size
    type: u4
  - id: reserved1
    type: u2
  - id: reserved2
    type: u2
  - id: bitmap_offset
    type: u4
  - id: dib_header_size
    type: u4
  - id: dib_header
    size: dib_header_size - 4
    type:
      switch-on: dib_header_size
      cases:
        12: core_header
        40: info_header
        52: info_header
        56: info_header
        108: info_header
        124: info_header
  - id: color_table
    size: bitmap_offset - _io.pos
    if: bitmap_offset > _io.pos
instances:
  bitmap:
    pos: bitmap_offset
    size-eos: true
types:
  core_header:
    seq:
      - id: width
        type: u2
      - id: height
        type: s2
      - id: planes
        type: u2
      - id: bits_per_pixel
        type: u2
  info_header:
    seq:
      - id: width
        type: s4
      - id: height
        type: s4
      - id: planes
        type: u2
      - id: bits_per_pixel
        type: u2
      - id: compression
        type: u4
        enum: compression
      - id: image_size
        type: u4
      - id: x_pixels_per_meter
        type: s4
      - id: y_pixels_per_meter
        type: s4
      - id: colors_used
        type: u4
      - id: colors_important
        type: u4
      - id: masks_and_more
        size-eos: true
    instances:
      top_down:
        value: height < 0
enums:
  compression:
    0: rgb
    1: rle8
    2: rle4
    3: bitfields
    4: jpeg
    5: png
    6: alpha_bitfields
