;; Base-117 text → bytes, for www/unpack.js (which says what base-117 is):
;; each 7 characters, one byte each in memory as TextEncoder writes ASCII,
;; are one big-endian 48-bit number, written as 6 bytes. The page reads the
;; module's 846 KB of text once, before any JavaScript is optimized: this
;; loop took 11 ms where the same loop in JavaScript took 15–50 (Chromium,
;; fresh pages). The build assembles it with binaryen's wasm-as.
;;
;; The alphabet is every code from TAB (9) to DEL (127) but CR (13) and `<`
;; (60), in order, so a character's digit is its code less 9, less one more
;; past CR and one more past `<`.
(module
  (memory (export "memory") 1)
  ;; Reads `len` characters at `text` and writes their bytes at `out`;
  ;; returns how many it wrote, or -1 if `len` is no multiple of 7, a
  ;; character is none of the 117, or a group is 2⁴⁸ or more.
  (func (export "decode") (param $text i32) (param $len i32) (param $out i32) (result i32)
    (local $end i32) (local $group i32) (local $c i32) (local $n i64) (local $o i32) (local $bad i32)
    (if (i32.rem_u (local.get $len) (i32.const 7))
      (then (return (i32.const -1))))
    (local.set $end (i32.add (local.get $text) (local.get $len)))
    (local.set $o (local.get $out))
    (block $done
      (loop $groups
        (br_if $done (i32.ge_u (local.get $text) (local.get $end)))
        (local.set $n (i64.const 0))
        (local.set $group (i32.add (local.get $text) (i32.const 7)))
        (loop $digits
          (local.set $c (i32.load8_u (local.get $text)))
          (local.set $bad
            (i32.or (local.get $bad)
              (i32.or
                (i32.or (i32.lt_u (local.get $c) (i32.const 9)) (i32.gt_u (local.get $c) (i32.const 127)))
                (i32.or (i32.eq (local.get $c) (i32.const 13)) (i32.eq (local.get $c) (i32.const 60))))))
          (local.set $n
            (i64.add
              (i64.mul (local.get $n) (i64.const 117))
              (i64.extend_i32_u
                (i32.sub
                  (i32.sub
                    (i32.sub (local.get $c) (i32.const 9))
                    (i32.gt_u (local.get $c) (i32.const 13)))
                  (i32.gt_u (local.get $c) (i32.const 60))))))
          (local.set $text (i32.add (local.get $text) (i32.const 1)))
          (br_if $digits (i32.lt_u (local.get $text) (local.get $group))))
        (local.set $bad
          (i32.or (local.get $bad) (i64.ge_u (local.get $n) (i64.const 0x1000000000000))))
        (i32.store8 offset=0 (local.get $o) (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 40))))
        (i32.store8 offset=1 (local.get $o) (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 32))))
        (i32.store8 offset=2 (local.get $o) (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 24))))
        (i32.store8 offset=3 (local.get $o) (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 16))))
        (i32.store8 offset=4 (local.get $o) (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 8))))
        (i32.store8 offset=5 (local.get $o) (i32.wrap_i64 (local.get $n)))
        (local.set $o (i32.add (local.get $o) (i32.const 6)))
        (br $groups)))
    (if (result i32) (local.get $bad)
      (then (i32.const -1))
      (else (i32.sub (local.get $o) (local.get $out))))))
