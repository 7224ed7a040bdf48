#!/usr/bin/env python3
# bench-app.py — startup time and memory of the real tandem program
#
# Issue 3's targets with 10,000 campaigns: app start to first drawn frame
# <= 400 ms, process memory <= 200 MB. Runs `tandem --exit-after-first-frame`
# (the very first frame, whatever it shows) and `tandem --exit-when-loaded`
# (the first frame drawn with the workspace loaded: the board with its
# cards) several times under Xvfb and prints wall times and peak RSS.
#
# Usage: bench-app.py BUILD_DIR [--workspace PATH] [--runs N]
#   The workspace is generated with bench-core when it does not exist
#   (10,000 campaigns, 50,000 events, 100,000 comments).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(tandem, workspace, flag, env):
    start = time.monotonic()
    proc = subprocess.Popen([tandem, '--workspace', workspace, flag], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.monotonic() - start) * 1000
    out = proc.stdout.read()
    proc.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f'tandem {flag} failed with status {status}')
    inside = None
    for line in out.splitlines():
        if line.startswith('loaded frame after '):
            inside = float(line.split()[3])
    return wall, usage.ru_maxrss / 1024.0, inside


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('build')
    parser.add_argument('--workspace', default='/tmp/tandem-bench/board-10000.tandem')
    parser.add_argument('--runs', type=int, default=5)
    args = parser.parse_args()

    build = os.path.abspath(args.build)
    tandem = os.path.join(build, 'src', 'gui', 'tandem')
    if not os.path.exists(args.workspace):
        os.makedirs(os.path.dirname(args.workspace), exist_ok=True)
        subprocess.run([os.path.join(build, 'tests', 'bench', 'bench-core'), '--workspace', args.workspace,
                        '--generate-only'], check=True)

    # a display and a session bus, as on a desktop (without a bus GApplication
    # would try to autolaunch one, which costs seconds)
    if 'DISPLAY' not in os.environ and shutil.which('xvfb-run'):
        os.execvp('xvfb-run', ['xvfb-run', '-a', '-s', '-screen 0 1400x900x24', sys.executable] + sys.argv)
    if 'DBUS_SESSION_BUS_ADDRESS' not in os.environ and shutil.which('dbus-run-session'):
        os.execvp('dbus-run-session', ['dbus-run-session', '--', sys.executable] + sys.argv)

    home = tempfile.mkdtemp(prefix='tandem-bench-home-')
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, 'config'),
               XDG_DATA_HOME=os.path.join(home, 'data'), GSETTINGS_BACKEND='memory',
               GSK_RENDERER=os.environ.get('GSK_RENDERER', 'cairo'), NO_AT_BRIDGE='1')
    # one warm-up run: page cache and font caches as on a desktop in use
    run_once(tandem, args.workspace, '--exit-after-first-frame', env)

    first = [run_once(tandem, args.workspace, '--exit-after-first-frame', env) for _ in range(args.runs)]
    loaded = [run_once(tandem, args.workspace, '--exit-when-loaded', env) for _ in range(args.runs)]
    shutil.rmtree(home, ignore_errors=True)

    def line(name, value, unit, target=None):
        verdict = '' if target is None else (f' (target <= {target} {unit}) ' + ('ok' if value <= target else 'OVER'))
        print(f'{name:<52}{value:9.1f} {unit}{verdict}')

    print(f'workspace: {args.workspace} ({args.runs} runs each, median)')
    line('start to first frame, whole process', statistics.median(w for w, _, _ in first), 'ms', 400)
    line('start to first frame with the board loaded (process)', statistics.median(w for w, _, _ in loaded), 'ms', 400)
    line('  the same, measured inside from GUI setup', statistics.median(i for _, _, i in loaded), 'ms')
    line('peak RSS with the board loaded', max(r for _, r, _ in loaded), 'MB', 200)


if __name__ == '__main__':
    main()
