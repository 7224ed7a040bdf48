#!/usr/bin/env python3
# test_concurrency.py — many tandemctl processes on one workspace at once:
# read-modify-write increments with --expect-rev lose nothing, and readers
# never see a damaged or foreign file while writers write
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Suite: 4 × 40 increments, 8 s of readers; TANDEM_STRESS_FULL=1: 8 × 300,
# 60 s, with the figures printed.

import collections
import json
import re
import threading
import time

from clitest import CliTestCase, main
from stresslib import FULL, figure, size


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.codes = collections.Counter()
        self.bad = []        # (what, Result) of every exit other than 0 (or 4 where allowed)
        self.conflicts = 0
        self.done = 0

    def note(self, what, r, allowed=(0,)):
        with self.lock:
            self.codes[r.rc] += 1
            if r.rc not in allowed:
                self.bad.append((what, r))
            return r.rc in allowed

    def report(self):
        return '\n'.join(f'{what}: {r!r}' for what, r in self.bad[:10])


class ConcurrencyTest(CliTestCase):
    def run_threads(self, targets):
        threads = [threading.Thread(target=t, daemon=True) for t in targets]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    # N processes × M read-modify-write increments

    def increments(self, *init_args):
        n, m = size(4, 8), size(40, 300)
        self.init(*init_args)
        cid = self.new_id('campaign', 'add', 'Zähler')
        tally = Tally()
        give_up = time.monotonic() + (3600 if FULL else 120)

        def worker():
            done = 0
            while done < m and time.monotonic() < give_up:
                show = self.run_cli('campaign', 'show', cid, '--json')
                if not tally.note('campaign show', show):
                    continue
                c = json.loads(show.out)
                r = self.run_cli('campaign', 'set', cid, f'leads_actual={c["leads_actual"] + 1}',
                                 '--expect-rev', str(c['rev']))
                if tally.note(f'campaign set (rev {c["rev"]})', r, allowed=(0, 4)):
                    if r.rc == 0:
                        done += 1
                    else:
                        with tally.lock:
                            tally.conflicts += 1
                            if not re.match(r'^tandemctl: .*changed by someone else.*leads_actual\n$', r.err):
                                tally.bad.append(('conflict message', r))
            with tally.lock:
                tally.done += done

        started = time.monotonic()
        self.run_threads([worker] * n)
        seconds = time.monotonic() - started
        final = self.json('campaign', 'show', cid)['leads_actual']
        nonzero = sum(c for rc, c in tally.codes.items() if rc not in (0, 4))
        figure(f'{self.id()}: {n}×{m} increments: final leads_actual {final} (want {n * m}), '
               f'{tally.conflicts} conflicts (exit 4) retried, {nonzero} exits other than 0/4, '
               f'exit codes {dict(tally.codes)}, {seconds:.1f} s')
        self.assertEqual(nonzero, 0, f'exits other than 0 and 4:\n{tally.report()}')
        self.assertEqual(tally.bad, [], tally.report())
        self.assertEqual(tally.done, n * m, 'the workers did not finish in time')
        self.assertEqual(final, n * m)
        self.assertEqual(self.ok('check'), 'ok\n')

    def test_increments_local(self):
        self.increments()

    def test_increments_shared(self):
        self.increments('--shared')

    # readers while two writers write

    def readers_and_writers(self, *init_args):
        seconds = size(8, 60)
        self.init(*init_args)
        self.new_id('person', 'add', 'Anna Schmidt', '--role', 'marketing')
        cid = self.new_id('campaign', 'add', 'Start')
        stop = threading.Event()
        readers, writers = Tally(), Tally()
        written = collections.Counter()

        def writer(k):
            def run():
                i = 0
                while not stop.is_set():
                    i += 1
                    r = self.run_cli('campaign', 'add', f'W{k} {i}', '--channel', 'web', '--budget', '100.50')
                    if writers.note('campaign add', r):
                        with writers.lock:
                            written['campaign'] += 1
                    writers.note('campaign set', self.run_cli('campaign', 'set', cid, f'leads_target={i}',
                                                              f'description=Writer {k} round {i}'))
                    r = self.run_cli('event', 'add', f'E{k} {i}', '--start', f'2027-03-{1 + i % 28:02d}T09:30',
                                     '--end', f'2027-03-{1 + i % 28:02d}T10:30', '--campaign', cid)
                    if writers.note('event add', r):
                        with writers.lock:
                            written['event'] += 1
            return run

        def reader(argv):
            def run():
                while not stop.is_set():
                    r = self.run_cli(*argv)
                    if readers.note(' '.join(argv), r) and '--json' in argv:
                        try:
                            value = json.loads(r.out)
                            assert isinstance(value, list)
                        except (ValueError, AssertionError):
                            with readers.lock:
                                readers.bad.append((' '.join(argv) + ' (not a JSON array)', r))
                    if argv == ('check',) and r.rc == 0 and r.out != 'ok\n':
                        with readers.lock:
                            readers.bad.append(('check said', r))
            return run

        threads = [writer(1), writer(2),
                   reader(('campaign', 'list', '--json')), reader(('event', 'list', '--json')),
                   reader(('check',))]
        timer = threading.Timer(seconds, stop.set)
        timer.start()
        self.run_threads(threads)
        reads = sum(readers.codes.values())
        figure(f'{self.id()}: {seconds} s: {reads} reads, exit codes {dict(readers.codes)}; '
               f'{sum(writers.codes.values())} writes, exit codes {dict(writers.codes)}')
        self.assertEqual(readers.bad, [], f'readers failed:\n{readers.report()}')
        self.assertEqual(writers.bad, [], f'writers failed:\n{writers.report()}')
        self.assertGreater(reads, 20)
        self.assertGreater(written['campaign'], 5)
        self.assertEqual(len(self.json('campaign', 'list')), 1 + written['campaign'])
        self.assertEqual(len(self.json('event', 'list', '--from', '2027-03-01', '--to', '2027-03-31')),
                         written['event'])
        self.assertEqual(self.ok('check'), 'ok\n')

    def test_readers_while_writing_local(self):
        self.readers_and_writers()

    def test_readers_while_writing_shared(self):
        self.readers_and_writers('--shared')


if __name__ == '__main__':
    main()
