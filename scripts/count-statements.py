#!/usr/bin/env python3
"""Counts SQL statements per event from a PostgreSQL log written with log_statement = 'all'.

  psql -h 127.0.0.1 -U postgres -c "ALTER DATABASE automations_b SET log_statement='all'"
  L0=$(wc -l < /var/log/postgresql/postgresql-15-main.log)
  scripts/load.sh --start pg --modes closed --connections 1 --seconds 5 --warmup 0 --users 200 --automations 100
  psql -h 127.0.0.1 -U postgres -c "ALTER DATABASE automations_b RESET log_statement"
  tail -n +$L0 /var/log/postgresql/postgresql-15-main.log | grep automations@automations_b > /tmp/stmts.log
  python3 scripts/count-statements.py /tmp/stmts.log

Counts from the first INSERT INTO events on (seeding before it is left out). Rows of a JDBC
batch are logged one by one although they travel in one round trip. The outbox worker's
statements (emails, and the run action refresh it does) are counted apart.
"""
import re
import sys
from collections import Counter

lines = open(sys.argv[1]).read().splitlines()
start = next(i for i, l in enumerate(lines) if 'INSERT INTO events' in l)
c = Counter()
for line in lines[start:]:
    m = re.search(r'(statement|execute [^:]*): (.*)', line)
    if m:
        c[re.sub(r"'[^']*'", "?", m.group(2))[:80]] += 1
events = c[next(k for k in c if k.startswith('INSERT INTO events'))]
emails = sum(v for k, v in c.items() if k.startswith('INSERT INTO emails'))
outbox = sum(v for k, v in c.items() if ('emails' in k and not k.startswith('INSERT INTO emails'))
             or 'run_actions WHERE run_id' in k or k.startswith('UPDATE run_actions SET status = $1, attempts'))
total = sum(c.values())
print('events %d, statements %d = %.1f per event; COMMIT %.2f per event; event path %.1f per event '
      '(without BEGIN and the outbox); outbox %.1f per email'
      % (events, total, total / events, c['COMMIT'] / events, (total - outbox - c['BEGIN']) / events,
         outbox / max(1, emails)))
for k, v in c.most_common(40):
    print('%6d %5.2f  %s' % (v, v / events, k))
