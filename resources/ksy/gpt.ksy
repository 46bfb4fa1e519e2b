# A GUID partition table disk image: the protective MBR, the primary header at LBA 1 and
# its partition entries, and the backup header at the end of the disk. Sectors are 512
# bytes. Written for hexmap.
meta:
  id: gpt
  title: GUID partition table
  file-extension: [img, gpt]
  endian: le
  imports:
    - mbr
instances:
  sector_size:
    value: 512
  protective_mbr:
    pos: 0
    type: mbr
  primary:
    pos: sector_size
    type: header
  backup:
    pos: primary.backup_lba * sector_size
    type: header
    if: primary.backup_lba * sector_size + 92 <= _io.size
types:
  header:
    seq:
      - id: signature
        contents: "EFI PART"
      - id: revision
        type: u4
      - id: header_size
        type: u4
      - id: header_crc32
        type: u4
      - id: reserved
        type: u4
      - id: current_lba
        type: u8
      - id: backup_lba
        type: u8
      - id: first_usable_lba
        type: u8
      - id: last_usable_lba
        type: u8
      - id: disk_guid
        size: 16
      - id: entries_lba
        type: u8
      - id: entry_count
        type: u4
      - id: entry_size
        type: u4
      - id: entries_crc32
        type: u4
    instances:
      entries:
        io: _root._io
        pos: entries_lba * _root.sector_size
        size: entry_size
        type: entry
        repeat: expr
        repeat-expr: entry_count
  entry:
    seq:
      - id: type_guid
        size: 16
      - id: guid
        size: 16
      - id: first_lba
        type: u8
      - id: last_lba
        type: u8
      - id: attributes
        type: u8
      - id: name
        type: str
        size: 72
        encoding: UTF-16LE
        pad-right: 0
    instances:
      is_used:
        value: type_guid != [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
