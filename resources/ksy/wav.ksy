# WAV audio (RIFF WAVE): the RIFF header and its chunks, with the format chunk read into
# fields. Written for hexmap.
meta:
  id: wav
  title: WAVE audio
  file-extension: wav
  endian: le
seq:
  - id: riff
    contents: "RIFF"
  - id: riff_size
    type: u4
  - id: form
    contents: "WAVE"
  - id: chunks
    type: chunk
    repeat: eos
types:
  chunk:
    seq:
      - id: id
        type: str
        size: 4
        encoding: ASCII
      - id: length
        type: u4
      - id: body
        size: length
        type:
          switch-on: id
          cases:
            '"fmt "': format
            '"LIST"': list
      - id: pad
        size: length % 2
  format:
    seq:
      - id: format_tag
        type: u2
        enum: format_tag
      - id: channels
        type: u2
      - id: sample_rate
        type: u4
      - id: byte_rate
        type: u4
      - id: block_align
        type: u2
      - id: bits_per_sample
        type: u2
      - id: extra
        size-eos: true
  list:
    seq:
      - id: list_type
        type: str
        size: 4
        encoding: ASCII
      - id: items
        size-eos: true
enums:
  format_tag:
    1: pcm
    3: ieee_float
    6: alaw
    7: mulaw
    0xfffe: extensible
