#!/usr/bin/env python3
"""Memory of a process from /proc/PID/smaps (Linux), in kB.

Usage: bench/smaps.py rollup PID            one line: "RSS PSS" (from smaps_rollup)
       bench/smaps.py mappings PID [TOP]    a Markdown table: Rss, Pss, Private_Dirty summed per mapped file
                                            (anonymous, [heap], [stack] as they are named), largest Rss first
       bench/smaps.py groups PID            a Markdown table: the same sums per library family (Foundation,
                                            ICU, the Swift runtime, libstdc++, libpq's GSSAPI and LDAP, ...)
       bench/smaps.py segments PID          a Markdown table: the executable's own mappings (code, read-only
                                            data, relocated data, writable data) with their size and Rss
Rss counts only the pages present in this process's page tables: a library mapped but never touched costs 0.
Pss divides each shared page by the number of processes mapping it.
"""
import os
import re
import sys
from collections import defaultdict

# Library families by file-name pattern (first match wins); the executable is a family of its own.
GROUPS = [
    ("FoundationICU", r"lib_FoundationICU"),
    ("FoundationInternationalization", r"libFoundationInternationalization"),
    ("FoundationEssentials", r"libFoundationEssentials"),
    ("Foundation", r"libFoundation\.so"),
    ("Swift runtime, stdlib, Concurrency, Dispatch", r"libswift|libdispatch|libBlocksRuntime"),
    ("libstdc++, libgcc_s", r"libstdc\+\+|libgcc_s"),
    ("libcrypto, libssl", r"libcrypto|libssl"),
    ("libpq", r"libpq\.so"),
    ("GSSAPI, Kerberos (libpq)", r"libgssapi|libkrb5|libk5crypto|libcom_err|libkeyutils"),
    ("LDAP, SASL (libpq, libcurl)", r"libldap|liblber|libsasl"),
    ("libcurl", r"libcurl"),
    ("libcurl's other deps (nghttp2, idn2, rtmp, ssh2, psl, brotli, zstd, zlib)",
     r"libnghttp2|libidn2|librtmp|libssh2|libpsl|libbrotli|libzstd|libz\.so"),
    ("GnuTLS and its deps (via librtmp, LDAP)", r"libgnutls|libnettle|libhogweed|libgmp|libp11-kit|libtasn1|libunistring|libffi"),
    ("ncurses, hiredis", r"libncurses|libtinfo|libhiredis"),
    ("glibc", r"libc\.so|libm\.so|ld-linux|libresolv|^\[v"),
    ("locale archive, gconv", r"/locale|gconv"),
    ("heap, anonymous, stack", r"^\[heap\]|^\[anon|^\[stack|^$"),
]


def mappings(pid):
    """Sums (Rss, Pss, Private_Dirty) per mapped name."""
    sums = defaultdict(lambda: [0, 0, 0])
    name = ""
    header = re.compile(r"^[0-9a-f]+-[0-9a-f]+ ")
    with open(f"/proc/{pid}/smaps") as smaps:
        for line in smaps:
            if header.match(line):
                parts = line.split(None, 5)
                name = parts[5].strip() if len(parts) > 5 else "[anon]"
                continue
            key, _, value = line.partition(":")
            index = {"Rss": 0, "Pss": 1, "Private_Dirty": 2}.get(key)
            if index is not None:
                sums[name][index] += int(value.split()[0])
    return sums


def segments(pid, binary):
    """(permissions, size kB, Rss kB, Private_Dirty kB) of each mapping of `binary`, in address order."""
    rows, current = [], None
    header = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) (\S+) ")
    with open(f"/proc/{pid}/smaps") as smaps:
        for line in smaps:
            match = header.match(line)
            if match:
                parts = line.split(None, 5)
                name = parts[5].strip() if len(parts) > 5 else ""
                current = [match.group(3), (int(match.group(2), 16) - int(match.group(1), 16)) // 1024, 0, 0] \
                    if name == binary else None
                if current:
                    rows.append(current)
                continue
            if current is not None:
                key, _, value = line.partition(":")
                if key == "Rss":
                    current[2] = int(value.split()[0])
                elif key == "Private_Dirty":
                    current[3] = int(value.split()[0])
    return rows


def table_segments(rows):
    kinds = {"r-xp": "code (.text)", "r--p": "read-only data (.rodata, .eh_frame, Swift metadata; RELRO after start)",
             "rw-p": "writable data (.data, .bss)"}
    out = ["| mapping of the executable | size kB | Rss kB | Private_Dirty kB |", "|---|---:|---:|---:|"]
    for perms, size, rss, dirty in rows:
        out.append(f"| {kinds.get(perms, perms)} | {size} | {rss} | {dirty} |")
    return "\n".join(out)


def group_of(name, binary):
    if name == binary:
        return "the executable (touchline's: with the Swift stdlib, FoundationEssentials and toml++ linked in)"
    for label, pattern in GROUPS:
        if re.search(pattern, name):
            return label
    return "other: " + os.path.basename(name)


def table(rows, title):
    out = [f"| {title} | Rss kB | Pss kB | Private_Dirty kB |", "|---|---:|---:|---:|"]
    for label, (rss, pss, dirty) in rows:
        out.append(f"| {label} | {rss} | {pss} | {dirty} |")
    return "\n".join(out)


def main():
    command, pid = sys.argv[1], sys.argv[2]
    if command == "rollup":
        values = {}
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                key, _, value = line.partition(":")
                if key in ("Rss", "Pss"):
                    values[key] = value.split()[0]
        print(values["Rss"], values["Pss"])
    elif command == "mappings":
        top = int(sys.argv[3]) if len(sys.argv) > 3 else 15
        rows = sorted(mappings(pid).items(), key=lambda item: -item[1][0])[:top]
        print(table([(os.path.basename(name) or name, sums) for name, sums in rows], "mapping"))
    elif command == "groups":
        binary = os.readlink(f"/proc/{pid}/exe")
        groups = defaultdict(lambda: [0, 0, 0])
        for name, sums in mappings(pid).items():
            group = groups[group_of(name, binary)]
            for index in range(3):
                group[index] += sums[index]
        total = [sum(g[i] for g in groups.values()) for i in range(3)]
        rows = sorted(groups.items(), key=lambda item: -item[1][0]) + [("total", total)]
        print(table(rows, "library family"))
    elif command == "segments":
        print(table_segments(segments(pid, os.readlink(f"/proc/{pid}/exe"))))
    else:
        sys.exit(f"smaps.py: unknown command {command!r} (rollup, mappings, groups, segments)")


if __name__ == "__main__":
    main()
