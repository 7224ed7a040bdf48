#!/usr/bin/env python3
# test_kill.py — SIGKILL at random moments of writing tandemctl processes
# (a loop of campaign add, asset add of a 20 MB file, calendar import of
# 5,000 events): afterwards check says ok, the workspace opens, nothing
# acknowledged is lost, and an asset or an import is there completely or not
# at all
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Suite: 20 rounds in all (3 campaign add, 4 asset add, 3 import in each mode); TANDEM_STRESS_FULL=1: 40 rounds of each kind in
# each mode (240), with the figures printed.

import os
import random
import re
import shutil
import signal
import subprocess
import time

import clitest
from clitest import CliTestCase, main
from stresslib import FULL, asset_problems, count, figure, ids, size, write_ics, write_pdf

UUID_LINE = re.compile(r'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
ASSET_BYTES = 20 * 1024 * 1024
EVENTS = 5000
FRESH_EVERY = 10   # full runs start a new workspace every so many rounds (keeps the file small)


class KillTest(CliTestCase):
    def setUp(self):
        super().setUp()
        self.rng = random.Random()
        seed = os.environ.get('TANDEM_STRESS_SEED')
        self.rng.seed(int(seed) if seed else None)
        self.rounds = 0
        self.killed = 0       # rounds in which the process was still running when killed
        self.acknowledged = 0
        self.lost = []        # acknowledged writes that are not there
        self.problems = []    # anything else found after a kill
        self.cold_journals = 0

    def start(self, argv):
        """Starts ARGV in a process group of its own (so a kill reaches the
        loop and its tandemctl alike)."""
        return subprocess.Popen(argv, env=self.env, cwd=self.tmp, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)

    def kill_after(self, proc, delay):
        time.sleep(delay)
        running = proc.poll() is None
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate(timeout=60)
        return running, proc.returncode, out.decode(), err.decode()

    def delay(self, n, seconds):
        """Even rounds kill well inside a command that takes about @seconds,
        odd ones around its end (the commit, the output, just after)."""
        if n % 2 == 0:
            return self.rng.uniform(0, 0.8 * seconds)
        return self.rng.uniform(0.6 * seconds, 1.4 * seconds)

    def new_workspace(self, mode):
        if os.path.exists(self.ws):
            for name in [os.path.basename(self.ws)] + self.side_files():
                os.unlink(os.path.join(self.tmp, name))
        self.init(*mode)

    def after_kill(self, what):
        """What must hold after every kill; returns False when the workspace
        is broken (the round loop stops then)."""
        self.rounds += 1
        r = self.run_cli('check')
        if r.rc != 0 or r.out != 'ok\n':
            self.problems.append(f'round {self.rounds} ({what}): check: {r!r}')
            return False
        for name in self.side_files():
            # a killed writer's journal whose header was never written (not
            # hot: nothing in the main file depends on it) stays until the
            # next write; anything else left after check is a problem
            with open(os.path.join(self.tmp, name), 'rb') as f:
                cold = name.endswith('-journal') and f.read(8) in (b'', bytes(8))
            if cold:
                self.cold_journals += 1
            else:
                self.problems.append(f'round {self.rounds} ({what}): left after check: {name}')
        r = self.run_cli('campaign', 'list', '--json')
        if r.rc != 0:
            self.problems.append(f'round {self.rounds} ({what}): campaign list: {r!r}')
            return False
        return True

    def finish(self, what, mode, min_killed=1):
        figure(f'{self.id()}: {self.rounds} rounds of SIGKILL during {what} ({mode}), '
               f'{self.killed} mid-command, {self.acknowledged} writes acknowledged, '
               f'{len(self.lost)} lost, {len(self.problems)} other problems, '
               f'{self.cold_journals} times a cold journal left beside the file after check')
        self.assertEqual(self.lost, [], 'acknowledged writes lost')
        self.assertEqual(self.problems, [])
        self.assertGreaterEqual(self.killed, min_killed, 'no kill landed while the command ran')
        self.assertEqual(self.ok('check'), 'ok\n')

    # a loop of campaign add

    def campaign_loop(self, *mode):
        rounds = size(3, 40)
        self.new_workspace(mode)
        ack_file = os.path.join(self.tmp, 'acknowledged')
        script = ('i=0; while :; do i=$((i+1)); "$0" --workspace "$1" campaign add "Kill $i" '
                  '--channel web --budget 12.50 >> "$2" || exit 1; done')
        acknowledged = []
        for n in range(rounds):
            if FULL and n and n % FRESH_EVERY == 0:
                self.new_workspace(mode)
                acknowledged = []
            open(ack_file, 'w').close()
            proc = self.start(['sh', '-c', script, clitest.TANDEMCTL, self.ws, ack_file])
            running, rc, out, err = self.kill_after(proc, self.rng.uniform(0.05, 0.6))
            if running:
                self.killed += 1
            if rc != -signal.SIGKILL:
                self.problems.append(f'round {n}: the loop ended by itself (exit {rc}): {err!r}')
            with open(ack_file) as f:
                lines = f.read().split('\n')
            # a line is acknowledged once complete (with its newline)
            new = [l for l in lines[:-1] if UUID_LINE.match(l)]
            bad = [l for l in lines[:-1] if not UUID_LINE.match(l)]
            if bad:
                self.problems.append(f'round {n}: not an id on stdout: {bad!r}')
            acknowledged += new
            self.acknowledged += len(new)
            if not self.after_kill('campaign add'):
                break
            there = {c['id'] for c in self.json('campaign', 'list')}
            self.lost += [f'round {n}: campaign {i}' for i in acknowledged if i not in there]
        self.assertGreater(self.acknowledged, rounds, 'hardly any campaign add finished')
        self.finish('a loop of campaign add', mode[0] if mode else 'local')

    def test_campaign_add_loop_local(self):
        self.campaign_loop()

    def test_campaign_add_loop_shared(self):
        self.campaign_loop('--shared')

    # asset add of a 20 MB file

    def asset_add(self, *mode):
        rounds = size(4, 40)
        self.new_workspace(mode)
        self.new_id('person', 'add', 'Anna Schmidt', '--role', 'marketing')
        cid = self.new_id('campaign', 'add', 'Assets')
        big = os.path.join(self.tmp, 'Datenblatt.pdf')
        write_pdf(big, ASSET_BYTES)
        started = time.monotonic()
        acknowledged = [self.new_id('asset', 'add', cid, big, '--title', 'Erstes', '--as', 'Anna Schmidt')]
        seconds = time.monotonic() - started
        self.acknowledged += 1
        for n in range(rounds):
            if FULL and n and n % FRESH_EVERY == 0:
                self.new_workspace(mode)
                self.new_id('person', 'add', 'Anna Schmidt', '--role', 'marketing')
                cid = self.new_id('campaign', 'add', 'Assets')
                acknowledged = []
            write_pdf(big, ASSET_BYTES)   # new pixels each round, so no blob is shared
            assets_before = count(self.ws, 'SELECT count(*) FROM asset')
            t0 = time.monotonic()
            proc = self.start([clitest.TANDEMCTL, '--workspace', self.ws, 'asset', 'add', cid, big,
                               '--title', f'Runde {n}', '--as', 'Anna Schmidt'])
            running, rc, out, err = self.kill_after(proc, self.delay(n, seconds))
            if running:
                self.killed += 1
            elif rc == 0 and UUID_LINE.match(out.strip()):
                seconds = (seconds + time.monotonic() - t0) / 2
                acknowledged.append(out.strip())
                self.acknowledged += 1
            else:
                self.problems.append(f'round {n}: asset add exited {rc}: {out!r} {err!r}')
            if not self.after_kill('asset add'):
                break
            there = ids(self.ws, 'asset')
            self.lost += [f'round {n}: asset {i}' for i in acknowledged if i not in there]
            self.problems += [f'round {n}: {p}' for p in asset_problems(self.ws)]
            added = count(self.ws, 'SELECT count(*) FROM asset') - assets_before
            if added not in (0, 1):
                self.problems.append(f'round {n}: {added} assets added by one asset add')
            for aid in acknowledged:
                r = self.run_cli('asset', 'show', aid, '--json')
                if r.rc != 0:
                    self.problems.append(f'round {n}: asset show {aid}: {r!r}')
        self.finish('asset add of a 20 MB file', mode[0] if mode else 'local')

    def test_asset_add_local(self):
        self.asset_add()

    def test_asset_add_shared(self):
        self.asset_add('--shared')

    # calendar import of 5,000 events

    def calendar_import(self, *mode):
        rounds = size(3, 40)
        self.new_workspace(mode)
        ics = os.path.join(self.tmp, 'import.ics')
        write_ics(ics, EVENTS, 'first')
        started = time.monotonic()
        self.assertEqual(self.ok('calendar', 'import', ics), f'{EVENTS} added, 0 updated\n')
        seconds = time.monotonic() - started
        self.acknowledged += 1
        acknowledged = ['first']
        for n in range(rounds):
            if FULL and n and n % FRESH_EVERY == 0:
                self.new_workspace(mode)
                acknowledged = []
            prefix = f'r{n}'
            write_ics(ics, EVENTS, prefix)
            events_before = count(self.ws, 'SELECT count(*) FROM event')
            t0 = time.monotonic()
            proc = self.start([clitest.TANDEMCTL, '--workspace', self.ws, 'calendar', 'import', ics])
            running, rc, out, err = self.kill_after(proc, self.delay(n, seconds))
            if running:
                self.killed += 1
            elif rc == 0 and out == f'{EVENTS} added, 0 updated\n':
                seconds = (seconds + time.monotonic() - t0) / 2
                acknowledged.append(prefix)
                self.acknowledged += 1
            else:
                self.problems.append(f'round {n}: calendar import exited {rc}: {out!r} {err!r}')
            if not self.after_kill('calendar import'):
                break
            added = count(self.ws, 'SELECT count(*) FROM event') - events_before
            if added not in (0, EVENTS):
                self.problems.append(f'round {n}: {added} of {EVENTS} events imported (all or nothing)')
            if prefix in acknowledged and added != EVENTS:
                self.lost.append(f'round {n}: acknowledged import has {added} events')
            for p in acknowledged:
                k = count(self.ws, 'SELECT count(*) FROM event WHERE deleted = 0 AND uid LIKE ?',
                          f'{p}-%@stress.tandem.test')
                if k != EVENTS:
                    self.lost.append(f'round {n}: import {p} has {k} of {EVENTS} events')
        self.finish('calendar import of 5,000 events', mode[0] if mode else 'local')

    def test_calendar_import_local(self):
        self.calendar_import()

    def test_calendar_import_shared(self):
        self.calendar_import('--shared')


if __name__ == '__main__':
    main()
