#!/usr/bin/env python3
# test_faults.py — writes that the system refuses: a full disk (a small
# tmpfs), a folder that is or becomes read-only, a workspace another program
# holds locked. Each says so in one line and exits 1; the workspace still
# opens afterwards, check says ok, and nothing acknowledged is lost.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The full disk is a tmpfs: mounted directly as root, else in a user and
# mount namespace of its own (unshare --user --map-root-user --mount) that
# every command enters with nsenter. TANDEM_TEST_USERNS=1 takes the second
# way as root too. Read-only folders: root ignores permissions, so as root
# tandemctl runs as nobody.

import os
import random
import subprocess
import sys
import time

import clitest
from clitest import CliTestCase, NOBODY, Result, main
from stresslib import FULL, figure, size, write_ics, write_pdf

ROOT = os.geteuid() == 0
EVENTS = 5000


def _drop_to_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


class FaultTestCase(CliTestCase):
    """run_cli() with a prefix (nsenter into the namespace holding the small
    disk) and, for read-only tests, as nobody when root."""
    prefix = []
    nobody = False

    def run_cli(self, *args, ws=None, env=None, as_nobody=None, tz=None):
        argv = list(self.prefix) + [clitest.TANDEMCTL, '--workspace', ws or self.ws] + list(args)
        as_nobody = self.nobody if as_nobody is None else as_nobody
        proc = subprocess.run(argv, capture_output=True, text=True, env=self.env, cwd=self.tmp,
                              timeout=120, preexec_fn=_drop_to_nobody if as_nobody else None)
        return Result(proc)

    def start_cli(self, *args):
        argv = list(self.prefix) + [clitest.TANDEMCTL, '--workspace', self.ws] + list(args)
        return subprocess.Popen(argv, env=self.env, cwd=self.tmp, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True,
                                preexec_fn=_drop_to_nobody if self.nobody else None)

    def sh(self, script, *args):
        """Runs a shell script where the workspace is (in the namespace)."""
        return subprocess.run(list(self.prefix) + ['sh', '-c', script, 'sh'] + list(args),
                              capture_output=True, text=True, timeout=60)

    def side_files(self, path=None):
        """Files beside the workspace that hold anything (an emptied journal
        of a shared workspace does not: journal_mode=TRUNCATE)."""
        path = path or self.ws
        r = self.sh('cd "$1" && for f in *; do [ -e "$f" ] || continue; [ -s "$f" ] || case "$f" in *-journal) continue;; esac; echo "$f"; done',
                    os.path.dirname(path))
        self.assertEqual(r.returncode, 0, r.stderr)
        base = os.path.basename(path)
        return sorted(n for n in r.stdout.split('\n') if n.startswith(base) and n != base)

    def file_size(self, path=None):
        r = self.sh('stat -c %s "$1"', path or self.ws)
        self.assertEqual(r.returncode, 0, r.stderr)
        return int(r.stdout)

    def acknowledge(self):
        """Writes that succeed before the fault, to be found after it."""
        self.ack = {
            'person': self.new_id('person', 'add', 'Anna Schmidt', '--role', 'marketing'),
            'campaigns': [self.new_id('campaign', 'add', f'Vorher {i}', '--budget', '100') for i in range(3)],
            'event': self.new_id('event', 'add', 'Messe', '--start', '2027-03-05T09:30'),
        }
        small = os.path.join(self.tmp, 'klein.pdf')
        write_pdf(small, 20000)
        os.chmod(small, 0o644)
        self.ack['asset'] = self.new_id('asset', 'add', self.ack['campaigns'][0], small, '--as', 'Anna Schmidt')

    def assertIntact(self, extra_campaigns=(), events=1, assets=1):
        """The workspace opens, check says ok, everything acknowledged is
        there and nothing more."""
        self.assertEqual(self.ok('check'), 'ok\n')
        campaigns = [c['id'] for c in self.json('campaign', 'list')]
        self.assertEqual(sorted(campaigns), sorted(self.ack['campaigns'] + list(extra_campaigns)))
        self.assertEqual(self.json('person', 'show', self.ack['person'])['name'], 'Anna Schmidt')
        self.assertEqual(self.json('event', 'show', self.ack['event'])['title'], 'Messe')
        self.assertEqual(len(self.json('event', 'list', '--from', '2026-01-01', '--to', '2030-12-31')), events)
        self.assertEqual([a['id'] for a in self.json('asset', 'list')][:1], [self.ack['asset']])
        self.assertEqual(len(self.json('asset', 'list')), assets)

    def assertOneLine(self, r, code, match):
        self.assertEqual(r.rc, code, r)
        self.assertEqual(r.out, '', r)
        self.assertTrue(r.err.startswith('tandemctl: ') and r.err.endswith('\n'), r)
        self.assertEqual(r.err.count('\n'), 1, f'more than one line on stderr: {r}')
        self.assertRegex(r.err, match)
        self.assertNotRegex(r.err, 'disk I/O error|not a Tandem workspace|damaged')


class DiskFull(FaultTestCase):
    """The helpers; the tests are in DiskFullTest."""

    def mount_small_disk(self, size):
        mnt = os.path.join(self.tmp, 'klein')
        os.mkdir(mnt)
        if ROOT and os.environ.get('TANDEM_TEST_USERNS') != '1':
            subprocess.run(['mount', '-t', 'tmpfs', '-o', f'size={size}', 'tmpfs', mnt], check=True)
            self.addCleanup(subprocess.run, ['umount', '-l', mnt])
        else:
            holder = subprocess.Popen(
                ['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c',
                 'mount -t tmpfs -o size="$1" tmpfs "$2" && echo ready && exec sleep 100000',
                 'sh', size, mnt], stdout=subprocess.PIPE, text=True)
            self.addCleanup(holder.stdout.close)
            self.addCleanup(holder.wait)
            self.addCleanup(holder.kill)
            self.assertEqual(holder.stdout.readline(), 'ready\n', 'no tmpfs in a user namespace')
            self.prefix = ['nsenter', '-t', str(holder.pid), '-U', '-m', '--preserve-credentials']
        r = self.sh('stat -f -c %T "$1"', mnt)
        self.assertEqual(r.stdout.strip(), 'tmpfs', 'the small disk is not mounted')
        return mnt

    def small_workspace(self, mode, size):
        self.ws = os.path.join(self.mount_small_disk(size), 'w.tandem')
        self.init(*mode)
        self.acknowledge()

    def fill_disk(self):
        r = self.sh('cat /dev/zero > "$1"; df -k "$1" | tail -1', os.path.join(os.path.dirname(self.ws), 'fill'))
        self.assertRegex(r.stderr, 'No space left', r)

    def free_disk(self):
        self.assertEqual(self.sh('rm "$1"', os.path.join(os.path.dirname(self.ws), 'fill')).returncode, 0)

    # campaign add on a disk with no byte left

    def campaign_add_on_full_disk(self, *mode):
        self.small_workspace(mode, '1m')
        self.fill_disk()
        added = []
        for i in range(100):
            r = self.run_cli('campaign', 'add', f'Voll {i}')
            if r.rc != 0:
                break
            added.append(r.out.strip())
        self.assertOneLine(r, 1, 'disk is full')
        self.free_disk()
        self.assertIntact(added)
        self.assertEqual(self.side_files(), [])
        self.new_id('campaign', 'add', 'Wieder Platz')

    # reading while the disk is full

    def read_on_full_disk(self, *mode):
        self.small_workspace(mode, '1m')
        self.fill_disk()
        self.assertIntact()
        self.free_disk()

    # a 20 MB asset on a 4 MB disk

    def asset_add_on_full_disk(self, *mode):
        self.small_workspace(mode, '4m')
        big = os.path.join(self.tmp, 'Katalog.pdf')
        write_pdf(big, 20 * 1024 * 1024)
        size_before = self.file_size()
        r = self.run_cli('asset', 'add', self.ack['campaigns'][1], big, '--as', 'Anna Schmidt')
        self.assertOneLine(r, 1, 'disk is full')
        # a failing command changes nothing: no journal left to roll back, no grown file
        self.assertEqual(self.side_files(), [])
        self.assertEqual(self.file_size(), size_before)
        self.assertIntact()

    # 5,000 events on a 1 MB disk

    def calendar_import_on_full_disk(self, *mode):
        self.small_workspace(mode, '1m')
        ics = os.path.join(self.tmp, 'gross.ics')
        write_ics(ics, EVENTS, 'voll')
        size_before = self.file_size()
        r = self.run_cli('calendar', 'import', ics)
        self.assertOneLine(r, 1, 'disk is full')
        self.assertEqual(self.side_files(), [])
        self.assertEqual(self.file_size(), size_before)
        self.assertIntact()

class DiskFullTest(DiskFull):
    def test_campaign_add_on_full_disk_shared(self):
        self.campaign_add_on_full_disk('--shared')

    def test_read_on_full_disk_shared(self):
        self.read_on_full_disk('--shared')

    def test_asset_add_on_full_disk_local(self):
        self.asset_add_on_full_disk()

    def test_calendar_import_on_full_disk_local(self):
        self.calendar_import_on_full_disk()

    def test_campaign_add_on_full_disk_local(self):
        # was "workspace error: disk I/O error": the WAL index could not grow
        self.campaign_add_on_full_disk()

    def test_read_on_full_disk_local(self):
        # was refused whole: reading a WAL workspace needs room for its index
        self.read_on_full_disk()

    def test_asset_add_on_full_disk_shared(self):
        # was: a hot journal left behind and the file grown, until the next open
        self.asset_add_on_full_disk('--shared')

    def test_calendar_import_on_full_disk_shared(self):
        self.calendar_import_on_full_disk('--shared')


class ReadOnly(FaultTestCase):
    """The helpers; the tests are in ReadOnlyTest."""
    nobody = ROOT   # root ignores permissions

    def setUp(self):
        super().setUp()
        os.chmod(self.tmp, 0o755)
        self.dir = os.path.join(self.tmp, 'Team')
        os.mkdir(self.dir)
        if ROOT:
            os.chown(self.dir, NOBODY, NOBODY)
        self.ws = os.path.join(self.dir, 'w.tandem')
        self.big = os.path.join(self.tmp, 'Katalog.pdf')
        write_pdf(self.big, 20 * 1024 * 1024)
        self.ics = os.path.join(self.tmp, 'gross.ics')
        write_ics(self.ics, EVENTS, 'ro')
        for path in (self.big, self.ics):
            os.chmod(path, 0o644)

    def writes(self):
        return [('campaign', 'add', 'Nachher'),
                ('asset', 'add', self.ack['campaigns'][1], self.big, '--as', 'Anna Schmidt'),
                ('calendar', 'import', self.ics)]

    def read_only_folder(self, *mode):
        self.init(*mode)
        self.acknowledge()
        for file_mode in (0o644, 0o444):
            os.chmod(self.ws, file_mode)
            os.chmod(self.dir, 0o555)
            for argv in self.writes():
                with self.subTest(file_mode=oct(file_mode), command=argv[:2]):
                    r = self.run_cli(*argv)
                    self.assertOneLine(r, 1, 'read-only|cannot be written')
                    self.assertIntact()
                    self.assertEqual(self.side_files(), [])
        os.chmod(self.dir, 0o755)
        os.chmod(self.ws, 0o644)
        cid = self.new_id('campaign', 'add', 'Wieder beschreibbar')
        self.assertIntact([cid])
        self.assertEqual(self.side_files(), [])

    # the folder and file become read-only while a write runs

    def made_read_only_while_writing(self, mode, argv, kind):
        rounds = size(2, 10)
        self.init(*mode)
        self.acknowledge()
        argv = [self.ack['campaigns'][1] if a == 'CID' else a for a in argv]
        started = time.monotonic()
        self.ok(*argv)
        seconds = time.monotonic() - started
        if kind == 'events':
            write_ics(self.ics, EVENTS, 'ro-first')
        else:
            write_pdf(self.big, 20 * 1024 * 1024)
        rng = random.Random()
        interrupted = 0
        for n in range(rounds):
            events, assets = self.counts()
            proc = self.start_cli(*argv)
            time.sleep(rng.uniform(0.1, 0.9) * seconds)
            running = proc.poll() is None
            os.chmod(self.dir, 0o555)
            os.chmod(self.ws, 0o444)
            out, err = proc.communicate(timeout=120)
            r = Result(subprocess.CompletedProcess(argv, proc.returncode, out, err))
            what = f'round {n} (made read-only {"mid-write" if running else "after the write"})'
            if r.rc != 0:
                interrupted += 1
                self.assertOneLine(r, 1, 'read-only|cannot be written')
            # still read-only: the workspace opens and check says ok
            c = self.run_cli('check')
            self.assertEqual((c.rc, c.out), (0, 'ok\n'), f'{what}: {r!r}, then check: {c!r}')
            after = self.counts()
            if kind == 'events':
                self.assertIn(after[0] - events, (0, EVENTS) if r.rc else (EVENTS,), what)
            else:
                self.assertIn(after[1] - assets, (0, 1) if r.rc else (1,), what)
            os.chmod(self.dir, 0o755)
            os.chmod(self.ws, 0o644)
            self.assertEqual(self.ok('check'), 'ok\n')
            self.assertEqual(self.counts(), after)
            if kind == 'events':   # the next round imports new events again
                write_ics(self.ics, EVENTS, f'ro{n}')
            else:                  # and stores a new blob
                write_pdf(self.big, 20 * 1024 * 1024)
        figure(f'{self.id()}: {rounds} rounds, {interrupted} writes refused')

    def counts(self):
        return (len(self.json('event', 'list', '--from', '2026-01-01', '--to', '2030-12-31')),
                len(self.json('asset', 'list')))


class ReadOnlyTest(ReadOnly):
    def test_read_only_folder_local(self):
        self.read_only_folder()

    def test_read_only_folder_shared(self):
        self.read_only_folder('--shared')

    def test_read_only_during_import_local(self):
        self.made_read_only_while_writing((), ('calendar', 'import', self.ics), 'events')

    def test_read_only_during_import_shared(self):
        # was: the journal could not be deleted at commit, and the hot journal
        # kept the workspace from opening while the folder stayed read-only
        self.made_read_only_while_writing(('--shared',), ('calendar', 'import', self.ics), 'events')

    def test_read_only_during_asset_add_shared(self):
        self.made_read_only_while_writing(('--shared',), ('asset', 'add', 'CID', self.big, '--as', 'Anna Schmidt'),
                                          'assets')

    def test_read_only_during_asset_add_local(self):
        self.made_read_only_while_writing((), ('asset', 'add', 'CID', self.big, '--as', 'Anna Schmidt'), 'assets')

HOLDER = r'''
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
db.execute('BEGIN EXCLUSIVE')
print('locked', flush=True)
time.sleep(float(sys.argv[2]))
db.execute('ROLLBACK')
db.close()
'''


class BusyTest(FaultTestCase):
    HOLD = 7

    def hold(self):
        holder = subprocess.Popen([sys.executable, '-c', HOLDER, self.ws, str(self.HOLD)],
                                  stdout=subprocess.PIPE, text=True)
        self.addCleanup(holder.stdout.close)
        self.addCleanup(holder.wait)
        self.assertEqual(holder.stdout.readline(), 'locked\n')
        return holder

    def assertBusy(self, *argv):
        started = time.monotonic()
        r = self.run_cli(*argv)
        self.assertOneLine(r, 1, r'is busy')
        self.assertNotRegex(r.err, r'database is locked\n$')
        self.assertGreater(time.monotonic() - started, 3, 'did not wait for the lock')

    def busy(self, *mode):
        self.init(*mode)
        cid = self.new_id('campaign', 'add', 'Vorher')
        before = self.json('campaign', 'list')
        holder = self.hold()
        if mode:
            self.assertBusy('campaign', 'list')
        else:
            # a WAL file is read while another connection writes: no waiting
            self.assertEqual(self.json('campaign', 'list'), before)
            self.assertBusy('campaign', 'add', 'Während')
        holder.wait()
        self.assertEqual(self.json('campaign', 'list'), before)
        self.assertEqual(self.ok('check'), 'ok\n')
        holder = self.hold()
        self.assertBusy('campaign', 'set', cid, 'leads_actual=5')
        holder.wait()
        self.assertEqual(self.json('campaign', 'show', cid)['leads_actual'], 0)
        self.new_id('campaign', 'add', 'Nachher')
        self.assertEqual(self.side_files(), [])

    def test_busy_local(self):
        self.busy()

    def test_busy_shared(self):
        self.busy('--shared')


if __name__ == '__main__':
    main()
