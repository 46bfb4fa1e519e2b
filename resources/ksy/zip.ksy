# ZIP archives, read front to back: local file headers with their data, the central
# directory and its end record. Written for hexmap.
meta:
  id: zip
  title: ZIP archive
  file-extension: [zip, jar, apk, docx, xlsx, odt]
  endian: le
  encoding: UTF-8
seq:
  - id: sections
    type: section
    repeat: eos
types:
  section:
    seq:
      - id: magic
        contents: "PK"
      - id: kind
        type: u2
      - id: body
        type:
          switch-on: kind
          cases:
            0x0403: local_file
            0x0201: central_dir_entry
            0x0605: end_of_central_dir
            0x0606: zip64_end_of_central_dir
            0x0706: zip64_locator
            0x0807: data_descriptor
  local_file:
    seq:
      - id: version
        type: u2
      - id: flags
        type: u2
      - id: compression
        type: u2
        enum: compression
      - id: mod_time
        type: u2
      - id: mod_date
        type: u2
      - id: crc32
        type: u4
      - id: compressed_size
        type: u4
      - id: uncompressed_size
        type: u4
      - id: name_length
        type: u2
      - id: extra_length
        type: u2
      - id: name
        type: str
        size: name_length
      - id: extra
        size: extra_length
      - id: data
        size: compressed_size
  central_dir_entry:
    seq:
      - id: version_made_by
        type: u2
      - id: version_needed
        type: u2
      - id: flags
        type: u2
      - id: compression
        type: u2
        enum: compression
      - id: mod_time
        type: u2
      - id: mod_date
        type: u2
      - id: crc32
        type: u4
      - id: compressed_size
        type: u4
      - id: uncompressed_size
        type: u4
      - id: name_length
        type: u2
      - id: extra_length
        type: u2
      - id: comment_length
        type: u2
      - id: disk_start
        type: u2
      - id: internal_attributes
        type: u2
      - id: external_attributes
        type: u4
      - id: local_header_offset
        type: u4
      - id: name
        type: str
        size: name_length
      - id: extra
        size: extra_length
      - id: comment
        type: str
        size: comment_length
  end_of_central_dir:
    seq:
      - id: disk
        type: u2
      - id: central_dir_disk
        type: u2
      - id: entries_on_disk
        type: u2
      - id: entries_total
        type: u2
      - id: central_dir_size
        type: u4
      - id: central_dir_offset
        type: u4
      - id: comment_length
        type: u2
      - id: comment
        type: str
        size: comment_length
  zip64_end_of_central_dir:
    seq:
      - id: record_size
        type: u8
      - id: version_made_by
        type: u2
      - id: version_needed
        type: u2
      - id: disk
        type: u4
      - id: central_dir_disk
        type: u4
      - id: entries_on_disk
        type: u8
      - id: entries_total
        type: u8
      - id: central_dir_size
        type: u8
      - id: central_dir_offset
        type: u8
      - id: extensible_data
        size: record_size - 44
  zip64_locator:
    seq:
      - id: disk
        type: u4
      - id: end_of_central_dir_offset
        type: u8
      - id: total_disks
        type: u4
  data_descriptor:
    seq:
      - id: crc32
        type: u4
      - id: compressed_size
        type: u4
      - id: uncompressed_size
        type: u4
enums:
  compression:
    0: stored
    8: deflated
    9: deflate64
    12: bzip2
    14: lzma
    93: zstd
    95: xz
