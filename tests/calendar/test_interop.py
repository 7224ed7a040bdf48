#!/usr/bin/env python3
# Interop: calendar files that other programs wrote (tests/data/interop, sources in SOURCES.md)
# import, list the occurrences an independent reading of the file expects, export, and
# import again with the same occurrences.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run as: python3 test_interop.py /path/to/tandemctl [unittest args]
#
# The oracle is python3-icalendar (parsing, VTIMEZONEs) with python3-dateutil (RRULE
# expansion) and zoneinfo, nothing of Tandem's or of libical's. Where it cannot read a file,
# FILE.expected.json next to it holds the occurrences worked out by hand from the file:
#   {"window": ["YYYY-MM-DD", "YYYY-MM-DD"],
#    "occurrences": [{"uid": UID or null, "start": "YYYY-MM-DD" | RFC 3339}, ...]}
#
# KNOWN_FAILURES lists the fixtures Tandem gets wrong today, with what goes wrong. Such a
# fixture must still fail: when a fix makes it pass, this test fails until its entry is removed.

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from collections import Counter

try:
    import icalendar
    import dateutil.rrule
except ImportError:
    # Debian's packages, when another python3 (pyenv, venv) comes first in PATH
    sys.path.append('/usr/lib/python3/dist-packages')
    try:
        import icalendar
        import dateutil.rrule
    except ImportError:
        print('python3-icalendar and python3-dateutil are needed (build-aux/test installs them)')
        sys.exit(77)
import zoneinfo  # noqa: E402

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, '..', 'data', 'interop'))
TANDEMCTL = None

# the zone of the test: floating times, all-day bounds and --from/--to days are local
LOCAL_TZ = 'UTC'
LOCAL = zoneinfo.ZoneInfo(LOCAL_TZ)

# Windows zone names (CLDR windowsZones, territory 001) for TZIDs without a VTIMEZONE
WINDOWS_ZONES = {
    'W. Europe Standard Time': 'Europe/Berlin',
    'Romance Standard Time': 'Europe/Paris',
    'Central Europe Standard Time': 'Europe/Budapest',
    'GMT Standard Time': 'Europe/London',
    'Eastern Standard Time': 'America/New_York',
    'Central Standard Time': 'America/Chicago',
    'Mountain Standard Time': 'America/Denver',
    'Pacific Standard Time': 'America/Los_Angeles',
    'New Zealand Standard Time': 'Pacific/Auckland',
    'E. South America Standard Time': 'America/Sao_Paulo',
    'AUS Eastern Standard Time': 'Australia/Sydney',
}

# Per fixture: the window to list [from, to] (both days included), when the automatic one
# (first start to last occurrence, a year for open-ended series) is too wide or too narrow.
WINDOWS = {
    'google-x_location.ics': ('2017-01-01', '2017-12-31'),
    'google-daylight_saving_time.ics': ('2018-01-01', '2019-06-30'),
    'google-issue_48_dst.ics': ('2020-09-01', '2021-03-31'),
    'icaljs-zimbra-recur_instances.ics': ('2012-01-01', '2013-12-31'),
    'icaljs-google-day_long_recur_yearly.ics': ('2012-01-01', '2020-12-31'),
}

KNOWN_FAILURES = {}


# ---------------------------------------------------------------------------------------
# the oracle

class Zones:
    """TZID → tzinfo: the file's own VTIMEZONE first (RFC 5545 §3.2.19), then IANA, then the
    Windows name."""

    def __init__(self, calendars):
        self.vtimezones = {}
        for cal in calendars:
            for tz in cal.walk('VTIMEZONE'):
                if 'TZID' not in tz:  # an empty VTIMEZONE (Zimbra) names nothing
                    continue
                try:
                    self.vtimezones[str(tz['TZID'])] = tz.to_tz()
                except Exception as e:  # noqa: BLE001 - a VTIMEZONE the oracle cannot read
                    raise OracleError(f'VTIMEZONE {tz.get("TZID")}: {e}')

    def get(self, tzid):
        if tzid in self.vtimezones:
            return self.vtimezones[tzid]
        for name in (tzid, WINDOWS_ZONES.get(tzid)):
            if name:
                try:
                    return zoneinfo.ZoneInfo(name)
                except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                    pass
        raise OracleError(f'unknown TZID {tzid!r}')


class OracleError(Exception):
    pass


def localize(tz, wall):
    """The instant of WALL (naive) in TZ as RFC 5545 §3.3.5 reads it: a time in a gap takes
    the offset from before the gap, an ambiguous one the first of its two instants."""
    if hasattr(tz, 'localize'):  # pytz-style (icalendar's VTIMEZONEs)
        import pytz
        try:
            return tz.localize(wall, is_dst=None)
        except (pytz.NonExistentTimeError, pytz.AmbiguousTimeError) as e:
            both = sorted((tz.localize(wall, is_dst=flag) for flag in (False, True)),
                          key=lambda t: t.astimezone(dt.timezone.utc))
            # a gap: the smaller offset, from before it (the later instant);
            # a repeat: the first instant
            return both[-1] if isinstance(e, pytz.NonExistentTimeError) else both[0]
    aware = wall.replace(tzinfo=tz, fold=0)
    # zoneinfo: fold=0 in a gap uses the offset before it, in a repeat the first instant
    return aware


class Value:
    """One DATE or DATE-TIME of a property: all-day date, or wall time with its zone."""

    def __init__(self, zones, prop_value, tzid):
        v = prop_value
        if isinstance(v, dt.datetime):
            self.date = None
            if v.tzinfo is not None and tzid is None:
                # UTC ('Z'); icalendar gives pytz.utc
                self.tz = dt.timezone.utc
                self.wall = v.astimezone(dt.timezone.utc).replace(tzinfo=None)
            else:
                self.tz = zones.get(tzid) if tzid else LOCAL
                self.wall = v.replace(tzinfo=None)
        elif isinstance(v, dt.date):
            self.date = v
            self.tz = None
            self.wall = dt.datetime(v.year, v.month, v.day)
        else:
            raise OracleError(f'not a date or date-time: {v!r}')

    @property
    def all_day(self):
        return self.date is not None

    def instant(self):
        if self.all_day:
            return localize(LOCAL, self.wall)
        return localize(self.tz, self.wall).astimezone(dt.timezone.utc)

    def with_wall(self, wall):
        other = object.__new__(Value)
        other.tz = self.tz
        other.wall = wall
        other.date = wall.date() if self.all_day else None
        return other


def prop_values(zones, comp, name):
    """All values of NAME (EXDATE and RDATE may repeat and be lists)."""
    props = comp.get(name)
    if props is None:
        return []
    if not isinstance(props, list):
        props = [props]
    out = []
    for p in props:
        tzid = p.params.get('TZID') if hasattr(p, 'params') else None
        if hasattr(p, 'dts'):
            items = [d.dt for d in p.dts]
        elif hasattr(p, 'dt'):
            items = [p.dt]
        else:
            raise OracleError(f'{name} not understood: {p!r}')
        for item in items:
            if isinstance(item, tuple):  # PERIOD: its start
                item = item[0]
            out.append(Value(zones, item, tzid))
    return out


def one_value(zones, comp, name):
    values = prop_values(zones, comp, name)
    if not values:
        return None
    return values[0]


def duration_of(comp, start):
    if 'DTEND' in comp:
        end = comp['DTEND'].dt
        if start.all_day:
            if isinstance(end, dt.datetime):
                end = end.date()
            return dt.timedelta(days=(end - start.date).days)
        zones = comp._oracle_zones
        endv = Value(zones, end, comp['DTEND'].params.get('TZID'))
        return endv.instant() - start.instant()
    if 'DURATION' in comp:
        return comp['DURATION'].dt
    return dt.timedelta(days=1) if start.all_day else dt.timedelta(0)


def rrule_walls(zones, comp, start, lo, hi):
    """Wall times of the RRULEs of COMP between LO and HI (naive, generous bounds)."""
    rules = comp.get('RRULE')
    if rules is None:
        return []
    if not isinstance(rules, list):
        rules = [rules]
    walls = []
    for rule in rules:
        rule = dict(rule)
        until = rule.pop('UNTIL', None)
        text = icalendar.vRecur(rule).to_ical().decode()
        r = dateutil.rrule.rrulestr(text, dtstart=start.wall, forceset=False)
        if until:
            u = until[0]
            if isinstance(u, dt.datetime):
                if u.tzinfo is not None:
                    # UNTIL in UTC: as a wall time of the series' zone (or local for all-day)
                    tz = LOCAL if start.all_day else start.tz
                    if hasattr(tz, 'localize'):
                        u_wall = tz.normalize(u.astimezone(tz)).replace(tzinfo=None)
                    else:
                        u_wall = u.astimezone(tz).replace(tzinfo=None)
                else:
                    u_wall = u
            else:
                u_wall = dt.datetime(u.year, u.month, u.day, 23, 59, 59) if not start.all_day \
                    else dt.datetime(u.year, u.month, u.day)
            r = r.replace(until=u_wall)
        walls.extend(r.between(lo, hi, inc=True))
    return walls


def expand(path, window):
    """The occurrences of the file in WINDOW (a pair of dates, both included) as a Counter of
    (uid, start) with start 'YYYY-MM-DD' for all-day and 'YYYY-MM-DDTHH:MM:SSZ' otherwise."""
    with open(path, 'rb') as f:
        raw = f.read()
    try:
        calendars = icalendar.Calendar.from_ical(raw, multiple=True)
    except Exception as e:  # noqa: BLE001
        raise OracleError(f'icalendar cannot parse the file: {e}')
    zones = Zones(calendars)
    w_from = localize(LOCAL, dt.datetime.combine(window[0], dt.time()))
    w_to = localize(LOCAL, dt.datetime.combine(window[1] + dt.timedelta(days=1), dt.time()))
    lo = dt.datetime.combine(window[0], dt.time()) - dt.timedelta(days=3)
    hi = dt.datetime.combine(window[1], dt.time()) + dt.timedelta(days=3)

    masters, overrides = {}, {}
    events = [e for cal in calendars for e in cal.walk('VEVENT')]
    for n, ev in enumerate(events):
        if getattr(ev, 'errors', None):
            raise OracleError(f'icalendar reports errors: {ev.errors}')
        ev._oracle_zones = zones
        uid = str(ev['UID']) if 'UID' in ev else None
        key = uid if uid is not None else f'#no-uid-{n}'
        if 'RECURRENCE-ID' in ev:
            overrides.setdefault(key, []).append(ev)
        else:
            masters.setdefault(key, []).append(ev)

    out = Counter()

    def emit(uid, start, length):
        s = start.instant()
        e = s + length
        if s < w_to and (e > w_from or (e == s and s >= w_from)):
            if start.all_day:
                out[(uid, start.date.isoformat())] += 1
            else:
                out[(uid, s.astimezone(dt.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'))] += 1

    def same(a, b):
        if a.all_day or b.all_day:
            return a.wall.date() == b.wall.date()
        return a.instant() == b.instant()

    for key, evs in masters.items():
        uid = None if key.startswith('#no-uid-') else key
        for ev in evs:
            start = one_value(zones, ev, 'DTSTART')
            if start is None:
                raise OracleError(f'event {key} has no DTSTART')
            length = duration_of(ev, start)
            if 'RRULE' in ev or 'RDATE' in ev:
                occ = [start.with_wall(w) for w in rrule_walls(zones, ev, start, lo, hi)]
                if 'RRULE' not in ev:
                    occ = [start]
                for rd in prop_values(zones, ev, 'RDATE'):
                    if start.all_day and not rd.all_day:
                        rd = start.with_wall(dt.datetime.combine(rd.wall.date(), dt.time()))
                    if not any(same(rd, o) for o in occ):
                        occ.append(rd)
                exdates = prop_values(zones, ev, 'EXDATE')
                occ = [o for o in occ if not any(same(o, x) for x in exdates)]
            else:
                occ = [start]
            moved = [one_value(zones, o, 'RECURRENCE-ID') for o in overrides.get(key, [])]
            occ = [o for o in occ if not any(same(o, m) for m in moved)]
            for o in occ:
                emit(uid, o, length)
    for key, evs in overrides.items():
        uid = None if key.startswith('#no-uid-') else key
        for ev in evs:
            start = one_value(zones, ev, 'DTSTART') or one_value(zones, ev, 'RECURRENCE-ID')
            emit(uid, start, duration_of(ev, start))
    return out


def auto_window(path):
    """From the first DTSTART to the last occurrence (a year after the start for open-ended
    series), by the oracle."""
    with open(path, 'rb') as f:
        calendars = icalendar.Calendar.from_ical(f.read(), multiple=True)
    starts, ends = [], []
    for cal in calendars:
        for ev in cal.walk('VEVENT'):
            for name in ('DTSTART', 'RECURRENCE-ID', 'RDATE'):
                props = ev.get(name)
                if props is None:
                    continue
                for p in props if isinstance(props, list) else [props]:
                    if p is None:
                        continue
                    items = [d.dt for d in p.dts] if hasattr(p, 'dts') else [p.dt]
                    for d in items:
                        if isinstance(d, tuple):
                            d = d[0]
                        d = d.date() if isinstance(d, dt.datetime) else d
                        (starts if name == 'DTSTART' else ends).append(d)
            rules = ev.get('RRULE')
            for rule in (rules if isinstance(rules, list) else [rules]) if rules else []:
                s = ev['DTSTART'].dt
                s = s.date() if isinstance(s, dt.datetime) else s
                if 'UNTIL' in rule:
                    u = rule['UNTIL'][0]
                    ends.append(u.date() if isinstance(u, dt.datetime) else u)
                elif 'COUNT' in rule:
                    text = icalendar.vRecur(rule).to_ical().decode()
                    r = dateutil.rrule.rrulestr(text, dtstart=dt.datetime.combine(s, dt.time()))
                    ends.append(list(r)[-1].date())
                else:
                    ends.append(s + dt.timedelta(days=365))
    first = min(starts)
    last = max(starts + ends)
    return first - dt.timedelta(days=1), last + dt.timedelta(days=2)


def parse_day(text):
    return dt.date.fromisoformat(text)


def expected_for(name):
    """(window, Counter of (uid, start)) for fixture NAME: the hand-made JSON if there is
    one, the oracle otherwise."""
    path = os.path.join(DATA, name)
    hand = path[:-len('.ics')] + '.expected.json'
    if os.path.exists(hand):
        with open(hand) as f:
            spec = json.load(f)
        window = tuple(parse_day(d) for d in spec['window'])
        return window, Counter((o.get('uid'), normalize_start(o['start'])) for o in spec['occurrences'])
    if name in WINDOWS:
        window = tuple(parse_day(d) for d in WINDOWS[name])
    else:
        window = auto_window(path)
    return window, expand(path, window)


def normalize_start(text):
    """'YYYY-MM-DD' stays; an RFC 3339 time becomes its UTC instant."""
    if len(text) == 10:
        return text
    t = dt.datetime.fromisoformat(text.replace('Z', '+00:00'))
    if t.tzinfo is None:
        raise ValueError(f'start without offset: {text}')
    return t.astimezone(dt.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def fixtures():
    return sorted(n for n in os.listdir(DATA) if n.endswith('.ics'))


# ---------------------------------------------------------------------------------------
# the test

class ImportError_(AssertionError):
    pass


class InteropTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='tandem-interop-')
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.env = {k: v for k, v in os.environ.items() if k not in ('TANDEM_WORKSPACE', 'TANDEM_USER')}
        self.env['HOME'] = os.path.join(self.tmp, 'home')
        self.env['XDG_DATA_HOME'] = os.path.join(self.tmp, 'home', '.local', 'share')
        self.env['TZ'] = LOCAL_TZ
        self.env.setdefault('LC_ALL', 'C.UTF-8')
        self.n = 0

    def run_cli(self, ws, *args):
        proc = subprocess.run([TANDEMCTL, '--workspace', ws, *args], capture_output=True, text=True,
                              env=self.env, cwd=self.tmp, timeout=60)
        return proc

    def workspace(self):
        self.n += 1
        ws = os.path.join(self.tmp, f'w{self.n}.tandem')
        p = self.run_cli(ws, 'init')
        self.assertEqual(p.returncode, 0, p.stderr)
        return ws

    def import_and_list(self, path, window, uids):
        ws = self.workspace()
        p = self.run_cli(ws, 'calendar', 'import', path)
        if p.returncode != 0:
            raise ImportError_(f'import exits {p.returncode}: {p.stderr.strip()}')
        p = self.run_cli(ws, 'event', 'list', '--from', window[0].isoformat(), '--to',
                         window[1].isoformat(), '--json')
        self.assertEqual(p.returncode, 0, p.stderr)
        got = Counter()
        for row in json.loads(p.stdout):
            uid = row.get('uid') if row.get('uid') in uids else None
            start = row['start']
            if row.get('all_day') != (len(start) == 10):
                raise AssertionError(f'all_day {row.get("all_day")} but start {start!r}')
            got[(uid, normalize_start(start))] += 1
        return ws, got

    def check(self, name):
        """Raises AssertionError (or ImportError_) when Tandem differs from the expectation."""
        path = os.path.join(DATA, name)
        window, expected = expected_for(name)
        self.assertGreater(sum(expected.values()), 0, f'{name}: no occurrences in {window}: a wrong window')
        uids = {u for u, _ in expected if u is not None}
        ws, got = self.import_and_list(path, window, uids)
        self.assertOccurrences(got, expected, f'{name}: import, {window[0]}..{window[1]}')
        exported = os.path.join(self.tmp, f'export{self.n}.ics')
        p = self.run_cli(ws, 'calendar', 'export', exported)
        self.assertEqual(p.returncode, 0, p.stderr)
        try:
            _, again = self.import_and_list(exported, window, uids)
        except ImportError_ as e:
            raise ImportError_(f're-import of the export: {e}')
        self.assertOccurrences(again, expected, f'{name}: export and re-import')

    def assertOccurrences(self, got, expected, what):
        if got == expected:
            return
        missing = sorted((expected - got).elements(), key=str)
        extra = sorted((got - expected).elements(), key=str)
        raise AssertionError(f'{what}: {sum(expected.values())} expected, {sum(got.values())} got\n'
                             f'  missing: {missing[:20]}{" …" if len(missing) > 20 else ""}\n'
                             f'  extra:   {extra[:20]}{" …" if len(extra) > 20 else ""}')

    def test_fixtures(self):
        names = fixtures()
        self.assertGreater(len(names), 0)
        for name in names:
            with self.subTest(fixture=name):
                if name in KNOWN_FAILURES:
                    try:
                        self.check(name)
                    except AssertionError:
                        pass
                    else:
                        self.fail(f'{name} passes now: remove it from KNOWN_FAILURES '
                                  f'({KNOWN_FAILURES[name]})')
                else:
                    self.check(name)

    def test_known_failures_are_fixtures(self):
        self.assertEqual(sorted(set(KNOWN_FAILURES) - set(fixtures())), [])

    def test_every_fixture_has_a_source(self):
        with open(os.path.join(DATA, 'SOURCES.md')) as f:
            sources = f.read()
        for name in fixtures():
            self.assertIn(f'`{name}`', sources, f'{name}: say in SOURCES.md where it comes from')


def report():
    """python3 test_interop.py TANDEMCTL --report: every fixture's result, for people."""
    t = InteropTest('test_fixtures')
    for name in fixtures():
        t.setUp()
        try:
            t.check(name)
            print(f'PASS {name}')
        except (AssertionError, OracleError) as e:
            print(f'FAIL {name}: {e}')
        finally:
            t.doCleanups()


def main():
    global TANDEMCTL
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        sys.exit('usage: test_interop.py /path/to/tandemctl [--report | unittest args]')
    TANDEMCTL = os.path.abspath(sys.argv.pop(1))
    if sys.argv[1:] == ['--report']:
        report()
        return
    unittest.main(verbosity=2)


if __name__ == '__main__':
    main()
