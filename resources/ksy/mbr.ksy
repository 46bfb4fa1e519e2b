# A master boot record: boot code, four partition entries and the 55 aa signature.
# Written for hexmap.
meta:
  id: mbr
  title: MBR partition table
  file-extension: [img, mbr]
  endian: le
seq:
  - id: boot_code
    size: 446
  - id: partitions
    type: partition
    repeat: expr
    repeat-expr: 4
  - id: signature
    contents: [0x55, 0xaa]
types:
  partition:
    seq:
      - id: status
        type: u1
      - id: chs_start
        size: 3
      - id: partition_type
        type: u1
        enum: partition_type
      - id: chs_end
        size: 3
      - id: lba_start
        type: u4
      - id: sector_count
        type: u4
    instances:
      is_bootable:
        value: status == 0x80
      is_used:
        value: partition_type.to_i != 0
enums:
  partition_type:
    0x00: empty
    0x01: fat12
    0x05: extended
    0x06: fat16
    0x07: ntfs_exfat
    0x0b: fat32_chs
    0x0c: fat32_lba
    0x0e: fat16_lba
    0x0f: extended_lba
    0x82: linux_swap
    0x83: linux
    0x8e: linux_lvm
    0xa5: freebsd
    0xee: gpt_protective
    0xef: efi_system
    0xfd: linux_raid
