# GIF images (87a and 89a): the screen descriptor, the global colour table, then blocks of
# images and extensions up to the trailer, their data as sub-blocks. Written for hexmap.
meta:
  id: gif
  title: Graphics Interchange Format
  file-extension: gif
  endian: le
  encoding: ASCII
seq:
  - id: magic
    contents: "GIF"
  - id: version
    type: str
    size: 3
  - id: screen
    type: screen_descriptor
  - id: global_color_table
    size: 3 * (1 << (screen.color_table_size_bits + 1))
    if: screen.has_color_table
  - id: blocks
    type: block
    repeat: until
    repeat-until: _.kind == block_kind::trailer or _io.eof
types:
  screen_descriptor:
    seq:
      - id: width
        type: u2
      - id: height
        type: u2
      - id: flags
        type: u1
      - id: background_color_index
        type: u1
      - id: pixel_aspect_ratio
        type: u1
    instances:
      has_color_table:
        value: (flags & 0x80) != 0
      color_table_size_bits:
        value: flags & 7
  block:
    seq:
      - id: kind
        type: u1
        enum: block_kind
      - id: body
        type:
          switch-on: kind
          cases:
            block_kind::image: image
            block_kind::extension: extension
  image:
    seq:
      - id: left
        type: u2
      - id: top
        type: u2
      - id: width
        type: u2
      - id: height
        type: u2
      - id: flags
        type: u1
      - id: local_color_table
        size: 3 * (1 << ((flags & 7) + 1))
        if: (flags & 0x80) != 0
      - id: lzw_min_code_size
        type: u1
      - id: data
        type: sub_block
        repeat: until
        repeat-until: _.length == 0
  extension:
    seq:
      - id: label
        type: u1
        enum: extension_label
      - id: data
        type: sub_block
        repeat: until
        repeat-until: _.length == 0
  sub_block:
    seq:
      - id: length
        type: u1
      - id: bytes
        size: length
enums:
  block_kind:
    0x21: extension
    0x2c: image
    0x3b: trailer
  extension_label:
    0x01: plain_text
    0xf9: graphic_control
    0xfe: comment
    0xff: application
