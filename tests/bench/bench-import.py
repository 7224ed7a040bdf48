#!/usr/bin/env python3
"""Calendar import and listing speed (issue 11, "Speed"), through the real
tandemctl on real workspace files:

- import of 10,000 and 100,000 events into a fresh workspace (the second
  should take at most 12x the first: linear);
- `event list` of one year of a daily series that has 100,000 EXDATEs
  (target <= 1 s).

    python3 tests/bench/bench-import.py _build [--runs 3]
"""
import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time


def ics(n, path):
    with open(path, 'w') as f:
        f.write('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tandem bench//EN\r\n')
        for i in range(n):
            day = f'2026{1 + i % 12:02d}{1 + i % 28:02d}'
            f.write(f'BEGIN:VEVENT\r\nUID:bench-{i}@tandem\r\nDTSTART;TZID=Europe/Berlin:{day}T{8 + i % 10:02d}0000\r\n'
                    f'DTEND;TZID=Europe/Berlin:{day}T{9 + i % 10:02d}0000\r\nSUMMARY:Termin {i}\r\n'
                    f'LOCATION:Raum {i % 40}\r\nEND:VEVENT\r\n')
        f.write('END:VCALENDAR\r\n')


def exdate_series(n, path):
    with open(path, 'w') as f:
        f.write('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tandem bench//EN\r\n'
                'BEGIN:VEVENT\r\nUID:exdates@tandem\r\nDTSTART:20000101T090000Z\r\nDTEND:20000101T093000Z\r\n'
                'RRULE:FREQ=DAILY\r\nSUMMARY:Täglich\r\n')
        d = datetime.date(2000, 1, 2)
        for _ in range(n):
            f.write(f'EXDATE:{d:%Y%m%d}T090000Z\r\n')
            d += datetime.timedelta(days=2)
        f.write('END:VEVENT\r\nEND:VCALENDAR\r\n')


def timed(argv, env):
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('build')
    parser.add_argument('--runs', type=int, default=3)
    args = parser.parse_args()
    tandemctl = os.path.join(args.build, 'src', 'cli', 'tandemctl')
    env = dict(os.environ, TZ='Europe/Berlin', LC_ALL='C.UTF-8')
    with tempfile.TemporaryDirectory(prefix='tandem-bench-') as tmp:
        figures = {}
        for n in (10_000, 100_000):
            path = os.path.join(tmp, f'{n}.ics')
            ics(n, path)
            runs = []
            for r in range(args.runs):
                ws = os.path.join(tmp, f'w{n}-{r}.tandem')
                subprocess.run([tandemctl, '--workspace', ws, 'init'], check=True, env=env)
                runs.append(timed([tandemctl, '--workspace', ws, 'calendar', 'import', path], env))
                os.unlink(ws)
            figures[n] = statistics.median(runs)
            print(f'import {n:>7,} events: median {figures[n]:.2f} s (min {min(runs):.2f}, max {max(runs):.2f}), '
                  f'{n / figures[n]:,.0f} events/s')
        ratio = figures[100_000] / figures[10_000]
        print(f'100,000 / 10,000: {ratio:.1f}x (target <= 12x: {"ok" if ratio <= 12 else "OVER"})')

        path = os.path.join(tmp, 'exdates.ics')
        exdate_series(100_000, path)
        ws = os.path.join(tmp, 'exdates.tandem')
        subprocess.run([tandemctl, '--workspace', ws, 'init'], check=True, env=env)
        subprocess.run([tandemctl, '--workspace', ws, 'calendar', 'import', path], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        runs = [timed([tandemctl, '--workspace', ws, 'event', 'list', '--from', '2026-01-01', '--to', '2026-12-31'],
                      env) for _ in range(args.runs)]
        best = statistics.median(runs)
        print(f'event list of a year, daily series with 100,000 EXDATEs: median {best:.2f} s '
              f'(target <= 1 s: {"ok" if best <= 1 else "OVER"})')


if __name__ == '__main__':
    sys.exit(main())
