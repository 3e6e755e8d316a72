#!/usr/bin/env python3
"""tests/fmt/comments.py A B [A B]...: for each pair of pathway files, the
comments of A and of B, each with its trailing white space left out, must be
the same (as a multiset: fmt may move a comment with the field it goes
with). Prints one line for each pair that differs; exit 1 if any does.

A small scanner: '#' starts a comment outside text in quotes; inside text,
a backslash escapes the next character; text ends at its line's end."""
import sys


def comments(path):
    out = []
    with open(path, 'rb') as f:
        data = f.read().decode('utf-8')
    for line in data.split('\n'):
        i, quoted = 0, False
        while i < len(line):
            c = line[i]
            if quoted:
                if c == '\\':
                    i += 1
                elif c == '"':
                    quoted = False
            elif c == '"':
                quoted = True
            elif c == '#':
                out.append(line[i:].rstrip(' \t\r'))
                break
            i += 1
    return sorted(out)


def main(args):
    bad = 0
    for a, b in zip(args[0::2], args[1::2]):
        ca, cb = comments(a), comments(b)
        if ca != cb:
            lost = [c for c in ca if c not in cb]
            added = [c for c in cb if c not in ca]
            print('comments differ: %s: lost %r, added %r' % (a, lost[:3], added[:3]))
            bad += 1
    return 1 if bad else 0


sys.exit(main(sys.argv[1:]))
