#!/usr/bin/env python3
# tandemctl demo: the demo data set through the CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.dont_write_bytecode = True
import clitest  # noqa: E402
from clitest import CliTestCase  # noqa: E402

STAGES = {'idea', 'planning', 'production', 'review', 'live', 'done'}


class DemoTest(CliTestCase):
    def check_content(self, ws=None):
        people = self.json('person', 'list', ws=ws)
        campaigns = self.json('campaign', 'list', ws=ws)
        events = self.json('event', 'list', ws=ws)
        self.assertGreaterEqual(len(people), 6)
        self.assertEqual({p['role'] for p in people} & {'marketing', 'sales'}, {'marketing', 'sales'})
        self.assertGreaterEqual(len(campaigns), 20)
        self.assertEqual({c['stage'] for c in campaigns}, STAGES)
        self.assertGreaterEqual(len(events), 30)
        # every reference names a row that is there
        ids = {p['id'] for p in people}
        for c in campaigns:
            for field in ('marketing_owner', 'sales_owner'):
                self.assertTrue(c[field] is None or c[field] in ids, (c['title'], field))
        campaign_ids = {c['id'] for c in campaigns}
        for e in events:
            self.assertTrue(set(e['attendees']) <= ids, e['title'])
            self.assertTrue(e['campaign'] is None or e['campaign'] in campaign_ids, e['title'])
        self.assertEqual(self.ok('check', ws=ws), 'ok\n')
        return people, campaigns, events

    def test_demo_in_a_new_workspace(self):
        self.init()
        self.assertEqual(self.ok('demo'), '')
        self.check_content()

    def test_demo_creates_a_missing_workspace(self):
        self.assertEqual(self.ok('demo', '--seed', '7'), '')
        self.assertTrue(os.path.isfile(self.ws))
        self.check_content()

    def test_the_same_seed_gives_the_same_data_set(self):
        other = os.path.join(self.tmp, 'other.tandem')
        self.ok('demo', '--seed', '3')
        self.ok('demo', '--seed', '3', ws=other)
        a = self.check_content()
        b = self.check_content(ws=other)
        summary = lambda rows, *fields: sorted(tuple(str(r[f]) for f in fields) for r in rows)  # noqa: E731
        self.assertEqual(summary(a[0], 'name', 'role'), summary(b[0], 'name', 'role'))
        self.assertEqual(summary(a[1], 'title', 'stage', 'start', 'end', 'budget_planned_cents'),
                         summary(b[1], 'title', 'stage', 'start', 'end', 'budget_planned_cents'))
        self.assertEqual(summary(a[2], 'title', 'start', 'end'), summary(b[2], 'title', 'start', 'end'))

    def test_bad_seed_writes_nothing(self):
        self.init()
        for seed in ('-1', 'eins', '1.5', '99999999999'):
            self.fails_cleanly(2, 'demo', '--seed', seed)


if __name__ == '__main__':
    clitest.main()
