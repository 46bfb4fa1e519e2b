# ELF executables, objects and shared libraries: the identification, the file header, and
# the program and section header tables with each section's name. Written for hexmap.
meta:
  id: elf
  title: Executable and Linkable Format
  file-extension: [elf, o, so, ko]
seq:
  - id: magic
    contents: [0x7f, "ELF"]
  - id: bits
    type: u1
    enum: bits
  - id: ident_data
    type: u1
    enum: data_encoding
  - id: ident_version
    type: u1
  - id: abi
    type: u1
    enum: os_abi
  - id: abi_version
    type: u1
  - id: pad
    size: 7
  - id: header
    type: file_header
types:
  file_header:
    meta:
      endian:
        switch-on: _root.ident_data
        cases:
          1: le
          2: be
    seq:
      - id: e_type
        type: u2
        enum: obj_type
      - id: machine
        type: u2
        enum: machine
      - id: version
        type: u4
      - id: entry_point
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
      - id: program_header_offset
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
      - id: section_header_offset
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
      - id: flags
        type: u4
      - id: header_size
        type: u2
      - id: program_header_entry_size
        type: u2
      - id: program_header_count
        type: u2
      - id: section_header_entry_size
        type: u2
      - id: section_header_count
        type: u2
      - id: section_names_index
        type: u2
    instances:
      program_headers:
        pos: program_header_offset
        size: program_header_entry_size
        type: program_header
        repeat: expr
        repeat-expr: program_header_count
        if: program_header_count > 0
      section_headers:
        pos: section_header_offset
        size: section_header_entry_size
        type: section_header
        repeat: expr
        repeat-expr: section_header_count
        if: section_header_count > 0
      section_names:
        value: section_headers[section_names_index]
        if: section_header_count > section_names_index
  program_header:
    seq:
      - id: p_type
        type: u4
        enum: segment_type
      - id: flags64
        type: u4
        if: _root.bits == bits::b64
      - id: offset
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
      - id: vaddr
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
      - id: paddr
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
      - id: file_size
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
      - id: mem_size
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
      - id: flags32
        type: u4
        if: _root.bits == bits::b32
      - id: align
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
  section_header:
    seq:
      - id: name_offset
        type: u4
      - id: sh_type
        type: u4
        enum: section_type
      - id: flags
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
      - id: addr
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
      - id: offset
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
      - id: size
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
      - id: link
        type: u4
      - id: info
        type: u4
      - id: align
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
      - id: entry_size
        type:
          switch-on: _root.bits
          cases:
            bits::b32: u4
            bits::b64: u8
    instances:
      name:
        io: _root._io
        pos: _parent.section_headers[_parent.section_names_index].offset + name_offset
        type: strz
        encoding: ASCII
        if: _parent.section_names_index < _parent.section_header_count and sh_type != section_type::null_type
enums:
  bits:
    1: b32
    2: b64
  data_encoding:
    1: le
    2: be
  os_abi:
    0: system_v
    1: hp_ux
    2: netbsd
    3: gnu
    6: solaris
    9: freebsd
    12: openbsd
    97: arm
    255: standalone
  obj_type:
    0: no_file_type
    1: relocatable
    2: executable
    3: shared
    4: core
  machine:
    0: no_machine
    2: sparc
    3: x86
    8: mips
    20: powerpc
    21: powerpc64
    22: s390
    40: arm
    42: superh
    50: ia_64
    62: x86_64
    183: aarch64
    243: riscv
    247: bpf
    258: loongarch
  segment_type:
    0: null_type
    1: load
    2: dynamic
    3: interp
    4: note
    5: shlib
    6: phdr
    7: tls
    0x6474e550: gnu_eh_frame
    0x6474e551: gnu_stack
    0x6474e552: gnu_relro
    0x6474e553: gnu_property
  section_type:
    0: null_type
    1: progbits
    2: symtab
    3: strtab
    4: rela
    5: hash
    6: dynamic
    7: note
    8: nobits
    9: rel
    10: shlib
    11: dynsym
    14: init_array
    15: fini_array
    16: preinit_array
    17: group
    18: symtab_shndx
    19: relr
    0x6ffffff6: gnu_hash
    0x6ffffffd: gnu_verdef
    0x6ffffffe: gnu_verneed
    0x6fffffff: gnu_versym
