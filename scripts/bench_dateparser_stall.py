#!/usr/bin/env python3
"""CPU per file of cleaning N markdown articles with Russian/French date lines in a fresh process (issue #18).

    python scripts/bench_dateparser_stall.py ROOT N    # ROOT: a checkout whose newsdesk/ is measured
"""
import sys, time
sys.path.insert(0, sys.argv[1])
n = int(sys.argv[2])
from newsdesk.clean import clean_markdown
docs = [f"# Заголовок {i}\n\nОпубликовано {1 + i % 28} апреля 2021\n\nВ понедельник паром снова вышел в море, сообщил оператор порта. Пассажиров было сорок.\n\nРейсы продолжатся летом."
        if i % 2 == 0 else f"# Titre {i}\n\nPublié le {1 + i % 28} mai 2021\n\nLe ferry a repris la mer lundi, a indiqué l'opérateur du port. Il y avait quarante passagers.\n\nLes traversées continueront cet été."
        for i in range(n)]
clean_markdown("# warm\n\nMarch 3, 2021\n\nThe ferry made its first crossing of the season on Friday morning.")  # imports, language model
t0 = time.process_time()
got = [clean_markdown(d).published for d in docs]
dt = time.process_time() - t0
print(f"{sys.argv[1]:14} n={n:5} per file {1000 * dt / n:7.2f} ms  dates found {sum(g is not None for g in got)}/{n}")
