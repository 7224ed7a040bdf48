# stresslib.py — shared pieces of the stress and fault tests (test_concurrency,
# test_kill, test_faults): sizes, generated inputs, and a read-only look
# into a workspace file with Python's own sqlite3
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The suite runs small sizes; TANDEM_STRESS_FULL=1 runs the full ones and
# prints their figures.

import datetime
import hashlib
import os
import sqlite3
import sys

FULL = os.environ.get('TANDEM_STRESS_FULL') == '1'


def size(suite, full):
    return full if FULL else suite


def figure(text):
    """Prints a figure of a full run (always to stderr, so meson's log has it)."""
    if FULL:
        print(f'\n[stress] {text}', file=sys.stderr, flush=True)


def write_ics(path, n, uid_prefix):
    """@n timed events with UIDs of their own (@uid_prefix-i), CRLF, as a
    calendar program writes them."""
    day0 = datetime.date(2027, 1, 1)
    lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tandem tests//stress//EN']
    for i in range(n):
        day = day0 + datetime.timedelta(days=i % 730)
        hour = 8 + i % 9
        lines += ['BEGIN:VEVENT',
                  f'UID:{uid_prefix}-{i}@stress.tandem.test',
                  'DTSTAMP:20260101T000000Z',
                  f'DTSTART:{day:%Y%m%d}T{hour:02d}0000Z',
                  f'DTEND:{day:%Y%m%d}T{hour:02d}3000Z',
                  f'SUMMARY:Stress {uid_prefix} {i}',
                  'END:VEVENT']
    lines.append('END:VCALENDAR')
    with open(path, 'w', newline='') as f:
        f.write('\r\n'.join(lines) + '\r\n')


def write_pdf(path, nbytes):
    """A real one-page PDF of about @nbytes: the page shows an uncompressed
    RGB image of random pixels (new ones on every call, so no two files
    share a blob). Returns its sha256."""
    width = 512
    height = max(1, nbytes // (width * 3))
    pixels = os.urandom(width * height * 3)
    objects = [b'<< /Type /Catalog /Pages 2 0 R >>',
               b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
               b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R '
               b'/Resources << /XObject << /Im1 5 0 R >> >> >>']
    content = b'q 595 0 0 842 0 0 cm /Im1 Do Q'
    objects.append(b'<< /Length %d >>\nstream\n%s\nendstream' % (len(content), content))
    objects.append(b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB '
                   b'/BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream' % (width, height, len(pixels), pixels))
    out = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b'%d 0 obj\n%s\nendobj\n' % (n, body)
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    for off in offsets:
        out += b'%010d 00000 n \n' % off
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, xref)
    with open(path, 'wb') as f:
        f.write(out)
    return hashlib.sha256(out).hexdigest()


def open_ro(ws):
    """A read-only connection (mode=ro: it reads the WAL too, unlike
    immutable=1, and writes nothing to the workspace itself)."""
    return sqlite3.connect(f'file:{ws}?mode=ro', uri=True, timeout=10)


def count(ws, sql, *params):
    db = open_ro(ws)
    try:
        return db.execute(sql, params).fetchone()[0]
    finally:
        db.close()


def ids(ws, table):
    db = open_ro(ws)
    try:
        return {r[0] for r in db.execute(f'SELECT id FROM {table} WHERE deleted = 0')}
    finally:
        db.close()


def asset_problems(ws, check_bytes=True):
    """What is wrong between asset, asset_version and blob: an asset without
    all its versions, a version without its blob (or a blob of the wrong size
    or content), a blob no version references."""
    problems = []
    db = open_ro(ws)
    try:
        for aid, cur in db.execute('SELECT id, current_version FROM asset'):
            numbers = sorted(r[0] for r in db.execute(
                'SELECT number FROM asset_version WHERE asset = ?', (aid,)))
            if numbers != list(range(1, cur + 1)):
                problems.append(f'asset {aid} (current_version {cur}) has versions {numbers}')
        for aid, number, sha, size in db.execute(
                'SELECT asset, number, sha256, size FROM asset_version'):
            if db.execute('SELECT 1 FROM asset WHERE id = ?', (aid,)).fetchone() is None:
                problems.append(f'version {number} of asset {aid} without its asset row')
            row = db.execute('SELECT size, length(bytes) FROM blob WHERE sha256 = ?', (sha,)).fetchone()
            if row is None:
                problems.append(f'version {number} of asset {aid}: no blob {sha}')
            elif row[0] != size or row[1] != size:
                problems.append(f'blob {sha}: size {row[0]}, {row[1]} bytes, version says {size}')
        for (sha,) in db.execute('SELECT sha256 FROM blob WHERE sha256 NOT IN '
                                 '(SELECT sha256 FROM asset_version)'):
            problems.append(f'blob {sha} that no asset_version references')
        if check_bytes:
            for sha, data in db.execute('SELECT sha256, bytes FROM blob'):
                if hashlib.sha256(data).hexdigest() != sha:
                    problems.append(f'blob {sha}: its bytes hash to something else')
    finally:
        db.close()
    return problems
